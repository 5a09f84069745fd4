#pragma once

#include <vector>

#include "nullity_oracle/mpfr.hpp"

namespace nullity::oracle::detail {

/// Householder QR with column pivoting, B·P = Q·R (B is m × k, m ≥ k): the preconditioner of
/// Drmač & Veselić ("New fast and accurate Jacobi SVD algorithm", SIMAX 29, 2008). One-sided Jacobi
/// on Rᵀ then needs a few sweeps instead of a dozen, because the rows of R are graded by the
/// pivoting. Q has `q_cols` columns: k (thin) or m (full, whose trailing columns span the
/// orthogonal complement of range B).
struct PivotedQr {
  RealMatrix Q, R;
  std::vector<Eigen::Index> perm;  // column j of B·P is column perm[j] of B
};

PivotedQr pivoted_qr(RealMatrix B, Eigen::Index q_cols, mpfr_prec_t prec);

}  // namespace nullity::oracle::detail
