// LAPACK drivers through LAPACKE, column-major, on copies of the inputs (LAPACK overwrites them).
#include <lapacke.h>

#include <algorithm>
#include <cmath>
#include <vector>
#include <limits>
#include <stdexcept>
#include <string>

#include "nullity_solvers/solvers.hpp"

namespace nullity::solvers {
namespace {

lapack_int to_lapack(Eigen::Index v) {
  if (v > std::numeric_limits<lapack_int>::max()) throw std::invalid_argument("matrix too large for LAPACK");
  return static_cast<lapack_int>(v);
}

void check(lapack_int info, const char* routine) {
  if (info != 0) throw std::runtime_error(std::string(routine) + " failed with INFO = " + std::to_string(info));
}

// LAPACK's B must hold max(n,d) rows: y on input, w on output.
Eigen::MatrixXd rhs_workspace(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  if (y.size() != X.rows()) throw std::invalid_argument("y has the wrong length");
  Eigen::MatrixXd B = Eigen::MatrixXd::Zero(std::max<Eigen::Index>({X.rows(), X.cols(), 1}), 1);
  B.topRows(y.size()) = y;
  return B;
}

template <class Driver>
LapackSolution svd_driver(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond, Driver driver,
                          const char* routine) {
  Eigen::MatrixXd A = X;
  Eigen::MatrixXd B = rhs_workspace(X, y);
  Eigen::VectorXd s(std::max<Eigen::Index>(std::min(X.rows(), X.cols()), 1));
  lapack_int rank = 0;
  const lapack_int m = to_lapack(X.rows()), n = to_lapack(X.cols());
  check(driver(LAPACK_COL_MAJOR, m, n, 1, A.data(), std::max<lapack_int>(1, m), B.data(), to_lapack(B.rows()),
               s.data(), rcond, &rank),
        routine);
  return {B.topRows(X.cols()), rank};
}

}  // namespace

double numpy_rcond(const Eigen::MatrixXd& X) {
  return static_cast<double>(std::max(X.rows(), X.cols())) * std::numeric_limits<double>::epsilon();
}

LapackSolution lapack_gelsd(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond) {
  return svd_driver(X, y, rcond, LAPACKE_dgelsd, "dgelsd");
}

LapackSolution lapack_gelss(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond) {
  return svd_driver(X, y, rcond, LAPACKE_dgelss, "dgelss");
}

LapackSolution lapack_gelsy(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond) {
  Eigen::MatrixXd A = X;
  Eigen::MatrixXd B = rhs_workspace(X, y);
  const lapack_int m = to_lapack(X.rows()), n = to_lapack(X.cols());
  std::vector<lapack_int> jpvt(std::max<lapack_int>(n, 1), 0);  // 0: every column is free to pivot
  lapack_int rank = 0;
  check(LAPACKE_dgelsy(LAPACK_COL_MAJOR, m, n, 1, A.data(), std::max<lapack_int>(1, m), B.data(),
                       to_lapack(B.rows()), jpvt.data(), rcond, &rank),
        "dgelsy");
  return {B.topRows(X.cols()), rank};
}

LapackSvd lapack_gesdd(const Eigen::MatrixXd& X) {
  const lapack_int m = to_lapack(X.rows()), n = to_lapack(X.cols());
  LapackSvd r;
  r.U = Eigen::MatrixXd::Identity(m, m);
  r.V = Eigen::MatrixXd::Identity(n, n);
  r.s.resize(std::min(m, n));
  if (m == 0 || n == 0) return r;
  Eigen::MatrixXd A = X, Vt(n, n);
  check(LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'A', m, n, A.data(), m, r.s.data(), r.U.data(), m, Vt.data(), n), "dgesdd");
  r.V = Vt.transpose();
  return r;
}

Eigen::VectorXd lapack_gels(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  Eigen::MatrixXd A = X;
  Eigen::MatrixXd B = rhs_workspace(X, y);
  if (X.rows() == 0 || X.cols() == 0) return Eigen::VectorXd::Zero(X.cols());
  const lapack_int m = to_lapack(X.rows()), n = to_lapack(X.cols());
  check(LAPACKE_dgels(LAPACK_COL_MAJOR, 'N', m, n, 1, A.data(), m, B.data(), to_lapack(B.rows())), "dgels");
  return B.topRows(X.cols());
}

Eigen::VectorXd lapack_singular_values(const Eigen::MatrixXd& X) {
  const lapack_int m = to_lapack(X.rows()), n = to_lapack(X.cols());
  Eigen::VectorXd s(std::min(m, n));
  if (m == 0 || n == 0) return s;
  Eigen::MatrixXd A = X;
  check(LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'N', m, n, A.data(), m, s.data(), nullptr, 1, nullptr, 1), "dgesdd");
  return s;
}

Eigen::Index lapack_rank_qp3(const Eigen::MatrixXd& X, double rcond) {
  const lapack_int m = to_lapack(X.rows()), n = to_lapack(X.cols());
  if (m == 0 || n == 0) return 0;
  Eigen::MatrixXd A = X;
  std::vector<lapack_int> jpvt(n, 0);
  Eigen::VectorXd tau(std::min(m, n));
  check(LAPACKE_dgeqp3(LAPACK_COL_MAJOR, m, n, A.data(), m, jpvt.data(), tau.data()), "dgeqp3");
  const double tol = rcond * std::abs(A(0, 0));
  Eigen::Index r = 0;
  while (r < tau.size() && std::abs(A(r, r)) > tol) ++r;
  return r;
}

Eigen::MatrixXd lapack_null_space_qp3(const Eigen::MatrixXd& X, double rcond) {
  const Eigen::Index n = X.rows(), d = X.cols();
  if (n == 0 || d == 0) return Eigen::MatrixXd::Identity(d, d);
  // Xᵀ is d×n; Q is d×d, built from min(d,n) reflectors.
  Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(d, std::max(d, n));
  Q.leftCols(n) = X.transpose();
  const lapack_int ld = to_lapack(d), k = to_lapack(std::min(d, n));
  std::vector<lapack_int> jpvt(n, 0);
  Eigen::VectorXd tau(k);
  check(LAPACKE_dgeqp3(LAPACK_COL_MAJOR, ld, to_lapack(n), Q.data(), ld, jpvt.data(), tau.data()), "dgeqp3");
  const double tol = rcond * std::abs(Q(0, 0));
  Eigen::Index r = 0;
  while (r < k && std::abs(Q(r, r)) > tol) ++r;
  Eigen::MatrixXd full = Q.leftCols(d);
  check(LAPACKE_dorgqr(LAPACK_COL_MAJOR, ld, ld, k, full.data(), ld, tau.data()), "dorgqr");
  return full.rightCols(d - r);
}

}  // namespace nullity::solvers
