// Numbers and positions for the text readers (see nullity/detail/io_text.hpp).

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

#include "nullity/detail/io_text.hpp"

namespace nullity::io::detail {

std::string where(Position p) { return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column); }

std::string quoted_excerpt(std::string_view token) {
  constexpr std::size_t kMax = 24;  // enough to recognise the token, short enough for one line
  std::string out = "'";
  for (std::size_t i = 0; i < token.size() && i < kMax; ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  if (token.size() > kMax) out += "...";
  return out + "'";
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::optional<double> parse_double(std::string_view token, bool& out_of_range) {
  out_of_range = false;
  bool negative = false;
  std::string_view rest = token;
  if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
    negative = rest[0] == '-';
    rest.remove_prefix(1);
  }
  if (rest.empty()) return std::nullopt;
  if (iequals(rest, "nan")) return negative ? -std::numeric_limits<double>::quiet_NaN()
                                            : std::numeric_limits<double>::quiet_NaN();
  if (iequals(rest, "inf") || iequals(rest, "infinity"))
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  // Only decimal digits or a point may start a number here: from_chars would also take "inf",
  // handled above, and a second sign, which is not a number.
  if (!(std::isdigit(static_cast<unsigned char>(rest[0])) || rest[0] == '.')) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value, std::chars_format::general);
  if (ptr != rest.data() + rest.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports underflow and overflow alike; strtod tells them apart (and rounds an
    // underflow to zero or a subnormal, as IEEE 754 does). The token is short and well formed.
    const std::string copy(rest);
    value = std::strtod(copy.c_str(), nullptr);
    if (std::isinf(value)) {
      out_of_range = true;
      return std::nullopt;
    }
  } else if (ec != std::errc()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

std::optional<std::int64_t> parse_int64(std::string_view token) {
  std::string_view rest = token;
  if (!rest.empty() && rest[0] == '+') rest.remove_prefix(1);
  if (rest.empty() || rest[0] == '+') return std::nullopt;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), value, 10);
  if (ec != std::errc() || ptr != rest.data() + rest.size()) return std::nullopt;
  return value;
}

}  // namespace nullity::io::detail
