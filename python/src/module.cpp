// nullity._core: the library and the oracles for Python (pybind11). The package's Python layer
// (nullity/*.py) turns array-likes into 2-D float64 or float32 arrays and calls these functions;
// everything numerical happens here, in the C++ library. The conformance kit runs in a helper
// process (kit_server.cpp): Debian's librapidcheck.a is not position-independent code, so it
// cannot be linked into this shared object.
#include <mutex>
#include <optional>
#include <string>

#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nullity/nullity.hpp>
#include <nullity_oracle/oracle.hpp>
#include <nullity_test/thresholds.hpp>

namespace py = pybind11;

namespace {

template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <class S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;

// The MPFR oracle keeps its precision in one process-wide variable (oracle/mpfr.hpp), so it
// must not run on two threads at once. A second Python thread waits for the lock with the GIL
// released, so that the first can finish converting its answer.
std::unique_lock<std::mutex> oracle_lock() {
  static std::mutex m;
  std::unique_lock<std::mutex> lock(m, std::defer_lock);
  py::gil_scoped_release nogil;
  lock.lock();
  return lock;
}

nullity::Method method_named(const std::string& s) {
  if (s == "svd") return nullity::Method::svd;
  if (s == "qr") return nullity::Method::qr;
  throw nullity::invalid_input("method must be 'svd' or 'qr', got '" + s + "'");
}

nullity::Backend backend_named(const std::string& s) {
  for (auto b : {nullity::Backend::automatic, nullity::Backend::eigen, nullity::Backend::lapack})
    if (s == nullity::to_string(b)) return b;
  throw nullity::invalid_input("backend must be 'automatic', 'eigen' or 'lapack', got '" + s + "'");
}

nullity::Options options(const std::string& method, std::optional<double> rtol, double atol, const std::string& preset,
                         const std::string& backend) {
  nullity::Options o;
  bool known = false;
  for (const nullity::Options& p : nullity::preset_rules())
    if (preset == nullity::to_string(p.rule)) o = p, known = true;
  if (!known)
    throw nullity::invalid_input("preset must be one of numpy, scipy, matlab, julia, eigen, lapack; got '" + preset +
                                 "'");
  o.method = method_named(method);
  o.backend = backend_named(backend);
  o.atol = atol;
  if (rtol) {
    // The C++ convention "rtol < 0 selects the default" is None in Python; a negative number is
    // a mistake, not a request for the default.
    if (!(*rtol >= 0)) throw nullity::invalid_input("rtol must be a non-negative number or None, got " + std::to_string(*rtol));
    o.rtol = *rtol;
  }
  return o;
}

template <class S>
py::dict certificate_dict(const nullity::RankCertificate<S>& c) {
  py::dict d;
  d["method"] = nullity::to_string(c.method);
  d["rule"] = nullity::to_string(c.rule);
  d["rule_text"] = c.rule_text;
  d["rtol"] = double(c.rtol);
  d["atol"] = double(c.atol);
  d["tau"] = double(c.tolerance);
  d["rank"] = c.rank;
  d["s_r"] = double(c.s_r);
  d["s_r1"] = double(c.s_r1);
  d["gap"] = double(c.gap);
  d["perturbation"] = double(c.perturbation);
  d["rank_lo"] = c.rank_lo;
  d["rank_hi"] = c.rank_hi;
  d["well_determined"] = c.well_determined;
  return d;
}

template <class S>
py::dict across_rules_dict(const nullity::RankAcrossRules<S>& a) {
  py::dict d, rules;
  for (const auto& q : a.rules) rules[nullity::to_string(q.rule)] = q.rank;
  d["rules"] = rules;
  d["rank_min"] = a.rank_min;
  d["rank_max"] = a.rank_max;
  d["factor_lo"] = double(a.factor_lo);
  d["factor_hi"] = double(a.factor_hi);
  d["tolerance_robust"] = a.tolerance_robust;
  return d;
}

// ------------------------------------------------------------------------------ the library ----

template <class S>
void bind_library(py::module_& m, const char* suffix) {
  using F = nullity::Factorization<S>;
  const std::string cls = std::string("Factorization") + suffix;
  // Every computation copies its arguments into Eigen objects first (the type casters), so it
  // runs without the GIL.
  const auto nogil = py::call_guard<py::gil_scoped_release>();
  py::class_<F>(m, cls.c_str())
      .def_property_readonly("rank", &F::rank)
      .def_property_readonly("nullity", &F::nullity)
      .def_property_readonly("shape", [](const F& f) { return py::make_tuple(f.rows(), f.cols()); })
      .def_property_readonly("tolerance", [](const F& f) { return double(f.tolerance()); })
      .def("null_space", &F::null_space, nogil)
      .def("row_space", &F::row_space, nogil)
      .def("spectrum", &F::spectrum, nogil)
      .def("solve", [](const F& f, const Vec<S>& y) { return f.solve(y); }, nogil)
      .def("split", [](const F& f, const Vec<S>& w) {
        nullity::Split<S> s = [&] {
          py::gil_scoped_release release;
          return f.split(w);
        }();
        return py::make_tuple(s.row, s.null);
      })
      .def("_certificate", [](const F& f) { return certificate_dict(f.certificate()); })
      .def("_rank_across_rules", [](const F& f) { return across_rules_dict(nullity::rank_across_rules(f)); });

  m.def((std::string("factorize") + suffix).c_str(),
        [](const Mat<S>& X, const std::string& method, std::optional<double> rtol, double atol, const std::string& preset,
           const std::string& backend) {
          const nullity::Options o = options(method, rtol, atol, preset, backend);
          py::gil_scoped_release release;
          return nullity::factorize(X, o);
        });
  m.def((std::string("min_norm_solve") + suffix).c_str(),
        [](const Mat<S>& X, const Vec<S>& y, const std::string& method, std::optional<double> rtol, double atol,
           const std::string& preset, const std::string& backend) {
          const nullity::Options o = options(method, rtol, atol, preset, backend);
          py::gil_scoped_release release;
          return Vec<S>(nullity::min_norm_solve(X, y, o));
        });
}

// ------------------------------------------------------------------------------ the oracles ----

std::string rational_text(const nullity::oracle::Rational& q) { return q.str(); }

py::list rational_columns(const nullity::oracle::RationalMatrix& A) {
  py::list rows;
  for (Eigen::Index i = 0; i < A.rows(); ++i) {
    py::list row;
    for (Eigen::Index j = 0; j < A.cols(); ++j) row.append(rational_text(A(i, j)));
    rows.append(row);
  }
  return rows;
}

void bind_oracles(py::module_& m) {
  namespace o = nullity::oracle;
  m.def("exact_rank", [](const Eigen::MatrixXd& X) {
    const auto lock = oracle_lock();
    return X.size() == 0 ? Eigen::Index(0) : o::exact(X).rank;
  });
  // The kernel and the solution exactly, as "p/q" strings (Python builds Fractions from them),
  // and correctly rounded to double.
  m.def("exact_null_space", [](const Eigen::MatrixXd& X) {
    const auto lock = oracle_lock();
    if (X.size() == 0) {
      const Eigen::MatrixXd I = Eigen::MatrixXd::Identity(X.cols(), X.cols());
      return py::make_tuple(I, rational_columns(I.cast<o::Rational>()));
    }
    const o::ExactAnswer a = o::exact(X);
    return py::make_tuple(o::to_double(a.kernel), rational_columns(a.kernel));
  });
  m.def("min_norm_solution", [](const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
    const auto lock = oracle_lock();
    const o::RationalVector w = o::exact_min_norm_solve(X, y);
    return py::make_tuple(o::to_double(w), rational_columns(o::RationalMatrix(w)));
  });
  m.attr("oracle_bits") = o::default_bits;  // the one definition of each, in the C++ headers
  m.attr("thresh") = nullity_test::kThresh;
  m.def("singular_values", [](const Eigen::MatrixXd& X, unsigned bits) {
    const auto lock = oracle_lock();
    if (X.size() == 0) return Eigen::VectorXd(0);
    return o::to_double(o::mpfr_svd(X, bits).s);
  });
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "nullity's C++ core: factorizations and oracles (use the nullity package)";
  // The library's one-line messages, as the ValueError the issue promises; a decomposition that
  // did not converge is a RuntimeError.
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const nullity::numerical_error& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    } catch (const std::invalid_argument& e) {  // nullity::invalid_input and the oracles' errors
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });
  bind_library<double>(m, "64");
  bind_library<float>(m, "32");
  bind_oracles(m);
}
