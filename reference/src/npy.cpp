// NumPy .npy reader and writer. Format: "\x93NUMPY", major, minor, header length (2 bytes LE in
// version 1, 4 bytes LE in versions 2 and 3), then a Python dict literal
// {'descr': '<f8', 'fortran_order': False, 'shape': (n, d), } padded with spaces and '\n',
// then the raw data. Reference: numpy/lib/format.py (NEP 1).

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nullity/detail/io_text.hpp"
#include "nullity/io.hpp"

namespace nullity::io {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicLength = 6;

struct Header {
  std::string descr;
  bool fortran_order = false;
  std::vector<std::uint64_t> shape;
  bool has_descr = false, has_order = false, has_shape = false;
};

/// A recursive-descent reader of the small subset of Python literals a .npy header uses. Every
/// loop advances through a bounded string, so it terminates on any input.
class HeaderParser {
 public:
  explicit HeaderParser(std::string_view text) : s_(text) {}

  Header parse() {
    Header h;
    expect('{');
    for (;;) {
      skip_space();
      if (peek() == '}') break;
      const std::string key = string_literal();
      expect(':');
      if (key == "descr") {
        skip_space();
        if (peek() == '[') fail("structured dtype (a list of fields) is not supported");
        h.descr = string_literal();
        h.has_descr = true;
      } else if (key == "fortran_order") {
        h.fortran_order = boolean();
        h.has_order = true;
      } else if (key == "shape") {
        h.shape = tuple_of_sizes();
        h.has_shape = true;
      } else {
        fail("unexpected key " + detail::quoted_excerpt(key) + " in the header");
      }
      skip_space();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      if (peek() == '}') break;
      fail("expected ',' or '}' in the header");
    }
    ++i_;
    skip_space();
    if (i_ != s_.size()) fail("unexpected text after the header dictionary");
    if (!h.has_descr || !h.has_order || !h.has_shape)
      fail("the header lacks one of 'descr', 'fortran_order', 'shape'");
    return h;
  }

 private:
  [[noreturn]] static void fail(const std::string& what) { throw file_error("malformed .npy header: " + what); }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  std::string string_literal() {
    skip_space();
    const char q = peek();
    if (q != '\'' && q != '"') fail("expected a quoted string");
    const std::size_t start = ++i_;
    while (i_ < s_.size() && s_[i_] != q) {
      if (s_[i_] == '\\') fail("escapes in header strings are not supported");
      ++i_;
    }
    if (i_ >= s_.size()) fail("unterminated string");
    return std::string(s_.substr(start, i_++ - start));
  }
  bool boolean() {
    skip_space();
    if (s_.substr(i_, 4) == "True") return i_ += 4, true;
    if (s_.substr(i_, 5) == "False") return i_ += 5, false;
    fail("'fortran_order' must be True or False");
  }
  std::vector<std::uint64_t> tuple_of_sizes() {
    expect('(');
    std::vector<std::uint64_t> dims;
    for (;;) {
      skip_space();
      if (peek() == ')') break;
      if (peek() < '0' || peek() > '9') fail("'shape' must be a tuple of non-negative integers");
      std::uint64_t v = 0;
      while (peek() >= '0' && peek() <= '9') {
        const auto digit = static_cast<std::uint64_t>(peek() - '0');
        if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) fail("a dimension in 'shape' is too large");
        v = v * 10 + digit;
        ++i_;
      }
      dims.push_back(v);
      if (dims.size() > 32) fail("'shape' has too many dimensions");  // NumPy's own limit is 32
      skip_space();
      if (peek() == ',') {
        ++i_;
        continue;
      }
      if (peek() != ')') fail("expected ',' or ')' in 'shape'");
    }
    ++i_;
    return dims;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

struct Dtype {
  char kind;  // 'f' or 'i'
  std::size_t size;
  bool big_endian;
};

Dtype dtype_of(const std::string& descr) {
  static const char* const supported[] = {"<f8", "<f4", ">f8", ">f4", "<i4", "<i8", ">i4", ">i8"};
  if (std::find(std::begin(supported), std::end(supported), descr) != std::end(supported))
    return {descr[1], static_cast<std::size_t>(descr[2] - '0'), descr[0] == '>'};
  const std::string shown = detail::quoted_excerpt(descr);
  const char kind = descr.size() >= 2 ? descr[1] : '?';
  if (kind == 'c') throw file_error("complex dtype " + shown + " is not supported (nullity works over the reals)");
  if (kind == 'O') throw file_error("object dtype " + shown + " is not supported (it needs Python to read)");
  throw file_error("dtype " + shown + " is not supported (expected float64, float32, int32 or int64: " +
                   "<f8 <f4 >f8 >f4 <i4 <i8 >i4 >i8)");
}

/// Element k of the data, converted to double.
double element(const unsigned char* p, const Dtype& t) {
  unsigned char b[8];
  for (std::size_t i = 0; i < t.size; ++i) b[i] = p[t.big_endian ? t.size - 1 - i : i];  // now little-endian
  std::uint64_t bits = 0;
  for (std::size_t i = t.size; i-- > 0;) bits = (bits << 8) | b[i];
  if (t.kind == 'f' && t.size == 8) {
    double v;
    std::memcpy(&v, &bits, 8);
    return v;
  }
  if (t.kind == 'f') {
    const auto u = static_cast<std::uint32_t>(bits);
    float v;
    std::memcpy(&v, &u, 4);
    return static_cast<double>(v);  // exact: every float is a double
  }
  if (t.size == 4) {
    const auto u = static_cast<std::uint32_t>(bits);
    std::int32_t v;
    std::memcpy(&v, &u, 4);
    return static_cast<double>(v);  // exact
  }
  std::int64_t v;
  std::memcpy(&v, &bits, 8);
  return static_cast<double>(v);  // rounds to nearest when |v| > 2^53
}

std::uint32_t little_endian(const unsigned char* p, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

}  // namespace

namespace {

/// A checked .npy file: its header, dtype, and data of exactly count·itemsize bytes.
struct Decoded {
  Header h;
  Dtype t;
  std::uint64_t count = 0;
  const unsigned char* data = nullptr;
};

std::string shape_text(const std::vector<std::uint64_t>& shape) {
  std::string out;
  for (std::size_t k = 0; k < shape.size(); ++k) out += (k ? "x" : "") + std::to_string(shape[k]);
  return out.empty() ? "()" : out;
}

/// The header of a .npy file from its first bytes (the data may be absent): the dict, the dtype
/// and where the data begins.
struct Prefix {
  Header h;
  Dtype t;
  std::size_t data_offset = 0;
};

/// magic, version and header length: where the header dict lies.
std::pair<std::size_t, std::size_t> header_span(std::string_view bytes) {
  const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < kMagicLength + 2 || std::memcmp(bytes.data(), kMagic, kMagicLength) != 0)
    throw file_error("not a .npy file (no \\x93NUMPY magic string)");
  const int major = u[6];
  if (major < 1 || major > 3)
    throw file_error(".npy format version " + std::to_string(major) + "." + std::to_string(u[7]) +
                     " is not supported (expected 1, 2 or 3)");
  const std::size_t length_bytes = major == 1 ? 2 : 4;
  const std::size_t prefix = kMagicLength + 2 + length_bytes;
  if (bytes.size() < prefix) throw file_error("truncated .npy file (the header length is cut off)");
  return {prefix, little_endian(u + 8, static_cast<int>(length_bytes))};
}

Prefix parse_prefix(std::string_view bytes) {
  const auto [prefix, header_length] = header_span(bytes);
  if (header_length > bytes.size() - prefix)
    throw file_error("truncated .npy file (the header claims " + std::to_string(header_length) + " bytes, " +
                     std::to_string(bytes.size() - prefix) + " remain)");
  Prefix out;
  out.h = HeaderParser(bytes.substr(prefix, header_length)).parse();
  out.t = dtype_of(out.h.descr);
  out.data_offset = prefix + header_length;
  return out;
}

Decoded decode(std::string_view bytes) {
  const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
  const Prefix p = parse_prefix(bytes);
  Decoded out;
  out.h = p.h;
  out.t = p.t;

  // The declared size against the bytes present, in overflow-safe arithmetic, before any
  // allocation: count·itemsize must equal the data length exactly.
  const std::uint64_t available = bytes.size() - p.data_offset;
  const std::uint64_t max_count = available / out.t.size;
  std::uint64_t count = 1;
  bool too_many = false;
  for (const std::uint64_t n : out.h.shape) {
    if (n == 0) {
      count = 0;
      too_many = false;
      break;
    }
    if (too_many || count > max_count / n) too_many = true;
    else count *= n;
  }
  if (too_many || count * out.t.size != available) {
    const std::string claim = shape_text(out.h.shape);
    if (too_many || count * out.t.size > available)
      throw file_error("truncated .npy file (the header declares shape " + claim + " of " + out.h.descr + ", " +
                       "which needs more than the " + std::to_string(available) + " data bytes present)");
    throw file_error("the .npy file has " + std::to_string(available - count * out.t.size) +
                     " bytes after the data of shape " + claim);
  }
  out.count = count;
  out.data = u + p.data_offset;
  return out;
}

}  // namespace

std::size_t npy_header_size(std::string_view first_bytes) {
  const auto [prefix, header_length] = header_span(first_bytes);
  return prefix + header_length;
}

std::vector<std::uint64_t> parse_npy_shape(std::string_view bytes) { return parse_prefix(bytes).h.shape; }

Eigen::MatrixXd parse_npy(std::string_view bytes) {
  const Decoded in = decode(bytes);
  const Header& h = in.h;
  const Dtype& t = in.t;
  if (h.shape.empty()) throw file_error("0-d arrays (scalars) are not supported: expected a 1-D or 2-D array");
  if (h.shape.size() > 2)
    throw file_error(std::to_string(h.shape.size()) + "-D arrays are not supported: expected a 1-D or 2-D array");
  const std::uint64_t rows = h.shape[0], cols = h.shape.size() == 2 ? h.shape[1] : 1;
  if (rows > static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max()) ||
      cols > static_cast<std::uint64_t>(std::numeric_limits<Eigen::Index>::max()))
    throw file_error("a dimension is too large");

  Eigen::MatrixXd M(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  const unsigned char* data = in.data;
  std::size_t k = 0;
  // C order: the last index varies fastest; Fortran order: the first. An empty array may
  // declare any other dimension (up to 2^63 − 1): looping over it would never end.
  if (M.size() == 0) return M;
  if (h.fortran_order) {
    for (Eigen::Index j = 0; j < M.cols(); ++j)
      for (Eigen::Index i = 0; i < M.rows(); ++i, ++k) M(i, j) = element(data + k * t.size, t);
  } else {
    for (Eigen::Index i = 0; i < M.rows(); ++i)
      for (Eigen::Index j = 0; j < M.cols(); ++j, ++k) M(i, j) = element(data + k * t.size, t);
  }
  return M;
}

Array parse_npy_array(std::string_view bytes) {
  const Decoded in = decode(bytes);
  Array a;
  a.shape = in.h.shape;
  a.values.resize(in.count);  // count·itemsize bytes are present: the allocation is justified
  if (in.count == 0) return a;
  if (!in.h.fortran_order || a.shape.size() < 2) {
    for (std::uint64_t k = 0; k < in.count; ++k) a.values[k] = element(in.data + k * in.t.size, in.t);
    return a;
  }
  // Fortran order: walk the C-order multi-index (last digit fastest) and keep the Fortran
  // offset Σ idx_i·stride_i, stride_0 = 1, stride_i = stride_{i-1}·shape_{i-1}, in step.
  const std::size_t dims = a.shape.size();
  std::vector<std::uint64_t> index(dims, 0), stride(dims, 1);
  for (std::size_t i = 1; i < dims; ++i) stride[i] = stride[i - 1] * a.shape[i - 1];
  std::uint64_t offset = 0;
  for (std::uint64_t k = 0; k < in.count; ++k) {
    a.values[k] = element(in.data + offset * in.t.size, in.t);
    for (std::size_t i = dims; i-- > 0;) {
      if (++index[i] < a.shape[i]) {
        offset += stride[i];
        break;
      }
      offset -= (a.shape[i] - 1) * stride[i];
      index[i] = 0;
    }
  }
  return a;
}

std::string format_npy(const Eigen::MatrixXd& M) {
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + std::to_string(M.rows()) + ", " +
                       std::to_string(M.cols()) + "), }";
  // Version 1.0: magic, 2 version bytes, 2 length bytes, header padded with spaces to a multiple
  // of 64 bytes in all and ended by '\n' (as numpy.lib.format writes it).
  const std::size_t unpadded = kMagicLength + 4 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic, kMagicLength);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>((header.size() >> 8) & 0xff);
  out += header;
  out.reserve(out.size() + static_cast<std::size_t>(M.size()) * 8);
  if (M.size() == 0) return out;  // an empty matrix may have a huge other dimension
  for (Eigen::Index i = 0; i < M.rows(); ++i)
    for (Eigen::Index j = 0; j < M.cols(); ++j) {
      std::uint64_t bits;
      const double v = M(i, j);
      std::memcpy(&bits, &v, 8);
      for (int b = 0; b < 8; ++b) out += static_cast<char>((bits >> (8 * b)) & 0xff);
    }
  return out;
}

}  // namespace nullity::io
