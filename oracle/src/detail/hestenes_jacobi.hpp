#pragma once

#include "nullity_oracle/mpfr.hpp"

namespace nullity::oracle::detail {

/// Orthogonalizes the columns of A (m × k) by plane rotations, accumulating them into W (k × k),
/// until every pair satisfies |a_pᵀa_q| ≤ tol·‖a_p‖‖a_q‖ with tol = m·2^(1−prec): the rounding error
/// of an m-term dot product is below m·2^(−prec)·‖a_p‖‖a_q‖ (Higham, Accuracy and Stability,
/// §3.1), so a smaller tolerance could chase noise forever and a larger one is not needed.
/// A pair that still needs a rotation while one of its columns has norm ≤ 2u‖A‖_F (u = 2^−prec)
/// has that column set to zero instead. Why: when X is rank-deficient, a column can be pure
/// rounding noise, and noise can be parallel to another column again after each rotation (it is
/// built from the same entries); rotating then only shrinks it by about u per sweep, and MPFR's
/// exponent range is too wide for it to underflow. Zeroing it is a backward perturbation of at
/// most 2u‖X‖_F per column — below the rotations' own error — and its direction is kept in W.
/// Returns the number of sweeps run.
/// \throws std::runtime_error after 100 sweeps without convergence (never loops forever).
int hestenes_jacobi(RealMatrix& A, RealMatrix& W, mpfr_prec_t prec);

}  // namespace nullity::oracle::detail
