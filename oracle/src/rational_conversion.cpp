// Exact double → rational and correctly rounded rational → double conversions.

#include <mpfr.h>

#include "detail/check_finite.hpp"
#include "nullity_oracle/exact.hpp"

namespace nullity::oracle {

RationalMatrix to_rational(const Eigen::MatrixXd& X) {
  detail::check_finite(X, "the matrix");
  RationalMatrix Q(X.rows(), X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i) mpq_set_d(Q(i, j).backend().data(), X(i, j));  // exact for finite
  return Q;
}

RationalVector to_rational(const Eigen::VectorXd& x) {
  detail::check_finite(x, "the vector");
  RationalVector q(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) mpq_set_d(q(i).backend().data(), x(i));
  return q;
}

double to_double(const Rational& q) {
  // mpq_get_d truncates; MPFR rounds to nearest. Restricting MPFR's exponent range to binary64's
  // and calling mpfr_subnormalize gives the correctly rounded double, subnormals included
  // (the documented recipe for emulating IEEE double in MPFR).
  const mpfr_exp_t saved_emin = mpfr_get_emin();
  const mpfr_exp_t saved_emax = mpfr_get_emax();
  mpfr_set_emin(-1073);  // MPFR's significand is in [1/2, 1): 2^-1074 = 0.5·2^-1073
  mpfr_set_emax(1024);   // DBL_MAX < 2^1024
  mpfr_t t;
  mpfr_init2(t, 53);
  const int inexact = mpfr_set_q(t, q.backend().data(), MPFR_RNDN);
  mpfr_subnormalize(t, inexact, MPFR_RNDN);
  const double result = mpfr_get_d(t, MPFR_RNDN);  // exact: t already holds a double
  mpfr_clear(t);
  mpfr_set_emin(saved_emin);
  mpfr_set_emax(saved_emax);
  return result;
}

Eigen::MatrixXd to_double(const RationalMatrix& A) {
  Eigen::MatrixXd D(A.rows(), A.cols());
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    for (Eigen::Index i = 0; i < A.rows(); ++i) D(i, j) = to_double(A(i, j));
  return D;
}

Eigen::VectorXd to_double(const RationalVector& a) {
  Eigen::VectorXd d(a.size());
  for (Eigen::Index i = 0; i < a.size(); ++i) d(i) = to_double(a(i));
  return d;
}

}  // namespace nullity::oracle
