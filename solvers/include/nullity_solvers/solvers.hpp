#pragma once
/// \file
/// Other people's solvers behind one interface, for comparison with nullity: LAPACK's drivers
/// through LAPACKE (double precision, column-major), Eigen's built-ins used correctly, and the
/// cautionary baselines (normal equations, gradient descent). The conformance kit, the
/// benchmarks and `nullity compare` all use these same entry points, so every comparison runs
/// the same code.
///
/// Tolerances: `rcond` is LAPACK's relative cut-off (singular values, or the condition estimate
/// for xGELSY, at or below rcond·s_1 count as zero). `numpy_rcond(X)` = max(n,d)·ε is the value
/// that matches nullity's default rule, so that every contender decides rank the same way.

#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace nullity::solvers {

/// max(n,d)·ε: NumPy's (and nullity's) default relative tolerance for an n×d matrix.
double numpy_rcond(const Eigen::MatrixXd& X);

/// The result of a LAPACK least-squares driver: the solution and the rank it decided.
struct LapackSolution {
  Eigen::VectorXd w;
  Eigen::Index rank = 0;
};

/// xGELSD: SVD by divide and conquer; minimum-norm. Throws std::runtime_error if INFO ≠ 0.
LapackSolution lapack_gelsd(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond);
/// xGELSY: complete orthogonal factorization with incremental condition estimation; minimum-norm.
LapackSolution lapack_gelsy(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond);
/// xGELSS: SVD by QR iteration; minimum-norm.
LapackSolution lapack_gelss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond);

/// The null space of xGELSY's own complete orthogonal factorization XP = Q·[T11 0; 0 0]·Z:
/// P·Zᵀ·[0; I], d × (d − RANK) with RANK the one xGELSY decides (and returns) for the same X and
/// rcond, so that rank and null space never come from two different rank decisions.
Eigen::MatrixXd lapack_gelsy_null_space(const Eigen::MatrixXd& X, double rcond);

/// Full SVD by xGESDD: X = U diag(s) Vᵀ with U n×n and V d×d.
struct LapackSvd {
  Eigen::VectorXd s;
  Eigen::MatrixXd U, V;
};
LapackSvd lapack_gesdd(const Eigen::MatrixXd& X);

/// Unpivoted xGELS (QR of X, or LQ when n < d): the minimum-norm solution for FULL-rank X only;
/// no rank decision at all. The floor for any QR-based solver.
Eigen::VectorXd lapack_gels(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);

/// Singular values only, by xGESDD with JOBZ = 'N' (non-increasing).
Eigen::VectorXd lapack_singular_values(const Eigen::MatrixXd& X);

/// Rank by xGEQP3 on X: #{|R_ii| > rcond·|R_11|} (the leading run).
Eigen::Index lapack_rank_qp3(const Eigen::MatrixXd& X, double rcond);

/// Orthonormal null-space basis by xGEQP3 on Xᵀ (XᵀP = QR), rank = #{|R_ii| > rcond·|R_11|},
/// and the trailing d − r columns of Q formed by xORGQR.
Eigen::MatrixXd lapack_null_space_qp3(const Eigen::MatrixXd& X, double rcond);

/// Orthonormal null-space basis from the full right factor of an SVD: the trailing d − r columns
/// of V, r = #{s_i > rcond·s_1}. A wide matrix's null space needs all d columns of V, not a thin
/// V. Two LAPACK routes, the two cheapest ones to the same answer, which the benchmarks compare:
/// xGESDD (divide and conquer) with JOBZ = 'A' when n < d, which must form the n×n U as well,
/// and JOBZ = 'S' when n ≥ d, where the thin V is already d×d (same driver path when n = d);
/// and xGESVD with JOBU = 'N', JOBVT = 'A' (QR iteration; no U at all).
Eigen::MatrixXd lapack_null_space_gesdd(const Eigen::MatrixXd& X, double rcond);
Eigen::MatrixXd lapack_null_space_gesvd(const Eigen::MatrixXd& X, double rcond);

/// Eigen's CompleteOrthogonalDecomposition with the threshold set BEFORE compute(), as it must be.
Eigen::VectorXd eigen_cod_solve(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond);
/// Eigen's BDCSVD (thin U and V) solve with the threshold set.
Eigen::VectorXd eigen_bdcsvd_solve(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond);

/// Rank from Eigen's CompleteOrthogonalDecomposition (column-pivoted QR) with the threshold set.
Eigen::Index eigen_cod_rank(const Eigen::MatrixXd& X, double rcond);
/// Rank from Eigen's BDCSVD singular values (no vectors) with the threshold set.
Eigen::Index eigen_bdcsvd_rank(const Eigen::MatrixXd& X, double rcond);
/// Null space from Eigen's BDCSVD with the full V: its trailing d − r columns.
Eigen::MatrixXd eigen_bdcsvd_null_space(const Eigen::MatrixXd& X, double rcond);

/// The normal equations, the cautionary baseline: Cholesky of XᵀX (n ≥ d) or w = Xᵀ(XXᵀ)⁻¹y
/// (n < d). Squares κ; returns NaNs when the Cholesky factorization breaks down.
Eigen::VectorXd normal_equations(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);

/// Gradient descent on ½‖Xw − y‖² from w = 0 with step 1/σ̂₁² (σ̂₁ from power iteration on XᵀX,
/// inflated by 1% so the step stays below 2/σ₁²). Stops when ‖Xᵀ(Xw − y)‖ ≤ ε·‖X‖·(‖X‖‖w‖ + ‖y‖)
/// or after `max_iterations`. From 0 the iterates never leave the row space, so the limit is w⁺.
Eigen::VectorXd gradient_descent(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int max_iterations = 100000);

/// A named least-squares solver with a uniform signature.
struct Contender {
  std::string name;         ///< short, e.g. "lapack-gelsd"
  std::string description;  ///< one line
  bool minimum_norm = true; ///< whether it claims the minimum-norm solution
  std::function<Eigen::VectorXd(const Eigen::MatrixXd&, const Eigen::VectorXd&)> solve;
};

/// The foreign contenders above for an n×d problem, each with rcond = numpy_rcond(X) where it
/// takes one. Iterative ones get a budget of 10¹⁰ multiply-adds, so that each ends in seconds
/// whatever the size: gradient descent (two products with X per iteration) runs at most
/// 10¹⁰/(2nd) iterations, clamped to [100, 100000], and its description says how many.
std::vector<Contender> foreign_contenders(Eigen::Index n = 0, Eigen::Index d = 0);

}  // namespace nullity::solvers
