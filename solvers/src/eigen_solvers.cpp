// Eigen's own rank-revealing solvers, used the way their documentation requires.
#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <Eigen/SVD>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "nullity_solvers/solvers.hpp"

namespace nullity::solvers {

Eigen::VectorXd eigen_cod_solve(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond) {
  if (X.rows() == 0 || X.cols() == 0) return Eigen::VectorXd::Zero(X.cols());
  Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(X.rows(), X.cols());
  cod.setThreshold(rcond);  // must precede compute(): set later, solve() ignores it
  cod.compute(X);
  return cod.solve(y);
}

Eigen::VectorXd eigen_bdcsvd_solve(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond) {
  if (X.rows() == 0 || X.cols() == 0) return Eigen::VectorXd::Zero(X.cols());  // Eigen 3.4 crashes on empty input
  Eigen::BDCSVD<Eigen::MatrixXd> svd(X, Eigen::ComputeThinU | Eigen::ComputeThinV);
  svd.setThreshold(rcond);
  return svd.solve(y);
}

Eigen::Index eigen_cod_rank(const Eigen::MatrixXd& X, double rcond) {
  if (X.rows() == 0 || X.cols() == 0) return 0;
  Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> cod(X.rows(), X.cols());
  cod.setThreshold(rcond);
  cod.compute(X);
  return cod.rank();
}

Eigen::Index eigen_bdcsvd_rank(const Eigen::MatrixXd& X, double rcond) {
  if (X.rows() == 0 || X.cols() == 0) return 0;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(X);
  svd.setThreshold(rcond);
  return svd.rank();
}

Eigen::MatrixXd eigen_bdcsvd_null_space(const Eigen::MatrixXd& X, double rcond) {
  if (X.rows() == 0 || X.cols() == 0) return Eigen::MatrixXd::Identity(X.cols(), X.cols());
  Eigen::BDCSVD<Eigen::MatrixXd> svd(X, Eigen::ComputeThinU | Eigen::ComputeFullV);
  svd.setThreshold(rcond);
  return svd.matrixV().rightCols(X.cols() - svd.rank());
}

Eigen::VectorXd normal_equations(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (X.rows() == 0 || X.cols() == 0) return Eigen::VectorXd::Zero(X.cols());
  if (X.rows() >= X.cols()) {
    Eigen::LLT<Eigen::MatrixXd> llt(X.transpose() * X);
    if (llt.info() != Eigen::Success) return Eigen::VectorXd::Constant(X.cols(), nan);
    return llt.solve(X.transpose() * y);
  }
  Eigen::LLT<Eigen::MatrixXd> llt(X * X.transpose());
  if (llt.info() != Eigen::Success) return Eigen::VectorXd::Constant(X.cols(), nan);
  return X.transpose() * llt.solve(y);
}

Eigen::VectorXd gradient_descent(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, int max_iterations) {
  Eigen::VectorXd w = Eigen::VectorXd::Zero(X.cols());
  if (X.size() == 0) return w;
  // σ₁² by power iteration on XᵀX from a fixed start (deterministic); 50 steps give a few
  // digits, and the 1% inflation keeps the step below 2/σ₁², where gradient descent converges.
  Eigen::VectorXd v = Eigen::VectorXd::Ones(X.cols()).normalized();
  double lambda = 0;
  for (int k = 0; k < 50; ++k) {
    const Eigen::VectorXd u = X.transpose() * (X * v);
    lambda = u.norm();
    if (lambda == 0) return w;  // X = 0: w = 0 is the minimum-norm solution
    v = u / lambda;
  }
  const double step = 1 / (1.01 * lambda);
  const double normX = X.norm(), eps = std::numeric_limits<double>::epsilon();
  for (int k = 0; k < max_iterations; ++k) {
    const Eigen::VectorXd g = X.transpose() * (X * w - y);
    if (g.norm() <= eps * normX * (normX * w.norm() + y.norm())) break;
    w -= step * g;
  }
  return w;
}

std::vector<Contender> foreign_contenders(Eigen::Index n, Eigen::Index d) {
  using M = Eigen::MatrixXd;
  using V = Eigen::VectorXd;
  constexpr double kIterativeWork = 1e10;  // multiply-adds: seconds on one core
  const int gd = static_cast<int>(
      std::clamp(kIterativeWork / std::max(2.0 * double(n) * double(d), 1.0), 100.0, 100000.0));
  return {
      {"lapack-gelsd", "LAPACK dgelsd: SVD, divide and conquer", true,
       [](const M& X, const V& y) { return lapack_gelsd(X, y, numpy_rcond(X)).w; }},
      {"lapack-gelsy", "LAPACK dgelsy: complete orthogonal factorization", true,
       [](const M& X, const V& y) { return lapack_gelsy(X, y, numpy_rcond(X)).w; }},
      {"lapack-gelss", "LAPACK dgelss: SVD, QR iteration", true,
       [](const M& X, const V& y) { return lapack_gelss(X, y, numpy_rcond(X)).w; }},
      {"eigen-cod", "Eigen CompleteOrthogonalDecomposition, threshold set before compute()", true,
       [](const M& X, const V& y) { return eigen_cod_solve(X, y, numpy_rcond(X)); }},
      {"eigen-bdcsvd", "Eigen BDCSVD solve with threshold", true,
       [](const M& X, const V& y) { return eigen_bdcsvd_solve(X, y, numpy_rcond(X)); }},
      {"normal-equations", "Cholesky of XᵀX or XXᵀ (squares the condition number)", true,
       [](const M& X, const V& y) { return normal_equations(X, y); }},
      {"gradient-descent", "gradient descent from zero, step 1/σ₁², at most " + std::to_string(gd) + " iterations", true,
       [gd](const M& X, const V& y) { return gradient_descent(X, y, gd); }},
  };
}

}  // namespace nullity::solvers
