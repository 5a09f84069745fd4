// The two oracles share no code (rational Bareiss elimination vs MPFR Jacobi rotations), so their
// agreement on integer matrices checks both.

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "nullity_oracle/oracle.hpp"
#include "test_matrices.hpp"

namespace {

using namespace nullity::oracle;

std::vector<Eigen::MatrixXd> integer_cases() {
  std::vector<Eigen::MatrixXd> cases = {oracle_test::magic(3), oracle_test::magic(4), oracle_test::magic6(),
                                        oracle_test::magic(8), Eigen::MatrixXd::Ones(4, 9)};
  const int shapes[][3] = {{4, 8, 2}, {8, 4, 3}, {8, 16, 5}, {16, 8, 1}, {6, 6, 6}, {5, 12, 4}};
  for (const auto& s : shapes) cases.push_back(oracle_test::vandermonde_product(s[0], s[1], s[2]));
  for (int seed = 0; seed < 6; ++seed) {
    cases.push_back(oracle_test::pattern(4, 8, seed));
    cases.push_back(oracle_test::pattern(8, 16, seed));
    cases.push_back(oracle_test::pattern(12, 6, seed));
    // Duplicated rows and a zero column: rank deficiency the pattern alone would not give.
    Eigen::MatrixXd D = oracle_test::pattern(10, 12, seed);
    D.row(7) = D.row(2);
    D.row(9) = D.row(1) - 2 * D.row(4);
    D.col(5).setZero();
    cases.push_back(D);
  }
  return cases;
}

Real frobenius(const Eigen::MatrixXd& X) { return sqrt(Real(X.squaredNorm())); }  // exact: integers

TEST(OracleAgreement, RankFromExactEqualsCountOfMpfrSingularValuesAboveThreshold) {
  for (const Eigen::MatrixXd& X : integer_cases()) {
    const ExactAnswer ex = exact(X);
    const SvdAnswer svd = mpfr_svd(X);
    PrecisionScope scope(svd.bits);
    const Real normF = frobenius(X);
    // Noise: σ̃_k for k > rank is at most ‖E‖₂ ≤ η‖X‖_F (Weyl, η = svd_backward_error_bound).
    // Signal: for an integer matrix of rank r, σ₁⋯σ_r = √(Σ r×r minors²) ≥ 1
    // (Cauchy–Binet on the r-th compound matrix), so σ_r ≥ 1/(σ₁⋯σ_{r−1}) ≥ 1/Π_{k<r}(σ̃_k + noise)
    // (Weyl again), and the computed σ̃_r is at least that minus the noise. The threshold
    // τ = 2^(−bits/2)·σ̃₁ sits between the two; the test checks that it does, for each matrix,
    // rather than assuming it.
    const Real eta = svd_backward_error_bound(svd);
    const Real noise = eta * normF;
    Real upper_product = 1;
    for (Eigen::Index k = 0; k + 1 < ex.rank; ++k) upper_product *= svd.s(k) + noise;
    const Real signal = 1 / upper_product - noise;
    const Real tau = ldexp(svd.s.size() > 0 ? svd.s(0) : Real(0), -static_cast<int>(svd.bits / 2));
    if (ex.rank > 0) {
      ASSERT_LT(noise, tau) << "threshold below the noise bound: the comparison would be meaningless";
      ASSERT_GT(signal, tau) << "threshold above the integer-matrix signal bound";
    }
    Eigen::Index count = 0;
    for (Eigen::Index k = 0; k < svd.s.size(); ++k) count += svd.s(k) > tau ? 1 : 0;
    EXPECT_EQ(count, ex.rank) << X.rows() << "x" << X.cols() << "\n" << X;
    // And the MPFR kernel (trailing columns of V) is annihilated, to the Weyl noise level.
    for (Eigen::Index k = ex.rank; k < X.cols(); ++k) {
      Real r2 = 0;
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        Real row = 0;
        for (Eigen::Index j = 0; j < X.cols(); ++j) row += X(i, j) * svd.V(j, k);
        r2 += row * row;
      }
      EXPECT_LE(sqrt(r2), noise) << k;
    }
  }
}

TEST(OracleAgreement, MpfrMinNormSolutionMatchesTheExactOne) {
  for (const Eigen::MatrixXd& X : integer_cases()) {
    Eigen::VectorXd y(X.rows());
    for (Eigen::Index i = 0; i < y.size(); ++i) y(i) = static_cast<double>((3 * i + 1) % 5) - 2.0;  // inconsistent in general
    const ExactAnswer ex = exact(X);
    const RationalVector w_exact = exact_min_norm_solve(X, y);
    const SvdAnswer svd = mpfr_svd(X);
    const RealVector w = mpfr_min_norm_solve(svd, y, ex.rank);
    PrecisionScope scope(svd.bits);
    RealVector we(w_exact.size());
    for (Eigen::Index i = 0; i < we.size(); ++i) we(i) = Real(w_exact(i));  // rounded to the answer's precision
    Real err2 = 0, w2 = 0, y2 = 0, r2 = 0;
    for (Eigen::Index i = 0; i < we.size(); ++i) {
      err2 += (w(i) - we(i)) * (w(i) - we(i));
      w2 += we(i) * we(i);
    }
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      Real xi = 0;
      for (Eigen::Index j = 0; j < X.cols(); ++j) xi += X(i, j) * we(j);
      r2 += (xi - y(i)) * (xi - y(i));
      y2 += Real(y(i)) * Real(y(i));
    }
    if (ex.rank == 0) {
      EXPECT_EQ(sqrt(err2), 0);
      continue;
    }
    // The MPFR answer is the exact min-norm solution of X + E with rank(X + E) = rank X and
    // ‖E‖₂ ≤ ε‖X‖₂, ε = 2η (backward error η plus truncating σ̃ ≤ η‖X‖_F) + 2(n + d)u for forming
    // VΣ⁻¹Uᵀy. For such rank-preserving perturbations (Wedin 1973; Higham, Accuracy and
    // Stability, Thm 20.1; Björck, Numerical Methods for Least Squares Problems, Thm 1.4.6 for
    // the rank-deficient case), with κ = σ₁/σ_r and r = y − Xw:
    //   ‖w̃ − w‖ ≤ κε/(1 − κε)·(2‖w‖ + (κ + 1)‖r‖/σ₁ + ‖y‖/σ₁).
    // The near-orthogonality of the computed U and V adds O(η)‖w‖, inside the factor 2.
    const Real u = ldexp(Real(1), -static_cast<int>(svd.bits));
    const Real eps = 2 * svd_backward_error_bound(svd) * frobenius(X) / svd.s(0) +
                     2 * Real(X.rows() + X.cols()) * u;
    const Real kappa = svd.s(0) / svd.s(ex.rank - 1);
    ASSERT_LT(kappa * eps, Real(0.5)) << "perturbation not acceptable: bound does not apply";
    const Real bound =
        kappa * eps / (1 - kappa * eps) * (2 * sqrt(w2) + (kappa + 1) * sqrt(r2) / svd.s(0) + sqrt(y2) / svd.s(0));
    EXPECT_LE(sqrt(err2), bound) << X.rows() << "x" << X.cols() << " rank " << ex.rank;
  }
}

}  // namespace
