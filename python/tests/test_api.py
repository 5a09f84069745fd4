"""The package's API on the seed cases (Day 33, Example 55), its errors, and round trips with the
C++ library: the `nullity` command (same library, same input file) must print the same numbers
bit for bit. Tolerances elsewhere are the kit's bounds (properties.hpp), cited where used:
THRESH = 30 times a backward-error or perturbation bound in ε, the dimensions and the oracle's σ."""

import json
import os
import subprocess
from fractions import Fraction

import numpy as np
import pytest

import nullity

SOURCE = os.environ.get("NULLITY_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SEEDS = os.path.join(SOURCE, "data", "seeds")
CLI = os.environ.get("NULLITY_CLI")
EPS = np.finfo(np.float64).eps
THRESH = nullity.conformance.THRESH  # the suite's one threshold, 30 (LAPACK's convention)


def seed(name):
    return os.path.join(SEEDS, name + ".npy")


@pytest.fixture(scope="module")
def day33():
    return np.load(seed("day33_A"))


@pytest.fixture(scope="module")
def ex55():
    return np.load(seed("example55_X")), np.load(seed("example55_y")), np.load(seed("example55_w_true"))


def cli(*args):
    if not CLI:
        pytest.skip("NULLITY_CLI is not set (ctest sets it to the built command)")
    out = subprocess.run([CLI, *args, "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


# ------------------------------------------------------------------------------- Day 33 ----

def test_day33_rank_null_space_and_certificate(day33):
    f = nullity.factorize(day33)
    assert (f.rank, f.nullity, f.shape) == (2, 1, (3, 3))  # row 2 = 2·row 1: exact rank 2
    c = f.certificate
    assert c.well_determined and c.plausible_ranks == [2] and c.rank_lo == c.rank_hi == 2
    assert c.rtol == 3 * EPS  # NumPy's max(n, d)·ε, exactly
    assert c.tau == f.tolerance and c.s_r1 < c.tau < c.s_r and c.gap == c.s_r / c.s_r1
    Z, Q = f.null_space(), f.row_space()
    assert Z.shape == (3, 1) and Q.shape == (3, 2)
    # The exact kernel is (1, -2, 1)/√6; Wedin: sin∠ ≤ N·u·σ_1 / (σ_2 − N·u·σ_1), times THRESH (P07).
    s = nullity.oracle.singular_values(day33)
    z = np.array([1.0, -2.0, 1.0]) / np.sqrt(6.0)
    sin = np.linalg.norm(Z[:, 0] - z * (z @ Z[:, 0]))
    Nu = 3 * EPS / 2
    assert sin <= THRESH * Nu * s[0] / (s[1] - Nu * s[0])
    # [Q Z] is orthogonal to within THRESH·d·ε (LAPACK's DORT01 ratio, P05).
    V = np.hstack([Q, Z])
    assert np.abs(V.T @ V - np.eye(3)).sum(axis=0).max() <= THRESH * 3 * EPS


def test_day33_round_trip_with_the_command(day33):
    for method in ("svd", "qr"):
        f = nullity.factorize(day33, method=method)
        r = cli("rank", seed("day33_A"), "--method", method)
        assert (f.rank, f.nullity, f.tolerance) == (r["rank"], r["nullity"], r["tolerance"])
        assert f.spectrum().tolist() == r["values"]  # %.17g reads back to the same double
        c, rc = f.certificate, r["certificate"]
        assert (c.tau, c.s_r, c.s_r1, c.gap, c.rank_lo, c.rank_hi, c.rule_text) == (
            rc["tolerance"], rc["s_r"], rc["s_r1"], rc["gap"], rc["rank_lo"], rc["rank_hi"], rc["rule_text"])
        z = cli("null", seed("day33_A"), "--method", method)
        assert f.null_space().tolist() == z["null_space"]


def test_day33_oracles(day33):
    assert nullity.oracle.exact_rank(day33) == 2
    # RREF [[1,0,-1],[0,1,2],[0,0,0]]: the free column 2 gives e_2 + e_0 − 2·e_1.
    assert nullity.oracle.exact_null_space(day33, exact=True).tolist() == [[Fraction(1)], [Fraction(-2)], [Fraction(1)]]
    assert nullity.oracle.exact_null_space(day33).tolist() == [[1.0], [-2.0], [1.0]]
    s = nullity.oracle.singular_values(day33, bits=300)
    assert s[2] <= 1e-60 * s[0]  # exact rank 2: σ_3 = 0 to the oracle's precision (2^-300)
    # Weyl: the library's σ̂ is within its backward error N·u·σ_1 of σ, times THRESH (P02).
    assert np.abs(nullity.factorize(day33).spectrum()[:2] - s[:2]).max() <= THRESH * 3 * EPS / 2 * s[0]


def test_float32_is_computed_in_float32(day33):
    f = nullity.factorize(day33.astype(np.float32))
    assert f.rank == 2
    assert f.certificate.rtol == pytest.approx(3 * np.finfo(np.float32).eps, rel=0)  # float32's ε, not float64's
    assert f.null_space().dtype == np.float32 and f.spectrum().dtype == np.float32
    assert f.solve(np.ones(3)).dtype == np.float32
    assert nullity.min_norm_solve(day33.astype(np.float32), np.ones(3)).dtype == np.float32
    assert nullity.factorize(day33.astype(int)).null_space().dtype == np.float64  # integers: float64


# ---------------------------------------------------------------------------- Example 55 ----

def test_example55_solution_and_split(ex55):
    X, y, w_true = ex55
    f = nullity.factorize(X)
    # The solve first, as the command asks it: a factorization computes what its first question
    # needs (the SVD path's xGELSD strategy for a solve), so equal bits need equal question order.
    w = f.solve(y)
    assert (f.rank, f.nullity) == (6, 6)  # 6 × 12, full row rank
    assert w.shape == (12,)
    r = cli("solve", seed("example55_X"), seed("example55_y"))
    assert w.tolist() == r["solution"]  # the command's f.solve(y), bit for bit
    # The exact X⁺y: forward error ≤ N·u·κ·‖w*‖ for a backward-stable minimum-norm solve of a
    # full-row-rank consistent system (Higham, Accuracy and Stability §21.2), times THRESH.
    s = nullity.oracle.singular_values(X)
    w_star = nullity.oracle.min_norm_solution(X, y)
    bound = THRESH * 12 * EPS / 2 * (s[0] / s[-1]) * np.linalg.norm(w_star)
    assert np.linalg.norm(w - w_star) <= bound
    assert np.linalg.norm(nullity.min_norm_solve(X, y) - w_star) <= bound
    assert np.linalg.norm(nullity.min_norm_solve(X, y, method="qr") - w_star) <= bound
    # w_true = its row-space part + its null-space part; the split is exact up to the
    # orthogonality of [Q Z] (THRESH·d·ε, P05) and the products' rounding (d·ε each).
    row, null = f.split(w_true)
    assert np.linalg.norm(row + null - w_true) <= (THRESH + 2) * 12 * EPS * np.linalg.norm(w_true)
    # The row part of w_true is the minimum-norm solution of X·w = X·w_true: the predictor.
    assert np.linalg.norm(X @ null) <= THRESH * 12 * EPS / 2 * s[0] * np.linalg.norm(null)


def test_module_functions_match_the_factorization(ex55):
    X, y, _ = ex55
    f = nullity.factorize(X, method="qr", preset="matlab")
    assert nullity.rank(X, method="qr", preset="matlab") == f.rank
    assert np.array_equal(nullity.null_space(X, method="qr", preset="matlab"), f.null_space())
    assert np.array_equal(nullity.row_space(X, method="qr", preset="matlab"), f.row_space())
    assert np.array_equal(nullity.min_norm_solve(X, y, method="qr", preset="matlab"), f.solve(y))


def test_presets_and_tolerances(day33):
    assert nullity.factorize(day33, preset="scipy").certificate.rtol == EPS
    assert nullity.factorize(day33, rtol=0.5).rank == 1  # σ_2/σ_1 = 0.075 < 0.5
    assert nullity.factorize(day33, atol=1.0).rank == 1  # σ_2 = 0.64 ≤ 1
    assert nullity.rank(day33, atol=1e-30, rtol=0.0) == 3  # σ_3 ≈ 6e-16 in double > 1e-30
    a = nullity.factorize(day33).rank_across_rules()
    assert a["tolerance_robust"] and set(a["rules"].values()) == {2}


# -------------------------------------------------------------------------------- errors ----

@pytest.mark.parametrize("bad, text", [(np.nan, "NaN"), (np.inf, "+Inf"), (-np.inf, "-Inf")])
def test_non_finite_entries_are_refused_with_the_library_message(day33, bad, text):
    X = day33.copy()
    X[1, 2] = bad
    message = f"X has a non-finite entry {text} at row 1, column 2 (0-based)"
    for call in (lambda: nullity.factorize(X), lambda: nullity.rank(X, method="qr"),
                 lambda: nullity.min_norm_solve(X, np.ones(3))):
        with pytest.raises(ValueError) as e:
            call()
        assert str(e.value) == message
    y = np.ones(3)
    y[2] = bad
    with pytest.raises(ValueError, match=f"^y has a non-finite entry {text.replace('+', '[+]')} at index 2"):
        nullity.factorize(day33).solve(y)


def test_the_command_prints_the_same_message(tmp_path, day33):
    if not CLI:
        pytest.skip("NULLITY_CLI is not set")
    X = day33.copy()
    X[1, 2] = np.nan
    np.save(tmp_path / "nan.npy", X)
    p = subprocess.run([CLI, "rank", str(tmp_path / "nan.npy")], capture_output=True, text=True)
    assert p.returncode != 0
    with pytest.raises(ValueError) as e:
        nullity.rank(X)
    assert str(e.value) in p.stderr


def test_shapes_lengths_and_options_are_refused(day33):
    cases = [
        (lambda: nullity.factorize(np.ones(3)), "X must be a 2-D array, got 1-D with shape (3,)"),
        (lambda: nullity.factorize(np.ones((2, 2, 2))), "X must be a 2-D array, got 3-D with shape (2, 2, 2)"),
        (lambda: nullity.factorize(day33).solve(np.ones(2)), "y has length 2 but the number of rows of X is 3"),
        (lambda: nullity.factorize(day33).split(np.ones(4)), "w has length 4 but the number of columns of X is 3"),
        (lambda: nullity.min_norm_solve(day33, np.ones(4)), "y has length 4 but the number of rows of X is 3"),
        (lambda: nullity.factorize(day33).solve(np.ones((3, 1))), "y must be a 1-D array, got 2-D with shape (3, 1)"),
        (lambda: nullity.factorize(day33 * 1j), "X is complex (complex128); nullity works over the reals"),
        (lambda: nullity.factorize(day33, method="lu"), "method must be 'svd' or 'qr', got 'lu'"),
        (lambda: nullity.factorize(day33, preset="octave"), "preset must be one of"),
        (lambda: nullity.factorize(day33, atol=-1.0), "atol must be finite and non-negative"),
        (lambda: nullity.factorize(day33, rtol=-1.0), "rtol must be a non-negative number or None"),
        (lambda: nullity.oracle.singular_values(day33, bits=64), "nullity oracle: mpfr_svd needs bits >= 200, got 64"),
        (lambda: nullity.oracle.min_norm_solution(day33, np.ones(2)), "nullity oracle:"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError) as e:
            call()
        assert str(e.value).startswith(message), str(e.value)
        assert "\n" not in str(e.value)


def test_empty_matrices(day33):
    f = nullity.factorize(np.zeros((0, 4)))
    assert (f.rank, f.nullity) == (0, 4)
    assert np.array_equal(f.null_space(), np.eye(4))
    assert np.array_equal(f.solve(np.zeros(0)), np.zeros(4))
    assert nullity.oracle.exact_rank(np.zeros((3, 0))) == 0
