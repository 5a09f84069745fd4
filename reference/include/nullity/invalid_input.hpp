#pragma once
/// \file
/// The two exceptions nullity throws. Bad arguments (non-finite entries, mismatched sizes,
/// negative tolerances) throw `invalid_input`; a factorization that Eigen reports as not
/// converged throws `numerical_error` from the accessor that would have used it.

#include <stdexcept>
#include <string>

namespace nullity {

/// Thrown for bad arguments: the message names the problem (for a non-finite entry, its
/// row and column), in one line.
class invalid_input : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Thrown when the underlying decomposition did not converge (Eigen's `info()` was not
/// `Success`): the result would be garbage, so it is never returned silently.
class numerical_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace nullity
