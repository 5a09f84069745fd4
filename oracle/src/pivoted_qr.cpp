// Householder QR with column pivoting at MPFR precision.

#include <numeric>
#include <utility>

#include "detail/mpfr_ops.hpp"
#include "detail/pivoted_qr.hpp"

namespace nullity::oracle::detail {

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

}  // namespace nullity::oracle::detail
