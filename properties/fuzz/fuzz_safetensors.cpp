// libFuzzer harness: arbitrary bytes into the .safetensors reader (nlohmann-json header, then
// byte ranges; rules in nullity_fuzz/array_checks.hpp and docs/fuzzing.md).

#include <cstddef>
#include <cstdint>

#include "nullity_fuzz/array_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Each value read takes at least 2 bytes (F16, BF16) of the file.
  nullity_fuzz::check_arrays_reader(data, size, nullity::io::parse_safetensors, size / 2);
  return 0;
}
