#pragma once
/// \file
/// Rank across rules: would another library, or a slightly different tolerance, give a
/// different rank? Read off one factorization's values, without factorizing again.
///
/// The certificate's `well_determined` answers a different question: whether the rank is
/// stable under perturbations of the size of the computation's backward error δ. A rank can be
/// stable in that sense and still depend on the choice of τ: with s_r = 1.18·τ and
/// s_{r+1} = τ/1.25 no rounding error changes r, but a rule whose τ is 20 % larger or smaller
/// does. Here:
///  - `rules`: the rank each preset (numpy, scipy, matlab, julia, eigen, lapack with its
///    default RCOND = ε) gives on the same values, each with its own τ;
///  - the band of τ over which the rank stays r, r = #{s_i > τ}: s_{r+1} ≤ τ' < s_r, i.e.
///    τ' = t·τ for t in [s_{r+1}/τ, s_r/τ) — the gap expressed as a factor on τ;
///  - `tolerance_robust`: every preset gives r.
///
/// Example:
/// \code
///   const auto f = nullity::factorize(X);
///   const auto a = nullity::rank_across_rules(f);
///   for (const auto& q : a.rules) std::cout << to_string(q.rule) << ": " << q.rank << "\n";
/// \endcode

#include <algorithm>
#include <vector>

#include <Eigen/Core>

#include "factorization.hpp"

namespace nullity {

template <class Scalar>
struct RuleRank {
  Rule rule = Rule::numpy;
  Scalar rtol{0};       ///< the preset's default relative tolerance
  Scalar tolerance{0};  ///< its τ, in X's units
  Eigen::Index rank = 0;
};

template <class Scalar>
struct RankAcrossRules {
  Eigen::Index rank = 0;   ///< r, the factorization's own rank
  Scalar tolerance{0};     ///< τ, the factorization's own threshold
  std::vector<RuleRank<Scalar>> rules;  ///< numpy, scipy, matlab, julia, eigen, lapack
  Eigen::Index rank_min = 0, rank_max = 0;  ///< over the rules
  Scalar tau_lo{0};        ///< s_{r+1}: the smallest τ' that still gives r (0 when r = p)
  Scalar tau_hi{0};        ///< s_r: every τ' below it gives r (+∞ when r = 0)
  Scalar factor_lo{0};     ///< tau_lo / τ (0 when τ = 0)
  Scalar factor_hi{0};     ///< tau_hi / τ (+∞ when τ = 0)
  bool tolerance_robust = true;  ///< every rule gives r
};

/// The presets in the order they are reported.
inline std::vector<Options> preset_rules() {
  return {Options::numpy(), Options::scipy(), Options::matlab(), Options::julia(), Options::eigen(),
          Options::lapack(0)};
}

/// The rank each preset gives on f's values, and the band of τ that keeps f's rank.
template <class Scalar>
RankAcrossRules<Scalar> rank_across_rules(const Factorization<Scalar>& f) {
  const RankCertificate<Scalar> c = f.certificate();
  const Scalar inf = scalar_traits<Scalar>::infinity();
  RankAcrossRules<Scalar> a;
  a.rank = c.rank;
  a.tolerance = c.tolerance;
  a.rank_min = a.rank_max = c.rank;
  for (const Options& o : preset_rules()) {
    // The same values, s₁ and counting as f's own rank: f's own rule gives f's own rank.
    const RankCertificate<Scalar> k = f.certificate_under(o);
    RuleRank<Scalar> q;
    q.rule = o.rule;
    q.rtol = k.rtol;
    q.tolerance = k.tolerance;
    q.rank = k.rank;
    a.rank_min = std::min(a.rank_min, q.rank);
    a.rank_max = std::max(a.rank_max, q.rank);
    a.rules.push_back(q);
  }
  a.tolerance_robust = a.rank_min == c.rank && a.rank_max == c.rank;
  a.tau_lo = c.s_r1;
  a.tau_hi = c.s_r;
  a.factor_lo = c.tolerance > Scalar(0) ? c.s_r1 / c.tolerance : Scalar(0);
  a.factor_hi = c.tolerance > Scalar(0) ? c.s_r / c.tolerance : inf;
  return a;
}

}  // namespace nullity
