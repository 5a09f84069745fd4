#include <ostream>

#include "bodies.hpp"

namespace nullity_examples {
// Not written yet: fails on purpose until it is.
bool example55(std::ostream& out) {
  out << "  [FAIL] the Example 55 walkthrough is not written yet\n";
  return false;
}
}  // namespace nullity_examples
