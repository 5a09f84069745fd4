// rank, null, solve: one factorization by the chosen method, its certificate, and the result.

#include <functional>
#include <optional>

#include <nullity/nullity.hpp>

#include "arrays.hpp"
#include "commands.hpp"
#include "inputs.hpp"

namespace nullity_cli {
namespace {

struct Factored {
  Eigen::MatrixXd X;
  nullity::Factorization<double> f;
  nullity::RankCertificate<double> certificate;
};

/// Factorizes X, already loaded from `path` and checked finite. `first` asks the command's own
/// question before the certificate does: the factorization computes what its first question
/// needs (factorization.hpp), so a null space or a solve asked first costs one SVD with vectors,
/// or one xGELSD, where a certificate asked first would add a values-only SVD before them.
Factored factor(const std::string& path, Eigen::MatrixXd X, const nullity::Options& options,
                const std::function<void(const nullity::Factorization<double>&)>& first = {}) {
  auto f = attributed(path, [&] { return nullity::factorize(X, options); });
  if (first) attributed(path, [&] { first(f); });
  auto c = attributed(path, [&] { return f.certificate(); });
  return Factored{std::move(X), std::move(f), std::move(c)};
}

/// The fields every command's JSON starts with (the `rank --json` contract), after `j`'s own.
Json summary_json(const std::string& path, const Factored& m, Json j = Json::object()) {
  if (!path.empty()) j["file"] = path;
  j["rows"] = m.X.rows();
  j["cols"] = m.X.cols();
  j["method"] = nullity::to_string(m.f.options().method);
  j["rank"] = m.certificate.rank;
  j["nullity"] = m.X.cols() - m.certificate.rank;
  j["tolerance"] = m.certificate.tolerance;
  j["well_determined"] = m.certificate.well_determined;
  const auto rules = nullity::rank_across_rules(m.f);
  j["tolerance_robust"] = rules.tolerance_robust;
  j["tau_factor_range"] = Json::array({rules.factor_lo, rules.factor_hi});
  j["certificate"] = certificate_json(m.certificate);
  return j;
}

std::string summary_text(const std::string& path, const Factored& m) {
  Table t;
  t.row({path + ": " + count(m.X.rows()) + " x " + count(m.X.cols()) + ", method " +
         nullity::to_string(m.f.options().method)});
  t.row({"rank", count(m.certificate.rank)});
  t.row({"nullity", count(m.X.cols() - m.certificate.rank)});
  certificate_rows(t, m.certificate);
  robustness_rows(t, nullity::rank_across_rules(m.f));
  return t.render();
}

Factored load_and_factor(const std::string& path, const nullity::Options& options,
                         const std::function<void(const nullity::Factorization<double>&)>& first = {}) {
  Eigen::MatrixXd X = load_matrix(path);
  require_finite(X, path);
  return factor(path, std::move(X), options, first);
}

}  // namespace

namespace {

/// rank of one matrix: the summary, and with --all-rules both paths' rank by rule.
MatrixReport rank_report(const std::string& path, const std::string& label, Factored m, const Arguments& a,
                       Json start);

/// rank of a file of many matrices: one report per matrix; skipped arrays in a note.
Result run_rank_arrays(const Arguments& a) {
  const std::string& path = a.positional[0];
  return report_per_array(path, load_layers(path), a.json, [&](const NamedMatrix& nm, Json start) {
    return rank_report(path, path + " '" + nm.name + "'", factor(path, nm.X, a.options), a, std::move(start));
  });
}

MatrixReport rank_report(const std::string& path, const std::string& label, Factored m, const Arguments& a,
                       Json start) {
  // --all-rules: both paths, whichever --method chose the headline.
  std::optional<Factored> other;
  if (a.all_rules) {
    nullity::Options o = a.options;
    o.method = o.method == nullity::Method::svd ? nullity::Method::qr : nullity::Method::svd;
    other.emplace(factor(path, m.X, o));
  }
  const Factored* svd = !other || m.f.options().method == nullity::Method::svd ? &m : &*other;
  const Factored* qr = svd == &m ? (other ? &*other : nullptr) : &m;
  MatrixReport out;
  if (!a.json) {
    out.text = summary_text(label, m);
    if (other)
      out.text += "\n" + rank_by_rule_table(nullity::rank_across_rules(svd->f), nullity::rank_across_rules(qr->f));
    return out;
  }
  out.json = summary_json(label == path ? path : std::string(), m, std::move(start));
  out.json["values"] = json_vector(attributed(path, [&] { return m.f.spectrum(); }));
  if (other) {
    Json rules = Json::array();
    rules.push_back(rank_by_rule_json(nullity::rank_across_rules(svd->f), nullity::Method::svd));
    rules.push_back(rank_by_rule_json(nullity::rank_across_rules(qr->f), nullity::Method::qr));
    out.json["rank_by_rule"] = rules;
  }
  return out;
}

}  // namespace

Result run_rank(const Arguments& a) {
  const std::string& path = a.positional[0];
  if (holds_arrays(path)) return run_rank_arrays(a);
  MatrixReport one = rank_report(path, path, load_and_factor(path, a.options), a, Json::object());
  return Result(a.json ? json_text(one.json) : one.text);
}

Result run_null(const Arguments& a) {
  const std::string& path = a.positional[0];
  Eigen::MatrixXd Z;
  const Factored m = load_and_factor(path, a.options, [&](const auto& f) { Z = f.null_space(); });
  Result r;
  if (!a.output.empty()) write_output(a.output, Z);
  if (a.json) {
    Json j = summary_json(path, m);
    if (!a.output.empty()) j["output"] = a.output;
    j["null_space"] = json_matrix(Z);
    r.out = json_text(j);
  } else if (!a.output.empty()) {
    r.out = summary_text(path, m) + "wrote the null space Z (" + count(Z.rows()) + " x " + count(Z.cols()) +
            ", orthonormal columns) to " + a.output + "\n";
  } else {
    r.out = nullity::io::format_csv(Z);
    if (Z.cols() == 0) r.note = "the null space of " + path + " is {0} (rank = number of columns): nothing to print";
  }
  return r;
}

Result run_solve(const Arguments& a) {
  const std::string& path = a.positional[0];
  Eigen::MatrixXd X = load_matrix(path);
  require_finite(X, path);
  const Eigen::VectorXd y = load_rhs(a.positional[1], X.rows());
  Eigen::VectorXd w;
  const Factored m = factor(path, std::move(X), a.options, [&](const auto& f) { w = f.solve(y); });
  Result r;
  if (!a.output.empty()) write_output(a.output, w);
  const double residual = (m.X * w - y).norm();
  if (a.json) {
    Json j = summary_json(path, m);
    j["rhs"] = a.positional[1];
    if (!a.output.empty()) j["output"] = a.output;
    j["residual_norm"] = residual;
    j["solution_norm"] = w.norm();
    j["solution"] = json_vector(w);
    r.out = json_text(j);
  } else if (!a.output.empty()) {
    Table t;
    t.row({"residual |Xw - y|", num(residual)});
    t.row({"|w|", num(w.norm())});
    r.out = summary_text(path, m) + t.render() + "wrote the minimum-norm solution w (" + count(w.size()) + ") to " +
            a.output + "\n";
  } else {
    r.out = nullity::io::format_csv(w);
  }
  return r;
}

}  // namespace nullity_cli
