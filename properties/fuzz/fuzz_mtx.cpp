// libFuzzer harness: arbitrary bytes into the Matrix Market reader (round-trip rules in
// nullity_fuzz/round_trip.hpp and docs/fuzzing.md).

#include <cstddef>
#include <cstdint>

#include "nullity_fuzz/round_trip.hpp"

namespace {
/// A coordinate file declares its size in a few bytes, so its dense form is bounded by the
/// reader's documented dense limit (2^25 entries, 256 MiB; reference/src/mtx.cpp), not by the
/// input length.
constexpr std::uint64_t kDenseLimit = std::uint64_t(1) << 25;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nullity_fuzz::check_reader(data, size, nullity::io::parse_mtx, kDenseLimit);
  return 0;
}
