"""Other libraries' routines as solvers under test, each used as documented and declared with
the rank rule its documentation states (cited beside it; the versions are Debian 12's: NumPy
1.24, SciPy 1.10, PyTorch 1.13). Nothing here corrects a routine: a failure of the kit is the
routine's own answer.

    for a in nullity.adapters.available():
        print(a.library, a.routine, nullity.conformance.check(**a.kit()).passed)
"""

import importlib
from dataclasses import dataclass, field

import numpy as np

from .conformance import pivoted_qr_rule, singular_values_rule


@dataclass
class Adapter:
    library: str
    routine: str
    rank: object = None
    null_space: object = None
    solve: object = None
    rule: object = field(default_factory=singular_values_rule)
    documented: str = ""  # where the rank rule is documented

    @property
    def name(self):
        return f"{self.library}.{self.routine}"

    def kit(self):
        """The keyword arguments of nullity.conformance.check for this routine."""
        return dict(name=self.name, rank=self.rank, null_space=self.null_space, solve=self.solve, rule=self.rule)


# ------------------------------------------------------------------------------------ NumPy ----

def numpy_adapters():
    la = np.linalg
    return [
        # numpy.linalg.matrix_rank docstring: "S.max() * max(M, N) * eps" is the default tol.
        Adapter("numpy", "matrix_rank", rank=lambda X: la.matrix_rank(X),
                documented="numpy.linalg.matrix_rank, parameter tol: S.max() * max(M, N) * eps"),
        # numpy.linalg.lstsq docstring, rcond: singular values smaller than rcond * largest are
        # zero; rcond=None is "machine precision times max(M, N)" (since 1.14). xGELSD underneath.
        Adapter("numpy", "lstsq", rank=lambda X: la.lstsq(X, np.zeros(X.shape[0]), rcond=None)[2],
                solve=lambda X, y: la.lstsq(X, y, rcond=None)[0],
                documented="numpy.linalg.lstsq, parameter rcond: eps * max(M, N)"),
        # numpy.linalg.pinv docstring, rcond=1e-15: "Singular values less than or equal to
        # rcond * largest_singular_value are set to zero" (no size factor).
        Adapter("numpy", "pinv", solve=lambda X, y: la.pinv(X) @ y, rule=singular_values_rule(rtol=1e-15),
                documented="numpy.linalg.pinv, parameter rcond: 1e-15"),
    ]


# ------------------------------------------------------------------------------------ SciPy ----

def scipy_adapters():
    sl = importlib.import_module("scipy.linalg")
    eps = np.finfo(np.float64).eps
    out = []
    for driver in ("gelsd", "gelsy", "gelss"):
        # scipy.linalg.lstsq docstring, cond: "Singular values smaller than cond * largest_singular_value
        # are considered zero"; cond=None is eps (scipy/linalg/_basic.py: `cond = np.finfo(...).eps`),
        # no size factor. gelsy decides rank by xGEQP3 + incremental condition estimation (LAPACK
        # dgelsy: RCOND), a pivoted-QR rule.
        rule = pivoted_qr_rule(rtol=eps) if driver == "gelsy" else singular_values_rule(rtol=eps)
        out.append(Adapter("scipy", f"lstsq[{driver}]",
                           rank=lambda X, d=driver: sl.lstsq(X, np.zeros(X.shape[0]), lapack_driver=d)[2],
                           solve=lambda X, y, d=driver: sl.lstsq(X, y, lapack_driver=d)[0], rule=rule,
                           documented="scipy.linalg.lstsq, parameter cond: eps (gelsy: RCOND of xGELSY)"))
    # scipy.linalg.null_space and orth docstrings, rcond: "Singular values s smaller than
    # rcond * max(s) are considered zero. Default: floating point eps * max(M,N)."
    out.append(Adapter("scipy", "null_space/orth", rank=lambda X: sl.orth(X).shape[1],
                       null_space=lambda X: sl.null_space(X),
                       documented="scipy.linalg.null_space, orth, parameter rcond: eps * max(M, N)"))
    return out


# ---------------------------------------------------------------------------------- PyTorch ----

def torch_adapters():
    torch = importlib.import_module("torch")
    t = torch.from_numpy
    out = []
    for driver in ("gelsy", "gelsd", "gelss", "gels"):
        # torch.linalg.lstsq documentation: for gelsy, gelsd, gelss "σ_i will be rounded down to
        # zero if σ_i ≤ rcond·σ_1"; rcond=None is "the machine precision of the dtype of A times
        # max(m, n)"; rank is returned for those three drivers. gels "assumes A is full-rank" and
        # returns no rank. gelsy is xGELSY (pivoted QR).
        rule = pivoted_qr_rule() if driver == "gelsy" else singular_values_rule()

        def solve(X, y, d=driver):
            return torch.linalg.lstsq(t(X), t(y).unsqueeze(1), driver=d).solution.squeeze(1).numpy()

        def rank(X, d=driver):
            return int(torch.linalg.lstsq(t(X), t(np.zeros((X.shape[0], 1))), driver=d).rank)

        out.append(Adapter("torch", f"linalg.lstsq[{driver}]", rank=None if driver == "gels" else rank, solve=solve,
                           rule=rule, documented="torch.linalg.lstsq, parameter rcond: eps * max(m, n)"))
    # torch.linalg.matrix_rank documentation: the number of singular values > max(atol, rtol·σ_1),
    # rtol default eps·max(m, n) when atol and rtol are None.
    out.append(Adapter("torch", "linalg.matrix_rank", rank=lambda X: int(torch.linalg.matrix_rank(t(X))),
                       documented="torch.linalg.matrix_rank, parameters atol/rtol: rtol = eps * max(m, n)"))
    # torch.linalg.pinv documentation: singular values ≤ max(atol, rtol·σ_1) are zero, rtol default
    # eps·max(m, n) when atol and rtol are None.
    out.append(Adapter("torch", "linalg.pinv", solve=lambda X, y: (torch.linalg.pinv(t(X)) @ t(y)).numpy(),
                       documented="torch.linalg.pinv, parameters atol/rtol: rtol = eps * max(m, n)"))
    return out


def available():
    """Every adapter whose library imports here, NumPy's first."""
    out = numpy_adapters()
    for make in (scipy_adapters, torch_adapters):
        try:
            out += make()
        except ImportError:
            pass
    return out


def empty_guarded(adapter):
    """The adapter with the mathematically defined answers on empty matrices (rank 0, null space
    I_d, solution 0) substituted before the routine is called: for a second verdict run that
    looks past a routine's failure on empty input, which otherwise stops every property at
    its first case."""
    def rank(X):
        return 0 if X.size == 0 else adapter.rank(X)

    def null_space(X):
        return np.eye(X.shape[1]) if X.size == 0 else adapter.null_space(X)

    def solve(X, y):
        return np.zeros(X.shape[1]) if X.size == 0 else adapter.solve(X, y)

    return Adapter(adapter.library, adapter.routine + " (empty guarded)", adapter.rank and rank,
                   adapter.null_space and null_space, adapter.solve and solve, adapter.rule, adapter.documented)
