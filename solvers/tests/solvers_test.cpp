// Every foreign contender on problems with a closed-form answer: the Day 33 matrix
// A = [[1,2,3],[2,4,6],[1,1,1]] (rank 2, ker A = span(1,−2,1), σ₁,₂² = (73 ± √5209)/2) and
// y = A·(1,1,1), whose minimum-norm solution is (1,1,1) itself since (1,1,1) ⟂ (1,−2,1).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <tuple>

#include <nullity_solvers/solvers.hpp>
#include <nullity_test/thresholds.hpp>

namespace {

using nullity_test::kThresh;  // LAPACK TESTING THRESH
const double kEps = std::numeric_limits<double>::epsilon();

Eigen::MatrixXd day33() {
  Eigen::MatrixXd A(3, 3);
  A << 1, 2, 3, 2, 4, 6, 1, 1, 1;
  return A;
}

TEST(ForeignContenders, MinimumNormOnesSolvesDay33) {
  const Eigen::MatrixXd A = day33();
  const Eigen::VectorXd w_true = Eigen::VectorXd::Ones(3);
  const Eigen::VectorXd y = A * w_true;
  const double kappa = std::sqrt((73 + std::sqrt(5209.0)) / (73 - std::sqrt(5209.0)));
  for (const auto& c : nullity::solvers::foreign_contenders()) {
    SCOPED_TRACE(c.name);
    const Eigen::VectorXd w = c.solve(A, y);
    ASSERT_EQ(w.size(), 3);
    if (c.name == "normal-equations") {
      // XXᵀ is exactly singular here (rank 2): Cholesky may break down (NaN) or return garbage;
      // the baseline carries no guarantee, which is why it is the cautionary one.
      continue;
    }
    // Björck's rank-deficient LS bound, zero residual: ‖w − w⁺‖/‖w⁺‖ ≲ c·max(n,d)·ε·κ_r.
    // Gradient descent stops at ‖Xᵀr‖ ≤ ε‖X‖(‖X‖‖w‖+‖y‖), i.e. at a κ² error scale.
    const double scale = c.name == "gradient-descent" ? 3 * kEps * kappa * kappa : 3 * kEps * kappa;
    EXPECT_LT((w - w_true).norm() / w_true.norm() / scale, kThresh);
  }
}

TEST(ForeignContenders, LapackDriversReportRankTwoOnDay33) {
  const Eigen::MatrixXd A = day33();
  const Eigen::VectorXd y = A * Eigen::VectorXd::Ones(3);
  const double rcond = nullity::solvers::numpy_rcond(A);
  EXPECT_EQ(nullity::solvers::lapack_gelsd(A, y, rcond).rank, 2);
  EXPECT_EQ(nullity::solvers::lapack_gelsy(A, y, rcond).rank, 2);
  EXPECT_EQ(nullity::solvers::lapack_gelss(A, y, rcond).rank, 2);
}

TEST(ForeignContenders, GesddAndQp3NullSpaceMatchTheClosedForm) {
  const Eigen::MatrixXd A = day33();
  const auto svd = nullity::solvers::lapack_gesdd(A);
  const double s1 = std::sqrt((73 + std::sqrt(5209.0)) / 2), s2 = std::sqrt((73 - std::sqrt(5209.0)) / 2);
  // Weyl: |σ̂_i − σ_i| ≤ ‖E‖₂ ≲ max(n,d)·ε·σ₁.
  EXPECT_LT(std::abs(svd.s(0) - s1) / (3 * kEps * s1), kThresh);
  EXPECT_LT(std::abs(svd.s(1) - s2) / (3 * kEps * s1), kThresh);
  EXPECT_LT(svd.s(2) / (3 * kEps * s1), kThresh);
  EXPECT_LT((svd.U.transpose() * svd.U - Eigen::MatrixXd::Identity(3, 3)).norm() / (3 * kEps), kThresh);

  const Eigen::MatrixXd Z = nullity::solvers::lapack_null_space_qp3(A, nullity::solvers::numpy_rcond(A));
  ASSERT_EQ(Z.cols(), 1);
  Eigen::Vector3d z(1, -2, 1);
  z /= std::sqrt(6.0);
  const double sign = Z.col(0).dot(z) < 0 ? -1 : 1;
  // Wedin: sin∠ ≤ ‖E‖₂/σ₂ ≲ max(n,d)·ε·σ₁/σ₂.
  EXPECT_LT((sign * Z.col(0) - z).norm() / (3 * kEps * s1 / s2), kThresh);
}

// The three LAPACK null-space routes on a wide and a tall matrix of planted rank (xGESDD runs
// with JOBZ = 'A' on the first, 'S' on the second; xGEQP3 on Xᵀ pads Q on the second): each
// basis is orthonormal, annihilates X and spans the same space as the others.
TEST(ForeignContenders, NullSpaceRoutesAgreeOnWideAndTall) {
  namespace ns = nullity::solvers;
  std::srand(16);
  for (auto [n, d, r] : {std::tuple{5, 9, 3}, std::tuple{9, 5, 2}}) {
    SCOPED_TRACE(std::to_string(n) + "x" + std::to_string(d));
    const Eigen::MatrixXd X = Eigen::MatrixXd::Random(n, r) * Eigen::MatrixXd::Random(r, d);
    const Eigen::VectorXd s = ns::lapack_singular_values(X);
    const double scale = std::max(n, d) * kEps * s(0) / s(r - 1);  // Wedin, as above
    const double rcond = ns::numpy_rcond(X);
    const Eigen::MatrixXd reference = ns::lapack_null_space_qp3(X, rcond);
    ASSERT_EQ(reference.cols(), d - r);
    for (const auto& Z : {ns::lapack_null_space_gesdd(X, rcond), ns::lapack_null_space_gesvd(X, rcond)}) {
      ASSERT_EQ(Z.rows(), d);
      ASSERT_EQ(Z.cols(), d - r);
      EXPECT_LT((Z.transpose() * Z - Eigen::MatrixXd::Identity(d - r, d - r)).norm() / (d * kEps), kThresh);
      EXPECT_LT((X * Z).norm() / (s(0) * std::max(n, d) * kEps), kThresh);
      EXPECT_LT((Z * Z.transpose() - reference * reference.transpose()).norm() / scale, kThresh);
    }
  }
}

TEST(ForeignContenders, EmptyShapesGiveZeroSolutions) {
  for (const auto& c : nullity::solvers::foreign_contenders()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.solve(Eigen::MatrixXd(0, 4), Eigen::VectorXd(0)), Eigen::VectorXd::Zero(4));
    EXPECT_EQ(c.solve(Eigen::MatrixXd(3, 0), Eigen::VectorXd::Ones(3)).size(), 0);
  }
}

}  // namespace
