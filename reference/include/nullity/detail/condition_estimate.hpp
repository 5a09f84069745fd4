#pragma once
// Higham's 1-norm estimator (Higham, "FORTRAN codes for estimating the one-norm of a real or
// complex matrix", ACM TOMS 14, 1988, Algorithm 4.1; LAPACK xLACN2, as used by xTRCON), applied
// to B = R⁻¹ for an upper-triangular R: at most five pairs of triangular solves, O(p²) work.
//
// The result is a LOWER bound on ‖R⁻¹‖₁ (it is ‖R⁻¹x‖₁ for a vector with ‖x‖₁ = 1), in practice
// exact or within a factor 3 (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
// §15.3), but it can be fooled by matrices built against it. Callers must treat it as an
// estimate and keep a margin.

#include <cmath>

#include <Eigen/Core>

namespace nullity::detail {

template <class Scalar>
Scalar sign_of(const Scalar& x) {
  return x < Scalar(0) ? Scalar(-1) : Scalar(1);
}

/// Estimate of ‖R⁻¹‖₁ for the upper-triangular R (given by its triangular view); +∞ or NaN when R
/// is (numerically) singular, which callers must read as "not well conditioned".
template <class TriangularView>
auto inverse_one_norm_estimate(const TriangularView& R) {
  using Vector = Eigen::Matrix<typename TriangularView::Scalar, Eigen::Dynamic, 1>;
  using Scalar = typename Vector::Scalar;
  using std::abs;
  const Eigen::Index p = R.rows();
  if (p == 0) return Scalar(0);
  auto solve = [&](const Vector& x) -> Vector { return R.solve(x); };
  auto solve_transposed = [&](const Vector& x) -> Vector { return R.transpose().solve(x); };
  auto signs = [](const Vector& v) -> Vector { return v.unaryExpr([](const Scalar& t) { return sign_of(t); }); };

  Vector x = Vector::Constant(p, Scalar(1) / Scalar(int(p)));
  Vector y = solve(x);
  Scalar est = y.template lpNorm<1>();
  if (p > 1) {
    Vector xi = signs(y);
    Eigen::Index j = 0;
    solve_transposed(xi).cwiseAbs().maxCoeff(&j);
    for (int iter = 2; iter <= 5; ++iter) {
      y = solve(Vector::Unit(p, j));
      const Scalar previous = est;
      est = y.template lpNorm<1>();
      const Vector xi_new = signs(y);
      if (xi_new == xi || !(est > previous)) {  // converged, or no progress (also stops on NaN)
        est = est > previous ? est : previous;
        break;
      }
      xi = xi_new;
      const Vector z = solve_transposed(xi);
      const Eigen::Index j_last = j;
      z.cwiseAbs().maxCoeff(&j);
      if (abs(z(j_last)) == abs(z(j))) break;
    }
    // Higham's extra test vector x_i = (−1)^(i)(1 + i/(p−1)), which catches the matrices for
    // which the iteration above stalls.
    for (Eigen::Index i = 0; i < p; ++i)
      x(i) = (i % 2 == 0 ? Scalar(1) : Scalar(-1)) * (Scalar(1) + Scalar(int(i)) / Scalar(int(p - 1)));
    const Scalar alternative = Scalar(2) * solve(x).template lpNorm<1>() / Scalar(3 * int(p));
    if (alternative > est) est = alternative;
  }
  return est;
}

}  // namespace nullity::detail
