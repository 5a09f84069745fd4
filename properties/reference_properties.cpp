// The kit's property set (rank, null space, minimum-norm solve, exceptional inputs) on both
// reference paths, in double and float; the SVD path on both backends (the default — LAPACK
// for these scalars — and Eigen's).
#include "conformance/reference_solvers.hpp"
#include "nullity_conformance/kit.hpp"

namespace {

using nullity::Backend;
using nullity::Method;
using namespace nullity_conformance;

const bool registered = register_conformance_tests(reference_solver<double>(Method::svd)) &&
                        register_conformance_tests(reference_solver<double>(Method::svd, Backend::eigen)) &&
                        register_conformance_tests(reference_solver<double>(Method::qr)) &&
                        register_conformance_tests(reference_solver<float>(Method::svd)) &&
                        register_conformance_tests(reference_solver<float>(Method::svd, Backend::eigen)) &&
                        register_conformance_tests(reference_solver<float>(Method::qr));

}  // namespace
