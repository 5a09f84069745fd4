#include "figure_data.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>

namespace nullity_examples {
namespace {

std::optional<std::string>& directory_override() {
  static std::optional<std::string> dir;
  return dir;
}

std::string figure_directory() {
  if (directory_override()) return *directory_override();
  const char* env = std::getenv("NULLITY_FIGURE_DATA");
  return env ? env : "";
}

}  // namespace

void set_figure_directory(const std::string& directory) { directory_override() = directory; }

void write_figure_data(const std::string& name, const std::vector<std::string>& header, const Eigen::MatrixXd& rows) {
  const std::string dir = figure_directory();
  if (dir.empty()) return;
  const std::string path = dir + "/" + name + ".csv";
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write figure data " + path);
  for (std::size_t j = 0; j < header.size(); ++j) out << (j ? "," : "") << header[j];
  out << '\n';
  char buf[32];
  for (Eigen::Index i = 0; i < rows.rows(); ++i) {
    for (Eigen::Index j = 0; j < rows.cols(); ++j) {
      std::snprintf(buf, sizeof buf, "%.17g", rows(i, j));
      out << (j ? "," : "") << buf;
    }
    out << '\n';
  }
  if (!out) throw std::runtime_error("cannot write figure data " + path);
}

}  // namespace nullity_examples
