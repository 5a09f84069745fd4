// Tests written for the mutants that survived the rest of the suite (scripts/mutate.py; the
// run and the table of survivors are in docs/properties.md, "Mutation testing"). Each states a
// documented behaviour through the public API; the comment above it names the mutant it kills by
// its site id, which holds only for the headers of that run.
//
// Eigen's assertions are on in this program (and only here): some mutants are faults that a
// release build cannot see — an index one past the end, a broken invariant checked by an
// eigen_assert — and an assertion-enabled build stops on them. A program of its own, so that
// no other translation unit sees another definition of the same inline functions.
#undef NDEBUG

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include <nullity/nullity.hpp>

#include "diagonal_matrix.hpp"

namespace {

const double kEps = std::numeric_limits<double>::epsilon();

using nullity_tests::diag;

nullity::Options qr() {
  nullity::Options o;
  o.method = nullity::Method::qr;
  return o;
}

// A deterministic 8×5 matrix with integer entries and full column rank, well conditioned enough
// for the QR path's fast route.
Eigen::MatrixXd full_rank() {
  Eigen::MatrixXd X(8, 5);
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    for (Eigen::Index j = 0; j < X.cols(); ++j) X(i, j) = double((3 * i + 7 * j * j + 1) % 11) - 5 + (i == j ? 20 : 0);
  return X;
}

void expect_orthonormal_null_basis(const Eigen::MatrixXd& X, const Eigen::MatrixXd& Z, Eigen::Index nullity) {
  ASSERT_EQ(Z.rows(), X.cols());
  ASSERT_EQ(Z.cols(), nullity);
  const double scale = 100 * kEps * (1 + X.norm());
  EXPECT_LE((Z.transpose() * Z - Eigen::MatrixXd::Identity(nullity, nullity)).norm(), 100 * kEps);
  EXPECT_LE((X * Z).norm(), scale);
}

// 106, 108, 110 (qr_core.hpp, QrCore::truncate: the two eigen_asserts on the route's rank) and
// 93 (qr_core.hpp, decompose: `head(j + 1)` to `head(j - 1)`, a block of negative size at j = 0).
// Each QR route keeps the rank it promised: p on the fast route, k on the split route; a release
// build compiles the assertions out, this program keeps them.
TEST(MutationSurvivors, EachQrRouteKeepsTheRankItPromised) {
  const Eigen::MatrixXd fast = full_rank();
  EXPECT_EQ(nullity::rank(fast, qr()), 5);
  expect_orthonormal_null_basis(fast, nullity::null_space(fast, qr()), 0);
  // A repeated first column: the leading columns are dependent, the whole R₀ is pivoted.
  Eigen::MatrixXd pivoted = full_rank();
  pivoted.col(1) = pivoted.col(0);
  EXPECT_EQ(nullity::rank(pivoted, qr()), 4);
  expect_orthonormal_null_basis(pivoted, nullity::null_space(pivoted, qr()), 1);
  // A dependent last column: the leading 4 columns are accepted, the trailing block is pivoted.
  Eigen::MatrixXd split = full_rank();
  split.col(4) = split.col(0) + split.col(2);
  EXPECT_EQ(nullity::rank(split, qr()), 4);
  expect_orthonormal_null_basis(split, nullity::null_space(split, qr()), 1);
}

// 128 (qr_core.hpp, basis_columns: `r_ > 0` to `r_ >= 0`). The QR path's null space of the zero
// matrix is the whole space, without a complete orthogonal decomposition (there is none at r = 0).
TEST(MutationSurvivors, QrNullSpaceOfTheZeroMatrixIsTheWholeSpace) {
  const Eigen::MatrixXd X = Eigen::MatrixXd::Zero(4, 3);
  EXPECT_EQ(nullity::rank(X, qr()), 0);
  expect_orthonormal_null_basis(X, nullity::null_space(X, qr()), 3);
}

// 175, 186 (tolerance.hpp: the words of default_rtol and of threshold's text). The certificate
// spells out the rule it applied: which size the default rtol scales ε by, and MATLAB's eps(s_1).
TEST(MutationSurvivors, CertificateSpellsOutTheRuleItApplied) {
  const Eigen::MatrixXd X = diag(3, 5, {1, 0.5});
  const auto text = [&](const nullity::Options& o) { return nullity::factorize(X, o).certificate().rule_text; };
  const auto has = [](const std::string& s, const char* part) { return s.find(part) != std::string::npos; };
  EXPECT_TRUE(has(text(nullity::Options::numpy()), "rtol = max(n,d)*eps")) << text(nullity::Options::numpy());
  EXPECT_TRUE(has(text(nullity::Options::julia()), "rtol = min(n,d)*eps")) << text(nullity::Options::julia());
  EXPECT_TRUE(has(text(nullity::Options::eigen()), "rtol = min(n,d)*eps")) << text(nullity::Options::eigen());
  EXPECT_TRUE(has(text(nullity::Options::matlab()), "rtol*eps(s_1)")) << text(nullity::Options::matlab());
  EXPECT_TRUE(has(text(nullity::Options::numpy()), "rtol*s_1)")) << text(nullity::Options::numpy());
}

// 88 (power_of_two.hpp, scaled_by_power_of_two: `&&` to `||`). split scales w to [1/2, 1)
// first; for a subnormal w the factor 2^1074 is not a double, and the split is still exact.
TEST(MutationSurvivors, SplitOfASubnormalVectorIsExact) {
  const double tiny = std::numeric_limits<double>::denorm_min();
  const Eigen::Vector2d w(tiny, 0);
  const auto s = nullity::factorize(Eigen::MatrixXd(Eigen::MatrixXd::Identity(2, 2))).split(w);
  EXPECT_EQ(s.row, Eigen::VectorXd(w));
  EXPECT_EQ(s.null, Eigen::VectorXd(Eigen::Vector2d::Zero()));
}

// 135 (svd_core.hpp, decompose: `reduced_ = m_ > p_` to `>=`). A square X is its own B: no QR
// precedes its SVD, and a solve applies none (the QR's Q of a square X was never computed).
TEST(MutationSurvivors, SquareSystemIsSolvedWithoutAReduction) {
  nullity::Options o;
  o.backend = nullity::Backend::eigen;
  const Eigen::VectorXd w = nullity::min_norm_solve(diag(2, 2, {2, 4}), Eigen::Vector2d(2, 4), o);
  EXPECT_DOUBLE_EQ(w(0), 1);
  EXPECT_DOUBLE_EQ(w(1), 1);
}

// A square 4×4 X and a y whose largest entries are in [1/2, 1): neither is rescaled, and X is
// its own triangular factor B, so the library hands xGELSD exactly X and y.
Eigen::MatrixXd square() {
  Eigen::MatrixXd X(4, 4);
  X << 0.9, 0.1, -0.3, 0.2, 0.4, -0.7, 0.25, 0.15, -0.2, 0.35, 0.8, -0.45, 0.3, 0.05, -0.6, 0.75;
  return X;
}
Eigen::VectorXd rhs() { return Eigen::Vector4d(0.7, -0.55, 0.6, 0.95); }

// 145 (svd_core.hpp, solve_by_gelsd: `gelsd(...) != 0` to `== 0`). On the LAPACK backend a solve
// asked first is one xGELSD (factorization.hpp): its answer, bit for bit.
TEST(MutationSurvivors, FirstSolveOnTheLapackBackendIsXgelsdsAnswer) {
  Eigen::MatrixXd A = square();
  Eigen::VectorXd b = rhs(), s(4);
  int rank = 0;
  ASSERT_EQ(nullity_lapack_dgelsd(4, 4, A.data(), b.data(), 4 * kEps, &rank, s.data()), 0);
  ASSERT_EQ(rank, 4);
  EXPECT_EQ(nullity::min_norm_solve(square(), rhs()), b);
}

// 195 (tolerance.hpp, xgelsd_rcond: `rtol > 0` to `>= 0`). xGELSD replaces RCOND = 0 by ε, so
// with rtol = 0 even a first solve is read from the singular vectors: the same bits as a solve
// asked after a basis.
TEST(MutationSurvivors, ZeroRtolSolvesFromTheSingularVectorsEvenFirst) {
  nullity::Options o;
  o.rtol = 0;
  const auto later = nullity::factorize(square(), o);
  (void)later.null_space();
  EXPECT_EQ(nullity::min_norm_solve(square(), rhs(), o), later.solve(rhs()));
}

// The QR path takes the fast route only when σ̂ = 1/(√p·est‖R⁻¹‖₁) clears the margin
// 10·(τ(‖X‖_F) + p·ε·‖X‖_F) (qr_core.hpp); with rtol ≫ ε the margin is ≈ 10·rtol·‖X‖_F, so rtol
// can put it between two estimates. The matrices below are upper triangular with their largest
// column first, so that R₀ is X itself (after the exact scaling) and the estimate is the one of X;
// the routes then differ in the values they report: the fast route's sorted |R₀_ii|, the pivoted
// route's |R_ii|.

// 59 (condition_estimate.hpp: Higham's extra vector x_i = ±(1 + i/(p−1)) with p + 1 for p − 1).
// Here the iteration stalls and that vector finds est = 4 (exact ‖R⁻¹‖₁ = 6), σ̂ ≈ 0.144 (in
// X's units) below the margin ≈ 0.158: the pivoted route answers.
TEST(MutationSurvivors, HighamsExtraVectorKeepsAnIllConditionedTriangleOffTheFastRoute) {
  Eigen::MatrixXd X(3, 3);
  X << 1, 0.25, 0, 0, 0.375, 0.375, 0, 0, 0.375;
  nullity::Options o = qr();
  o.rtol = 0.013;
  const auto f = nullity::factorize(X, o);
  EXPECT_EQ(f.rank(), 3);
  const Eigen::VectorXd s = f.spectrum();
  EXPECT_NEAR(s(0), 1, 1e-14);
  EXPECT_NEAR(s(1), 0.5303300858899106, 1e-14);  // column-pivoted QR of X: 3/(4√2)
  EXPECT_NEAR(s(2), 0.26516504294495535, 1e-14);
}

// 56 (condition_estimate.hpp, the iteration's stop: |z(j_last)| == |z(j)| without the second
// abs). Here the stop is a tie of magnitudes of opposite sign, the estimate stays 17.7 and
// σ̂ ≈ 0.0282 clears the margin ≈ 0.0254: the fast route answers, with the sorted |R₀_ii|.
TEST(MutationSurvivors, EstimatorStopsOnATieOfMagnitudesAndTheFastRouteAnswers) {
  Eigen::MatrixXd X(4, 4);
  X << -0.875, 0, 0.25, -0.625, 0, -0.25, -0.375, -0.125, 0, 0, -0.125, 0.25, 0, 0, 0, 0.375;
  nullity::Options o = qr();
  o.rtol = 0.00197;
  const auto f = nullity::factorize(X, o);
  EXPECT_EQ(f.rank(), 4);
  EXPECT_EQ(f.spectrum(), Eigen::Vector4d(0.875, 0.375, 0.25, 0.125));
}

}  // namespace
