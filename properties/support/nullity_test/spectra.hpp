#pragma once
// Prescribed singular values (LAPACK's DLATMS modes and the rank-revealing-QR test gallery),
// placed between Haar-distributed singular vectors: X = U_p·diag(σ)·V_pᵀ, rounded once.

#include <algorithm>
#include <cmath>

#include <Eigen/Core>

#include "random.hpp"

namespace nullity_test {

enum class SpectrumKind {
  gapped,            ///< r values log-spread over 2^-decay..1, then exact zeros
  geometric,         ///< σ_i = 2^(−decay·i/4): no gap at all (Bischof's "exponential")
  clustered,         ///< r values 1, the rest 2^-decay (DLATMS mode 1/2, "break")
  partial_isometry,  ///< r values 1, the rest 0 (Eigen's createRandomPIMatrixOfRank)
  devils_stairs,     ///< steps of equal values, each 10^-0.6 below the last (Demmel et al. 2015)
  epsilon_staircase  ///< k = r clamped to [1, p−1−step] values 1, then 2^(3+step−j)·ε, j = 0, 1, …: from
                     ///< 8ε…64ε down through the cut-offs where rank rules disagree (ε, min(n,d)·ε,
                     ///< max(n,d)·ε, NumPy pinv's 1e-15 ≈ 4.5ε); k leaves room for the step at 8ε
};

inline const char* to_string(SpectrumKind k) {
  switch (k) {
    case SpectrumKind::gapped: return "gapped";
    case SpectrumKind::geometric: return "geometric";
    case SpectrumKind::clustered: return "clustered";
    case SpectrumKind::partial_isometry: return "partial_isometry";
    case SpectrumKind::devils_stairs: return "devils_stairs";
    case SpectrumKind::epsilon_staircase: return "epsilon_staircase";
  }
  return "?";
}

/// p singular values, non-increasing, σ_1 = 1 (or all zero when r = 0 for the gapped kinds);
/// ε = 2^epsilon_exponent is that of the scalar under test.
inline Eigen::VectorXd singular_values(SpectrumKind kind, int p, int r, int decay, int step,
                                       int epsilon_exponent = -52) {
  Eigen::VectorXd s = Eigen::VectorXd::Zero(p);
  r = std::clamp(r, 0, p);
  for (int i = 0; i < p; ++i) {
    switch (kind) {
      case SpectrumKind::gapped:
        if (i < r) s(i) = std::exp2(-double(decay) * i / std::max(r - 1, 1));
        break;
      case SpectrumKind::geometric: s(i) = std::exp2(-double(decay) * i / 4); break;
      case SpectrumKind::clustered: s(i) = i < r ? 1.0 : std::exp2(-double(decay)); break;
      case SpectrumKind::partial_isometry: s(i) = i < r ? 1.0 : 0.0; break;
      case SpectrumKind::devils_stairs: s(i) = std::pow(10.0, -0.6 * (i / (1 + step))); break;
      case SpectrumKind::epsilon_staircase: {
        const int k = std::max(std::min(1, p), std::min(r, p - 1 - step));
        s(i) = i < k ? 1.0 : std::exp2(epsilon_exponent + 3 + step - (i - k));
        break;
      }
    }
  }
  return s;
}

/// U_p·diag(σ)·V_pᵀ with Haar U (rows×rows) and V (cols×cols) drawn from `seed`.
inline Eigen::MatrixXd with_spectrum(int rows, int cols, const Eigen::VectorXd& s, std::uint64_t seed) {
  NormalStream normal(seed);
  const Eigen::MatrixXd U = haar_orthogonal(rows, normal), V = haar_orthogonal(cols, normal);
  const Eigen::Index p = s.size();
  return U.leftCols(p) * s.asDiagonal() * V.leftCols(p).transpose();
}

}  // namespace nullity_test
