// The multiprecision instantiations live in this one translation unit: they compile slowly.
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/eigen.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include "scalar_cases.hpp"

namespace nullity_unit {
namespace bmp = boost::multiprecision;
using mpfr_50 = bmp::number<bmp::mpfr_float_backend<50>, bmp::et_off>;
using MultiprecisionScalars = ::testing::Types<bmp::cpp_bin_float_50, mpfr_50>;
INSTANTIATE_TYPED_TEST_SUITE_P(Multiprecision, ScalarCases, MultiprecisionScalars);
}  // namespace nullity_unit
