#pragma once
/// \file
/// The rank certificate: not just r, but whether r is well determined.
///
/// With s_1 ≥ … ≥ s_p the values the rule was applied to and τ the threshold, a perturbation
/// E of X with ‖E‖₂ ≤ δ moves every singular value by at most δ (Weyl), so every rank in
/// \f[ [\,r_{lo}, r_{hi}\,] = [\,\#\{s_i - \delta > \tau\},\ \#\{s_i + \delta > \tau\}\,] \f]
/// is consistent with X up to that perturbation. nullity takes δ = √max(n,d)·ε·s_1, the
/// typical backward error of a Householder-based factorization (Higham, Accuracy and
/// Stability, §2.8 and Thm 19.4: the worst-case constant, here max(n,d), is in practice
/// replaced by its square root). The rank is `well_determined` when r_lo = r_hi.

#include <Eigen/Core>
#include <string>

#include "options.hpp"

namespace nullity {

template <class Scalar>
struct RankCertificate {
  Method method = Method::svd;
  Rule rule = Rule::numpy;
  std::string rule_text;   ///< the rule in words, with the numbers it used
  Scalar rtol{0};          ///< relative tolerance actually used
  Scalar atol{0};          ///< absolute tolerance actually used
  Scalar tolerance{0};     ///< τ, in X's units
  Eigen::Index rank = 0;   ///< r
  Scalar s_r{0};           ///< smallest kept value; +∞ when r = 0
  Scalar s_r1{0};          ///< largest dropped value; 0 when r = min(n,d)
  Scalar gap{0};           ///< s_r / s_{r+1}; +∞ when s_{r+1} = 0
  Scalar perturbation{0};  ///< δ, the perturbation size the interval allows for
  Eigen::Index rank_lo = 0;
  Eigen::Index rank_hi = 0;
  bool well_determined = true;  ///< rank_lo == rank_hi
};

}  // namespace nullity
