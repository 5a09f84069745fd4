// CSV / whitespace-separated text reader and writer.

#include <cstdio>
#include <string>
#include <vector>

#include "nullity/detail/io_text.hpp"
#include "nullity/io.hpp"

namespace nullity::io {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

/// One cell of a line: its text (trimmed) and the column where it starts.
struct Cell {
  std::string_view text;
  std::size_t column;
};

/// Splits a line (comment already removed) into cells: at commas if it has any, else at runs of
/// blanks. With commas, an empty cell (",,", a trailing ",") is kept so that it can be reported.
std::vector<Cell> cells_of(std::string_view line) {
  std::vector<Cell> cells;
  const bool commas = line.find(',') != std::string_view::npos;
  std::size_t i = 0;
  if (commas) {
    for (;;) {
      const std::size_t end = std::min(line.find(',', i), line.size());
      std::size_t a = i, b = end;
      while (a < b && is_blank(line[a])) ++a;
      while (b > a && is_blank(line[b - 1])) --b;
      cells.push_back({line.substr(a, b - a), (a < b ? a : i) + 1});
      if (end == line.size()) break;
      i = end + 1;
    }
  } else {
    while (i < line.size()) {
      while (i < line.size() && is_blank(line[i])) ++i;
      if (i == line.size()) break;
      const std::size_t start = i;
      while (i < line.size() && !is_blank(line[i])) ++i;
      cells.push_back({line.substr(start, i - start), start + 1});
    }
  }
  return cells;
}

}  // namespace

Eigen::MatrixXd parse_csv(std::string_view text) {
  std::vector<double> values;  // row-major; grows with the text, never beyond it
  std::size_t cols = 0, rows = 0, first_line = 0;
  std::size_t line_number = 0, start = 0;
  while (start < text.size()) {
    ++line_number;
    const std::size_t newline = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, newline - start);
    start = newline + 1;
    line = line.substr(0, std::min(line.find('#'), line.size()));
    const std::vector<Cell> cells = cells_of(line);
    if (cells.empty() || (cells.size() == 1 && cells[0].text.empty())) continue;  // blank or comment line
    for (const Cell& c : cells) {
      const detail::Position at{line_number, c.column};
      if (c.text.empty()) throw file_error(detail::where(at) + ": empty cell");
      bool out_of_range = false;
      const auto v = detail::parse_double(c.text, out_of_range);
      if (out_of_range)
        throw file_error(detail::where(at) + ": " + detail::quoted_excerpt(c.text) + " is out of the range of float64");
      if (!v) throw file_error(detail::where(at) + ": " + detail::quoted_excerpt(c.text) + " is not a number");
      values.push_back(*v);
    }
    if (rows == 0) {
      cols = cells.size();
      first_line = line_number;
    } else if (cells.size() != cols) {
      const Cell& c = cells.size() > cols ? cells[cols] : cells.back();
      const std::size_t column = cells.size() > cols ? c.column : c.column + c.text.size();
      throw file_error(detail::where({line_number, column}) + ": ragged row: " + std::to_string(cells.size()) +
                       " values, but line " + std::to_string(first_line) + " has " + std::to_string(cols));
    }
    ++rows;
  }
  if (rows == 0) throw file_error("no numbers in the file (it is empty or has only blank and comment lines)");
  Eigen::MatrixXd M(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j)
      M(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = values[i * cols + j];
  return M;
}

std::string format_csv(const Eigen::MatrixXd& M) {
  // %.17g prints enough digits to round-trip any double (17 = ⌈53·log10 2⌉ + 1); the readers
  // parse with correct rounding, so the bits come back identical (NaN payloads aside).
  std::string out;
  if (M.cols() == 0) return out;  // CSV cannot spell an empty row; the file stays empty
  char buffer[32];
  for (Eigen::Index i = 0; i < M.rows(); ++i) {
    for (Eigen::Index j = 0; j < M.cols(); ++j) {
      if (j > 0) out += ',';
      const int length = std::snprintf(buffer, sizeof buffer, "%.17g", M(i, j));
      out.append(buffer, static_cast<std::size_t>(length));
    }
    out += '\n';
  }
  return out;
}

}  // namespace nullity::io
