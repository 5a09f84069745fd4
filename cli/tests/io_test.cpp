// The file readers and writers (nullity::io) on fixtures made by NumPy (make_fixtures.py) and
// by hand; the expected contents are written out here, never taken from the readers.

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nullity/io.hpp>

namespace {

namespace io = nullity::io;

const std::string kFixtures = NULLITY_CLI_FIXTURES;

std::string fixture(const std::string& name) { return kFixtures + "/" + name; }

std::string bytes_of(const std::string& name) {
  std::ifstream in(fixture(name), std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The 2×3 matrix A of make_fixtures.py.
Eigen::MatrixXd matrix_a() {
  Eigen::MatrixXd A(2, 3);
  A << 1, 2, 3, 4, 5, 6.5;
  return A;
}

/// The integer 2×3 matrix B of make_fixtures.py.
Eigen::MatrixXd matrix_b() {
  Eigen::MatrixXd B(2, 3);
  B << 1, -2, 3, 4, 5, -6;
  return B;
}

/// The message of the file_error that reading `name` throws ("" if none).
std::string error_of(const std::string& name) {
  try {
    io::read_matrix(fixture(name));
  } catch (const io::file_error& e) {
    return e.what();
  }
  return "";
}

bool same_bits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  if (a.size() == 0) return true;  // an empty matrix's data() may be null, which memcmp forbids
  return std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

TEST(NpyReader, ReadsEveryFloatDtypeOrderAndVersion) {
  for (const char* name : {"a_f8.npy", "a_f4.npy", "a_f8_big.npy", "a_f4_big.npy", "a_f8_fortran.npy",
                           "a_f8_big_fortran.npy", "a_v2.npy", "a_v3.npy"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(same_bits(io::read_matrix(fixture(name)), matrix_a()));
  }
}

TEST(NpyReader, ReadsEveryIntegerDtype) {
  for (const char* name : {"b_i4.npy", "b_i8.npy", "b_i4_big.npy", "b_i8_big.npy"}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(same_bits(io::read_matrix(fixture(name)), matrix_b()));
  }
}

TEST(NpyReader, OneDimensionalArrayIsAColumn) {
  const Eigen::MatrixXd v = io::read_matrix(fixture("v_1d.npy"));
  ASSERT_EQ(v.rows(), 3);
  ASSERT_EQ(v.cols(), 1);
  EXPECT_EQ(v(0), 1.0);
  EXPECT_EQ(v(1), -2.5);
  EXPECT_EQ(v(2), 3.0);
  EXPECT_EQ(io::read_vector(fixture("v_1d.npy")).size(), 3);
}

TEST(NpyReader, EmptyShapeIsValid) {
  const Eigen::MatrixXd E = io::read_matrix(fixture("empty_0x3.npy"));
  EXPECT_EQ(E.rows(), 0);
  EXPECT_EQ(E.cols(), 3);
}

TEST(NpyReader, NonFiniteEntriesAreReadNotRejected) {
  const Eigen::MatrixXd N = io::read_matrix(fixture("nan.npy"));
  EXPECT_TRUE(std::isnan(N(0, 1)));
  const Eigen::MatrixXd I = io::read_matrix(fixture("inf.npy"));
  EXPECT_TRUE(std::isinf(I(1, 0)) && I(1, 0) < 0);
}

TEST(NpyReader, RejectsUnsupportedDtypesNamingThem) {
  EXPECT_NE(error_of("complex.npy").find("complex dtype '<c16'"), std::string::npos) << error_of("complex.npy");
  EXPECT_NE(error_of("object.npy").find("object dtype '|O'"), std::string::npos) << error_of("object.npy");
  EXPECT_NE(error_of("u2.npy").find("dtype '<u2' is not supported"), std::string::npos) << error_of("u2.npy");
  EXPECT_NE(error_of("structured.npy").find("structured dtype"), std::string::npos) << error_of("structured.npy");
}

TEST(NpyReader, RejectsOtherDimensions) {
  EXPECT_NE(error_of("three_d.npy").find("3-D arrays are not supported"), std::string::npos);
  EXPECT_NE(error_of("zero_d.npy").find("0-d arrays"), std::string::npos);
}

TEST(NpyReader, RejectsTruncatedAndLyingFilesBeforeAllocating) {
  EXPECT_NE(error_of("truncated.npy").find("truncated .npy file"), std::string::npos) << error_of("truncated.npy");
  EXPECT_NE(error_of("header_only.npy").find("truncated .npy file"), std::string::npos);
  // 10^6 x 10^6 float64 would be 8 TB: the check must fail on the byte count, not on malloc.
  const std::string lying = error_of("lying_size.npy");
  EXPECT_NE(lying.find("shape 1000000x1000000"), std::string::npos) << lying;
  EXPECT_NE(error_of("random_bytes.npy").find("not a .npy file"), std::string::npos);
  EXPECT_NE(error_of("empty.npy").find("not a .npy file"), std::string::npos);
}

// The header alone tells the shape (the command's choice between one matrix and a stack), and it
// is the shape the full reader finds; the data need not be present, a broken header still fails.
TEST(NpyReader, ShapeFromTheHeaderAloneMatchesTheFullRead) {
  for (const char* name : {"a_f8.npy", "a_f8_fortran.npy", "a_v2.npy", "a_v3.npy", "v_1d.npy", "empty_0x3.npy",
                           "stack3d.npy", "stack3d_fortran.npy", "zero_d.npy", "lying_size.npy"}) {
    SCOPED_TRACE(name);
    const std::vector<std::uint64_t> shape = io::read_npy_shape(fixture(name));
    EXPECT_EQ(shape, io::parse_npy_shape(bytes_of(name)));
    const std::string b = bytes_of(name);
    EXPECT_EQ(shape, io::parse_npy_shape(b.substr(0, io::npy_header_size(b))));  // without the data
    if (std::string(name) != "lying_size.npy") {
      EXPECT_EQ(shape, io::parse_npy_array(b).shape);
    }
  }
  EXPECT_EQ(io::read_npy_shape(fixture("stack3d.npy")).size(), 3u);
  EXPECT_THROW(io::read_npy_shape(fixture("random_bytes.npy")), io::file_error);
  EXPECT_THROW(io::read_npy_shape(fixture("empty.npy")), io::file_error);
  EXPECT_THROW(io::read_npy_shape(fixture("header_only.npy")), io::file_error);  // the header itself is cut off
  const std::string b = bytes_of("a_f8.npy");
  EXPECT_THROW(io::parse_npy_shape(b.substr(0, io::npy_header_size(b) - 1)), io::file_error);
}

TEST(NpyReader, RejectsTrailingBytes) {
  std::string b = bytes_of("a_f8.npy") + "xyz";
  EXPECT_THROW(io::parse_npy(b), io::file_error);
}

TEST(NpyReader, RejectsSizesWhoseProductOverflows) {
  // 2^62 x 8 elements of 8 bytes: the product overflows 64 bits; it must be caught, not wrap.
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 8), }";
  header += std::string(118 - header.size() - 1, ' ') + "\n";
  std::string b = std::string("\x93NUMPY\x01\x00", 8);
  b += static_cast<char>(header.size());
  b += '\0';
  b += header;
  b += std::string(64, '\0');
  EXPECT_THROW(io::parse_npy(b), io::file_error);
}

TEST(CsvReader, ReadsCommasWhitespaceCommentsAndScientificNotation) {
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("a_comma.csv")), matrix_a()));
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("a_space.txt")), matrix_a()));
}

TEST(CsvReader, ReadsNanAndInfSpelledAnyWay) {
  const Eigen::MatrixXd M = io::parse_csv("nan,NaN,-nAn,inf\n-Inf,+INF,infinity,-Infinity\n");
  for (int j = 0; j < 3; ++j) EXPECT_TRUE(std::isnan(M(0, j)));
  EXPECT_EQ(M(0, 3), std::numeric_limits<double>::infinity());
  EXPECT_EQ(M(1, 0), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(M(1, 1), std::numeric_limits<double>::infinity());
  EXPECT_EQ(M(1, 2), std::numeric_limits<double>::infinity());
  EXPECT_EQ(M(1, 3), -std::numeric_limits<double>::infinity());
}

TEST(CsvReader, ReportsLineAndColumn) {
  EXPECT_EQ(error_of("ragged.csv"), "line 2, column 4: ragged row: 2 values, but line 1 has 3");
  EXPECT_EQ(error_of("ragged_long.csv"), "line 2, column 7: ragged row: 4 values, but line 1 has 3");
  EXPECT_EQ(error_of("non_numeric.csv"), "line 2, column 3: 'abc' is not a number");
  EXPECT_EQ(error_of("empty_cell.csv"), "line 1, column 3: empty cell");
  EXPECT_EQ(error_of("overflow.csv"), "line 1, column 5: '1e999' is out of the range of float64");
  EXPECT_NE(error_of("empty.csv").find("no numbers"), std::string::npos);
  EXPECT_NE(error_of("comments_only.csv").find("no numbers"), std::string::npos);
}

TEST(CsvReader, ErrorMessagesStayOneLineWhateverTheBytes) {
  try {
    io::parse_csv(std::string("1,\x01\n\xff", 5));
    FAIL() << "no error";
  } catch (const io::file_error& e) {
    EXPECT_EQ(std::string(e.what()), "line 1, column 3: '\\x01' is not a number");
  }
}

TEST(MtxReader, ReadsArrayAndCoordinate) {
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("a_array.mtx")), matrix_a()));
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("a_coordinate.mtx")), matrix_a()));
}

TEST(MtxReader, ExpandsSymmetricAndSkewSymmetric) {
  Eigen::MatrixXd T(3, 3);
  T << 2, -1, 0, -1, 0, -1, 0, -1, 2;
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("sym_coordinate.mtx")), T));
  Eigen::MatrixXd S(2, 2);
  S << 1, 2, 2, 3;
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("sym_array.mtx")), S));
  Eigen::MatrixXd K(3, 3);
  K << 0, -1, -2, 1, 0, -3, 2, 3, 0;
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("skew_array.mtx")), K));
}

TEST(MtxReader, RejectsBadFilesWithPositions) {
  EXPECT_NE(error_of("complex.mtx").find("field 'complex' is not supported"), std::string::npos);
  EXPECT_EQ(error_of("out_of_range.mtx"), "line 3, column 1: row index 3 is out of range 1..2");
  EXPECT_EQ(error_of("duplicate.mtx"), "line 4, column 1: entry (1, 1) repeats the one on line 3");
  EXPECT_NE(error_of("short_array.mtx").find("declares 4 values, the file has 3"), std::string::npos);
  EXPECT_EQ(error_of("extra_entry.mtx"), "line 4, column 1: the size line declares 1 entries, the file has 2");
  EXPECT_NE(error_of("huge_sparse.mtx").find("exceeds the dense limit"), std::string::npos);
}

TEST(MtxReader, ReadsPatternAsOnesAtTheStoredPositions) {
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(2, 2);
  P(0, 0) = 1;
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("pattern.mtx")), P));
  // K_{2,3}'s adjacency, upper triangle stored: vertices 1, 2 joined to 3, 4, 5.
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(5, 5);
  for (int i : {0, 1})
    for (int j : {2, 3, 4}) K(i, j) = K(j, i) = 1;
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("k23_pattern.mtx")), K));
  EXPECT_NE(error_of("pattern_array.mtx").find("'pattern' needs the 'coordinate' format"), std::string::npos);
}

TEST(MtxReader, PatternEntryWithAValueIsAnError) {
  try {
    io::parse_mtx("%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 1\n");
    FAIL() << "no error";
  } catch (const io::file_error& e) {
    EXPECT_EQ(std::string(e.what()), "line 3, column 1: a pattern entry is 'row col'");
  }
  try {
    io::parse_mtx("%%MatrixMarket matrix coordinate pattern skew-symmetric\n2 2 0\n");
    FAIL() << "no error";
  } catch (const io::file_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot be 'skew-symmetric'"), std::string::npos);
  }
}

TEST(MtxReader, SymmetricKindsAcceptEitherTriangle) {
  Eigen::MatrixXd T(3, 3);
  T << 2, -1, 0, -1, 0, -1, 0, -1, 2;
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("sym_upper.mtx")), T));
  Eigen::MatrixXd A(3, 3);
  A << 0, -1, 0, -1, 0, 0, 0, 0, 5;
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("sym_both_agree.mtx")), A));
  // (1,2) = 1, (1,3) = 2 stored above; (3,2) = -3 below, so (2,3) = 3.
  Eigen::MatrixXd K(3, 3);
  K << 0, 1, 2, -1, 0, 3, -2, -3, 0;
  EXPECT_TRUE(same_bits(io::read_matrix(fixture("skew_mixed.mtx")), K));
}

TEST(MtxReader, MirroredEntriesMustAgree) {
  EXPECT_EQ(error_of("sym_both_conflict.mtx"),
            "line 4, column 1: entry (1, 2) contradicts its mirror (2, 1) on line 3: a symmetric matrix needs equal "
            "values");
  EXPECT_EQ(error_of("skew_diagonal.mtx"),
            "line 3, column 1: a skew-symmetric file stores no diagonal entry (its diagonal is zero)");
  // A mirror with the opposite value is what a skew-symmetric matrix needs; the same value is not.
  EXPECT_EQ(io::parse_mtx("%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 2\n2 1 3\n1 2 -3\n")(0, 1), -3);
  EXPECT_THROW(io::parse_mtx("%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 2\n2 1 3\n1 2 3\n"),
               io::file_error);
  // Repeats are still repeats, whichever triangle, however many mirrors lie between.
  EXPECT_THROW(io::parse_mtx("%%MatrixMarket matrix coordinate real symmetric\n2 2 3\n1 2 3\n2 1 3\n1 2 3\n"),
               io::file_error);
}

TEST(MtxReader, IntegerBeyondInt64IsNamedAsSuch) {
  EXPECT_EQ(error_of("int_overflow.mtx"),
            "line 3, column 5: '18446744073709551615' is out of the range of a 64-bit integer (the field is "
            "'integer'; store it as 'real')");
  EXPECT_EQ(io::parse_mtx("%%MatrixMarket matrix array integer general\n1 1\n-9223372036854775808\n")(0, 0),
            -9223372036854775808.0);
}

// ---- many arrays per file ----

/// The values of make_fixtures.py's STACK in C order: slice 0 = [1,2,3]ᵀ[1,-1,2], slice 1 =
/// diag(3, 2, 1).
std::vector<double> stack_values() {
  return {1, -1, 2, 2, -2, 4, 3, -3, 6, 3, 0, 0, 0, 2, 0, 0, 0, 1};
}

std::string arrays_error(const std::string& name) {
  try {
    io::read_arrays(fixture(name));
  } catch (const io::file_error& e) {
    return e.what();
  }
  return "";
}

TEST(Arrays, NpyStacksInCAndFortranOrder) {
  for (const char* name : {"stack3d.npy", "stack3d_fortran.npy"}) {
    SCOPED_TRACE(name);
    const auto arrays = io::read_arrays(fixture(name));
    ASSERT_EQ(arrays.size(), 1u);
    EXPECT_EQ(arrays[0].name, std::string(name).substr(0, std::string(name).size() - 4));
    EXPECT_EQ(arrays[0].shape, (std::vector<std::uint64_t>{2, 3, 3}));
    EXPECT_EQ(arrays[0].values, stack_values());
  }
  // read_matrix still wants one matrix.
  EXPECT_NE(error_of("stack3d.npy").find("3-D arrays are not supported"), std::string::npos);
}

TEST(Arrays, NpzStoredAndDeflated) {
  for (const char* name : {"layers.npz", "layers_compressed.npz"}) {
    SCOPED_TRACE(name);
    const auto arrays = io::read_arrays(fixture(name));
    ASSERT_EQ(arrays.size(), 3u);
    EXPECT_EQ(arrays[0].name, "w1");
    EXPECT_EQ(arrays[0].shape, (std::vector<std::uint64_t>{2, 3}));
    EXPECT_EQ(arrays[0].values, (std::vector<double>{1, 2, 3, 4, 5, 6.5}));
    EXPECT_EQ(arrays[1].name, "bias");
    EXPECT_EQ(arrays[1].shape, (std::vector<std::uint64_t>{3}));
    EXPECT_EQ(arrays[2].name, "stack");
    EXPECT_EQ(arrays[2].values, stack_values());
  }
}

TEST(Arrays, BadNpzFilesAreRefusedWithOneLine) {
  EXPECT_EQ(arrays_error("not_npy.npz"), "member 'readme.txt' of the .npz archive is not a .npy array");
  EXPECT_NE(arrays_error("truncated.npz").find("not a readable .npz file"), std::string::npos) << arrays_error("truncated.npz");
  EXPECT_NE(arrays_error("bad_crc.npz").find("member 'w1.npy' of the .npz archive: CRC error"), std::string::npos)
      << arrays_error("bad_crc.npz");
  EXPECT_NE(error_of("layers.npz").find("holds many arrays"), std::string::npos);
  EXPECT_THROW(io::parse_npz(std::string(100, 'x')), io::file_error);
}

TEST(Arrays, SafetensorsFloatsConvertExactly) {
  const auto arrays = io::read_arrays(fixture("model.safetensors"));
  ASSERT_EQ(arrays.size(), 6u);
  EXPECT_EQ(arrays[0].name, "a");
  EXPECT_EQ(arrays[0].values, (std::vector<double>{1, 2, 3, 4, 5, 6.5}));
  EXPECT_EQ(arrays[1].name, "b");
  EXPECT_EQ(arrays[1].values, (std::vector<double>{1, -2, 3, 4, 5, -6}));
  // binary16: 65504 is its largest finite value.
  EXPECT_EQ(arrays[2].values, (std::vector<double>{1, 0.5, -2, 65504}));
  EXPECT_EQ(arrays[3].values, (std::vector<double>{1, -0.5, 3}));
  EXPECT_EQ(arrays[3].shape, (std::vector<std::uint64_t>{1, 3}));
  EXPECT_EQ(arrays[4].name, "steps");
  EXPECT_TRUE(arrays[4].values.empty());
  EXPECT_EQ(arrays[4].skipped, "dtype I64 is not read (only F64, F32, F16, BF16)");
  EXPECT_EQ(arrays[5].values, stack_values());
}

TEST(Arrays, HalfPrecisionSpecialValues) {
  // F16 bits: smallest subnormal 0x0001 = 2^-24, -0 = 0x8000, +inf = 0x7c00, NaN = 0x7e00;
  // BF16 0x3f80 = 1, 0x0001 = 2^-133 (a float subnormal).
  const std::string header = R"({"h":{"dtype":"F16","shape":[4],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]}})";
  std::string bytes;
  for (int i = 0; i < 8; ++i) bytes += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  bytes += header;
  for (const unsigned v : {0x0001u, 0x8000u, 0x7c00u, 0x7e00u, 0x3f80u, 0x0001u}) {
    bytes += static_cast<char>(v & 0xff);
    bytes += static_cast<char>(v >> 8);
  }
  const auto arrays = io::parse_safetensors(bytes);
  ASSERT_EQ(arrays.size(), 2u);
  EXPECT_EQ(arrays[0].values[0], std::ldexp(1.0, -24));
  EXPECT_TRUE(arrays[0].values[1] == 0 && std::signbit(arrays[0].values[1]));
  EXPECT_EQ(arrays[0].values[2], std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(arrays[0].values[3]));
  EXPECT_EQ(arrays[1].values[0], 1.0);
  EXPECT_EQ(arrays[1].values[1], std::ldexp(1.0, -133));
}

TEST(Arrays, BadSafetensorsFilesAreRefusedWithOneLine) {
  EXPECT_EQ(arrays_error("truncated.safetensors"),
            "truncated .safetensors file (tensor 'a' claims bytes 0 to 48 of the 40 data bytes present)");
  EXPECT_EQ(arrays_error("bad_json.safetensors").rfind("malformed .safetensors header: ", 0), 0u);
  EXPECT_EQ(arrays_error("wrong_size.safetensors"),
            "tensor 'a' of shape 3x3 and dtype F64 does not fill its 48 bytes exactly");
  EXPECT_EQ(arrays_error("unknown_dtype.safetensors"), "malformed .safetensors header: tensor 'a' has an unknown dtype 'C64'");
  EXPECT_THROW(io::parse_safetensors(std::string("\x10\0\0\0\0\0\0\0", 8) + std::string(4, '{')), io::file_error);
  // Deep nesting is refused before nlohmann-json sees it.
  const std::string deep = std::string(20, '[') + std::string(20, ']');
  std::string bytes(8, '\0');
  bytes[0] = static_cast<char>(deep.size());
  try {
    io::parse_safetensors(bytes + deep);
    FAIL() << "no error";
  } catch (const io::file_error& e) {
    EXPECT_EQ(std::string(e.what()), "malformed .safetensors header: nested more than 8 levels deep");
  }
}

TEST(Files, FormatByExtension) {
  EXPECT_EQ(io::format_of("a/b.NPY"), io::Format::npy);
  EXPECT_EQ(io::format_of("x.csv"), io::Format::csv);
  EXPECT_EQ(io::format_of("x.txt"), io::Format::csv);
  EXPECT_EQ(io::format_of("x.mtx"), io::Format::mtx);
  EXPECT_EQ(io::format_of("x.NPZ"), io::Format::npz);
  EXPECT_EQ(io::format_of("model.safetensors"), io::Format::safetensors);
  EXPECT_THROW(io::format_of("x.mat"), io::file_error);
  EXPECT_THROW(io::format_of("dir.npy/x"), io::file_error);
}

TEST(Files, MissingFileAndDirectory) {
  EXPECT_EQ(error_of("no_such_file.npy"), "cannot open: No such file or directory");
  EXPECT_EQ(error_of("a_directory.npy"), "is a directory, not a matrix file");
}

TEST(Files, ReadVectorAcceptsOneRowOrOneColumnOnly) {
  EXPECT_EQ(io::read_vector(fixture("y3.csv")).size(), 3);
  EXPECT_THROW(io::read_vector(fixture("a_f8.npy")), io::file_error);
}

/// Values whose round trip is delicate: signed zeros, subnormals, the extremes, 0.1.
Eigen::MatrixXd delicate() {
  Eigen::MatrixXd M(3, 4);
  M << -0.0, 0.0, std::numeric_limits<double>::denorm_min(), -DBL_MIN / 3, DBL_MAX, -DBL_MAX, DBL_MIN, 0.1,
      1.0 / 3, -2.5e-300, 1e300, std::nextafter(1.0, 2.0);
  return M;
}

TEST(RoundTrip, NpyGivesIdenticalBits) {
  const Eigen::MatrixXd M = delicate();
  EXPECT_TRUE(same_bits(io::parse_npy(io::format_npy(M)), M));
  const Eigen::MatrixXd E(0, 4);
  EXPECT_TRUE(same_bits(io::parse_npy(io::format_npy(E)), E));
}

TEST(RoundTrip, CsvGivesIdenticalBits) {
  const Eigen::MatrixXd M = delicate();
  EXPECT_TRUE(same_bits(io::parse_csv(io::format_csv(M)), M));
}

TEST(RoundTrip, NpyHeaderIsAlignedAsNumpyWritesIt) {
  const std::string b = io::format_npy(delicate());
  const std::size_t header_end = 10 + static_cast<unsigned char>(b[8]) + 256u * static_cast<unsigned char>(b[9]);
  EXPECT_EQ(header_end % 64, 0u);
  EXPECT_EQ(b[header_end - 1], '\n');
  EXPECT_EQ(b.size(), header_end + 12 * 8);
}

TEST(WriteMatrix, WritesAtomicallyAndLeavesNoTemporary) {
  char dir_template[] = "/tmp/nullity_io_test_XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const Eigen::MatrixXd M = delicate();
  io::write_matrix(dir + "/m.npy", M);
  io::write_matrix(dir + "/m.csv", M);
  EXPECT_TRUE(same_bits(io::read_matrix(dir + "/m.npy"), M));
  EXPECT_TRUE(same_bits(io::read_matrix(dir + "/m.csv"), M));
  EXPECT_THROW(io::write_matrix(dir + "/m.mtx", M), io::file_error);
  EXPECT_THROW(io::write_matrix(dir + "/no_such_dir/m.npy", M), io::file_error);
  const std::string listing = dir + "/listing";
  ASSERT_EQ(std::system(("ls -A " + dir + " > " + listing).c_str()), 0);
  std::ifstream in(listing);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_EQ(s.str(), "listing\nm.csv\nm.npy\n");
  (void)std::system(("rm -rf " + dir).c_str());
}

}  // namespace
