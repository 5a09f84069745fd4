#pragma once
/// \file
/// The nullity conformance kit: run the whole rank / null-space / minimum-norm property set
/// (properties.hpp) against your own solver.
///
/// Two entry points:
///  - `register_conformance_tests(solver)` registers one GoogleTest test per property
///    (suite `Conformance_<name>`); link GTest::gtest_main, or use the CMake function
///    `nullity_add_conformance_test` (NullityConformance.cmake), and run under ctest.
///    Depth and seed come from RC_PARAMS (e.g. `RC_PARAMS="seed=42 max_success=500"`); sizes
///    from NULLITY_CONFORMANCE_SIZE (e.g. `24x48`; default 16x32).
///  - `check_all(solver, config)` runs every property and returns the results, counterexamples
///    included: how the kit's own tests prove that it catches known-bad solvers.
///
/// \code
///   #include <nullity_conformance/kit.hpp>
///   static const bool registered = nullity_conformance::register_conformance_tests(my_solver());
/// \endcode

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "properties.hpp"
#include "solver.hpp"

namespace nullity_conformance {

using detail::kThresh;

/// How deep and how large.
struct Config {
  int max_success = 100;       ///< cases per property (scaled by success_fraction)
  double success_fraction = 1; ///< e.g. 0.1 for slow multiprecision scalars
  int min_success = 1;         ///< floor on the scaled count (see multiprecision_properties.cpp)
  std::uint64_t seed = 0;
  int max_rows = 16, max_cols = 32;
  bool shrink = true;
  std::vector<Family> families = {Family::rank, Family::null_space, Family::min_norm, Family::exceptional};
  std::vector<std::string> only;  ///< property names to run (empty: all)

  /// Defaults from RC_PARAMS (seed, max_success, noshrink) and NULLITY_CONFORMANCE_SIZE.
  static Config from_environment() {
    Config c;
    const rc::detail::TestParams& p = rc::detail::configuration().testParams;
    c.max_success = p.maxSuccess;
    c.seed = p.seed;
    c.shrink = !p.disableShrinking;
    const char* size = std::getenv("NULLITY_CONFORMANCE_SIZE");
#ifdef NULLITY_CONFORMANCE_DEFAULT_SIZE
    if (!size) size = NULLITY_CONFORMANCE_DEFAULT_SIZE;
#endif
    if (size) {
      int r = 0, k = 0;
      char x = 0;
      std::istringstream is(size);
      if (is >> r >> x >> k && x == 'x' && r > 0 && k > 0) c.max_rows = r, c.max_cols = k;
    }
    return c;
  }
};

/// The outcome of one property on one solver.
struct PropertyResult {
  std::string id, name;
  bool passed = false;
  bool skipped = false;
  int cases = 0;               ///< successful cases (for a failure: before the failing one)
  int discards = 0;            ///< cases that failed a precondition (ambiguous rank, η > 1/2)
  double worst_ratio = 0;      ///< worst ratio among passing cases
  std::string worst_what;
  std::string counterexample;  ///< rapidcheck's report of the shrunk counterexample
  std::string note;
};

template <class S>
std::string missing_functions(const SolverUnderTest<S>& s, unsigned needs) {
  std::string m;
  if ((needs & needs_rank) && !s.rank) m += " rank";
  if ((needs & needs_null_space) && !s.null_space) m += " null_space";
  if ((needs & needs_solve) && !s.solve) m += " solve";
  return m;
}

/// Runs one property; the test id (used by RC_PARAMS="reproduce=…") is "<solver>/<property>".
template <class S>
PropertyResult run_property(const Property<S>& p, const SolverUnderTest<S>& s, const Config& cfg) {
  PropertyResult out;
  out.id = p.id;
  out.name = p.name;
  if (const std::string m = missing_functions(s, p.needs); !m.empty()) {
    out.skipped = out.passed = true;
    out.note = "skipped: the solver does not provide" + m;
    return out;
  }
  for (const KnownDeviation& k : s.known_deviations)
    if (k.whole_property && k.property == p.name) {
      out.skipped = out.passed = true;
      out.note = "skipped: known deviation: " + k.reason;
      return out;
    }
  detail::Context ctx{nullity_test::Limits::of<S>(cfg.max_rows, cfg.max_cols)};
  detail::PropertyStats stats;
  detail::current_stats() = &stats;
  rc::detail::TestParams params;
  params.seed = cfg.seed;
  params.maxSuccess = std::max({1, cfg.min_success, int(std::ceil(cfg.max_success * cfg.success_fraction))});
  params.disableShrinking = !cfg.shrink;
  // The id is what RC_PARAMS="reproduce=…" names, and what rapidcheck prints after a failure.
  rc::detail::TestMetadata meta;
  meta.id = s.name + "/" + p.name;
  meta.description = p.name;
  const auto body = p.body;
  const SolverUnderTest<S>* solver = &s;
  const auto result = rc::detail::checkProperty(rc::detail::toProperty([body, solver, ctx] {
                                                  nullity::oracle::PrecisionScope scope(detail::kOracleBits);
                                                  body(*solver, ctx);
                                                }),
                                                meta, params);
  detail::current_stats() = nullptr;
  out.discards = stats.discards;
  out.worst_ratio = stats.worst;
  out.worst_what = stats.worst_what;
  std::ostringstream report;
  rc::detail::printResultMessage(result, report);
  if (result.template is<rc::detail::SuccessResult>()) {
    out.passed = true;
    out.cases = result.template get<rc::detail::SuccessResult>().numSuccess;
  } else if (result.template is<rc::detail::FailureResult>()) {
    out.cases = result.template get<rc::detail::FailureResult>().numSuccess;
    out.counterexample = report.str();
  } else {
    out.counterexample = report.str();  // gave up (too many discards) or an error
    out.note = "no verdict";
  }
  return out;
}

/// Runs every property of `cfg.families` (or `cfg.only`) against the solver.
template <class S>
std::vector<PropertyResult> check_all(const SolverUnderTest<S>& s, const Config& cfg) {
  std::vector<PropertyResult> results;
  for (const Property<S>& p : property_set<S>()) {
    if (std::find(cfg.families.begin(), cfg.families.end(), p.family) == cfg.families.end()) continue;
    if (!cfg.only.empty() && std::find(cfg.only.begin(), cfg.only.end(), p.name) == cfg.only.end()) continue;
    results.push_back(run_property(p, s, cfg));
  }
  return results;
}

/// One line per property: "P06 NullBasisIsAnnihilatedByX: passed, 100 cases, 12 discarded,
/// worst ratio 1.7 (|XZ|_2 / ...)".
inline std::string summary_line(const std::string& solver, const PropertyResult& r) {
  std::ostringstream os;
  os << "[conformance] " << solver << " " << r.id << " " << r.name << ": ";
  if (r.skipped) return os.str() + r.note;
  os << (r.passed ? "passed" : r.note.empty() ? "FAILED" : r.note) << ", " << r.cases << " cases, " << r.discards
     << " discarded, worst ratio " << r.worst_ratio;
  if (!r.worst_what.empty()) os << " (" << r.worst_what << ")";
  return os.str();
}

namespace detail {

template <class S>
class ConformanceTest : public ::testing::Test {
 public:
  ConformanceTest(Property<S> p, SolverUnderTest<S> s, Config c) : p_(std::move(p)), s_(std::move(s)), c_(std::move(c)) {}
  void TestBody() override {
    const PropertyResult r = run_property(p_, s_, c_);
    std::cout << summary_line(s_.name, r) << std::endl;
    // A skip is never a silent pass: it happens only when the solver does not provide the
    // function the property needs, or declares the whole property a known deviation, and the
    // note (printed, and listed in docs/properties.md) says which.
    if (r.skipped) GTEST_SKIP() << r.note;
    if (!r.passed) FAIL() << r.counterexample;
  }

 private:
  Property<S> p_;
  SolverUnderTest<S> s_;
  Config c_;
};

inline std::string identifier(const std::string& name) {
  std::string id = name;
  for (char& ch : id)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return id;
}

}  // namespace detail

/// Registers one GoogleTest test per property, `Conformance_<name>.<Property>`. Call it during
/// static initialisation or before RUN_ALL_TESTS. Returns true (so it can initialise a static).
template <class S>
bool register_conformance_tests(const SolverUnderTest<S>& s, Config cfg = Config::from_environment()) {
  const std::string suite = "Conformance_" + detail::identifier(s.name);
  for (const Property<S>& p : property_set<S>()) {
    if (std::find(cfg.families.begin(), cfg.families.end(), p.family) == cfg.families.end()) continue;
    ::testing::RegisterTest(suite.c_str(), p.name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [p, s, cfg]() -> ::testing::Test* { return new detail::ConformanceTest<S>(p, s, cfg); });
  }
  return true;
}

}  // namespace nullity_conformance
