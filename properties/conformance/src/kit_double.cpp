// The kit instantiated for double, once for every user (kit.hpp declares these instances extern).
#include "nullity_conformance/kit_any_scalar.hpp"

namespace nullity_conformance {
NULLITY_CONFORMANCE_KIT_INSTANCES(, double)
}  // namespace nullity_conformance
