#pragma once
/// \file
/// The nullity conformance kit: run the whole rank / null-space / minimum-norm property set
/// (properties.hpp, docs/properties.md) against your own solver.
///
/// Two entry points:
///  - `register_conformance_tests(solver)` registers one GoogleTest test per property
///    (suite `Conformance_<name>`); link nullity::conformance and GTest::gtest_main, or use the
///    CMake function `nullity_add_conformance_test`, and run under ctest.
///    Depth and seed come from RC_PARAMS (e.g. `RC_PARAMS="seed=42 max_success=500"`; without a
///    seed the kit's fixed default, the one ctest uses); sizes from NULLITY_CONFORMANCE_SIZE
///    (e.g. `24x48`; default 16x32).
///  - `check_all(solver, config)` runs every property and returns the results, counterexamples
///    included: how the kit's own tests prove that it catches known-bad solvers.
///
/// For `float` and `double` the kit is compiled once, in the nullity::conformance library: this
/// header only declares it, so a file that describes a solver and registers it compiles in
/// seconds. For any other scalar, include <nullity_conformance/kit_any_scalar.hpp> instead.
///
/// \code
///   #include <nullity_conformance/kit.hpp>
///   static const bool registered = nullity_conformance::register_conformance_tests(my_solver());
/// \endcode

#include <cstdint>
#include <iostream>  // std::cerr is initialized before a registration in the includer's static initialization
#include <string>
#include <vector>

#include "property.hpp"
#include "solver.hpp"

namespace nullity_conformance {

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

  /// Defaults from RC_PARAMS (seed, max_success, noshrink) and NULLITY_CONFORMANCE_SIZE. Without
  /// a seed in RC_PARAMS the seed is `default_seed`, so a test binary run by hand draws the same
  /// cases as under ctest.
  static Config from_environment();
};

/// The seed used when RC_PARAMS names none (NULLITY_CONFORMANCE_SEED in NullityConformance.cmake).
extern const std::uint64_t default_seed;

/// The outcome of one property on one solver.
struct PropertyResult {
  std::string id, name;
  bool passed = false;
  bool skipped = false;
  /// Cases run: for a pass, the successful cases; for a failure, the cases up to and including
  /// the failing one (rapidcheck's "Falsifiable after N tests").
  int cases = 0;
  int discards = 0;            ///< cases that failed a precondition (ambiguous rank, η > 1/2)
  double worst_ratio = 0;      ///< worst ratio among passing cases
  std::string worst_what;
  std::uint64_t seed = 0;      ///< the seed the property ran with
  std::string counterexample;  ///< rapidcheck's report of the shrunk counterexample
  std::string note;
  /// The shrunk counterexample's drawn matrix and right-hand side as numbers (y is empty when
  /// the property drew none), for writing it to files; rapidcheck's RC_PARAMS="reproduce=…"
  /// value that replays exactly that case.
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
  std::string reproduce;
};

/// The kit's property set, in catalogue order.
template <class S>
std::vector<Property<S>> property_set();

/// Runs one property; the test id (used by RC_PARAMS="reproduce=…") is "<solver>/<property>".
template <class S>
PropertyResult run_property(const Property<S>& p, const SolverUnderTest<S>& s, const Config& cfg);

/// Runs every property of `cfg.families` (or `cfg.only`) against the solver.
template <class S>
std::vector<PropertyResult> check_all(const SolverUnderTest<S>& s, const Config& cfg);

/// Registers one GoogleTest test per property, `Conformance_<name>.<Property>`. Call it during
/// static initialisation or before RUN_ALL_TESTS. Returns true (so it can initialise a static).
template <class S>
bool register_conformance_tests(const SolverUnderTest<S>& s, Config cfg = Config::from_environment());

/// One line per property: "[conformance] my_solver P06 NullBasisIsAnnihilatedByX: passed,
/// 100 cases, 12 discarded, worst ratio 1.7 (|XZ|_2 / ...), seed 20261122".
std::string summary_line(const std::string& solver, const PropertyResult& r);

// Compiled once in nullity::conformance.
#define NULLITY_CONFORMANCE_KIT_INSTANCES(EXTERN, S)                                                        \
  EXTERN template std::vector<Property<S>> property_set<S>();                                              \
  EXTERN template PropertyResult run_property<S>(const Property<S>&, const SolverUnderTest<S>&, const Config&); \
  EXTERN template std::vector<PropertyResult> check_all<S>(const SolverUnderTest<S>&, const Config&);       \
  EXTERN template bool register_conformance_tests<S>(const SolverUnderTest<S>&, Config);
NULLITY_CONFORMANCE_KIT_INSTANCES(extern, float)
NULLITY_CONFORMANCE_KIT_INSTANCES(extern, double)

}  // namespace nullity_conformance
