// The kit's property set on both reference paths in cpp_bin_float_50 (≈166 bits, expression
// templates off, as Eigen needs). Every multiprecision instantiation lives in this one translation
// unit because they compile slowly (about a minute); matrices of at most 8×8 and a tenth of the
// cases of the double runs (at least 20) keep the run itself well under a second.
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/eigen.hpp>

#include "conformance/reference_solvers.hpp"
#include "nullity_conformance/kit_any_scalar.hpp"

namespace {

using nullity::Method;
using namespace nullity_conformance;
namespace bmp = boost::multiprecision;
using Mp = bmp::number<bmp::cpp_bin_float<50>, bmp::et_off>;

Config small() {
  Config c = Config::from_environment();
  c.max_rows = c.max_cols = 8;
  c.success_fraction = 0.1;
  // At least 20 cases, or a property that needs a non-empty matrix gets no verdict. rapidcheck
  // scales inRange's span by size/100 (rounded), so an 8×8 limit draws only empty shapes below
  // size 7; a run starts at size 0, grows the size by one per 10 consecutive discards, and gives up
  // after 10 discards per case asked for. The first case alone thus costs 70 discards, and
  // NonFiniteInputIsRejected gave up at 3 cases (max_success=25). Over 5000 seeds 10 cases gave up
  // on 11, 11 cases on none; 20 leave 130 discards to spare, at ≥ 1/4 chance of a non-empty draw.
  c.min_success = 20;
  return c;
}

SolverUnderTest<Mp> solver(Method m) { return reference_solver<Mp>(m, nullity::Backend::automatic, "cpp_bin_float_50"); }

const bool registered = register_conformance_tests(solver(Method::svd), small()) &&
                        register_conformance_tests(solver(Method::qr), small());

}  // namespace
