#pragma once
/// \file
/// The oracle's answer for one stored matrix, and the perturbation bounds derived from it: what
/// every property of the kit measures against. Public so that a plain test pinning a shrunk
/// counterexample (properties/regression_cases.cpp) checks the very bound the property checked,
/// and so that a user can write a property of their own. All residuals are computed in the
/// oracle's arithmetic (nullity::oracle::default_bits) from the exact inputs and rounded to double
/// only at the end: a residual formed in working precision would carry errors as large as the bound.

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <Eigen/Core>
#include <Eigen/SVD>

#include "nullity_oracle/oracle.hpp"
#include "nullity_test/thresholds.hpp"
#include "solver.hpp"

namespace nullity_conformance::oracle_bounds {

using nullity::oracle::Real;
using nullity::oracle::RealMatrix;
using nullity::oracle::RealVector;

using nullity::oracle::default_bits;
using nullity_test::kThresh;

template <class S>
Real to_real(const S& x) {
  if constexpr (std::is_floating_point_v<S>) {
    return Real(static_cast<double>(x));
  } else {  // multiprecision: through all its digits, exactly (256 bits hold them)
    return Real(x.str(std::numeric_limits<S>::max_digits10, std::ios_base::scientific));
  }
}

template <class S>
S from_real(const Real& x) {
  if constexpr (std::is_floating_point_v<S>) {
    return static_cast<S>(static_cast<double>(x));
  } else {
    return S(x.str(std::numeric_limits<S>::max_digits10 + 2, std::ios_base::scientific));
  }
}

template <class Derived>
RealMatrix real(const Eigen::MatrixBase<Derived>& A) {
  RealMatrix R(A.rows(), A.cols());
  for (Eigen::Index j = 0; j < A.cols(); ++j)
    for (Eigen::Index i = 0; i < A.rows(); ++i) R(i, j) = to_real(A(i, j));
  return R;
}

template <class S>
Mat<S> from_real_matrix(const RealMatrix& R) {
  Mat<S> A(R.rows(), R.cols());
  for (Eigen::Index j = 0; j < R.cols(); ++j)
    for (Eigen::Index i = 0; i < R.rows(); ++i) A(i, j) = from_real<S>(R(i, j));
  return A;
}

inline Eigen::MatrixXd to_double(const RealMatrix& R) {
  Eigen::MatrixXd A(R.rows(), R.cols());
  for (Eigen::Index j = 0; j < R.cols(); ++j)
    for (Eigen::Index i = 0; i < R.rows(); ++i) A(i, j) = static_cast<double>(R(i, j));
  return A;
}

/// ‖A‖₂ of a double matrix, scaled first so that no intermediate overflows.
inline double norm2(const Eigen::MatrixXd& A) {
  if (A.size() == 0) return 0;
  const double m = A.cwiseAbs().maxCoeff();
  if (m == 0 || !std::isfinite(m)) return m;
  const Eigen::MatrixXd B = A / m;
  if (B.cols() == 1) return m * B.norm();
  return m * Eigen::JacobiSVD<Eigen::MatrixXd>(B).singularValues()(0);
}
inline double norm2(const RealMatrix& A) { return norm2(to_double(A)); }

/// The oracle's singular values and vectors of the stored matrix.
struct Oracle {
  nullity::oracle::SvdAnswer svd;
  Eigen::VectorXd s;  ///< σ_1 ≥ … ≥ σ_p, as doubles
  Eigen::Index n = 0, d = 0;

  /// σ_i, 0-based, zero beyond p = min(n,d).
  double sigma(Eigen::Index i) const { return i >= 0 && i < s.size() ? s(i) : 0.0; }
  double s1() const { return sigma(0); }
};

inline Oracle oracle_of(const Eigen::MatrixXd& X) {
  Oracle o;
  o.n = X.rows(), o.d = X.cols();
  if (X.rows() == 0 || X.cols() == 0) {
    nullity::oracle::PrecisionScope scope(default_bits);
    o.svd.bits = default_bits;
    o.svd.s.resize(0);
    o.svd.U = RealMatrix(X.rows(), 0);
    o.svd.V = RealMatrix::Identity(X.cols(), X.cols());
    o.s.resize(0);
    return o;
  }
  o.svd = nullity::oracle::mpfr_svd(X);
  o.s.resize(o.svd.s.size());
  for (Eigen::Index i = 0; i < o.s.size(); ++i) o.s(i) = static_cast<double>(o.svd.s(i));
  return o;
}

/// The quantities every bound is built from (notation of docs/properties.md).
struct Bounds {
  Eigen::Index n = 0, d = 0, N = 0, p = 0;
  double eps = 0, u = 0;  ///< ε of the scalar under test, u = ε/2
  double s1 = 0;
  double tau = 0;         ///< the rule's threshold on the exact spectrum
  Eigen::Index lo = 0, hi = 0;
  bool well_determined = false;
  Eigen::Index r = 0;     ///< lo (the rank, when well determined)
  double sr = 0, sr1 = 0; ///< σ_r, σ_{r+1} (0 beyond p)
  double kappa = 1;       ///< σ_1/(σ_r − σ_{r+1}): κ_r when σ_{r+1} = 0, the Wedin gap otherwise
  double eta = 0;         ///< N·u·κ, the relative perturbation that could change the subspaces
  double fro_over_s1 = 0; ///< ‖X‖_F/σ_1

  std::string text() const {
    std::ostringstream os;
    os << "rank band [" << lo << ", " << hi << "], sigma_1 = " << s1 << ", tau = " << tau << ", sigma_r = " << sr
       << ", sigma_r+1 = " << sr1 << ", kappa = " << kappa;
    return os.str();
  }
};

template <class S>
Bounds bounds(const Oracle& o, const RankRule& rule) {
  using std::sqrt;
  Bounds b;
  b.n = o.n, b.d = o.d, b.N = std::max(o.n, o.d), b.p = std::min(o.n, o.d);
  b.eps = double(Eigen::NumTraits<S>::epsilon());
  b.u = b.eps / 2;
  b.s1 = o.s1();
  b.tau = b.p > 0 ? rule.rtol(o.n, o.d) * b.s1 : 0.0;
  // The band and κ in units of σ_1, from the oracle's own numbers: for a subnormal matrix the
  // σ_i themselves underflow in double, their ratios do not.
  const double delta = std::sqrt(double(b.N)) * b.u;  // see RankRule
  double rtol = b.p > 0 ? rule.rtol(o.n, o.d) : 0.0;
  if (rule.atol > 0 && b.p > 0 && o.svd.s(0) > 0) rtol = std::max(rtol, static_cast<double>(Real(rule.atol) / o.svd.s(0)));
  const double rho = rule.band(o.d), phi = rule.floor(o.d);
  std::vector<double> t(std::size_t(b.p) + 1, 0.0);  // σ_i/σ_1, with t_p = 0
  for (Eigen::Index i = 0; i < b.p; ++i) t[std::size_t(i)] = o.svd.s(0) > 0 ? static_cast<double>(o.svd.s(i) / o.svd.s(0)) : 0.0;
  // Differences first: δ = u for 1×1, and 1 + u rounds to 1, which would drop a value on the
  // cut-off itself ([DBL_MIN] under Eigen's floor) from hi.
  for (Eigen::Index i = 0; i < b.p; ++i) {
    if (t[std::size_t(i)] - rho * rtol > rho * delta) ++b.lo;
    if (phi * rtol - rho * t[std::size_t(i)] < delta && o.svd.s(0) > 0) ++b.hi;
  }
  b.well_determined = b.lo == b.hi;
  b.r = b.lo;
  b.sr = b.r > 0 ? o.sigma(b.r - 1) : 0.0;
  b.sr1 = o.sigma(b.r);
  const double tr = b.r > 0 ? t[std::size_t(b.r - 1)] : 0.0, tr1 = t[std::size_t(b.r)];
  b.kappa = b.r > 0 ? (tr > tr1 ? 1 / (tr - tr1) : std::numeric_limits<double>::infinity()) : 1.0;
  b.eta = double(b.N) * b.u * b.kappa;
  for (Eigen::Index i = 0; i < b.p; ++i) b.fro_over_s1 += t[std::size_t(i)] * t[std::size_t(i)];
  b.fro_over_s1 = std::sqrt(b.fro_over_s1);
  return b;
}

/// Perturbation bound for ‖ŵ − w*‖₂ where w* = X_r⁺y is the rank-r truncated minimum-norm
/// solution and ŵ that of a backward-stable solver (‖ΔX‖₂ ≤ N·u·σ_1, ‖Δy‖₂ ≤ N·u·‖y‖₂):
/// Björck, Numerical Methods for Least Squares Problems (1996) Thm 1.4.6 / Higham, Accuracy and
/// Stability (2002) Thm 20.1, in absolute form, with η = N·u·κ < 1:
///   N·u·[ κ/(1−η)·(2‖w*‖ + ‖y‖/σ_1 + κ‖r*‖/σ_1) + κ‖w*‖·[r < d] ]
/// (the last term is the null-space drift, absent at full column rank).
/// The same with ‖r*‖ and ‖y‖ already divided by σ_1 (for matrices whose σ_1 is subnormal).
inline double forward_bound_scaled(const Bounds& b, double w_norm, double r_over_s1, double y_over_s1) {
  if (b.r == 0) return 0;
  const double N = double(b.N);
  return N * b.u *
         (b.kappa / (1 - b.eta) * (2 * w_norm + y_over_s1 + b.kappa * r_over_s1) + (b.r < b.d ? b.kappa * w_norm : 0.0));
}
inline double forward_bound(const Bounds& b, double w_norm, double r_norm, double y_norm) {
  if (b.r == 0 || b.s1 == 0) return 0;
  return forward_bound_scaled(b, w_norm, r_norm / b.s1, y_norm / b.s1);
}

/// num/den with 0/0 = 0 and x/0 = ∞: a zero bound demands an exact answer.
inline double ratio(double num, double den) {
  if (num == 0) return 0;
  if (!(den > 0)) return std::numeric_limits<double>::infinity();
  return num / den;
}

inline double vnorm(const Eigen::MatrixXd& v) { return v.size() ? v.stableNorm() : 0.0; }
inline double vnorm(const RealMatrix& v) { return vnorm(to_double(v)); }
/// ‖v‖₂ in the oracle's arithmetic (its exponent range does not underflow).
inline Real rnorm(const RealMatrix& v) {
  using std::sqrt;
  Real sum = 0;
  for (Eigen::Index k = 0; k < v.size(); ++k) sum += v(k) * v(k);
  return sqrt(sum);
}

/// Wedin's sin Θ theorem (BIT 12, 1972; Stewart & Sun, Matrix Perturbation Theory, Thm V.4.4)
/// for the rank-r row space of X + E, ‖E‖₂ ≤ N·u·σ_1, against the oracle's V_r (needs r ≥ 1):
///   sin Θ ≤ N·u·σ_1/(σ_r − σ_{r+1} − N·u·σ_1) = N·u/((σ_r − σ_{r+1})/σ_1 − N·u),
/// the gap formed in the oracle's arithmetic: in double N·u·σ_1 underflows to 0 for a subnormal
/// matrix. ∞ when the gap does not exceed the perturbation (no bound).
inline double wedin_bound(const Oracle& o, const Bounds& b) {
  const double Nu = double(b.N) * b.u;
  const Real next = b.r < b.p ? Real(o.svd.s(b.r)) : Real(0);
  const double gap = static_cast<double>((o.svd.s(b.r - 1) - next) / o.svd.s(0)) - Nu;
  return gap > 0 ? Nu / gap : std::numeric_limits<double>::infinity();
}

/// The Karlson–Waldén estimate of the normwise backward error of ŵ as a least-squares solution
/// of (X, y), X alone perturbed (BIT 37, 1997; Higham, Accuracy and Stability, §20.7, Thm 20.5:
/// within √2 of the optimal one), in units of σ_1. With X = UΣVᵀ, r̂ = y − Xŵ, φ = ‖r̂‖/‖ŵ‖:
///   η̃ = ‖(XᵀX + φ²I)^{-1/2}Xᵀr̂‖₂/‖ŵ‖₂ = φ·(Σ_i τ_i²·σ_i²/(σ_i² + φ²))^{1/2},  τ = Uᵀr̂/‖r̂‖:
/// every term of the sum is at most 1 whatever the scale (Uᵀr̂ is in y's units, X's for
/// y = X·w0: its squares leave double's range beyond 1e154 or below 1e-154), and η̃ ≤ min(φ, σ_1).
/// For ŵ = 0 the exact backward error ‖Xᵀy‖/‖y‖ (E = −y·yᵀX/‖y‖²). In the oracle's arithmetic
/// throughout; needs σ_1 > 0.
inline double karlson_walden_over_s1(const Oracle& o, const RealMatrix& X, const RealMatrix& y, const RealMatrix& w) {
  using std::sqrt;
  const Real s1 = o.svd.s(0), wn = rnorm(w);
  if (wn == 0) {
    const Real yn = rnorm(y);
    return yn == 0 ? 0.0 : static_cast<double>(rnorm(RealMatrix(X.transpose() * y)) / (yn * s1));
  }
  const RealMatrix r = y - X * w;
  const Real rn = rnorm(r);
  if (rn == 0) return 0;
  const Real phi = rn / wn;
  const RealMatrix tau = o.svd.U.transpose() * r / rn;
  Real sum = 0;
  for (Eigen::Index i = 0; i < o.svd.s.size(); ++i) {
    const Real si2 = o.svd.s(i) * o.svd.s(i);
    sum += tau(i) * tau(i) * si2 / (si2 + phi * phi);
  }
  return static_cast<double>(phi * sqrt(sum) / s1);
}

}  // namespace nullity_conformance::oracle_bounds
