// layers: one row per matrix of a file of many (a checkpoint, a stack): shape, rank, nullity,
// the threshold-free stable and effective ranks, and the certificate's two answers; --plot
// draws every normalized singular spectrum on one figure.

#include <nullity/nullity.hpp>

#include "arrays.hpp"
#include "commands.hpp"
#include "inputs.hpp"
#include "linalg.hpp"
#include "plot.hpp"

namespace nullity_cli {

Result run_layers(const Arguments& a) {
  const std::string& path = a.positional[0];
  // A file of one matrix is a file of one layer.
  Layers layers;
  if (holds_arrays(path)) {
    layers = load_layers(path);
  } else {
    Eigen::MatrixXd X = load_matrix(path);
    require_finite(X, path);
    layers.matrices.push_back({"X", std::move(X)});
  }
  nullity::Options options = a.options;
  options.method = nullity::Method::svd;  // the stable and effective ranks need singular values

  Table t(true);
  t.row({"array", "shape", "rank", "nullity", "stable rank", "effective rank", "gap s_r/s_{r+1}", "stable",
         "robust", "rank stays r for"});
  Json arrays = Json::array();
  std::vector<Spectrum> spectra;
  for (const NamedMatrix& m : layers.matrices) {
    const auto f = attributed(path, [&] { return nullity::factorize(m.X, options); });
    const auto c = attributed(path, [&] { return f.certificate(); });
    const Eigen::VectorXd s = f.spectrum();
    const auto rules = nullity::rank_across_rules(f);
    const double stable = stable_rank(s), effective = effective_rank(s);
    t.row({m.name, count(m.X.rows()) + " x " + count(m.X.cols()), count(c.rank), count(m.X.cols() - c.rank),
           num(stable), num(effective), num(c.gap), c.well_determined ? "yes" : "NO",
           rules.tolerance_robust ? "yes" : "NO (" + count(rules.rank_min) + "-" + count(rules.rank_max) + ")",
           tau_band(rules)});
    Json j = Json::object();
    j["name"] = m.name;
    j["rows"] = m.X.rows();
    j["cols"] = m.X.cols();
    j["rank"] = c.rank;
    j["nullity"] = m.X.cols() - c.rank;
    j["stable_rank"] = stable;
    j["effective_rank"] = effective;
    j["tolerance"] = c.tolerance;
    j["well_determined"] = c.well_determined;
    j["tolerance_robust"] = rules.tolerance_robust;
    j["tau_factor_range"] = Json::array({rules.factor_lo, rules.factor_hi});
    j["certificate"] = certificate_json(c);
    j["values"] = json_vector(s);
    arrays.push_back(j);
    spectra.push_back({m.name, s});
  }
  if (!a.plot.empty()) plot_spectra(a.plot, path, spectra);

  Result r;
  for (const std::string& note : layers.notes) r.note += (r.note.empty() ? "" : "; ") + note;
  if (a.json) {
    Json j = Json::object();
    j["file"] = path;
    j["method"] = "svd";
    if (!a.plot.empty()) j["plot"] = a.plot;
    j["arrays"] = arrays;
    r.out = json_text(j);
    return r;
  }
  r.out = path + ": " + count(static_cast<long long>(layers.matrices.size())) + " matrices, SVD path, rule " +
          nullity::to_string(options.rule) + "\n\n" + t.render("  ");
  r.out += "\n  stable: the rank survives the backward error sqrt(max(n,d))*eps*s_1 (the certificate);\n"
           "  robust: every preset (numpy, scipy, matlab, julia, eigen, lapack) gives the same rank;\n"
           "  stable rank |X|_F^2/|X|_2^2 and effective rank exp(entropy of s_i/sum s_j) need no threshold.\n";
  if (!a.plot.empty()) r.out += "  wrote the normalized singular spectra to " + a.plot + "\n";
  return r;
}

}  // namespace nullity_cli
