// A factorization computes what its first question needs (factorization.hpp): these tests pin
// what must not depend on the order of the questions — one rank decision per factorization,
// the values it was decided on, and min_norm_solve ≡ factorize(X).solve(y) bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>
#include <vector>

#include <nullity/nullity.hpp>
#include <nullity_test/thresholds.hpp>

namespace {

// A deterministic 9×14 matrix of rank 5 with integer entries (a product of integer factors), so
// its rank is exact and well determined: the nonzero singular values are far above every τ.
Eigen::MatrixXd rank_five() {
  Eigen::MatrixXd A(9, 5), B(5, 14);
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < A.cols(); ++j) A(i, j) = double((3 * i + 7 * j * j + 1) % 11) - 5;
  for (Eigen::Index i = 0; i < B.rows(); ++i)
    for (Eigen::Index j = 0; j < B.cols(); ++j) B(i, j) = double((5 * i * i + 2 * j + 3) % 13) - 6;
  return A * B;
}

Eigen::VectorXd ramp(Eigen::Index n) { return Eigen::VectorXd::LinSpaced(n, -1.0, 2.0); }

nullity::Options with(nullity::Method m, nullity::Backend b) {
  nullity::Options o;
  o.method = m;
  o.backend = b;
  return o;
}

class Lazy : public ::testing::TestWithParam<std::pair<nullity::Method, nullity::Backend>> {};

// The values read first are the values every later answer is decided on: asking for a basis
// afterwards neither changes the spectrum nor the rank, and the basis has d − r columns.
TEST_P(Lazy, LaterQuestionsKeepTheFirstDecision) {
  const auto [method, backend] = GetParam();
  const Eigen::MatrixXd X = rank_five();
  const auto f = nullity::factorize(X, with(method, backend));
  const Eigen::Index r = f.rank();
  const Eigen::VectorXd s = f.spectrum();
  const auto c = f.certificate();
  EXPECT_EQ(r, 5);
  const Eigen::MatrixXd Z = f.null_space();
  EXPECT_EQ(Z.cols(), X.cols() - r);
  EXPECT_EQ(f.rank(), r);
  EXPECT_EQ(f.spectrum(), s);  // bit for bit
  EXPECT_EQ(f.certificate().tolerance, c.tolerance);
  EXPECT_EQ(f.row_space().cols(), r);
}

// A solve asked first (the xGELSD strategy on the LAPACK backend) and the same solve asked
// after a basis (read off the singular vectors) answer the same problem: the two minimum-norm solutions agree to the forward
// error bound c·max(n,d)·ε·κ_r (Higham ASNA Thm 20.1; κ_r = s₁/s_r of this matrix, THRESH = 30).
TEST_P(Lazy, SolveFirstAndSolveAfterABasisAgree) {
  const auto [method, backend] = GetParam();
  const Eigen::MatrixXd X = rank_five();
  const Eigen::VectorXd y = ramp(X.rows());
  const auto first = nullity::factorize(X, with(method, backend));
  const Eigen::VectorXd w1 = first.solve(y);
  const auto second = nullity::factorize(X, with(method, backend));
  (void)second.null_space();
  const Eigen::VectorXd w2 = second.solve(y);
  EXPECT_EQ(first.rank(), second.rank());
  const Eigen::VectorXd s = second.spectrum();
  const double kappa = s(0) / s(second.rank() - 1);
  const double eps = std::numeric_limits<double>::epsilon();
  const double bound = nullity_test::kThresh * double(X.cols()) * eps * kappa;
  EXPECT_LT((w1 - w2).norm() / w2.norm(), bound);
  // Later solves on the first object read the vectors, computed once at the second solve (so
  // that many right-hand sides cost one SVD, not one xGELSD each): within the same bound of the
  // first solve, and from then on the same bits every time.
  const Eigen::VectorXd w3 = first.solve(y);
  EXPECT_LT((w3 - w1).norm() / w1.norm(), bound);
  EXPECT_EQ(first.solve(y), w3);
  EXPECT_EQ(first.rank(), second.rank());
}

// min_norm_solve(X, y) is factorize(X).solve(y): one pipeline, bit for bit.
TEST_P(Lazy, MinNormSolveIsTheFactorizationsSolve) {
  const auto [method, backend] = GetParam();
  const nullity::Options o = with(method, backend);
  for (const Eigen::MatrixXd& X : {rank_five(), Eigen::MatrixXd(rank_five().transpose())}) {
    const Eigen::VectorXd y = ramp(X.rows());
    EXPECT_EQ(nullity::min_norm_solve(X, y, o), nullity::factorize(X, o).solve(y));
  }
}

// A const factorization asked from several threads at once answers as one asked in turn: the
// first question's work is done once, under the factorization's mutex.
TEST_P(Lazy, ConcurrentQuestionsAgree) {
  const auto [method, backend] = GetParam();
  const Eigen::MatrixXd X = rank_five();
  const Eigen::VectorXd y = ramp(X.rows());
  const auto reference = nullity::factorize(X, with(method, backend));
  const Eigen::MatrixXd Z0 = reference.null_space();
  const auto f = nullity::factorize(X, with(method, backend));
  std::vector<Eigen::MatrixXd> Z(4);
  std::vector<Eigen::Index> r(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      if (t % 2 == 0) r[t] = f.rank();
      Z[t] = f.null_space();
      if (t % 2 == 1) r[t] = f.rank();
    });
  for (auto& t : threads) t.join();
  for (std::size_t t = 0; t < 4; ++t) {
    EXPECT_EQ(r[t], 5);
    EXPECT_EQ(Z[t], Z[0]);
  }
}

INSTANTIATE_TEST_SUITE_P(PathsAndBackends, Lazy,
                         ::testing::Values(std::pair{nullity::Method::svd, nullity::Backend::automatic},
                                           std::pair{nullity::Method::svd, nullity::Backend::eigen},
                                           std::pair{nullity::Method::qr, nullity::Backend::automatic}),
                         [](const auto& p) {
                           return std::string(nullity::to_string(p.param.first)) +
                                  (p.param.second == nullity::Backend::eigen ? "_eigen" : "_default");
                         });

}  // namespace
