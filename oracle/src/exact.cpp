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

/// L·X for the least common multiple L of all denominators of X: one integer matrix for the whole
/// of X (a least-squares problem, unlike a kernel, is not invariant under row scaling).
template <class Derived>
IntegerRows common_denominator(const Eigen::MatrixBase<Derived>& X, Integer& L) {
  IntegerRows M{X.rows(), X.cols(), std::vector<Integer>(static_cast<std::size_t>(X.rows() * X.cols()))};
  mpz_set_ui(L.backend().data(), 1);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j)
      mpz_lcm(L.backend().data(), L.backend().data(), mpq_denref(X(i, j).backend().data()));
  Integer q;
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      mpz_divexact(q.backend().data(), L.backend().data(), mpq_denref(X(i, j).backend().data()));
      mpz_mul(M.at(i, j), q.backend().data(), mpq_numref(X(i, j).backend().data()));
    }
  return M;
}

/// Result of fraction-free Gauss–Jordan: the first `pivots.size()` rows of M equal det·RREF.
struct Echelon {
  IntegerRows M;
  Integer det;  // the last pivot: every pivot entry of the reduced rows equals it
  std::vector<Eigen::Index> pivots;      // pivot columns, increasing
  std::vector<Eigen::Index> pivot_rows;  // the input rows that were swapped into the pivot positions
};

/// Bareiss's fraction-free elimination, Gauss–Jordan form: after the step on pivot (r, c) every
/// entry is (p_r·a_ij − a_ic·a_rj)/p_{r−1}, a minor of the input (Bareiss 1968; Nakos, Turner &
/// Williams 1997 for the Gauss–Jordan variant), so the division is exact and growth is
/// polynomial — unlike naive rational elimination, no gcd is needed in the loop.
Echelon fraction_free_gauss_jordan(IntegerRows M) {
  Echelon E{std::move(M), Integer(1), {}, {}};
  IntegerRows& A = E.M;
  std::vector<Eigen::Index> row_of(static_cast<std::size_t>(A.rows));
  for (Eigen::Index i = 0; i < A.rows; ++i) row_of[static_cast<std::size_t>(i)] = i;
  Integer t;
  mpz_ptr tp = t.backend().data();
  Eigen::Index r = 0;
  for (Eigen::Index c = 0; c < A.cols && r < A.rows; ++c) {
    Eigen::Index p = r;
    while (p < A.rows && mpz_sgn(A.at(p, c)) == 0) ++p;
    if (p == A.rows) continue;  // free column
    if (p != r) {
      for (Eigen::Index j = 0; j < A.cols; ++j) mpz_swap(A.at(p, j), A.at(r, j));
      std::swap(row_of[static_cast<std::size_t>(p)], row_of[static_cast<std::size_t>(r)]);
    }
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
    E.pivot_rows.push_back(row_of[static_cast<std::size_t>(r)]);
    ++r;
  }
  return E;
}

Echelon echelon(const RationalMatrix& X) { return fraction_free_gauss_jordan(integer_rows(X)); }

/// G⁻¹b as (integer vector, integer denominator) for a nonsingular integer G (r × r): fraction-free
/// Gauss–Jordan on [G | b] leaves det·[I | G⁻¹b].
std::pair<std::vector<Integer>, Integer> solve(IntegerRows Gb) {
  const Eigen::Index r = Gb.rows;
  Echelon E = fraction_free_gauss_jordan(std::move(Gb));
  if (static_cast<Eigen::Index>(E.pivots.size()) != r || (r > 0 && E.pivots.back() != r - 1))
    throw std::logic_error("nullity oracle: singular Gram matrix in exact_min_norm_solve");  // cannot happen
  std::vector<Integer> x(static_cast<std::size_t>(r));
  for (Eigen::Index i = 0; i < r; ++i) mpz_set(x[static_cast<std::size_t>(i)].backend().data(), E.M.at(i, r));
  return {std::move(x), std::move(E.det)};
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
  const Eigen::Index n = X.rows(), d = X.cols();
  // X = N/L and y = ỹ/L_y with integer N, ỹ, so X⁺y = L·N⁺ỹ/L_y.
  Integer L, Ly;
  const IntegerRows N0 = common_denominator(X, L);
  IntegerRows Y = common_denominator(y, Ly);
  IntegerRows N = N0;
  const Echelon E = fraction_free_gauss_jordan(std::move(N));
  N = N0;
  const Eigen::Index r = static_cast<Eigen::Index>(E.pivots.size());
  RationalVector w = RationalVector::Zero(d);
  if (r == 0) return w;  // X = 0: X⁺ = 0

  // Skeleton factorization N = N_C·N₁₁⁻¹·N_R with N_C = N(:, J), N_R = N(I, :), N₁₁ = N(I, J) for the
  // pivot columns J and pivot rows I (N₁₁ is nonsingular: its leading minors are Bareiss's
  // pivots). With P = N_C·N₁₁⁻¹ (full column rank) and N_R (full row rank),
  //   N⁺ = N_R⁺·P⁺ = N_Rᵀ(N_R N_Rᵀ)⁻¹ · N₁₁ · (N_CᵀN_C)⁻¹N_Cᵀ,
  // whose Gram matrices have the input's small entries: solving them fraction-free keeps the
  // integers far smaller than the RREF-based X⁺ = Fᵀ(FFᵀ)⁻¹(CᵀC)⁻¹Cᵀ would.
  auto J = [&](Eigen::Index i) { return E.pivots[static_cast<std::size_t>(i)]; };
  auto I = [&](Eigen::Index i) { return E.pivot_rows[static_cast<std::size_t>(i)]; };
  const std::size_t rr = static_cast<std::size_t>(r * (r + 1));
  IntegerRows A1{r, r + 1, std::vector<Integer>(rr)};
  for (Eigen::Index i = 0; i < r; ++i) {
    for (Eigen::Index j = 0; j <= i; ++j) {
      for (Eigen::Index k = 0; k < n; ++k) mpz_addmul(A1.at(i, j), N.at(k, J(i)), N.at(k, J(j)));
      mpz_set(A1.at(j, i), A1.at(i, j));
    }
    for (Eigen::Index k = 0; k < n; ++k) mpz_addmul(A1.at(i, r), N.at(k, J(i)), Y.at(k, 0));
  }
  const auto [x1, d1] = solve(std::move(A1));  // (N_CᵀN_C)⁻¹N_Cᵀỹ = x1/d1

  IntegerRows A2{r, r + 1, std::vector<Integer>(rr)};
  for (Eigen::Index i = 0; i < r; ++i) {
    for (Eigen::Index j = 0; j <= i; ++j) {
      for (Eigen::Index k = 0; k < d; ++k) mpz_addmul(A2.at(i, j), N.at(I(i), k), N.at(I(j), k));
      mpz_set(A2.at(j, i), A2.at(i, j));
    }
    for (Eigen::Index l = 0; l < r; ++l)
      mpz_addmul(A2.at(i, r), N.at(I(i), J(l)), x1[static_cast<std::size_t>(l)].backend().data());
  }
  const auto [x2, d2] = solve(std::move(A2));  // (N_R N_Rᵀ)⁻¹N₁₁x1 = x2/d2

  Integer den = Ly * d1 * d2, num;
  for (Eigen::Index k = 0; k < d; ++k) {
    mpz_set_ui(num.backend().data(), 0);
    for (Eigen::Index i = 0; i < r; ++i)
      mpz_addmul(num.backend().data(), N.at(I(i), k), x2[static_cast<std::size_t>(i)].backend().data());
    mpz_mul(num.backend().data(), num.backend().data(), L.backend().data());
    mpq_ptr q = w(k).backend().data();
    mpq_set_num(q, num.backend().data());
    mpq_set_den(q, den.backend().data());
    mpq_canonicalize(q);  // lowest terms, positive denominator
  }
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
