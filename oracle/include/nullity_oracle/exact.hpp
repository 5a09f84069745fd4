#pragma once
/// \file
/// Exact oracle: rank, kernel and minimum-norm solution of the STORED double matrix in rational
/// arithmetic (GMP). Every finite double is a rational m·2^e, so the answer is the mathematical one
/// for the matrix as rounded to double — not for whatever real matrix it was meant to approximate.

#include <vector>

#include <Eigen/Core>
#include <boost/multiprecision/eigen.hpp>
#include <boost/multiprecision/gmp.hpp>

namespace nullity::oracle {

using Rational = boost::multiprecision::mpq_rational;  // GMP mpq_t, always in lowest terms
using RationalMatrix = Eigen::Matrix<Rational, Eigen::Dynamic, Eigen::Dynamic>;
using RationalVector = Eigen::Matrix<Rational, Eigen::Dynamic, 1>;

/// Exact rank, kernel and row space of a matrix X (n × d).
struct ExactAnswer {
  Eigen::Index rank = 0;
  RationalMatrix kernel;     ///< d × (d − rank): exact basis of ker X (from the RREF); X·kernel == 0 exactly
  RationalMatrix row_basis;  ///< rank × d: nonzero rows of the RREF of X (spans the row space)
  std::vector<Eigen::Index> pivots;  ///< the rank pivot columns of the RREF, increasing
};

/// Every double is a rational: exact rank and kernel of the STORED matrix, by fraction-free
/// (Bareiss) Gauss–Jordan elimination on the integer matrix obtained by scaling each row by a
/// power of two (which changes neither the row space nor the kernel).
/// Column j of `kernel` for the free column f is e_f − Σ_i RREF(i, f)·e_{pivot_i}.
/// \throws std::invalid_argument if an entry is NaN or ±Inf (the message names its row and column).
ExactAnswer exact(const Eigen::MatrixXd& X);
/// The same for a matrix given exactly as rationals (e.g. a Hilbert matrix). A separate name,
/// because an Eigen expression of doubles would convert to either argument type.
ExactAnswer exact_rational(const RationalMatrix& X);

/// X⁺y exactly. With r = rank X, pivot rows I and pivot columns J of the elimination (X(I, J) is
/// r × r and nonsingular), the skeleton factorization X = X(:, J)·X(I, J)⁻¹·X(I, :) gives
/// X⁺ = X(I,:)ᵀ (X(I,:) X(I,:)ᵀ)⁻¹ · X(I,J) · (X(:,J)ᵀ X(:,J))⁻¹ X(:,J)ᵀ; both Gram matrices are solved
/// by fraction-free elimination on integers (after scaling X and y by common denominators).
/// \throws std::invalid_argument on a non-finite entry or if y.size() != X.rows().
RationalVector exact_min_norm_solve(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);
/// The same for rational data.
RationalVector exact_min_norm_solve_rational(const RationalMatrix& X, const RationalVector& y);

/// The stored doubles as exact rationals.
/// \throws std::invalid_argument on a non-finite entry (naming its row and column).
RationalMatrix to_rational(const Eigen::MatrixXd& X);
RationalVector to_rational(const Eigen::VectorXd& x);

/// Correctly rounded (to nearest, ties to even; subnormals included; overflow gives ±Inf).
Eigen::MatrixXd to_double(const RationalMatrix& A);
Eigen::VectorXd to_double(const RationalVector& a);
double to_double(const Rational& q);

}  // namespace nullity::oracle
