// The unit cases of scalar_cases.hpp for Boost's cpp_bin_float_50 (expression templates off,
// as Eigen needs): its own translation unit, since multiprecision instantiations compile slowly.
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/eigen.hpp>

#include "scalar_cases.hpp"

namespace nullity_unit {
namespace bmp = boost::multiprecision;
INSTANTIATE_TYPED_TEST_SUITE_P(CppBinFloat50, ScalarCases, ::testing::Types<bmp::cpp_bin_float_50>);
}  // namespace nullity_unit
