#pragma once
/// \file
/// Matrix files: reading and writing `.npy`, `.csv`/`.txt` and `.mtx` (Matrix Market); reading
/// files of many arrays (`.npz`, `.safetensors`, `.npy` of any dimension).
///
/// The parsers are pure functions of the bytes: no input can make them crash, hang or allocate
/// more than the size the bytes themselves justify (a header's declared shape is checked
/// against the byte count before anything is allocated). Every failure is a `file_error` whose
/// message names the problem in one line; text formats say where ("line L, column C").
/// Non-finite entries (`nan`, `inf`) are read, not rejected: the library's validation
/// (`nullity::invalid_input`) rejects them with their row and column.
///
/// Example:
/// \code
///   Eigen::MatrixXd X = nullity::io::read_matrix("X.npy");
///   Eigen::VectorXd y = nullity::io::read_vector("y.csv");
///   nullity::io::write_matrix("Z.npy", nullity::null_space(X));
/// \endcode

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

namespace nullity::io {

/// Thrown for unreadable or malformed files. what() is the problem WITHOUT the file name (the
/// caller adds it: "nullity: error: <file>: <what>"); text formats include "line L, column C".
class file_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The file formats, chosen by extension.
enum class Format { npy, csv, mtx, npz, safetensors };

/// `.npy` → npy; `.csv`, `.txt` → csv; `.mtx` → mtx; `.npz` → npz; `.safetensors` →
/// safetensors (case-insensitive). \throws file_error otherwise.
Format format_of(const std::string& path);

/// One array of a file that holds several (`.npz`, `.safetensors`), or a `.npy` of any
/// dimension: its name, its shape and its values as doubles in C order (last index fastest).
/// An array that is not read (an integer tensor of a `.safetensors` file) has no values and
/// says why in `skipped`.
struct Array {
  std::string name;
  std::vector<std::uint64_t> shape;
  std::vector<double> values;
  std::string skipped;
};

/// A `.npy` file of any dimension (0-D included), as parse_npy otherwise.
Array parse_npy_array(std::string_view bytes);

/// A NumPy `.npz` file: a zip archive (stored or deflate-compressed members, as `np.savez` and
/// `np.savez_compressed` write) of `.npy` files; each member is one array named without its
/// `.npy`. Declared member sizes are checked against the archive (and deflate's largest
/// possible expansion) before anything is inflated; checksums are verified.
std::vector<Array> parse_npz(std::string_view bytes);

/// A `.safetensors` file: an 8-byte little-endian header length, a JSON header
/// {name: {dtype, shape, data_offsets}, "__metadata__": {...}}, then the data. dtypes F64, F32,
/// F16 and BF16 are read (converted exactly to double); the integer and 8-bit float dtypes are
/// listed with `skipped` set. Every tensor's byte range is checked against its shape and the
/// file before anything is allocated.
std::vector<Array> parse_safetensors(std::string_view bytes);

/// Every array of a file, by `format_of(path)`: the arrays of a `.npz` or `.safetensors`, the
/// one array of a `.npy` (named after the file), or the matrix of a text file.
std::vector<Array> read_arrays(const std::string& path);

/// The shape a `.npy` file declares, from its first bytes: at least its header (npy_header_size);
/// the data may be absent. \throws file_error for a malformed or truncated header, as parse_npy.
std::vector<std::uint64_t> parse_npy_shape(std::string_view bytes);

/// How many leading bytes of a `.npy` file hold its header (magic string, version, length and
/// the dict), read off its first 12 bytes. \throws file_error if they are not a `.npy` prefix.
std::size_t npy_header_size(std::string_view first_bytes);

/// The shape of a `.npy` file, reading its header only: lets a caller choose between read_matrix
/// and read_arrays without parsing the data twice.
std::vector<std::uint64_t> read_npy_shape(const std::string& path);

/// A NumPy `.npy` file (format versions 1–3). dtypes `<f8 <f4 >f8 >f4 <i4 <i8 >i4 >i8`,
/// C or Fortran order, 1-D (read as n×1) or 2-D. \throws file_error for anything else.
Eigen::MatrixXd parse_npy(std::string_view bytes);

/// Comma- or whitespace-separated numbers, one row per line; `#` starts a comment; blank lines
/// are skipped; every row must have the same number of cells. `nan`/`inf` in any case are read.
Eigen::MatrixXd parse_csv(std::string_view text);

/// Matrix Market: `array` or `coordinate`; `real`, `integer` or `pattern` (coordinate only,
/// read as 1 at each stored position, as SciPy); `general`, `symmetric` or `skew-symmetric`,
/// a coordinate file of a symmetric kind storing either triangle. Coordinate entries out of
/// range or repeated, and mirrored entries that disagree, are errors.
Eigen::MatrixXd parse_mtx(std::string_view text);

/// Reads the whole file (refusing files over a size limit) and parses it by `format_of(path)`.
Eigen::MatrixXd read_matrix(const std::string& path);

/// Reads a vector: a 1-D array, or a 2-D one with a single column or a single row.
Eigen::VectorXd read_vector(const std::string& path);

/// `.npy` bytes: float64, little-endian, C order, format version 1.0 header.
std::string format_npy(const Eigen::MatrixXd& M);

/// CSV text: `%.17g`, comma-separated, one row per line; parses back to identical bits.
std::string format_csv(const Eigen::MatrixXd& M);

/// Writes M by extension (`.npy`, `.csv`/`.txt`) to a temporary file in the same directory,
/// then renames it over `path`: a failure or an interruption leaves no partial file.
void write_matrix(const std::string& path, const Eigen::MatrixXd& M);

/// Removes the temporary file of a `write_matrix` in progress, if any. Async-signal-safe: meant
/// for a SIGINT/SIGTERM handler, so that an interrupted program leaves no partial file. (One
/// write at a time: `write_matrix` is not meant to be called from several threads at once.)
void discard_partial_write() noexcept;

}  // namespace nullity::io
