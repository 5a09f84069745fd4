#pragma once
// Shared by the text readers (CSV, Matrix Market): numbers read exactly as C's strtod would in
// the "C" locale, but never beyond the token; positions for error messages; printable excerpts
// of bad tokens so that an error message stays one line whatever bytes the file holds.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nullity::io::detail {

/// A token's place in the text, 1-based, for "line L, column C".
struct Position {
  std::size_t line = 1;
  std::size_t column = 1;
};

std::string where(Position p);

/// The token for an error message: at most 24 bytes, non-printable bytes as \xHH, in quotes.
std::string quoted_excerpt(std::string_view token);

/// The double a whole token spells (decimal or scientific notation, optional sign; `nan`,
/// `inf`, `infinity` in any case, optionally signed), correctly rounded; nullopt if the token
/// is not entirely a number. Sets `out_of_range` (and returns nullopt) for a finite number
/// whose magnitude exceeds the largest double.
std::optional<double> parse_double(std::string_view token, bool& out_of_range);

/// The integer a whole token spells (optional sign, decimal digits); nullopt otherwise or if it
/// does not fit in 64 bits.
std::optional<std::int64_t> parse_int64(std::string_view token);

/// Case-insensitive ASCII equality.
bool iequals(std::string_view a, std::string_view b);

}  // namespace nullity::io::detail
