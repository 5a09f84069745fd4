#pragma once
// The contract of the readers that return many arrays (parse_npz, parse_safetensors,
// parse_npy_array; docs/fuzzing.md):
//  1. they throw nullity::io::file_error with a one-line message, or return arrays;
//  2. every array read has exactly as many values as its shape says, and no more than the
//     bytes justify (the reader's bound, passed in); an array not read has no values;
//  3. a 2-D array survives the .npy writer bit for bit (round_trip.hpp, rule 3).

#include <cstdint>
#include <string_view>
#include <vector>

#include <Eigen/Core>
#include <nullity/io.hpp>

#include "require.hpp"
#include "round_trip.hpp"

namespace nullity_fuzz {

template <class Parse>
void check_arrays_reader(const std::uint8_t* data, std::size_t size, Parse parse, std::uint64_t max_values) {
  std::vector<nullity::io::Array> arrays;
  try {
    arrays = parse(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const nullity::io::file_error& e) {
    NULLITY_FUZZ_REQUIRE(std::string_view(e.what()).find('\n') == std::string_view::npos,
                         "the error message spans several lines: %s", e.what());
    return;
  }
  for (const auto& a : arrays) {
    if (!a.skipped.empty()) {
      NULLITY_FUZZ_REQUIRE(a.values.empty(), "array '%s' is skipped but has %zu values", a.name.c_str(), a.values.size());
      continue;
    }
    // The product of the shape, which cannot overflow if the reader kept its promise.
    std::uint64_t count = 1;
    bool zero = false;
    for (const std::uint64_t n : a.shape) zero = zero || n == 0;
    if (zero) count = 0;
    else
      for (const std::uint64_t n : a.shape) {
        NULLITY_FUZZ_REQUIRE(count <= max_values / n, "array '%s' declares more than %llu values", a.name.c_str(),
                             static_cast<unsigned long long>(max_values));
        count *= n;
      }
    NULLITY_FUZZ_REQUIRE(a.values.size() == count, "array '%s' has %zu values for a shape of %llu", a.name.c_str(),
                         a.values.size(), static_cast<unsigned long long>(count));
    if (a.shape.size() == 2 && count > 0) {
      Eigen::MatrixXd M(static_cast<Eigen::Index>(a.shape[0]), static_cast<Eigen::Index>(a.shape[1]));
      for (Eigen::Index i = 0; i < M.rows(); ++i)
        for (Eigen::Index j = 0; j < M.cols(); ++j) M(i, j) = a.values[static_cast<std::size_t>(i * M.cols() + j)];
      require_npy_round_trip(M);
    }
  }
}

/// parse_npy_array as a many-arrays reader (one array).
inline std::vector<nullity::io::Array> npy_as_arrays(std::string_view bytes) {
  return {nullity::io::parse_npy_array(bytes)};
}

/// The header-only reader (parse_npy_shape, the command's choice between one matrix and a stack):
/// it fails with a one-line message or returns the shape; when the full reader accepts the bytes,
/// that shape is the full reader's, and the header's own bytes alone give it too.
inline void check_npy_shape(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<std::uint64_t> shape;
  try {
    shape = nullity::io::parse_npy_shape(bytes);
  } catch (const nullity::io::file_error& e) {
    NULLITY_FUZZ_REQUIRE(std::string_view(e.what()).find('\n') == std::string_view::npos,
                         "the error message spans several lines: %s", e.what());
    try {
      (void)nullity::io::parse_npy_array(bytes);
    } catch (const nullity::io::file_error&) {
      return;
    }
    NULLITY_FUZZ_REQUIRE(false, "parse_npy_array accepts a header that parse_npy_shape rejects: %s", e.what());
  }
  const std::size_t header = nullity::io::npy_header_size(bytes);
  NULLITY_FUZZ_REQUIRE(header <= size, "the header size %zu exceeds the %zu bytes it was read from", header, size);
  NULLITY_FUZZ_REQUIRE(nullity::io::parse_npy_shape(bytes.substr(0, header)) == shape,
                       "the header's own bytes give another shape");
  try {
    NULLITY_FUZZ_REQUIRE(nullity::io::parse_npy_array(bytes).shape == shape, "the full reader finds another shape");
  } catch (const nullity::io::file_error&) {
  }  // the data may be missing or lie: only the header was promised
}

}  // namespace nullity_fuzz
