#pragma once
// Running properties that concern nullity itself (not any solver under test) with the kit's
// runner, so they report cases, discards and worst ratios the same way.

#include <iostream>

#include <gtest/gtest.h>

#include "conformance/reference_solvers.hpp"
#include "nullity_conformance/kit.hpp"
#include "nullity_conformance/properties.hpp"  // the drawing and bounds machinery (detail::) for its own properties

namespace nullity_properties {

using namespace nullity_conformance;
using namespace nullity_conformance::detail;

/// Runs `p` (whose body ignores the solver argument except for drawing) and fails the current
/// gtest with the counterexample.
template <class S>
void run_reference_property(const Property<S>& p, const SolverUnderTest<S>& vehicle) {
  const PropertyResult r = run_property(p, vehicle, Config::from_environment());
  std::cout << summary_line(vehicle.name, r) << std::endl;
  if (!r.passed) FAIL() << r.counterexample;
}

}  // namespace nullity_properties
