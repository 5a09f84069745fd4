// Files: choosing the format, reading whole files safely, and atomic writes.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include "nullity/io.hpp"

namespace nullity::io {
namespace {

/// Files larger than this are refused before reading: 4 GiB holds a 23000×23000 float64 matrix,
/// far beyond what a dense SVD finishes in reasonable time.
constexpr std::uint64_t kMaxFileBytes = std::uint64_t(1) << 32;

std::string lower_extension(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

std::string system_error(const char* doing) { return std::string(doing) + ": " + std::strerror(errno); }

/// The name of the temporary file of the write in progress, for discard_partial_write(); a
/// fixed buffer because a signal handler may read it.
char g_partial[4096];
volatile std::sig_atomic_t g_partial_armed = 0;

/// Closes a descriptor on every path out of a scope.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Format format_of(const std::string& path) {
  const std::string ext = lower_extension(path);
  if (ext == ".npy") return Format::npy;
  if (ext == ".csv" || ext == ".txt") return Format::csv;
  if (ext == ".mtx") return Format::mtx;
  if (ext == ".npz") return Format::npz;
  if (ext == ".safetensors") return Format::safetensors;
  throw file_error("unknown file type " + (ext.empty() ? std::string("(no extension)") : "'" + ext + "'") +
                   ": expected .npy, .csv, .txt, .mtx, .npz or .safetensors");
}

namespace {

/// The first `limit` bytes of the file (all of it if shorter), refusing directories, special
/// files and files over kMaxFileBytes.
std::string read_bytes(const std::string& path, std::uint64_t limit = kMaxFileBytes) {
  Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) throw file_error(system_error("cannot open"));
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) throw file_error(system_error("cannot stat"));
  if (S_ISDIR(st.st_mode)) throw file_error("is a directory, not a matrix file");
  if (!S_ISREG(st.st_mode)) throw file_error("is not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > kMaxFileBytes)
    throw file_error("the file has " + std::to_string(st.st_size) + " bytes, more than the limit of " +
                     std::to_string(kMaxFileBytes));
  std::string bytes(static_cast<std::size_t>(std::min<std::uint64_t>(std::uint64_t(st.st_size), limit)), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t k = ::read(file.fd, bytes.data() + got, bytes.size() - got);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) throw file_error(system_error("cannot read"));
    if (k == 0) throw file_error("the file shrank while it was being read");
    got += static_cast<std::size_t>(k);
  }
  return bytes;
}

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const std::size_t dot = name.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

}  // namespace

Eigen::MatrixXd read_matrix(const std::string& path) {
  const Format format = format_of(path);
  if (format == Format::npz || format == Format::safetensors)
    throw file_error("a " + std::string(format == Format::npz ? ".npz" : ".safetensors") +
                     " file holds many arrays, not one matrix: 'rank', 'analyze' and 'layers' read it");
  const std::string bytes = read_bytes(path);
  switch (format) {
    case Format::npy: return parse_npy(bytes);
    case Format::csv: return parse_csv(bytes);
    case Format::mtx: return parse_mtx(bytes);
    default: break;
  }
  throw file_error("unknown file type");
}

std::vector<std::uint64_t> read_npy_shape(const std::string& path) {
  // 12 bytes hold the magic string, the version and the header's length in every version.
  return parse_npy_shape(read_bytes(path, npy_header_size(read_bytes(path, 12))));
}

std::vector<Array> read_arrays(const std::string& path) {
  const Format format = format_of(path);
  const std::string bytes = read_bytes(path);
  switch (format) {
    case Format::npz: return parse_npz(bytes);
    case Format::safetensors: return parse_safetensors(bytes);
    case Format::npy: {
      Array a = parse_npy_array(bytes);
      a.name = base_name(path);
      return {std::move(a)};
    }
    case Format::csv:
    case Format::mtx: {
      const Eigen::MatrixXd M = format == Format::csv ? parse_csv(bytes) : parse_mtx(bytes);
      Array a;
      a.name = base_name(path);
      a.shape = {static_cast<std::uint64_t>(M.rows()), static_cast<std::uint64_t>(M.cols())};
      a.values.resize(static_cast<std::size_t>(M.size()));
      if (M.size() == 0) return {std::move(a)};  // "0 <huge>": no loop over the other dimension
      for (Eigen::Index i = 0; i < M.rows(); ++i)
        for (Eigen::Index j = 0; j < M.cols(); ++j) a.values[static_cast<std::size_t>(i * M.cols() + j)] = M(i, j);
      return {std::move(a)};
    }
  }
  throw file_error("unknown file type");
}

Eigen::VectorXd read_vector(const std::string& path) {
  const Eigen::MatrixXd M = read_matrix(path);
  if (M.cols() == 1) return M.col(0);
  if (M.rows() == 1) return M.row(0).transpose();
  throw file_error("expected a vector (1-D, or one row or one column), got a " + std::to_string(M.rows()) + "x" +
                   std::to_string(M.cols()) + " matrix");
}

void write_matrix(const std::string& path, const Eigen::MatrixXd& M) {
  std::string bytes;
  switch (format_of(path)) {
    case Format::npy: bytes = format_npy(M); break;
    case Format::csv: bytes = format_csv(M); break;
    default: throw file_error("writing this file type is not supported: write .npy or .csv");
  }
  // The temporary file sits next to the target so that rename() is atomic (same file system).
  const std::string temporary = path + ".partial-" + std::to_string(::getpid());
  if (temporary.size() >= sizeof g_partial) throw file_error("the output path is too long");
  std::memcpy(g_partial, temporary.c_str(), temporary.size() + 1);
  g_partial_armed = 1;
  const auto fail = [&](const char* doing) {
    const std::string what = system_error(doing);
    ::unlink(temporary.c_str());
    g_partial_armed = 0;
    throw file_error(what);
  };
  {
    Descriptor file{::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)};
    if (file.fd < 0) {
      g_partial_armed = 0;
      throw file_error(system_error("cannot create the output"));
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t k = ::write(file.fd, bytes.data() + done, bytes.size() - done);
      if (k < 0 && errno == EINTR) continue;
      if (k <= 0) fail("cannot write the output");
      done += static_cast<std::size_t>(k);
    }
    if (::fsync(file.fd) != 0) fail("cannot write the output");
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) fail("cannot rename the output into place");
  g_partial_armed = 0;
}

void discard_partial_write() noexcept {
  if (g_partial_armed) ::unlink(g_partial);
}

}  // namespace nullity::io
