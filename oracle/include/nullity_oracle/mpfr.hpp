#pragma once
/// \file
/// MPFR oracle: singular values, singular vectors (full V) and the rank-truncated minimum-norm
/// solution of the STORED double matrix at ≥ 200 bits, by one-sided (Hestenes) Jacobi.

#include <Eigen/Core>
#include <boost/multiprecision/eigen.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include "precision.hpp"

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
/// B = X (n ≥ d) or Xᵀ is first factored by Householder QR with column pivoting, B·P = Q·R, and
/// Jacobi runs on Rᵀ (Drmač–Veselić preconditioning); rotations stop when every pair of columns
/// is orthogonal to |a_pᵀa_q| ≤ m·2^(1−bits)·‖a_p‖‖a_q‖ (m = column length). Columns missing for
/// exactly zero singular values are completed by Gram–Schmidt; for wide X, V's trailing columns
/// are Q's. Backward error: see svd_backward_error_bound.
/// \throws std::invalid_argument on a non-finite entry (naming its row and column) or bits < 200;
///         std::runtime_error if Jacobi needs more than 100 sweeps (never hangs).
SvdAnswer mpfr_svd(const Eigen::MatrixXd& X, unsigned bits = default_bits);

/// η with ‖X − UΣVᵀ‖_F ≤ η‖X‖_F, ‖UᵀU − I‖_F ≤ η and ‖VᵀV − I‖_F ≤ η for this answer (u = 2^−bits):
/// η = 8·(sweeps + 1 + min(n, d))·max(n, d)·u. Its two parts:
///  - pivoted Householder QR of the m_B × k matrix B: backward error ≤ γ̃_{m_B k}‖B‖_F with
///    γ̃ = c·m_B·k·u, c a small constant (Higham, Accuracy and Stability of Numerical Algorithms,
///    2nd ed., Thm 19.4); 8·min(n, d)·max(n, d)·u takes c = 8;
///  - Jacobi: each rotation perturbs the two columns it touches by ≤ 6u of their norm (2 roundings
///    in the update, ≤ 4 in forming c and s; Higham Lemma 19.8), a column takes part in at most
///    sweeps·(k − 1) rotations, normalizing costs ≤ 2k·u, and columns zeroed as rounding noise add
///    ≤ 2u‖X‖_F each, √k·2u in all: 8·(sweeps + 1)·max(n, d)·u.
/// An a-priori bound, checked (not assumed) by the oracle's tests.
Real svd_backward_error_bound(const SvdAnswer& svd);

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
