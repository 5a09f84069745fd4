#pragma once
/// \file
/// The conformance kit's templates (kit.hpp declares them), for a scalar other than `float` and
/// `double`, whose instances the nullity::conformance library already holds:
///
/// \code
///   #include <nullity_conformance/kit_any_scalar.hpp>
///   using Mp = boost::multiprecision::number<boost::multiprecision::cpp_bin_float<50>, boost::multiprecision::et_off>;
///   static const bool registered = nullity_conformance::register_conformance_tests(my_solver<Mp>());
/// \endcode
///
/// Instantiating the property set is what makes a kit file slow to compile (about a minute for a
/// multiprecision scalar): keep such instantiations in one translation unit.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

namespace rc::detail {
// rapidcheck's own encoding of RC_PARAMS="reproduce=…" (src/detail/Serialization), which its
// headers do not declare.
std::string reproduceMapToString(const std::unordered_map<std::string, Reproduce>& reproduceMap);
}  // namespace rc::detail

#include "kit.hpp"
#include "properties.hpp"

namespace nullity_conformance {

namespace detail {

template <class S>
std::string missing_functions(const SolverUnderTest<S>& s, unsigned needs) {
  std::string m;
  if ((needs & needs_rank) && !s.rank) m += " rank";
  if ((needs & needs_null_space) && !s.null_space) m += " null_space";
  if ((needs & needs_solve) && !s.solve) m += " solve";
  return m;
}

}  // namespace detail

template <class S>
PropertyResult run_property(const Property<S>& p, const SolverUnderTest<S>& s, const Config& cfg) {
  PropertyResult out;
  out.id = p.id;
  out.name = p.name;
  out.seed = cfg.seed;
  if (const std::string m = detail::missing_functions(s, p.needs); !m.empty()) {
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
  detail::last_failure() = {};
  const auto result = rc::detail::checkProperty(rc::detail::toProperty([body, solver, ctx] {
                                                  nullity::oracle::PrecisionScope scope(detail::kOracleBits);
                                                  detail::current_case() = {};
                                                  try {
                                                    body(*solver, ctx);
                                                  } catch (const rc::detail::CaseResult& r) {
                                                    if (r.type == rc::detail::CaseResult::Type::Failure)
                                                      detail::last_failure() = detail::current_case();
                                                    throw;
                                                  } catch (const rc::GenerationFailure&) {
                                                    throw;  // a discard
                                                  } catch (...) {  // the solver threw: rapidcheck fails the case
                                                    detail::last_failure() = detail::current_case();
                                                    throw;
                                                  }
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
    // rapidcheck counts the successes before the failure; "Falsifiable after N tests" counts
    // the failing case too, and so does `cases`: one count, one meaning.
    const auto& failure = result.template get<rc::detail::FailureResult>();
    out.cases = failure.numSuccess + 1;
    out.counterexample = report.str();
    out.X = detail::last_failure().X;
    out.y = detail::last_failure().y;
    out.reproduce = rc::detail::reproduceMapToString({{meta.id, failure.reproduce}});
  } else {
    out.counterexample = report.str();  // gave up (too many discards) or an error
    out.note = "no verdict";
  }
  return out;
}

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
    if (!r.passed) FAIL() << r.counterexample << "(RC_PARAMS=\"seed=" << r.seed << "\" draws the same cases)";
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

template <class S>
bool register_conformance_tests(const SolverUnderTest<S>& s, Config cfg) {
  const std::string suite = "Conformance_" + detail::identifier(s.name);
  for (const Property<S>& p : property_set<S>()) {
    if (std::find(cfg.families.begin(), cfg.families.end(), p.family) == cfg.families.end()) continue;
    ::testing::RegisterTest(suite.c_str(), p.name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [p, s, cfg]() -> ::testing::Test* { return new detail::ConformanceTest<S>(p, s, cfg); });
  }
  return true;
}

}  // namespace nullity_conformance
