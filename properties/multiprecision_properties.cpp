// The kit's property set on both reference paths in cpp_bin_float_50 (≈166 bits): every
// multiprecision instantiation lives in this one translation unit because they compile slowly,
// and each property runs a tenth of the cases of the double runs.
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/eigen.hpp>

#include "conformance/reference_solvers.hpp"
#include "nullity_conformance/kit.hpp"

namespace {

using nullity::Method;
using namespace nullity_conformance;
using Mp = boost::multiprecision::cpp_bin_float_50;

Config tenth() {
  Config c = Config::from_environment();
  c.success_fraction = 0.1;
  return c;
}

const bool registered = register_conformance_tests(reference_solver<Mp>(Method::svd, "cpp_bin_float_50"), tenth()) &&
                        register_conformance_tests(reference_solver<Mp>(Method::qr, "cpp_bin_float_50"), tenth());

}  // namespace
