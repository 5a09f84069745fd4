#pragma once
// Known-bad solvers: each reproduces a mistake found in real code. The teeth tests assert that
// the kit catches every one of them and print the shrunk counterexample.

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <Eigen/SVD>

#include "nullity_conformance/solver.hpp"

namespace nullity_conformance::bad {

using M = Eigen::MatrixXd;
using V = Eigen::VectorXd;

inline double numpy_rcond(const M& X) {
  return double(std::max(X.rows(), X.cols())) * std::numeric_limits<double>::epsilon();
}

// Every bad solver rejects non-finite input, so that what the kit catches is its real mistake.
inline void require_finite(const M& X) {
  if (!X.allFinite()) throw std::invalid_argument("X has a non-finite entry");
}
inline void require_finite(const M& X, const V& y) {
  require_finite(X);
  if (!y.allFinite()) throw std::invalid_argument("y has a non-finite entry");
}

/// A full SVD (U thin, V full) with a rank cut-off computed by `rank_of(s, X)`; rank, null space
/// and solution all use that rank. Correct except for the cut-off it is given.
template <class RankOf>
SolverUnderTest<double> svd_with_cutoff(std::string name, RankOf rank_of, RankRule rule) {
  struct Parts {
    V s;
    M U, V_;
    Eigen::Index r;
  };
  auto parts = [rank_of](const M& X) {
    require_finite(X);
    Parts p{V(0), M(X.rows(), 0), M::Identity(X.cols(), X.cols()), 0};
    if (X.size() == 0) return p;
    Eigen::JacobiSVD<M> svd(X, Eigen::ComputeThinU | Eigen::ComputeFullV);
    p.s = svd.singularValues();
    p.U = svd.matrixU();
    p.V_ = svd.matrixV();
    p.r = rank_of(p.s, X);
    return p;
  };
  SolverUnderTest<double> s;
  s.name = std::move(name);
  s.rank = [parts](const M& X) { return parts(X).r; };
  s.null_space = [parts](const M& X) {
    const Parts p = parts(X);
    return M(p.V_.rightCols(X.cols() - p.r));
  };
  s.solve = [parts](const M& X, const V& y) {
    require_finite(X, y);
    const Parts p = parts(X);
    const V t = p.U.leftCols(p.r).transpose() * y;
    return V(p.V_.leftCols(p.r) * t.cwiseQuotient(p.s.head(p.r)));
  };
  s.rule = std::move(rule);
  return s;
}

inline Eigen::Index count_above(const V& s, double tau, Eigen::Index limit) {
  Eigen::Index r = 0;
  while (r < limit && s(r) > tau) ++r;
  return r;
}

/// Normal equations by Cholesky of XᵀX: squares κ, and breaks down (NaN) when XᵀX is singular.
inline SolverUnderTest<double> normal_equations_gram() {
  SolverUnderTest<double> s;
  s.name = "normal_equations_gram";
  s.solve = [](const M& X, const V& y) -> V {
    require_finite(X, y);
    if (X.size() == 0) return V::Zero(X.cols());
    const Eigen::LLT<M> llt(X.transpose() * X);
    return llt.solve(X.transpose() * y);
  };
  return s;
}

/// w = Xᵀ(XXᵀ)⁻¹y: the minimum-norm formula for full row rank, used regardless.
inline SolverUnderTest<double> normal_equations_wide() {
  SolverUnderTest<double> s;
  s.name = "normal_equations_wide";
  s.solve = [](const M& X, const V& y) -> V {
    require_finite(X, y);
    if (X.size() == 0) return V::Zero(X.cols());
    const Eigen::LLT<M> llt(X * X.transpose());
    return X.transpose() * llt.solve(y);
  };
  return s;
}

/// ColPivHouseholderQR::solve: a basic solution (zeros in the non-pivot columns), not the
/// minimum-norm one — indistinguishable from it by its residual.
inline SolverUnderTest<double> colpiv_qr_basic_solution() {
  SolverUnderTest<double> s;
  s.name = "colpiv_qr_basic_solution";
  s.rank = [](const M& X) -> Eigen::Index {
    require_finite(X);
    if (X.size() == 0) return 0;
    Eigen::ColPivHouseholderQR<M> qr(X.rows(), X.cols());
    qr.setThreshold(numpy_rcond(X));
    qr.compute(X);
    return qr.rank();
  };
  s.solve = [](const M& X, const V& y) -> V {
    require_finite(X, y);
    if (X.size() == 0) return V::Zero(X.cols());
    Eigen::ColPivHouseholderQR<M> qr(X.rows(), X.cols());
    qr.setThreshold(numpy_rcond(X));
    qr.compute(X);
    return qr.solve(y);
  };
  s.rule = RankRule::pivoted_qr_rule(numpy_rtol<double>());
  return s;
}

/// The seed's Example 55: "the null vector is the last row of Vᵀ" — of a THIN SVD, whose V has
/// only min(n,d) columns, so for a wide matrix it is a row-space vector.
inline SolverUnderTest<double> thin_svd_last_vector() {
  SolverUnderTest<double> s;
  s.name = "thin_svd_last_vector";
  s.null_space = [](const M& X) -> M {
    require_finite(X);
    if (X.size() == 0) return M::Identity(X.cols(), X.cols()).rightCols(std::min<Eigen::Index>(X.cols(), 1));
    const Eigen::JacobiSVD<M> svd(X, Eigen::ComputeThinV);
    return svd.matrixV().rightCols(1);
  };
  return s;
}

/// A solver documented with NumPy's rank rule (`matrix_rank`: max(n,d)·ε·σ_1) whose answers come
/// from `pinv`, whose default cut-off is the fixed 1e-15·σ_1 (NumPy since 2006): no size factor,
/// so for max(n,d) ≥ 5 it keeps singular values in (1e-15·σ_1, max(n,d)·ε·σ_1) that the
/// documented rule drops. (Declared with its own 1e-15 the rule would be consistent, and only
/// rounding noise above 1e-15·σ_1 could expose it: not reliably.)
inline SolverUnderTest<double> pinv_fixed_cutoff() {
  return svd_with_cutoff(
      "pinv_fixed_cutoff_1e-15", [](const V& s, const M&) { return count_above(s, 1e-15 * s(0), s.size()); },
      RankRule::singular_values(numpy_rtol<double>()));
}

/// cut-off ε·σ_1 without the size factor (SciPy `lstsq`'s default cond): finds too high a rank.
inline SolverUnderTest<double> eps_cutoff() {
  const double eps = std::numeric_limits<double>::epsilon();
  const auto rtol = [eps](Eigen::Index, Eigen::Index) { return eps; };
  return svd_with_cutoff(
      "eps_cutoff_without_size_factor", [eps](const V& s, const M&) { return count_above(s, eps * s(0), s.size()); },
      RankRule::singular_values(rtol));
}

/// The rank loop stops one short: `for (i = 0; i < p - 1; ++i)`.
inline SolverUnderTest<double> off_by_one_rank() {
  return svd_with_cutoff(
      "off_by_one_rank",
      [](const V& s, const M& X) { return count_above(s, numpy_rcond(X) * s(0), s.size() - 1); },
      RankRule::singular_values(numpy_rtol<double>()));
}

/// The rank of X·D, D scaling every column of X to unit norm ("equilibrate first"), with NumPy's
/// rule; the null space and the solution of X then truncated at that rank. Column scaling changes
/// the singular values, so on a badly scaled X = D₁·B·D₂ this rank can differ from X's own in
/// either direction: a rank decision that depends on the scaling the rule does not see.
inline SolverUnderTest<double> column_equilibrated_rank() {
  return svd_with_cutoff(
      "column_equilibrated_rank",
      [](const V& s, const M& X) {
        M E = X;
        for (Eigen::Index j = 0; j < E.cols(); ++j)
          if (const double c = E.col(j).stableNorm(); c > 0) E.col(j) /= c;
        const V e = Eigen::JacobiSVD<M>(E).singularValues();
        return std::min(count_above(e, numpy_rcond(X) * e(0), e.size()), s.size());
      },
      RankRule::singular_values(numpy_rtol<double>()));
}

/// τ = rtol·sqrt(Σ x_ij²), the sum formed naively: ‖X‖_F² overflows for entries near 1e160
/// (τ = ∞, rank 0) and underflows for tiny ones (τ = 0, noise counted as rank).
inline SolverUnderTest<double> frobenius_squared_tolerance() {
  return svd_with_cutoff(
      "frobenius_squared_tolerance",
      [](const V& s, const M& X) {
        double sum = 0;
        for (Eigen::Index k = 0; k < X.size(); ++k) sum += X.data()[k] * X.data()[k];
        return count_above(s, numpy_rcond(X) * std::sqrt(sum), s.size());
      },
      RankRule::singular_values(numpy_rtol<double>()));
}

/// Eigen's COD with the user's threshold set AFTER compute(): rank() uses it, but the
/// factorization, and so solve(), used the default ε·min(n,d). The user asked for rcond = 1e-8.
inline SolverUnderTest<double> cod_threshold_after_compute() {
  const auto rtol = [](Eigen::Index, Eigen::Index) { return 1e-8; };
  SolverUnderTest<double> s;
  s.name = "cod_threshold_after_compute";
  s.rank = [](const M& X) -> Eigen::Index {
    require_finite(X);
    if (X.size() == 0) return 0;
    Eigen::CompleteOrthogonalDecomposition<M> cod(X);
    cod.setThreshold(1e-8);
    return cod.rank();
  };
  s.solve = [](const M& X, const V& y) -> V {
    require_finite(X, y);
    if (X.size() == 0) return V::Zero(X.cols());
    Eigen::CompleteOrthogonalDecomposition<M> cod(X);
    cod.setThreshold(1e-8);  // too late: the decomposition is already truncated
    return cod.solve(y);
  };
  s.rule = RankRule::pivoted_qr_rule(rtol);
  return s;
}

/// τ formed left to right, (σ_1·max(n,d))·ε, as `S.max() * max(M, N) * eps` reads: for
/// σ_1 > DBL_MAX/max(n,d) the product overflows, τ = ∞ and the rank is 0. Correct everywhere
/// else, so only matrices at the top of the range (Transform::to_the_edge) expose it.
inline SolverUnderTest<double> tolerance_product_overflows() {
  return svd_with_cutoff(
      "tolerance_product_overflows",
      [](const V& s, const M& X) {
        const double tau = s(0) * double(std::max(X.rows(), X.cols())) * std::numeric_limits<double>::epsilon();
        return count_above(s, tau, s.size());
      },
      RankRule::singular_values(numpy_rtol<double>()));
}

/// A fast route that trusts R's diagonal: the largest column first, an unpivoted Householder QR,
/// and full rank whenever every |r_ii| clears ten times the cut-off; otherwise the SVD's rank.
/// Right whenever the diagonal reveals the rank, and wrong on a triangle whose diagonal is large
/// but whose σ_min is below the cut-off (Source::kahan's unrevealing triangles): the condition
/// estimate that nullity's fast route takes before accepting is what this one leaves out.
inline SolverUnderTest<double> qr_fast_route_without_condition_estimate() {
  return svd_with_cutoff(
      "qr_fast_route_without_condition_estimate",
      [](const V& s, const M& X) {
        // In units of max|x| (so that the ends of the range do not decide), then the fast route.
        const double largest_entry = X.cwiseAbs().maxCoeff();
        if (largest_entry == 0) return Eigen::Index(0);
        const double tau = numpy_rcond(X) * s(0);
        M A = (X.rows() >= X.cols() ? X : M(X.transpose())) / largest_entry;
        Eigen::Index largest = 0;
        A.colwise().norm().maxCoeff(&largest);
        A.col(0).swap(A.col(largest));
        const V diagonal = Eigen::HouseholderQR<M>(A).matrixQR().diagonal().cwiseAbs();
        if (diagonal.minCoeff() > 10 * numpy_rcond(X) * (s(0) / largest_entry)) return s.size();
        return count_above(s, tau, s.size());
      },
      RankRule::singular_values(numpy_rtol<double>()));
}

/// The null basis of the free variables (as `null(A, 'r')` or an RREF gives it): pivot columns
/// taken in column order, N = Π·[−C; I] with X_free = X_pivot·C, then orthonormalized by one pass
/// of modified Gram–Schmidt. MGS loses orthogonality in proportion to κ(N) (Björck 1967:
/// ‖ZᵀZ − I‖ ≈ u·κ(N)), and κ(N) ≈ ‖C‖ grows with the conditioning of X when its later columns
/// are large combinations of the earlier ones (Source::dependent_columns). The rank is right.
inline SolverUnderTest<double> free_variable_basis_by_gram_schmidt() {
  SolverUnderTest<double> s = svd_with_cutoff(
      "free_variable_basis_by_gram_schmidt",
      [](const V& sv, const M& X) { return count_above(sv, numpy_rcond(X) * sv(0), sv.size()); },
      RankRule::singular_values(numpy_rtol<double>()));
  const auto rank = s.rank;
  s.null_space = [rank](const M& X0) -> M {
    // Scaled to max|x| = 1 first (the null space does not change), so that only the basis's
    // conditioning, not the range of the entries, decides what Gram–Schmidt loses.
    const double largest = X0.size() ? X0.cwiseAbs().maxCoeff() : 0.0;
    const M X = largest > 0 ? M(X0 / largest) : X0;
    const Eigen::Index r = rank(X), d = X.cols();
    std::vector<Eigen::Index> pivots, free;
    for (Eigen::Index j = 0; j < d; ++j) {
      M candidate(X.rows(), Eigen::Index(pivots.size()) + 1);
      for (std::size_t k = 0; k < pivots.size(); ++k) candidate.col(Eigen::Index(k)) = X.col(pivots[k]);
      candidate.rightCols(1) = X.col(j);
      const bool independent = Eigen::Index(pivots.size()) < r && rank(candidate) > Eigen::Index(pivots.size());
      (independent ? pivots : free).push_back(j);
    }
    M P(X.rows(), Eigen::Index(pivots.size())), F(X.rows(), Eigen::Index(free.size()));
    for (std::size_t k = 0; k < pivots.size(); ++k) P.col(Eigen::Index(k)) = X.col(pivots[k]);
    for (std::size_t k = 0; k < free.size(); ++k) F.col(Eigen::Index(k)) = X.col(free[k]);
    const M C = pivots.empty() ? M(0, Eigen::Index(free.size())) : M(P.colPivHouseholderQr().solve(F));
    M Z = M::Zero(d, Eigen::Index(free.size()));
    for (std::size_t k = 0; k < free.size(); ++k) {
      for (std::size_t i = 0; i < pivots.size(); ++i) Z(pivots[i], Eigen::Index(k)) = -C(Eigen::Index(i), Eigen::Index(k));
      Z(free[k], Eigen::Index(k)) = 1;
    }
    for (Eigen::Index k = 0; k < Z.cols(); ++k) {  // modified Gram–Schmidt, one pass
      for (Eigen::Index i = 0; i < k; ++i) Z.col(k) -= Z.col(i).dot(Z.col(k)) * Z.col(i);
      Z.col(k).normalize();
    }
    return Z;
  };
  return s;
}

}  // namespace nullity_conformance::bad
