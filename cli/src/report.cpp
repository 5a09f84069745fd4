#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nullity/options.hpp>

namespace nullity_cli {
namespace {

std::string printed(const char* format, double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

}  // namespace

std::string num(double v) { return printed("%.6g", v); }
std::string sci(double v) { return printed("%.2e", v); }
std::string count(long long n) { return std::to_string(n); }

void Table::row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

std::string Table::render(const std::string& indent) const {
  std::vector<std::size_t> width;
  for (const auto& r : rows_) {
    if (r.size() < 2) continue;
    if (width.size() < r.size()) width.resize(r.size(), 0);
    for (std::size_t k = 0; k < r.size(); ++k) width[k] = std::max(width[k], r[k].size());
  }
  std::string out;
  for (const auto& r : rows_) {
    if (r.size() < 2) {
      out += (r.empty() ? "" : r[0]) + "\n";
      continue;
    }
    std::string line = indent;
    for (std::size_t k = 0; k < r.size(); ++k) {
      const std::string padding(width[k] - r[k].size(), ' ');
      if (k == 0) line += r[k] + padding;
      else if (right_) line += "  " + padding + r[k];
      else line += "  " + r[k] + padding;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

Json certificate_json(const nullity::RankCertificate<double>& c) {
  Json j = Json::object();
  j["method"] = nullity::to_string(c.method);
  j["rule"] = nullity::to_string(c.rule);
  j["rule_text"] = c.rule_text;
  j["rtol"] = c.rtol;
  j["atol"] = c.atol;
  j["tolerance"] = c.tolerance;
  j["rank"] = c.rank;
  j["s_r"] = c.s_r;
  j["s_r1"] = c.s_r1;
  j["gap"] = c.gap;
  j["perturbation"] = c.perturbation;
  j["rank_lo"] = c.rank_lo;
  j["rank_hi"] = c.rank_hi;
  j["well_determined"] = c.well_determined;
  return j;
}

void certificate_rows(Table& t, const nullity::RankCertificate<double>& c) {
  const bool svd = c.method == nullity::Method::svd;
  t.row({"rule", c.rule_text});
  t.row({"tolerance tau", sci(c.tolerance)});
  t.row({svd ? "s_r (smallest kept)" : "|R_rr| (smallest kept)", c.rank > 0 ? num(c.s_r) : "none (r = 0)"});
  t.row({svd ? "s_{r+1} (largest dropped)" : "|R_{r+1,r+1}| (largest dropped)", num(c.s_r1)});
  t.row({"gap s_r/s_{r+1}", num(c.gap)});
  t.row({"plausible ranks", "[" + count(c.rank_lo) + ", " + count(c.rank_hi) + "] under perturbations of " +
                                sci(c.perturbation)});
  t.row({"stable (backward error)", c.well_determined ? "yes: every perturbation of that size leaves rank " + count(c.rank)
                                                       : "NO: a value lies within the perturbation of tau"});
}

std::string tau_band(const nullity::RankAcrossRules<double>& a) {
  return "tau x [" + num(a.factor_lo) + ", " + num(a.factor_hi) + ")";
}

std::string robustness(const nullity::RankAcrossRules<double>& a) {
  if (a.tolerance_robust) return "yes: every preset gives rank " + count(a.rank);
  return "NO: the presets give ranks " + count(a.rank_min) + " to " + count(a.rank_max) + " (--all-rules)";
}

void robustness_rows(Table& t, const nullity::RankAcrossRules<double>& a) {
  t.row({"rank stays r for", tau_band(a)});
  t.row({"robust to tolerance", robustness(a)});
}

Json rank_by_rule_json(const nullity::RankAcrossRules<double>& a, nullity::Method method) {
  Json j = Json::object();
  j["method"] = nullity::to_string(method);
  j["rank"] = a.rank;
  j["tolerance"] = a.tolerance;
  j["tau_range"] = Json::array({a.tau_lo, a.tau_hi});
  j["tau_factor_range"] = Json::array({a.factor_lo, a.factor_hi});
  j["tolerance_robust"] = a.tolerance_robust;
  Json rules = Json::array();
  for (const auto& q : a.rules) {
    Json r = Json::object();
    r["rule"] = nullity::to_string(q.rule);
    r["rtol"] = q.rtol;
    r["tolerance"] = q.tolerance;
    r["rank"] = q.rank;
    rules.push_back(r);
  }
  j["rules"] = rules;
  return j;
}

std::string rank_by_rule_table(const nullity::RankAcrossRules<double>& svd, const nullity::RankAcrossRules<double>& qr) {
  Table t(true);
  t.row({"rank by rule", "tau (SVD)", "SVD rank", "tau (QR)", "QR rank"});
  for (std::size_t k = 0; k < svd.rules.size() && k < qr.rules.size(); ++k) {
    const auto &s = svd.rules[k], &q = qr.rules[k];
    std::string name = nullity::to_string(s.rule);
    if (s.rule == nullity::Rule::lapack) name += " (RCOND = eps)";
    t.row({name, sci(s.tolerance), count(s.rank), sci(q.tolerance), count(q.rank)});
  }
  return t.render("  ") + "  rank stays r for: SVD " + tau_band(svd) + ", QR " + tau_band(qr) + "\n";
}

}  // namespace nullity_cli
