#pragma once
/// \file
/// The oracle's working precision, in a header light enough for the command's help text.

namespace nullity::oracle {

/// The oracle's precision wherever nullity consults it (the kit, the command, the regression
/// cases), defined once: 256 bits put the oracle's own error (svd_backward_error_bound) some
/// 2^-200 below the double and float errors it judges.
inline constexpr unsigned default_bits = 256;

}  // namespace nullity::oracle
