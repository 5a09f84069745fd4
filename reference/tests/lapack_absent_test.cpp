// A program that does not link nullity::lapack: the same headers, Eigen's kernels, and a clear
// refusal of an explicit Backend::lapack (docs/design.md, "The LAPACK backend").
#include <cmath>
#include <string>

#include <gtest/gtest.h>
#include <nullity/nullity.hpp>
#include <nullity_test/thresholds.hpp>

namespace {

using nullity_test::kThresh;  // LAPACK TESTING THRESH

// MATLAB's magic(4): exact rank 3, null space spanned by (1, 3, −3, −1)/√20.
Eigen::MatrixXd magic4() {
  Eigen::MatrixXd M(4, 4);
  M << 16, 2, 3, 13, 5, 11, 10, 8, 9, 7, 6, 12, 4, 14, 15, 1;
  return M;
}

TEST(LapackAbsent, TheKernelsAreNotLinked) { EXPECT_FALSE(nullity::detail::lapack_linked()); }

TEST(LapackAbsent, AutomaticBackendAnswersWithEigensKernels) {
  const Eigen::MatrixXd X = magic4();
  EXPECT_EQ(nullity::rank(X), 3);
  const Eigen::MatrixXd Z = nullity::factorize(X).null_space();
  ASSERT_EQ(Z.cols(), 1);
  Eigen::Vector4d z(1, 3, -3, -1);
  z /= z.norm();
  // Wedin: sin∠(Z, z) ≤ ‖E‖/gap with ‖E‖ = O(N ε σ₁), σ₁ = 34 and gap σ₃ = 2√5; THRESH = 30.
  EXPECT_LT((Z.col(0) - Z.col(0).dot(z) * z).norm(), kThresh * 4 * Eigen::NumTraits<double>::epsilon() * 34 / (2 * std::sqrt(5.0)));
  const Eigen::VectorXd y = X * Eigen::Vector4d(1, 2, 3, 4);
  const Eigen::VectorXd w = nullity::min_norm_solve(X, y);
  // Backward stability (Higham Thm 20.3): ‖Xw − y‖ = O(N ε ‖X‖ ‖w‖) for a consistent system.
  EXPECT_LT((X * w - y).norm(), kThresh * 4 * Eigen::NumTraits<double>::epsilon() * 34 * w.norm());
  EXPECT_LT(std::abs(w.dot(z)), kThresh * 4 * Eigen::NumTraits<double>::epsilon() * w.norm() * 34 / (2 * std::sqrt(5.0)));
}

TEST(LapackAbsent, ExplicitLapackBackendIsRefusedNamingTheLibrary) {
  nullity::Options o;
  o.backend = nullity::Backend::lapack;
  try {
    (void)nullity::rank(magic4(), o);
    FAIL() << "Backend::lapack was accepted without nullity::lapack";
  } catch (const nullity::invalid_input& e) {
    EXPECT_NE(std::string(e.what()).find("nullity::lapack"), std::string::npos) << e.what();
  }
}

}  // namespace
