// The QR path's routes (detail/qr_core.hpp) must agree: the unpivoted fast route, taken when
// the condition estimate accepts full rank, the split route, which pivots only the trailing
// block when the unpivoted QR reveals a rank k < p, and the column-pivoted complete orthogonal
// decomposition. The public API cannot pick a route (that is the point of the rule), so this
// white-box test drives the core directly: τ(s₁) = 0 lets the fast route accept a
// well-conditioned matrix, τ(s₁) = +∞ forces the pivoted route, and both are truncated at p.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <Eigen/QR>
#include <nullity/detail/qr_core.hpp>
#include <nullity/nullity.hpp>
#include <nullity_test/thresholds.hpp>

namespace {

using nullity_test::kThresh;  // LAPACK TESTING THRESH
const double kEps = std::numeric_limits<double>::epsilon();

// A deterministic, irregular matrix in [−1/2, 1/2) (no random-number library: the same on every
// platform): the fractional part of a scaled sine, which is not separable in i and j, so the
// matrix has full rank (a plain sin(a + b·i + c·j) would have rank 2).
Eigen::MatrixXd irregular(Eigen::Index rows, Eigen::Index cols, double seed) {
  Eigen::MatrixXd G(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double t = std::sin(seed + 12.9898 * double(i) + 78.233 * double(j)) * 43758.5453;
      G(i, j) = t - std::floor(t) - 0.5;
    }
  return G;
}

Eigen::MatrixXd orthogonal(Eigen::Index m, double seed) {
  return Eigen::HouseholderQR<Eigen::MatrixXd>(irregular(m, m, seed)).householderQ();
}

// X = U diag(σ) Vᵀ with σ_i geometric from 1 to 1/κ.
Eigen::MatrixXd conditioned(Eigen::Index n, Eigen::Index d, double kappa, double seed) {
  const Eigen::Index p = std::min(n, d);
  Eigen::VectorXd s(p);
  for (Eigen::Index i = 0; i < p; ++i) s(i) = std::pow(kappa, -double(i) / double(std::max<Eigen::Index>(p - 1, 1)));
  return orthogonal(n, seed).leftCols(p) * s.asDiagonal() * orthogonal(d, seed + 1).leftCols(p).transpose();
}

double projector_distance(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  if (A.cols() == 0 && B.cols() == 0) return 0;
  return (A * A.transpose() - B * B.transpose()).norm();
}

struct Case {
  Eigen::Index n, d;
  double kappa;
};

class QrRoutes : public ::testing::TestWithParam<Case> {};

// Both routes compute the full-rank minimum-norm solution and the same subspaces. Each is
// backward stable (Higham ASNA Thm 19.4, 20.3), so on a consistent system they differ by at most
// the forward-error bound c·max(n,d)·ε·κ (Higham Thm 20.1, zero residual), and the subspaces by
// Wedin's ‖E‖/σ_p = c·max(n,d)·ε·κ.
TEST_P(QrRoutes, FastAndPivotedRoutesAgreeOnFullRankInput) {
  const auto [n, d, kappa] = GetParam();
  const Eigen::MatrixXd X = conditioned(n, d, kappa, double(n + 3 * d));
  const Eigen::Index p = std::min(n, d);
  const Eigen::VectorXd w_true = conditioned(d, 1, 1, 5.0).col(0);
  const Eigen::VectorXd y = X * w_true;  // consistent: zero residual

  nullity::detail::QrCore<double> fast, pivoted;
  ASSERT_EQ(fast.decompose(X, [](double) { return 0.0; }), Eigen::Success);
  ASSERT_EQ(pivoted.decompose(X, [](double) { return std::numeric_limits<double>::infinity(); }), Eigen::Success);
  ASSERT_TRUE(fast.fast_route()) << "κ = " << kappa << " should pass the condition-estimate test";
  ASSERT_FALSE(pivoted.fast_route());
  fast.truncate(p);
  pivoted.truncate(p);
  ASSERT_EQ(fast.vectors(), Eigen::Success);
  ASSERT_EQ(pivoted.vectors(), Eigen::Success);

  const double scale = double(std::max(n, d)) * kEps * kappa;
  const Eigen::VectorXd w1 = fast.solve(y), w2 = pivoted.solve(y);
  EXPECT_LT((w1 - w2).norm() / w2.norm() / scale, kThresh);
  EXPECT_LT(projector_distance(fast.null_space(), pivoted.null_space()) / scale, kThresh);
  EXPECT_LT(projector_distance(fast.row_space(), pivoted.row_space()) / scale, kThresh);
  EXPECT_EQ(fast.null_space().cols(), d - p);
  // Every value the fast route reports exceeds τ, so the one rule gives rank p on them too.
  EXPECT_GT(fast.values().minCoeff(), 0);
  // The rule's s₁ is the same on both routes: the largest column norm of the tall orientation
  // (|R_11| of the pivoted QR), each computed to a few ulps (a norm of ≤ max(n,d) terms).
  EXPECT_LT(std::abs(fast.leading() - pivoted.leading()) / (pivoted.leading() * double(std::max(n, d)) * kEps), kThresh);
}

// Regression: the fast route used its largest |R₀_ii| as s₁, which for an unpivoted QR can be
// below the largest column norm; τ then depended on the route. X = magic(3) with its second
// row repeated in front (rank 3, well conditioned: the fast route; |R₀_11| = √98) has column
// norms √98, √132, √138, so the rule's s₁ is √138 and τ = max(n,d)·ε·√138 (NumPy's rule),
// whatever the route.
TEST(QrRoutesPublic, ToleranceIsTheSameOnBothRoutes) {
  Eigen::MatrixXd X(4, 3);
  X << 3, 5, 7, 8, 1, 6, 3, 5, 7, 4, 9, 2;
  nullity::Options o;
  o.method = nullity::Method::qr;
  const auto f = nullity::factorize(X, o);
  EXPECT_EQ(f.rank(), 3);
  const double expected = 4 * kEps * std::sqrt(138.0);
  EXPECT_LT(std::abs(f.tolerance() - expected) / (expected * 4 * kEps), kThresh);
  // The certificate reports the same τ.
  EXPECT_LT(std::abs(f.certificate().tolerance - expected) / (expected * 4 * kEps), kThresh);
}

// The split route on a product of thin factors (rank k, its leading k columns independent, as a
// planted rank is) decides r = k after pivoting only the trailing (p−k)×(p−k) block; the fully
// pivoted route (forced by τ = +∞ during the decomposition, then truncated at the same k) finds
// the same subspaces and solution. Both are backward stable complete orthogonal decompositions,
// so they differ by Wedin's c·max(n,d)·ε·κ_k with κ_k = σ₁/σ_k of the planted factorization.
TEST(QrRoutesSplit, SplitAndPivotedRoutesAgreeOnRankDeficientInput) {
  for (const auto& [n, d] : {std::pair<Eigen::Index, Eigen::Index>{30, 50}, {50, 30}, {40, 40}}) {
    const Eigen::Index k = 12;
    const Eigen::MatrixXd X = conditioned(n, k, 1e3, 1.0) * conditioned(k, d, 1, 2.0);  // rank k, κ_k = 1e3
    const Eigen::VectorXd y = conditioned(n, 1, 1, 3.0).col(0);
    const double N = double(std::max(n, d));
    const auto numpy_tau = [N](double s1) { return N * kEps * s1; };
    nullity::detail::QrCore<double> split, pivoted;
    ASSERT_EQ(split.decompose(X, numpy_tau), Eigen::Success);
    ASSERT_EQ(pivoted.decompose(X, [](double) { return std::numeric_limits<double>::infinity(); }), Eigen::Success);
    EXPECT_EQ(split.split(), k) << n << "x" << d;
    EXPECT_EQ(pivoted.split(), 0);
    // The rule on the split route's values gives k: k values above τ, the rest at most τ.
    const double tau = numpy_tau(split.leading());
    Eigen::Index run = 0;  // the rule counts the leading run of values above τ
    while (run < split.values().size() && split.values()(run) > tau) ++run;
    EXPECT_EQ(run, k);
    EXPECT_EQ((split.values().array() > tau).count(), k);
    split.truncate(k);
    pivoted.truncate(k);
    ASSERT_EQ(split.vectors(), Eigen::Success);
    ASSERT_EQ(pivoted.vectors(), Eigen::Success);
    const double scale = N * kEps * 1e3;
    EXPECT_LT(projector_distance(split.null_space(), pivoted.null_space()) / scale, kThresh);
    EXPECT_LT(projector_distance(split.row_space(), pivoted.row_space()) / scale, kThresh);
    const Eigen::VectorXd w1 = split.solve(y), w2 = pivoted.solve(y);
    EXPECT_LT((w1 - w2).norm() / w2.norm() / scale, kThresh);
    // The largest reported value is the rule's s₁ (the largest column is moved first).
    EXPECT_EQ(split.values()(0), split.leading());
  }
}

// Two equal columns: the unpivoted QR's diagonal vanishes where the second one comes (a short
// leading run, after which the trailing block still adds to the rank), so the split does not
// stand and the whole R₀ is pivoted; the rank is still right.
TEST(QrRoutesSplit, DependentLeadingColumnsFallBackToFullPivoting) {
  Eigen::MatrixXd X = irregular(20, 10, 4.0);
  X.col(1) = X.col(0);
  nullity::detail::QrCore<double> core;
  ASSERT_EQ(core.decompose(X, [](double s1) { return 20 * kEps * s1; }), Eigen::Success);
  EXPECT_EQ(core.split(), 0);
  EXPECT_FALSE(core.fast_route());
  nullity::Options o;
  o.method = nullity::Method::qr;
  const auto f = nullity::factorize(X, o);
  EXPECT_EQ(f.rank(), 9);
  EXPECT_EQ(f.null_space().cols(), 1);
  EXPECT_LT((X * f.null_space()).norm() / X.norm() / (20 * kEps), kThresh);
}

INSTANTIATE_TEST_SUITE_P(Shapes, QrRoutes,
                         ::testing::Values(Case{20, 40, 1}, Case{20, 40, 1e4}, Case{40, 20, 1e4}, Case{30, 30, 1e6},
                                           Case{1, 5, 1}, Case{5, 1, 1}, Case{64, 128, 1e2}));

// Through the public API: a matrix with σ_p = 1e-6 has rank p whether τ lets the fast route
// accept it (default τ = max(n,d)·ε·s₁) or only the pivoted route (rtol = 1e-7: the acceptance
// margin 10·rtol·‖X‖_F exceeds σ_p, while τ = rtol·s₁ ≤ 1e-7 stays below it), and the two
// solutions agree as above.
TEST(QrRoutesPublic, RankAndSolutionDoNotDependOnWhichRouteDecided) {
  const Eigen::MatrixXd X = conditioned(20, 40, 1e6, 7.0);
  const Eigen::VectorXd y = X * conditioned(40, 1, 1, 3.0).col(0);
  nullity::Options a, b;
  a.method = b.method = nullity::Method::qr;
  b.rtol = 1e-7;
  const auto fa = nullity::factorize(X, a), fb = nullity::factorize(X, b);
  EXPECT_EQ(fa.rank(), 20);
  EXPECT_EQ(fb.rank(), 20);
  const Eigen::VectorXd wa = fa.solve(y), wb = fb.solve(y);
  EXPECT_LT((wa - wb).norm() / wb.norm() / (40 * kEps * 1e6), kThresh);
  // Different routes report different values (sorted unpivoted vs pivoted |R_ii|): this
  // confirms that the two factorizations above did take different routes.
  EXPECT_NE(fa.spectrum(), fb.spectrum());
}

// Rank-deficient input never takes the fast route, and the pivoted route finds the planted rank.
TEST(QrRoutesPublic, RankDeficientInputFindsThePlantedRank) {
  const Eigen::MatrixXd X = irregular(30, 12, 1.0) * irregular(12, 50, 2.0);  // rank 12
  const auto f = nullity::factorize(X, [] {
    nullity::Options o;
    o.method = nullity::Method::qr;
    return o;
  }());
  EXPECT_EQ(f.rank(), 12);
  EXPECT_EQ(f.null_space().cols(), 38);
  const double normX = X.norm();
  EXPECT_LT((X * f.null_space()).norm() / (normX * 50 * kEps), kThresh);  // ‖XZ‖ ≲ max(n,d)·ε·‖X‖
}

}  // namespace
