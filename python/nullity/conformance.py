"""The conformance kit for solvers written in Python: the C++ kit's 19 properties (rank, null
space, minimum-norm least squares, exceptional inputs; docs/properties.md) against exact and
MPFR oracles, with rapidcheck drawing and shrinking the matrices.

    report = nullity.conformance.check(name="my_lstsq", rank=my_rank, solve=my_lstsq)
    report.passed, report.results, report.save_counterexamples("findings/")

A solver function takes ndarrays (X is n × d, y has length n, both of the kit's dtype) and
returns an int (rank), a d × (d − rank) ndarray (null_space) or a length-d ndarray (solve); it
must raise on a NaN or ±Inf entry. An exception it raises on finite input is a failure of the
property that called it, reported with the exception's text.
"""

import functools
import json
import math
import operator
import os
import re
import struct
import subprocess
import tempfile
from dataclasses import dataclass, field

import numpy as np

from . import _core  # noqa: E402

THRESH = _core.thresh  # every ratio must stay below it (LAPACK's convention; nullity_test/thresholds.hpp)
# The kit runs in this helper process (kit_server.cpp has the protocol): Debian's rapidcheck
# library cannot be linked into the extension module.
KIT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nullity_kit")
SOURCES = ("integer_product", "spectrum", "kahan", "lauchli", "hilbert", "vandermonde", "magic", "zero",
           "tiny_values", "dependent_columns")


@dataclass(frozen=True)
class Rule:
    """How the solver decides rank, so that the kit knows which ranks are acceptable
    (solver.hpp, RankRule). rtol None is NumPy's max(n, d)·ε of the kit's dtype; a number; or a
    callable rtol(n, d). atol: an absolute floor, τ = max(atol, rtol·σ_1)."""
    pivoted_qr: bool = False
    rtol: object = None
    atol: float = 0.0


def singular_values_rule(rtol=None, atol=0.0):
    """r = #{σ̂_i > max(atol, rtol·σ̂_1)}: a rank read off singular values."""
    return Rule(False, rtol, float(atol))


def pivoted_qr_rule(rtol=None, atol=0.0):
    """r = #{|R_kk| > rtol·|R_11|} of column-pivoted QR or an incremental condition estimate
    (LAPACK's xGELSY): the acceptable band widens by the Gu–Eisenstat factor √(1 + d²/4)."""
    return Rule(True, rtol, float(atol))


@dataclass(frozen=True)
class KnownDeviation:
    """A failure understood and documented: `property` does not draw from `source` for this
    solver, or with whole_property=True is skipped with the reason printed."""
    property: str
    source: str = ""
    reason: str = ""
    whole_property: bool = False


@dataclass
class Counterexample:
    """The shrunk failing case: X and y as drawn (y None when the property drew no single
    right-hand side), the ratio that broke (None for an exact check such as a rank), its name,
    the threshold, rapidcheck's text, and how to replay it."""
    X: np.ndarray
    y: object
    ratio: object
    what: str
    bound: float
    text: str
    reproduce: str
    python: str


@dataclass
class PropertyResult:
    id: str
    property: str
    passed: bool
    skipped: bool
    cases: int
    discarded: int
    worst_ratio: float
    worst_what: str
    note: str
    seed: int
    counterexample: object = None

    def line(self):
        head = f"{self.id} {self.property}: "
        if self.skipped:
            return head + self.note
        verdict = "passed" if self.passed else (self.note or "FAILED")
        return (head + f"{verdict}, {self.cases} cases, {self.discarded} discarded, worst passing ratio "
                f"{self.worst_ratio:.3g}" + (f" ({self.worst_what})" if self.worst_what else ""))


@dataclass
class Report:
    name: str
    results: list
    seed: int
    max_success: int
    size: tuple
    dtype: str
    failures: list = field(init=False)

    def __post_init__(self):
        self.failures = [r for r in self.results if not r.passed]

    @property
    def passed(self):
        return not self.failures

    @property
    def worst_ratio(self):
        return max((r.worst_ratio for r in self.results if not r.skipped), default=0.0)

    def __str__(self):
        lines = [f"[conformance] {self.name}: {'passed' if self.passed else 'FAILED'} "
                 f"(seed {self.seed}, {self.max_success} cases per property, size {self.size[0]}x{self.size[1]}, "
                 f"{self.dtype})"]
        lines += ["  " + r.line() for r in self.results]
        for r in self.failures:
            if r.counterexample is not None:
                lines += [f"--- {r.id} {r.property}", r.counterexample.text.rstrip(), r.counterexample.python]
        return "\n".join(lines)

    def save_counterexamples(self, folder):
        """Writes each failure as <solver>_<id>_X.npy, _y.npy (when there is a y) and .json
        (property, ratio, bound, reproduce strings, rapidcheck's text). Returns the JSON paths."""
        os.makedirs(folder, exist_ok=True)
        stem_name = re.sub(r"[^A-Za-z0-9_.-]", "_", self.name)
        written = []
        for r in self.failures:
            c = r.counterexample
            if c is None:
                continue
            stem = os.path.join(folder, f"{stem_name}_{r.id}")
            np.save(stem + "_X.npy", c.X)
            if c.y is not None:
                np.save(stem + "_y.npy", c.y)
            # JSON has no inf or NaN: such a ratio is written as the string "inf" or "nan".
            ratio = c.ratio if c.ratio is None or math.isfinite(c.ratio) else str(c.ratio)
            meta = {"solver": self.name, "id": r.id, "property": r.property, "ratio": ratio, "what": c.what,
                    "bound": c.bound, "cases": r.cases, "seed": r.seed, "dtype": self.dtype,
                    "X": os.path.basename(stem + "_X.npy"),
                    "y": os.path.basename(stem + "_y.npy") if c.y is not None else None,
                    "reproduce": c.reproduce, "python": c.python, "text": c.text}
            with open(stem + ".json", "w") as f:
                json.dump(meta, f, indent=1, allow_nan=False)
                f.write("\n")
            written.append(stem + ".json")
        return written


@functools.lru_cache(maxsize=None)
def _kit_facts():
    return json.loads(subprocess.run([KIT, "--properties"], check=True, capture_output=True, text=True).stdout)


def properties():
    """The kit's properties in catalogue order: (id, name, family)."""
    return [tuple(p) for p in _kit_facts()["properties"]]


def default_seed():
    """The seed used when none is given: the C++ kit's fixed default (under ctest and by hand)."""
    return _kit_facts()["default_seed"]


def _names(only):
    if only is None:
        return []
    by_id = {pid: name for pid, name, _ in properties()}
    names = {name for _, name, _ in properties()}
    out = []
    for p in [only] if isinstance(only, str) else only:
        if p not in names and p not in by_id:
            raise ValueError(f"unknown property '{p}' (the kit's are P01-P{len(properties()):02d} or their names)")
        out.append(by_id.get(p, p))
    return out


def _rank(f):
    def rank(X):
        r = f(X)
        try:
            return operator.index(r)
        except TypeError:
            raise TypeError(f"rank returned {type(r).__name__} {r!r}; expected an integer") from None
    return rank


def _real(a, what):
    a = np.asarray(a)
    if a.dtype.kind not in "biuf":
        raise TypeError(f"{what} returned an array of dtype {a.dtype}; expected real numbers")
    return a


def _null_space(f, dtype):
    def null_space(X):
        Z = _real(f(X), "null_space")
        if Z.ndim != 2:
            raise ValueError(f"null_space returned a {Z.ndim}-D array with shape {Z.shape}; expected d x (d - rank)")
        return Z.astype(dtype, copy=False)
    return null_space


def _solve(f, dtype):
    def solve(X, y):
        w = _real(f(X, y), "solve")
        if w.ndim != 1:
            raise ValueError(f"solve returned a {w.ndim}-D array with shape {w.shape}; expected shape (d,)")
        return w.astype(dtype, copy=False)
    return solve


_RATIO = re.compile(r"Expands to:\s*\n(.*) = (\S+) < (\S+)")


def _counterexample(r, python):
    m = _RATIO.search(r["text"])
    X = np.array(r["X"], dtype=np.float64).reshape(r["X_shape"])
    return Counterexample(X=X, y=np.array(r["y"]) if r["y"] else None, ratio=float(m.group(2)) if m else None,
                          what=m.group(1) if m else "", bound=THRESH, text=r["text"],
                          reproduce=f'RC_PARAMS="reproduce={r["reproduce"]}"' if r["reproduce"] else "",
                          python=python)


class _Kit:
    """The helper process and its requests: each is answered by calling the solver's function;
    a Python exception is sent back as text and fails the property that called it."""

    def __init__(self, config, functions, dtype):
        self.functions, self.dtype = functions, dtype
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([KIT, json.dumps(config)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.log, bufsize=0)

    def _read(self, n):
        data = bytearray()
        while len(data) < n:
            chunk = self.proc.stdout.read(n - len(data))
            if not chunk:
                self.proc.wait()
                self.log.seek(0)
                raise RuntimeError(f"the conformance kit's helper stopped (status {self.proc.returncode}): "
                                   + self.log.read().decode(errors="replace").strip()[-2000:])
            data += chunk
        return bytes(data)

    def _ints(self, k):
        return struct.unpack(f"={k}q", self._read(8 * k))

    def _doubles(self, k):
        return np.frombuffer(self._read(8 * k), dtype=np.float64)

    def _matrix(self):
        n, d = self._ints(2)
        return np.asfortranarray(self._doubles(n * d).reshape((n, d), order="F").astype(self.dtype))

    def _send(self, *parts):
        self.proc.stdin.write(b"".join(parts))

    def _answer(self, kind):
        if kind == b"T":
            n, d = self._ints(2)
            return struct.pack("=d", float(self.functions["rtol"](n, d)))
        X = self._matrix()
        if kind == b"R":
            return struct.pack("=q", self.functions["rank"](X))
        if kind == b"N":
            Z = np.asfortranarray(self.functions["null_space"](X), dtype=np.float64)
            return struct.pack("=2q", *Z.shape) + Z.tobytes(order="F")
        y = self._doubles(X.shape[0]).astype(self.dtype)
        w = np.ascontiguousarray(self.functions["solve"](X, y), dtype=np.float64)
        return struct.pack("=q", w.size) + w.tobytes()

    def run(self):
        try:
            while True:
                kind = self._read(1)
                if kind == b"D":
                    (n,) = self._ints(1)
                    results = json.loads(self._read(n))
                    self.proc.wait()
                    return results
                try:
                    payload = self._answer(kind)
                except Exception as e:  # the solver's failure, reported by the property
                    text = f"{type(e).__name__}: {e}".encode()
                    self._send(b"E", struct.pack("=q", len(text)), text)
                else:
                    self._send(b"O", payload)
        finally:
            if self.proc.poll() is None:  # interrupted (KeyboardInterrupt) or a protocol error
                self.proc.kill()
                self.proc.wait()
            self.log.close()


def check(name="solver", rank=None, null_space=None, solve=None, rule=None, seed=None, max_success=100,
          size=(16, 32), dtype=np.float64, shrink=True, only=None, known_deviations=(), smallest_scale=0.0,
          largest_scale=math.inf):
    """Runs every property (or `only`: names or ids) against the solver's functions; returns a
    Report. A function left None skips the properties that need it, with a note. seed None is the
    kit's fixed default (the one the C++ kit uses by hand and under ctest); size (rows, columns)
    bounds the matrices drawn; dtype float64 or float32 (the solver then gets float32 arrays and
    the tolerances use float32's ε); smallest_scale/largest_scale: a documented range limit on
    the largest entry (matrices outside it count as discarded)."""
    dtype = np.dtype(dtype)
    if dtype not in (np.float64, np.float32):
        raise ValueError(f"dtype must be float64 or float32, got {dtype}")
    rule = rule or singular_values_rule()
    if not isinstance(rule, Rule):
        raise TypeError("rule must come from singular_values_rule(...) or pivoted_qr_rule(...)")
    if not rule.atol >= 0:
        raise ValueError("atol must be finite and non-negative")
    if int(max_success) < 1:
        raise ValueError("max_success must be at least 1")
    rows, cols = (int(k) for k in size)
    if rows < 1 or cols < 1:
        raise ValueError("size must be two positive integers (rows, columns)")
    seed = default_seed() if seed is None else int(seed)
    deviations = []
    for k in known_deviations:
        if not k.whole_property and k.source not in SOURCES:
            raise ValueError(f"unknown matrix source '{k.source}' (one of {', '.join(SOURCES)})")
        name = "*" if k.property == "*" else _names([k.property])[0]  # an id (P01) or a name
        deviations.append([name, k.source, k.reason, bool(k.whole_property)])
    functions = {"rank": None if rank is None else _rank(rank),
                 "null_space": None if null_space is None else _null_space(null_space, dtype),
                 "solve": None if solve is None else _solve(solve, dtype)}
    rtol = rule.rtol
    if callable(rtol):
        functions["rtol"] = rtol
    elif rtol is not None and not float(rtol) >= 0:
        raise ValueError("rtol must be a non-negative number, a callable or None")
    config = {"name": str(name), "rank": rank is not None, "null_space": null_space is not None,
              "solve": solve is not None, "dtype": dtype.name, "pivoted_qr": rule.pivoted_qr,
              "rtol": "callable" if callable(rtol) else (None if rtol is None else float(rtol)),
              "atol": float(rule.atol), "seed": seed, "max_success": int(max_success), "max_rows": rows,
              "max_cols": cols, "shrink": bool(shrink), "only": _names(only), "deviations": deviations,
              "smallest_scale": float(smallest_scale),
              "largest_scale": None if math.isinf(largest_scale) else float(largest_scale)}
    out = []
    for r in _Kit(config, functions, dtype).run():
        python = (f"nullity.conformance.check(name={name!r}, ..., seed={seed}, max_success={int(max_success)}, "
                  f"size=({rows}, {cols}), only=[{r['id']!r}])")
        failed = not r["passed"] and r["text"]
        out.append(PropertyResult(r["id"], r["property"], r["passed"], r["skipped"], r["cases"], r["discarded"],
                                  r["worst_ratio"], r["worst_what"], r["note"], r["seed"],
                                  _counterexample(r, python) if failed else None))
    return Report(str(name), out, seed, int(max_success), (rows, cols), dtype.name)


def assert_conforms(*args, **kwargs):
    """check(...), raising AssertionError with every failure's shrunk counterexample (for pytest).
    Returns the report when every property passes."""
    report = check(*args, **kwargs)
    if not report.passed:
        raise AssertionError(str(report))
    return report
