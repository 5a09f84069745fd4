// The MPFR SVD (pivoted QR, then one-sided Jacobi on Rᵀ) and the truncated minimum-norm solution.

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "detail/check_finite.hpp"
#include "detail/hestenes_jacobi.hpp"
#include "detail/mpfr_ops.hpp"
#include "detail/pivoted_qr.hpp"
#include "nullity_oracle/mpfr.hpp"

namespace nullity::oracle {
namespace {

using detail::axpy_from;
using detail::dot_from;
using detail::raw;

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
  detail::PivotedQr qr = detail::pivoted_qr(tall ? RealMatrix(X.cast<Real>()) : RealMatrix(X.transpose().cast<Real>()),
                            tall ? m : d, prec);
  RealMatrix G = qr.R.transpose();
  RealMatrix W = identity(m);
  ans.sweeps = detail::hestenes_jacobi(G, W, prec);

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

Real svd_backward_error_bound(const SvdAnswer& svd) {
  PrecisionScope scope(svd.bits);
  const Eigen::Index n = svd.U.rows(), d = svd.V.rows();
  const Real big(std::max<Eigen::Index>({n, d, 1})), small(std::min(n, d));
  return 8 * (Real(svd.sweeps + 1) + small) * big * ldexp(Real(1), -static_cast<int>(svd.bits));
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
