#pragma once
/// \file
/// Two soft measures of rank, read off the singular values σ_1 ≥ … ≥ σ_p ≥ 0: unlike the
/// numerical rank they do not depend on a threshold, and they move continuously with the matrix.

#include <cmath>

#include <Eigen/Core>

namespace nullity {

/// Effective rank (Roy & Vetterli, EUSIPCO 2007): exp of the Shannon entropy of the
/// distribution p_i = σ_i / Σσ_j. Between 1 and the number of non-zero σ_i; 0 for σ = 0.
inline double effective_rank(const Eigen::VectorXd& s) {
  const double total = s.sum();
  if (!(total > 0)) return 0;
  double entropy = 0;
  for (Eigen::Index i = 0; i < s.size(); ++i) {
    const double p = s(i) / total;
    if (p > 0) entropy -= p * std::log(p);
  }
  return std::exp(entropy);
}

/// Stable rank ‖A‖_F² / ‖A‖₂² = Σσ_i² / σ_1² (Rudelson & Vershynin 2007). Between 1 and the
/// rank; 0 for σ = 0.
inline double stable_rank(const Eigen::VectorXd& s) {
  if (s.size() == 0 || !(s(0) > 0)) return 0;
  return s.squaredNorm() / (s(0) * s(0));
}

}  // namespace nullity
