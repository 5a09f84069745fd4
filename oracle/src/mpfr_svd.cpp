// One-sided (Hestenes) Jacobi SVD at MPFR precision, and the truncated minimum-norm solution.

#include <algorithm>
#include <numeric>
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

/// [A(:, p) A(:, q)] ← [A(:, p) A(:, q)]·[c s; −s c].
void rotate(RealMatrix& A, Eigen::Index p, Eigen::Index q, mpfr_srcptr c, mpfr_srcptr s, Scratch& w) {
  for (Eigen::Index i = 0; i < A.rows(); ++i) {
    mpfr_ptr ap = raw(A(i, p));
    mpfr_ptr aq = raw(A(i, q));
    mpfr_mul(w.u, s, aq, MPFR_RNDN);
    mpfr_fms(w.u, c, ap, w.u, MPFR_RNDN);  // c·a_p − s·a_q
    mpfr_mul(w.v, s, ap, MPFR_RNDN);
    mpfr_fma(aq, c, aq, w.v, MPFR_RNDN);  // s·a_p + c·a_q
    mpfr_swap(ap, w.u);
  }
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
  bool converged = false;
  int sweep = 0;
  for (; sweep < kMaxSweeps && !converged; ++sweep) {
    converged = true;
    for (Eigen::Index p = 0; p + 1 < k; ++p) {
      for (Eigen::Index q = p + 1; q < k; ++q) {
        dot(w.gamma, A, p, q);
        if (mpfr_zero_p(w.gamma)) continue;
        dot(w.alpha, A, p, p);
        dot(w.beta, A, q, q);
        mpfr_mul(w.t, w.alpha, w.beta, MPFR_RNDN);
        mpfr_sqrt(w.t, w.t, MPFR_RNDN);
        mpfr_mul(w.t, w.t, tol, MPFR_RNDN);
        if (mpfr_cmpabs(w.gamma, w.t) <= 0) continue;
        converged = false;
        if (mpfr_cmp(w.alpha, floor2) <= 0 || mpfr_cmp(w.beta, floor2) <= 0) {
          const Eigen::Index noise = mpfr_cmp(w.alpha, w.beta) <= 0 ? p : q;
          for (Eigen::Index i = 0; i < A.rows(); ++i) mpfr_set_zero(raw(A(i, noise)), 1);
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
/// row norm) minus its projection, twice (Gram–Schmidt needs one reorthogonalization: "twice is
/// enough", Giraud et al. 2005), normalized.
void complete_orthonormal(RealMatrix& Q, std::vector<bool> present) {
  const Eigen::Index m = Q.rows();
  for (Eigen::Index k = 0; k < Q.cols(); ++k) {
    if (present[static_cast<std::size_t>(k)]) continue;
    Eigen::Index best = 0;
    Real best_norm;
    for (Eigen::Index j = 0; j < m; ++j) {
      Real rho = 0;
      for (Eigen::Index l = 0; l < Q.cols(); ++l)
        if (present[static_cast<std::size_t>(l)]) rho += Q(j, l) * Q(j, l);
      if (j == 0 || rho < best_norm) best = j, best_norm = rho;
    }
    RealVector v = RealVector::Zero(m);
    v(best) = 1;
    for (int pass = 0; pass < 2; ++pass) {
      for (Eigen::Index l = 0; l < Q.cols(); ++l) {
        if (!present[static_cast<std::size_t>(l)]) continue;
        Real proj = 0;
        for (Eigen::Index i = 0; i < m; ++i) proj += Q(i, l) * v(i);
        for (Eigen::Index i = 0; i < m; ++i) v(i) -= proj * Q(i, l);
      }
    }
    Real norm = 0;
    for (Eigen::Index i = 0; i < m; ++i) norm += v(i) * v(i);
    norm = sqrt(norm);
    Q.col(k) = v / norm;
    present[static_cast<std::size_t>(k)] = true;
  }
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

  // Tall: Jacobi on the d columns of X gives X·W = A, V = W (full), U = A/σ.
  // Wide: Jacobi on the n columns of Xᵀ gives Xᵀ·W = A, so X = W·Σ·(A/σ)ᵀ: U = W, V = [A/σ, completion].
  const bool tall = n >= d;
  RealMatrix A = tall ? X.cast<Real>() : RealMatrix(X.transpose().cast<Real>());
  RealMatrix W = identity(m);
  ans.sweeps = hestenes_jacobi(A, W, prec);

  RealVector norms(m);
  for (Eigen::Index j = 0; j < m; ++j) {
    Real s2 = 0;
    for (Eigen::Index i = 0; i < A.rows(); ++i) s2 += A(i, j) * A(i, j);
    norms(j) = sqrt(s2);
  }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return norms(a) > norms(b); });

  // Normalized columns of A, in order; a column that is exactly zero has no direction and is
  // completed from the orthogonal complement of the others.
  RealMatrix Q(A.rows(), tall ? m : d);
  std::vector<bool> present(static_cast<std::size_t>(Q.cols()), false);
  for (Eigen::Index k = 0; k < m; ++k) {
    const Eigen::Index j = order[static_cast<std::size_t>(k)];
    ans.s(k) = norms(j);
    if (norms(j) != 0) {
      Q.col(k) = A.col(j) / norms(j);
      present[static_cast<std::size_t>(k)] = true;
    }
  }
  complete_orthonormal(Q, present);
  RealMatrix Wo(m, m);
  for (Eigen::Index k = 0; k < m; ++k) Wo.col(k) = W.col(order[static_cast<std::size_t>(k)]);
  if (tall) {
    ans.U = std::move(Q);
    ans.V = std::move(Wo);
  } else {
    ans.U = std::move(Wo);
    ans.V = std::move(Q);
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
