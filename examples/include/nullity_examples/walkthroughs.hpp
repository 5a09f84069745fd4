// The seed walkthroughs: each narrates one seed (or one of its exercises), prints the figures
// it claims and checks them against bounds derived from ε, the dimensions and the singular
// values. `nullity demo` runs them in order; ctest runs each one under the label `examples`.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace nullity_examples {

/// One walkthrough: a short name for selection, a title, and the narration itself.
struct Walkthrough {
  std::string name;   ///< "day33", "example55", "layers", "implicit-regularization", "kahan"
  std::string title;  ///< one line, shown as the heading of the narration
  /// Prints the narration with the figures it claims; returns false if any check fails.
  std::function<bool(std::ostream&)> run;
};

/// The walkthroughs in seed order: Day 33, Example 55, rank through layers, implicit
/// regularization; then QR versus SVD on the Kahan matrix (the theory page's example).
const std::vector<Walkthrough>& walkthroughs();

}  // namespace nullity_examples
