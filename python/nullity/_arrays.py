"""Array-likes to the 2-D / 1-D float64 or float32 ndarrays the C++ core takes, with one-line
ValueErrors for what it cannot see (dimensions, dtypes); entries and lengths it checks itself."""

import numpy as np

from . import _core


def _real_array(a, name):
    a = np.asarray(a)
    if a.dtype.kind == "c":
        raise ValueError(f"{name} is complex ({a.dtype}); nullity works over the reals")
    if a.dtype.kind not in "biuf":
        raise ValueError(f"{name} has dtype {a.dtype}; expected real numbers")
    return a


def as_matrix(X, name="X"):
    """X as a 2-D ndarray: float32 stays float32 (computed in float32), every other real dtype
    becomes float64 (integers beyond 2^53 and long doubles are rounded)."""
    X = _real_array(X, name)
    if X.ndim != 2:
        raise ValueError(f"{name} must be a 2-D array, got {X.ndim}-D with shape {X.shape}")
    return X if X.dtype == np.float32 else X.astype(np.float64, copy=False)


def as_vector(v, name, dtype=np.float64):
    """v as a 1-D ndarray of dtype."""
    v = _real_array(v, name)
    if v.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array, got {v.ndim}-D with shape {v.shape}")
    return v.astype(dtype, copy=False)


def scalar_of(core_factorization):
    return np.float32 if isinstance(core_factorization, _core.Factorization32) else np.float64
