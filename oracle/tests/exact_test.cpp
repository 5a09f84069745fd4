// The exact oracle against closed forms. Every expectation here is mathematics (magic-square
// ranks, the inverse Hilbert matrix, RREF/kernel identities checked in exact arithmetic), never
// a number the oracle printed.

#include <cmath>
#include <iterator>
#include <utility>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "nullity_oracle/exact.hpp"
#include "test_matrices.hpp"

namespace {

using namespace nullity::oracle;
using oracle_test::magic;

RationalMatrix product(const RationalMatrix& A, const RationalMatrix& B) {
  RationalMatrix C = RationalMatrix::Zero(A.rows(), B.cols());
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < B.cols(); ++j)
      for (Eigen::Index k = 0; k < A.cols(); ++k) C(i, j) += A(i, k) * B(k, j);
  return C;
}

bool is_zero(const RationalMatrix& A) {
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    for (Eigen::Index i = 0; i < A.rows(); ++i)
      if (A(i, j) != 0) return false;
  return true;
}

/// The identities that define the answer, all exact: X·K = 0, K has d − r independent columns,
/// the row basis is in reduced row echelon form with rank rows and spans the row space of X.
void expect_consistent(const Eigen::MatrixXd& X, const ExactAnswer& a) {
  const RationalMatrix Xq = to_rational(X);
  const Eigen::Index d = X.cols();
  ASSERT_EQ(a.kernel.rows(), d);
  ASSERT_EQ(a.kernel.cols(), d - a.rank);
  ASSERT_EQ(a.row_basis.rows(), a.rank);
  ASSERT_EQ(a.row_basis.cols(), d);
  EXPECT_TRUE(is_zero(product(Xq, a.kernel)));
  EXPECT_EQ(exact_rational(a.kernel).rank, d - a.rank);
  EXPECT_EQ(exact_rational(a.row_basis).rank, a.rank);
  // Row space of X inside the span of the row basis: stacking them adds no rank.
  RationalMatrix stacked(X.rows() + a.rank, d);
  stacked << Xq, a.row_basis;
  EXPECT_EQ(exact_rational(stacked).rank, a.rank);
  // RREF shape: pivot entries 1, zero elsewhere in pivot columns.
  for (Eigen::Index i = 0; i < a.rank; ++i)
    for (Eigen::Index k = 0; k < a.rank; ++k)
      EXPECT_EQ(a.row_basis(k, a.pivots[static_cast<std::size_t>(i)]), i == k ? 1 : 0);
}

TEST(ExactOracle, MagicSquaresHaveMolersRanks) {
  // Moler, Experiments with MATLAB, ch. 10: rank magic(n) = n for odd n, 3 for n ≡ 0 mod 4,
  // n/2 + 2 for n ≡ 2 mod 4.
  struct Case {
    Eigen::MatrixXd M;
    Eigen::Index rank;
  };
  const Case cases[] = {{magic(3), 3}, {magic(4), 3}, {magic(5), 5}, {oracle_test::magic6(), 5},
                        {magic(7), 7}, {magic(8), 3}, {magic(9), 9}, {magic(12), 3}};
  for (const Case& c : cases) {
    const Eigen::Index n = c.M.rows();
    // The generator really yields magic squares: every line sums to n(n² + 1)/2.
    const double line = n * (n * n + 1) / 2.0;
    EXPECT_TRUE((c.M.rowwise().sum().array() == line).all()) << n;
    EXPECT_TRUE((c.M.colwise().sum().array() == line).all()) << n;
    EXPECT_EQ(c.M.trace(), line) << n;
    const ExactAnswer a = exact(c.M);
    EXPECT_EQ(a.rank, c.rank) << "magic(" << n << ")";
    expect_consistent(c.M, a);
  }
  Eigen::MatrixXd m4(4, 4);
  m4 << 16, 2, 3, 13, 5, 11, 10, 8, 9, 7, 6, 12, 4, 14, 15, 1;  // MATLAB's magic(4), printed
  EXPECT_EQ(magic(4), m4);
}

TEST(ExactOracle, Magic4KernelIsTheKnownVector) {
  // magic(4)·[1, 3, −3, −1]ᵀ = 0 (row 1: 16 + 6 − 9 − 13 = 0, and likewise for the others); the
  // kernel is one-dimensional, so the RREF basis vector (free variable = 1) is −[1, 3, −3, −1]ᵀ.
  const ExactAnswer a = exact(magic(4));
  ASSERT_EQ(a.kernel.cols(), 1);
  const Rational expected[] = {-1, -3, 3, 1};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(a.kernel(i, 0), expected[i]) << i;
}

TEST(ExactOracle, VandermondeProductsHaveThePlantedRank) {
  for (int r = 0; r <= 4; ++r) {
    const std::pair<int, int> shapes[] = {{4, 8}, {8, 4}, {6, 6}, {5, 9}};
    for (auto [n, d] : shapes) {
      if (r > std::min(n, d)) continue;
      const Eigen::MatrixXd X = oracle_test::vandermonde_product(n, d, r);
      const ExactAnswer a = exact(X);
      EXPECT_EQ(a.rank, r) << n << "x" << d;
      expect_consistent(X, a);
    }
  }
}

TEST(ExactOracle, HilbertMatrixHasTheClosedFormInverse) {
  for (int n : {1, 2, 4, 6, 8}) {
    const RationalMatrix H = oracle_test::hilbert(n);
    EXPECT_EQ(exact_rational(H).rank, n);
    for (int j = 1; j <= n; ++j) {
      RationalVector e = RationalVector::Zero(n);
      e(j - 1) = 1;
      const RationalVector col = exact_min_norm_solve_rational(H, e);  // H invertible: H⁺ = H⁻¹
      for (int i = 1; i <= n; ++i) EXPECT_EQ(col(i - 1), Rational(oracle_test::inverse_hilbert(n, i, j))) << n;
    }
  }
  EXPECT_EQ(oracle_test::inverse_hilbert(4, 1, 1), 16);       // the well-known corner entries
  EXPECT_EQ(oracle_test::inverse_hilbert(4, 4, 4), 2800);
}

TEST(ExactOracle, ScaledHilbertInDoubleSolvesExactly) {
  // L·H_n with L = lcm(1, …, 2n − 1) is an integer matrix below 2^53, so it is stored exactly;
  // its inverse is H⁻¹/L.
  for (int n : {3, 4, 6, 8}) {
    const std::int64_t L = oracle_test::lcm_1_to(2 * n - 1);
    Eigen::MatrixXd X(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) X(i, j) = static_cast<double>(L / (i + j + 1));
    for (int j = 1; j <= n; ++j) {
      const RationalVector w = exact_min_norm_solve(X, Eigen::VectorXd::Unit(n, j - 1));
      for (int i = 1; i <= n; ++i) EXPECT_EQ(w(i - 1), Rational(oracle_test::inverse_hilbert(n, i, j), L)) << n;
    }
  }
}

TEST(ExactOracle, MinNormSolutionOfAllOnesIsTheMeanSpread) {
  // X = 1_n 1_dᵀ has X⁺ = 1_d 1_nᵀ/(n d) (the four Penrose conditions check directly), so
  // X⁺y = (Σy)/(n d)·1_d.
  const int n = 3, d = 5;
  const Eigen::MatrixXd X = Eigen::MatrixXd::Ones(n, d);
  const Eigen::VectorXd y = (Eigen::VectorXd(n) << 1, 4, 10).finished();
  const RationalVector w = exact_min_norm_solve(X, y);
  for (int i = 0; i < d; ++i) EXPECT_EQ(w(i), Rational(15, n * d));
}

TEST(ExactOracle, MinNormSolutionSatisfiesItsCharacterization) {
  // w = X⁺y iff Xᵀ(Xw − y) = 0 (least squares) and w ⟂ ker X (minimum norm): Penrose (1956).
  for (const Eigen::MatrixXd& X : {magic(4), oracle_test::magic6(), magic(8), oracle_test::vandermonde_product(5, 9, 3),
                                   oracle_test::vandermonde_product(9, 4, 2), oracle_test::pattern(6, 10, 1)}) {
    Eigen::VectorXd y(X.rows());
    for (Eigen::Index i = 0; i < y.size(); ++i) y(i) = static_cast<double>((5 * i + 3) % 7) - 3.0;
    const RationalVector w = exact_min_norm_solve(X, y);
    const RationalMatrix Xq = to_rational(X);
    const RationalMatrix r = product(Xq, w) - to_rational(y);
    EXPECT_TRUE(is_zero(product(Xq.transpose(), r)));
    EXPECT_TRUE(is_zero(product(exact(X).kernel.transpose(), w)));
  }
}

TEST(ExactOracle, ExtremeExponentsAndSubnormalsAreExactRationals) {
  const double big = 0x1p1000, tiny = std::numeric_limits<double>::denorm_min();  // 2^-1074
  Eigen::MatrixXd X(2, 2);
  X << big, tiny, 2 * big, 2 * tiny;  // rank 1: row 2 = 2·row 1, exactly
  const ExactAnswer a = exact(X);
  EXPECT_EQ(a.rank, 1);
  expect_consistent(X, a);
  // Kernel vector (free variable 1): [−tiny/big, 1] = [−2^-2074, 1], which is not a double.
  Rational expected;
  mpq_set_ui(expected.backend().data(), 1, 1);
  mpq_div_2exp(expected.backend().data(), expected.backend().data(), 2074);
  EXPECT_EQ(a.kernel(0, 0), -expected);
  EXPECT_EQ(a.kernel(1, 0), 1);

  // Rounding would merge these rows; exactly they are independent.
  Eigen::MatrixXd Y(2, 2);
  Y << 1.0, 1.0, 1.0, std::nextafter(1.0, 2.0);
  EXPECT_EQ(exact(Y).rank, 2);
  Eigen::MatrixXd Z(2, 3);
  Z << 0x1p-1070, 0x1p1023, 3 * tiny, 0x1p-1069, std::numeric_limits<double>::max(), 6 * tiny;
  expect_consistent(Z, exact(Z));
  EXPECT_EQ(exact(Z).rank, 2);
}

TEST(ExactOracle, ZeroMatrixHasFullKernel) {
  const ExactAnswer a = exact(Eigen::MatrixXd::Zero(3, 4));
  EXPECT_EQ(a.rank, 0);
  EXPECT_EQ(to_double(a.kernel), Eigen::MatrixXd::Identity(4, 4));
  EXPECT_EQ(to_double(exact_min_norm_solve(Eigen::MatrixXd::Zero(3, 4), Eigen::VectorXd::Ones(3))),
            Eigen::VectorXd::Zero(4));
}

TEST(ExactOracle, EmptyShapes) {
  const ExactAnswer wide = exact(Eigen::MatrixXd(0, 3));
  EXPECT_EQ(wide.rank, 0);
  EXPECT_EQ(to_double(wide.kernel), Eigen::MatrixXd::Identity(3, 3));
  EXPECT_EQ(wide.row_basis.rows(), 0);
  EXPECT_EQ(wide.row_basis.cols(), 3);
  EXPECT_EQ(to_double(exact_min_norm_solve(Eigen::MatrixXd(0, 3), Eigen::VectorXd(0))), Eigen::VectorXd::Zero(3));

  const ExactAnswer tall = exact(Eigen::MatrixXd(3, 0));
  EXPECT_EQ(tall.rank, 0);
  EXPECT_EQ(tall.kernel.rows(), 0);
  EXPECT_EQ(tall.kernel.cols(), 0);
  EXPECT_EQ(exact_min_norm_solve(Eigen::MatrixXd(3, 0), Eigen::VectorXd::Ones(3)).size(), 0);
  EXPECT_EQ(exact(Eigen::MatrixXd(0, 0)).rank, 0);
}

TEST(ExactOracle, NonFiniteEntriesAreRejectedByPosition) {
  for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()}) {
    Eigen::MatrixXd X = Eigen::MatrixXd::Ones(3, 4);
    X(1, 2) = bad;
    try {
      exact(X);
      ADD_FAILURE() << "no exception for " << bad;
    } catch (const std::invalid_argument& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find("row 1"), std::string::npos) << msg;
      EXPECT_NE(msg.find("column 2"), std::string::npos) << msg;
    }
    EXPECT_THROW(exact_min_norm_solve(X, Eigen::VectorXd::Ones(3)), std::invalid_argument);
  }
  Eigen::VectorXd y = Eigen::VectorXd::Ones(3);
  y(2) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(exact_min_norm_solve(Eigen::MatrixXd::Ones(3, 4), y), std::invalid_argument);
  EXPECT_THROW(exact_min_norm_solve(Eigen::MatrixXd::Ones(3, 4), Eigen::VectorXd::Ones(2)), std::invalid_argument);
}

TEST(ExactOracle, ToDoubleRoundsToNearestEven) {
  auto pow2 = [](long e) {  // 2^e as an exact rational
    Rational q = 1;
    if (e >= 0)
      mpq_mul_2exp(q.backend().data(), q.backend().data(), static_cast<unsigned long>(e));
    else
      mpq_div_2exp(q.backend().data(), q.backend().data(), static_cast<unsigned long>(-e));
    return q;
  };
  const double tiny = std::numeric_limits<double>::denorm_min();
  EXPECT_EQ(to_double(Rational(1, 3)), 1.0 / 3.0);  // IEEE division is correctly rounded
  EXPECT_EQ(to_double(Rational(-2, 3)), -2.0 / 3.0);
  EXPECT_EQ(to_double(1 + pow2(-53)), 1.0);                       // tie → even
  EXPECT_EQ(to_double(1 + 3 * pow2(-54)), 1.0 + 0x1p-52);         // above the tie
  EXPECT_EQ(to_double(3 * pow2(-1075)), 2 * tiny);                // subnormal tie → even
  EXPECT_EQ(to_double(5 * pow2(-1075)), 2 * tiny);                // 2.5 ulp → 2 (even)
  EXPECT_EQ(to_double(pow2(-1075)), 0.0);                         // half the least subnormal → 0
  EXPECT_EQ(to_double(pow2(-1075) + pow2(-1100)), tiny);          // just above the half
  EXPECT_EQ(to_double(pow2(1024)), std::numeric_limits<double>::infinity());
  EXPECT_EQ(to_double(pow2(1023) * (2 - pow2(-52))), std::numeric_limits<double>::max());
  EXPECT_EQ(to_double(Rational(0)), 0.0);
}

TEST(ExactOracle, RoundTripsEveryKindOfDouble) {
  const double values[] = {0.0, -0.0, 1.0, -3.5, 0.1, 1e308, -1e-308, std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::max(), std::numeric_limits<double>::min()};
  Eigen::VectorXd v(std::size(values));
  for (std::size_t i = 0; i < std::size(values); ++i) v(static_cast<Eigen::Index>(i)) = values[i];
  EXPECT_EQ(to_double(to_rational(v)), v);
}

}  // namespace
