#pragma once
// Unit cases run for every scalar type (instantiated in scalars_<scalar>.cpp, which make up the
// builtin_scalars_test and multiprecision_scalars_test programs). Expected values come from mathematics, never from this
// library's output. Accuracy bounds are ratios against THRESH = 30, LAPACK's convention for
// "order one times the rounding-error scale" (TESTING/dtest.in).

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <nullity/nullity.hpp>
#include <nullity_test/gallery.hpp>
#include <nullity_test/thresholds.hpp>

namespace nullity_unit {

template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <class S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;

using nullity_test::kThresh;  // LAPACK TESTING THRESH

template <class S>
double eps() {
  return static_cast<double>(nullity::scalar_traits<S>::epsilon());
}
template <class S>
double to_d(const S& x) {
  return static_cast<double>(x);
}
template <class S>
Mat<S> cast(const Eigen::MatrixXd& A) {
  return A.template cast<S>();
}

// Every path: the SVD path on each backend (automatic is LAPACK for float and double when the
// build has it, Eigen otherwise) and the QR path.
struct Path {
  nullity::Method method;
  nullity::Backend backend;
};
constexpr Path kPaths[] = {{nullity::Method::svd, nullity::Backend::automatic},
                             {nullity::Method::svd, nullity::Backend::eigen},
                             {nullity::Method::qr, nullity::Backend::automatic}};

inline std::string describe(Path p) {
  return std::string(nullity::to_string(p.method)) + "/" + nullity::to_string(p.backend);
}

inline nullity::Options with(Path p) {
  nullity::Options o;
  o.method = p.method;
  o.backend = p.backend;
  return o;
}

template <class S>
class ScalarCases : public ::testing::Test {};
TYPED_TEST_SUITE_P(ScalarCases);

// Day 33: A = [[1,2,3],[2,4,6],[1,1,1]] has rank 2 (row 2 = 2·row 1) and ker A = span(1,−2,1).
// The nonzero eigenvalues of AAᵀ solve λ² − 73λ + 30 = 0 (trace 73, sum of 2×2 principal
// minors 30), so σ₁² = (73 + √5209)/2 and σ₂² = (73 − √5209)/2.
TYPED_TEST_P(ScalarCases, Day33HasRankTwoAndNullVectorOneMinusTwoOne) {
  using S = TypeParam;
  Eigen::MatrixXd A(3, 3);
  A << 1, 2, 3, 2, 4, 6, 1, 1, 1;
  const double sigma1 = std::sqrt((73 + std::sqrt(5209.0)) / 2), sigma2 = std::sqrt((73 - std::sqrt(5209.0)) / 2);
  Vec<S> z_true(3);
  z_true << S(1), S(-2), S(1);
  z_true /= sqrt(S(6));
  for (auto m : kPaths) {
    SCOPED_TRACE(describe(m));
    const auto f = nullity::factorize(cast<S>(A), with(m));
    EXPECT_EQ(f.rank(), 2);
    EXPECT_EQ(f.nullity(), 1);
    const Mat<S> Z = f.null_space();
    ASSERT_EQ(Z.rows(), 3);
    ASSERT_EQ(Z.cols(), 1);
    // Wedin: sin∠(z, z_true) ≤ ‖E‖₂/σ₂ with ‖E‖₂ ≲ max(n,d)·ε·σ₁ for a backward-stable method.
    const S sign = Z.col(0).dot(z_true) < S(0) ? S(-1) : S(1);
    const double err = to_d(S((sign * Z.col(0) - z_true).norm()));
    EXPECT_LT(err / (3 * eps<S>() * sigma1 / sigma2), kThresh);
  }
}

// Minimum-norm solve of a consistent Day 33 system: y = A·w_true; w⁺ is the projection of
// w_true on the row space. Bound: Björck's rank-deficient LS bound, ‖w − w⁺‖/‖w⁺‖ ≲ κ_r·c·ε
// (zero residual), with κ_r = σ₁/σ₂ from the closed form above.
TYPED_TEST_P(ScalarCases, Day33MinNormSolutionIsTheRowSpaceProjection) {
  using S = TypeParam;
  Eigen::MatrixXd A(3, 3);
  A << 1, 2, 3, 2, 4, 6, 1, 1, 1;
  const double kappa = std::sqrt((73 + std::sqrt(5209.0)) / (73 - std::sqrt(5209.0)));
  Vec<S> w_true(3), z(3);
  w_true << S(1), S(1), S(1);
  z << S(1), S(-2), S(1);
  // w⁺ = w_true − (zᵀw_true/zᵀz)·z = (1,1,1) − 0 = (1,1,1): it is already ⟂ z.
  const Vec<S> y = cast<S>(A) * w_true;  // exact: small integers
  for (auto m : kPaths) {
    SCOPED_TRACE(describe(m));
    const Vec<S> w = nullity::min_norm_solve(cast<S>(A), y, with(m));
    const double err = to_d(S((w - w_true).norm() / w_true.norm()));
    EXPECT_LT(err / (3 * eps<S>() * kappa), kThresh);
    // The factorization's solve (a different route on the LAPACK backend: xGESDD, not xGELSD).
    const Vec<S> wf = nullity::factorize(cast<S>(A), with(m)).solve(y);
    EXPECT_LT(to_d(S((wf - w_true).norm() / w_true.norm())) / (3 * eps<S>() * kappa), kThresh);
    // A null-space move changes nothing: solve(A, A(w_true + z)) = solve(A, A w_true) exactly here,
    // since A z = 0 in exact integer arithmetic.
    const Vec<S> w2 = nullity::min_norm_solve(cast<S>(A), Vec<S>(cast<S>(A) * (w_true + z)), with(m));
    EXPECT_TRUE(w2 == w) << "solve(A, A(w + z)) differs from solve(A, Aw)";
  }
}

TYPED_TEST_P(ScalarCases, MagicSquaresHaveTheirKnownRanks) {
  using S = TypeParam;
  for (int n = 3; n <= 12; ++n)
    for (auto m : kPaths) {
      SCOPED_TRACE("magic(" + std::to_string(n) + ") " + describe(m));
      EXPECT_EQ(nullity::rank(cast<S>(nullity_test::magic(n)), with(m)), nullity_test::magic_rank(n));
    }
}

// rank + nullity = d, ZᵀZ = I and ‖XZ‖ small on a fixed rank-3 integer matrix (magic(8)).
// Orthonormality: ‖ZᵀZ − I‖ ≤ c·d·ε (Householder/Jacobi products, Higham Thm 19.4, LAPACK DORT01);
// ‖XZ‖₂ ≤ ‖E‖₂ ≲ max(n,d)·ε·‖X‖₂ (Z is the exact null space of X + E).
TYPED_TEST_P(ScalarCases, NullSpaceIsOrthonormalAndAnnihilatesX) {
  using S = TypeParam;
  const Mat<S> X = cast<S>(nullity_test::magic(8));
  const double normX = to_d(S(X.norm()));  // Frobenius ≥ spectral: a safe scale
  for (auto m : kPaths) {
    SCOPED_TRACE(describe(m));
    const auto f = nullity::factorize(X, with(m));
    const Mat<S> Z = f.null_space(), Q = f.row_space();
    EXPECT_EQ(f.rank() + f.nullity(), 8);
    ASSERT_EQ(Z.cols(), 5);
    ASSERT_EQ(Q.cols(), 3);
    const Mat<S> I5 = Mat<S>::Identity(5, 5), I3 = Mat<S>::Identity(3, 3);
    EXPECT_LT(to_d(S((Z.transpose() * Z - I5).norm())) / (8 * eps<S>()), kThresh);
    EXPECT_LT(to_d(S((Q.transpose() * Q - I3).norm())) / (8 * eps<S>()), kThresh);
    EXPECT_LT(to_d(S((Q.transpose() * Z).norm())) / (8 * eps<S>()), kThresh);
    EXPECT_LT(to_d(S((X * Z).norm())) / (8 * eps<S>() * normX), kThresh);
    // split: w = row + null, with row ⟂ null.
    Vec<S> w = Vec<S>::LinSpaced(8, S(-3), S(4));
    const auto parts = f.split(w);
    EXPECT_LT(to_d(S((parts.row + parts.null - w).norm() / w.norm())) / (8 * eps<S>()), kThresh);
    EXPECT_LT(to_d(S((X * parts.null).norm() / (normX * w.norm()))) / (8 * eps<S>()), kThresh);
  }
}

// Empty shapes (design §3): 0×d has rank 0 and null space I_d, and solves to 0 ∈ R^d;
// n×0 has rank 0 and an empty solution.
TYPED_TEST_P(ScalarCases, EmptyShapesHaveRankZero) {
  using S = TypeParam;
  for (auto m : kPaths) {
    SCOPED_TRACE(describe(m));
    const auto wide = nullity::factorize(Mat<S>(0, 3), with(m));
    EXPECT_EQ(wide.rank(), 0);
    EXPECT_EQ(wide.nullity(), 3);
    EXPECT_TRUE(wide.null_space() == Mat<S>::Identity(3, 3));
    EXPECT_EQ(wide.row_space().cols(), 0);
    const Vec<S> w = wide.solve(Vec<S>(0));
    EXPECT_TRUE(w == Vec<S>::Zero(3));

    const auto tall = nullity::factorize(Mat<S>(4, 0), with(m));
    EXPECT_EQ(tall.rank(), 0);
    EXPECT_EQ(tall.nullity(), 0);
    EXPECT_EQ(tall.null_space().size(), 0);
    EXPECT_EQ(tall.solve(Vec<S>::Ones(4)).size(), 0);

    const auto none = nullity::factorize(Mat<S>(0, 0), with(m));
    EXPECT_EQ(none.rank(), 0);
    EXPECT_EQ(none.solve(Vec<S>(0)).size(), 0);
    EXPECT_TRUE(none.certificate().well_determined);
  }
}

TYPED_TEST_P(ScalarCases, OneByOneAndZeroMatrices) {
  using S = TypeParam;
  for (auto m : kPaths) {
    SCOPED_TRACE(describe(m));
    Mat<S> three(1, 1);
    three << S(3);
    const auto f = nullity::factorize(three, with(m));
    EXPECT_EQ(f.rank(), 1);
    Vec<S> y(1);
    y << S(6);
    EXPECT_TRUE(f.solve(y) == Vec<S>::Constant(1, S(2)));  // 6/3 is exact
    const auto z = nullity::factorize(Mat<S>::Zero(3, 5), with(m));
    EXPECT_EQ(z.rank(), 0);
    EXPECT_EQ(z.nullity(), 5);
    EXPECT_TRUE(z.solve(Vec<S>::Ones(3)) == Vec<S>::Zero(5));
    EXPECT_TRUE(z.certificate().well_determined);
  }
}

TYPED_TEST_P(ScalarCases, NonFiniteEntriesAreRejectedWithTheirPosition) {
  using S = TypeParam;
  const S inf = nullity::scalar_traits<S>::infinity();
  for (auto m : kPaths) {
    Mat<S> X = Mat<S>::Ones(3, 4);
    X(1, 2) = inf - inf;  // NaN
    try {
      (void)nullity::factorize(X, with(m));
      ADD_FAILURE() << "NaN accepted";
    } catch (const nullity::invalid_input& e) {
      EXPECT_NE(std::string(e.what()).find("NaN at row 1, column 2"), std::string::npos) << e.what();
    }
    X(1, 2) = -inf;
    try {
      (void)nullity::factorize(X, with(m));
      ADD_FAILURE() << "-Inf accepted";
    } catch (const nullity::invalid_input& e) {
      EXPECT_NE(std::string(e.what()).find("-Inf at row 1, column 2"), std::string::npos) << e.what();
    }
    const auto f = nullity::factorize(Mat<S>::Ones(3, 4), with(m));
    Vec<S> y = Vec<S>::Ones(3);
    y(2) = inf;
    EXPECT_THROW((void)f.solve(y), nullity::invalid_input);
    EXPECT_THROW((void)f.solve(Vec<S>::Ones(4)), nullity::invalid_input);
    EXPECT_THROW((void)f.split(Vec<S>::Ones(3)), nullity::invalid_input);
  }
}

// Scaling X by 2^k is exact, and nullity factorizes 2^-e·X with max entry in [1/2, 1): the
// rank and bases of 2^k·X must equal those of X bit for bit, and solve must scale exactly,
// across the scalar's whole exponent range (no overflow in norms at 1e300, no underflow at
// 1e-300).
TYPED_TEST_P(ScalarCases, PowerOfTwoScalingChangesNothingButTheScale) {
  using S = TypeParam;
  // Keep 2^k·X and 2^k·X·w normal: magic(8) entries are ≤ 64 = 2^6, its row sums 2^8·... < 2^12.
  const int kmax = int(std::min<long>(std::numeric_limits<S>::max_exponent, 16000)) - 14;
  const int kmin = int(std::max<long>(std::numeric_limits<S>::min_exponent, -16000)) + 2;
  const Mat<S> X = cast<S>(nullity_test::magic(8));
  const Vec<S> y = Vec<S>::LinSpaced(8, S(1), S(8));
  for (auto m : kPaths) {
    const auto f = nullity::factorize(X, with(m));
    const Vec<S> w = f.solve(y);
    for (int k : {kmin, kmin / 2, -1, 1, 7, kmax / 2, kmax}) {
      SCOPED_TRACE(std::string(describe(m)) + " k=" + std::to_string(k));
      using std::ldexp;
      const Mat<S> Xk = X.unaryExpr([k](const S& v) { return S(ldexp(v, k)); });
      const auto g = nullity::factorize(Xk, with(m));
      // solve(2^k X, y) = 2^-k solve(X, y). Asked first, as of f: a factorization computes what
      // its first question needs (factorization.hpp), so the same questions in the same order.
      const Vec<S> wk = g.solve(y);
      EXPECT_TRUE(wk == Vec<S>(w.unaryExpr([k](const S& v) { return S(ldexp(v, -k)); })));
      EXPECT_EQ(g.rank(), f.rank());
      EXPECT_TRUE(g.null_space() == f.null_space());
      EXPECT_TRUE(g.row_space() == f.row_space());
      EXPECT_TRUE(g.certificate().well_determined);
      // The one-shot solve (the LAPACK backend's xGELSD route on the SVD path) scales alike.
      const Vec<S> v = nullity::min_norm_solve(X, y, with(m)), vk = nullity::min_norm_solve(Xk, y, with(m));
      EXPECT_TRUE(vk == Vec<S>(v.unaryExpr([k](const S& t) { return S(ldexp(t, -k)); })));
    }
  }
}

// Backend::lapack serves float and double (in a program that links nullity::lapack, as this test
// does) and is refused, with a message, for every other scalar; Backend::automatic always works.
TYPED_TEST_P(ScalarCases, LapackBackendServesFloatAndDoubleOnly) {
  using S = TypeParam;
  const Mat<S> X = cast<S>(nullity_test::magic(4));
  for (auto method : {nullity::Method::svd, nullity::Method::qr}) {
    nullity::Options o;
    o.method = method;
    o.backend = nullity::Backend::lapack;
    if (nullity::detail::lapack_scalar<S>) {
      EXPECT_EQ(nullity::rank(X, o), nullity_test::magic_rank(4));
    } else {
      EXPECT_THROW((void)nullity::rank(X, o), nullity::invalid_input);
      EXPECT_THROW((void)nullity::min_norm_solve(X, Vec<S>(Vec<S>::Ones(4)), o), nullity::invalid_input);
    }
  }
}

REGISTER_TYPED_TEST_SUITE_P(ScalarCases, Day33HasRankTwoAndNullVectorOneMinusTwoOne,
                            Day33MinNormSolutionIsTheRowSpaceProjection, MagicSquaresHaveTheirKnownRanks,
                            NullSpaceIsOrthonormalAndAnnihilatesX, EmptyShapesHaveRankZero, OneByOneAndZeroMatrices,
                            NonFiniteEntriesAreRejectedWithTheirPosition, PowerOfTwoScalingChangesNothingButTheScale,
                            LapackBackendServesFloatAndDoubleOnly);

}  // namespace nullity_unit
