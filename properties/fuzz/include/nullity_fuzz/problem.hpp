#pragma once
// Bytes → a least-squares problem (X, y, v, options) for the factorization harnesses.
//
// Layout (every byte past the end reads as 0, see byte_source.hpp):
//   n = b0 mod 17, d = b1 mod 17            (0…16, so empty shapes are drawn too)
//   b2: bit 0 X from raw doubles, bit 1 y and v from raw doubles, bit 2 non-finite entries
//       allowed, bits 3–5 the rule (6 and 7 read as numpy)
//   b3: rtol, b4: atol, from the tables below (half of the codes mean "the default")
//   then X column by column, then y (n entries), then v (d entries, for split()).
// A table entry is one byte: below 0x80 a value of kValues (a handful of codes are NaN and ±Inf
// when allowed, 0 otherwise); from 0x80 on, a near-duplicate: the entry to the left (or above,
// in the first column) times ±1, 2, 1/2 or 2^±30, then moved by −8…+7 units in the last place.
// Near-duplicate columns make the rank decisions that sit right at the threshold.
// A raw entry is 8 bytes, the bits of a double (non-finite ones read as 0 unless allowed).

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include <Eigen/Core>
#include <nullity/options.hpp>

#include "byte_source.hpp"

namespace nullity_fuzz {

struct Problem {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;  ///< right-hand side for solve()
  Eigen::VectorXd v;  ///< vector for split()
  nullity::Options options;
};

namespace detail {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kEps = DBL_EPSILON;
constexpr double kTiny = std::numeric_limits<double>::denorm_min();

/// Values that break rank decisions and scaling: zeros of both signs, small integers, the
/// extremes of the exponent range (subnormals, DBL_MIN, DBL_MAX), powers of two across it,
/// values one ulp from 1, and non-terminating binary fractions.
constexpr double kValues[] = {
    0.0,        -0.0,       1.0,         -1.0,        2.0,         -2.0,        0.5,        3.0,
    -3.0,       7.0,        0.1,         1.0 / 3,     DBL_MIN,     -DBL_MIN,    kTiny,      -kTiny,
    3 * kTiny,  0x1p-1050,  -0x1p-1060,  DBL_MAX,     -DBL_MAX,    0x1p1023,    0x1p26,     0x1p-26,
    0x1p52,     -0x1p-52,   0x1p511,     0x1p-511,    0x1p1000,    -0x1p-1000,  1 + kEps,   1 - kEps / 2,
    -(1 + 2 * kEps), kEps,  0x1.fffffffffffffp0, 0x1p-1022 * 3, 1e300, 1e-300,
};
constexpr std::size_t kValueCount = sizeof kValues / sizeof kValues[0];
/// The codes that are non-finite when allowed.
constexpr double kNonFinite[] = {kNaN, -kNaN, kInf, -kInf};
constexpr std::uint8_t kFirstNonFiniteCode = 0x7c;

constexpr double kDuplicateScales[] = {1.0, 1.0, 1.0, -1.0, 2.0, 0.5, 0x1p-30, 0x1p30};

/// rtol codes: 0–7 the rule's default; then values in and around the useful range, including
/// invalid ones (NaN, ±Inf) that must be rejected.
constexpr double kRtols[] = {-1, -1, -1, -1, -1, -1, -1, -1, 0.0, kEps, 1e-10, 1e-3, 0.5, 2.0, kNaN, kInf};
/// atol codes: 0–7 zero; then tiny to huge values, and invalid ones (negative, NaN, +Inf).
constexpr double kAtols[] = {0, 0, 0, 0, 0, 0, 0, 0, DBL_MIN, 1e-300, kEps, 1.0, DBL_MAX, -1.0, kNaN, kInf};

constexpr nullity::Rule kRules[] = {nullity::Rule::numpy, nullity::Rule::scipy, nullity::Rule::matlab,
                                    nullity::Rule::julia, nullity::Rule::eigen, nullity::Rule::lapack,
                                    nullity::Rule::numpy, nullity::Rule::numpy};

inline double nudged(double x, int ulps) {
  for (; ulps > 0; --ulps) x = std::nextafter(x, kInf);
  for (; ulps < 0; ++ulps) x = std::nextafter(x, -kInf);
  return x;
}

/// One entry. `neighbour` is the entry a near-duplicate copies.
inline double entry(ByteSource& in, bool raw, bool non_finite_allowed, double neighbour) {
  double value;
  if (raw) {
    value = in.raw_double();
  } else {
    const std::uint8_t code = in.byte();
    if (code >= 0x80) {
      value = nudged(neighbour * kDuplicateScales[(code >> 4) & 7], int(code & 0x0f) - 8);
    } else if (code >= kFirstNonFiniteCode) {
      value = kNonFinite[code - kFirstNonFiniteCode];
    } else {
      value = kValues[code % kValueCount];
    }
  }
  return std::isfinite(value) || non_finite_allowed ? value : 0.0;
}

inline Eigen::VectorXd vector(ByteSource& in, Eigen::Index length, bool raw, bool non_finite_allowed) {
  Eigen::VectorXd v(length);
  for (Eigen::Index i = 0; i < length; ++i) v(i) = entry(in, raw, non_finite_allowed, i > 0 ? v(i - 1) : 1.0);
  return v;
}

}  // namespace detail

inline Problem decode_problem(ByteSource& in) {
  Problem p;
  const Eigen::Index n = in.byte() % 17, d = in.byte() % 17;
  const std::uint8_t mode = in.byte();
  const bool raw_x = mode & 1, raw_vectors = mode & 2, non_finite = mode & 4;
  p.options.rule = detail::kRules[(mode >> 3) & 7];
  p.options.rtol = detail::kRtols[in.byte() & 15];
  p.options.atol = detail::kAtols[in.byte() & 15];
  p.X.resize(n, d);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = 0; i < n; ++i) {
      const double neighbour = j > 0 ? p.X(i, j - 1) : i > 0 ? p.X(i - 1, j) : 1.0;
      p.X(i, j) = detail::entry(in, raw_x, non_finite, neighbour);
    }
  p.y = detail::vector(in, n, raw_vectors, non_finite);
  p.v = detail::vector(in, d, raw_vectors, non_finite);
  return p;
}

}  // namespace nullity_fuzz
