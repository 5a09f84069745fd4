"""The oracles, on the STORED matrix (every double is a rational m·2^e): exact rank, kernel and
minimum-norm solution in rational arithmetic (GMP), and singular values by one-sided Jacobi in
MPFR. Independent of the library under test. float32 input is converted to float64 exactly.
Their cost grows fast with the size (docs/oracle.md): meant for matrices up to a few dozen."""

from fractions import Fraction

import numpy as np

from . import _core
from ._arrays import as_matrix, as_vector


def _float64(X):
    return as_matrix(X).astype(np.float64, copy=False)


def _fractions(rows):
    return np.array([[Fraction(q) for q in row] for row in rows], dtype=object).reshape(len(rows), -1)


def exact_rank(X):
    """The exact rank of the stored matrix (fraction-free Gauss–Jordan on integers)."""
    return _core.exact_rank(_float64(X))


def exact_null_space(X, exact=False):
    """An exact basis of ker X, d × (d − r), from the reduced row echelon form (not orthonormal:
    column j is e_f − Σ RREF(i, f)·e_pivot_i for the free column f). Correctly rounded to
    float64, or with exact=True an object array of fractions.Fraction."""
    X = _float64(X)
    rounded, rows = _core.exact_null_space(X)
    return _fractions(rows).reshape(X.shape[1], -1) if exact else rounded


def min_norm_solution(X, y, exact=False):
    """X⁺y exactly (rounded to float64, or Fractions with exact=True): the minimum-norm
    least-squares solution of the stored problem, without any tolerance."""
    rounded, rows = _core.min_norm_solution(_float64(X), as_vector(y, "y"))
    return _fractions(rows).ravel() if exact else rounded


def singular_values(X, bits=None):
    """The min(n, d) singular values at `bits` ≥ 200 bits (default: the oracle's precision
    everywhere in nullity, 256), MPFR, Hestenes–Jacobi after a pivoted QR, correctly rounded to
    float64, non-increasing."""
    return _core.singular_values(_float64(X), _core.oracle_bits if bits is None else int(bits))
