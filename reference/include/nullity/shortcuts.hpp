#pragma once
/// \file
/// Free-function shortcuts, each one factorization: use `factorize` to ask several questions
/// of the same X.

#include "factorization.hpp"

namespace nullity {

/// Numerical rank r = #{ s_i > τ }.
template <class Derived>
Eigen::Index rank(const Eigen::MatrixBase<Derived>& X, const Options& opts = {}) {
  return factorize(X, opts).rank();
}

/// Orthonormal basis of ker X, d × (d − r).
template <class Derived>
auto null_space(const Eigen::MatrixBase<Derived>& X, const Options& opts = {}) {
  return factorize(X, opts).null_space();
}

/// Orthonormal basis of the row space of X, d × r.
template <class Derived>
auto row_space(const Eigen::MatrixBase<Derived>& X, const Options& opts = {}) {
  return factorize(X, opts).row_space();
}

/// Minimum-norm least-squares solution of Xw ≈ y: `factorize(X, opts).solve(y)`, bit for bit. As
/// the factorization's first question, on the SVD path with the LAPACK backend and a rule of the
/// form τ = rtol·s₁, that is one xGELSD after a QR, without singular vectors (factorization.hpp).
template <class DerivedX, class DerivedY>
auto min_norm_solve(const Eigen::MatrixBase<DerivedX>& X, const Eigen::MatrixBase<DerivedY>& y,
                    const Options& opts = {}) {
  return factorize(X, opts).solve(y);
}

}  // namespace nullity
