// The unit cases of scalar_cases.hpp for float: one translation unit per scalar, so that the
// slow SVD instantiations compile in parallel.
#include "scalar_cases.hpp"

namespace nullity_unit {
INSTANTIATE_TYPED_TEST_SUITE_P(Float, ScalarCases, ::testing::Types<float>);
}  // namespace nullity_unit
