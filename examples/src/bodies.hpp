// The narrations, one per file; walkthroughs.cpp lists them in seed order.
#pragma once

#include <ostream>

namespace nullity_examples {

bool day33(std::ostream& out);
bool example55(std::ostream& out);
bool layers(std::ostream& out);
bool implicit_regularization(std::ostream& out);
bool kahan(std::ostream& out);

}  // namespace nullity_examples
