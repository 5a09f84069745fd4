#include "scalar_cases.hpp"

namespace nullity_unit {
using BuiltinScalars = ::testing::Types<float, double, long double>;
INSTANTIATE_TYPED_TEST_SUITE_P(Builtin, ScalarCases, BuiltinScalars);
}  // namespace nullity_unit
