#pragma once
// The one tolerance rule of nullity (design §3), used by both methods and by the certificate.
// Everything here works in the scaled units of the factorization (X' = 2^-e·X); atol, given in
// X's units, is converted with the same exact power of two.

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>

#include <Eigen/Core>

#include "../certificate.hpp"
#include "../options.hpp"
#include "../scalar_traits.hpp"
#include "power_of_two.hpp"

namespace nullity::detail {

template <class Scalar>
struct Threshold {
  Scalar rtol{0};  // relative tolerance used
  Scalar atol{0};  // absolute tolerance used, in X's units
  Scalar tau{0};   // τ in scaled units
  /// Whether a value equal to τ counts: Eigen's SVDBase::rank keeps s_i ≥ τ; every other
  /// system (and Eigen's ColPivHouseholderQR::rank) keeps s_i > τ.
  bool keeps_ties = false;
  std::string text;

  bool keeps(const Scalar& s) const { return keeps_ties ? s >= tau : s > tau; }
};

/// The default rtol of a rule when Options::rtol < 0, and the words for it.
template <class Scalar>
Scalar default_rtol(Rule rule, Eigen::Index n, Eigen::Index d, std::string& words) {
  const Scalar eps = scalar_traits<Scalar>::epsilon();
  switch (rule) {
    case Rule::numpy:
      words = "max(n,d)*eps";
      return Scalar(std::max(n, d)) * eps;
    case Rule::matlab:
      words = "max(n,d), on eps(s_1)";
      return Scalar(std::max(n, d));
    case Rule::julia:
    case Rule::eigen:
      words = "min(n,d)*eps";
      return Scalar(std::min(n, d)) * eps;
    case Rule::scipy:
    case Rule::lapack:
      words = "eps";
      return eps;
  }
  return eps;
}

/// The rtol in force: Options::rtol, or the rule's default when it is < 0.
template <class Scalar>
Scalar rtol_of(const Options& o, Eigen::Index n, Eigen::Index d, std::string& words) {
  words = "given";
  return o.rtol >= 0 ? Scalar(o.rtol) : default_rtol<Scalar>(o.rule, n, d, words);
}

/// Spacing of the floating-point numbers at x > 0 (MATLAB's eps(x)): ε·2^(k-1) for x = f·2^k,
/// f in [1/2, 1). Zero for x = 0, so that the zero matrix gets τ = atol.
template <class Scalar>
Scalar spacing(const Scalar& x) {
  using std::frexp;
  if (x == Scalar(0)) return Scalar(0);
  int k = 0;
  (void)frexp(x, &k);
  return times_power_of_two(scalar_traits<Scalar>::epsilon(), k - 1);
}

/// τ = max(atol, rtol·b(s_1)) for the scaled s_1 of an n×d matrix scaled by 2^-e.
/// The Eigen rule reproduces the decomposition it names: on the SVD path SVDBase::rank, which
/// keeps s_i ≥ max(rtol·s_1, smallest normal); on the QR path ColPivHouseholderQR::rank, which
/// keeps |R_ii| > rtol·|R_11| with no floor (1×1 [DBL_MIN]: rank 1 in both).
template <class Scalar>
Threshold<Scalar> threshold(const Options& o, Eigen::Index n, Eigen::Index d, const Scalar& s1, int e) {
  using std::max;
  Threshold<Scalar> t;
  std::string words;
  t.rtol = rtol_of<Scalar>(o, n, d, words);
  t.atol = Scalar(o.atol);
  const bool eigen_svd = o.rule == Rule::eigen && o.method == Method::svd;
  if (eigen_svd) t.atol = max(t.atol, scalar_traits<Scalar>::min_normal());
  t.keeps_ties = eigen_svd;
  const Scalar basis = o.rule == Rule::matlab ? spacing(s1) : s1;
  t.tau = max(times_power_of_two(t.atol, -e), t.rtol * basis);

  std::ostringstream text;
  text.precision(3);
  text << to_string(o.rule) << ": tau = max(atol, rtol*" << (o.rule == Rule::matlab ? "eps(s_1)" : "s_1")
       << "), rtol = " << words << " = " << static_cast<double>(t.rtol)
       << ", atol = " << static_cast<double>(t.atol);
  if (eigen_svd) text << " (at least the smallest normal number); keeps s_i >= tau";
  t.text = text.str();
  return t;
}

/// RCOND for xGELSD when it applies this rule exactly, else nothing. xGELSD keeps
/// #{s_i > RCOND·s₁}: our r for τ = rtol·s₁ with atol = 0 and s₁ itself as the basis (not
/// MATLAB's eps(s₁), nor Eigen's normal-number floor), and only for 0 < rtol < 1, since xLALSD
/// replaces any other RCOND by ε.
template <class Scalar>
std::optional<Scalar> xgelsd_rcond(const Options& o, Eigen::Index n, Eigen::Index d) {
  if (o.atol > 0 || o.rule == Rule::matlab || o.rule == Rule::eigen) return std::nullopt;
  std::string words;
  const Scalar rtol = rtol_of<Scalar>(o, n, d, words);
  if (!(rtol > Scalar(0) && rtol < Scalar(1))) return std::nullopt;
  return rtol;
}

/// r = the number of leading values the threshold keeps. For singular values this is
/// #{s_i > τ} (≥ τ for Eigen's rule); for pivoted-QR magnitudes, which are non-increasing only up
/// to rounding, counting the leading run keeps r consistent with the truncation of R that the
/// QR path performs.
template <class Derived>
Eigen::Index count_kept(const Eigen::MatrixBase<Derived>& s, const Threshold<typename Derived::Scalar>& t) {
  Eigen::Index r = 0;
  while (r < s.size() && t.keeps(s(r))) ++r;
  return r;
}

/// δ = √max(n,d)·ε·s₁, the perturbation the certificate's interval allows for (certificate.hpp
/// says why).
template <class Scalar>
Scalar certificate_perturbation(Eigen::Index n, Eigen::Index d, const Scalar& s1) {
  using std::sqrt;
  return sqrt(Scalar(std::max<Eigen::Index>(std::max(n, d), 1))) * scalar_traits<Scalar>::epsilon() * s1;
}

/// The certificate (certificate.hpp) from the scaled values s (non-increasing), the rule's s₁
/// and τ.
template <class Scalar>
RankCertificate<Scalar> certify(const Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& s, const Scalar& s1,
                                const Threshold<Scalar>& t, Eigen::Index rank, Eigen::Index n, Eigen::Index d,
                                int e, const Options& o) {
  using std::sqrt;
  const Scalar inf = scalar_traits<Scalar>::infinity();
  const Eigen::Index p = s.size();
  const Scalar delta = certificate_perturbation(n, d, s1);

  RankCertificate<Scalar> c;
  c.method = o.method;
  c.rule = o.rule;
  c.rule_text = t.text;
  c.rtol = t.rtol;
  c.atol = t.atol;
  c.tolerance = times_power_of_two(t.tau, e);
  c.rank = rank;
  c.s_r = rank > 0 ? times_power_of_two(s(rank - 1), e) : inf;
  c.s_r1 = rank < p ? times_power_of_two(s(rank), e) : Scalar(0);
  // On the scaled values: in X's units s_r and s_{r+1} may both overflow (∞/∞) or s_{r+1} underflow.
  c.gap = rank > 0 && rank < p && s(rank) > Scalar(0) ? s(rank - 1) / s(rank) : inf;
  c.perturbation = times_power_of_two(delta, e);
  for (Eigen::Index i = 0; i < p; ++i) {
    if (t.keeps(s(i) - delta)) ++c.rank_lo;
    if (t.keeps(s(i) + delta)) ++c.rank_hi;
  }
  c.well_determined = c.rank_lo == c.rank_hi;
  return c;
}

}  // namespace nullity::detail
