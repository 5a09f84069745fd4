"""The kit through Python: a correct NumPy solver passes every property; known-bad ones (a
solution with a null-space component, a rank one short, a solver that raises or returns the
wrong shape) fail with a shrunk counterexample that can be saved and replayed; omitted
functions skip their properties."""

import json
import threading

import numpy as np
import pytest

import nullity
from nullity import conformance as nc

CASES = 40  # per property for the bad solvers: each is caught within a few cases


def _finite(*arrays):
    for a in arrays:
        if not np.all(np.isfinite(a)):
            raise ValueError("non-finite entry")


def _svd(X):
    """A full SVD of 2^-e·X with max|x| in [1/2, 1): subnormal singular values would not be
    representable (docs/conformance.md, "What a first run looks like")."""
    _finite(X)
    e = int(np.frexp(np.abs(X).max())[1]) if X.size and np.abs(X).max() > 0 else 0
    U, s, Vt = np.linalg.svd(np.ldexp(X, -e), full_matrices=True)
    r = int(np.sum(s > max(X.shape) * np.finfo(X.dtype).eps * s[0])) if s.size else 0
    return U, s, Vt.T, r, e


def good_rank(X):
    return _svd(X)[3]


def good_null_space(X):
    _, _, V, r, _ = _svd(X)
    return V[:, r:]


def good_solve(X, y):
    _finite(y)
    U, s, V, r, e = _svd(X)
    # y scaled like X: a subnormal y would lose its digits in U^T y. X⁺y = 2^(f-e)·(2^-e X)⁺(2^-f y).
    f = int(np.frexp(np.abs(y).max())[1]) if y.size and np.abs(y).max() > 0 else 0
    with np.errstate(over="ignore"):  # a solution beyond the largest double: the kit discards the case
        return np.ldexp(V[:, :r] @ ((U[:, :r].T @ np.ldexp(y, -f)) / s[:r]), f - e)


def test_a_correct_numpy_solver_passes_every_property():
    report = nc.check(name="numpy_scaled_svd", rank=good_rank, null_space=good_null_space, solve=good_solve,
                      max_success=100)
    assert report.passed, str(report)
    assert [r.id for r in report.results] == [f"P{k:02d}" for k in range(1, 20)]
    assert all(not r.skipped and r.cases == 100 for r in report.results)
    assert 0 < report.worst_ratio < nc.THRESH


def test_a_solution_with_a_null_space_component_is_caught(tmp_path):
    def solve(X, y):
        w = np.linalg.lstsq(X, y, rcond=None)[0]
        Z = good_null_space(X)
        return w + Z[:, 0] if Z.shape[1] else w

    report = nc.check(name="lstsq_plus_null", solve=solve, only=["SolutionLiesInTheRowSpace"], max_success=CASES)
    assert not report.passed
    (r,) = report.results
    c = r.counterexample
    assert c.ratio is not None and c.ratio >= nc.THRESH and "|N*' w|_2" in c.what
    assert "Falsifiable" in c.text and c.reproduce.startswith('RC_PARAMS="reproduce=')
    # The shrunk case is smallest: a rank-deficient X, whose solution is visibly off the row space.
    assert c.X.shape[1] > nullity.oracle.exact_rank(c.X)
    paths = report.save_counterexamples(tmp_path)
    meta = json.loads(open(paths[0]).read())
    assert meta["property"] == "SolutionLiesInTheRowSpace" and meta["ratio"] == c.ratio and meta["bound"] == 30
    X, y = np.load(tmp_path / meta["X"]), np.load(tmp_path / meta["y"])
    assert np.array_equal(X, c.X) and np.array_equal(y, c.y)
    # Replayed from the files: the saved solution has a component in the exact kernel.
    K = nullity.oracle.exact_null_space(X)
    assert np.linalg.norm(K.T @ solve(X, y)) > 0.1


def test_a_rank_one_short_is_caught_and_assert_conforms_raises():
    def rank(X):
        r = good_rank(X)
        return max(r - 1, 0) if r == min(X.shape) else r  # the loop stops one short of p

    with pytest.raises(AssertionError) as e:
        nc.assert_conforms(name="off_by_one", rank=rank, only=["P01"], max_success=CASES)
    assert "P01 RankEqualsTheExactRank: FAILED" in str(e.value) and "Falsifiable" in str(e.value)
    report = nc.check(name="off_by_one", rank=rank, only=["P01"], max_success=CASES)
    X = report.results[0].counterexample.X
    assert rank(X) != nullity.oracle.exact_rank(X)


def test_an_exception_or_a_wrong_shape_is_a_failure_not_a_crash():
    def raising(X, y):
        if X.shape[1] > 1:
            raise ZeroDivisionError("my solver gave up")
        return good_solve(X, y)

    r = nc.check(name="raising", solve=raising, only=["P13"], max_success=CASES).results[0]
    assert not r.passed and "ZeroDivisionError: my solver gave up" in r.counterexample.text
    assert r.counterexample.X.shape[1] == 2  # shrunk to the smallest raising shape

    r = nc.check(name="column", solve=lambda X, y: good_solve(X, y)[:, None], only=["P08"], max_success=CASES).results[0]
    assert not r.passed and "solve returned a 2-D array" in r.counterexample.text

    r = nc.check(name="float_rank", rank=lambda X: 1.0, only=["P02"], max_success=CASES).results[0]
    assert not r.passed and "expected an integer" in r.counterexample.text


def test_omitted_functions_skip_their_properties_with_a_note():
    report = nc.check(name="rank_only", rank=good_rank, only=["P01", "P04", "P05", "P13"], max_success=5)
    notes = {r.id: (r.skipped, r.note) for r in report.results}
    assert notes["P01"] == (False, "")
    for pid, missing in (("P04", "null_space"), ("P05", "null_space"), ("P13", "solve")):
        assert notes[pid] == (True, f"skipped: the solver does not provide {missing}")
    assert report.passed


def test_float32_solvers_get_float32_arrays_and_float32_bounds():
    seen = set()

    def rank(X):
        seen.add(X.dtype)
        return good_rank(X)

    report = nc.check(name="f32", rank=rank, only=["P01", "P02"], max_success=CASES, dtype=np.float32)
    assert seen == {np.dtype(np.float32)} and report.passed, str(report)


def test_the_same_seed_draws_the_same_cases_and_threads_take_turns():
    drawn = [[], []]

    def recorder(k):
        def rank(X):
            drawn[k].append(X.copy())
            return good_rank(X)
        return rank

    threads = [threading.Thread(target=nc.check, kwargs=dict(name=f"t{k}", rank=recorder(k), only=["P02"],
                                                             max_success=10, seed=7)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(drawn[0]) == len(drawn[1]) == 10
    assert all(np.array_equal(a, b) for a, b in zip(*drawn))


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="unknown property 'P99'"):
        nc.check(rank=good_rank, only=["P99"])
    with pytest.raises(ValueError, match="dtype must be float64 or float32"):
        nc.check(rank=good_rank, dtype=np.int32)
    with pytest.raises(ValueError, match="unknown matrix source 'kahn'"):
        nc.check(rank=good_rank, known_deviations=[nc.KnownDeviation("P01", "kahn", "typo")])
    with pytest.raises(ValueError, match="unknown property 'RankLiesInTheAmbiguityBnd'"):
        nc.check(rank=good_rank, known_deviations=[nc.KnownDeviation("RankLiesInTheAmbiguityBnd", "kahan", "typo")])
    with pytest.raises(ValueError, match="max_success must be at least 1"):
        nc.check(rank=good_rank, max_success=0)


def test_nullity_itself_through_the_python_kit_passes():
    # The C++ kit passes nullity's SVD path (properties/reference_properties.cpp); through the
    # helper process and these Python calls the answers, and so the verdict, must be the same.
    report = nc.check(name="nullity_svd_double", rank=nullity.rank, null_space=nullity.null_space,
                      solve=nullity.min_norm_solve, max_success=CASES)
    assert report.passed, str(report)
