#pragma once
/// \file
/// The one hook through which nullity asks a scalar type for its machine constants. It works
/// for float, double, long double and Boost.Multiprecision numbers (whose
/// `NumTraits::lowest()` is wrong in Boost 1.74, so it is never used); specialise it for an
/// unusual scalar.

#include <limits>

#include <Eigen/Core>

namespace nullity {

template <class Scalar>
struct scalar_traits {
  /// Machine epsilon ε: the distance from 1 to the next larger number.
  static Scalar epsilon() { return Eigen::NumTraits<Scalar>::epsilon(); }
  /// The smallest positive normal number.
  static Scalar min_normal() { return (std::numeric_limits<Scalar>::min)(); }
  static Scalar infinity() { return std::numeric_limits<Scalar>::infinity(); }
};

}  // namespace nullity
