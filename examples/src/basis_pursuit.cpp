#include "basis_pursuit.hpp"

#include <stdexcept>
#include <vector>

#include <Eigen/LU>

#include "bounds.hpp"

namespace nullity_examples {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

/// ‖|L̂||Û|‖₂ ≤ ‖|L̂||Û|‖_F from a partial-pivoting LU's packed factors.
double lu_factor_norm(const Eigen::PartialPivLU<MatrixXd>& lu) {
  const MatrixXd& LU = lu.matrixLU();
  MatrixXd L = LU.triangularView<Eigen::StrictlyLower>();
  L.diagonal().setOnes();
  const MatrixXd U = LU.triangularView<Eigen::Upper>();
  return (L.cwiseAbs() * U.cwiseAbs()).norm();
}

/// Dense revised simplex for min cᵀx, A x = b, x ≥ 0 from a feasible basis; columns with
/// allowed[j] false never enter. Bland's rule for entering and leaving columns.
class Simplex {
 public:
  Simplex(const MatrixXd& A, const VectorXd& b, std::vector<Index> basis)
      : A_(A), b_(b), basis_(std::move(basis)) {}

  void optimize(const VectorXd& c, const std::vector<bool>& allowed, int& pivots) {
    const Index n = A_.rows(), m = A_.cols();
    const int limit = 50 * int(m);
    for (;;) {
      factor(c);
      std::vector<bool> basic(std::size_t(m), false);
      for (Index j : basis_) basic[std::size_t(j)] = true;
      Index entering = -1;
      threshold_ = 0;
      for (Index j = 0; j < m && entering < 0; ++j) {
        if (basic[std::size_t(j)] || !allowed[std::size_t(j)]) continue;
        const double d = c(j) - A_.col(j).dot(nu_);
        const double tau = bounds::gamma(double(n + 1)) * (std::abs(c(j)) + A_.col(j).cwiseAbs().dot(nu_.cwiseAbs()));
        threshold_ = std::max(threshold_, tau);
        if (d < -tau) entering = j;
      }
      if (entering < 0) return;
      if (++pivots > limit) throw std::runtime_error("basis pursuit: pivot limit reached (rounding-induced cycling)");
      const VectorXd u = lu_.solve(A_.col(entering));
      // Entries of u at the rounding level of the solve are treated as zero (not pivots).
      const double pivot_floor = double(n) * bounds::epsilon() * u.cwiseAbs().maxCoeff();
      Index leave = -1;
      double best = bounds::infinity();
      for (Index i = 0; i < n; ++i) {
        if (u(i) <= pivot_floor) continue;
        const double ratio = std::max(0.0, x_(i)) / u(i);
        if (ratio < best || (ratio == best && basis_[std::size_t(i)] < basis_[std::size_t(leave)])) {
          best = ratio;
          leave = i;
        }
      }
      if (leave < 0) throw std::runtime_error("basis pursuit: unbounded (impossible for a norm objective)");
      basis_[std::size_t(leave)] = entering;
    }
  }

  /// Factorizes the basis matrix and computes x_B = B⁻¹b and ν = B⁻ᵀc_B.
  void factor(const VectorXd& c) {
    const Index n = A_.rows();
    MatrixXd B(n, n);
    VectorXd cB(n);
    for (Index i = 0; i < n; ++i) {
      B.col(i) = A_.col(basis_[std::size_t(i)]);
      cB(i) = c(basis_[std::size_t(i)]);
    }
    lu_.compute(B);
    x_ = lu_.solve(b_);
    nu_ = lu_.transpose().solve(cB);
  }

  std::vector<Index>& basis() { return basis_; }
  const VectorXd& x() const { return x_; }
  const VectorXd& nu() const { return nu_; }
  const Eigen::PartialPivLU<MatrixXd>& lu() const { return lu_; }
  double threshold() const { return threshold_; }

 private:
  const MatrixXd& A_;
  const VectorXd& b_;
  std::vector<Index> basis_;
  Eigen::PartialPivLU<MatrixXd> lu_;
  VectorXd x_, nu_;
  double threshold_ = 0;
};

}  // namespace

BasisPursuit basis_pursuit(const MatrixXd& X, const VectorXd& y) {
  const Index n = X.rows(), d = X.cols();
  // Rows flipped so that b = |y| ≥ 0; then the artificial columns I give a feasible start.
  const VectorXd sign = y.unaryExpr([](double v) { return v < 0 ? -1.0 : 1.0; });
  MatrixXd A(n, 2 * d + n);
  A << sign.asDiagonal() * X, -(sign.asDiagonal() * X), MatrixXd::Identity(n, n);
  const VectorXd b = sign.asDiagonal() * y;
  std::vector<Index> start;
  for (Index i = 0; i < n; ++i) start.push_back(2 * d + i);

  BasisPursuit result;
  Simplex simplex(A, b, start);
  // Phase 1: minimize the sum of the artificials.
  VectorXd c1 = VectorXd::Zero(A.cols());
  c1.tail(n).setOnes();
  simplex.optimize(c1, std::vector<bool>(std::size_t(A.cols()), true), result.iterations);
  // Artificials left in the basis (at level zero) are pivoted out for structural columns.
  for (Index i = 0; i < n; ++i) {
    if (simplex.basis()[std::size_t(i)] < 2 * d) continue;
    simplex.factor(c1);
    bool replaced = false;
    for (Index j = 0; j < 2 * d && !replaced; ++j) {
      bool basic = false;
      for (Index k : simplex.basis()) basic = basic || k == j;
      if (basic) continue;
      const VectorXd u = simplex.lu().solve(A.col(j));
      if (std::abs(u(i)) > double(n) * bounds::epsilon() * u.cwiseAbs().maxCoeff()) {
        simplex.basis()[std::size_t(i)] = j;
        replaced = true;
      }
    }
    if (!replaced) throw std::runtime_error("basis pursuit: X does not have full row rank");
  }
  // Phase 2: minimize ‖w‖₁ = 1ᵀ(p + q); artificials may not re-enter.
  VectorXd c2 = VectorXd::Zero(A.cols());
  c2.head(2 * d).setOnes();
  std::vector<bool> allowed(std::size_t(A.cols()), true);
  for (Index i = 0; i < n; ++i) allowed[std::size_t(2 * d + i)] = false;
  simplex.optimize(c2, allowed, result.iterations);

  result.w = VectorXd::Zero(d);
  for (Index i = 0; i < n; ++i) {
    const Index j = simplex.basis()[std::size_t(i)];
    if (j >= 2 * d) throw std::runtime_error("basis pursuit: an artificial column stayed in the basis");
    result.w(j % d) += j < d ? simplex.x()(i) : -simplex.x()(i);
  }
  result.dual = sign.asDiagonal() * simplex.nu();
  const double lu_norm = lu_factor_norm(simplex.lu());
  result.residual_bound = bounds::gamma(3.0 * double(n)) * lu_norm * simplex.x().norm();
  result.dual_residual_bound = bounds::gamma(3.0 * double(n)) * lu_norm * simplex.nu().norm();
  result.stopping_threshold = simplex.threshold();
  return result;
}

}  // namespace nullity_examples
