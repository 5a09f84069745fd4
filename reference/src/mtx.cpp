// Matrix Market reader (NIST, "The Matrix Market Exchange Formats: Initial Design", 1996).
//
// Policies: the banner is required; `array` and `coordinate`; `real`, `double` and `integer`
// fields (complex, pattern rejected); `general`, `symmetric`, `skew-symmetric` symmetry. The
// size line must match the content exactly (no missing and no extra entries). Coordinate
// entries must be in range; for the symmetric kinds only the lower triangle may be stored
// (strictly lower for skew-symmetric); a repeated (i, j) is an error rather than summed, since
// files that rely on summation are rare and silent summation hides corrupt files.

#include <algorithm>
#include <cstdint>
#include <string>
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

double value_of(const Token& t, bool integer) {
  if (integer) {
    const auto v = detail::parse_int64(t.text);
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
  if (detail::iequals(field, "complex") || detail::iequals(field, "pattern"))
    fail_at(banner[3].at, "field " + detail::quoted_excerpt(field) + " is not supported (expected real or integer)");
  if (!integer && !detail::iequals(field, "real") && !detail::iequals(field, "double"))
    fail_at(banner[3].at, "field must be 'real' or 'integer', got " + detail::quoted_excerpt(field));
  Symmetry symmetry = Symmetry::general;
  if (detail::iequals(banner[4].text, "symmetric")) symmetry = Symmetry::symmetric;
  else if (detail::iequals(banner[4].text, "skew-symmetric")) symmetry = Symmetry::skew;
  else if (!detail::iequals(banner[4].text, "general"))
    fail_at(banner[4].at, "symmetry must be general, symmetric or skew-symmetric, got " +
                              detail::quoted_excerpt(banner[4].text));

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
  };
  std::vector<Entry> parsed;
  parsed.reserve(entries.size());
  for (const auto& e : entries) {
    if (e.size() != 3) fail_at(e[0].at, "a coordinate entry is 'row col value'");
    const std::uint64_t i = size_value(e[0], "the row index"), j = size_value(e[1], "the column index");
    if (i < 1 || i > rows) fail_at(e[0].at, "row index " + std::to_string(i) + " is out of range 1.." + std::to_string(rows));
    if (j < 1 || j > cols) fail_at(e[1].at, "column index " + std::to_string(j) + " is out of range 1.." + std::to_string(cols));
    if (symmetry == Symmetry::symmetric && i < j) fail_at(e[0].at, "a symmetric file stores only the lower triangle (row >= col)");
    if (symmetry == Symmetry::skew && i <= j)
      fail_at(e[0].at, "a skew-symmetric file stores only the strictly lower triangle (row > col)");
    parsed.push_back({i - 1, j - 1, value_of(e[2], integer), e[0].at});
  }
  // Repeated positions: sort a copy by position and look at neighbours (O(nnz log nnz), no
  // dense bitmap).
  std::vector<const Entry*> order;
  order.reserve(parsed.size());
  for (const Entry& e : parsed) order.push_back(&e);
  std::stable_sort(order.begin(), order.end(),
                   [](const Entry* a, const Entry* b) { return std::make_pair(a->j, a->i) < std::make_pair(b->j, b->i); });
  for (std::size_t k = 1; k < order.size(); ++k)
    if (order[k]->i == order[k - 1]->i && order[k]->j == order[k - 1]->j)
      fail_at(order[k]->at, "entry (" + std::to_string(order[k]->i + 1) + ", " + std::to_string(order[k]->j + 1) +
                                ") repeats the one on line " + std::to_string(order[k - 1]->at.line));
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
