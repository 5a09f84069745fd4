// The error bounds the walkthroughs hold their figures to. Each is a formula in ε, the
// dimensions, norms and singular values, with its source; none is a tuned constant.
//
// Conventions: u = ε/2 is the unit roundoff of double, γ_k = k·u/(1 − k·u) (Higham, Accuracy
// and Stability of Numerical Algorithms, 2nd ed., §3.1). Norms are 2-norms unless marked F.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/Core>

namespace nullity_examples::bounds {

inline double epsilon() { return std::numeric_limits<double>::epsilon(); }
inline double unit_roundoff() { return epsilon() / 2; }
inline double infinity() { return std::numeric_limits<double>::infinity(); }

/// γ_k = k·u/(1 − k·u) (Higham §3.1, Lemma 3.1); +∞ once k·u ≥ 1.
inline double gamma(double k) {
  const double ku = k * unit_roundoff();
  return ku < 1 ? ku / (1 - ku) : infinity();
}

/// ‖fl(A x) − A x‖₂ ≤ γ_k ‖|A||x|‖₂ ≤ γ_k ‖A‖_F ‖x‖₂ with k = A.cols(), the inner-product
/// length (Higham §3.5, eq. (3.12)).
inline double product_error(const Eigen::MatrixXd& A, double x_norm) {
  return gamma(double(A.cols())) * A.norm() * x_norm;
}

/// ‖E‖₂ for the backward error of a computed SVD (or QR) of the n×d matrix X: the computed
/// factors are exact for X + E. Higham Thm 19.4 gives ‖Δa_j‖₂ ≤ γ̃_{nd}‖a_j‖₂ column by column
/// for Householder reductions, hence ‖E‖₂ ≤ ‖E‖_F ≤ γ̃_{nd}‖X‖_F; γ̃_k = c·k·u/(1 − c·k·u) with a
/// small constant c, taken here as c = 2, i.e. γ̃_{nd} = γ_{2nd} (the LAPACK Users' Guide §4.9
/// states the same bound as p(n,d)·ε·‖X‖₂ with a "modestly growing" p).
inline double svd_backward_error(const Eigen::MatrixXd& X) {
  return gamma(2.0 * double(X.rows()) * double(X.cols())) * X.norm();
}

/// Wedin's sin Θ theorem (Wedin 1972; Stewart & Sun Thm V.4.4): a computed singular subspace
/// separated by `gap` from the rest of the spectrum is within sin Θ ≤ ‖E‖/(gap − ‖E‖) of the
/// exact one; +∞ when the gap does not exceed ‖E‖ (no bound).
inline double wedin_sin_theta(double E, double gap) { return gap > E ? E / (gap - E) : infinity(); }

/// ‖X ẑ‖₂ for a unit vector ẑ that the SVD path returns as a null vector of X, where X's
/// (r+1)-th singular value is σ_next (0 when the rank is exactly r): ẑ is a right singular
/// vector of X + E for a singular value σ̃ ≤ σ_next + ‖E‖ (Weyl), and X ẑ = (X+E)ẑ − Eẑ, so
/// ‖X ẑ‖ ≤ σ_next + 2‖E‖.
inline double null_residual_bound(double E, double sigma_next = 0) { return sigma_next + 2 * E; }

/// Forward error of a computed minimum-norm least-squares solution w⁺ (Björck, Numerical
/// Methods for Least Squares Problems, 1996, §1.4.3; Handbook of Linear Algebra ch. 52):
/// for perturbations ‖ΔX‖ ≤ E and ‖Δy‖ ≤ dy that keep the rank r, with η = E/σ_r < 1,
///   ‖ŵ − w⁺‖ ≤ (E‖w⁺‖ + dy + η‖r‖)/((1 − η)σ_r) + η‖w⁺‖,
/// where r = y − Xw⁺ is the residual. `sigma_r` must be a lower bound on the exact σ_r.
inline double min_norm_forward_error(double E, double dy, double sigma_r, double w_norm, double residual_norm) {
  const double eta = E / sigma_r;
  if (!(eta < 1)) return infinity();
  return (E * w_norm + dy + eta * residual_norm) / ((1 - eta) * sigma_r) + eta * w_norm;
}

/// The error of nullity's SVD-path solve w = V_r Σ_r⁻¹ U_rᵀ y for an n×d X of rank r: the
/// factors are exact for X + E (svd_backward_error); forming U_rᵀy (inner products of length n,
/// U_r with √r unit columns) and dividing by σ_i are a perturbation of y of at most
/// (γ_n√r + u)‖y‖; forming V_r t adds γ_r√r‖w‖ (product_error with ‖V_r‖_F = √r).
inline double svd_solve_error(double E, Eigen::Index n, Eigen::Index r, double sigma_r_lower, double y_norm,
                              double w_norm, double residual_norm) {
  const double sr = std::sqrt(double(r));
  const double dy = (gamma(double(n)) * sr + unit_roundoff()) * y_norm;
  return min_norm_forward_error(E, dy, sigma_r_lower, w_norm, residual_norm) + gamma(double(r)) * sr * w_norm;
}

}  // namespace nullity_examples::bounds
