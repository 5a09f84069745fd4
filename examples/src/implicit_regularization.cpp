// Implicit regularization (the seed Example 55's closing claim): gradient descent on
// ½‖Xw − y‖² never moves in ker X, because every step −η Xᵀ(Xw − y) lies in the row space.
// From w_0 = 0 it converges to the minimum-norm solution w⁺; from any other start it keeps the
// start's null-space component exactly and converges to w⁺ + Z Zᵀ w_0. With η = 1/σ_max² the
// error in the row space shrinks by at least ρ = 1 − ησ_min² per step, and exactly by ρ along
// v_min.
#include <cmath>
#include <ostream>
#include <vector>

#include <Eigen/SVD>
#include <nullity/nullity.hpp>

#include "bodies.hpp"
#include "bounds.hpp"
#include "checks.hpp"
#include "figure_data.hpp"
#include "gaussian.hpp"
#include "seed_data.hpp"

namespace nullity_examples {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

struct Run {
  std::vector<double> error;      // ‖ŵ_k − target‖
  std::vector<double> null_move;  // ‖Ẑᵀ(ŵ_k − w_0)‖
  std::vector<double> null_drift; // S_k: Σ_j of the null-space rounding increments
  std::vector<double> drift;      // S'_k: Σ_j of all rounding increments
};

/// K steps of w ← w − η Xᵀ(Xw − y) from w_0, recording the distance to `target`, the measured
/// null-space movement, and the accumulated rounding bounds. For one step, with r̂ = fl(Xw − y)
/// and ĝ = fl(Xᵀr̂) = Xᵀr̂ + f, ‖f‖ ≤ γ_n‖X‖_F‖r̂‖ (Higham 3.12), the update fl(w − fl(ηĝ))
/// differs from w − ηXᵀr̂ by at most η γ_n‖X‖_F‖r̂‖ + u η‖ĝ‖ + γ_1‖w_{k+1}‖; that is the only
/// part that can leave the row space (Xᵀr̂ is in it exactly). The error of r̂ itself,
/// ≤ γ_{d+1}(‖X‖_F‖w‖ + ‖y‖), enters the row space through ηXᵀ (norm ≤ ησ_1).
Run descend(const MatrixXd& X, const VectorXd& y, const VectorXd& w0, double eta, double sigma1,
            const MatrixXd& Z, const VectorXd& target, Index steps) {
  const double n = double(X.rows()), d = double(X.cols()), u = bounds::unit_roundoff();
  Run run;
  VectorXd w = w0;
  double S = 0, S_all = 0;
  for (Index k = 0;; ++k) {
    run.error.push_back((w - target).norm());
    run.null_move.push_back((Z.transpose() * (w - w0)).norm());
    run.null_drift.push_back(S);
    run.drift.push_back(S_all);
    if (k == steps) break;
    const VectorXd r = X * w - y;
    const VectorXd g = X.transpose() * r;
    const double w_norm = w.norm();
    w -= eta * g;
    const double step_null = eta * bounds::gamma(n) * X.norm() * r.norm() + u * eta * g.norm() + bounds::gamma(1) * w.norm();
    S += step_null;
    S_all += step_null + eta * sigma1 * bounds::gamma(d + 1) * (X.norm() * w_norm + y.norm());
  }
  return run;
}

}  // namespace

bool implicit_regularization(std::ostream& out) {
  Checks check(out);
  const Example55Data data = load_example55();
  const MatrixXd& X = data.X;
  const VectorXd& y = data.y;
  const auto f = nullity::factorize(X);
  const MatrixXd Z = f.null_space();
  const VectorXd w_plus = f.solve(y);
  Eigen::JacobiSVD<MatrixXd> svd(X, Eigen::ComputeThinV);
  const VectorXd s = svd.singularValues();
  const VectorXd v_min = svd.matrixV().col(s.size() - 1);

  const double E = bounds::svd_backward_error(X);
  const double s1 = s(0), s6 = s(s.size() - 1);
  const double eta = 1 / (s1 * s1);
  const double rho = 1 - eta * s6 * s6;
  // ρ's range for the exact σ_6 ∈ [σ̂_6 − E, σ̂_6 + E] (Weyl).
  const double rho_hi = 1 - eta * (s6 - E) * (s6 - E), rho_lo = 1 - eta * (s6 + E) * (s6 + E);
  const double w_err = bounds::svd_solve_error(E, X.rows(), f.rank(), s6 - E, y.norm(), w_plus.norm(), 0);
  const double sin_null = bounds::wedin_sin_theta(E, s6);               // Z against ker X
  const double sin_vmin = bounds::wedin_sin_theta(E, std::min(s(s.size() - 2) - s6, s6));  // v̂_6 against v_6
  constexpr Index steps = 300;

  Gaussian g(2025);
  const VectorXd w0 = g.vector(X.cols());
  const VectorXd target0 = w_plus;
  const VectorXd target1 = w_plus + Z * (Z.transpose() * w0);  // w⁺ + Z Zᵀ w_0
  const double target1_err = w_err + sin_null * w0.norm() + bounds::product_error(Z, (Z.transpose() * w0).norm()) +
                             bounds::product_error(Z.transpose(), w0.norm()) + bounds::gamma(1) * target1.norm();
  const Run a = descend(X, y, VectorXd::Zero(X.cols()), eta, s1, Z, target0, steps);
  const Run b = descend(X, y, w0, eta, s1, Z, target1, steps);

  out << "Gradient descent on 1/2 ||Xw - y||^2 (Example 55's X, y), step eta = 1/sigma_max^2 = " << fmt(eta, 6)
      << "; rate rho = 1 - eta sigma_min^2 = " << fmt(rho, 6) << "\n"
      << "  k     from 0: ||w_k - w+||  rho^k ||w+||   ||Z^T w_k||   bound      from w_0: ||w_k - (w+ + ZZ^T w_0)||  "
         "||Z^T(w_k - w_0)||\n";
  MatrixXd series(steps + 1, 7);
  double worst_upper = -bounds::infinity(), worst_lower = -bounds::infinity();
  double worst_null_a = -bounds::infinity(), worst_null_b = -bounds::infinity();
  const double e0a = a.error[0], e0b = b.error[0];
  const double along_a = std::abs(v_min.dot(VectorXd::Zero(X.cols()) - target0));
  const double along_b = std::abs(v_min.dot(w0 - target1));
  for (Index k = 0; k <= steps; ++k) {
    const std::size_t i = std::size_t(k);
    const double rk = std::pow(rho, double(k));
    // Null-space movement: Σ rounding increments, plus sin Θ‖w_k − w_0‖ for using the computed Z
    // (Wedin), plus rounding of w_k − w_0 and of Zᵀ(·) (Higham 3.12).
    const auto null_bound = [&](const Run& r, double moved) {
      return r.null_drift[i] + (sin_null + bounds::unit_roundoff()) * moved + bounds::product_error(Z.transpose(), moved);
    };
    const double moved_a = a.error[0] + a.error[i] + w_err, moved_b = b.error[0] + b.error[i] + target1_err;
    worst_null_a = std::max(worst_null_a, a.null_move[i] - null_bound(a, moved_a));
    worst_null_b = std::max(worst_null_b, b.null_move[i] - null_bound(b, moved_b));
    // Upper: ‖e_k‖ ≤ ρ^k‖e_0‖ in exact arithmetic (the error lives in the row space, where
    // I − ηXᵀX has eigenvalues 1 − ησ_i² ∈ [0, ρ]); plus the target's error and the rounding S'_k.
    for (const auto& [r, e0, t_err] : {std::tuple{&a, e0a, w_err}, std::tuple{&b, e0b, target1_err}}) {
      const double upper = std::pow(rho_hi, double(k)) * (e0 + t_err) + r->drift[i] + t_err;
      worst_upper = std::max(worst_upper, r->error[i] - upper);
    }
    // Lower: the v_min component shrinks by exactly ρ per step, so ‖e_k‖ ≥ ρ^k|v_minᵀe_0|.
    for (const auto& [r, along, e0, t_err] :
         {std::tuple{&a, along_a, e0a, w_err}, std::tuple{&b, along_b, e0b, target1_err}}) {
      const double lower = std::pow(rho_lo, double(k)) * (along - sin_vmin * e0 - 2 * t_err) - r->drift[i] - t_err;
      worst_lower = std::max(worst_lower, lower - r->error[i]);
    }
    series.row(k) << double(k), a.error[i], rk * e0a, a.null_move[i], null_bound(a, moved_a), b.error[i], b.null_move[i];
    if (k <= 2 || k == 5 || k % 25 == 0)
      out << "  " << pad(std::to_string(k), 6) << pad(fmt(a.error[i]), 22) << pad(fmt(rk * e0a), 14)
          << pad(fmt(a.null_move[i]), 14) << pad(fmt(null_bound(a, moved_a)), 11) << pad(fmt(b.error[i]), 39)
          << fmt(b.null_move[i]) << '\n';
  }
  out << "  observed rate ||e_51||/||e_50|| = " << fmt(a.error[51] / a.error[50], 6) << " (rho = " << fmt(rho, 6)
      << "); the start w_0 had ||Z^T w_0|| = " << fmt((Z.transpose() * w0).norm(), 6) << ", kept to within "
      << fmt(b.null_move[steps]) << '\n';
  check.at_most("from 0: max over k of ||Z^T w_k|| - bound_k", worst_null_a, 0,
                "the steps lie in the row space; bound_k = accumulated rounding (Higham 3.12) + Wedin for Z");
  check.at_most("from w_0: max over k of ||Z^T (w_k - w_0)|| - bound_k", worst_null_b, 0,
                "the start's null component is kept: same bound");
  check.at_most("max over k and both starts of ||e_k|| - (rho^k ||e_0|| + rounding)", worst_upper, 0,
                "linear convergence at rate 1 - eta sigma_min^2 (Weyl for sigma_min, Bjorck for w+)");
  check.at_most("max over k and both starts of rho^k |v_min^T e_0| - ||e_k|| - rounding", worst_lower, 0,
                "the rate is attained along v_min (Wedin for the computed v_min)");
  check.at_most("from 0: ||w_300 - w+||", a.error[steps], std::pow(rho_hi, double(steps)) * (e0a + w_err) +
                                                               a.drift[steps] + w_err,
                "gradient descent from 0 converges to the minimum-norm solution");
  write_figure_data("gd_convergence",
                    {"k", "error_from_zero", "rate_bound", "null_from_zero", "null_bound", "error_from_w0", "null_move_from_w0"},
                    series);
  return check.summary();
}

}  // namespace nullity_examples
