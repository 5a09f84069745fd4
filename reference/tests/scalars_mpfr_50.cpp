// The unit cases of scalar_cases.hpp for 50-digit MPFR (expression templates off, as Eigen
// needs): its own translation unit, since multiprecision instantiations compile slowly.
#include <boost/multiprecision/eigen.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include "scalar_cases.hpp"

namespace nullity_unit {
namespace bmp = boost::multiprecision;
using mpfr_50 = bmp::number<bmp::mpfr_float_backend<50>, bmp::et_off>;
INSTANTIATE_TYPED_TEST_SUITE_P(Mpfr50, ScalarCases, ::testing::Types<mpfr_50>);
}  // namespace nullity_unit
