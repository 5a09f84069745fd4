#!/usr/bin/python3
"""Writes the seed corpora in corpus/<harness>/ (committed; rerun only to change them).

Each seed is a small valid input that reaches one feature of a reader or a factorization
path; libFuzzer mutates from there. .npy seeds come from NumPy itself, so they are the format
as NumPy writes it, not as nullity's writer does."""
import io
import pathlib
import struct

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent


def write(harness, name, data):
    d = HERE / "corpus" / harness
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def npy(array, version=None):
    buf = io.BytesIO()
    if version is None:
        np.save(buf, array)
    else:
        np.lib.format.write_array(buf, array, version=version)
    return buf.getvalue()


def npy_seeds():
    a = np.arange(6, dtype="<f8").reshape(2, 3) / 3
    write("fuzz_npy", "f8_c_2x3.npy", npy(a))
    write("fuzz_npy", "f8_fortran_3x2.npy", npy(np.asfortranarray(a.T)))
    write("fuzz_npy", "f4_1d.npy", npy(np.array([1.5, -2, 0.1], dtype="<f4")))
    write("fuzz_npy", "f8_big_endian.npy", npy(a.astype(">f8")))
    write("fuzz_npy", "i4_big_endian.npy", npy(np.array([[1, -2], [3, 2**31 - 1]], dtype=">i4")))
    write("fuzz_npy", "i8_large.npy", npy(np.array([2**53 + 1, -(2**63)], dtype="<i8")))
    write("fuzz_npy", "empty_0x5.npy", npy(np.zeros((0, 5))))
    special = np.array([[0.0, -0.0, np.inf], [-np.inf, 5e-324, np.finfo(float).max]])
    raw = special.view(np.uint64).copy()
    raw[0, 0] = 0x7FF0000000000001  # a signalling NaN payload
    write("fuzz_npy", "special_values_v2.npy", npy(raw.view("<f8"), version=(2, 0)))
    write("fuzz_npy", "f8_1x1_v3.npy", npy(np.array([[np.pi]]), version=(3, 0)))
    write("fuzz_npy", "f4_stack_2x2x3.npy", npy(np.arange(12, dtype="<f4").reshape(2, 2, 3)))
    write("fuzz_npy", "f8_fortran_2x3x2.npy", npy(np.asfortranarray(np.arange(12.0).reshape(2, 3, 2))))


def csv_seeds():
    write("fuzz_csv", "comma.csv", "1,2,3\n4,5,6\n")
    write("fuzz_csv", "whitespace.txt", "# a comment\n 1.5\t-2e-3  7\n\n0.1 1e308 -0\n")
    write("fuzz_csv", "specials.csv", "nan,-inf,Infinity\n4.9406564584124654e-324,-0,1.7976931348623157e+308\n")
    write("fuzz_csv", "crlf_column.csv", "1\r\n2\r\n3 # trailing comment\r\n")
    write("fuzz_csv", "one.csv", "42")


def mtx_seeds():
    write("fuzz_mtx", "array_general.mtx",
          "%%MatrixMarket matrix array real general\n% column-major\n2 3\n1\n2\n3\n4\n5\n6\n")
    write("fuzz_mtx", "coordinate_general.mtx",
          "%%MatrixMarket matrix coordinate real general\n3 4 3\n1 1 1.5\n3 4 -2e-300\n2 2 nan\n")
    write("fuzz_mtx", "coordinate_symmetric.mtx",
          "%%MatrixMarket matrix coordinate integer symmetric\n3 3 3\n1 1 4\n2 1 -1\n3 2 9223372036854775807\n")
    write("fuzz_mtx", "array_skew.mtx",
          "%%MatrixMarket matrix array double skew-symmetric\n3 3\n1\n2\n3\n")
    write("fuzz_mtx", "array_symmetric_crlf.mtx",
          "%%MatrixMarket matrix array real symmetric\r\n2 2\r\n1\r\n-0\r\n3\r\n")
    write("fuzz_mtx", "coordinate_empty.mtx", "%%MatrixMarket matrix coordinate real general\n0 0 0\n")
    write("fuzz_mtx", "pattern_symmetric_upper.mtx",
          "%%MatrixMarket matrix coordinate pattern symmetric\n3 3 4\n1 1\n1 2\n2 1\n1 3\n")
    write("fuzz_mtx", "coordinate_skew_both_triangles.mtx",
          "%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 3\n1 2 1.5\n2 1 -1.5\n3 2 -2\n")


def npz(members, compressed):
    """A .npz as np.savez writes it, with a fixed timestamp so that the bytes do not change."""
    import zipfile
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, array in members:
            z.writestr(zipfile.ZipInfo(name + ".npy", date_time=(2026, 1, 1, 0, 0, 0)), npy(array),
                       compress_type=method)
    return buf.getvalue()


def npz_seeds():
    a = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]])
    write("fuzz_npz", "stored_2d_and_1d.npz", npz([("w", a), ("b", np.array([1.0, -2.0]))], False))
    write("fuzz_npz", "deflated_stack.npz", npz([("s", np.arange(12.0).reshape(2, 2, 3))], True))
    write("fuzz_npz", "deflated_f4_fortran.npz", npz([("f", np.asfortranarray(a.astype("<f4")))], True))


def safetensors(tensors, metadata=None):
    import json
    header, data = {}, b""
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


def safetensors_seeds():
    a = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]])
    write("fuzz_safetensors", "f64_f32_metadata.safetensors",
          safetensors([("a", "F64", (2, 3), a.tobytes()), ("b", "F32", (3, 2), a.T.astype("<f4").tobytes())],
                      {"format": "pt"}))
    half = np.array([[1.0, -0.0], [np.inf, 65504.0]], dtype="<f2")
    bf16 = (np.array([1.0, -0.5, 3.0, 1e-40], dtype="<f4").view("<u4") >> 16).astype("<u2")
    write("fuzz_safetensors", "f16_bf16.safetensors",
          safetensors([("h", "F16", (2, 2), half.tobytes()), ("g", "BF16", (2, 2), bf16.tobytes())]))
    write("fuzz_safetensors", "stack_and_skipped_i64.safetensors",
          safetensors([("s", "F32", (2, 1, 2), np.arange(4, dtype="<f4").tobytes()),
                       ("n", "I64", (), np.array(7, dtype="<i8").tobytes()), ("e", "F64", (0, 3), b"")]))


def problem(n, d, mode, rtol, atol, entries):
    return bytes([n, d, mode, rtol, atol]) + bytes(entries)


def factorize_seeds():
    # Table codes (problem.hpp): 2 = 1.0, 4 = 2.0, 6 = 0.5, 7 = 3.0, 12 = DBL_MIN, 14 = smallest
    # subnormal, 19 = DBL_MAX, 0x80 | s << 4 | (8 + k) = the left neighbour times scale s, k ulps.
    write("fuzz_factorize", "identity_3x3", problem(3, 3, 0, 0, 0, [2, 0, 0, 0, 2, 0, 0, 0, 2] + [2, 4, 7]))
    dup = [2, 7, 6, 0x88, 0x88, 0x88, 0x89, 0x87, 0x88]  # column 2 = column 1, column 3 one ulp off
    write("fuzz_factorize", "near_duplicate_columns_3x3", problem(3, 3, 0, 0, 0, dup + [2, 2, 2]))
    write("fuzz_factorize", "extremes_2x4", problem(2, 4, 0, 0, 0, [19, 12, 14, 19, 0x98, 0xa8, 2, 21] + [19, 14]))
    write("fuzz_factorize", "empty_0x3", problem(0, 3, 0, 0, 0, []))
    write("fuzz_factorize", "non_finite_2x2", problem(2, 2, 4, 0, 0, [2, 0x7c, 0x7e, 2, 2, 0x7f]))
    raw = struct.pack("<6d", 1.0, 1e-8, 1e-16, 2.0, 2e-8, 2e-16) + struct.pack("<2d", 1.0, -1.0)
    write("fuzz_factorize", "raw_rank1_2x3_matlab_rule", problem(2, 3, 1 | 2 | (2 << 3), 0, 0, []) + raw)
    write("fuzz_factorize", "given_tolerances_4x2", problem(4, 2, 5 << 3, 11, 10, [2, 4, 7, 6, 0x89, 0x8a, 0x87, 0x88]))
    write("fuzz_factorize", "tall_16x1", problem(16, 1, 0, 0, 0, list(range(1, 17))))


if __name__ == "__main__":
    npy_seeds()
    csv_seeds()
    mtx_seeds()
    npz_seeds()
    safetensors_seeds()
    factorize_seeds()
