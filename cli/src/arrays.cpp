#include "arrays.hpp"

#include <cmath>

#include <nullity/io.hpp>

#include "inputs.hpp"

namespace nullity_cli {
namespace {

std::string shape_text(const std::vector<std::uint64_t>& shape) {
  std::string out = "(";
  for (std::size_t k = 0; k < shape.size(); ++k) out += (k ? ", " : "") + std::to_string(shape[k]);
  return out + (shape.size() == 1 ? ",)" : ")");
}

/// "[i,j]" for the slice with C-order position k among the leading dimensions.
std::string slice_suffix(std::uint64_t k, const std::vector<std::uint64_t>& shape) {
  const std::size_t lead = shape.size() - 2;
  std::vector<std::uint64_t> index(lead);
  for (std::size_t i = lead; i-- > 0;) {
    index[i] = k % shape[i];
    k /= shape[i];
  }
  std::string out = "[";
  for (std::size_t i = 0; i < lead; ++i) out += (i ? "," : "") + std::to_string(index[i]);
  return out + "]";
}

/// Names come from the file (zip member names, JSON keys): one printable line, bounded.
std::string printable(const std::string& name) {
  std::string out;
  for (const char c : name.substr(0, 200)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

// As load_matrix (inputs.cpp): a dense factor is dimension² doubles.
constexpr std::uint64_t kMaxDimension = std::uint64_t(1) << 15;

}  // namespace

bool holds_arrays(const std::string& path) {
  nullity::io::Format format;
  try {
    format = nullity::io::format_of(path);
  } catch (const nullity::io::file_error&) {
    return false;  // the one-matrix path reports the unknown type
  }
  if (format == nullity::io::Format::npz || format == nullity::io::Format::safetensors) return true;
  if (format != nullity::io::Format::npy) return false;
  try {
    return nullity::io::read_npy_shape(path).size() >= 3;  // the header only: the data is read once, later
  } catch (const nullity::io::file_error&) {
    return false;  // the one-matrix path reports the problem, as it always did
  }
}

Layers load_layers(const std::string& path) {
  auto arrays = attributed(path, [&] { return nullity::io::read_arrays(path); });
  Layers out;
  for (auto& a : arrays) {
    const std::string base = printable(a.name), name = "'" + base + "'";
    if (!a.skipped.empty()) {
      out.notes.push_back(name + " skipped: " + a.skipped);
      continue;
    }
    if (a.shape.size() < 2) {
      out.notes.push_back(name + " skipped: a " + std::to_string(a.shape.size()) + "-D array " + shape_text(a.shape) +
                          " is not a matrix");
      continue;
    }
    const std::uint64_t n = a.shape[a.shape.size() - 2], d = a.shape.back();
    if (n > kMaxDimension || d > kMaxDimension)
      throw input_error(path, "array " + name + ": a " + std::to_string(n) + "x" + std::to_string(d) +
                                  " matrix is too large: each dimension must be at most " +
                                  std::to_string(kMaxDimension) + " (a dense factor is dimension^2 doubles)");
    std::uint64_t slices = 1;
    for (std::size_t i = 0; i + 2 < a.shape.size(); ++i) slices *= a.shape[i];
    if (a.values.empty() && a.shape.size() > 2) {
      // An empty stack may declare huge leading dimensions: no loop over them.
      out.notes.push_back(name + " skipped: an empty stack " + shape_text(a.shape));
      continue;
    }
    for (std::uint64_t k = 0; k < slices; ++k) {
      NamedMatrix m;
      m.name = base + (a.shape.size() > 2 ? slice_suffix(k, a.shape) : "");
      m.X.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(d));
      const double* v = a.values.data() + k * n * d;
      for (std::uint64_t i = 0; i < n; ++i)
        for (std::uint64_t j = 0; j < d; ++j) {
          const double x = v[i * d + j];
          if (!std::isfinite(x))
            throw input_error(path, "array '" + m.name + "' has a non-finite entry " +
                                        (std::isnan(x) ? "NaN" : x > 0 ? "+Inf" : "-Inf") + " at row " +
                                        std::to_string(i) + ", column " + std::to_string(j) + " (0-based)");
          m.X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = x;
        }
      out.matrices.push_back(std::move(m));
    }
    // A checkpoint can be large: hold each array once, as doubles in its matrices.
    std::vector<double>().swap(a.values);
  }
  if (out.matrices.empty())
    throw input_error(path, "no matrix to answer for: " + (out.notes.empty() ? std::string("the file is empty")
                                                                             : out.notes.front()));
  return out;
}

Result report_per_array(const std::string& path, const Layers& layers, bool json,
                        const std::function<MatrixReport(const NamedMatrix&, Json start)>& one) {
  Result r;
  Json arrays = Json::array();
  for (const NamedMatrix& nm : layers.matrices) {
    Json start = Json::object();
    start["name"] = nm.name;
    MatrixReport m = one(nm, std::move(start));
    r.out += (r.out.empty() ? "" : "\n") + m.text;
    arrays.push_back(m.json);
  }
  if (json) {
    Json j = Json::object();
    j["file"] = path;
    j["arrays"] = arrays;
    r.out = json_text(j);
  }
  for (const std::string& note : layers.notes) r.note += (r.note.empty() ? "" : "; ") + note;
  return r;
}

}  // namespace nullity_cli
