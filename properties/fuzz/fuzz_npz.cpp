// libFuzzer harness: arbitrary bytes into the .npz reader (libzip's container, then .npy
// members; rules in nullity_fuzz/array_checks.hpp and docs/fuzzing.md).

#include <cstddef>
#include <cstdint>

#include "nullity_fuzz/array_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A deflated member expands at most 1032-fold (+ 1 KiB slack, npz.cpp); its values take at
  // least 4 bytes each.
  nullity_fuzz::check_arrays_reader(data, size, nullity::io::parse_npz, (size * 1032 + 1024) / 4);
  return 0;
}
