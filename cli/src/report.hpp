#pragma once
// Human-readable reports: number formatting, aligned tables, and the rank certificate in words
// and in JSON (shared by every command that prints one).

#include <string>
#include <utility>
#include <vector>

#include <nullity/certificate.hpp>

#include "json.hpp"

namespace nullity_cli {

/// Six significant digits; "inf", "-inf", "nan" spelled out.
std::string num(double v);
/// Three significant digits in scientific notation, for errors and tolerances.
std::string sci(double v);
/// A count as text.
std::string count(long long n);

/// Rows of cells printed in aligned columns: the first column left-aligned, the others
/// right-aligned when `right` (columns of numbers line up) or left-aligned (label: value
/// blocks); a row with one cell is a heading, printed as is.
class Table {
 public:
  explicit Table(bool right = false) : right_(right) {}
  void row(std::vector<std::string> cells);
  std::string render(const std::string& indent = "  ") const;

 private:
  bool right_;
  std::vector<std::vector<std::string>> rows_;
};

/// The certificate as JSON fields (names are the contract in docs/guide.md).
Json certificate_json(const nullity::RankCertificate<double>& c);
/// The certificate as label/value rows.
void certificate_rows(Table& t, const nullity::RankCertificate<double>& c);

/// The whole program's result: what goes to stdout (all at once), an optional note for stderr,
/// and the exit status.
struct Result {
  Result() = default;
  explicit Result(std::string text) : out(std::move(text)) {}
  std::string out;
  std::string note;
  int status = 0;
};

}  // namespace nullity_cli
