// .safetensors reader (the format of Hugging Face's safetensors library): an 8-byte
// little-endian header length N, N bytes of JSON {name: {"dtype", "shape", "data_offsets":
// [begin, end]}, "__metadata__": {string: string}}, then the data buffer, offsets relative to
// its start, little-endian, C order. The JSON is parsed by nlohmann-json; everything it says is
// checked against the bytes before anything is allocated.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nullity/detail/io_text.hpp"
#include "nullity/io.hpp"

namespace nullity::io {
namespace {

using Json = nlohmann::ordered_json;  // keeps the file's order of tensors

/// Nesting deeper than this is refused before parsing: a valid header nests 3 levels (object,
/// tensor, shape), and a pathological one could otherwise nest as deep as its length.
constexpr int kMaxDepth = 8;

[[noreturn]] void fail(const std::string& what) { throw file_error("malformed .safetensors header: " + what); }

void check_depth(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) fail("nested more than " + std::to_string(kMaxDepth) + " levels deep");
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
}

/// One line, printable, bounded: nlohmann's messages can quote the offending bytes.
std::string one_line(const std::string& text) {
  std::string out;
  for (const char c : text.substr(0, 160)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

std::string shape_text(const std::vector<std::uint64_t>& shape) {
  std::string out;
  for (std::size_t k = 0; k < shape.size(); ++k) out += (k ? "x" : "") + std::to_string(shape[k]);
  return out.empty() ? "()" : out;
}

std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

/// IEEE 754 binary16 to double, exactly (every half is a double).
double half_to_double(std::uint16_t h) {
  const bool negative = h & 0x8000;
  const int exponent = (h >> 10) & 0x1f;
  const int mantissa = h & 0x3ff;
  double v;
  if (exponent == 0) v = std::ldexp(mantissa, -24);  // zero or subnormal
  else if (exponent == 31) v = mantissa ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
  else v = std::ldexp(mantissa + 1024, exponent - 25);
  return negative ? -v : v;
}

/// bfloat16 is the high half of a binary32.
double bfloat16_to_double(std::uint16_t b) {
  const std::uint32_t bits = static_cast<std::uint32_t>(b) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return static_cast<double>(f);
}

double f32_to_double(const unsigned char* p) {
  const std::uint32_t bits = static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
                             (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  float f;
  std::memcpy(&f, &bits, 4);
  return static_cast<double>(f);
}

double f64_to_double(const unsigned char* p) {
  std::uint64_t bits = 0;
  for (int i = 8; i-- > 0;) bits = (bits << 8) | p[i];
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

/// The item size of a dtype; 0 for a name the format does not define.
std::size_t item_size(const std::string& dtype) {
  if (dtype == "F64" || dtype == "I64" || dtype == "U64") return 8;
  if (dtype == "F32" || dtype == "I32" || dtype == "U32") return 4;
  if (dtype == "F16" || dtype == "BF16" || dtype == "I16" || dtype == "U16") return 2;
  if (dtype == "I8" || dtype == "U8" || dtype == "BOOL" || dtype == "F8_E4M3" || dtype == "F8_E5M2") return 1;
  return 0;
}

std::uint64_t unsigned_value(const Json& v, const std::string& what) {
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
    fail(what + " must be a non-negative integer");
  return v.get<std::uint64_t>();
}

}  // namespace

std::vector<Array> parse_safetensors(std::string_view bytes) {
  const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < 8) throw file_error("not a .safetensors file (shorter than its 8-byte header length)");
  std::uint64_t n = 0;
  for (int i = 8; i-- > 0;) n = (n << 8) | u[i];
  if (n > bytes.size() - 8)
    throw file_error("truncated .safetensors file (the header claims " + std::to_string(n) + " bytes, " +
                     std::to_string(bytes.size() - 8) + " remain)");
  const std::string_view text = bytes.substr(8, static_cast<std::size_t>(n));
  check_depth(text);
  Json header;
  try {
    header = Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    fail(one_line(e.what()));
  }
  if (!header.is_object()) fail("not a JSON object");
  const unsigned char* data = u + 8 + n;
  const std::uint64_t available = bytes.size() - 8 - n;

  std::vector<Array> out;
  for (const auto& [name, tensor] : header.items()) {
    if (name == "__metadata__") continue;
    const std::string shown = detail::quoted_excerpt(name);
    if (!tensor.is_object() || !tensor.contains("dtype") || !tensor.contains("shape") ||
        !tensor.contains("data_offsets"))
      fail("tensor " + shown + " lacks one of 'dtype', 'shape', 'data_offsets'");
    if (!tensor.at("dtype").is_string()) fail("the dtype of tensor " + shown + " is not a string");
    const std::string dtype = tensor.at("dtype").get<std::string>();
    const std::size_t size = item_size(dtype);
    if (size == 0) fail("tensor " + shown + " has an unknown dtype " + detail::quoted_excerpt(dtype));
    const Json& shape = tensor.at("shape");
    const Json& offsets = tensor.at("data_offsets");
    if (!shape.is_array()) fail("the shape of tensor " + shown + " is not a list");
    if (!offsets.is_array() || offsets.size() != 2) fail("the data_offsets of tensor " + shown + " are not [begin, end]");
    const std::uint64_t begin = unsigned_value(offsets[0], "data_offsets"), end = unsigned_value(offsets[1], "data_offsets");
    if (begin > end || end > available)
      throw file_error("truncated .safetensors file (tensor " + shown + " claims bytes " + std::to_string(begin) + " to " +
                       std::to_string(end) + " of the " + std::to_string(available) + " data bytes present)");
    Array a;
    a.name = name;
    // The element count against the byte range, overflow-safe, before any allocation.
    const std::uint64_t max_count = (end - begin) / size;
    std::uint64_t count = 1;
    bool too_many = false;
    for (const Json& d : shape) {
      const std::uint64_t dim = unsigned_value(d, "a dimension of tensor " + shown);
      a.shape.push_back(dim);
      if (dim == 0) count = 0;
      else if (count != 0 && (too_many || count > max_count / dim)) too_many = true;
      else count *= dim;
    }
    if (count == 0) too_many = false;
    if (too_many || count * size != end - begin)
      throw file_error("tensor " + shown + " of shape " + shape_text(a.shape) + " and dtype " + dtype +
                       " does not fill its " + std::to_string(end - begin) + " bytes exactly");
    const unsigned char* p = data + begin;
    if (dtype == "F64" || dtype == "F32" || dtype == "F16" || dtype == "BF16") {
      a.values.resize(count);
      for (std::uint64_t k = 0; k < count; ++k) {
        if (dtype == "F64") a.values[k] = f64_to_double(p + 8 * k);
        else if (dtype == "F32") a.values[k] = f32_to_double(p + 4 * k);
        else if (dtype == "F16") a.values[k] = half_to_double(le16(p + 2 * k));
        else a.values[k] = bfloat16_to_double(le16(p + 2 * k));
      }
    } else {
      a.skipped = "dtype " + dtype + " is not read (only F64, F32, F16, BF16)";
    }
    out.push_back(std::move(a));
  }
  if (out.empty()) throw file_error("the .safetensors file holds no tensors");
  return out;
}

}  // namespace nullity::io
