// NumPy .npz reader: a zip archive of .npy members (numpy/lib/npyio.py, np.savez and
// np.savez_compressed). The zip container is libzip's, which checks the archive's consistency
// and every member's CRC-32; this file only decides what to trust before allocating.

#include <zip.h>

#include <memory>
#include <string>
#include <vector>

#include "nullity/io.hpp"

namespace nullity::io {
namespace {

/// A deflate stream expands its input at most 1032-fold (RFC 1951: a 258-byte match in a
/// code of at least 2 bits, and 5 bytes of stored-block overhead per 65535 bytes): a member
/// that declares more is refused before its buffer is allocated. The slack covers tiny members.
constexpr std::uint64_t kMaxDeflateRatio = 1032;
constexpr std::uint64_t kSlack = 1024;
/// All members together, uncompressed: as the limit on a file read whole (files.cpp).
constexpr std::uint64_t kMaxTotalBytes = std::uint64_t(1) << 32;

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

std::string printable(const std::string& text) {
  std::string out;
  for (const char c : text.substr(0, 80)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

}  // namespace

std::vector<Array> parse_npz(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  // The buffer is not copied (freep = 0): it outlives the archive, which is discarded below.
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    const std::string what = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw file_error("cannot read the .npz archive: " + what);
  }
  std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!archive) {
    zip_source_free(source);
    const std::string what = zip_error_strerror(&error);
    zip_error_fini(&error);
    throw file_error("not a readable .npz file (a zip archive of .npy files): " + what);
  }
  zip_error_fini(&error);

  const zip_int64_t members = zip_get_num_entries(archive.get(), 0);
  std::vector<Array> out;
  std::uint64_t total = 0;
  for (zip_int64_t k = 0; k < members; ++k) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(k), 0, &st) != 0)
      throw file_error("cannot read member " + std::to_string(k) + " of the .npz archive: " +
                       zip_strerror(archive.get()));
    const zip_uint64_t needed = ZIP_STAT_NAME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD;
    if ((st.valid & needed) != needed) throw file_error("member " + std::to_string(k) + " of the .npz archive lacks its sizes");
    const std::string name = st.name;
    const std::string shown = "'" + printable(name) + "'";
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
      throw file_error("member " + shown + " of the .npz archive is encrypted");
    if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)
      throw file_error("member " + shown + " uses zip compression method " + std::to_string(st.comp_method) +
                       " (a .npz is stored or deflate-compressed)");
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".npy") != 0)
      throw file_error("member " + shown + " of the .npz archive is not a .npy array");
    if (st.comp_size > bytes.size())
      throw file_error("member " + shown + " declares " + std::to_string(st.comp_size) +
                       " compressed bytes, more than the file has");
    // No overflow: comp_size is at most the file's size, itself at most 2^32 (files.cpp).
    const std::uint64_t limit =
        st.comp_method == ZIP_CM_STORE ? st.comp_size : st.comp_size * kMaxDeflateRatio + kSlack;
    if (st.size > limit)
      throw file_error("member " + shown + " declares " + std::to_string(st.size) + " bytes, more than its " +
                       std::to_string(st.comp_size) + " compressed bytes can hold");
    if (st.size > kMaxTotalBytes - total)
      throw file_error("the .npz members hold more than " + std::to_string(kMaxTotalBytes) + " bytes uncompressed");
    total += st.size;

    std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(k), 0));
    if (!file) throw file_error("cannot open member " + shown + " of the .npz archive: " + zip_strerror(archive.get()));
    std::string data(static_cast<std::size_t>(st.size), '\0');
    std::uint64_t got = 0;
    while (got < st.size) {
      const zip_int64_t n = zip_fread(file.get(), data.data() + got, st.size - got);
      if (n < 0) throw file_error("member " + shown + " of the .npz archive: " + zip_file_strerror(file.get()));
      if (n == 0) throw file_error("member " + shown + " of the .npz archive is shorter than it declares");
      got += static_cast<std::uint64_t>(n);
    }
    // Reading on to the end makes libzip compare the CRC-32; a member longer than it declares
    // is an error too.
    char extra;
    const zip_int64_t n = zip_fread(file.get(), &extra, 1);
    if (n < 0) throw file_error("member " + shown + " of the .npz archive: " + zip_file_strerror(file.get()));
    if (n > 0) throw file_error("member " + shown + " of the .npz archive is longer than it declares");
    try {
      Array a = parse_npy_array(data);
      a.name = name.substr(0, name.size() - 4);
      out.push_back(std::move(a));
    } catch (const file_error& e) {
      throw file_error("member " + shown + ": " + e.what());
    }
  }
  if (out.empty()) throw file_error("the .npz archive holds no arrays");
  return out;
}

}  // namespace nullity::io
