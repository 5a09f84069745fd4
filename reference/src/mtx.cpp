// Matrix Market reader (NIST, "The Matrix Market Exchange Formats: Initial Design", 1996).
//
// Policies: the banner is required; `array` and `coordinate`; `real`, `double` and `integer`
// fields, and `pattern` (coordinate only) read as 1 at each stored position, as SciPy's mmread
// does (SuiteSparse's classic rank-deficient test matrices are pattern files); complex is
// rejected. `general`, `symmetric`, `skew-symmetric` symmetry. The size line must match the
// content exactly (no missing and no extra entries). Coordinate entries must be in range; for
// the symmetric kinds either triangle may be stored, as SciPy and CHOLMOD accept (the spec asks
// for the lower one, but writers differ), the diagonal of a skew-symmetric matrix never; an
// entry stored in both triangles must agree with its mirror (equal, or opposite if skew), since
// otherwise the file does not describe a symmetric matrix. A repeated (i, j) is an error rather
// than summed, since files that rely on summation are rare and silent summation hides corrupt
// files. Array files of the symmetric kinds store the lower triangle, as the spec says.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "nullity/detail/io_text.hpp"
#include "nullity/io.hpp"

namespace nullity::io {
namespace {

/// Dense results are limited to this many entries (256 MiB of doubles): a coordinate file can
/// declare a huge sparse matrix in a few bytes, and its dense form must not exhaust memory.
constexpr std::uint64_t kMaxDenseEntries = std::uint64_t(1) << 25;

struct Token {
  std::string_view text;
  detail::Position at;
};

/// Lines of the text with their numbers; tokens are blank-separated.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {}
  bool next(std::string_view& line, std::size_t& number) {
    if (start_ >= text_.size()) return false;
    const std::size_t newline = std::min(text_.find('\n', start_), text_.size());
    line = text_.substr(start_, newline - start_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start_ = newline + 1;
    number = ++line_;
    return true;
  }

 private:
  std::string_view text_;
  std::size_t start_ = 0, line_ = 0;
};

std::vector<Token> tokens_of(std::string_view line, std::size_t number) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i == line.size()) break;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    out.push_back({line.substr(start, i - start), {number, start + 1}});
  }
  return out;
}

[[noreturn]] void fail_at(detail::Position at, const std::string& what) {
  throw file_error(detail::where(at) + ": " + what);
}

std::uint64_t size_value(const Token& t, const char* what) {
  const auto v = detail::parse_int64(t.text);
  if (!v || *v < 0) fail_at(t.at, std::string(what) + " must be a non-negative integer, got " + detail::quoted_excerpt(t.text));
  return static_cast<std::uint64_t>(*v);
}

/// Optional sign and decimal digits: an integer, whether or not it fits in 64 bits.
bool spells_integer(std::string_view text) {
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

double value_of(const Token& t, bool integer) {
  if (integer) {
    const auto v = detail::parse_int64(t.text);
    if (!v && spells_integer(t.text))
      fail_at(t.at, detail::quoted_excerpt(t.text) +
                        " is out of the range of a 64-bit integer (the field is 'integer'; store it as 'real')");
    if (!v) fail_at(t.at, detail::quoted_excerpt(t.text) + " is not an integer (the field is 'integer')");
    return static_cast<double>(*v);
  }
  bool out_of_range = false;
  const auto v = detail::parse_double(t.text, out_of_range);
  if (out_of_range) fail_at(t.at, detail::quoted_excerpt(t.text) + " is out of the range of float64");
  if (!v) fail_at(t.at, detail::quoted_excerpt(t.text) + " is not a number");
  return *v;
}

enum class Symmetry { general, symmetric, skew };

}  // namespace

Eigen::MatrixXd parse_mtx(std::string_view text) {
  Lines lines(text);
  std::string_view line;
  std::size_t number = 0;
  if (!lines.next(line, number)) throw file_error("empty file (expected a %%MatrixMarket banner)");
  const std::vector<Token> banner = tokens_of(line, number);
  if (banner.empty() || !detail::iequals(banner[0].text, "%%MatrixMarket"))
    fail_at({1, 1}, "expected the banner '%%MatrixMarket matrix <format> <field> <symmetry>'");
  if (banner.size() != 5) fail_at({1, 1}, "the banner must have 5 words: %%MatrixMarket matrix <format> <field> <symmetry>");
  if (!detail::iequals(banner[1].text, "matrix"))
    fail_at(banner[1].at, "only 'matrix' objects are supported, got " + detail::quoted_excerpt(banner[1].text));
  const bool coordinate = detail::iequals(banner[2].text, "coordinate");
  if (!coordinate && !detail::iequals(banner[2].text, "array"))
    fail_at(banner[2].at, "format must be 'array' or 'coordinate', got " + detail::quoted_excerpt(banner[2].text));
  const std::string_view field = banner[3].text;
  const bool integer = detail::iequals(field, "integer");
  const bool pattern = detail::iequals(field, "pattern");
  if (detail::iequals(field, "complex"))
    fail_at(banner[3].at, "field " + detail::quoted_excerpt(field) +
                              " is not supported (expected real, integer or pattern: nullity works over the reals)");
  if (!integer && !pattern && !detail::iequals(field, "real") && !detail::iequals(field, "double"))
    fail_at(banner[3].at, "field must be 'real', 'integer' or 'pattern', got " + detail::quoted_excerpt(field));
  if (pattern && !coordinate) fail_at(banner[3].at, "field 'pattern' needs the 'coordinate' format (the spec)");
  Symmetry symmetry = Symmetry::general;
  if (detail::iequals(banner[4].text, "symmetric")) symmetry = Symmetry::symmetric;
  else if (detail::iequals(banner[4].text, "skew-symmetric")) symmetry = Symmetry::skew;
  else if (!detail::iequals(banner[4].text, "general"))
    fail_at(banner[4].at, "symmetry must be general, symmetric or skew-symmetric, got " +
                              detail::quoted_excerpt(banner[4].text));
  if (pattern && symmetry == Symmetry::skew)
    fail_at(banner[4].at, "a 'pattern' file cannot be 'skew-symmetric' (the spec: there are no values to negate)");

  // The remaining non-comment, non-blank lines: the size line, then the entries.
  std::vector<Token> size_line;
  std::vector<std::vector<Token>> entries;
  detail::Position size_at{number + 1, 1};
  bool have_size = false;
  while (lines.next(line, number)) {
    if (!line.empty() && line[0] == '%') continue;
    std::vector<Token> t = tokens_of(line, number);
    if (t.empty()) continue;
    if (!have_size) {
      size_line = std::move(t);
      size_at = {number, 1};
      have_size = true;
    } else {
      entries.push_back(std::move(t));
    }
  }
  if (!have_size) fail_at(size_at, "missing the size line");
  if (size_line.size() != (coordinate ? 3u : 2u))
    fail_at(size_at, coordinate ? "the size line of a coordinate file is 'rows cols entries'"
                                : "the size line of an array file is 'rows cols'");
  const std::uint64_t rows = size_value(size_line[0], "rows"), cols = size_value(size_line[1], "cols");
  if (symmetry != Symmetry::general && rows != cols) fail_at(size_at, "a symmetric matrix must be square");
  if (cols != 0 && rows > kMaxDenseEntries / cols)
    fail_at(size_at, "the declared size " + std::to_string(rows) + "x" + std::to_string(cols) +
                         " exceeds the dense limit of " + std::to_string(kMaxDenseEntries) + " entries");
  const auto n = static_cast<Eigen::Index>(rows), d = static_cast<Eigen::Index>(cols);

  if (!coordinate) {
    // Column-major values; for the symmetric kinds only the (strictly, if skew) lower triangle.
    std::uint64_t expected = rows * cols;
    if (symmetry == Symmetry::symmetric) expected = rows * (rows + 1) / 2;
    if (symmetry == Symmetry::skew) expected = rows == 0 ? 0 : rows * (rows - 1) / 2;
    std::vector<Token> values;
    for (const auto& e : entries) {
      if (e.size() != 1) fail_at(e[1].at, "an array file has one value per line");
      values.push_back(e[0]);
    }
    if (values.size() != expected)
      fail_at(values.size() > expected ? values[expected].at : detail::Position{number + 1, 1},
              "the size line declares " + std::to_string(expected) + " values, the file has " +
                  std::to_string(values.size()));
    Eigen::MatrixXd M = Eigen::MatrixXd::Zero(n, d);
    if (M.size() == 0) return M;  // "0 <huge>" is empty: looping over the columns would never end
    std::size_t k = 0;
    for (Eigen::Index j = 0; j < d; ++j) {
      const Eigen::Index first = symmetry == Symmetry::general ? 0 : symmetry == Symmetry::symmetric ? j : j + 1;
      for (Eigen::Index i = first; i < n; ++i) {
        const double v = value_of(values[k++], integer);
        M(i, j) = v;
        if (symmetry == Symmetry::symmetric) M(j, i) = v;
        if (symmetry == Symmetry::skew) M(j, i) = -v;
      }
    }
    return M;
  }

  const std::uint64_t declared = size_value(size_line[2], "entries");
  if (declared != entries.size())
    fail_at(entries.size() > declared ? entries[declared][0].at : detail::Position{number + 1, 1},
            "the size line declares " + std::to_string(declared) + " entries, the file has " +
                std::to_string(entries.size()));
  struct Entry {
    std::uint64_t i, j;
    double v;
    detail::Position at;
    std::uint64_t lo() const { return std::min(i, j); }
    std::uint64_t hi() const { return std::max(i, j); }
  };
  std::vector<Entry> parsed;
  parsed.reserve(entries.size());
  for (const auto& e : entries) {
    if (e.size() != (pattern ? 2u : 3u))
      fail_at(e[0].at, pattern ? "a pattern entry is 'row col'" : "a coordinate entry is 'row col value'");
    const std::uint64_t i = size_value(e[0], "the row index"), j = size_value(e[1], "the column index");
    if (i < 1 || i > rows) fail_at(e[0].at, "row index " + std::to_string(i) + " is out of range 1.." + std::to_string(rows));
    if (j < 1 || j > cols) fail_at(e[1].at, "column index " + std::to_string(j) + " is out of range 1.." + std::to_string(cols));
    if (symmetry == Symmetry::skew && i == j)
      fail_at(e[0].at, "a skew-symmetric file stores no diagonal entry (its diagonal is zero)");
    parsed.push_back({i - 1, j - 1, pattern ? 1.0 : value_of(e[2], integer), e[0].at});
  }
  // Repeated positions, and for the symmetric kinds an entry and its mirror: sort a copy by
  // unordered position, then by the stored one, and look at neighbours (O(nnz log nnz), no
  // dense bitmap). Equal stored positions end up adjacent, and so do mirrors.
  const bool mirrored = symmetry != Symmetry::general;
  std::vector<const Entry*> order;
  order.reserve(parsed.size());
  for (const Entry& e : parsed) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(), [&](const Entry* a, const Entry* b) {
    if (mirrored) return std::make_tuple(a->lo(), a->hi(), a->i) < std::make_tuple(b->lo(), b->hi(), b->i);
    return std::make_pair(a->j, a->i) < std::make_pair(b->j, b->i);
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    const Entry &a = *order[k - 1], &b = *order[k];
    if (b.i == a.i && b.j == a.j)
      fail_at(b.at, "entry (" + std::to_string(b.i + 1) + ", " + std::to_string(b.j + 1) + ") repeats the one on line " +
                        std::to_string(a.at.line));
    if (!mirrored || b.lo() != a.lo() || b.hi() != a.hi()) continue;
    const double expected = symmetry == Symmetry::skew ? -a.v : a.v;
    // Bit-for-bit agreement is not required of a NaN: it is rejected later with its position.
    if (b.v == expected || (std::isnan(a.v) && std::isnan(b.v))) continue;
    // The message points at the later of the two lines, as for a repeat.
    const Entry &first = a.at.line < b.at.line ? a : b, &second = a.at.line < b.at.line ? b : a;
    fail_at(second.at, "entry (" + std::to_string(second.i + 1) + ", " + std::to_string(second.j + 1) +
                           ") contradicts its mirror (" + std::to_string(first.i + 1) + ", " +
                           std::to_string(first.j + 1) + ") on line " + std::to_string(first.at.line) +
                        (symmetry == Symmetry::skew ? ": a skew-symmetric matrix needs opposite values"
                                                    : ": a symmetric matrix needs equal values"));
  }
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(n, d);
  for (const Entry& e : parsed) {
    const auto i = static_cast<Eigen::Index>(e.i), j = static_cast<Eigen::Index>(e.j);
    M(i, j) = e.v;
    if (symmetry == Symmetry::symmetric) M(j, i) = e.v;
    if (symmetry == Symmetry::skew) M(j, i) = -e.v;
  }
  return M;
}

}  // namespace nullity::io
