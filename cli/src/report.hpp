#pragma once
// Human-readable reports: number formatting, aligned tables, and the rank certificate in words
// and in JSON (shared by every command that prints one).

#include <string>
#include <utility>
#include <vector>

#include <nullity/certificate.hpp>
#include <nullity/rank_by_rule.hpp>

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

/// "tau x [lo, hi)": the factors on τ that keep the rank (the gap as a factor on τ).
std::string tau_band(const nullity::RankAcrossRules<double>& a);
/// "yes: every preset gives rank r" or "NO: the presets give ranks lo to hi".
std::string robustness(const nullity::RankAcrossRules<double>& a);
/// The band and the robustness as label/value rows, after certificate_rows.
void robustness_rows(Table& t, const nullity::RankAcrossRules<double>& a);
/// One path's rank by rule as JSON: method, rank, tolerance, tau_range, tau_factor_range,
/// tolerance_robust, and `rules` [{rule, rtol, tolerance, rank}].
Json rank_by_rule_json(const nullity::RankAcrossRules<double>& a, nullity::Method method);
/// The table "rule, tau and rank on each path" for the SVD and QR paths side by side.
std::string rank_by_rule_table(const nullity::RankAcrossRules<double>& svd, const nullity::RankAcrossRules<double>& qr);

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
