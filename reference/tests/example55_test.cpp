// The seed's Example 55 on the seed's own numbers (data/seeds, made by NumPy): X is 6×12, so
// rank 6 and nullity 6. Expected figures come from NumPy (data/README.md), not from nullity.
//
// Bounds. Both sides are backward stable SVDs (NumPy/LAPACK and ours), so by Weyl's theorem each
// computed σ_i is within c·max(n,d)·ε·σ₁ of the exact one, and the two differ by at most twice
// that; c = THRESH = 30, the constant LAPACK's own tests use for such ratios (TESTING/LIN).

#include <algorithm>
#include <cmath>
#include <limits>

#include <Eigen/SVD>
#include <gtest/gtest.h>
#include <nullity/io.hpp>
#include <nullity/nullity.hpp>
#include <nullity_test/thresholds.hpp>

namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();
using nullity_test::kThresh;  // LAPACK TESTING THRESH
constexpr double kNumpySigmaMin = 1.638699874372541;    // numpy.linalg.svd(X)[1][-1]
constexpr double kNumpySeedChange = 16.38699874372541;  // the seed script's ‖pred1 − pred0‖

class Example55 : public ::testing::TestWithParam<nullity::Method> {
 protected:
  void SetUp() override {
    X = nullity::io::read_matrix(std::string(NULLITY_DATA_DIR) + "/seeds/example55_X.npy");
    y = nullity::io::read_vector(std::string(NULLITY_DATA_DIR) + "/seeds/example55_y.npy");
    ASSERT_EQ(X.rows(), 6);
    ASSERT_EQ(X.cols(), 12);
    ASSERT_EQ(y.size(), 6);
    opts.method = GetParam();
  }
  double sigma1() const { return nullity::factorize(X).spectrum()(0); }
  double weyl() const { return kThresh * 12 * kEps * sigma1(); }  // c·max(n,d)·ε·σ₁

  Eigen::MatrixXd X;
  Eigen::VectorXd y;
  nullity::Options opts;
};

TEST_P(Example55, RankIsSixAndNullityIsSix) {
  const auto f = nullity::factorize(X, opts);
  EXPECT_EQ(f.rank(), 6);
  EXPECT_EQ(f.nullity(), 6);
  EXPECT_EQ(f.null_space().cols(), 6);
}

TEST_P(Example55, MovingTenAlongANullVectorLeavesPredictionsUnchanged) {
  const auto f = nullity::factorize(X, opts);
  const Eigen::VectorXd w0 = f.solve(y);
  const Eigen::MatrixXd Z = f.null_space();
  // ‖X(w0 + 10z) − Xw0‖ ≈ 10‖Xz‖ ≤ 10·c·max(n,d)·ε·‖X‖₂ for a backward-stable null vector z, plus
  // the rounding of the two products, each ≤ d·ε·‖X‖‖w‖ (Higham §3.5), w = w0 + 10z.
  for (Eigen::Index k = 0; k < Z.cols(); ++k) {
    const Eigen::VectorXd w1 = w0 + 10 * Z.col(k);
    const double bound = 10 * weyl() + 2 * 12 * kEps * sigma1() * w1.norm();
    EXPECT_LE((X * w1 - X * w0).norm(), bound) << "column " << k;
  }
}

TEST(Example55Svd, SmallestSingularValueMatchesNumpy) {
  const Eigen::MatrixXd X = nullity::io::read_matrix(std::string(NULLITY_DATA_DIR) + "/seeds/example55_X.npy");
  const Eigen::VectorXd s = nullity::factorize(X).spectrum();
  ASSERT_EQ(s.size(), 6);
  EXPECT_NEAR(s(5), kNumpySigmaMin, 2 * kThresh * 12 * kEps * s(0));
}

TEST(Example55Svd, TheSeedsThinSvdVectorIsNotANullVector) {
  // The seed took the last row of Vt from a THIN SVD: the 6th right singular vector, which spans
  // part of the row space, so predictions move by 10·σ_min. Eigen's thin V, last column, is the
  // same vector up to sign.
  const Eigen::MatrixXd X = nullity::io::read_matrix(std::string(NULLITY_DATA_DIR) + "/seeds/example55_X.npy");
  const Eigen::VectorXd y = nullity::io::read_vector(std::string(NULLITY_DATA_DIR) + "/seeds/example55_y.npy");
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(X, Eigen::ComputeThinU | Eigen::ComputeThinV);
  ASSERT_EQ(svd.matrixV().cols(), 6);
  const Eigen::VectorXd v = svd.matrixV().col(5);
  const Eigen::VectorXd w0 = nullity::factorize(X).solve(y);
  const double change = (X * (w0 + 10 * v) - X * w0).norm();
  const double sigma1 = svd.singularValues()(0);
  // 10·‖Xv‖ = 10·σ₆ up to 10× the Weyl difference of two backward-stable SVDs, plus the
  // rounding of the two products (d·ε·‖X‖‖w‖ each).
  const double bound = 10 * 2 * kThresh * 12 * kEps * sigma1 + 2 * 12 * kEps * sigma1 * (w0 + 10 * v).norm();
  EXPECT_NEAR(change, kNumpySeedChange, bound);
}

INSTANTIATE_TEST_SUITE_P(BothMethods, Example55, ::testing::Values(nullity::Method::svd, nullity::Method::qr),
                         [](const auto& param_info) { return std::string(nullity::to_string(param_info.param)); });

}  // namespace
