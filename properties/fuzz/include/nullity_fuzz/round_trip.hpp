#pragma once
// The contract every reader harness checks (docs/fuzzing.md, "Round-trip rules"):
//  1. parse(bytes) throws nullity::io::file_error or returns a matrix M. Any other exception
//     escapes the harness and libFuzzer reports it; so do crashes and sanitizer reports.
//  2. M holds no more entries than the bytes justify (the reader's bound, passed in).
//  3. .npy stores bits: parse_npy(format_npy(M)) has M's shape and M's bits in every entry,
//     -0.0 and every NaN's sign and payload included.
//  4. CSV stores text: for M with at least one row and one column, parse_csv(format_csv(M)) has
//     M's shape and M's bits in every entry (-0.0 included, "%.17g" then correct rounding),
//     except that a NaN comes back as a NaN of the same sign: text spells "nan" or "-nan",
//     never a payload. An empty M formats as empty text, which parse_csv rejects with
//     file_error (CSV cannot spell a 0-row or 0-column matrix).

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <Eigen/Core>
#include <nullity/io.hpp>

#include "require.hpp"

namespace nullity_fuzz {

inline std::uint64_t bits_of(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, 8);
  return b;
}

/// Text cannot carry a NaN payload: the sign survives, the rest is the default quiet NaN.
inline bool same_through_text(double original, double back) {
  if (std::isnan(original)) return std::isnan(back) && std::signbit(back) == std::signbit(original);
  return bits_of(back) == bits_of(original);
}

inline void require_same_shape(const Eigen::MatrixXd& M, const Eigen::MatrixXd& back, const char* writer) {
  NULLITY_FUZZ_REQUIRE(back.rows() == M.rows() && back.cols() == M.cols(), "%s round trip changed the shape %lldx%lld to %lldx%lld",
                       writer, static_cast<long long>(M.rows()), static_cast<long long>(M.cols()),
                       static_cast<long long>(back.rows()), static_cast<long long>(back.cols()));
}

/// Rule 3.
inline void require_npy_round_trip(const Eigen::MatrixXd& M) {
  const Eigen::MatrixXd back = nullity::io::parse_npy(nullity::io::format_npy(M));
  require_same_shape(M, back, ".npy");
  if (M.size() == 0) return;  // the other dimension may be up to 2^63 − 1: no loop over it
  for (Eigen::Index j = 0; j < M.cols(); ++j)
    for (Eigen::Index i = 0; i < M.rows(); ++i)
      NULLITY_FUZZ_REQUIRE(bits_of(back(i, j)) == bits_of(M(i, j)),
                           ".npy round trip changed entry (%lld, %lld) from %a (bits %016llx) to %a (bits %016llx)",
                           static_cast<long long>(i), static_cast<long long>(j), M(i, j),
                           static_cast<unsigned long long>(bits_of(M(i, j))), back(i, j),
                           static_cast<unsigned long long>(bits_of(back(i, j))));
}

/// Rule 4. Only matrices of up to this many entries go through text: the writer and the reader
/// do the same thing for every entry, and only a Matrix Market coordinate file can produce a
/// bigger matrix from a short input (a declared size with few entries), whose text would take
/// seconds per execution to write and read back.
constexpr Eigen::Index kMaxTextRoundTripEntries = Eigen::Index(1) << 16;

inline void require_csv_round_trip(const Eigen::MatrixXd& M) {
  if (M.size() > kMaxTextRoundTripEntries) return;
  const std::string text = nullity::io::format_csv(M);
  if (M.size() == 0) {
    NULLITY_FUZZ_REQUIRE(text.empty(), "an empty %lldx%lld matrix formats as %zu bytes of CSV",
                         static_cast<long long>(M.rows()), static_cast<long long>(M.cols()), text.size());
    bool rejected = false;
    try {
      (void)nullity::io::parse_csv(text);
    } catch (const nullity::io::file_error&) {
      rejected = true;
    }
    NULLITY_FUZZ_REQUIRE(rejected, "parse_csv accepted the empty text");
    return;
  }
  const Eigen::MatrixXd back = nullity::io::parse_csv(text);
  require_same_shape(M, back, "CSV");
  for (Eigen::Index j = 0; j < M.cols(); ++j)
    for (Eigen::Index i = 0; i < M.rows(); ++i)
      NULLITY_FUZZ_REQUIRE(same_through_text(M(i, j), back(i, j)),
                           "CSV round trip changed entry (%lld, %lld) from %a to %a", static_cast<long long>(i),
                           static_cast<long long>(j), M(i, j), back(i, j));
}

/// Rules 1–4 for one reader. `max_entries` is the most entries the reader may return for these
/// bytes (rule 2).
template <class Parse>
void check_reader(const std::uint8_t* data, std::size_t size, Parse parse, std::uint64_t max_entries) {
  Eigen::MatrixXd M;
  try {
    M = parse(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const nullity::io::file_error& e) {
    // Rule 1: an error message is one line.
    NULLITY_FUZZ_REQUIRE(std::string_view(e.what()).find('\n') == std::string_view::npos,
                         "the error message spans several lines: %s", e.what());
    return;
  }
  NULLITY_FUZZ_REQUIRE(static_cast<std::uint64_t>(M.size()) <= max_entries,
                       "%zu input bytes gave a %lldx%lld matrix, more than the %llu entries they justify", size,
                       static_cast<long long>(M.rows()), static_cast<long long>(M.cols()),
                       static_cast<unsigned long long>(max_entries));
  require_npy_round_trip(M);
  require_csv_round_trip(M);
}

}  // namespace nullity_fuzz
