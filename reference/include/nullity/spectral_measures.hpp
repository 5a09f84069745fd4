#pragma once
/// \file
/// Two soft measures of rank, read off the singular values σ_1 ≥ … ≥ σ_p ≥ 0: unlike the
/// numerical rank they do not depend on a threshold, and they move continuously with the matrix.
/// For any real scalar, like the rest of the library.

#include <cmath>

#include <Eigen/Core>

namespace nullity {

/// Effective rank (Roy & Vetterli, EUSIPCO 2007): exp of the Shannon entropy of the
/// distribution p_i = σ_i / Σσ_j. Between 1 and the number of non-zero σ_i; 0 for σ = 0.
/// The σ_i are divided by σ_1 first, so that the sum cannot overflow.
template <class Derived>
typename Derived::Scalar effective_rank(const Eigen::MatrixBase<Derived>& s) {
  using Scalar = typename Derived::Scalar;
  using std::exp;
  using std::log;
  if (s.size() == 0 || !(s(0) > Scalar(0))) return Scalar(0);
  const Scalar total = (s / s(0)).sum();
  Scalar entropy(0);
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const Scalar p = s(i) / s(0) / total;
    if (p > Scalar(0)) entropy -= p * log(p);
  }
  return exp(entropy);
}

/// Stable rank ‖A‖_F² / ‖A‖₂² = Σ(σ_i/σ_1)² (Rudelson & Vershynin 2007). Between 1 and the rank;
/// 0 for σ = 0. Formed from σ_i/σ_1, since σ_1² overflows for ‖A‖ beyond √(largest number).
template <class Derived>
typename Derived::Scalar stable_rank(const Eigen::MatrixBase<Derived>& s) {
  using Scalar = typename Derived::Scalar;
  if (s.size() == 0 || !(s(0) > Scalar(0))) return Scalar(0);
  return (s / s(0)).squaredNorm();
}

}  // namespace nullity
