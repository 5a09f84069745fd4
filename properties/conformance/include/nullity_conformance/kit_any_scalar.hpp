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
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "detail/rapidcheck_adapter.hpp"
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

/// A known deviation must name what it excludes: a property of the set ("*": every one) and, unless
/// it skips the whole property, a source that property draws from. One that does not would
/// silently exclude nothing (a misspelt name, or a property that no longer draws that source).
template <class S>
std::string unmatched_sources(const Property<S>& p, const SolverUnderTest<S>& s) {
  std::string m;
  for (const KnownDeviation& k : s.known_deviations)
    if (!k.whole_property && k.property == p.name &&
        std::find(p.sources.begin(), p.sources.end(), k.source) == p.sources.end())
      m += "known deviation of " + s.name + ": " + p.name + " does not draw from source " +
           nullity_test::to_string(k.source) + "\n";
  return m;
}

template <class S>
std::string unmatched_deviations(const SolverUnderTest<S>& s, const std::vector<Property<S>>& set) {
  std::string m;
  for (const KnownDeviation& k : s.known_deviations) {
    bool named = k.property == "*", drawn = k.whole_property;
    for (const Property<S>& p : set)
      if (k.property == "*" || k.property == p.name) {
        named = true;
        drawn = drawn || std::find(p.sources.begin(), p.sources.end(), k.source) != p.sources.end();
      }
    if (!named)
      m += "known deviation of " + s.name + " names no property of the kit: '" + k.property + "'\n";
    else if (!drawn)
      m += "known deviation of " + s.name + ": " + k.property + " does not draw from source " +
           nullity_test::to_string(k.source) + "\n";
  }
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
  if (const std::string m = detail::unmatched_sources(p, s); !m.empty()) {
    out.note = "invalid known deviation";
    out.counterexample = m + "\n";
    return out;
  }
  detail::Context ctx{nullity_test::Limits::of<S>(cfg.max_rows, cfg.max_cols), p.name, p.sources};
  ctx.limits.edges = p.family == Family::rank || p.family == Family::null_space;
  detail::PropertyStats stats;
  detail::current_stats() = &stats;
  detail::last_failure() = {};
  const auto body = p.body;
  const SolverUnderTest<S>* solver = &s;
  const detail::rapidcheck::Outcome result = detail::rapidcheck::check(
      [body, solver, ctx] {
        nullity::oracle::PrecisionScope scope(nullity::oracle::default_bits);
        detail::current_case() = {};
        body(*solver, ctx);
      },
      [] { detail::last_failure() = detail::current_case(); },
      s.name + "/" + p.name, p.name,
      {cfg.seed, std::max({1, cfg.min_success, int(std::ceil(cfg.max_success * cfg.success_fraction))}), cfg.shrink});
  detail::current_stats() = nullptr;
  out.discards = stats.discards;
  out.worst_ratio = stats.worst;
  out.worst_what = stats.worst_what;
  switch (result.kind) {
    case detail::rapidcheck::Outcome::Kind::passed:
      out.passed = true;
      out.cases = result.successes;
      break;
    case detail::rapidcheck::Outcome::Kind::failed:
      // rapidcheck counts the successes before the failure; "Falsifiable after N tests" counts
      // the failing case too, and so does `cases`: one count, one meaning.
      out.cases = result.successes + 1;
      out.counterexample = result.report;
      out.X = detail::last_failure().X;
      out.y = detail::last_failure().y;
      out.reproduce = result.reproduce;
      break;
    case detail::rapidcheck::Outcome::Kind::gave_up:
      out.counterexample = result.report;  // too many discards, or an error
      out.note = "no verdict";
      break;
  }
  return out;
}

template <class S>
std::vector<PropertyResult> check_all(const SolverUnderTest<S>& s, const Config& cfg) {
  const std::vector<Property<S>> set = property_set<S>();
  if (const std::string m = detail::unmatched_deviations(s, set); !m.empty()) throw std::invalid_argument(m);
  std::vector<PropertyResult> results;
  for (const Property<S>& p : set) {
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

class DeviationCheck : public ::testing::Test {
 public:
  explicit DeviationCheck(std::string unmatched) : unmatched_(std::move(unmatched)) {}
  void TestBody() override {
    if (!unmatched_.empty()) FAIL() << unmatched_;
  }

 private:
  std::string unmatched_;
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
  const std::vector<Property<S>> set = property_set<S>();
  // Checked at start-up, as a test of its own, so that a misspelt deviation fails the suite.
  if (!s.known_deviations.empty()) {
    const std::string m = detail::unmatched_deviations(s, set);
    ::testing::RegisterTest(suite.c_str(), "KnownDeviationsNameRealPropertiesAndSources", nullptr, nullptr, __FILE__,
                            __LINE__, [m]() -> ::testing::Test* { return new detail::DeviationCheck(m); });
  }
  for (const Property<S>& p : set) {
    if (std::find(cfg.families.begin(), cfg.families.end(), p.family) == cfg.families.end()) continue;
    ::testing::RegisterTest(suite.c_str(), p.name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [p, s, cfg]() -> ::testing::Test* { return new detail::ConformanceTest<S>(p, s, cfg); });
  }
  return true;
}

}  // namespace nullity_conformance
