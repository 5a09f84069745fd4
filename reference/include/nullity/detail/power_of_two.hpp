#pragma once
// Exact rescaling by powers of two. Every factorization works on 2^-e·X with max|x_ij| in
// [1/2, 1): multiplying by a power of two is exact (barring underflow of entries already
// 2^-1022 below the largest), so norms can neither overflow (X near DBL_MAX) nor underflow
// (X near DBL_MIN), and the results for 2^k·X are exactly 2^k-scaled copies of those for X.

#include <cmath>
#include <limits>
#include <type_traits>

#include <Eigen/Core>

#include "../scalar_traits.hpp"

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

/// x ↦ x·2^k as a functor: a product when 2^k is representable (the same bits as ldexp, see
/// scaled_by_power_of_two), ldexp otherwise.
template <class Scalar>
struct PowerOfTwoScaling {
  int k;
  bool by_product;
  Scalar factor;
  explicit PowerOfTwoScaling(int k_) : k(k_), by_product(false), factor(Scalar(1)) {
    if constexpr (std::is_floating_point_v<Scalar>) {
      using limits = std::numeric_limits<Scalar>;
      by_product = k >= limits::min_exponent - limits::digits && k < limits::max_exponent;
      if (by_product) factor = times_power_of_two(Scalar(1), k);
    }
  }
  Scalar operator()(const Scalar& x) const { return by_product ? x * factor : times_power_of_two(x, k); }
};

/// 2^k·X as an unevaluated expression, so that a consumer can fuse the scaling into the one copy
/// it makes anyway (e.g. the transposed copy of a QR of Xᵀ) instead of allocating another.
template <class Derived>
auto power_of_two_scaled(const Eigen::MatrixBase<Derived>& X, int k) {
  return X.unaryExpr(PowerOfTwoScaling<typename Derived::Scalar>(k));
}

template <class Derived>
Eigen::Matrix<typename Derived::Scalar, Derived::RowsAtCompileTime, Derived::ColsAtCompileTime>
scaled_by_power_of_two(const Eigen::MatrixBase<Derived>& X, int k) {
  using Scalar = typename Derived::Scalar;
  if constexpr (std::is_floating_point_v<Scalar>) {
    // When 2^k is itself a representable number (normal or subnormal), the IEEE product x·2^k
    // is the exact product rounded once — the same bits as ldexp(x, k) — and it vectorizes;
    // a per-entry ldexp call costs as much as a third of the QR of a 1000×2000 matrix.
    using limits = std::numeric_limits<Scalar>;
    if (k >= limits::min_exponent - limits::digits && k < limits::max_exponent)
      return X * times_power_of_two(Scalar(1), k);
  }
  return X.unaryExpr([k](const Scalar& x) { return times_power_of_two(x, k); });
}

}  // namespace nullity::detail
