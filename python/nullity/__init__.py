"""nullity: numerical rank, null space and minimum-norm least squares, verified.

The C++ library's two paths (SVD and complete orthogonal QR) under one documented tolerance
rule, its exact (GMP) and MPFR oracles (``nullity.oracle``) and its property-based conformance
kit for any solver written in Python (``nullity.conformance``). docs/python.md has the guide.

Arrays: float64 in, float64 out. float32 input is computed in float32 (the C++ library's
``float`` instance: its ε = 2^-23 in every default tolerance, as NumPy does for float32) and
returns float32. Any other real dtype (integers, booleans, float16) is converted to float64;
complex input is refused.
"""

from . import _core
from ._arrays import as_matrix, as_vector, scalar_of

__all__ = ["Certificate", "Factorization", "factorize", "rank", "null_space", "row_space", "min_norm_solve",
           "oracle", "conformance", "adapters"]


def _factorize(X, method, rtol, atol, preset, backend):
    X = as_matrix(X, "X")
    fn = _core.factorize32 if X.dtype.itemsize == 4 else _core.factorize64
    return fn(X, method, rtol, float(atol), preset, backend)


class Certificate:
    """The rank certificate: whether the rank is well determined (C++ ``RankCertificate``).

    tau: the threshold τ in X's units; s_r: the smallest kept value (inf when r = 0); s_r1: the
    largest dropped one (0 when r = min(n, d)); gap = s_r / s_r1; perturbation: δ =
    √max(n,d)·ε·s_1, the backward error the interval allows for; rank_lo, rank_hi: the ranks
    consistent with X up to δ; plausible_ranks: range(rank_lo, rank_hi + 1); well_determined:
    rank_lo == rank_hi. Also method, rule, rule_text, rtol, atol, rank.
    """

    def __init__(self, fields):
        self.__dict__.update(fields)
        self.plausible_ranks = list(range(fields["rank_lo"], fields["rank_hi"] + 1))

    def __repr__(self):
        return ("Certificate(rank={rank}, tau={tau:.3g}, s_r={s_r:.3g}, s_r1={s_r1:.3g}, gap={gap:.3g}, "
                "well_determined={well_determined}, plausible_ranks={plausible_ranks})").format(**self.__dict__)


class Factorization:
    """One rank-revealing factorization of X; every answer uses the same rank r."""

    def __init__(self, core):
        self._f = core
        self._dtype = scalar_of(core)

    rank = property(lambda self: self._f.rank, doc="r = #{s_i > τ}")
    nullity = property(lambda self: self._f.nullity, doc="d − r")
    shape = property(lambda self: self._f.shape, doc="(n, d)")
    tolerance = property(lambda self: self._f.tolerance, doc="τ, in X's units")

    @property
    def certificate(self):
        return Certificate(self._f._certificate())

    def rank_across_rules(self):
        """The rank each library's default rule gives on the same values, and whether all agree."""
        return self._f._rank_across_rules()

    def null_space(self):
        """d × (d − r), orthonormal columns spanning the numerical null space."""
        return self._f.null_space()

    def row_space(self):
        """d × r, orthonormal columns spanning the numerical row space."""
        return self._f.row_space()

    def spectrum(self):
        """The values the rule was applied to (singular values, or |R_ii| on the QR path)."""
        return self._f.spectrum()

    def solve(self, y):
        """The minimum-norm least-squares solution of Xw ≈ y (X truncated at rank r), shape (d,)."""
        return self._f.solve(as_vector(y, "y", self._dtype))

    def split(self, w):
        """(row, null): the projections of w onto the row space and the null space."""
        return self._f.split(as_vector(w, "w", self._dtype))

    def __repr__(self):
        n, d = self.shape
        return f"<nullity.Factorization {n}x{d} {self._dtype.__name__} rank={self.rank} nullity={self.nullity}>"


def factorize(X, method="svd", rtol=None, atol=0.0, preset="numpy", backend="automatic"):
    """Factorizes X (n × d): method "svd" | "qr"; τ = max(atol, rtol·s_1), rtol None = the preset's
    default (numpy max(n,d)·ε, scipy ε, matlab, julia, eigen, lapack); backend "automatic" |
    "eigen" | "lapack"."""
    return Factorization(_factorize(X, method, rtol, atol, preset, backend))


def rank(X, **options):
    """Numerical rank r = #{s_i > τ} (options as for factorize)."""
    return factorize(X, **options).rank


def null_space(X, **options):
    """Orthonormal basis of the numerical null space, d × (d − r)."""
    return factorize(X, **options).null_space()


def row_space(X, **options):
    """Orthonormal basis of the numerical row space, d × r."""
    return factorize(X, **options).row_space()


def min_norm_solve(X, y, method="svd", rtol=None, atol=0.0, preset="numpy", backend="automatic"):
    """Minimum-norm least-squares solution (one factorization; xGELSD on the SVD path with LAPACK)."""
    X = as_matrix(X, "X")
    if X.dtype.itemsize == 4:
        return _core.min_norm_solve32(X, as_vector(y, "y", X.dtype.type), method, rtol, float(atol), preset, backend)
    return _core.min_norm_solve64(X, as_vector(y, "y", X.dtype.type), method, rtol, float(atol), preset, backend)


from . import oracle, conformance, adapters  # noqa: E402  (they use the functions above)
