#pragma once
// Argument checks shared by every entry point: finiteness (naming the first bad entry) and
// tolerances. They throw nullity::invalid_input; nothing else in the library does.

#include <cmath>
#include <sstream>
#include <string>

#include <Eigen/Core>

#include "../invalid_input.hpp"
#include "../options.hpp"

namespace nullity::detail {

template <class Scalar>
std::string describe_non_finite(const Scalar& v) {
  using std::isnan;
  if (isnan(v)) return "NaN";
  return v > Scalar(0) ? "+Inf" : "-Inf";
}

/// Throws unless every entry of X is finite; the message names the first bad entry.
template <class Derived>
void require_finite_matrix(const Eigen::MatrixBase<Derived>& X, const char* name) {
  using std::isfinite;
  // Column-major scan finds the first bad entry in storage order; report it 0-based.
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      if (!isfinite(X(i, j))) {
        std::ostringstream msg;
        msg << name << " has a non-finite entry " << describe_non_finite(X(i, j)) << " at row " << i
            << ", column " << j << " (0-based)";
        throw invalid_input(msg.str());
      }
}

/// Throws unless every entry of the vector v is finite.
template <class Derived>
void require_finite_vector(const Eigen::MatrixBase<Derived>& v, const char* name) {
  using std::isfinite;
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (!isfinite(v(i))) {
      std::ostringstream msg;
      msg << name << " has a non-finite entry " << describe_non_finite(v(i)) << " at index " << i
          << " (0-based)";
      throw invalid_input(msg.str());
    }
}

template <class Derived>
void require_length(const Eigen::MatrixBase<Derived>& v, Eigen::Index expected, const char* name,
                    const char* against) {
  if (v.size() != expected) {
    std::ostringstream msg;
    msg << name << " has length " << v.size() << " but " << against << " is " << expected;
    throw invalid_input(msg.str());
  }
}

inline void require_valid_options(const Options& o) {
  if (std::isnan(o.rtol) || std::isinf(o.rtol))
    throw invalid_input("rtol must be a finite number (negative selects the rule's default)");
  if (!(o.atol >= 0) || std::isinf(o.atol))
    throw invalid_input("atol must be finite and non-negative, got " + std::to_string(o.atol));
}

}  // namespace nullity::detail
