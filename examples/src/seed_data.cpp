#include "seed_data.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include <nullity/io.hpp>

namespace nullity_examples {

std::string data_directory() {
  if (const char* env = std::getenv("NULLITY_DATA_DIR"); env && *env) return env;
  // An installed program (bin/nullity) finds the data at ../share/nullity/data from itself,
  // wherever the prefix was moved; a program in the build tree uses the source tree's.
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = self.parent_path().parent_path() / "share" / "nullity" / "data";
    if (fs::is_directory(installed / "seeds", ec)) return installed.string();
  }
  return NULLITY_DATA_DIR;
}

namespace {

template <class Read>
auto read_seed(const std::string& file, Read read) {
  const std::string path = data_directory() + "/seeds/" + file;
  try {
    return read(path);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace

Example55Data load_example55() {
  Example55Data d;
  d.X = read_seed("example55_X.npy", [](const std::string& p) { return nullity::io::read_matrix(p); });
  d.y = read_seed("example55_y.npy", [](const std::string& p) { return nullity::io::read_vector(p); });
  d.w_true = read_seed("example55_w_true.npy", [](const std::string& p) { return nullity::io::read_vector(p); });
  if (d.X.rows() != 6 || d.X.cols() != 12 || d.y.size() != 6 || d.w_true.size() != 12)
    throw std::runtime_error(data_directory() + "/seeds/example55_*.npy: expected X 6x12, y 6 and w_true 12");
  return d;
}

}  // namespace nullity_examples
