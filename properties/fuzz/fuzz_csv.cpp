// libFuzzer harness: arbitrary bytes into the CSV reader (round-trip rules in
// nullity_fuzz/round_trip.hpp and docs/fuzzing.md).

#include <cstddef>
#include <cstdint>

#include "nullity_fuzz/round_trip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Every entry takes at least one character, and all but the last a separator after it.
  nullity_fuzz::check_reader(data, size, nullity::io::parse_csv, (size + 1) / 2);
  return 0;
}
