// solve() returns a representable minimum-norm solution finite, whatever the scaling of the
// problem it solves internally (detail/scaled_solve.hpp, solve_with_scaled_rhs).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <nullity/nullity.hpp>
#include <nullity_test/thresholds.hpp>

namespace {

// Regression (fuzz_factorize, properties/fuzz/regressions/fuzz_factorize/scaled_solution_overflows):
// y was scaled to max|y'| ∈ [1/2, 1) before solving, so w' = solve(X', y') could overflow while
// w = 2^(k−e)·w' is representable. X = diag(1, 2^-1030) with every σ kept (rtol = 0) and
// y = (0, 2^-100): w = (0, 2^930) exactly, while the scaled problem's solution is 2^1030.
TEST(SolveRange, RepresentableSolutionIsFiniteWhenTheScaledOneWouldOverflow) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(2, 2);
  X(0, 0) = 1;
  X(1, 1) = std::ldexp(1.0, -1030);  // subnormal
  Eigen::VectorXd y(2);
  y << 0, std::ldexp(1.0, -100);
  const double expected = std::ldexp(1.0, 930);
  const double eps = std::numeric_limits<double>::epsilon();
  for (auto method : {nullity::Method::svd, nullity::Method::qr})
    for (auto backend : {nullity::Backend::automatic, nullity::Backend::eigen}) {
      nullity::Options o;
      o.method = method;
      o.backend = backend;
      o.rtol = 0;  // keep σ₂ = 2^-1030
      SCOPED_TRACE(std::string(nullity::to_string(method)) + "/" + nullity::to_string(backend));
      for (const Eigen::VectorXd& w : {Eigen::VectorXd(nullity::factorize(X, o).solve(y)),
                                       Eigen::VectorXd(nullity::min_norm_solve(X, y, o))}) {
        ASSERT_TRUE(w.allFinite()) << w.transpose();
        // A diagonal X: each component is one division, exact up to the factorization's
        // rounding of the diagonal (backward stability, a few ε; THRESH = 30 as elsewhere).
        EXPECT_LT(std::abs(w(1) - expected) / expected, nullity_test::kThresh * 2 * eps);
        EXPECT_LT(std::abs(w(0)), nullity_test::kThresh * 2 * eps * expected);
      }
    }
}

// A solution that is not representable comes out with infinite entries (IEEE), not an error.
TEST(SolveRange, UnrepresentableSolutionOverflowsToInfinity) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(2, 2);
  X(0, 0) = 1;
  X(1, 1) = std::ldexp(1.0, -1070);
  Eigen::VectorXd y(2);
  y << 0, 1;  // w₂ = 2^1070 > DBL_MAX
  nullity::Options o;
  o.rtol = 0;
  EXPECT_FALSE(nullity::factorize(X, o).solve(y).allFinite());
}

// Regression (fuzz_factorize, properties/fuzz/regressions/fuzz_factorize/
// unrepresentable_solution_returned_as_zero): when even the scaled solution overflowed, y was
// scaled down again and again until y' underflowed to zero, and solve() returned w = 0 — a
// finite, wrong answer. The fuzzer's 7×5 matrix: one row 2·(1 + 5j·2^-52), six rows of subnormal
// multiples of 2^-1074, every nonzero value kept (rtol = 0). The QR path keeps |r_ii| ≈ 2,
// 2^-1072, 2^-1071, and R₁₁⁻¹ has entries far beyond DBL_MAX: no scaling of y makes the solution
// finite without flushing y to zero, so it must come out non-finite — and never zero, since y
// has a component along the kept first column.
TEST(SolveRange, UnrepresentableSolutionIsNeverReturnedAsZero) {
  const double s = std::numeric_limits<double>::denorm_min(), u = std::ldexp(1.0, -52);
  Eigen::MatrixXd X(7, 5);
  Eigen::VectorXd y(7);
  for (int i = 0; i < 7; ++i) {
    for (int j = 0; j < 5; ++j) X(i, j) = i == 3 ? 2 * (1 + 5 * j * u) : (i == 6 ? 5 * j + 3 : 5 * j) * s;
    y(i) = 1 + 5 * (i + 1) * u;
  }
  for (auto backend : {nullity::Backend::automatic, nullity::Backend::eigen}) {
    nullity::Options o;
    o.method = nullity::Method::qr;
    o.backend = backend;
    o.rule = nullity::Rule::lapack;
    o.rtol = 0;
    SCOPED_TRACE(nullity::to_string(backend));
    const auto f = nullity::factorize(X, o);
    ASSERT_GT(f.rank(), 1);
    const Eigen::VectorXd w = f.solve(y);
    EXPECT_FALSE(w.isZero(0.0));
    EXPECT_FALSE(w.allFinite()) << w.transpose();
  }
}

}  // namespace
