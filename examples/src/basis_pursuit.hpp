// Basis pursuit, min ‖w‖₁ subject to X w = y, as the linear program
//   min 1ᵀ(p + q)  subject to  [X, −X] [p; q] = y,  p, q ≥ 0,   w = p − q,
// solved by a small dense revised simplex method with Bland's rule (deterministic, and it
// cannot cycle). The answer is a vertex: at most n = rows(X) non-zero entries.
//
// Stopping rule: a non-basic column j may enter only if its reduced cost d_j = c_j − a_jᵀν is
// below −τ_j, τ_j = γ_{n+1}(|c_j| + |a_j|ᵀ|ν|), the rounding error of computing d_j (Higham
// §3.1); when none qualifies the basis is optimal to within that rounding. The result carries
// a duality certificate (the dual ν, and the bounds below) so that callers can check optimality
// without trusting the iteration.
#pragma once

#include <Eigen/Core>

namespace nullity_examples {

struct BasisPursuit {
  Eigen::VectorXd w;     ///< the computed minimizer
  Eigen::VectorXd dual;  ///< ν: X_Bᵀν = sign(w_B) on the final basis B; ‖Xᵀν‖_∞ ≤ 1 at optimum
  int iterations = 0;    ///< simplex pivots, both phases
  /// ‖X w − y‖ ≤ residual_bound in exact arithmetic: the basic solution is computed by LU with
  /// partial pivoting, (B + ΔB) x̂ = b with |ΔB| ≤ γ_{3n}|L̂||Û| (Higham Thm 9.4), and
  /// ‖|L̂||Û|‖₂ is evaluated from the computed factors.
  double residual_bound = 0;
  /// The same for the dual solve: ‖X_Bᵀν − sign(w_B)‖ ≤ dual_residual_bound.
  double dual_residual_bound = 0;
  /// max_j τ_j over the non-basic columns at the final basis (the stopping rule above).
  double stopping_threshold = 0;
};

/// \throws std::runtime_error if X does not have full row rank or the pivot limit (a guard
/// against rounding-induced cycling, 50 × the number of columns) is reached.
BasisPursuit basis_pursuit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y);

}  // namespace nullity_examples
