// The kit's property set on both reference paths in cpp_bin_float_50 (≈166 bits, expression
// templates off, as Eigen needs). Every multiprecision instantiation lives in this one translation
// unit because they compile slowly (about a minute); matrices of at most 8×8 and a tenth of the
// cases of the double runs keep the run itself well under a second.
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/eigen.hpp>

#include "conformance/reference_solvers.hpp"
#include "nullity_conformance/kit.hpp"

namespace {

using nullity::Method;
using namespace nullity_conformance;
namespace bmp = boost::multiprecision;
using Mp = bmp::number<bmp::cpp_bin_float<50>, bmp::et_off>;

Config small() {
  Config c = Config::from_environment();
  c.max_rows = c.max_cols = 8;
  c.success_fraction = 0.1;
  return c;
}

SolverUnderTest<Mp> solver(Method m) { return reference_solver<Mp>(m, nullity::Backend::automatic, "cpp_bin_float_50"); }

const bool registered = register_conformance_tests(solver(Method::svd), small()) &&
                        register_conformance_tests(solver(Method::qr), small());

}  // namespace
