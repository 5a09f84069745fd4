// One-sided (Hestenes) Jacobi orthogonalization at MPFR precision.

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "detail/hestenes_jacobi.hpp"
#include "detail/mpfr_ops.hpp"

namespace nullity::oracle::detail {
namespace {

/// Jacobi converges quadratically once the off-diagonal mass is small, so the number of sweeps
/// grows like log2(bits): 1 to 11 observed at 256 bits on the sizes of docs/oracle.md. 100 sweeps is
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

}  // namespace

int hestenes_jacobi(RealMatrix& A, RealMatrix& W, mpfr_prec_t prec) {
  const Eigen::Index k = A.cols();
  Scratch w(prec);
  mpfr_t tol, c, s, zeta, floor2;
  for (mpfr_ptr x : {tol, c, s, zeta, floor2}) mpfr_init2(x, prec);
  mpfr_set_ui_2exp(tol, static_cast<unsigned long>(std::max<Eigen::Index>(A.rows(), 1)), 1 - prec, MPFR_RNDN);
  mpfr_set_zero(floor2, 1);  // (2u‖A‖_F)²
  for (Eigen::Index j = 0; j < k; ++j) {
    dot_from(w.t, A, j, A, j, 0);
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
    for (Eigen::Index j = 0; j < k; ++j) dot_from(raw(norm2(j)), A, j, A, j, 0);
    for (Eigen::Index p = 0; p + 1 < k; ++p) {
      for (Eigen::Index q = p + 1; q < k; ++q) {
        dot_from(w.gamma, A, p, A, q, 0);
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
          if (mpfr_cmp(raw(norm2(j)), w.v) < 0) dot_from(raw(norm2(j)), A, j, A, j, 0);
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

}  // namespace nullity::oracle::detail
