#pragma once
// The fuzzer's bytes read front to back as the choices of a recipe. Once they run out every
// choice is 0, so every input (also the empty one) decodes to some recipe, and a prefix of an
// input is a smaller version of the same recipe — the property that makes libFuzzer's
// mutations and its minimisation effective.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace nullity_fuzz {

class ByteSource {
 public:
  ByteSource(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }

  /// The next 8 bytes as the bits of a double (zeros past the end).
  double raw_double() {
    unsigned char b[8] = {};
    for (unsigned char& c : b) c = byte();
    double v;
    std::memcpy(&v, b, 8);
    return v;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace nullity_fuzz
