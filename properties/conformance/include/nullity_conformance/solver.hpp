#pragma once
/// \file
/// The solver under test: what a user plugs into the conformance kit.
///
/// \code
///   nullity_conformance::SolverUnderTest<double> s;
///   s.name = "my_lstsq";
///   s.rank = [](const Eigen::MatrixXd& X) { return my_rank(X); };
///   s.solve = [](const Eigen::MatrixXd& X, const Eigen::VectorXd& y) { return my_lstsq(X, y); };
///   // s.null_space left empty: the null-space properties are skipped, with a note.
/// \endcode

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "nullity_test/source.hpp"

namespace nullity_conformance {

template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
template <class S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;

using nullity_test::Source;

/// How the solver decides rank, so that the kit knows which ranks are acceptable.
///
/// With σ_i the exact singular values of the stored matrix (oracle), τ = rtol·σ_1 and
/// δ = √N·u·σ_1 the typical backward error of a Householder-based factorization (Higham,
/// Accuracy and Stability §2.8: rounding errors accumulate like √N, not N), a rank r is
/// acceptable iff lo ≤ r ≤ hi with
///   lo = #{ σ_i > ρ(τ + δ) },   hi = #{ ρσ_i + δ > φτ }.
/// ρ = φ = 1 for a rank read off singular values (Weyl: |σ̂_i − σ_i| ≤ ‖E‖₂).
/// For a rank read off |R_kk| of column-pivoted QR (or an incremental condition estimate of R11),
/// ρ = √(1 + k(d−k)) ≤ √(1 + d²/4) is the Gu–Eisenstat strong-RRQR factor for f = 1 (SISC 17(4)
/// 1996, Thm 3.2: σ_k(R11) ≥ σ_k/ρ, ‖R22‖ ≤ ρσ_{k+1}); pivoted QR meets it except on
/// Kahan-type matrices, which are a known deviation. φ = 1/√d because the QR rule is relative to
/// |R_11| ∈ [σ_1/√d, σ_1] (the largest column norm).
struct RankRule {
  std::function<double(Eigen::Index n, Eigen::Index d)> rtol;
  bool pivoted_qr = false;
  double atol = 0;  ///< absolute floor: τ = max(atol, rtol·σ_1)

  /// r = #{σ̂_i > rtol·σ̂_1}.
  static RankRule singular_values(std::function<double(Eigen::Index, Eigen::Index)> rtol) { return {std::move(rtol), false, 0}; }
  /// r = #{|R_kk| > rtol·|R_11|} of column-pivoted QR, or an incremental condition estimate.
  static RankRule pivoted_qr_rule(std::function<double(Eigen::Index, Eigen::Index)> rtol) { return {std::move(rtol), true, 0}; }

  double band(Eigen::Index d) const { return pivoted_qr ? std::sqrt(1.0 + double(d) * double(d) / 4) : 1.0; }
  double floor(Eigen::Index d) const { return pivoted_qr && d > 0 ? 1.0 / std::sqrt(double(d)) : 1.0; }
};

/// NumPy's default relative tolerance max(n,d)·ε for the scalar S.
template <class S>
std::function<double(Eigen::Index, Eigen::Index)> numpy_rtol() {
  const double eps = double(Eigen::NumTraits<S>::epsilon());
  return [eps](Eigen::Index n, Eigen::Index d) { return double(std::max(n, d)) * eps; };
}

/// A failure of a foreign solver that is understood and documented: the named property does
/// not draw matrices from `source` for this solver (the property itself is not weakened).
/// With `whole_property`, the property is skipped for this solver and the reason printed.
struct KnownDeviation {
  std::string property;  ///< the property's name, or "*" for all
  Source source;
  std::string reason;
  bool whole_property = false;
};

/// The solver under test. An empty function means "not provided": the properties that need it
/// are skipped with a note. Every function must throw (any std::exception) on a non-finite
/// entry rather than return garbage.
template <class S>
struct SolverUnderTest {
  std::string name;
  /// The numerical rank of X.
  std::function<Eigen::Index(const Mat<S>&)> rank;
  /// An orthonormal basis of the numerical null space, d × (d − rank).
  std::function<Mat<S>(const Mat<S>&)> null_space;
  /// The minimum-norm least-squares solution of Xw ≈ y.
  std::function<Vec<S>(const Mat<S>&, const Vec<S>&)> solve;
  /// How rank is decided (default: singular values, NumPy's max(n,d)·ε).
  RankRule rule = RankRule::singular_values(numpy_rtol<S>());
  std::vector<KnownDeviation> known_deviations;
  /// Whether a matrix is inside the solver's documented range (below).
  bool in_range(const Eigen::MatrixXd& X) const {
    const double largest = X.size() ? X.cwiseAbs().maxCoeff() : 0.0;
    return largest == 0 || (largest >= smallest_scale && largest <= largest_scale);
  }
  /// A documented range limit: matrices whose largest entry lies outside
  /// [smallest_scale, largest_scale] are not drawn (they count as discarded).
  double smallest_scale = 0;
  double largest_scale = std::numeric_limits<double>::infinity();
};

}  // namespace nullity_conformance
