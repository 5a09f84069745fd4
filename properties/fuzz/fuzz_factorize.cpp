// libFuzzer harness: bytes → a problem of shape up to 16×16 with entries from a table of
// hostile values or raw doubles (nullity_fuzz/problem.hpp) → both methods, each either
// rejecting bad input with invalid_input or passing every structural check
// (nullity_fuzz/factorization_checks.hpp, docs/fuzzing.md).

#include <cstddef>
#include <cstdint>

#include "nullity_fuzz/factorization_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nullity_fuzz::ByteSource in(data, size);
  const nullity_fuzz::Problem p = nullity_fuzz::decode_problem(in);
  nullity_fuzz::check_factorization(p, nullity::Method::svd);
  nullity_fuzz::check_factorization(p, nullity::Method::qr);
  return 0;
}
