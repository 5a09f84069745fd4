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

// xGELSY on copies; A and jpvt keep its complete orthogonal factorization XP = Q·[T11 0; 0 0]·Z.
struct Gelsy {
  Eigen::MatrixXd A, B;
  std::vector<lapack_int> jpvt;
  Eigen::Index rank = 0;
};

Gelsy gelsy(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, double rcond) {
  Gelsy g{X, rhs_workspace(X, y), {}, 0};
  const lapack_int m = to_lapack(X.rows()), n = to_lapack(X.cols());
  g.jpvt.assign(std::size_t(std::max<lapack_int>(n, 1)), 0);  // 0: every column is free to pivot
  lapack_int rank = 0;
  check(LAPACKE_dgelsy(LAPACK_COL_MAJOR, m, n, 1, g.A.data(), std::max<lapack_int>(1, m), g.B.data(),
                       to_lapack(g.B.rows()), g.jpvt.data(), rcond, &rank),
        "dgelsy");
  g.rank = rank;
  return g;
}

// The null space from an SVD driver that leaves s and the full d×d Vᵀ: the trailing d − r rows of
// Vᵀ, r = #{s_i > rcond·s_1}, transposed — only the basis is copied, not the whole factor, so
// the wrapper adds nothing to the driver's own cost that a caller could avoid.
template <class Driver>
Eigen::MatrixXd null_space_from_vt(const Eigen::MatrixXd& X, double rcond, Driver driver) {
  const Eigen::Index n = X.rows(), d = X.cols();
  if (n == 0 || d == 0) return Eigen::MatrixXd::Identity(d, d);
  Eigen::MatrixXd A = X, Vt(d, d);
  Eigen::VectorXd s(std::min(n, d));
  driver(to_lapack(n), to_lapack(d), A, s, Vt);
  Eigen::Index r = 0;
  while (r < s.size() && s(r) > rcond * s(0)) ++r;
  return Vt.bottomRows(d - r).transpose();
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
  const Gelsy g = gelsy(X, y, rcond);
  return {g.B.topRows(X.cols()), g.rank};
}

Eigen::MatrixXd lapack_gelsy_null_space(const Eigen::MatrixXd& X, double rcond) {
  const Eigen::Index d = X.cols();
  if (X.rows() == 0 || d == 0) return Eigen::MatrixXd::Identity(d, d);
  const Gelsy g = gelsy(X, Eigen::VectorXd::Zero(X.rows()), rcond);
  const Eigen::Index r = g.rank;
  if (r == 0) return Eigen::MatrixXd::Identity(d, d);
  if (r == d) return Eigen::MatrixXd(d, 0);
  // On exit A holds xTZRZF's storage of Z = Z(1)…Z(r), Z(i) = I − τ_i·v_i·v_iᵀ with v_i = e_i plus
  // A(i, r:d) in the trailing coordinates. xGELSY keeps the τ_i in its workspace only, but each
  // follows from its vector: I − τvvᵀ is orthogonal iff τ = 2/vᵀv or τ = 0, and xLARFG returns
  // τ = 0 only for v = e_i, where Z(i) acts on coordinate i alone, which is zero in [0; I] and
  // touched by no other Z(j): there τ does not matter.
  Eigen::VectorXd tau(r);
  for (Eigen::Index i = 0; i < r; ++i)  // xLARFG's vectors have entries ≤ 1: no overflow
    tau(i) = 2 / (1 + g.A.row(i).tail(d - r).squaredNorm());
  // [R11 R12] = [T11 0]·Z, so Zᵀ·[0; I] spans the null space of XP; then z = P·z'.
  Eigen::MatrixXd C = Eigen::MatrixXd::Zero(d, d - r);
  C.bottomRows(d - r).setIdentity();
  const lapack_int n = to_lapack(d), k = to_lapack(d - r);
  check(LAPACKE_dormrz(LAPACK_COL_MAJOR, 'L', 'T', n, k, to_lapack(r), k, g.A.data(), to_lapack(g.A.rows()), tau.data(),
                       C.data(), n),
        "dormrz");
  Eigen::MatrixXd Z(d, d - r);
  for (Eigen::Index j = 0; j < d; ++j) Z.row(g.jpvt[std::size_t(j)] - 1) = C.row(j);
  return Z;
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
  // Xᵀ is d×n; Q is d×d, built in place from min(d,n) reflectors: the first d columns of the
  // d×max(d,n) array are contiguous with leading dimension d, so no copy is needed. Columns past
  // Xᵀ's are zeroed only because LAPACKE's NaN check reads them (xORGQR overwrites them).
  Eigen::MatrixXd Q(d, std::max(d, n));
  Q.leftCols(n) = X.transpose();
  Q.rightCols(Q.cols() - n).setZero();
  const lapack_int ld = to_lapack(d), k = to_lapack(std::min(d, n));
  std::vector<lapack_int> jpvt(n, 0);
  Eigen::VectorXd tau(k);
  check(LAPACKE_dgeqp3(LAPACK_COL_MAJOR, ld, to_lapack(n), Q.data(), ld, jpvt.data(), tau.data()), "dgeqp3");
  const double tol = rcond * std::abs(Q(0, 0));
  Eigen::Index r = 0;
  while (r < k && std::abs(Q(r, r)) > tol) ++r;
  check(LAPACKE_dorgqr(LAPACK_COL_MAJOR, ld, ld, k, Q.data(), ld, tau.data()), "dorgqr");
  return Q.middleCols(r, d - r);
}

Eigen::MatrixXd lapack_null_space_gesdd(const Eigen::MatrixXd& X, double rcond) {
  return null_space_from_vt(
      X, rcond, [](lapack_int m, lapack_int n, Eigen::MatrixXd& A, Eigen::VectorXd& s, Eigen::MatrixXd& Vt) {
        // JOBZ = 'A' makes Vᵀ n×n when m < n (the thin 'S' would stop at m rows, short of the
        // null space); when m ≥ n the thin Vᵀ is already n×n and 'S' spares the m − n unused
        // columns of U.
        const char jobz = m < n ? 'A' : 'S';
        Eigen::MatrixXd U(m, std::min(m, n));  // m×m for 'A' (m < n), m×n for 'S'
        check(LAPACKE_dgesdd(LAPACK_COL_MAJOR, jobz, m, n, A.data(), m, s.data(), U.data(), m, Vt.data(), n), "dgesdd");
      });
}

Eigen::MatrixXd lapack_null_space_gesvd(const Eigen::MatrixXd& X, double rcond) {
  return null_space_from_vt(
      X, rcond, [](lapack_int m, lapack_int n, Eigen::MatrixXd& A, Eigen::VectorXd& s, Eigen::MatrixXd& Vt) {
        std::vector<double> superb(std::size_t(std::max<lapack_int>(std::min(m, n) - 1, 1)));  // unconverged e_i
        check(LAPACKE_dgesvd(LAPACK_COL_MAJOR, 'N', 'A', m, n, A.data(), m, s.data(), nullptr, 1, Vt.data(), n,
                             superb.data()),
              "dgesvd");
      });
}

}  // namespace nullity::solvers
