// compare: every solver on the user's least-squares problem, timed and checked side by side.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <nullity/nullity.hpp>
#include <nullity_oracle/oracle.hpp>
#include <nullity_solvers/solvers.hpp>

#include "commands.hpp"
#include "inputs.hpp"
#include "oracle_budget.hpp"
#include "progress.hpp"

namespace nullity_cli {
namespace {

/// Timing: repeat until a second of work (at most 31 runs) and report the median; a solver that
/// takes over a second runs once.
constexpr double kTimeBudgetSeconds = 1.0;
constexpr int kMaxRuns = 31;

struct Entry {
  std::string name, description;
  std::function<Eigen::VectorXd()> solve;
  Eigen::VectorXd w;
  double seconds = 0;
  int runs = 0;
  double residual = 0, norm = 0, ztw = 0;
  double error = std::numeric_limits<double>::quiet_NaN();
};

Entry entry(std::string name, std::string description, std::function<Eigen::VectorXd()> solve) {
  Entry e;
  e.name = std::move(name);
  e.description = std::move(description);
  e.solve = std::move(solve);
  return e;
}

void time_it(Entry& e) {
  std::vector<double> times;
  double total = 0;
  do {
    const auto start = std::chrono::steady_clock::now();
    e.w = e.solve();
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    times.push_back(t);
    total += t;
  } while (total < kTimeBudgetSeconds && static_cast<int>(times.size()) < kMaxRuns);
  std::sort(times.begin(), times.end());
  e.runs = static_cast<int>(times.size());
  e.seconds = times[times.size() / 2];
}

std::string seconds_text(double s) {
  char buffer[32];
  if (s >= 1) std::snprintf(buffer, sizeof buffer, "%.2f s", s);
  else if (s >= 1e-3) std::snprintf(buffer, sizeof buffer, "%.2f ms", s * 1e3);
  else std::snprintf(buffer, sizeof buffer, "%.1f us", s * 1e6);
  return buffer;
}

}  // namespace

Result run_compare(const Arguments& a) {
  const std::string& path = a.positional[0];
  const Eigen::MatrixXd X = load_matrix(path);
  require_finite(X, path);
  const Eigen::VectorXd y = load_rhs(a.positional[1], X.rows());

  Progress progress;
  progress.show("reference SVD path (for Z and the rank)...");
  const auto reference = attributed(path, [&] { return nullity::factorize(X); });
  const Eigen::MatrixXd Z = attributed(path, [&] { return reference.null_space(); });
  const Eigen::Index rank = reference.rank();

  std::vector<Entry> entries;
  for (const nullity::Method m : {nullity::Method::svd, nullity::Method::qr}) {
    nullity::Options o;
    o.method = m;
    entries.push_back(entry(std::string("nullity-") + nullity::to_string(m),
                       m == nullity::Method::svd ? "nullity SVD path (QR, then xGELSD on R; min_norm_solve)"
                                                 : "nullity QR path (QR, or pivoted QR + complete orthogonal decomposition)",
                            [&X, &y, o] { return nullity::min_norm_solve(X, y, o); }));
  }
  for (const auto& c : nullity::solvers::foreign_contenders(X.rows(), X.cols()))
    entries.push_back(entry(c.name, c.description, [&X, &y, solve = c.solve] { return solve(X, y); }));

  for (std::size_t k = 0; k < entries.size(); ++k) {
    Entry& e = entries[k];
    progress.show("[" + std::to_string(k + 1) + "/" + std::to_string(entries.size()) + "] " + e.name + "...");
    attributed(path, [&] { time_it(e); });
    e.residual = (X * e.w - y).norm();
    e.norm = e.w.norm();
    e.ztw = (Z.transpose() * e.w).norm();
  }

  const bool affordable = oracle_affordable(X.rows(), X.cols());
  unsigned bits = 0;
  if (affordable) {
    progress.show("MPFR oracle (" + std::to_string(nullity::oracle::default_bits) + "-bit Jacobi SVD)...");
    const auto svd = attributed(path, [&] { return nullity::oracle::mpfr_svd(X); });
    bits = svd.bits;
    const Eigen::VectorXd wo =
        nullity::oracle::to_double(attributed(path, [&] { return nullity::oracle::mpfr_min_norm_solve(svd, y, rank); }));
    const double scale = wo.norm();
    for (Entry& e : entries) e.error = scale > 0 ? (e.w - wo).norm() / scale : e.w.norm();
  }
  progress.show("");

  // With the oracle: most accurate first (NaN last); without: fastest first.
  std::stable_sort(entries.begin(), entries.end(), [&](const Entry& p, const Entry& q) {
    if (!affordable) return p.seconds < q.seconds;
    if (std::isnan(q.error)) return !std::isnan(p.error);
    return p.error < q.error;
  });

  if (a.json) {
    Json j = Json::object();
    j["file"] = path;
    j["rhs"] = a.positional[1];
    j["rows"] = X.rows();
    j["cols"] = X.cols();
    j["rank"] = rank;
    j["tolerance"] = reference.tolerance();
    Json o = Json::object();
    o["available"] = affordable;
    if (affordable) o["bits"] = bits;
    else o["reason"] = oracle_skipped_reason(X.rows(), X.cols());
    j["oracle"] = o;
    j["sorted_by"] = affordable ? "oracle_error" : "time_median_s";
    Json list = Json::array();
    for (const Entry& e : entries) {
      Json s = Json::object();
      s["name"] = e.name;
      s["description"] = e.description;
      s["time_median_s"] = e.seconds;
      s["runs"] = e.runs;
      s["residual_norm"] = e.residual;
      s["solution_norm"] = e.norm;
      s["null_component_norm"] = e.ztw;
      s["oracle_error"] = e.error;
      list.push_back(s);
    }
    j["solvers"] = list;
    return Result(json_text(j));
  }

  std::string out = path + " (" + count(X.rows()) + " x " + count(X.cols()) + "), Y = " + a.positional[1] +
                    ": rank " + count(rank) + " by the reference SVD path, tau = " + sci(reference.tolerance()) +
                    "\n\n";
  Table t(true);
  t.row({"solver", "median time", "runs", "|Xw - y|", "|w|", "|Z'w|", "|w - w+|/|w+|"});
  for (const Entry& e : entries)
    t.row({e.name, seconds_text(e.seconds), std::to_string(e.runs), sci(e.residual), num(e.norm), sci(e.ztw),
           affordable ? sci(e.error) : "-"});
  out += t.render("  ") + "\n";
  out += "  Z: null space from the reference SVD path (|Z'w| > 0 means w is not the minimum-norm solution).\n";
  if (affordable)
    out += "  w+: the MPFR oracle's (" + std::to_string(bits) + "-bit) minimum-norm solution at rank " + count(rank) +
           "; sorted by its error.\n";
  else
    out += "  oracle skipped: " + oracle_skipped_reason(X.rows(), X.cols()) + "; sorted by time.\n";
  for (const Entry& e : entries) out += "  " + e.name + ": " + e.description + "\n";
  return Result(out);
}

}  // namespace nullity_cli
