// The MPFR Jacobi SVD against closed forms and the identities that define an SVD. Bounds come
// from svd_backward_error_bound (the a-priori analysis in nullity_oracle/mpfr.hpp).

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "nullity_oracle/mpfr.hpp"
#include "test_matrices.hpp"

namespace {

using namespace nullity::oracle;
using oracle_test::magic;

Real frobenius(const RealMatrix& A) {
  Real s = 0;
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    for (Eigen::Index i = 0; i < A.rows(); ++i) s += A(i, j) * A(i, j);
  return sqrt(s);
}

RealMatrix product(const RealMatrix& A, const RealMatrix& B) {
  RealMatrix C = RealMatrix::Zero(A.rows(), B.cols());
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < B.cols(); ++j)
      for (Eigen::Index k = 0; k < A.cols(); ++k) C(i, j) += A(i, k) * B(k, j);
  return C;
}

RealMatrix identity(Eigen::Index n) {
  RealMatrix I = RealMatrix::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) I(i, i) = 1;
  return I;
}

/// UᵀU = I, VᵀV = I, X·V = [U·Σ, 0] and σ non-increasing, each to η = svd_backward_error_bound
/// (relative to ‖X‖_F for the residual, absolute for the orthogonality of unit vectors).
void expect_is_svd(const Eigen::MatrixXd& X, const SvdAnswer& svd) {
  const Eigen::Index n = X.rows(), d = X.cols(), m = std::min(n, d);
  ASSERT_EQ(svd.s.size(), m);
  ASSERT_EQ(svd.U.rows(), n);
  ASSERT_EQ(svd.U.cols(), m);
  ASSERT_EQ(svd.V.rows(), d);
  ASSERT_EQ(svd.V.cols(), d);
  PrecisionScope scope(svd.bits);
  const Real eta = svd_backward_error_bound(svd);
  const Real orth_U = frobenius(product(svd.U.transpose(), svd.U) - identity(m));
  const Real orth_V = frobenius(product(svd.V.transpose(), svd.V) - identity(d));
  EXPECT_LE(orth_U, eta) << "U not orthonormal, " << n << "x" << d;
  EXPECT_LE(orth_V, eta) << "V not orthogonal, " << n << "x" << d;
  RealMatrix USigma = RealMatrix::Zero(n, d);
  for (Eigen::Index k = 0; k < m; ++k) USigma.col(k) = svd.U.col(k) * svd.s(k);
  const RealMatrix Xr = X.cast<Real>();
  const Real residual = frobenius(product(Xr, svd.V) - USigma);
  EXPECT_LE(residual, eta * frobenius(Xr)) << "X·V != U·Sigma, " << n << "x" << d;
  for (Eigen::Index k = 0; k + 1 < m; ++k) EXPECT_GE(svd.s(k), svd.s(k + 1));
  for (Eigen::Index k = 0; k < m; ++k) EXPECT_GE(svd.s(k), 0);
}

TEST(MpfrOracle, IsAnSvdOnEveryShape) {
  std::vector<Eigen::MatrixXd> cases = {magic(4), oracle_test::magic6(), magic(5),
                                        oracle_test::vandermonde_product(4, 8, 3),
                                        oracle_test::vandermonde_product(9, 5, 2),
                                        Eigen::MatrixXd::Ones(3, 7),
                                        Eigen::MatrixXd::Ones(7, 3)};
  for (int seed = 0; seed < 4; ++seed) {
    cases.push_back(oracle_test::pattern(8, 16, seed));
    cases.push_back(oracle_test::pattern(16, 8, seed));
    cases.push_back(oracle_test::pattern(1, 5, seed));
    cases.push_back(oracle_test::pattern(5, 1, seed));
  }
  Eigen::MatrixXd scaled = oracle_test::pattern(6, 9, 7);  // columns across the exponent range
  for (Eigen::Index j = 0; j < scaled.cols(); ++j) scaled.col(j) *= std::ldexp(1.0, static_cast<int>(j) * 200 - 900);
  cases.push_back(scaled);
  for (const Eigen::MatrixXd& X : cases) expect_is_svd(X, mpfr_svd(X));
}

TEST(MpfrOracle, TrailingColumnsOfVSpanTheKernel) {
  // magic(4)·[1, 3, −3, −1]ᵀ = 0 and rank 3: V's last column is ±[1, 3, −3, −1]/√20.
  const SvdAnswer svd = mpfr_svd(magic(4), 256);
  PrecisionScope scope(svd.bits);
  const Real eta = svd_backward_error_bound(svd);
  // σ₁ = 34, the magic sum (the all-ones vector is a singular vector pair of a magic square).
  EXPECT_LE(abs(svd.s(0) - 34), eta * 34);
  // Wedin (1972): the kernel direction is accurate to ‖E‖/σ₃ with ‖E‖ ≤ η‖X‖_F.
  const Real sin_bound = eta * frobenius(magic(4).cast<Real>()) / svd.s(2);
  const double z[] = {1, 3, -3, -1};
  Real cosine = 0;
  for (int i = 0; i < 4; ++i) cosine += svd.V(i, 3) * z[i];
  cosine = abs(cosine) / sqrt(Real(20));
  EXPECT_LE(1 - cosine, sin_bound);  // 1 − cos θ ≤ sin θ for θ ∈ [0, π/2]
}

TEST(MpfrOracle, ClosedFormSingularValues) {
  // [[3, 0], [4, 5]]: XᵀX = [[25, 20], [20, 25]] has eigenvalues 45 and 5.
  Eigen::MatrixXd X(2, 2);
  X << 3, 0, 4, 5;
  const SvdAnswer svd = mpfr_svd(X);
  PrecisionScope scope(svd.bits);
  const Real eta = svd_backward_error_bound(svd);
  const Real norm = sqrt(Real(50));
  EXPECT_LE(abs(svd.s(0) - sqrt(Real(45))), eta * norm);  // Weyl: |σ̃ − σ| ≤ ‖E‖₂ ≤ η‖X‖_F
  EXPECT_LE(abs(svd.s(1) - sqrt(Real(5))), eta * norm);

  // All-ones n × d: σ₁ = √(n d), the rest 0.
  const SvdAnswer ones = mpfr_svd(Eigen::MatrixXd::Ones(5, 12), 256);
  const Real eta1 = svd_backward_error_bound(ones);
  EXPECT_LE(abs(ones.s(0) - sqrt(Real(60))), eta1 * sqrt(Real(60)));
  for (Eigen::Index k = 1; k < 5; ++k) EXPECT_LE(ones.s(k), eta1 * sqrt(Real(60)));
}

TEST(MpfrOracle, DiagonalSingularValuesAreExact) {
  // Orthogonal columns: no rotation is applied, so σ = |d_k| exactly (even across the exponent range).
  const double tiny = std::numeric_limits<double>::denorm_min();
  Eigen::MatrixXd D = Eigen::MatrixXd::Zero(4, 6);
  D(0, 3) = -5;
  D(1, 0) = 3;
  D(2, 5) = 0x1p-600;
  D(3, 1) = 1e300;
  const SvdAnswer svd = mpfr_svd(D);
  const double expected[] = {1e300, 5, 3, 0x1p-600};
  for (int k = 0; k < 4; ++k) EXPECT_EQ(svd.s(k), Real(expected[k])) << k;
  expect_is_svd(D, svd);

  Eigen::MatrixXd S = Eigen::MatrixXd::Zero(3, 2);
  S(0, 0) = tiny;
  S(2, 1) = -2 * tiny;
  const SvdAnswer sub = mpfr_svd(S);
  EXPECT_EQ(sub.s(0), Real(2 * tiny));
  EXPECT_EQ(sub.s(1), Real(tiny));
  expect_is_svd(S, sub);
}

TEST(MpfrOracle, ZeroMatrix) {
  const std::pair<int, int> shapes[] = {{3, 5}, {5, 3}, {4, 4}};
  for (auto [n, d] : shapes) {
    const Eigen::MatrixXd Z = Eigen::MatrixXd::Zero(n, d);
    const SvdAnswer svd = mpfr_svd(Z);
    for (Eigen::Index k = 0; k < svd.s.size(); ++k) EXPECT_EQ(svd.s(k), 0);
    expect_is_svd(Z, svd);  // U and V are completed to orthonormal bases
    EXPECT_EQ(to_double(mpfr_min_norm_solve(svd, Eigen::VectorXd::Ones(n), 0)), Eigen::VectorXd::Zero(d));
  }
}

TEST(MpfrOracle, EmptyShapes) {
  const SvdAnswer wide = mpfr_svd(Eigen::MatrixXd(0, 3), 256);
  EXPECT_EQ(wide.s.size(), 0);
  EXPECT_EQ(wide.U.rows(), 0);
  EXPECT_EQ(wide.U.cols(), 0);
  EXPECT_EQ(to_double(wide.V), Eigen::MatrixXd::Identity(3, 3));
  EXPECT_EQ(to_double(mpfr_min_norm_solve(wide, Eigen::VectorXd(0), 0)), Eigen::VectorXd::Zero(3));

  const SvdAnswer tall = mpfr_svd(Eigen::MatrixXd(3, 0), 256);
  EXPECT_EQ(tall.s.size(), 0);
  EXPECT_EQ(tall.U.rows(), 3);
  EXPECT_EQ(tall.U.cols(), 0);
  EXPECT_EQ(tall.V.rows(), 0);
  EXPECT_EQ(mpfr_min_norm_solve(tall, Eigen::VectorXd::Ones(3), 0).size(), 0);
}

TEST(MpfrOracle, TwoPrecisionsAgree) {
  // Weyl: each computed σ is within η_bits·‖X‖_F of the true one, so the two answers are within
  // (η₂₀₀ + η₃₀₀)·‖X‖_F of each other.
  for (const Eigen::MatrixXd& X : {oracle_test::magic6(), oracle_test::pattern(8, 16, 2), oracle_test::pattern(12, 5, 3)}) {
    const SvdAnswer lo = mpfr_svd(X, 200), hi = mpfr_svd(X, 300);
    EXPECT_GE(lo.bits, 200u);
    EXPECT_GE(hi.bits, 300u);
    PrecisionScope scope(hi.bits);
    const Real bound = (svd_backward_error_bound(lo) + svd_backward_error_bound(hi)) *
                       frobenius(X.cast<Real>());
    for (Eigen::Index k = 0; k < lo.s.size(); ++k) EXPECT_LE(abs(lo.s(k) - hi.s(k)), bound) << k;
  }
}

TEST(MpfrOracle, RejectsBadArguments) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Ones(3, 4);
  X(2, 1) = std::numeric_limits<double>::quiet_NaN();
  try {
    mpfr_svd(X);
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("row 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("column 1"), std::string::npos) << msg;
  }
  EXPECT_THROW(mpfr_svd(Eigen::MatrixXd::Ones(2, 2), 199), std::invalid_argument);
  const SvdAnswer svd = mpfr_svd(magic(4), 256);
  EXPECT_THROW(mpfr_min_norm_solve(svd, Eigen::VectorXd::Ones(3), 3), std::invalid_argument);
  EXPECT_THROW(mpfr_min_norm_solve(svd, Eigen::VectorXd::Ones(4), 5), std::invalid_argument);
  EXPECT_THROW(mpfr_min_norm_solve(svd, Eigen::VectorXd::Ones(4), -1), std::invalid_argument);
  Eigen::VectorXd y = Eigen::VectorXd::Ones(4);
  y(0) = std::numeric_limits<double>::infinity();
  EXPECT_THROW(mpfr_min_norm_solve(svd, y, 3), std::invalid_argument);
  const SvdAnswer zero = mpfr_svd(Eigen::MatrixXd::Zero(2, 2), 256);
  EXPECT_THROW(mpfr_min_norm_solve(zero, Eigen::VectorXd::Ones(2), 1), std::invalid_argument);
}

TEST(MpfrOracle, LeavesTheDefaultPrecisionAsItFoundIt) {
  const unsigned before = Real::default_precision();
  mpfr_svd(magic(5), 300);
  EXPECT_EQ(Real::default_precision(), before);
  {
    PrecisionScope scope(400);
    EXPECT_GE(scope.bits(), 400u);
    EXPECT_GE(mpfr_get_prec(Real(1).backend().data()), 400);
  }
  EXPECT_EQ(Real::default_precision(), before);
}

}  // namespace
