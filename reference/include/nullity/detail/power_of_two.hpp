#pragma once
// Exact rescaling by powers of two. Every factorization works on 2^-e·X with max|x_ij| in
// [1/2, 1): multiplying by a power of two is exact (barring underflow of entries already
// 2^-1022 below the largest), so norms can neither overflow (X near DBL_MAX) nor underflow
// (X near DBL_MIN), and the results for 2^k·X are exactly 2^k-scaled copies of those for X.

#include <cmath>

#include <Eigen/Core>

namespace nullity::detail {

/// e such that max|v_i| · 2^-e lies in [1/2, 1); 0 for an all-zero or empty argument.
template <class Derived>
int binary_exponent_of_max(const Eigen::MatrixBase<Derived>& v) {
  using std::frexp;
  using Scalar = typename Derived::Scalar;
  if (v.size() == 0) return 0;
  const Scalar m = v.cwiseAbs().maxCoeff();
  if (m == Scalar(0)) return 0;
  int e = 0;
  (void)frexp(m, &e);
  return e;
}

/// x · 2^k, exactly.
template <class Scalar>
Scalar times_power_of_two(const Scalar& x, int k) {
  using std::ldexp;
  return ldexp(x, k);
}

template <class Derived>
Eigen::Matrix<typename Derived::Scalar, Derived::RowsAtCompileTime, Derived::ColsAtCompileTime>
scaled_by_power_of_two(const Eigen::MatrixBase<Derived>& X, int k) {
  using Scalar = typename Derived::Scalar;
  return X.unaryExpr([k](const Scalar& x) { return times_power_of_two(x, k); });
}

}  // namespace nullity::detail
