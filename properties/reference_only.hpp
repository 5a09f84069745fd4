#pragma once
// Running properties that concern nullity itself (not any solver under test) with the kit's
// runner, so they report cases, discards and worst ratios the same way.

#include <functional>
#include <iostream>
#include <vector>

#include <gtest/gtest.h>

#include "conformance/reference_solvers.hpp"
#include "nullity_conformance/kit.hpp"
#include "nullity_conformance/properties.hpp"  // the drawing and bounds machinery (detail::) for its own properties

namespace nullity_properties {

using namespace nullity_conformance;
using namespace nullity_conformance::detail;

/// Runs the property (whose body ignores the solver argument except for drawing) and fails the
/// current gtest with the counterexample. Its name is the test's: written once, in TYPED_TEST.
template <class S>
void run_reference_property(const char* id, Family family, std::vector<Source> sources,
                            std::function<void(const SolverUnderTest<S>&, const Context&)> body,
                            const SolverUnderTest<S>& vehicle) {
  const Property<S> p{id, ::testing::UnitTest::GetInstance()->current_test_info()->name(), family, 0,
                      std::move(sources), std::move(body)};
  const PropertyResult r = run_property(p, vehicle, Config::from_environment());
  std::cout << summary_line(vehicle.name, r) << std::endl;
  if (!r.passed) FAIL() << r.counterexample;
}

}  // namespace nullity_properties
