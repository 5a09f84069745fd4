#pragma once
// Raw MPFR kernels over Real matrices: the oracle's inner loops call MPFR directly, because a
// Boost temporary per flop would allocate.

#include "nullity_oracle/mpfr.hpp"

namespace nullity::oracle::detail {

inline mpfr_ptr raw(Real& x) { return x.backend().data(); }
inline mpfr_srcptr raw(const Real& x) { return x.backend().data(); }

/// s ← Σ_{i ≥ row0} A(i, p)·B(i, q).
inline void dot_from(mpfr_ptr s, const RealMatrix& A, Eigen::Index p, const RealMatrix& B, Eigen::Index q, Eigen::Index row0) {
  mpfr_set_zero(s, 1);
  for (Eigen::Index i = row0; i < A.rows(); ++i) mpfr_fma(s, raw(A(i, p)), raw(B(i, q)), s, MPFR_RNDN);
}

/// B(row0:, q) ← B(row0:, q) + f·A(row0:, p).
inline void axpy_from(RealMatrix& B, Eigen::Index q, mpfr_srcptr f, const RealMatrix& A, Eigen::Index p, Eigen::Index row0) {
  for (Eigen::Index i = row0; i < B.rows(); ++i) mpfr_fma(raw(B(i, q)), f, raw(A(i, p)), raw(B(i, q)), MPFR_RNDN);
}

}  // namespace nullity::oracle::detail
