#pragma once
/// \file
/// What a property of the kit is: an id (P01…), the statement as a name, the family it belongs
/// to, which of the solver's functions it needs, the sources its matrices are drawn from, and its
/// body (properties.hpp). The name is written once, here: it is the test's name, the label of the
/// drawn case and the key a known deviation names (the runner hands it to the body).

#include <functional>
#include <string>
#include <vector>

#include "solver.hpp"

namespace nullity_conformance {

enum class Family { rank, null_space, min_norm, exceptional };

inline const char* to_string(Family f) {
  switch (f) {
    case Family::rank: return "rank";
    case Family::null_space: return "null_space";
    case Family::min_norm: return "min_norm";
    case Family::exceptional: return "exceptional";
  }
  return "?";
}

/// Which of the solver's functions a property needs.
enum Needs : unsigned { needs_rank = 1, needs_null_space = 2, needs_solve = 4 };

namespace detail {
struct Context;  // detail/instance.hpp
}

template <class S>
struct Property {
  std::string id;    ///< P01…
  std::string name;  ///< the statement, as a test name
  Family family;
  unsigned needs;
  std::vector<Source> sources;  ///< drawn with these weights (detail/instance.hpp), less known deviations
  std::function<void(const SolverUnderTest<S>&, const detail::Context&)> body;
};

}  // namespace nullity_conformance
