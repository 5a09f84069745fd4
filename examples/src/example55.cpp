// Example 55 of the seed ("many parameters, same predictor") on its own data: the rank and
// null space of X (6×12), the minimum-norm solution, a null-space move that leaves the
// predictions unchanged — the seed's literal thin-SVD procedure, which does not, and the
// property that catches it — and how regularization picks one solution out of w⁺ + ker X.
#include <cmath>
#include <ostream>

#include <Eigen/Cholesky>
#include <Eigen/SVD>
#include <nullity/nullity.hpp>

#include "basis_pursuit.hpp"
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

// NumPy 1.24's figures for the seed script on this data (the seed's README erratum and
// data/README): they come from LAPACK, not from this code.
constexpr double numpy_sigma_min = 1.638699874372541;
constexpr double numpy_seed_prediction_change = 16.38699874372541;

std::string vec(const VectorXd& v, int digits) {
  std::string s = "[";
  for (Index i = 0; i < v.size(); ++i) s += (i ? ", " : "") + fmt(v(i), digits);
  return s + "]";
}

/// What the walkthrough's sections share: the data, the factorization and its error bounds.
struct Problem {
  Example55Data data;
  nullity::Factorization<double> f;
  VectorXd s;        // singular values
  double E;          // SVD backward error ‖E‖₂ (bounds::svd_backward_error)
  double sigma_lo;   // σ̂_6 − ‖E‖ ≤ σ_6 (Weyl)
  VectorXd w_plus;   // computed w⁺
  double w_err;      // ‖ŵ⁺ − w⁺‖ bound (Björck, bounds::svd_solve_error)
};

/// The property "every returned null-space vector z satisfies ‖Xz‖ ≤ 2‖E‖ + γ_d‖X‖_F‖z‖"
/// (Weyl, see bounds::null_residual_bound; Higham 3.12 for forming Xz).
double null_vector_bound(const Problem& p, double z_norm) {
  return bounds::null_residual_bound(p.E) * z_norm + bounds::product_error(p.data.X, z_norm);
}

void rank_and_null_space(std::ostream& out, Checks& check, const Problem& p) {
  const MatrixXd& X = p.data.X;
  out << "X is " << X.rows() << "x" << X.cols() << " (the seed's own data, default_rng(1055)); singular values\n  ";
  for (Index i = 0; i < p.s.size(); ++i) out << fmt(p.s(i), 16) << ' ';
  out << "\nrank " << p.f.rank() << ", nullity " << p.f.nullity() << ", tau = " << fmt(p.f.tolerance()) << '\n'
      << "min singular value: " << fmt(p.s(p.s.size() - 1), 16) << '\n';
  check.equal("rank X", p.f.rank(), 6, "a Gaussian 6x12 matrix has full row rank with probability 1");
  check.holds("the rank is certified: sigma_6 - ||E|| > tau", p.sigma_lo > p.f.tolerance(),
              "Weyl: every matrix within ||E|| of X has rank 6 under this tau");
  check.equal("nullity X", p.f.nullity(), 6, "rank-nullity: 12 - 6");
  check.at_most("|sigma_min - NumPy's 1.638699874372541|", std::abs(p.s(5) - numpy_sigma_min), 2 * p.E,
                "Weyl: both computed values are within ||E|| of the exact sigma_6");
}

void minimum_norm(std::ostream& out, Checks& check, const Problem& p) {
  const MatrixXd& X = p.data.X;
  const VectorXd& w_true = p.data.w_true;
  out << "\nminimum-norm solution w+ = " << vec(p.w_plus, 6) << "\n  ||w+|| = " << fmt(p.w_plus.norm(), 16)
      << ",  ||w_true|| = " << fmt(w_true.norm(), 16) << '\n'
      << "  w+ is the projection of w_true onto the row space of X: ||w+|| <= ||w_true||, and w_true - w+ lies in ker X\n";
  // y = fl(X w_true) = X w_true + δy with ‖δy‖ ≤ γ_12‖X‖_F‖w_true‖, so w⁺ = X⁺y = P w_true + X⁺δy.
  const MatrixXd Q = p.f.row_space();
  const VectorXd projected = Q * (Q.transpose() * w_true);
  const double dy = bounds::product_error(X, w_true.norm());
  const double bound = p.w_err + dy / p.sigma_lo + bounds::wedin_sin_theta(p.E, p.s(5)) * w_true.norm() +
                       bounds::product_error(Q.transpose(), w_true.norm()) +
                       bounds::product_error(Q, (Q.transpose() * w_true).norm());
  check.at_most("||w+ - P_row w_true||", (p.w_plus - projected).norm(), bound,
                "Bjorck's bound for w+, ||delta y||/sigma_6 for y = fl(X w_true), Wedin for the computed row space");
  check.at_most("||w+|| - ||w_true||", p.w_plus.norm() - w_true.norm(), p.w_err,
                "a projection does not increase the norm");
}

void null_space_move(std::ostream& out, Checks& check, const Problem& p) {
  const MatrixXd& X = p.data.X;
  const MatrixXd Z = p.f.null_space();
  const VectorXd z = Z.col(Z.cols() - 1);
  const VectorXd w1 = p.w_plus + 10.0 * z;
  const VectorXd pred0 = X * p.w_plus, pred1 = X * w1;
  out << "\nA true null-space direction (last column of nullity's Z, the FULL V's last column):\n"
      << "  ||pred1 - pred0||_2 = " << fmt((pred1 - pred0).norm()) << "  for w1 = w+ + 10 z, ||z|| = 1\n";
  double worst = 0;
  for (Index j = 0; j < Z.cols(); ++j) worst = std::max(worst, (X * Z.col(j)).norm());
  check.at_most("max over nullity's null vectors of ||X z||", worst, null_vector_bound(p, 1),
                "the property: 2||E|| + gamma_12 ||X||_F");
  const double rounding = bounds::product_error(X, w1.norm()) + bounds::product_error(X, p.w_plus.norm()) +
                          X.norm() * bounds::gamma(2) * w1.norm();
  check.at_most("||X(w+ + 10z) - X w+||", (pred1 - pred0).norm(), 10 * null_vector_bound(p, 1) + rounding,
                "10 x the property's bound, + rounding of w+ + 10z and both products (Higham 3.12)");
}

void seed_procedure(std::ostream& out, Checks& check, const Problem& p) {
  const MatrixXd& X = p.data.X;
  // The seed: U,S,Vt = np.linalg.svd(X, full_matrices=False); z = Vt[-1]. With the thin SVD,
  // Vt is 6×12 and Vt[-1] is v_6, the right singular vector of σ_min: a ROW-space vector.
  Eigen::JacobiSVD<MatrixXd> thin(X, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const VectorXd z = thin.matrixV().col(thin.matrixV().cols() - 1).normalized();
  const VectorXd pred0 = X * p.w_plus, pred1 = X * (p.w_plus + 10.0 * z);
  const double change = (pred1 - pred0).norm();
  out << "\nThe seed's literal procedure (thin SVD, z = Vt[-1]): the thin V is " << thin.matrixV().rows() << "x"
      << thin.matrixV().cols() << ", so its last column is v_6, not a null vector\n"
      << "  ||pred1 - pred0||_2: " << fmt(change, 16) << "   (= 10 * sigma_min = " << fmt(10 * p.s(5), 16) << ")\n";
  // ‖X v̂_6‖ ∈ σ_6 ± 2‖E‖ (v̂_6 is exact for X + E with a σ̃ within ‖E‖ of σ_6), times 10, plus the
  // rounding of the two predictions; NumPy's figure obeys the same bound with its own E.
  const double own = 10 * 2 * p.E + bounds::product_error(X, (p.w_plus + 10.0 * z).norm()) +
                     bounds::product_error(X, p.w_plus.norm()) + X.norm() * bounds::gamma(2) * (p.w_plus + 10.0 * z).norm();
  check.at_most("|our figure - NumPy's 16.38699874372541|", std::abs(change - numpy_seed_prediction_change), 2 * own,
                "both are 10 sigma_6 to within 20||E|| + rounding of the products (Weyl, Higham 3.12)");
  const double residual = (X * z).norm(), allowed = null_vector_bound(p, 1);
  out << "  the property \"every returned null-space vector z satisfies ||Xz|| <= 2||E|| + gamma_12 ||X||_F\" on it:\n"
      << "  ||Xz|| = " << fmt(residual, 16) << " > " << fmt(allowed) << "  -> the property FAILS, as it must\n";
  check.holds("the null-vector property rejects the seed's thin-SVD vector", !(residual <= allowed),
              "||X v_6|| = sigma_6 >> 2||E||: the erratum is caught");
  Eigen::JacobiSVD<MatrixXd> full(X, Eigen::ComputeFullV);
  const VectorXd z_full = full.matrixV().col(full.matrixV().cols() - 1);
  out << "  with the FULL V (12x12, full_matrices=True) the last column is a null vector: ||Xz|| = "
      << fmt((X * z_full).norm()) << '\n';
  check.at_most("||X z|| for the full V's last column", (X * z_full).norm(), allowed, "the property");
}

void solution_set(std::ostream& out, Checks& check, const Problem& p) {
  const MatrixXd& X = p.data.X;
  const VectorXd& y = p.data.y;
  const MatrixXd Z = p.f.null_space();
  Gaussian g(55);
  out << "\nAll solutions are w+ + Z c (Z: orthonormal basis of ker X); ||w||^2 = ||w+||^2 + ||c||^2:\n"
      << "  ||c||      ||w||      ||Xw - y||\n";
  // ‖Zᵀŵ⁺‖ ≤ ‖ŵ⁺ − w⁺‖ + sin Θ‖w⁺‖ (Wedin for Z), which bounds the cross term 2 ŵ⁺ᵀZc.
  const double cross = p.w_err + bounds::wedin_sin_theta(p.E, p.s(5)) * (p.w_plus.norm() + p.w_err);
  double worst_residual = -bounds::infinity(), worst_pythagoras = -bounds::infinity();
  for (double scale : {0.1, 1.0, 10.0, 100.0}) {
    const VectorXd c = g.vector(Z.cols()).normalized() * scale;
    const VectorXd w = p.w_plus + Z * c;
    const double res = (X * w - y).norm();
    out << "  " << pad(fmt(scale, 3), 9) << pad(fmt(w.norm(), 8), 11) << fmt(res) << '\n';
    worst_residual = std::max(worst_residual, res - (null_vector_bound(p, 1) * std::sqrt(double(Z.cols())) * scale +
                                                     X.norm() * p.w_err + bounds::product_error(X, w.norm()) +
                                                     bounds::gamma(double(Z.cols()) + 1) * Z.norm() * scale * X.norm() +
                                                     bounds::unit_roundoff() * y.norm()));
    const double pythagoras = w.squaredNorm() - p.w_plus.squaredNorm() - c.squaredNorm();
    worst_pythagoras = std::max(
        worst_pythagoras,
        std::abs(pythagoras) - (2 * cross * scale + bounds::gamma(double(Z.cols()) + 14) *
                                                        (w.squaredNorm() + c.squaredNorm() + p.w_plus.squaredNorm() +
                                                         2 * w.norm() * scale)));
  }
  check.at_most("max over c of ||Xw - y|| - bound", worst_residual, 0,
                "bound: ||XZ|| <= sqrt(6)(2||E|| + gamma_12||X||_F), Bjorck for w+, rounding (Higham 3.12)");
  check.at_most("max over c of | ||w||^2 - ||w+||^2 - ||c||^2 | - bound", worst_pythagoras, 0,
                "w+ is orthogonal to ker X (Wedin for Z, Bjorck for w+); rounding of Zc, w and the sums of squares");
  const VectorXd c_true = Z.transpose() * (p.data.w_true - p.w_plus);
  out << "  w_true itself is w+ + Z c with ||c|| = " << fmt(c_true.norm(), 8) << " (= ||w_true - w+|| = "
      << fmt((p.data.w_true - p.w_plus).norm(), 8) << ")\n";
}

void ridge_path(std::ostream& out, Checks& check, const Problem& p) {
  const MatrixXd& X = p.data.X;
  const VectorXd& y = p.data.y;
  const Index n = X.rows();
  // Ridge in its dual form w_λ = Xᵀ(XXᵀ + λI)⁻¹y (Cholesky of a 6×6 matrix with condition number
  // at most (σ_1/σ_6)² ≈ 6.9): a path independent of the SVD that computed w⁺.
  // Exact: w_λ − w⁺ = −Σ λ/(σ_i² + λ)·(u_iᵀy/σ_i) v_i, so
  //   λ‖w⁺‖/(σ_1² + λ) ≤ ‖w_λ − w⁺‖ ≤ λ‖w⁺‖/(σ_6² + λ) ≤ λ‖w⁺‖/σ_6²  — exactly O(λ).
  const MatrixXd G = X * X.transpose();
  const double s1_hi = p.s(0) + p.E, s6 = p.sigma_lo;
  const double w_hi = p.w_plus.norm() + p.w_err, w_lo = p.w_plus.norm() - p.w_err;
  out << "\nRidge: w_lambda = argmin ||Xw - y||^2 + lambda ||w||^2 -> w+ as lambda -> 0, at rate O(lambda):\n"
      << "  lambda     ||w_lambda - w+||   lower lambda||w+||/(s1^2+lambda)   upper lambda||w+||/(s6^2+lambda)   "
         "ratio/lambda\n";
  MatrixXd series(13, 4);
  double above_upper = -bounds::infinity(), below_lower = -bounds::infinity();
  for (int k = 0; k <= 12; ++k) {
    const double lambda = std::pow(10.0, -k);
    MatrixXd Gl = G;
    Gl.diagonal().array() += lambda;
    const Eigen::LLT<MatrixXd> llt(Gl);
    const VectorXd t = llt.solve(y);
    const VectorXd w = X.transpose() * t;
    const double dist = (w - p.w_plus).norm();
    // Error of the computed w_λ: ΔG from forming XXᵀ (γ_12‖X‖_F²), adding λ (u), and the
    // Cholesky solve (γ_{3n+1}|R̂ᵀ||R̂|, Higham Thm 10.4, with ‖|R̂ᵀ||R̂|‖₂ ≤ ‖R̂‖_F²); then
    // ‖t̂ − t‖ ≤ ‖ΔG‖‖t̂‖/(σ_6² + λ) and ŵ = fl(Xᵀt̂) adds σ_1‖t̂ − t‖ + γ_6‖X‖_F‖t̂‖.
    const MatrixXd R = llt.matrixU();
    const double dG = bounds::gamma(double(X.cols())) * X.squaredNorm() +
                      bounds::unit_roundoff() * (X.squaredNorm() + lambda) +
                      bounds::gamma(3.0 * double(n) + 1) * R.squaredNorm();
    const double dt = dG * t.norm() / (s6 * s6 + lambda);
    const double err = s1_hi * dt + bounds::gamma(double(n)) * X.norm() * t.norm() + p.w_err;
    const double lower = lambda * w_lo / (s1_hi * s1_hi + lambda), upper = lambda * w_hi / (s6 * s6 + lambda);
    out << "  " << pad(fmt(lambda, 1), 9) << pad(fmt(dist, 6), 20) << pad(fmt(lower, 6), 35) << pad(fmt(upper, 6), 35)
        << fmt(dist / lambda, 6) << '\n';
    above_upper = std::max(above_upper, dist - upper - err);
    below_lower = std::max(below_lower, lower - dist - err);
    series.row(k) << lambda, dist, lower, upper;
  }
  check.at_most("max over lambda of ||w_lambda - w+|| - upper - err_lambda", above_upper, 0,
                "SVD expansion, Weyl for sigma_6, Bjorck for w+, Cholesky error err_lambda (Higham Thm 10.4)");
  check.at_most("max over lambda of lower - ||w_lambda - w+|| - err_lambda", below_lower, 0,
                "the same expansion with sigma_1: the rate is exactly O(lambda)");
  write_figure_data("example55_ridge", {"lambda", "distance", "lower", "upper"}, series);
}

void sparse_solution(std::ostream& out, Checks& check, const Problem& p) {
  const MatrixXd& X = p.data.X;
  const VectorXd& y = p.data.y;
  const BasisPursuit bp = basis_pursuit(X, y);
  const VectorXd& w = bp.w;
  Index nonzeros = 0;
  for (Index i = 0; i < w.size(); ++i) nonzeros += w(i) != 0;
  out << "\nL1 (basis pursuit: min ||w||_1 subject to Xw = y, simplex with Bland's rule, " << bp.iterations
      << " pivots):\n  w_1 = " << vec(w, 6) << "\n  non-zeros: " << nonzeros << " (w+ has "
      << (p.w_plus.array() != 0).count() << ");  ||w_1||_1 = " << fmt(w.lpNorm<1>(), 8)
      << " vs ||w+||_1 = " << fmt(p.w_plus.lpNorm<1>(), 8) << ";  ||w_1||_2 = " << fmt(w.norm(), 8)
      << " vs ||w+||_2 = " << fmt(p.w_plus.norm(), 8) << '\n';
  const double res = (X * w - y).norm();
  check.at_most("||X w_1 - y||", res,
                bp.residual_bound + bounds::product_error(X, w.norm()) + bounds::unit_roundoff() * y.norm(),
                "LU backward error gamma_{3n}|||L||U||| ||x|| (Higham Thm 9.4), + rounding of X w_1 - y");
  check.at_most("non-zeros of w_1", double(nonzeros), double(X.rows()),
                "a vertex of the LP has at most n = 6 basic variables");
  // Duality: every feasible w has ‖w‖₁ ≥ yᵀν whenever ‖Xᵀν‖_∞ ≤ 1. At the computed vertex
  // ‖w_1‖₁ − yᵀν = x_Bᵀ(c_B − Bᵀν) + νᵀ(B x_B − b), bounded by the two LU residuals.
  const VectorXd& nu = bp.dual;
  const double gap = w.lpNorm<1>() - y.dot(nu);
  const double gap_bound = w.norm() * bp.dual_residual_bound + nu.norm() * bp.residual_bound +
                           bounds::gamma(double(w.size())) * w.lpNorm<1>() + bounds::gamma(double(y.size())) * y.norm() * nu.norm();
  out << "  optimality certificate: dual nu with ||X^T nu||_inf = " << fmt((X.transpose() * nu).lpNorm<Eigen::Infinity>(), 16)
      << ", duality gap ||w_1||_1 - y^T nu = " << fmt(gap) << '\n';
  check.at_most("|duality gap|", std::abs(gap), gap_bound, "LU residuals of the primal and dual solves (Higham Thm 9.4)");
  double col_max = 0;
  for (Index j = 0; j < X.cols(); ++j) col_max = std::max(col_max, X.col(j).norm());
  check.at_most("||X^T nu||_inf - 1", (X.transpose() * nu).lpNorm<Eigen::Infinity>() - 1,
                std::max(bp.stopping_threshold, bp.dual_residual_bound) + bounds::gamma(double(X.rows())) * col_max * nu.norm(),
                "dual feasibility: the stopping rule's tau_j, the dual LU residual, rounding of X^T nu");
  // ‖w⁺‖ ≤ ‖w‖ for every exact solution; w_1 solves Xw = y + r exactly, whose w⁺ moves by ‖r‖/σ_6.
  check.at_most("||w+||_2 - ||w_1||_2", p.w_plus.norm() - w.norm(), p.w_err + res / p.sigma_lo,
                "w+ has the least 2-norm among all solutions");
  check.at_most("||w_1||_1 - ||w+||_1", w.lpNorm<1>() - p.w_plus.lpNorm<1>(),
                gap_bound + std::sqrt(double(w.size())) * (p.w_err + res / p.sigma_lo),
                "w_1 has the least 1-norm among all solutions");
  check.holds("the L1 solution differs from w+ (||w_1 - w+|| = " + fmt((w - p.w_plus).norm()) + ")",
              (w - p.w_plus).norm() > p.w_err + res / p.sigma_lo, "sparsity and minimum 2-norm pick different points");
}

Problem make_problem(Example55Data data) {
  auto f = nullity::factorize(data.X);
  const VectorXd s = f.spectrum();
  const double E = bounds::svd_backward_error(data.X);
  const double sigma_lo = s(s.size() - 1) - E;
  const VectorXd w = f.solve(data.y);
  // The system is consistent (rank 6 = n), so the exact residual is 0.
  const double w_err = bounds::svd_solve_error(E, data.X.rows(), f.rank(), sigma_lo, data.y.norm(), w.norm(), 0);
  return {std::move(data), std::move(f), s, E, sigma_lo, w, w_err};
}

}  // namespace

bool example55(std::ostream& out) {
  Checks check(out);
  const Problem p = make_problem(load_example55());
  rank_and_null_space(out, check, p);
  minimum_norm(out, check, p);
  null_space_move(out, check, p);
  seed_procedure(out, check, p);
  solution_set(out, check, p);
  ridge_path(out, check, p);
  sparse_solution(out, check, p);
  return check.summary();
}

}  // namespace nullity_examples
