#pragma once
// The one-shot minimum-norm solve of the SVD path on the LAPACK backend (`min_norm_solve`):
// Householder QR of the tall orientation, then xGELSD on the p×p triangular factor — the
// structure of xGELSD itself for m ≫ n, with Eigen's blocked QR (faster here than xGEQRF) in
// front. No singular vector is formed: xGELSD applies its bidiagonal divide and conquer to the
// right-hand side directly, which is why this beats `factorize(X).solve(y)` for one y.
//
// The rank rule is the same: xGELSD treats singular values ≤ RCOND·s₁ as zero, i.e. keeps
// #{s_i > rtol·s₁}, our r with τ = rtol·s₁. Only rules of that form qualify, with 0 < rtol < 1
// (xLALSD replaces any other RCOND by ε): not atol > 0, MATLAB's eps(s₁) basis or Eigen's
// normal-number floor, for which the caller factorizes.
// The singular values are those xGELSD computes of R₀; they agree with factorize(X)'s to the
// backward error O(max(n,d)·ε·s₁), so on a matrix with a singular value that close to τ the
// two entry points may keep different ranks, both inside the certificate's [rank_lo, rank_hi].
//
//   X = A (n > d):  min‖Xw − y‖ = min‖R₀w − (Q₀ᵀy)_{1:p}‖, and w is that problem's solution.
//   X = Aᵀ (n < d): X = [R₀ᵀ 0]Q₀ᵀ; with v = Q₀ᵀw, Xw = R₀ᵀv₁ and ‖w‖ = ‖v‖, so v₂ = 0 and
//                   v₁ = the minimum-norm solution of R₀ᵀv₁ ≈ y; w = Q₀[v₁; 0].

#include <optional>
#include <string>

#include <Eigen/Core>
#include <Eigen/QR>

#include "../options.hpp"
#include "lapack.hpp"
#include "power_of_two.hpp"
#include "tall_reduction.hpp"
#include "tolerance.hpp"
#include "validate.hpp"

namespace nullity::detail {

/// w⁺ by xGELSD, or nothing when the options do not ask for it (the caller factorizes).
/// \throws invalid_input for a non-finite entry, a wrong length or invalid options.
template <class DerivedX, class DerivedY, class Scalar = typename DerivedX::Scalar>
std::optional<Eigen::Matrix<Scalar, Eigen::Dynamic, 1>> gelsd_route(const Eigen::MatrixBase<DerivedX>& X,
                                                                  const Eigen::MatrixBase<DerivedY>& y_,
                                                                  const Options& o) {
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  require_valid_options(o);
  if (!uses_lapack<Scalar>(o) || o.method != Method::svd || o.atol > 0 || o.rule == Rule::matlab ||
      o.rule == Rule::eigen)
    return std::nullopt;
  if constexpr (lapack_scalar<Scalar>) {
    const Eigen::Index n = X.rows(), d = X.cols();
    require_finite_matrix(X, "X");
    require_length(y_, n, "y", "the number of rows of X");
    require_finite_vector(y_, "y");
    if (n == 0 || d == 0) return Vector(Vector::Zero(d));
    std::string words;
    const Scalar rtol = o.rtol >= 0 ? Scalar(o.rtol) : default_rtol<Scalar>(o.rule, n, d, words);
    // xGELSD's xLALSD replaces RCOND ≤ 0 or ≥ 1 by ε: only 0 < rtol < 1 is our rule there.
    if (!(rtol > Scalar(0) && rtol < Scalar(1))) return std::nullopt;
    const int e = binary_exponent_of_max(X);
    const auto Xs = power_of_two_scaled(X, -e);
    // X = A (n ≥ d): min‖Xw − y‖ = min‖R₀w − (Q₀ᵀy)_{1:p}‖; X = Aᵀ (n < d): R₀ᵀv₁ ≈ y, w = Q₀[v₁; 0]
    // (header comment); n = d: xGELSD on X itself.
    Eigen::HouseholderQR<Matrix> qr;
    Matrix B = square_factor_of_tall_orientation(Xs, qr);
    if (n < d) B.transposeInPlace();
    const Eigen::Index p = std::min(n, d);
    bool converged = true;
    // xGELSD overwrites its matrix: each call (a retry of solve_with_scaled_rhs) works on a copy.
    const auto solve = [&](const Vector& ys) -> Vector {
      Matrix A = B;
      Vector b = n > d ? Vector((qr.householderQ().transpose() * ys).head(p)) : ys;
      int rank = 0;
      if (gelsd(A, b, rtol, rank) != 0) converged = false;
      if (n >= d) return b;
      Vector w = Vector::Zero(d);
      w.head(p) = b;
      return qr.householderQ() * w;
    };
    const Vector w = solve_with_scaled_rhs(Vector(y_), e, solve);
    if (!converged) return std::nullopt;
    return w;
  }
  return std::nullopt;
}

}  // namespace nullity::detail
