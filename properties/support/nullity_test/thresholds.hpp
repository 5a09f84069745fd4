#pragma once
/// \file
/// The pass/fail threshold every check of nullity shares, defined once: the tests, the kit, the
/// fuzz harnesses and the examples import it from here.

namespace nullity_test {

/// LAPACK's threshold for its scaled test ratios (TESTING/dtest.in: THRESH = 30): a check
/// passes while measured / (its bound's formula) < kThresh. The formula carries the dimensions,
/// ε, the σ's and κ; kThresh absorbs only the constant the bound leaves unstated.
inline constexpr double kThresh = 30;

}  // namespace nullity_test
