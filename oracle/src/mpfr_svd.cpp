// One-sided (Hestenes) Jacobi SVD at MPFR precision, and the truncated minimum-norm solution.

#include <algorithm>
#include <numeric>
#include <utility>
#include <stdexcept>
#include <string>
#include <vector>

#include "detail/check_finite.hpp"
#include "nullity_oracle/mpfr.hpp"

namespace nullity::oracle {
namespace {

/// Jacobi converges quadratically once the off-diagonal mass is small, so the number of sweeps
/// grows like log2(bits): about a dozen at 256 bits on the sizes of docs/oracle.md. 100 sweeps is
/// far beyond that; reaching it means something is wrong, and we say so instead of looping.
constexpr int kMaxSweeps = 100;

/// Preallocated MPFR scratch at one precision: the inner loops below call MPFR directly because a
/// Boost temporary per flop would allocate.
struct Scratch {
  explicit Scratch(mpfr_prec_t prec) {
    for (mpfr_ptr x : {alpha, beta, gamma, t, u, v}) mpfr_init2(x, prec);
  }
  ~Scratch() {
    for (mpfr_ptr x : {alpha, beta, gamma, t, u, v}) mpfr_clear(x);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  mpfr_t alpha, beta, gamma, t, u, v;
};

mpfr_ptr raw(Real& x) { return x.backend().data(); }
mpfr_srcptr raw(const Real& x) { return x.backend().data(); }

/// s ← Σ_i A(i, p)·A(i, q).
void dot(mpfr_ptr s, const RealMatrix& A, Eigen::Index p, Eigen::Index q) {
  mpfr_set_zero(s, 1);
  for (Eigen::Index i = 0; i < A.rows(); ++i) mpfr_fma(s, raw(A(i, p)), raw(A(i, q)), s, MPFR_RNDN);
}

/// [A(:, p) A(:, q)] ← [A(:, p) A(:, q)]·[c s; −s c], each new entry rounded once.
void rotate(RealMatrix& A, Eigen::Index p, Eigen::Index q, mpfr_srcptr c, mpfr_srcptr s, Scratch& w) {
  for (Eigen::Index i = 0; i < A.rows(); ++i) {
    mpfr_ptr ap = raw(A(i, p));
    mpfr_ptr aq = raw(A(i, q));
    mpfr_fmms(w.u, c, ap, s, aq, MPFR_RNDN);  // c·a_p − s·a_q
    mpfr_fmma(aq, s, ap, c, aq, MPFR_RNDN);   // s·a_p + c·a_q
    mpfr_swap(ap, w.u);
  }
}

/// s ← Σ_{i ≥ row0} A(i, p)·B(i, q).
void dot_from(mpfr_ptr s, const RealMatrix& A, Eigen::Index p, const RealMatrix& B, Eigen::Index q, Eigen::Index row0) {
  mpfr_set_zero(s, 1);
  for (Eigen::Index i = row0; i < A.rows(); ++i) mpfr_fma(s, raw(A(i, p)), raw(B(i, q)), s, MPFR_RNDN);
}

/// B(row0:, q) ← B(row0:, q) + f·A(row0:, p).
void axpy_from(RealMatrix& B, Eigen::Index q, mpfr_srcptr f, const RealMatrix& A, Eigen::Index p, Eigen::Index row0) {
  for (Eigen::Index i = row0; i < B.rows(); ++i) mpfr_fma(raw(B(i, q)), f, raw(A(i, p)), raw(B(i, q)), MPFR_RNDN);
}

/// Householder QR with column pivoting, B·P = Q·R (B is m × k, m ≥ k): the preconditioner of
/// Drmač & Veselić ("New fast and accurate Jacobi SVD algorithm", SIMAX 29, 2008). One-sided Jacobi
/// on Rᵀ then needs a few sweeps instead of a dozen, because the rows of R are graded by the
/// pivoting. Q has `q_cols` columns: k (thin) or m (full, whose trailing columns span the
/// orthogonal complement of range B).
struct PivotedQr {
  RealMatrix Q, R;
  std::vector<Eigen::Index> perm;  // column j of B·P is column perm[j] of B
};

PivotedQr pivoted_qr(RealMatrix B, Eigen::Index q_cols, mpfr_prec_t prec) {
  const Eigen::Index m = B.rows(), k = B.cols();
  PivotedQr out;
  out.perm.resize(static_cast<std::size_t>(k));
  std::iota(out.perm.begin(), out.perm.end(), Eigen::Index(0));
  RealMatrix H = RealMatrix::Zero(m, k);  // Householder vector j in H(j:, j)
  std::vector<Real> tau(static_cast<std::size_t>(k), Real(0));
  mpfr_t t, best, f;
  for (mpfr_ptr x : {t, best, f}) mpfr_init2(x, prec);
  for (Eigen::Index j = 0; j < k; ++j) {
    Eigen::Index pivot = j;
    mpfr_set_si(best, -1, MPFR_RNDN);
    for (Eigen::Index l = j; l < k; ++l) {
      dot_from(t, B, l, B, l, j);
      if (mpfr_cmp(t, best) > 0) pivot = l, mpfr_set(best, t, MPFR_RNDN);
    }
    if (pivot != j) {
      B.col(j).swap(B.col(pivot));
      std::swap(out.perm[static_cast<std::size_t>(j)], out.perm[static_cast<std::size_t>(pivot)]);
    }
    if (mpfr_zero_p(best)) continue;  // the rest is zero: R's trailing block is zero
    // H_j = I − τ v vᵀ maps B(j:, j) to α e₁ with α = −sign(b_jj)‖B(j:, j)‖ (no cancellation in
    // v₀ = b_jj − α), and vᵀv = 2‖x‖(‖x‖ + |b_jj|).
    mpfr_sqrt(best, best, MPFR_RNDN);  // ‖x‖
    mpfr_ptr bjj = raw(B(j, j));
    for (Eigen::Index i = j; i < m; ++i) mpfr_set(raw(H(i, j)), raw(B(i, j)), MPFR_RNDN);
    mpfr_abs(t, bjj, MPFR_RNDN);
    mpfr_add(t, t, best, MPFR_RNDN);
    mpfr_mul(t, t, best, MPFR_RNDN);
    mpfr_ui_div(raw(tau[static_cast<std::size_t>(j)]), 1, t, MPFR_RNDN);  // τ = 2/vᵀv
    if (mpfr_sgn(bjj) < 0) mpfr_neg(best, best, MPFR_RNDN);               // best = −α
    mpfr_add(raw(H(j, j)), raw(H(j, j)), best, MPFR_RNDN);                 // v₀ = b_jj − α
    mpfr_neg(bjj, best, MPFR_RNDN);
    for (Eigen::Index i = j + 1; i < m; ++i) mpfr_set_zero(raw(B(i, j)), 1);
    for (Eigen::Index l = j + 1; l < k; ++l) {
      dot_from(f, H, j, B, l, j);
      mpfr_mul(f, f, raw(tau[static_cast<std::size_t>(j)]), MPFR_RNDN);
      mpfr_neg(f, f, MPFR_RNDN);
      axpy_from(B, l, f, H, j, j);
    }
  }
  out.R = B.topRows(k);
  // Q = H_0 ⋯ H_{k−1} applied to the first q_cols columns of I_m; H_j leaves columns l < j of
  // the identity alone (they are zero in rows ≥ j), hence l ≥ min(j, ...) below.
  out.Q = RealMatrix::Zero(m, q_cols);
  for (Eigen::Index i = 0; i < q_cols; ++i) out.Q(i, i) = 1;
  for (Eigen::Index j = k - 1; j >= 0; --j) {
    if (mpfr_zero_p(raw(tau[static_cast<std::size_t>(j)]))) continue;
    for (Eigen::Index l = j; l < q_cols; ++l) {
      dot_from(f, H, j, out.Q, l, j);
      mpfr_mul(f, f, raw(tau[static_cast<std::size_t>(j)]), MPFR_RNDN);
      mpfr_neg(f, f, MPFR_RNDN);
      axpy_from(out.Q, l, f, H, j, j);
    }
  }
  for (mpfr_ptr x : {t, best, f}) mpfr_clear(x);
  return out;
}

/// Orthogonalizes the columns of A (m × k) by plane rotations, accumulating them into W (k × k),
/// until every pair satisfies |a_pᵀa_q| ≤ tol·‖a_p‖‖a_q‖ with tol = m·2^(1−prec): the rounding error
/// of an m-term dot product is below m·2^(−prec)·‖a_p‖‖a_q‖ (Higham, Accuracy and Stability,
/// §3.1), so a smaller tolerance could chase noise forever and a larger one is not needed.
/// A pair that still needs a rotation while one of its columns has norm ≤ 2u‖A‖_F (u = 2^−prec)
/// has that column set to zero instead. Why: when X is rank-deficient, a column can be pure
/// rounding noise, and noise can be parallel to another column again after each rotation (it is
/// built from the same entries); rotating then only shrinks it by about u per sweep, and MPFR's
/// exponent range is too wide for it to underflow. Zeroing it is a backward perturbation of at
/// most 2u‖X‖_F per column — below the rotations' own error — and its direction is kept in W.
/// Returns the number of sweeps run.
int hestenes_jacobi(RealMatrix& A, RealMatrix& W, mpfr_prec_t prec) {
  const Eigen::Index k = A.cols();
  Scratch w(prec);
  mpfr_t tol, c, s, zeta, floor2;
  for (mpfr_ptr x : {tol, c, s, zeta, floor2}) mpfr_init2(x, prec);
  mpfr_set_ui_2exp(tol, static_cast<unsigned long>(std::max<Eigen::Index>(A.rows(), 1)), 1 - prec, MPFR_RNDN);
  mpfr_set_zero(floor2, 1);  // (2u‖A‖_F)²
  for (Eigen::Index j = 0; j < k; ++j) {
    dot(w.t, A, j, j);
    mpfr_add(floor2, floor2, w.t, MPFR_RNDN);
  }
  mpfr_mul_2si(floor2, floor2, 2 - 2 * prec, MPFR_RNDN);
  // Squared column norms: computed afresh at the start of every sweep and updated after a rotation
  // by the exact identities ‖a_p'‖² = α − tγ, ‖a_q'‖² = β + tγ, whose rounding error is about
  // u(α + β); when an update falls below 1/64 of the old value (cancellation) it is recomputed.
  // A sweep that rotates nothing — the one that ends the loop — therefore tests fresh norms.
  RealVector norm2(k);
  bool converged = false;
  int sweep = 0;
  for (; sweep < kMaxSweeps && !converged; ++sweep) {
    converged = true;
    for (Eigen::Index j = 0; j < k; ++j) dot(raw(norm2(j)), A, j, j);
    for (Eigen::Index p = 0; p + 1 < k; ++p) {
      for (Eigen::Index q = p + 1; q < k; ++q) {
        dot(w.gamma, A, p, q);
        if (mpfr_zero_p(w.gamma)) continue;
        mpfr_set(w.alpha, raw(norm2(p)), MPFR_RNDN);
        mpfr_set(w.beta, raw(norm2(q)), MPFR_RNDN);
        mpfr_mul(w.t, w.alpha, w.beta, MPFR_RNDN);
        mpfr_sqrt(w.t, w.t, MPFR_RNDN);
        mpfr_mul(w.t, w.t, tol, MPFR_RNDN);
        if (mpfr_cmpabs(w.gamma, w.t) <= 0) continue;
        converged = false;
        if (mpfr_cmp(w.alpha, floor2) <= 0 || mpfr_cmp(w.beta, floor2) <= 0) {
          const Eigen::Index noise = mpfr_cmp(w.alpha, w.beta) <= 0 ? p : q;
          for (Eigen::Index i = 0; i < A.rows(); ++i) mpfr_set_zero(raw(A(i, noise)), 1);
          mpfr_set_zero(raw(norm2(noise)), 1);
          continue;
        }
        // ζ = (β − α)/(2γ), t = sign(ζ)/(|ζ| + √(1 + ζ²)) (the smaller root, |θ| ≤ π/4),
        // c = 1/√(1 + t²), s = c·t: zeroes the rotated pair's inner product.
        mpfr_sub(zeta, w.beta, w.alpha, MPFR_RNDN);
        mpfr_div(zeta, zeta, w.gamma, MPFR_RNDN);
        mpfr_div_2ui(zeta, zeta, 1, MPFR_RNDN);
        mpfr_set_ui(w.u, 1, MPFR_RNDN);
        mpfr_hypot(w.t, zeta, w.u, MPFR_RNDN);  // √(1 + ζ²)
        mpfr_abs(w.v, zeta, MPFR_RNDN);
        mpfr_add(w.t, w.t, w.v, MPFR_RNDN);
        mpfr_ui_div(w.t, 1, w.t, MPFR_RNDN);
        if (mpfr_sgn(zeta) < 0) mpfr_neg(w.t, w.t, MPFR_RNDN);
        mpfr_hypot(c, w.t, w.u, MPFR_RNDN);  // √(1 + t²)
        mpfr_ui_div(c, 1, c, MPFR_RNDN);
        mpfr_mul(s, c, w.t, MPFR_RNDN);
        rotate(A, p, q, c, s, w);
        rotate(W, p, q, c, s, w);
        mpfr_mul(w.u, w.t, w.gamma, MPFR_RNDN);  // tγ
        mpfr_sub(raw(norm2(p)), w.alpha, w.u, MPFR_RNDN);
        mpfr_add(raw(norm2(q)), w.beta, w.u, MPFR_RNDN);
        for (auto [j, old_norm2] : {std::pair<Eigen::Index, mpfr_srcptr>{p, w.alpha}, {q, w.beta}}) {
          mpfr_mul_2si(w.v, old_norm2, -6, MPFR_RNDN);
          if (mpfr_cmp(raw(norm2(j)), w.v) < 0) dot(raw(norm2(j)), A, j, j);
        }
      }
    }
  }
  for (mpfr_ptr x : {tol, c, s, zeta, floor2}) mpfr_clear(x);
  if (!converged)
    throw std::runtime_error("nullity oracle: one-sided Jacobi did not converge in " + std::to_string(kMaxSweeps) +
                             " sweeps");
  return sweep;
}

/// Fills the columns of Q (m × K, K ≤ m) not marked present with unit vectors orthogonal to all
/// others: for each, the coordinate vector e_j least represented in the current columns (smallest
/// row norm, so at least 1 − K/m of it survives the projection) minus its projection, twice
/// (Gram–Schmidt needs one reorthogonalization: "twice is enough", Giraud et al. 2005), normalized.
void complete_orthonormal(RealMatrix& Q, std::vector<bool> present, mpfr_prec_t prec) {
  const Eigen::Index m = Q.rows(), K = Q.cols();
  if (std::all_of(present.begin(), present.end(), [](bool b) { return b; })) return;
  RealVector rho = RealVector::Zero(m);  // squared row norms over the present columns
  for (Eigen::Index l = 0; l < K; ++l)
    if (present[static_cast<std::size_t>(l)])
      for (Eigen::Index i = 0; i < m; ++i) mpfr_fma(raw(rho(i)), raw(Q(i, l)), raw(Q(i, l)), raw(rho(i)), MPFR_RNDN);
  mpfr_t f;
  mpfr_init2(f, prec);
  for (Eigen::Index k = 0; k < K; ++k) {
    if (present[static_cast<std::size_t>(k)]) continue;
    Eigen::Index best = 0;
    for (Eigen::Index j = 1; j < m; ++j)
      if (mpfr_cmp(raw(rho(j)), raw(rho(best))) < 0) best = j;
    for (Eigen::Index i = 0; i < m; ++i) mpfr_set_ui(raw(Q(i, k)), i == best ? 1 : 0, MPFR_RNDN);
    for (int pass = 0; pass < 2; ++pass)
      for (Eigen::Index l = 0; l < K; ++l) {
        if (!present[static_cast<std::size_t>(l)]) continue;
        dot_from(f, Q, l, Q, k, 0);
        mpfr_neg(f, f, MPFR_RNDN);
        axpy_from(Q, k, f, Q, l, 0);
      }
    dot_from(f, Q, k, Q, k, 0);
    mpfr_sqrt(f, f, MPFR_RNDN);
    for (Eigen::Index i = 0; i < m; ++i) {
      mpfr_div(raw(Q(i, k)), raw(Q(i, k)), f, MPFR_RNDN);
      mpfr_fma(raw(rho(i)), raw(Q(i, k)), raw(Q(i, k)), raw(rho(i)), MPFR_RNDN);
    }
    present[static_cast<std::size_t>(k)] = true;
  }
  mpfr_clear(f);
}

RealMatrix identity(Eigen::Index n) {
  RealMatrix I = RealMatrix::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) I(i, i) = 1;
  return I;
}

}  // namespace

SvdAnswer mpfr_svd(const Eigen::MatrixXd& X, unsigned bits) {
  if (bits < 200) throw std::invalid_argument("nullity oracle: mpfr_svd needs bits >= 200, got " + std::to_string(bits));
  detail::check_finite(X, "the matrix");
  PrecisionScope scope(bits);
  const auto prec = static_cast<mpfr_prec_t>(scope.bits());
  const Eigen::Index n = X.rows(), d = X.cols(), m = std::min(n, d);
  SvdAnswer ans;
  ans.bits = scope.bits();
  ans.s.resize(m);
  ans.U.resize(n, m);
  if (m == 0) {
    ans.V = identity(d);
    return ans;
  }

  // B = X (tall) or Xᵀ (wide), m_B × m with m_B ≥ m. Preconditioned (Drmač–Veselić):
  // B·P = Q·R, then one-sided Jacobi on Rᵀ gives Rᵀ·W = G with orthogonal columns, G = Ũ·Σ. Hence
  // R = W·Σ·Ũᵀ and B = (Q·W)·Σ·(P·Ũ)ᵀ: B's left singular vectors are Q·W, its right ones P·Ũ.
  const bool tall = n >= d;
  PivotedQr qr = pivoted_qr(tall ? RealMatrix(X.cast<Real>()) : RealMatrix(X.transpose().cast<Real>()),
                            tall ? m : d, prec);
  RealMatrix G = qr.R.transpose();
  RealMatrix W = identity(m);
  ans.sweeps = hestenes_jacobi(G, W, prec);

  RealVector norms(m);
  mpfr_t f;
  mpfr_init2(f, prec);
  for (Eigen::Index j = 0; j < m; ++j) {
    dot_from(f, G, j, G, j, 0);
    mpfr_sqrt(raw(norms(j)), f, MPFR_RNDN);
  }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return norms(a) > norms(b); });

  // Ũ, in order: normalized columns of G; a column that is exactly zero has no direction and is
  // completed from the orthogonal complement of the others. Then P·Ũ.
  RealMatrix Ut(m, m);
  std::vector<bool> present(static_cast<std::size_t>(m), false);
  for (Eigen::Index k = 0; k < m; ++k) {
    const Eigen::Index j = order[static_cast<std::size_t>(k)];
    ans.s(k) = norms(j);
    if (!mpfr_zero_p(raw(norms(j)))) {
      for (Eigen::Index i = 0; i < m; ++i) mpfr_div(raw(Ut(i, k)), raw(G(i, j)), raw(norms(j)), MPFR_RNDN);
      present[static_cast<std::size_t>(k)] = true;
    }
  }
  complete_orthonormal(Ut, present, prec);
  RealMatrix right(m, m);
  for (Eigen::Index i = 0; i < m; ++i) right.row(qr.perm[static_cast<std::size_t>(i)]) = Ut.row(i);

  // Q·W in order (the first m columns of Q), then Q's trailing columns when Q is full.
  RealMatrix left = qr.Q;
  for (Eigen::Index k = 0; k < m; ++k) {
    const Eigen::Index j = order[static_cast<std::size_t>(k)];
    for (Eigen::Index i = 0; i < left.rows(); ++i) {
      mpfr_set_zero(f, 1);
      for (Eigen::Index l = 0; l < m; ++l) mpfr_fma(f, raw(qr.Q(i, l)), raw(W(l, j)), f, MPFR_RNDN);
      mpfr_set(raw(left(i, k)), f, MPFR_RNDN);
    }
  }
  mpfr_clear(f);
  if (tall) {
    ans.U = std::move(left);  // n × d
    ans.V = std::move(right);
  } else {
    ans.U = std::move(right);
    ans.V = std::move(left);  // d × d: [Q₁·W, Q₂], Q₂ spanning the complement of range Xᵀ
  }
  return ans;
}

RealVector mpfr_min_norm_solve(const SvdAnswer& svd, const Eigen::VectorXd& y, Eigen::Index rank) {
  if (y.size() != svd.U.rows())
    throw std::invalid_argument("nullity oracle: y has " + std::to_string(y.size()) + " entries but X has " +
                                std::to_string(svd.U.rows()) + " rows");
  if (rank < 0 || rank > svd.s.size())
    throw std::invalid_argument("nullity oracle: rank " + std::to_string(rank) + " is outside [0, " +
                                std::to_string(svd.s.size()) + "]");
  if (rank > 0 && svd.s(rank - 1) == 0)
    throw std::invalid_argument("nullity oracle: sigma_" + std::to_string(rank) + " is zero, so rank " +
                                std::to_string(rank) + " cannot be inverted");
  detail::check_finite(y, "the right-hand side");
  PrecisionScope scope(svd.bits);
  const Eigen::Index d = svd.V.rows();
  RealVector w = RealVector::Zero(d);
  for (Eigen::Index k = 0; k < rank; ++k) {
    Real c = 0;
    for (Eigen::Index i = 0; i < y.size(); ++i) c += svd.U(i, k) * Real(y(i));
    c /= svd.s(k);
    for (Eigen::Index i = 0; i < d; ++i) w(i) += c * svd.V(i, k);
  }
  return w;
}

Eigen::MatrixXd to_double(const RealMatrix& A) {
  Eigen::MatrixXd D(A.rows(), A.cols());
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    for (Eigen::Index i = 0; i < A.rows(); ++i) D(i, j) = mpfr_get_d(raw(A(i, j)), MPFR_RNDN);
  return D;
}

Eigen::VectorXd to_double(const RealVector& a) {
  Eigen::VectorXd d(a.size());
  for (Eigen::Index i = 0; i < a.size(); ++i) d(i) = mpfr_get_d(raw(a(i)), MPFR_RNDN);
  return d;
}

}  // namespace nullity::oracle
