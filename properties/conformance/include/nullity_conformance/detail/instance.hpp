#pragma once
// One drawn test problem: the recipe, the stored matrix in the scalar under test, its oracle and
// its bounds; plus the right-hand sides built from integer recipes.

#include <algorithm>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "../solver.hpp"
#include "nullity_test/cases.hpp"
#include "../oracle_bounds.hpp"
#include "record.hpp"

namespace nullity_conformance::detail {

using namespace oracle_bounds;

/// What a property may use from the environment: the size limits of the scalar under test, and
/// its own name and sources (Property), which the runner fills in so that a body never spells them.
struct Context {
  nullity_test::Limits limits;
  std::string property;
  std::vector<Source> sources;
};

template <class S>
struct Instance {
  nullity_test::Drawn drawn;
  Mat<S> X;
  RealMatrix Xr;  ///< the stored matrix, exactly, in the oracle's arithmetic
  Oracle oracle;
  Bounds b;
  Eigen::Index n() const { return X.rows(); }
  Eigen::Index d() const { return X.cols(); }
};

/// Every source, the general ones weighted up; Kahan's three times (its unrevealing triangles
/// challenge a QR's acceptance test, and a column permutation or a transpose drawn after them
/// undoes that) and the dependent columns twice (ill-conditioned null spaces, where a basis's
/// orthogonality degrades).
inline std::vector<Source> all_sources() {
  return {Source::integer_product, Source::integer_product, Source::integer_product,   Source::spectrum,
          Source::spectrum,        Source::spectrum,        Source::kahan,             Source::kahan,
          Source::kahan,           Source::lauchli,         Source::hilbert,           Source::vandermonde,
          Source::magic,           Source::zero,            Source::tiny_values,       Source::dependent_columns,
          Source::dependent_columns};
}
/// Sources whose exact rank is known by construction (and computed exactly by the oracle).
inline std::vector<Source> exact_sources() {
  return {Source::integer_product, Source::integer_product, Source::integer_product, Source::vandermonde,
          Source::magic,           Source::zero,            Source::tiny_values};
}
/// Sources for the solution properties: all but the degenerate ones, which have their own property.
inline std::vector<Source> solve_sources() {
  return {Source::integer_product, Source::integer_product, Source::integer_product, Source::spectrum,
          Source::spectrum,        Source::spectrum,        Source::kahan,           Source::lauchli,
          Source::hilbert,         Source::vandermonde,     Source::magic,           Source::dependent_columns};
}

template <class S>
std::vector<Source> allowed(const SolverUnderTest<S>& s, const std::string& property, std::vector<Source> sources) {
  for (const KnownDeviation& k : s.known_deviations)
    if (k.property == "*" || k.property == property)
      sources.erase(std::remove(sources.begin(), sources.end(), k.source), sources.end());
  return sources;
}

/// The property's matrix, from its sources less those the solver's known deviations exclude.
template <class S>
Instance<S> draw(const SolverUnderTest<S>& s, const Context& ctx) {
  const std::vector<Source> from = allowed(s, ctx.property, ctx.sources);
  RC_PRE(!from.empty());
  Instance<S> in;
  in.drawn = *nullity_test::gen::matrix(from, ctx.limits).as("matrix");
  current_case() = {in.drawn.X, Eigen::VectorXd()};
  require(s.in_range(in.drawn.X));
  in.X = in.drawn.X.template cast<S>();
  in.Xr = real(in.drawn.X);
  in.oracle = oracle_of(in.drawn.X);
  in.b = bounds<S>(in.oracle, s.rule);
  RC_TAG(nullity_test::to_string(in.drawn.recipe.source), shape_tag(in.n(), in.d()), kappa_tag(in.b));
  return in;
}

template <class S>
Vec<S> round_to(const RealMatrix& v) {
  Vec<S> r(v.rows());
  for (Eigen::Index i = 0; i < v.rows(); ++i) r(i) = from_real<S>(v(i, 0));
  return r;
}

/// A right-hand side: y = fl(X·w0) (consistent) or y = the integers themselves.
template <class S>
struct RightHandSide {
  Vec<S> y;
  RealMatrix yr;  ///< y exactly
  RealMatrix w0;  ///< the planted w0 (consistent case), else empty
  bool consistent = false;
};

template <class S>
RightHandSide<S> right_hand_side(const Instance<S>& in, const nullity_test::Rhs& rhs) {
  RightHandSide<S> r;
  r.consistent = rhs.consistent;
  if (rhs.consistent) {
    r.w0 = real(nullity_test::integer_vector(rhs.coefficients, in.d()));
    r.y = round_to<S>(in.Xr * r.w0);
  } else {
    r.y = nullity_test::integer_vector(rhs.coefficients, in.n()).template cast<S>();
  }
  r.yr = real(r.y);
  current_case().y = r.y.template cast<double>();
  return r;
}

template <class S>
RightHandSide<S> draw_rhs(const Instance<S>& in) {
  return right_hand_side(in, *nullity_test::gen::rhs().as("rhs"));
}

/// The oracle's rank-r truncated minimum-norm solution w* = V_r Σ_r⁻¹ U_rᵀ y.
inline RealMatrix oracle_solution(const Oracle& o, const RealMatrix& y, Eigen::Index r) {
  RealMatrix w = RealMatrix::Zero(o.d, 1);
  if (r == 0) return w;
  RealMatrix t = o.svd.U.leftCols(r).transpose() * y;
  for (Eigen::Index i = 0; i < r; ++i) t(i, 0) /= o.svd.s(i);
  return o.svd.V.leftCols(r) * t;
}

}  // namespace nullity_conformance::detail
