// The one tolerance rule and its presets (options.hpp), checked on diagonal matrices whose
// singular values (and pivoted-QR |R_ii|) are exactly the diagonal entries, so each expected rank
// follows from the documented formula alone: τ = max(atol, rtol·b(s₁)), r = #{s_i > τ}.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <Eigen/QR>
#include <Eigen/SVD>

#include <nullity/nullity.hpp>

#include "diagonal_matrix.hpp"

namespace {

const double kEps = std::numeric_limits<double>::epsilon();

using nullity_tests::diag;

nullity::Options method(nullity::Options o, nullity::Method m) {
  o.method = m;
  return o;
}

class ToleranceRule : public ::testing::TestWithParam<nullity::Method> {};

TEST_P(ToleranceRule, PresetsApplyTheirDocumentedDefaults) {
  const auto m = GetParam();
  using nullity::Options;
  // 3×5, s = (1, 4ε): numpy τ = 5ε drops 4ε; julia/eigen τ = 3ε keep it; scipy/lapack τ = ε keep it.
  const Eigen::MatrixXd A = diag(3, 5, {1, 4 * kEps});
  EXPECT_EQ(nullity::rank(A, method(Options::numpy(), m)), 1);
  EXPECT_EQ(nullity::rank(A, method(Options::julia(), m)), 2);
  EXPECT_EQ(nullity::rank(A, method(Options::eigen(), m)), 2);
  EXPECT_EQ(nullity::rank(A, method(Options::scipy(), m)), 2);
  EXPECT_EQ(nullity::rank(A, method(Options::lapack(0), m)), 2);
  // lapack(rcond): rcond > 0 is used as given.
  EXPECT_EQ(nullity::rank(A, method(Options::lapack(1e-10), m)), 1);
  // MATLAB: τ = max(n,d)·eps(s₁); with s₁ = 1.5, eps(1.5) = ε, so τ = 5ε, whereas NumPy's
  // τ = 5ε·1.5 = 7.5ε. s₂ = 6ε separates them.
  const Eigen::MatrixXd B = diag(3, 5, {1.5, 6 * kEps});
  EXPECT_EQ(nullity::rank(B, method(Options::matlab(), m)), 2);
  EXPECT_EQ(nullity::rank(B, method(Options::numpy(), m)), 1);
}

TEST_P(ToleranceRule, PeersDisagreeOnDiagOneThreeEminus16) {
  // The peer survey's probe: diag(1, 3e-16, 1e-17) has rank 1 under NumPy's rule (τ = 3ε ≈ 6.7e-16)
  // and rank 2 under SciPy lstsq's (τ = ε ≈ 2.2e-16).
  const Eigen::MatrixXd A = diag(3, 3, {1, 3e-16, 1e-17});
  EXPECT_EQ(nullity::rank(A, method(nullity::Options::numpy(), GetParam())), 1);
  EXPECT_EQ(nullity::rank(A, method(nullity::Options::scipy(), GetParam())), 2);
}

TEST_P(ToleranceRule, AbsoluteAndRelativeToleranceCombineByMax) {
  nullity::Options o = method({}, GetParam());
  const Eigen::MatrixXd A = diag(4, 4, {8, 1, 1e-3, 1e-9});
  o.rtol = 1e-5;  // τ = 8e-5: keeps 8, 1, 1e-3
  EXPECT_EQ(nullity::rank(A, o), 3);
  o.atol = 0.5;  // τ = max(0.5, 8e-5) = 0.5
  EXPECT_EQ(nullity::rank(A, o), 2);
  o.atol = 8;  // s₁ = 8 is not > 8
  EXPECT_EQ(nullity::rank(A, o), 0);
  EXPECT_EQ(nullity::factorize(A, o).tolerance(), 8);
}

TEST_P(ToleranceRule, InvalidTolerancesAreRejected) {
  nullity::Options o = method({}, GetParam());
  const Eigen::MatrixXd A = Eigen::MatrixXd::Identity(2, 2);
  o.atol = -1;
  EXPECT_THROW((void)nullity::rank(A, o), nullity::invalid_input);
  o.atol = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW((void)nullity::rank(A, o), nullity::invalid_input);
  o.atol = 0;
  o.rtol = std::numeric_limits<double>::infinity();
  EXPECT_THROW((void)nullity::rank(A, o), nullity::invalid_input);
}

// Certificate (certificate.hpp): δ = √max(n,d)·ε·s₁, [r_lo, r_hi] = [#{s_i − δ > τ}, #{s_i + δ > τ}].
TEST_P(ToleranceRule, CertificateReportsGapAndInterval) {
  const auto o = method({}, GetParam());
  // s = (1, 2^-40, 0), 3×3: τ = 3ε, δ = √3·ε. 2^-40 ≫ τ + δ and 0 + δ < τ: well determined.
  const auto c = nullity::factorize(diag(3, 3, {1, std::ldexp(1.0, -40), 0}), o).certificate();
  EXPECT_EQ(c.rank, 2);
  EXPECT_EQ(c.tolerance, 3 * kEps);
  EXPECT_EQ(c.s_r, std::ldexp(1.0, -40));
  EXPECT_EQ(c.s_r1, 0);
  EXPECT_TRUE(std::isinf(c.gap));
  EXPECT_DOUBLE_EQ(c.perturbation, std::sqrt(3.0) * kEps);
  EXPECT_EQ(c.rank_lo, 2);
  EXPECT_EQ(c.rank_hi, 2);
  EXPECT_TRUE(c.well_determined);

  // s = (1, 3.5ε, 0): kept (3.5ε > 3ε) but 3.5ε − √3ε < 3ε, so a perturbation of size δ could
  // drop it: the interval is [1, 2] and the rank is not well determined.
  const auto a = nullity::factorize(diag(3, 3, {1, 3.5 * kEps, 0}), o).certificate();
  EXPECT_EQ(a.rank, 2);
  EXPECT_EQ(a.rank_lo, 1);
  EXPECT_EQ(a.rank_hi, 2);
  EXPECT_FALSE(a.well_determined);
  EXPECT_DOUBLE_EQ(a.gap, std::numeric_limits<double>::infinity());
  EXPECT_NE(a.rule_text.find("numpy"), std::string::npos);
}

// Options::eigen() reproduces Eigen's own rank on ties, where the decompositions differ:
// BDCSVD::rank keeps s_i ≥ max(min(n,d)·ε·s₁, smallest normal), ColPivHouseholderQR::rank keeps
// |R_ii| > min(n,d)·ε·|R_11| with no floor. On diagonal matrices both factorizations are exact
// (the values are the entries), so Eigen's answer is the expected one, computed here by Eigen.
TEST(EigenPreset, ReproducesEigensRankOnTies) {
  const double tiny = std::numeric_limits<double>::min();
  for (const Eigen::MatrixXd& A : {diag(1, 1, {tiny}), diag(2, 2, {1, 2 * kEps}), diag(2, 3, {4, 8 * kEps}),
                                   diag(3, 3, {tiny, tiny, 0})}) {
    const Eigen::Index svd = Eigen::BDCSVD<Eigen::MatrixXd>(A).rank();
    const Eigen::Index qr = Eigen::ColPivHouseholderQR<Eigen::MatrixXd>(A).rank();
    EXPECT_EQ(nullity::rank(A, method(nullity::Options::eigen(), nullity::Method::svd)), svd) << A;
    EXPECT_EQ(nullity::rank(A, method(nullity::Options::eigen(), nullity::Method::qr)), qr) << A;
  }
  // The ties are real: the two decompositions disagree on these matrices.
  EXPECT_EQ(Eigen::BDCSVD<Eigen::MatrixXd>(diag(2, 2, {1, 2 * kEps})).rank(), 2);
  EXPECT_EQ(Eigen::ColPivHouseholderQR<Eigen::MatrixXd>(diag(2, 2, {1, 2 * kEps})).rank(), 1);
}

INSTANTIATE_TEST_SUITE_P(BothMethods, ToleranceRule, ::testing::Values(nullity::Method::svd, nullity::Method::qr),
                         [](const auto& param_info) { return std::string(nullity::to_string(param_info.param)); });

}  // namespace
