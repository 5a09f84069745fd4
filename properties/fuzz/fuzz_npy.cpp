// libFuzzer harness: arbitrary bytes into the .npy reader (round-trip rules in
// nullity_fuzz/round_trip.hpp and docs/fuzzing.md).

#include <cstddef>
#include <cstdint>

#include "nullity_fuzz/array_checks.hpp"
#include "nullity_fuzz/round_trip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Every entry takes at least 4 data bytes (the narrowest dtypes, <f4 and <i4, are 4 bytes).
  nullity_fuzz::check_reader(data, size, nullity::io::parse_npy, size / 4);
  // The same bytes as an array of any dimension (stacks).
  nullity_fuzz::check_arrays_reader(data, size, nullity_fuzz::npy_as_arrays, size / 4);
  // The header alone: the shape the full reader would find, whatever follows it.
  nullity_fuzz::check_npy_shape(data, size);
  return 0;
}
