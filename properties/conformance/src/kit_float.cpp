// The kit instantiated for float, once for every user (kit.hpp declares these instances extern).
#include "nullity_conformance/kit_any_scalar.hpp"

namespace nullity_conformance {
NULLITY_CONFORMANCE_KIT_INSTANCES(, float)
}  // namespace nullity_conformance
