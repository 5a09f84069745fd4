#pragma once
/// \file
/// MPFR oracle: singular values, singular vectors (full V) and the rank-truncated minimum-norm
/// solution of the STORED double matrix at ≥ 200 bits, by one-sided (Hestenes) Jacobi.

#include <Eigen/Core>
#include <boost/multiprecision/eigen.hpp>
#include <boost/multiprecision/mpfr.hpp>

namespace nullity::oracle {

using Real = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<0>,
                                           boost::multiprecision::et_off>;
using RealMatrix = Eigen::Matrix<Real, Eigen::Dynamic, Eigen::Dynamic>;
using RealVector = Eigen::Matrix<Real, Eigen::Dynamic, 1>;

/// X = U·diag(s)·V(:, 0:min(n,d))ᵀ at the answer's precision.
struct SvdAnswer {
  unsigned bits = 0;  ///< the working precision actually used (≥ the requested bits)
  RealVector s;       ///< min(n,d) singular values, non-increasing
  RealMatrix U;       ///< n × min(n,d), orthonormal columns
  RealMatrix V;       ///< d × d, FULL orthogonal: trailing columns span ker X when rank < d
  int sweeps = 0;     ///< Jacobi sweeps run, the last one being the sweep that found nothing to rotate
};

/// One-sided (Hestenes) Jacobi SVD of the stored double matrix at `bits` ≥ 200 bits.
/// Runs on the columns of X when n ≥ d, on the columns of Xᵀ otherwise; the orthonormal
/// columns missing for zero singular values, and V's trailing columns, are completed by
/// Gram–Schmidt. Rotations stop when every pair of columns is orthogonal to
/// |a_pᵀa_q| ≤ m·2^(1−bits)·‖a_p‖‖a_q‖ (m = column length).
/// \throws std::invalid_argument on a non-finite entry (naming its row and column) or bits < 200;
///         std::runtime_error if Jacobi needs more than the sweep limit (never hangs).
SvdAnswer mpfr_svd(const Eigen::MatrixXd& X, unsigned bits = 256);

/// V_r Σ_r⁻¹ U_rᵀ y at the answer's precision (rank-r truncated minimum-norm solution).
/// \throws std::invalid_argument if y.size() != U.rows(), rank ∉ [0, s.size()], σ_rank = 0,
///         or y has a non-finite entry.
RealVector mpfr_min_norm_solve(const SvdAnswer& svd, const Eigen::VectorXd& y, Eigen::Index rank);

/// Correctly rounded to nearest double.
Eigen::MatrixXd to_double(const RealMatrix& A);
Eigen::VectorXd to_double(const RealVector& a);

/// Sets the default precision of Real to at least `bits` and restores the previous one on
/// destruction. Arithmetic on a Real takes the larger precision of its operands, but a Real built
/// from a double or an integer gets the default: hold one of these (with svd.bits) when computing
/// with an answer's entries outside the oracle.
/// Boost 1.74 keeps this default in one process-wide variable, not per thread, so the MPFR oracle
/// (which holds a PrecisionScope while it runs) must not run on two threads at once.
class PrecisionScope {
 public:
  explicit PrecisionScope(unsigned bits);
  ~PrecisionScope();
  PrecisionScope(const PrecisionScope&) = delete;
  PrecisionScope& operator=(const PrecisionScope&) = delete;
  /// The precision, in bits, of a Real constructed inside this scope.
  unsigned bits() const { return bits_; }

 private:
  unsigned saved_digits10_;
  unsigned bits_;
};

}  // namespace nullity::oracle
