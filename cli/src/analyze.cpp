// analyze: both paths side by side, the certificate, conditioning, checks, the solve and the
// invariance demonstration, and (on demand) the MPFR oracle's answer and the errors against it.

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <nullity/nullity.hpp>
#include <nullity_oracle/oracle.hpp>

#include "arrays.hpp"
#include "commands.hpp"
#include "inputs.hpp"
#include "linalg.hpp"
#include "oracle_budget.hpp"
#include "progress.hpp"

namespace nullity_cli {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
/// The length of the null-space move c in the invariance demonstration: ‖Zc‖ = 10, as in the
/// seed's Example 55 (w0 + 10·z).
constexpr double kMoveLength = 10;

struct Path {
  nullity::Method method;
  nullity::RankCertificate<double> c;
  nullity::RankAcrossRules<double> rules;
  Eigen::VectorXd values;
  Eigen::MatrixXd Z, Q;
  double xz = 0;    // ‖XZ‖₂ / ‖X‖₂
  double orth = 0;  // ‖ZᵀZ − I‖₂
  // With Y:
  Eigen::VectorXd w;
  double residual = 0, ztw = 0, invariance = 0;
};

/// One path's answers. ‖XZ‖ is measured against ‖X‖₂ = σ₁: the SVD path's own first value, which
/// the QR path is given (its |R_11| is only a column norm).
Path run_path(const std::string& path, const Eigen::MatrixXd& X, const std::optional<Eigen::VectorXd>& y,
              nullity::Options options, nullity::Method method, std::optional<double> norm_x) {
  options.method = method;
  Path p;
  p.method = method;
  const auto f = attributed(path, [&] { return nullity::factorize(X, options); });
  // The null space first: the factorization then computes the vectors with the values, once
  // (factorization.hpp); every later answer, the solve included, reads them.
  attributed(path, [&] {
    p.Z = f.null_space();
    p.Q = f.row_space();
    p.c = f.certificate();
    p.rules = nullity::rank_across_rules(f);
    p.values = f.spectrum();
  });
  if (!norm_x) norm_x = p.values.size() > 0 ? p.values(0) : 0.0;
  p.xz = *norm_x > 0 ? norm2(X * p.Z) / *norm_x : 0;
  p.orth = orthonormality_loss(p.Z);
  if (y) {
    p.w = attributed(path, [&] { return f.solve(*y); });
    p.residual = (X * p.w - *y).norm();
    p.ztw = (p.Z.transpose() * p.w).norm();
    if (p.Z.cols() > 0) {
      const Eigen::VectorXd c =
          Eigen::VectorXd::Constant(p.Z.cols(), kMoveLength / std::sqrt(static_cast<double>(p.Z.cols())));
      const Eigen::VectorXd moved = p.w + p.Z * c;
      p.invariance = (X * moved - X * p.w).norm();
    }
  }
  return p;
}

/// Why the two paths can disagree on rank, with this matrix's numbers.
std::string disagreement(const Path& svd, const Path& qr) {
  return "the paths disagree: SVD rank " + count(svd.c.rank) + ", QR rank " + count(qr.c.rank) +
         ". Column-pivoted QR's |R_ii| only estimate the singular values (sigma_min <= |R_rr| and the gap can be "
         "exponential in n, as for the Kahan matrix), so the same rule applied to |R_ii| can keep a direction "
         "whose singular value is below tau. Here " +
         (svd.c.rank < qr.c.rank ? "QR keeps |R_rr| = " + num(qr.c.s_r) + " > tau = " + sci(qr.c.tolerance) +
                                       " while the SVD drops s_{r+1} = " + num(svd.c.s_r1) + " <= tau = " +
                                       sci(svd.c.tolerance)
                                 : "the SVD keeps s_r = " + num(svd.c.s_r) + " > tau = " + sci(svd.c.tolerance) +
                                       " while QR drops |R_{r+1,r+1}| = " + num(qr.c.s_r1) + " <= tau = " +
                                       sci(qr.c.tolerance)) +
         ". The singular values define the rank: trust the SVD path.";
}

struct OracleReport {
  bool run = false;
  std::string skipped;
  unsigned bits = 0;
  Eigen::VectorXd sigma;  // correctly rounded singular values
  Eigen::Index rank = 0;  // #{σ_i > τ of the SVD path}
  double values_error = 0;               // max_i |s_i − σ_i| / σ_1 (SVD path)
  std::vector<double> null_distance;     // per path, when its nullity matches the oracle's
  std::vector<double> solution_error;    // per path: ‖w − w⁺_oracle(r_path)‖ / ‖w⁺_oracle‖
};

OracleReport run_oracle(const std::string& path, const Eigen::MatrixXd& X, const std::optional<Eigen::VectorXd>& y,
                        const std::vector<Path>& paths) {
  OracleReport o;
  if (!oracle_affordable(X.rows(), X.cols())) {
    o.skipped = oracle_skipped_reason(X.rows(), X.cols());
    return o;
  }
  Progress progress;
  progress.show("MPFR oracle (" + std::to_string(nullity::oracle::default_bits) + "-bit Jacobi SVD) of a " + count(X.rows()) + " x " + count(X.cols()) + " matrix...");
  const auto svd = attributed(path, [&] { return nullity::oracle::mpfr_svd(X); });
  o.run = true;
  o.bits = svd.bits;
  o.sigma = nullity::oracle::to_double(svd.s);
  const Eigen::MatrixXd V = nullity::oracle::to_double(svd.V);
  const double tau = paths[0].c.tolerance;
  while (o.rank < o.sigma.size() && o.sigma(o.rank) > tau) ++o.rank;
  const double s1 = o.sigma.size() > 0 ? o.sigma(0) : 0;
  if (s1 > 0) o.values_error = (paths[0].values - o.sigma).cwiseAbs().maxCoeff() / s1;
  for (const Path& p : paths) {
    const Eigen::Index r = p.c.rank;
    // The oracle's row space at the path's rank against the path's null space.
    o.null_distance.push_back(cross_norm(V.leftCols(r), p.Z));
    if (y) {
      progress.show("MPFR oracle: minimum-norm solution at rank " + count(r) + "...");
      const Eigen::VectorXd wo =
          nullity::oracle::to_double(attributed(path, [&] { return nullity::oracle::mpfr_min_norm_solve(svd, *y, r); }));
      const double scale = wo.norm();
      o.solution_error.push_back(scale > 0 ? (p.w - wo).norm() / scale : p.w.norm());
    }
  }
  return o;
}

Json path_json(const Path& p, bool with_y) {
  Json j = Json::object();
  j["method"] = nullity::to_string(p.method);
  j["rank"] = p.c.rank;
  j["nullity"] = p.Z.rows() - p.c.rank;
  j["tolerance"] = p.c.tolerance;
  j["well_determined"] = p.c.well_determined;
  j["certificate"] = certificate_json(p.c);
  j["values"] = json_vector(p.values);
  Json checks = Json::object();
  checks["null_residual"] = p.xz;
  checks["orthonormality_loss"] = p.orth;
  j["checks"] = checks;
  if (with_y) {
    Json s = Json::object();
    s["residual_norm"] = p.residual;
    s["solution_norm"] = p.w.norm();
    s["null_component_norm"] = p.ztw;
    s["move_norm"] = p.Z.cols() > 0 ? kMoveLength : 0.0;
    s["prediction_change"] = p.invariance;
    s["solution"] = json_vector(p.w);
    j["solve"] = s;
  }
  return j;
}

}  // namespace

namespace {

/// Everything `analyze` reports on one matrix, computed before any of it is written.
struct Analysis {
  Eigen::Index rows = 0, cols = 0;
  bool with_y = false;
  std::vector<Path> paths;  // SVD, QR
  Eigen::VectorXd s;        // the SVD path's values: the matrix's own figures come from them
  double norm_x = 0, norm_fro = 0, kappa = 0;
  bool agree = false;
  double subspace = 0, w_difference = 0;
  bool oracle_asked = false;
  OracleReport oracle;

  const Path& svd() const { return paths[0]; }
  const Path& qr() const { return paths[1]; }
  double sigma_min() const { return s.size() > 0 ? s(s.size() - 1) : 0.0; }
};

Analysis analyze(const Arguments& a, const std::string& path, const Eigen::MatrixXd& X,
                 const std::optional<Eigen::VectorXd>& y) {
  Analysis an;
  an.rows = X.rows();
  an.cols = X.cols();
  an.with_y = y.has_value();
  Progress progress;
  progress.show("factorizing (SVD path)...");
  an.paths.push_back(run_path(path, X, y, a.options, nullity::Method::svd, std::nullopt));
  an.s = an.paths[0].values;
  an.norm_x = an.s.size() > 0 ? an.s(0) : 0;
  an.norm_fro = X.norm();
  progress.show("factorizing (QR path)...");
  an.paths.push_back(run_path(path, X, y, a.options, nullity::Method::qr, an.norm_x));
  progress.show("");
  const Path &svd = an.svd(), &qr = an.qr();
  const Eigen::Index r = svd.c.rank;
  an.kappa = r > 0 ? an.s(0) / an.s(r - 1) : std::numeric_limits<double>::infinity();
  an.agree = svd.c.rank == qr.c.rank;
  // Null spaces of equal dimension: sine of the largest principal angle between them.
  an.subspace = an.agree ? cross_norm(qr.Q, svd.Z) : std::numeric_limits<double>::quiet_NaN();
  an.w_difference =
      y && svd.w.norm() > 0 ? (svd.w - qr.w).norm() / svd.w.norm() : std::numeric_limits<double>::quiet_NaN();
  an.oracle_asked = a.oracle;
  if (a.oracle) an.oracle = run_oracle(path, X, y, an.paths);
  return an;
}

/// The analysis as JSON, after the fields in `j` (the file's name, or an array's).
Json analysis_json(const Analysis& an, Json j, const std::optional<std::string>& rhs) {
  const OracleReport& oracle = an.oracle;
  j["rows"] = an.rows;
  j["cols"] = an.cols;
  if (rhs) j["rhs"] = *rhs;
  Json m = Json::object();
  m["norm_2"] = an.norm_x;
  m["norm_fro"] = an.norm_fro;
  m["sigma_min"] = an.sigma_min();
  m["condition_number"] = an.kappa;
  m["stable_rank"] = stable_rank(an.s);
  m["effective_rank"] = effective_rank(an.s);
  j["matrix"] = m;
  Json p = Json::array();
  for (const Path& q : an.paths) p.push_back(path_json(q, an.with_y));
  j["paths"] = p;
  Json rules = Json::array();
  for (const Path& q : an.paths) rules.push_back(rank_by_rule_json(q.rules, q.method));
  j["rank_by_rule"] = rules;
  Json ag = Json::object();
  ag["same_rank"] = an.agree;
  ag["null_space_distance"] = an.subspace;
  if (an.with_y) ag["solution_difference"] = an.w_difference;
  ag["explanation"] = an.agree ? Json() : Json(disagreement(an.svd(), an.qr()));
  j["agreement"] = ag;
  if (an.oracle_asked) {
    Json o = Json::object();
    o["available"] = oracle.run;
    if (!oracle.run) {
      o["reason"] = oracle.skipped;
    } else {
      o["bits"] = oracle.bits;
      o["rank"] = oracle.rank;
      o["singular_values"] = json_vector(oracle.sigma);
      o["values_error"] = oracle.values_error;
      o["null_space_distance"] = oracle.null_distance;
      if (an.with_y) o["solution_error"] = oracle.solution_error;
    }
    j["oracle"] = o;
  }
  return j;
}

/// The analysis as text, headed by `label`.
std::string analysis_text(const Analysis& an, const std::string& label, const std::optional<std::string>& rhs) {
  const OracleReport& oracle = an.oracle;
  const Path &svd = an.svd(), &qr = an.qr();
  const bool y = an.with_y;
  std::string out = label + ": " + count(an.rows) + " x " + count(an.cols) + (rhs ? ", Y = " + *rhs : "") + "\n\n";
  Table m;
  m.row({"matrix"});
  m.row({"|X|_2 = s_1", num(an.norm_x)});
  m.row({"|X|_F", num(an.norm_fro)});
  m.row({"s_min", num(an.sigma_min())});
  m.row({"condition s_1/s_r", num(an.kappa) + " (r = SVD rank)"});
  m.row({"stable rank", num(stable_rank(an.s)) + "  (|X|_F^2 / |X|_2^2)"});
  m.row({"effective rank", num(effective_rank(an.s)) + "  (exp of the entropy of s_i / sum s_j)"});
  out += m.render("  ") + "\n";
  Table t(true);
  t.row({"", "SVD path", "QR path"});
  const auto both = [&](const std::string& row, auto field) { t.row({row, field(svd), field(qr)}); };
  both("rank", [](const Path& p) { return count(p.c.rank); });
  both("nullity", [](const Path& p) { return count(p.Z.rows() - p.c.rank); });
  both("tolerance tau", [](const Path& p) { return sci(p.c.tolerance); });
  both("s_r / |R_rr|", [](const Path& p) { return p.c.rank > 0 ? num(p.c.s_r) : std::string("none"); });
  both("s_{r+1} / |R_{r+1,r+1}|", [](const Path& p) { return num(p.c.s_r1); });
  both("gap", [](const Path& p) { return num(p.c.gap); });
  both("plausible ranks", [](const Path& p) { return "[" + count(p.c.rank_lo) + ", " + count(p.c.rank_hi) + "]"; });
  both("stable (backward error)", [](const Path& p) { return std::string(p.c.well_determined ? "yes" : "NO"); });
  both("robust to tolerance", [](const Path& p) {
    return p.rules.tolerance_robust ? std::string("yes")
                                    : "NO (" + count(p.rules.rank_min) + " to " + count(p.rules.rank_max) + ")";
  });
  both("|XZ|_2 / |X|_2", [](const Path& p) { return sci(p.xz); });
  both("|Z'Z - I|_2", [](const Path& p) { return sci(p.orth); });
  if (y) {
    both("residual |Xw - y|", [](const Path& p) { return num(p.residual); });
    both("|w|", [](const Path& p) { return num(p.w.norm()); });
    both("|Z'w|", [](const Path& p) { return sci(p.ztw); });
    both("|X(w + Zc) - Xw|, |Zc| = 10",
         [](const Path& p) { return p.Z.cols() > 0 ? sci(p.invariance) : std::string("no null space"); });
  }
  if (oracle.run) {
    t.row({"oracle: rank at this tau", count(oracle.rank), count(oracle.rank)});
    t.row({"oracle: max|s_i - sigma_i|/s_1", sci(oracle.values_error), "-"});
    both("oracle: |Q_oracle' Z|_2", [&](const Path& p) {
      return sci(oracle.null_distance[p.method == nullity::Method::svd ? 0 : 1]);
    });
    if (y)
      both("oracle: |w - w+|/|w+|", [&](const Path& p) {
        return sci(oracle.solution_error[p.method == nullity::Method::svd ? 0 : 1]);
      });
  }
  out += t.render("  ") + "\n";
  out += rank_by_rule_table(svd.rules, qr.rules) + "\n";
  out += "  rule: " + svd.c.rule_text + "\n";
  out += "  (QR path values are |R_ii| of the QR of the tall orientation: column-pivoted, or unpivoted and sorted when it\n"
         "   accepts full rank; its s_1 is the largest column norm either way; eps = " + sci(kEps) + ")\n\n";
  if (an.agree) {
    out += "  the paths agree on the rank; their null spaces differ by sin(angle) = " + sci(an.subspace);
    if (y) out += ", their solutions by " + sci(an.w_difference) + " (relative)";
    out += "\n";
  } else {
    out += "  " + disagreement(svd, qr) + "\n";
  }
  if (an.oracle_asked && !oracle.run) out += "  oracle skipped: " + oracle.skipped + "\n";
  if (oracle.run) out += "  oracle: " + count(oracle.bits) + "-bit one-sided Jacobi SVD of the stored matrix\n";
  return out;
}


/// The analysis of one matrix X read from `path`: `label` heads the text; `start` holds the
/// JSON fields that come first (the file's name, or an array's).
MatrixReport analyze_matrix(const Arguments& a, const std::string& path, const std::string& label,
                             const Eigen::MatrixXd& X, const std::optional<Eigen::VectorXd>& y, Json start) {
  const Analysis an = analyze(a, path, X, y);
  const std::optional<std::string> rhs = y ? std::optional<std::string>(a.positional[1]) : std::nullopt;
  MatrixReport report;
  if (a.json)
    report.json = analysis_json(an, std::move(start), rhs);
  else
    report.text = analysis_text(an, label, rhs);
  return report;
}

}  // namespace

Result run_analyze(const Arguments& a) {
  const std::string& path = a.positional[0];
  if (holds_arrays(path)) {
    if (a.positional.size() == 2)
      throw usage_error("'analyze' takes no Y with a file of many arrays (" + path + ")");
    return report_per_array(path, load_layers(path), a.json, [&](const NamedMatrix& nm, Json start) {
      return analyze_matrix(a, path, path + " '" + nm.name + "'", nm.X, std::nullopt, std::move(start));
    });
  }
  const Eigen::MatrixXd X = load_matrix(path);
  require_finite(X, path);
  std::optional<Eigen::VectorXd> y;
  if (a.positional.size() == 2) y = load_rhs(a.positional[1], X.rows());
  Json start = Json::object();
  start["file"] = path;
  MatrixReport one = analyze_matrix(a, path, path, X, y, std::move(start));
  return Result(a.json ? json_text(one.json) : one.text);
}

}  // namespace nullity_cli
