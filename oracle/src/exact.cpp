// Exact rank, kernel and minimum-norm solution by fraction-free Gauss–Jordan elimination.

#include <stdexcept>
#include <utility>
#include <vector>

#include "detail/check_finite.hpp"
#include "nullity_oracle/exact.hpp"

namespace nullity::oracle {
namespace {

using Integer = boost::multiprecision::mpz_int;

/// A row-major integer matrix whose rows are positive multiples of the input rows.
struct IntegerRows {
  Eigen::Index rows = 0, cols = 0;
  std::vector<Integer> a;
  mpz_ptr at(Eigen::Index i, Eigen::Index j) { return a[static_cast<std::size_t>(i * cols + j)].backend().data(); }
};

/// Row i times the lcm of its denominators: an integer row with the same span and kernel.
IntegerRows integer_rows(const RationalMatrix& X) {
  IntegerRows M{X.rows(), X.cols(), std::vector<Integer>(static_cast<std::size_t>(X.rows() * X.cols()))};
  Integer lcm, q;
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    mpz_set_ui(lcm.backend().data(), 1);
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      mpz_lcm(lcm.backend().data(), lcm.backend().data(), mpq_denref(X(i, j).backend().data()));
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      mpz_divexact(q.backend().data(), lcm.backend().data(), mpq_denref(X(i, j).backend().data()));
      mpz_mul(M.at(i, j), q.backend().data(), mpq_numref(X(i, j).backend().data()));
    }
  }
  return M;
}

/// Result of fraction-free Gauss–Jordan: the first `pivots.size()` rows of M equal det·RREF.
struct Echelon {
  IntegerRows M;
  Integer det;  // the last pivot: every pivot entry of the reduced rows equals it
  std::vector<Eigen::Index> pivots;
};

/// Bareiss's fraction-free elimination, Gauss–Jordan form: after the step on pivot (r, c) every
/// entry is (p_r·a_ij − a_ic·a_rj)/p_{r−1}, a minor of the input (Bareiss 1968; Nakos, Turner &
/// Williams 1997 for the Gauss–Jordan variant), so the division is exact and growth is
/// polynomial — unlike naive rational elimination, no gcd is needed in the loop.
Echelon fraction_free_gauss_jordan(IntegerRows M) {
  Echelon E{std::move(M), Integer(1), {}};
  IntegerRows& A = E.M;
  Integer t;
  mpz_ptr tp = t.backend().data();
  Eigen::Index r = 0;
  for (Eigen::Index c = 0; c < A.cols && r < A.rows; ++c) {
    Eigen::Index p = r;
    while (p < A.rows && mpz_sgn(A.at(p, c)) == 0) ++p;
    if (p == A.rows) continue;  // free column
    if (p != r)
      for (Eigen::Index j = 0; j < A.cols; ++j) mpz_swap(A.at(p, j), A.at(r, j));
    mpz_srcptr prev = E.det.backend().data();
    for (Eigen::Index i = 0; i < A.rows; ++i) {
      if (i == r) continue;
      // Rows below r are zero left of c; rows above may have nonzero free-column entries there.
      for (Eigen::Index j = (i < r ? 0 : c + 1); j < A.cols; ++j) {
        if (j == c) continue;
        mpz_mul(tp, A.at(r, c), A.at(i, j));
        mpz_submul(tp, A.at(i, c), A.at(r, j));
        mpz_divexact(A.at(i, j), tp, prev);
      }
      mpz_set_ui(A.at(i, c), 0);
    }
    mpz_set(E.det.backend().data(), A.at(r, c));
    E.pivots.push_back(c);
    ++r;
  }
  return E;
}

Echelon echelon(const RationalMatrix& X) { return fraction_free_gauss_jordan(integer_rows(X)); }

/// Solves G·z = b for a symmetric positive definite rational G by Gaussian elimination without
/// pivoting (every leading principal minor of an SPD matrix is positive).
RationalVector solve_spd(RationalMatrix G, RationalVector b) {
  const Eigen::Index r = G.rows();
  Rational f;
  for (Eigen::Index k = 0; k < r; ++k) {
    for (Eigen::Index i = k + 1; i < r; ++i) {
      f = G(i, k) / G(k, k);
      for (Eigen::Index j = k + 1; j < r; ++j) G(i, j) -= f * G(k, j);
      b(i) -= f * b(k);
    }
  }
  RationalVector z(r);
  for (Eigen::Index i = r - 1; i >= 0; --i) {
    Rational acc = b(i);
    for (Eigen::Index j = i + 1; j < r; ++j) acc -= G(i, j) * z(j);
    z(i) = acc / G(i, i);
  }
  return z;
}

}  // namespace

ExactAnswer exact_rational(const RationalMatrix& X) {
  const Eigen::Index d = X.cols();
  Echelon E = echelon(X);
  ExactAnswer ans;
  ans.rank = static_cast<Eigen::Index>(E.pivots.size());
  ans.pivots = E.pivots;
  ans.row_basis.resize(ans.rank, d);
  for (Eigen::Index i = 0; i < ans.rank; ++i)
    for (Eigen::Index j = 0; j < d; ++j) {
      mpq_ptr q = ans.row_basis(i, j).backend().data();
      mpq_set_num(q, E.M.at(i, j));
      mpq_set_den(q, E.det.backend().data());
      mpq_canonicalize(q);  // lowest terms, and a positive denominator when det < 0
    }

  ans.kernel = RationalMatrix::Zero(d, d - ans.rank);
  std::vector<bool> is_pivot(static_cast<std::size_t>(d), false);
  for (Eigen::Index c : E.pivots) is_pivot[static_cast<std::size_t>(c)] = true;
  Eigen::Index k = 0;
  for (Eigen::Index f = 0; f < d; ++f) {
    if (is_pivot[static_cast<std::size_t>(f)]) continue;
    ans.kernel(f, k) = 1;
    for (Eigen::Index i = 0; i < ans.rank; ++i) ans.kernel(E.pivots[static_cast<std::size_t>(i)], k) = -ans.row_basis(i, f);
    ++k;
  }
  return ans;
}

ExactAnswer exact(const Eigen::MatrixXd& X) { return exact_rational(to_rational(X)); }

RationalVector exact_min_norm_solve_rational(const RationalMatrix& X, const RationalVector& y) {
  if (y.size() != X.rows())
    throw std::invalid_argument("nullity oracle: y has " + std::to_string(y.size()) + " entries but X has " +
                                std::to_string(X.rows()) + " rows");
  const Eigen::Index d = X.cols();
  const ExactAnswer ans = exact_rational(X);
  const Eigen::Index r = ans.rank;
  RationalVector w = RationalVector::Zero(d);
  if (r == 0) return w;  // X = 0: X⁺ = 0

  // X = C·F with C = X(:, pivots): column j of X is Σ_i RREF(i, j)·X(:, pivot_i).
  const RationalMatrix& F = ans.row_basis;
  RationalMatrix C(X.rows(), r);
  for (Eigen::Index i = 0; i < r; ++i) C.col(i) = X.col(ans.pivots[static_cast<std::size_t>(i)]);

  // X⁺y = Fᵀ (FFᵀ)⁻¹ (CᵀC)⁻¹ Cᵀ y   (C full column rank, F full row rank).
  RationalMatrix CtC(r, r), FFt(r, r);
  RationalVector Cty(r);
  for (Eigen::Index i = 0; i < r; ++i) {
    Cty(i) = 0;
    for (Eigen::Index k = 0; k < X.rows(); ++k) Cty(i) += C(k, i) * y(k);
    for (Eigen::Index j = 0; j <= i; ++j) {
      Rational a = 0, b = 0;
      for (Eigen::Index k = 0; k < X.rows(); ++k) a += C(k, i) * C(k, j);
      for (Eigen::Index k = 0; k < d; ++k) b += F(i, k) * F(j, k);
      CtC(i, j) = CtC(j, i) = a;
      FFt(i, j) = FFt(j, i) = b;
    }
  }
  const RationalVector z = solve_spd(FFt, solve_spd(CtC, Cty));
  for (Eigen::Index k = 0; k < d; ++k)
    for (Eigen::Index i = 0; i < r; ++i) w(k) += F(i, k) * z(i);
  return w;
}

RationalVector exact_min_norm_solve(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  const RationalMatrix Xq = to_rational(X);  // validates X first, then y
  if (y.size() != X.rows())
    throw std::invalid_argument("nullity oracle: y has " + std::to_string(y.size()) + " entries but X has " +
                                std::to_string(X.rows()) + " rows");
  return exact_min_norm_solve_rational(Xq, to_rational(y));
}

}  // namespace nullity::oracle
