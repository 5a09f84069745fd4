// Rank across rules (rank_by_rule.hpp), on diagonal matrices — scrambled by permutations, which
// keep the singular values and the pivoted-QR |R_ii| exactly the diagonal entries — so each
// expected rank follows from the presets' documented formulas alone (options.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <vector>

#include <Eigen/QR>
#include <nullity/nullity.hpp>

namespace {

const double kEps = std::numeric_limits<double>::epsilon();

/// P·diag(s)·Q for fixed permutations P, Q of 0..n-1 (multiplication by 7 and 11 modulo a
/// size coprime to both).
Eigen::MatrixXd scrambled_diagonal(const std::vector<double>& s) {
  const auto n = static_cast<Eigen::Index>(s.size());
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) X((7 * i) % n, (11 * i) % n) = s[static_cast<std::size_t>(i)];
  return X;
}

/// The issue's case, 180×180: σ₁ = 1.9, σ_r = 1.18·τ and σ_{r+1} = τ/1.25 for NumPy's
/// τ = 180·ε·σ₁ (r = 33); MATLAB's τ = 180·eps(1.9) = 180·ε keeps σ_{r+1} too (34); SciPy's and
/// LAPACK's τ = ε·σ₁ keep nine more values of 100·ε (43).
std::vector<double> issue_spectrum() {
  const double tau = 180 * kEps * 1.9;
  std::vector<double> s(180, 0.0);
  s[0] = 1.9;
  for (int i = 1; i < 32; ++i) s[i] = 1e-3;
  s[32] = 1.18 * tau;
  s[33] = tau / 1.25;
  for (int i = 34; i < 43; ++i) s[i] = 100 * kEps;
  return s;
}

class RankByRule : public ::testing::TestWithParam<nullity::Method> {};

TEST_P(RankByRule, EachPresetCountsWithItsOwnTolerance) {
  nullity::Options o;
  o.method = GetParam();
  const auto f = nullity::factorize(scrambled_diagonal(issue_spectrum()), o);
  ASSERT_EQ(f.rank(), 33);
  const auto a = nullity::rank_across_rules(f);
  ASSERT_EQ(a.rules.size(), 6u);
  const struct {
    nullity::Rule rule;
    double tau;
    Eigen::Index rank;
  } expected[] = {{nullity::Rule::numpy, 180 * kEps * 1.9, 33}, {nullity::Rule::scipy, kEps * 1.9, 43},
                  {nullity::Rule::matlab, 180 * kEps, 34},      {nullity::Rule::julia, 180 * kEps * 1.9, 33},
                  {nullity::Rule::eigen, 180 * kEps * 1.9, 33}, {nullity::Rule::lapack, kEps * 1.9, 43}};
  for (std::size_t k = 0; k < 6; ++k) {
    SCOPED_TRACE(nullity::to_string(expected[k].rule));
    EXPECT_EQ(a.rules[k].rule, expected[k].rule);
    EXPECT_EQ(a.rules[k].rank, expected[k].rank);
    EXPECT_NEAR(a.rules[k].tolerance, expected[k].tau, 4 * kEps * expected[k].tau);
  }
  EXPECT_EQ(a.rank_min, 33);
  EXPECT_EQ(a.rank_max, 43);
  EXPECT_FALSE(a.tolerance_robust);
  // Stable under the backward error (δ = √180·ε·1.9 ≈ 25ε is far below the distances
  // |σ_r − τ| ≈ 61ε and |σ_{r+1} − τ| ≈ 68ε), yet not robust to the tolerance: the two questions differ.
  EXPECT_TRUE(f.certificate().well_determined);
  // The band [σ_{r+1}, σ_r) as factors on τ, each computed value within the backward error δ
  // of the exact one (Weyl); δ/τ ≈ 0.07 still tells 0.8 and 1.18 from 1.
  const double tau = 180 * kEps * 1.9, delta = std::sqrt(180.0) * kEps * 1.9;
  EXPECT_NEAR(a.factor_lo, 1 / 1.25, delta / tau);
  EXPECT_NEAR(a.factor_hi, 1.18, delta / tau);
  EXPECT_NEAR(a.tau_lo, issue_spectrum()[33], delta);
  EXPECT_NEAR(a.tau_hi, issue_spectrum()[32], delta);
}

TEST_P(RankByRule, AWideGapIsRobust) {
  nullity::Options o = nullity::Options::matlab();
  o.method = GetParam();
  // Rank 2 of 5 with the dropped values exactly 0: every preset's τ lies in (0, 0.5).
  const auto f = nullity::factorize(scrambled_diagonal({3, 0.5, 0, 0, 0}), o);
  const auto a = nullity::rank_across_rules(f);
  for (const auto& q : a.rules) EXPECT_EQ(q.rank, 2) << nullity::to_string(q.rule);
  EXPECT_TRUE(a.tolerance_robust);
  EXPECT_EQ(a.factor_lo, 0);
  // MATLAB's τ = 5·eps(3) = 5·2ε.
  EXPECT_NEAR(a.factor_hi, 0.5 / (5 * 2 * kEps), 1e-12 * 0.5 / (5 * 2 * kEps));
}

TEST_P(RankByRule, FullRankOnTheFastQrRouteToo) {
  nullity::Options o;
  o.method = GetParam();
  // Full rank, well conditioned: the QR path takes its unpivoted route (qr_core.hpp).
  const auto f = nullity::factorize(scrambled_diagonal({1.9, 1, 0.75}), o);
  const auto a = nullity::rank_across_rules(f);
  for (const auto& q : a.rules) EXPECT_EQ(q.rank, 3) << nullity::to_string(q.rule);
  // NumPy's and SciPy's τ from s₁ = 1.9, on either path.
  EXPECT_NEAR(a.rules[0].tolerance, 3 * kEps * 1.9, 1e-30);
  EXPECT_NEAR(a.rules[1].tolerance, kEps * 1.9, 1e-30);
  EXPECT_EQ(a.factor_lo, 0);
  EXPECT_NEAR(a.factor_hi, 0.75 / (3 * kEps * 1.9), 1e-12 * 0.75 / (3 * kEps * 1.9));
}

TEST_P(RankByRule, ZeroMatrix) {
  nullity::Options o;
  o.method = GetParam();
  const auto f = nullity::factorize(Eigen::MatrixXd::Zero(3, 4), o);
  const auto a = nullity::rank_across_rules(f);
  for (const auto& q : a.rules) EXPECT_EQ(q.rank, 0) << nullity::to_string(q.rule);
  EXPECT_TRUE(a.tolerance_robust);
  EXPECT_EQ(a.factor_lo, 0);
  EXPECT_TRUE(std::isinf(a.factor_hi));
}

TEST(RankByRuleAgainstRefactorizing, EachPresetsRankIsTheRankOfItsOwnFactorization) {
  // Graded spectra in random bases (fixed seed): the presets disagree on some of them. On the SVD
  // path the values do not depend on the rule, so each preset's rank read off one factorization
  // must equal the rank of a factorization made with that preset.
  std::srand(7);
  for (int trial = 0; trial < 20; ++trial) {
    const int n = 30 + trial, d = 25;
    const Eigen::MatrixXd U = Eigen::MatrixXd::Random(n, d).householderQr().householderQ() * Eigen::MatrixXd::Identity(n, d);
    const Eigen::MatrixXd V = Eigen::MatrixXd::Random(d, d).householderQr().householderQ();
    Eigen::VectorXd s(d);
    for (int i = 0; i < d; ++i) s(i) = std::pow(10.0, -0.7 * i);  // 1 down to 1e-16.8
    const Eigen::MatrixXd X = U * s.asDiagonal() * V.transpose();
    const auto a = nullity::rank_across_rules(nullity::factorize(X));
    const auto presets = nullity::preset_rules();
    for (std::size_t k = 0; k < presets.size(); ++k)
      EXPECT_EQ(a.rules[k].rank, nullity::factorize(X, presets[k]).rank())
          << "trial " << trial << ", " << nullity::to_string(presets[k].rule);
  }
}

INSTANTIATE_TEST_SUITE_P(BothPaths, RankByRule, ::testing::Values(nullity::Method::svd, nullity::Method::qr),
                         [](const auto& p) { return std::string(nullity::to_string(p.param)); });

}  // namespace
