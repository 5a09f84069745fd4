// libFuzzer harness for any solver under test of the conformance kit: bytes → the same hostile
// problems as fuzz_factorize (nullity_fuzz/problem.hpp) → the solver's rank, null_space and
// solve, checked as nullity_fuzz/solver_checks.hpp states (docs/fuzzing.md, "Fuzzing your own
// solver").

#include <cstddef>
#include <cstdint>

#include "nullity_fuzz/solver_checks.hpp"
#include "reference_solvers.hpp"

namespace {

// The solver under test. To fuzz your own routine, replace this one line by your
// nullity_conformance::SolverUnderTest<double> (solver.hpp), e.g. `= my_solver();`.
const nullity_conformance::SolverUnderTest<double> solver =
    nullity_conformance::reference_solver<double>(nullity::Method::svd);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nullity_fuzz::ByteSource in(data, size);
  nullity_fuzz::check_solver(solver, nullity_fuzz::decode_problem(in));
  return 0;
}
