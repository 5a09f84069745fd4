#pragma once
// Test matrices as shrinkable recipes. A Case is integers (dimensions, ranks, integer factors,
// exponents, positions) plus one Haar seed under gen::noShrink; `materialize` turns it into the
// stored matrix. rapidcheck's own double generator is never used for entries: it yields no
// subnormals, no NaN/Inf and mostly huge integers, and it shrinks badly.
//
// Every matrix is built in double and then rounded to the scalar under test once (the Limits
// carry that scalar's range), so the oracle, which reads doubles, sees exactly the stored matrix.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Core>
#include <rapidcheck.h>

#include "gallery.hpp"
#include "random.hpp"
#include "source.hpp"
#include "spectra.hpp"

namespace nullity_test {

/// Where a matrix comes from.
/// A transformation applied after the source. All are exact in floating point while the scaled
/// entries stay in the normal range, which Limits ensures for scaling; `to_the_edge` towards the
/// smallest numbers is the one exception (entries that become subnormal are rounded).
struct Transform {
  enum Kind {
    scale, zero_row, zero_col, duplicate_row, duplicate_col, permute_rows, permute_cols, transpose,
    scale_rows, scale_cols,  ///< D₁·X or X·D₂: each row (column) times its own power of two
    to_the_edge  ///< 2^k·X at an end of the range: ‖X‖_F just below overflow (a > 0), or max|x| a few
                 ///< binades above the smallest normal with the smaller entries subnormal (a < 0)
  };
  Kind kind = scale;
  int a = 0;  ///< scale: target exponent in eighths of the way to LAPACK's BIGNUM (a > 0) or SMLNUM (a < 0);
              ///< zero_*: position; duplicate_*: which; permute_*: seed; scale_rows/cols: the spread,
              ///< exponents in [−a, a]; to_the_edge: the top end if a > 0
  int b = 0;  ///< duplicate_*: where the copy goes; scale_rows/cols: the exponents' seed
};

inline const char* to_string(Transform::Kind k) {
  static const char* names[] = {"scale",        "zero_row",     "zero_col",  "duplicate_row", "duplicate_col",
                                "permute_rows", "permute_cols", "transpose", "scale_rows",    "scale_cols",
                                "to_the_edge"};
  return names[k];
}

/// A shrinkable recipe for one test matrix.
struct Case {
  Source source = Source::zero;
  int rows = 0, cols = 0;
  int rank = 0;                 ///< inner dimension (integer_product), planted rank (spectrum)
  std::vector<int> left, right; ///< integer factors (column-major), or Vandermonde nodes / value indices in left
  SpectrumKind spectrum = SpectrumKind::gapped;
  int decay = 0, step = 0;      ///< spectrum parameters; kahan: decay selects c (or the triangle's σ_min);
                                ///< lauchli: μ = 2^-decay; dependent_columns: κ(B) = 2^decay, W's scale 2^step
  std::uint64_t seed = 0;       ///< Haar factors (never shrunk)
  std::vector<Transform> transforms;
};

/// The scalar under test's range, as LAPACK's test drivers define its ends (ddrvls.f):
/// SMLNUM = safmin/ulp², BIGNUM = 1/SMLNUM, and the values of Eigen's svd_underoverflow test.
struct Limits {
  int max_rows = 16, max_cols = 32;
  int big_exponent = 0;            ///< log2 BIGNUM (916 for double, 78 for float)
  int min_normal_exponent = -1022;  ///< of the smallest normal number
  int max_exponent = 1024;          ///< 2^max_exponent overflows
  int epsilon_exponent = -52;       ///< ε = 2^epsilon_exponent
  std::vector<double> tiny;        ///< 0, ±subnormals, ±smallest normal of the scalar (as doubles)
  double (*round)(double) = nullptr;  ///< rounding to the scalar under test
  /// Whether matrices may be taken to the ends of the range (Transform::to_the_edge): only where
  /// a property's quantities stay finite there (rank and null space: no right-hand side, whose
  /// y = X·w0 would overflow and whose solution would underflow).
  bool edges = false;

  template <class S>
  static Limits of(int max_rows, int max_cols) {
    Limits l;
    l.max_rows = max_rows;
    l.max_cols = max_cols;
    // Multiprecision scalars hold every double; their range is then limited by double's.
    using R = std::conditional_t<std::is_floating_point_v<S>, S, double>;
    const double safmin = double(std::numeric_limits<R>::min()), ulp = double(std::numeric_limits<R>::epsilon());
    l.big_exponent = int(std::floor(-std::log2(safmin / (ulp * ulp))));
    l.min_normal_exponent = std::numeric_limits<R>::min_exponent - 1;
    l.max_exponent = std::numeric_limits<R>::max_exponent;
    l.epsilon_exponent = 1 - std::numeric_limits<R>::digits;
    const double sub1 = double(std::numeric_limits<R>::denorm_min()), sub2 = sub1 * 0x1p20;
    l.tiny = {0.0, sub1, -sub1, sub2, -sub2, safmin, -safmin, 3 * safmin};
    l.round = [](double x) { return double(R(x)); };
    return l;
  }
};

namespace detail {

inline Eigen::MatrixXd integer_matrix(const std::vector<int>& v, int rows, int cols) {
  Eigen::MatrixXd M(rows, cols);
  for (int j = 0; j < cols; ++j)
    for (int i = 0; i < rows; ++i) M(i, j) = v[std::size_t(j) * rows + i];
  return M;
}

inline Eigen::MatrixXd source_matrix(const Case& c, const Limits& lim) {
  switch (c.source) {
    case Source::integer_product:
      return integer_matrix(c.left, c.rows, c.rank) * integer_matrix(c.right, c.rank, c.cols);
    case Source::spectrum: {
      const int p = std::min(c.rows, c.cols);
      const Eigen::VectorXd s = singular_values(c.spectrum, p, c.rank, c.decay, c.step, lim.epsilon_exponent);
      return with_spectrum(c.rows, c.cols, s, c.seed);
    }
    case Source::kahan:
      // decay < 12: Kahan's matrix, c = 0.05…0.6; above, a triangle with σ_min ≈ 2^(δ)·ε·σ_1/(c·n),
      // δ = 16 − decay from 4 (above the cut-off) down to −25 (far below it).
      if (c.decay < 12) return kahan(c.rows, 0.05 * (1 + c.decay));
      return unrevealing_triangle(c.rows, -lim.epsilon_exponent + c.decay - 16);
    case Source::lauchli: return lauchli(c.cols, std::exp2(-c.decay));
    case Source::hilbert: return hilbert(c.rows);
    case Source::vandermonde: return vandermonde(c.left, c.cols);
    case Source::magic: return magic(c.rows);
    case Source::zero: return Eigen::MatrixXd::Zero(c.rows, c.cols);
    case Source::tiny_values: {
      Eigen::MatrixXd M(c.rows, c.cols);
      for (int k = 0; k < c.rows * c.cols; ++k) M(k % c.rows, k / c.rows) = lim.tiny[std::size_t(c.left[k]) % lim.tiny.size()];
      return M;
    }
    case Source::dependent_columns: {
      // B (rows×r, Haar factors, κ(B) = 2^decay) and W = 2^k·(small integers): X = [B  B·W] has
      // rank r and σ_1/σ_r ≈ κ(B)·‖W‖, and its natural null basis [−W; I] has κ ≈ ‖W‖. The
      // scale is capped so that κ stays below 2^-16/ε of the scalar under test (well determined).
      const int r = c.rank, k = std::min(c.step, -lim.epsilon_exponent - 16);
      Eigen::VectorXd s(r);
      for (int i = 0; i < r; ++i) s(i) = std::exp2(-double(c.decay) * i / std::max(r - 1, 1));
      const Eigen::MatrixXd B = with_spectrum(c.rows, r, s, c.seed);
      Eigen::MatrixXd IW(r, c.cols);
      IW << Eigen::MatrixXd::Identity(r, r), std::exp2(k) * integer_matrix(c.left, r, c.cols - r);
      return B * IW;
    }
  }
  return {};
}

inline int exponent_of_max(const Eigen::MatrixXd& X) {
  const double m = X.size() ? X.cwiseAbs().maxCoeff() : 0.0;
  if (m == 0) return 0;
  int e = 0;
  (void)std::frexp(m, &e);
  return e;
}

inline int exponent_of_min_nonzero(const Eigen::MatrixXd& X) {
  double m = std::numeric_limits<double>::infinity();
  for (Eigen::Index k = 0; k < X.size(); ++k)
    if (X.data()[k] != 0) m = std::min(m, std::abs(X.data()[k]));
  if (!std::isfinite(m)) return 0;
  int e = 0;
  (void)std::frexp(m, &e);
  return e;
}

/// The power of two that moves max|x| a/8 of the way to BIGNUM (a > 0) or SMLNUM (a < 0),
/// limited so that no nonzero entry leaves the normal range (which keeps the scaling exact).
inline int scale_exponent(const Eigen::MatrixXd& X, int a, const Limits& lim) {
  if (X.size() == 0) return 0;
  const int emax = exponent_of_max(X), emin = exponent_of_min_nonzero(X);
  if (emax == 0 && emin == 0) return 0;
  const int target = lim.big_exponent * a / 8;
  int k = target - emax;
  k = std::max(k, lim.min_normal_exponent + 1 - emin);
  return k;
}

/// The exponents k_i of D = diag(2^k_i) for the n slices (rows or columns) of X: drawn in
/// [−spread, spread] from the seed, then clamped per slice so that its nonzero entries stay in
/// [2^(min normal + 1), 2^BIGNUM]: the product is exact, and badly scaled by up to 2^(2·spread).
inline std::vector<int> slice_exponents(const Eigen::MatrixXd& X, bool rows, int spread, int seed, const Limits& lim) {
  NormalStream g(std::uint64_t(seed) + 0x5ca1ab1eu);
  const Eigen::Index n = rows ? X.rows() : X.cols();
  std::vector<int> k(static_cast<std::size_t>(n), 0);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::MatrixXd slice = rows ? Eigen::MatrixXd(X.row(i)) : Eigen::MatrixXd(X.col(i));
    const double u = std::clamp(g.next() / 2, -1.0, 1.0);  // mostly within ±spread, some at the ends
    int e = int(std::lround(u * spread));
    if (slice.size() > 0 && slice.cwiseAbs().maxCoeff() > 0) {  // an empty slice (0 columns) has no entries
      e = std::min(e, lim.big_exponent - exponent_of_max(slice));
      e = std::max(e, lim.min_normal_exponent + 1 - exponent_of_min_nonzero(slice));
    }
    k[std::size_t(i)] = e;
  }
  return k;
}

inline Eigen::MatrixXd apply(const Transform& t, const Eigen::MatrixXd& X, const Limits& lim) {
  const Eigen::Index n = X.rows(), d = X.cols();
  switch (t.kind) {
    case Transform::scale: {
      const int k = scale_exponent(X, t.a, lim);
      return X.unaryExpr([k](double x) { return std::ldexp(x, k); });
    }
    case Transform::zero_row: {
      if (n >= lim.max_rows) return X;
      const Eigen::Index at = t.a % (n + 1);
      Eigen::MatrixXd Y(n + 1, d);
      Y << X.topRows(at), Eigen::RowVectorXd::Zero(d), X.bottomRows(n - at);
      return Y;
    }
    case Transform::zero_col: {
      if (d >= lim.max_cols) return X;
      const Eigen::Index at = t.a % (d + 1);
      Eigen::MatrixXd Y(n, d + 1);
      Y << X.leftCols(at), Eigen::VectorXd::Zero(n), X.rightCols(d - at);
      return Y;
    }
    case Transform::duplicate_row: {
      if (n == 0 || n >= lim.max_rows) return X;
      const Eigen::MatrixXd row = X.row(t.a % n);
      const Eigen::Index at = t.b % (n + 1);
      Eigen::MatrixXd Y(n + 1, d);
      Y << X.topRows(at), row, X.bottomRows(n - at);
      return Y;
    }
    case Transform::duplicate_col: {
      if (d == 0 || d >= lim.max_cols) return X;
      const Eigen::MatrixXd col = X.col(t.a % d);
      const Eigen::Index at = t.b % (d + 1);
      Eigen::MatrixXd Y(n, d + 1);
      Y << X.leftCols(at), col, X.rightCols(d - at);
      return Y;
    }
    case Transform::permute_rows: {
      NormalStream g(std::uint64_t(t.a));
      const std::vector<int> p = g.permutation(int(n));
      Eigen::MatrixXd Y(n, d);
      for (Eigen::Index i = 0; i < n; ++i) Y.row(i) = X.row(p[i]);
      return Y;
    }
    case Transform::permute_cols: {
      NormalStream g(std::uint64_t(t.a));
      const std::vector<int> p = g.permutation(int(d));
      Eigen::MatrixXd Y(n, d);
      for (Eigen::Index j = 0; j < d; ++j) Y.col(j) = X.col(p[j]);
      return Y;
    }
    case Transform::transpose: return X.transpose();
    case Transform::to_the_edge: {
      if (X.size() == 0 || X.cwiseAbs().maxCoeff() == 0) return X;
      if (t.a > 0) {  // ‖2^k·X‖_F in [2^(max−2), 2^(max−1)): σ_1 finite, sums of |x_ij| or σ_1·n not
        int e = 0;
        (void)std::frexp(X.stableNorm(), &e);
        const int k = lim.max_exponent - 1 - e;
        return X.unaryExpr([k](double x) { return std::ldexp(x, k); });
      }
      // max|x| in [2^(min+3), 2^(min+4)): products of entries underflow, the smaller entries
      // become subnormal, rounded to the scalar under test's grid.
      const int k = lim.min_normal_exponent + 4 - exponent_of_max(X);
      return X.unaryExpr([k, &lim](double x) { return lim.round(std::ldexp(x, k)); });
    }
    case Transform::scale_rows:
    case Transform::scale_cols: {
      const bool rows = t.kind == Transform::scale_rows;
      const std::vector<int> k = slice_exponents(X, rows, t.a, t.b, lim);
      Eigen::MatrixXd Y = X;
      for (Eigen::Index i = 0; i < (rows ? n : d); ++i) {
        const int e = k[std::size_t(i)];
        if (rows) Y.row(i) = X.row(i).unaryExpr([e](double x) { return std::ldexp(x, e); });
        else Y.col(i) = X.col(i).unaryExpr([e](double x) { return std::ldexp(x, e); });
      }
      return Y;
    }
  }
  return X;
}

}  // namespace detail

/// The stored matrix of a recipe: the source rounded once to the scalar under test, then the
/// exact transforms.
inline Eigen::MatrixXd materialize(const Case& c, const Limits& lim) {
  Eigen::MatrixXd X = detail::source_matrix(c, lim).unaryExpr(lim.round);
  for (const Transform& t : c.transforms) X = detail::apply(t, X, lim);
  return X;
}

/// Exact powers of two 2^k·X (k as chosen by a scale transform with parameter a).
inline Eigen::MatrixXd scaled_towards_the_ends(const Eigen::MatrixXd& X, int a, const Limits& lim) {
  return detail::apply(Transform{Transform::scale, a, 0}, X, lim);
}

/// How far a right-hand side may be scaled beyond its matrix's scaling (half the headroom between
/// BIGNUM and overflow), so that y and the solution 2^(β−α)·w stay finite and normal.
inline int rhs_shift_limit(const Limits& lim) { return (lim.max_exponent - lim.big_exponent) / 2; }

/// A matrix printed so that it can be pasted back into C++ or Python: full precision.
inline std::string matrix_text(const Eigen::MatrixXd& X) {
  std::ostringstream os;
  os << X.rows() << "x" << X.cols() << " [";
  char buf[40];
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    os << (i ? "; " : "");
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      std::snprintf(buf, sizeof buf, "%.17g", X(i, j));
      os << (j ? " " : "") << buf;
    }
  }
  os << "]";
  return os.str();
}

/// A recipe together with its stored matrix (so a counterexample prints both).
struct Drawn {
  Case recipe;
  Eigen::MatrixXd X;
};

inline std::string describe(const Case& c) {
  std::ostringstream os;
  os << to_string(c.source) << " " << c.rows << "x" << c.cols;
  switch (c.source) {
    case Source::integer_product: os << " inner " << c.rank; break;
    case Source::spectrum:
      os << " " << to_string(c.spectrum) << " rank " << c.rank << " decay " << c.decay << " step " << c.step
         << " seed " << c.seed;
      break;
    case Source::kahan:
      if (c.decay < 12) os << " c " << 0.05 * (1 + c.decay);
      else os << " unrevealing triangle, sigma_min ~ 2^" << 16 - c.decay << " eps";
      break;
    case Source::dependent_columns:
      os << " rank " << c.rank << " kappa(B) 2^" << c.decay << " W scale 2^" << c.step << " seed " << c.seed;
      break;
    case Source::lauchli: os << " mu 2^-" << c.decay; break;
    default: break;
  }
  for (const Transform& t : c.transforms) os << ", " << to_string(t.kind) << "(" << t.a << "," << t.b << ")";
  return os.str();
}

inline void showValue(const Drawn& d, std::ostream& os) {
  os << describe(d.recipe) << "\n  X = " << matrix_text(d.X);
}

/// A right-hand side recipe: small integers, either used directly (generally inconsistent) or
/// as coefficients w0 of a consistent y = X·w0.
struct Rhs {
  bool consistent = false;
  std::vector<int> coefficients;  ///< entry i is coefficients[i % size]
};

inline void showValue(const Rhs& r, std::ostream& os) {
  os << (r.consistent ? "y = X*w0, w0 = " : "y = ") << "cycle of [";
  for (std::size_t i = 0; i < r.coefficients.size(); ++i) os << (i ? " " : "") << r.coefficients[i];
  os << "]";
}

/// The vector of length n that a recipe's integers describe.
inline Eigen::VectorXd integer_vector(const std::vector<int>& coefficients, Eigen::Index n) {
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = coefficients.empty() ? 0 : coefficients[std::size_t(i) % coefficients.size()];
  return v;
}

namespace gen {

using namespace rc;

/// Integers in [−8, 8]: products of r ≤ 32 such entries and sums of 32 of those stay below
/// 2^24, so integer products and X·w0 are exact even in float.
inline Gen<int> small_integer() { return rc::gen::inRange(-8, 9); }

inline Gen<std::vector<int>> integers(int count) {
  return rc::gen::container<std::vector<int>>(std::size_t(count), small_integer());
}

inline Gen<Case> integer_product(const Limits& lim) {
  return rc::gen::mapcat(rc::gen::inRange(0, lim.max_rows + 1), [lim](int n) {
    return rc::gen::mapcat(rc::gen::inRange(0, lim.max_cols + 1), [lim, n](int d) {
      return rc::gen::mapcat(rc::gen::inRange(0, std::min(n, d) + 2), [n, d](int r) {
        return rc::gen::map(rc::gen::pair(integers(n * r), integers(r * d)), [n, d, r](const auto& ab) {
          Case c;
          c.source = Source::integer_product;
          c.rows = n, c.cols = d, c.rank = r;
          c.left = ab.first, c.right = ab.second;
          return c;
        });
      });
    });
  });
}

inline Gen<Case> spectrum(const Limits& lim) {
  return rc::gen::mapcat(rc::gen::pair(rc::gen::inRange(0, lim.max_rows + 1), rc::gen::inRange(0, lim.max_cols + 1)),
                         [](const std::pair<int, int>& nd) {
                           const int p = std::min(nd.first, nd.second);
                           return rc::gen::map(
                               rc::gen::tuple(rc::gen::element(SpectrumKind::gapped, SpectrumKind::geometric,
                                                               SpectrumKind::clustered, SpectrumKind::partial_isometry,
                                                               SpectrumKind::devils_stairs,
                                                               SpectrumKind::epsilon_staircase),
                                              rc::gen::inRange(0, p + 1), rc::gen::inRange(0, 61), rc::gen::inRange(0, 4),
                                              rc::gen::noShrink(rc::gen::arbitrary<std::uint64_t>())),
                               [nd](const auto& t) {
                                 Case c;
                                 c.source = Source::spectrum;
                                 c.rows = nd.first, c.cols = nd.second;
                                 c.spectrum = std::get<0>(t);
                                 c.rank = std::get<1>(t);
                                 c.decay = std::get<2>(t);
                                 c.step = std::get<3>(t);
                                 c.seed = std::get<4>(t);
                                 return c;
                               });
                         });
}

inline Gen<Case> gallery(Source s, const Limits& lim) {
  const int nmax = std::max(1, std::min(lim.max_rows, lim.max_cols));
  switch (s) {
    case Source::kahan:
      return rc::gen::map(rc::gen::pair(rc::gen::inRange(1, nmax + 1), rc::gen::inRange(0, 42)), [](const auto& p) {
        Case c;
        c.source = Source::kahan;
        c.rows = c.cols = p.first;
        c.decay = p.second;
        return c;
      });
    case Source::lauchli:
      return rc::gen::map(rc::gen::pair(rc::gen::inRange(1, std::min(lim.max_rows - 1, lim.max_cols) + 1),
                                        rc::gen::inRange(0, 61)),
                          [](const auto& p) {
                            Case c;
                            c.source = Source::lauchli;
                            c.cols = p.first, c.rows = p.first + 1;
                            c.decay = p.second;
                            return c;
                          });
    case Source::hilbert:
      return rc::gen::map(rc::gen::inRange(1, nmax + 1), [](int n) {
        Case c;
        c.source = Source::hilbert;
        c.rows = c.cols = n;
        return c;
      });
    case Source::vandermonde:
      // Nodes in [−3, 3] and at most 12 columns: 3^11 < 2^24, exact in float too.
      return rc::gen::mapcat(rc::gen::pair(rc::gen::inRange(1, lim.max_rows + 1), rc::gen::inRange(1, std::min(12, lim.max_cols) + 1)),
                             [](const std::pair<int, int>& nd) {
                               return rc::gen::map(rc::gen::container<std::vector<int>>(std::size_t(nd.first), rc::gen::inRange(-3, 4)),
                                                   [nd](const std::vector<int>& nodes) {
                                                     Case c;
                                                     c.source = Source::vandermonde;
                                                     c.rows = nd.first, c.cols = nd.second;
                                                     c.left = nodes;
                                                     return c;
                                                   });
                             });
    case Source::magic:
      return rc::gen::map(rc::gen::inRange(3, std::max(4, nmax + 1)), [](int n) {
        Case c;
        c.source = Source::magic;
        c.rows = c.cols = n;
        return c;
      });
    case Source::zero:
      return rc::gen::map(rc::gen::pair(rc::gen::inRange(0, lim.max_rows + 1), rc::gen::inRange(0, lim.max_cols + 1)),
                          [](const auto& nd) {
                            Case c;
                            c.source = Source::zero;
                            c.rows = nd.first, c.cols = nd.second;
                            return c;
                          });
    case Source::tiny_values:
      return rc::gen::mapcat(rc::gen::pair(rc::gen::inRange(1, 3), rc::gen::inRange(1, 3)), [lim](const std::pair<int, int>& nd) {
        return rc::gen::map(rc::gen::container<std::vector<int>>(std::size_t(nd.first * nd.second),
                                                                 rc::gen::inRange(0, int(lim.tiny.size()))),
                            [nd](const std::vector<int>& v) {
                              Case c;
                              c.source = Source::tiny_values;
                              c.rows = nd.first, c.cols = nd.second;
                              c.left = v;
                              return c;
                            });
      });
    case Source::dependent_columns:
      return rc::gen::mapcat(
          rc::gen::tuple(rc::gen::inRange(1, lim.max_rows + 1), rc::gen::inRange(2, std::max(2, lim.max_cols) + 1),
                         rc::gen::inRange(0, 11), rc::gen::inRange(0, 31)),
          [](const std::tuple<int, int, int, int>& t) {
            const auto [n, d, decay, step] = t;
            return rc::gen::mapcat(rc::gen::inRange(1, std::min(n, d - 1) + 1), [=](int r) {
              return rc::gen::map(rc::gen::pair(integers(r * (d - r)), rc::gen::noShrink(rc::gen::arbitrary<std::uint64_t>())),
                                  [=](const auto& ws) {
                                    Case c;
                                    c.source = Source::dependent_columns;
                                    c.rows = n, c.cols = d, c.rank = r;
                                    c.decay = decay, c.step = step;
                                    c.left = ws.first;
                                    c.seed = ws.second;
                                    return c;
                                  });
            });
          });
    case Source::integer_product: return integer_product(lim);
    case Source::spectrum: return spectrum(lim);
  }
  return integer_product(lim);
}

/// A transform; the D₁BD₂ scalings weighted up (three each in fourteen), since a badly scaled
/// matrix shows its effect only when the spread is large and meets a small singular value.
inline Gen<Transform> transform() {
  using T = Transform;
  const auto kind = rc::gen::element(T::scale, T::zero_row, T::zero_col, T::duplicate_row, T::duplicate_col,
                                     T::permute_rows, T::permute_cols, T::transpose, T::scale_rows, T::scale_rows,
                                     T::scale_rows, T::scale_cols, T::scale_cols, T::scale_cols);
  return rc::gen::map(rc::gen::tuple(kind, rc::gen::inRange(-8, 9), rc::gen::inRange(0, 64)),
                      [](const auto& t) {
                        Transform x;
                        x.kind = std::get<0>(t);
                        x.a = x.kind == Transform::scale ? std::get<1>(t) : std::abs(std::get<1>(t)) * 8 + std::get<2>(t) % 8;
                        x.b = std::get<2>(t);
                        return x;
                      });
}

/// A matrix from one of `sources`, followed by up to `max_transforms` exact transforms; with
/// `lim.edges`, then taken to the top end of the range in two cases of seven and to the bottom
/// end in one (last, since a later scaling would bring it back).
inline Gen<Drawn> matrix(std::vector<Source> sources, const Limits& lim, int max_transforms = 3) {
  const Gen<int> edge = lim.edges ? rc::gen::element(0, 0, 0, 0, 1, 1, -1) : rc::gen::just(0);
  return rc::gen::map(
      rc::gen::tuple(rc::gen::mapcat(rc::gen::elementOf(sources), [lim](Source s) { return gallery(s, lim); }),
                     rc::gen::mapcat(rc::gen::inRange(0, max_transforms + 1),
                                     [](int k) { return rc::gen::container<std::vector<Transform>>(std::size_t(k), transform()); }),
                     edge),
      [lim](const std::tuple<Case, std::vector<Transform>, int>& cte) {
        Drawn d;
        d.recipe = std::get<0>(cte);
        d.recipe.transforms = std::get<1>(cte);
        if (const int e = std::get<2>(cte)) d.recipe.transforms.push_back(Transform{Transform::to_the_edge, e, 0});
        d.X = materialize(d.recipe, lim);
        return d;
      });
}

/// A right-hand side: consistent (y = X·w0) or not, from 48 small integers.
inline Gen<Rhs> rhs() {
  return rc::gen::map(rc::gen::pair(rc::gen::arbitrary<bool>(), integers(48)), [](const auto& p) {
    Rhs r;
    r.consistent = p.first;
    r.coefficients = p.second;
    return r;
  });
}

}  // namespace gen
}  // namespace nullity_test
