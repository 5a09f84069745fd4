// nullity_kit: the conformance kit for a solver written in Python, run in a helper process
// that nullity.conformance starts (Debian's librapidcheck.a is not position-independent code,
// so the kit cannot live in the extension module).
//
//   nullity_kit --properties      one JSON line: the kit's default seed and its properties
//   nullity_kit CONFIG_JSON       runs check_all; every call of the solver is a request to the
//                                 Python side, which calls the user's function and answers
//
// Protocol on the inherited stdin/stdout (stdout is moved to a private descriptor first, and
// fd 1 pointed at stderr, so that nothing printed by a library can corrupt it). Native byte
// order, int64 sizes, float64 values, matrices column-major:
//   request   'R' n d X | 'N' n d X | 'S' n d X y | 'T' n d (rtol(n, d), a callable's)
//   answer    'O' payload | 'E' length text   (a Python exception: the property fails with it)
//             payloads: rank int64 | null space rows cols Z | solve length w | rtol float64
//   finally   'D' length JSON   (the results, counterexamples' X and y included)
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <iostream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <nullity_conformance/kit.hpp>

namespace {

namespace nc = nullity_conformance;
using json = nlohmann::json;

int out_fd = -1;

void write_all(const void* p, std::size_t n) {
  const char* c = static_cast<const char*>(p);
  while (n) {
    const ssize_t k = ::write(out_fd, c, n);
    if (k <= 0) throw std::runtime_error("nullity_kit: the Python side closed the pipe");
    c += k, n -= std::size_t(k);
  }
}
void read_all(void* p, std::size_t n) {
  char* c = static_cast<char*>(p);
  while (n) {
    const ssize_t k = ::read(0, c, n);
    if (k <= 0) {
      std::fprintf(stderr, "nullity_kit: the Python side closed the pipe\n");
      std::_Exit(3);  // nothing to report to: the parent is gone
    }
    c += k, n -= std::size_t(k);
  }
}
void put(char kind) { write_all(&kind, 1); }
void put(std::int64_t v) { write_all(&v, sizeof v); }
std::int64_t get_int() {
  std::int64_t v = 0;
  read_all(&v, sizeof v);
  return v;
}
template <class S>
void put(const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>& A) {
  const Eigen::MatrixXd D = A.template cast<double>();
  write_all(D.data(), sizeof(double) * std::size_t(D.size()));
}
template <class S>
void put(const Eigen::Matrix<S, Eigen::Dynamic, 1>& v) {
  const Eigen::VectorXd D = v.template cast<double>();
  write_all(D.data(), sizeof(double) * std::size_t(D.size()));
}
std::vector<double> get_doubles(std::int64_t n) {
  if (n < 0 || n > (std::int64_t(1) << 40)) throw std::runtime_error("nullity_kit: bad size from the Python side");
  std::vector<double> v(static_cast<std::size_t>(n));
  read_all(v.data(), sizeof(double) * v.size());
  return v;
}

/// Reads the answer to a request: its payload is read by `payload`, or the Python exception's
/// text becomes this C++ exception (the kit records it as the property's failure).
template <class F>
auto answer(F payload) {
  char kind = 0;
  read_all(&kind, 1);
  if (kind == 'E') {
    const std::int64_t n = get_int();
    std::string text(static_cast<std::size_t>(n), '\0');
    read_all(text.data(), text.size());
    throw std::runtime_error(text);
  }
  if (kind != 'O') throw std::runtime_error("nullity_kit: malformed answer from the Python side");
  return payload();
}

template <class S>
void request(char kind, const nc::Mat<S>& X) {
  put(kind);
  put(std::int64_t(X.rows()));
  put(std::int64_t(X.cols()));
  put(X);
}

template <class S>
nc::SolverUnderTest<S> remote_solver(const json& c) {
  nc::SolverUnderTest<S> s;
  s.name = c.at("name").get<std::string>();
  if (c.at("rank").get<bool>())
    s.rank = [](const nc::Mat<S>& X) {
      request('R', X);
      return answer([] { return Eigen::Index(get_int()); });
    };
  if (c.at("null_space").get<bool>())
    s.null_space = [](const nc::Mat<S>& X) {
      request('N', X);
      return answer([] {
        const std::int64_t r = get_int(), k = get_int();
        const std::vector<double> v = get_doubles(r * k);
        return nc::Mat<S>(Eigen::Map<const Eigen::MatrixXd>(v.data(), r, k).template cast<S>());
      });
    };
  if (c.at("solve").get<bool>())
    s.solve = [](const nc::Mat<S>& X, const nc::Vec<S>& y) {
      request('S', X);
      put(y);
      return answer([] {
        const std::vector<double> v = get_doubles(get_int());
        return nc::Vec<S>(Eigen::Map<const Eigen::VectorXd>(v.data(), Eigen::Index(v.size())).template cast<S>());
      });
    };
  std::function<double(Eigen::Index, Eigen::Index)> rtol = nc::numpy_rtol<S>();
  if (c.at("rtol").is_number()) {
    const double r = c.at("rtol").get<double>();
    rtol = [r](Eigen::Index, Eigen::Index) { return r; };
  } else if (c.at("rtol") == "callable") {
    rtol = [](Eigen::Index n, Eigen::Index d) {
      put('T');
      put(std::int64_t(n));
      put(std::int64_t(d));
      return answer([] { return get_doubles(1)[0]; });
    };
  }
  s.rule = c.at("pivoted_qr").get<bool>() ? nc::RankRule::pivoted_qr_rule(rtol) : nc::RankRule::singular_values(rtol);
  s.rule.atol = c.at("atol").get<double>();
  for (const json& k : c.at("deviations")) {
    // A whole-property deviation names no source (the kit ignores it then).
    nullity_test::Source source = nullity_test::Source::zero;
    for (int i = 0; i <= int(nullity_test::last_source); ++i)
      if (k.at(1) == nullity_test::to_string(nullity_test::Source(i))) source = nullity_test::Source(i);
    s.known_deviations.push_back({k.at(0).get<std::string>(), source, k.at(2).get<std::string>(), k.at(3).get<bool>()});
  }
  s.smallest_scale = c.at("smallest_scale").get<double>();
  s.largest_scale = c.at("largest_scale").is_null() ? std::numeric_limits<double>::infinity()
                                                    : c.at("largest_scale").get<double>();
  return s;
}

template <class S>
json run(const json& c) {
  nc::Config cfg;
  cfg.seed = c.at("seed").get<std::uint64_t>();
  cfg.max_success = c.at("max_success").get<int>();
  cfg.max_rows = c.at("max_rows").get<int>();
  cfg.max_cols = c.at("max_cols").get<int>();
  cfg.shrink = c.at("shrink").get<bool>();
  cfg.only = c.at("only").get<std::vector<std::string>>();
  json results = json::array();
  for (const nc::PropertyResult& r : nc::check_all(remote_solver<S>(c), cfg)) {
    json X = json::array();
    for (Eigen::Index i = 0; i < r.X.rows(); ++i) {
      json row = json::array();
      for (Eigen::Index j = 0; j < r.X.cols(); ++j) row.push_back(r.X(i, j));
      X.push_back(row);
    }
    results.push_back({{"id", r.id}, {"property", r.name}, {"passed", r.passed}, {"skipped", r.skipped},
                       {"cases", r.cases}, {"discarded", r.discards}, {"worst_ratio", r.worst_ratio},
                       {"worst_what", r.worst_what}, {"seed", r.seed}, {"text", r.counterexample}, {"note", r.note},
                       {"X", X}, {"X_shape", {r.X.rows(), r.X.cols()}},
                       {"y", std::vector<double>(r.y.data(), r.y.data() + r.y.size())}, {"reproduce", r.reproduce}});
  }
  return results;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: nullity_kit --properties | CONFIG_JSON (started by nullity.conformance)\n");
    return 2;
  }
  if (std::string(argv[1]) == "--properties") {
    json p = json::array();
    for (const auto& q : nc::property_set<double>()) p.push_back({q.id, q.name, nc::to_string(q.family)});
    std::cout << json{{"default_seed", nc::default_seed}, {"properties", p}}.dump() << std::endl;
    return 0;
  }
  out_fd = ::dup(1);
  if (out_fd < 0 || ::dup2(2, 1) < 0) return 3;
  try {
    const json c = json::parse(argv[1]);
    const json results = c.at("dtype") == "float32" ? run<float>(c) : run<double>(c);
    const std::string text = results.dump();
    put('D');
    put(std::int64_t(text.size()));
    write_all(text.data(), text.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "nullity_kit: %s\n", e.what());
    return 1;
  }
  return 0;
}
