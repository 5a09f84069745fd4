#pragma once
/// \file
/// The property set of the conformance kit: every theorem written once, against
/// SolverUnderTest<S>. Each is a ratio measured/scale that must stay below THRESH = 30 (LAPACK's
/// convention, TESTING/dtest.in), with its bound and source next to it. Notation: N = max(n,d),
/// u = ε/2 of the scalar under test, σ_i the oracle's singular values of the stored matrix,
/// r the oracle rank (when well determined), κ = σ_1/(σ_r − σ_{r+1}). The catalogue with
/// sources and measured figures is docs/properties.md.

#include <cmath>
#include <cstring>
#include <exception>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "detail/instance.hpp"
#include "property.hpp"

namespace nullity_conformance {

namespace props {

using namespace detail;

// ---------------------------------------------------------------------------------- rank ----

/// P01. On matrices whose exact rank is known (integer products, magic squares, Vandermonde
/// with repeated nodes, zero and subnormal matrices), rank(X) = the exact rank, whenever the
/// exact spectrum is outside the ambiguity band of the solver's rule (RankRule).
template <class S>
void rank_equals_the_exact_rank(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined);
  const Eigen::Index exact = in.X.size() == 0 ? 0 : nullity::oracle::exact(in.drawn.X).rank;
  // The exact rank is the right numerical answer only when it is the well-determined one:
  // [2.2e-308 4.9e-324; 4.9e-324 0] has exact rank 2 but σ_2/σ_1 ≈ 5e-32.
  require(exact == in.b.r);
  RC_ASSERT(s.rank(in.X) == exact);
}

/// P02. For any matrix, lo ≤ rank(X) ≤ hi, the ranks consistent with the rule under a
/// backward error δ (Weyl; Gu–Eisenstat for pivoted QR — see RankRule).
template <class S>
void rank_lies_in_the_ambiguity_band(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  const Eigen::Index r = s.rank(in.X);
  RC_ASSERT(in.b.lo <= r);
  RC_ASSERT(r <= in.b.hi);
}

/// P03. rank(Xᵀ) = rank(ΠXP) = rank(2^k·X) = rank(X) when the rank is well determined for X and
/// Xᵀ (σ(Xᵀ) = σ(X); 2^k scaling to LAPACK's BIGNUM/SMLNUM is exact). A rule with an absolute
/// floor, τ = max(atol, rtol·σ_1) (RankRule::atol, e.g. Eigen's SVD), is not scale-invariant by
/// definition: for it 2^k·X must have the rank that its own band under the rule predicts, which for
/// atol = 0 is the band of X (every quantity in it is relative to σ_1).
template <class S>
void rank_is_invariant_under_transpose_permutation_and_scaling(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  Oracle transposed = in.oracle;
  std::swap(transposed.n, transposed.d);
  const Bounds bt = bounds<S>(transposed, s.rule);
  require(in.b.well_determined && bt.well_determined && bt.r == in.b.r);
  const int a = *rc::gen::inRange(-8, 9).as("scale towards BIGNUM (+8) or SMLNUM (-8)");
  const nullity_test::Transform rows{nullity_test::Transform::permute_rows, *rc::gen::inRange(0, 1 << 20).as("row seed"), 0};
  const nullity_test::Transform cols{nullity_test::Transform::permute_cols, *rc::gen::inRange(0, 1 << 20).as("column seed"), 0};
  const Eigen::MatrixXd P = nullity_test::detail::apply(cols, nullity_test::detail::apply(rows, in.drawn.X, ctx.limits), ctx.limits);
  const Eigen::MatrixXd K = nullity_test::scaled_towards_the_ends(in.drawn.X, a, ctx.limits);
  const Eigen::Index r = s.rank(in.X);
  const Mat<S> Xt = in.X.transpose();
  RC_ASSERT(s.rank(Xt) == r);
  RC_ASSERT(s.rank(P.template cast<S>()) == r);
  if (!s.in_range(K)) return;
  Eigen::Index expected = r;
  if (s.rule.atol > 0) {  // σ(2^k·X) = 2^k·σ(X), exactly
    const int k = nullity_test::detail::exponent_of_max(K) - nullity_test::detail::exponent_of_max(in.drawn.X);
    Oracle scaled = in.oracle;
    for (Eigen::Index i = 0; i < scaled.svd.s.size(); ++i) {
      using std::ldexp;
      scaled.svd.s(i) = ldexp(scaled.svd.s(i), k);
      scaled.s(i) = static_cast<double>(scaled.svd.s(i));
    }
    const Bounds bk = bounds<S>(scaled, s.rule);
    if (!bk.well_determined) return;  // ambiguous at this scale under the floor: nothing to assert
    expected = bk.r;
  }
  RC_ASSERT(s.rank(K.template cast<S>()) == expected);
}

/// P04. 0 ≤ rank ≤ min(n,d) and the null-space basis is d × (d − rank) (rank–nullity theorem).
template <class S>
void rank_plus_nullity_equals_columns(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  const Eigen::Index r = s.rank(in.X);
  const Mat<S> Z = s.null_space(in.X);
  RC_ASSERT(0 <= r);
  RC_ASSERT(r <= std::min(in.n(), in.d()));
  RC_ASSERT(Z.rows() == in.d());
  RC_ASSERT(Z.cols() + r == in.d());
}

// ---------------------------------------------------------------------------- null space ----

/// P05. ‖ZᵀZ − I‖₁ / (d·ε) < THRESH (LAPACK's DORT01 ratio).
template <class S>
void null_basis_is_orthonormal(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  const Mat<S> Z = s.null_space(in.X);
  RC_ASSERT(Z.rows() == in.d());
  const RealMatrix Zr = real(Z);
  const Eigen::MatrixXd E = to_double(RealMatrix(Zr.transpose() * Zr - RealMatrix::Identity(Z.cols(), Z.cols())));
  const double one_norm = E.size() ? E.cwiseAbs().colwise().sum().maxCoeff() : 0.0;
  check_ratio("|Z'Z - I|_1 / (d eps)", ratio(one_norm, double(in.d()) * in.b.eps));
}

/// P06. ‖XZ‖₂ / (N·u·σ_1 + σ_{d−k+1}) < THRESH for Z with k columns: no k-dimensional subspace
/// does better than σ_{d−k+1} (Courant–Fischer), and a backward-stable Z is an exact null basis
/// of X + E with ‖E‖₂ ≤ N·u·σ_1 (Higham Thm 19.4; LAPACK Users' Guide §4.9). No κ needed.
template <class S>
void null_basis_is_annihilated_by_x(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  const Mat<S> Z = s.null_space(in.X);
  RC_ASSERT(Z.rows() == in.d());
  const double xz = norm2(RealMatrix(in.Xr * real(Z)));
  const double scale = double(in.b.N) * in.b.u * in.b.s1 + in.oracle.sigma(in.d() - Z.cols());
  check_ratio("|XZ|_2 / (N u sigma_1 + sigma_{d-k+1})", ratio(xz, scale));
}

/// P07. ‖V_rᵀZ‖₂ / (N·u·σ_1/δ) < THRESH, with V_r the oracle's row-space basis and
/// δ = σ_r − σ_{r+1} − N·u·σ_1: Wedin's sin Θ theorem (BIT 1972; Stewart & Sun Thm V.4.4) for a
/// backward error ‖E‖₂ ≤ N·u·σ_1, formed scale-free (wedin_bound).
template <class S>
void null_space_matches_the_oracle_within_wedin_bound(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined);
  const Mat<S> Z = s.null_space(in.X);
  RC_ASSERT(Z.rows() == in.d());
  RC_ASSERT(Z.cols() == in.d() - in.b.r);
  if (in.b.r == 0) return;
  const double bound = wedin_bound(in.oracle, in.b);
  require(std::isfinite(bound));
  if (Z.cols() == 0) return;
  const double sin_theta = norm2(RealMatrix(in.oracle.svd.V.leftCols(in.b.r).transpose() * real(Z)));
  check_ratio("|V_r' Z|_2 / (N u sigma_1 / gap)", ratio(sin_theta, bound));
}

// ---------------------------------------------------------------------- minimum-norm solve ----

/// P08. y = fl(X·w0): ‖y − Xŵ‖₂ / (N·u·σ_1·(‖w0‖ + ‖ŵ‖) + σ_{r+1}‖w0‖) < THRESH (LAPACK's DQRT16,
/// in 2-norms: ŵ solves (X+E, y+f) exactly, so its residual is at most that of w0 there, plus
/// the truncation σ_{r+1}‖w0‖).
template <class S>
void consistent_system_has_small_residual(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined);
  nullity_test::Rhs recipe = *nullity_test::gen::rhs().as("rhs");
  recipe.consistent = true;
  const RightHandSide<S> y = right_hand_side(in, recipe);
  const Vec<S> w = s.solve(in.X, y.y);
  RC_ASSERT(w.size() == in.d());
  const RealMatrix wr = real(w);
  const double res = vnorm(RealMatrix(y.yr - in.Xr * wr));
  const double w0 = vnorm(y.w0), wn = vnorm(wr);
  check_ratio("|y - Xw|_2 / (N u sigma_1 (|w0| + |w|) + sigma_r+1 |w0|)",
              ratio(res, double(in.b.N) * in.b.u * in.b.s1 * (w0 + wn) + in.b.sr1 * w0));
}

/// P09. ‖Xᵀr̂‖₂ / (σ_{r+1}‖y‖₂ + N·u·σ_1·(‖r̂‖₂ + σ_1‖ŵ‖₂)) < THRESH on inconsistent systems
/// (the normal equations hold up to the backward error; the dropped σ_{r+1} term is truncation).
/// LAPACK's drivers are tested on consistent systems only.
template <class S>
void residual_is_orthogonal_to_the_columns(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined);
  nullity_test::Rhs recipe = *nullity_test::gen::rhs().as("rhs");
  recipe.consistent = false;
  const RightHandSide<S> y = right_hand_side(in, recipe);
  const Vec<S> w = s.solve(in.X, y.y);
  RC_ASSERT(w.size() == in.d());
  const RealMatrix wr = real(w);
  const RealMatrix res = y.yr - in.Xr * wr;
  const double g = vnorm(RealMatrix(in.Xr.transpose() * res));
  const double scale = in.b.sr1 * vnorm(y.yr) + double(in.b.N) * in.b.u * in.b.s1 * (vnorm(res) + in.b.s1 * vnorm(wr));
  check_ratio("|X'r|_2 / (sigma_r+1 |y| + N u sigma_1 (|r| + sigma_1 |w|))", ratio(g, scale));
}

/// P10. ‖N*ᵀŵ‖₂ / (N·u·κ·‖ŵ‖₂) < THRESH for ALL shapes (LAPACK's DQRT14 checks nothing when
/// n ≥ d): the minimum-norm solution lies in the row space, up to the Wedin angle N·u·κ
/// between the computed and the exact row spaces.
template <class S>
void solution_lies_in_the_row_space(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined);
  const RightHandSide<S> y = draw_rhs(in);
  const Vec<S> w = s.solve(in.X, y.y);
  RC_ASSERT(w.size() == in.d());
  if (in.b.r == in.d()) return;
  const RealMatrix wr = real(w);
  const double off = vnorm(RealMatrix(in.oracle.svd.V.rightCols(in.d() - in.b.r).transpose() * wr));
  check_ratio("|N*' w|_2 / (N u kappa |w|)", ratio(off, double(in.b.N) * in.b.u * in.b.kappa * vnorm(wr)));
}

/// P11. ŵ' = solve(X, fl(Xŵ)) equals ŵ within twice the forward bound (forward_bound), since
/// X_r⁺Xŵ is ŵ's row-space part.
template <class S>
void solving_the_projection_reproduces_the_solution(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined && in.b.eta <= 0.5);
  const RightHandSide<S> y = draw_rhs(in);
  const Vec<S> w = s.solve(in.X, y.y);
  RC_ASSERT(w.size() == in.d());
  const RealMatrix wr = real(w);
  const Vec<S> yhat = round_to<S>(in.Xr * wr);
  const Vec<S> w2 = s.solve(in.X, yhat);
  RC_ASSERT(w2.size() == in.d());
  const double diff = vnorm(RealMatrix(real(w2) - wr));
  check_ratio("|solve(X, Xw) - w|_2 / (2 forward bound)",
              ratio(diff, 2 * forward_bound(in.b, vnorm(wr), 0, vnorm(real(yhat)))));
}

/// P12. The seed's claim. For z = Z·c in the null space: ‖Xz‖₂ / ((N·u·σ_1 + σ_{d−k+1})‖c‖) <
/// THRESH (as P06), and solve(X, fl(X(w0 + z))) equals solve(X, fl(Xw0)) within two forward
/// bounds plus the Wedin leakage N·u·κ‖z‖ of z into the row space.
template <class S>
void null_shift_changes_neither_prediction_nor_solution(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined && in.b.eta <= 0.5);
  const Mat<S> Z = s.null_space ? s.null_space(in.X)
                                : from_real_matrix<S>(in.oracle.svd.V.rightCols(in.d() - in.b.r));
  RC_ASSERT(Z.rows() == in.d());
  const std::vector<int> w0i = *nullity_test::gen::integers(48).as("w0");
  const std::vector<int> ci = *nullity_test::gen::integers(48).as("c");
  const RealMatrix w0 = real(nullity_test::integer_vector(w0i, in.d()));
  const RealMatrix c = real(nullity_test::integer_vector(ci, Z.cols()));
  const RealMatrix z = real(Mat<S>(Z * from_real_matrix<S>(c)));
  const double backward = double(in.b.N) * in.b.u * in.b.s1;
  check_ratio("|Xz|_2 / ((N u sigma_1 + sigma_{d-k+1}) |c|)",
              ratio(vnorm(RealMatrix(in.Xr * z)), (backward + in.oracle.sigma(in.d() - Z.cols())) * vnorm(c)));
  const Vec<S> y0 = round_to<S>(in.Xr * w0), y1 = round_to<S>(in.Xr * RealMatrix(w0 + z));
  const Vec<S> a = s.solve(in.X, y0), b = s.solve(in.X, y1);
  RC_ASSERT(a.size() == in.d());
  RC_ASSERT(b.size() == in.d());
  const double diff = vnorm(RealMatrix(real(b) - real(a)));
  const double zn = vnorm(z);
  const double scale = 2 * forward_bound(in.b, vnorm(w0) + zn, 0, vnorm(real(y0)) + vnorm(real(y1))) +
                       double(in.b.N) * in.b.u * in.b.kappa * zn;
  check_ratio("|solve(X(w0+z)) - solve(Xw0)|_2 / (2 forward bound + N u kappa |z|)", ratio(diff, scale));
}

/// P13. ‖ŵ − w*‖₂ / forward_bound < THRESH with w* the oracle's truncated minimum-norm solution
/// (Björck Thm 1.4.6, Higham Thm 20.1; rank preserved: outside the band, η ≤ 1/2).
template <class S>
void solution_matches_the_oracle_within_perturbation_bound(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined && in.b.eta <= 0.5);
  const RightHandSide<S> y = draw_rhs(in);
  const Vec<S> w = s.solve(in.X, y.y);
  RC_ASSERT(w.size() == in.d());
  const RealMatrix ws = oracle_solution(in.oracle, y.yr, in.b.r);
  const double err = vnorm(RealMatrix(real(w) - ws));
  const double bound = forward_bound(in.b, vnorm(ws), vnorm(RealMatrix(y.yr - in.Xr * ws)), vnorm(y.yr));
  check_ratio("|w - w*|_2 / forward bound", ratio(err, bound));
}

/// P14. The Karlson–Waldén estimate η̃ of the normwise backward error in X alone
/// (karlson_walden_over_s1), over the backward error Householder-based least squares guarantees
/// (Higham Thm 20.3: ‖Δx_j‖ ≤ γ_{nd}‖x_j‖, ‖Δy‖ ≤ γ_{nd}‖y‖, γ_{nd} = n·d·u; a Δy moves into X as
/// ‖Δy‖/‖ŵ‖): η̃ / (n·d·u·(‖X‖_F + ‖y‖/‖ŵ‖) + σ_{r+1}) < THRESH. Catches instability that residual
/// checks miss when ‖r‖ is large (normal equations).
template <class S>
void backward_error_is_small(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined && in.b.s1 > 0);
  const RightHandSide<S> y = draw_rhs(in);
  const Vec<S> w = s.solve(in.X, y.y);
  RC_ASSERT(w.size() == in.d());
  const RealMatrix wr = real(w);
  // In units of σ_1, ‖y‖/‖ŵ‖ in the oracle's arithmetic like η̃ (‖ŵ‖ = 0 drops the Δy term).
  const Real wn = rnorm(wr);
  const double y_over_w = wn == 0 ? 0.0 : static_cast<double>(rnorm(y.yr) / (wn * in.oracle.svd.s(0)));
  const double gamma = double(in.n()) * double(in.d()) * in.b.u;
  const double scale = gamma * (in.b.fro_over_s1 + y_over_w) + in.b.sr1 / in.b.s1;
  check_ratio("Karlson-Walden eta / (n d u (|X|_F + |y|/|w|) + sigma_r+1)",
              ratio(karlson_walden_over_s1(in.oracle, in.Xr, y.yr, wr), scale));
}

/// P15. Metamorphic: solve(XP, y) = Pᵀsolve(X, y), solve(ΠX, Πy) = solve(X, y) and
/// solve(2^α X, 2^β y) = 2^{β−α} solve(X, y), each within twice the forward bound (P13): the
/// transformed problems have the same exact solution up to the same exact transformation.
template <class S>
void solution_transforms_with_the_matrix(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined && in.b.eta <= 0.5);
  const RightHandSide<S> y = draw_rhs(in);
  const RealMatrix ws = oracle_solution(in.oracle, y.yr, in.b.r);
  const double twice = 2 * forward_bound(in.b, vnorm(ws), vnorm(RealMatrix(y.yr - in.Xr * ws)), vnorm(y.yr));
  const Vec<S> w = s.solve(in.X, y.y);
  RC_ASSERT(w.size() == in.d());
  const RealMatrix wr = real(w);

  nullity_test::NormalStream g(std::uint64_t(*rc::gen::inRange(0, 1 << 20).as("permutation seed")));
  const std::vector<int> pc = g.permutation(int(in.d())), pr = g.permutation(int(in.n()));
  Mat<S> XP(in.n(), in.d()), PX(in.n(), in.d());
  Vec<S> Py(in.n());
  for (Eigen::Index j = 0; j < in.d(); ++j) XP.col(j) = in.X.col(pc[j]);
  for (Eigen::Index i = 0; i < in.n(); ++i) PX.row(i) = in.X.row(pr[i]), Py(i) = y.y(pr[i]);
  const Vec<S> wc = s.solve(XP, y.y), wrow = s.solve(PX, Py);
  RC_ASSERT(wc.size() == in.d());
  RC_ASSERT(wrow.size() == in.d());
  RealMatrix back(in.d(), 1);
  for (Eigen::Index j = 0; j < in.d(); ++j) back(pc[j], 0) = to_real(wc(j));
  check_ratio("|P solve(XP, y) - solve(X, y)| / (2 forward bound)", ratio(vnorm(RealMatrix(back - wr)), twice));
  check_ratio("|solve(PX, Py) - solve(X, y)| / (2 forward bound)", ratio(vnorm(RealMatrix(real(wrow) - wr)), twice));

  const int a = *rc::gen::inRange(-8, 9).as("matrix scale towards BIGNUM (+8) or SMLNUM (-8)");
  const int shift = nullity_test::rhs_shift_limit(ctx.limits);
  const int gamma = *rc::gen::inRange(-shift, shift + 1).as("solution scale exponent beta - alpha");
  const Eigen::MatrixXd Xk = nullity_test::scaled_towards_the_ends(in.drawn.X, a, ctx.limits);
  const int alpha = nullity_test::detail::exponent_of_max(Xk) - nullity_test::detail::exponent_of_max(in.drawn.X);
  const int beta = alpha + gamma;
  Vec<S> ys = y.y;
  for (Eigen::Index i = 0; i < ys.size(); ++i) {
    using std::ldexp;
    ys(i) = ldexp(y.y(i), beta);
  }
  if (!s.in_range(Xk)) return;  // outside the solver's documented range
  // Exact unless y's entries leave the normal range; such draws test nothing here. Compared in
  // the oracle's arithmetic, whose exponent range holds y·2^β exactly: a difference converted
  // to double first would itself underflow to 0 when y·2^β does, and let the draw through.
  bool exact = true;
  for (Eigen::Index i = 0; i < ys.size(); ++i) exact = exact && to_real(ys(i)) == y.yr(i, 0) * ldexp(Real(1), beta);
  require(exact);
  const Vec<S> wk = s.solve(Xk.template cast<S>(), ys);
  RC_ASSERT(wk.size() == in.d());
  RealMatrix unscaled = real(wk);
  for (Eigen::Index j = 0; j < in.d(); ++j) unscaled(j, 0) = ldexp(unscaled(j, 0), alpha - beta);
  check_ratio("|2^(a-b) solve(2^a X, 2^b y) - solve(X, y)| / (2 forward bound)",
              ratio(vnorm(RealMatrix(unscaled - wr)), twice));
}

/// P16. The four Penrose conditions for P = [solve(X, e_1) … solve(X, e_n)]. Each column is the
/// exact solution for its own X + E_j (‖E_j‖ ≤ N·u·σ_1), so the projectors XP, PX deviate from
/// symmetric ones by the Wedin angle N·u·κ, and PX also by the columns' forward error
/// (Björck: ≤ N·u·κ²·σ_1‖r_j‖ for ‖e_j‖ = 1):
///   ‖XPX − X‖₂ / (N·u·σ_1·κ + σ_{r+1}),  ‖PXP − P‖₂ / (‖P‖₂·N·u·κ),
///   ‖(XP)ᵀ − XP‖₂ / (N·u·κ),            ‖(PX)ᵀ − PX‖₂ / (N·u·κ(1 + κ)).
template <class S>
void pseudo_inverse_satisfies_the_penrose_conditions(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined && in.b.eta <= 0.5 && in.n() > 0 && in.d() > 0);
  Mat<S> P(in.d(), in.n());
  for (Eigen::Index j = 0; j < in.n(); ++j) {
    const Vec<S> w = s.solve(in.X, Vec<S>::Unit(in.n(), j));
    RC_ASSERT(w.size() == in.d());
    P.col(j) = w;
  }
  const RealMatrix Pr = real(P);
  const RealMatrix XP = in.Xr * Pr, PX = Pr * in.Xr;
  const double Nu = double(in.b.N) * in.b.u, k = in.b.kappa;
  check_ratio("|XPX - X|_2 / (N u sigma_1 kappa + sigma_r+1)",
              ratio(norm2(RealMatrix(XP * in.Xr - in.Xr)), Nu * in.b.s1 * k + in.b.sr1));
  check_ratio("|PXP - P|_2 / (|P|_2 N u kappa)", ratio(norm2(RealMatrix(PX * Pr - Pr)), norm2(Pr) * Nu * k));
  check_ratio("|(XP)' - XP|_2 / (N u kappa)", ratio(norm2(RealMatrix(XP.transpose() - XP)), Nu * k));
  check_ratio("|(PX)' - PX|_2 / (N u kappa (1 + kappa))", ratio(norm2(RealMatrix(PX.transpose() - PX)), Nu * k * (1 + k)));
}

// --------------------------------------------------------------------------- exceptional ----

/// P17. Zero matrices of every shape (0×d, n×0 included) and 1×1/2×2 matrices of subnormals:
/// the exact rank, a d × (d − r) orthonormal null basis, and for X = 0 exactly ŵ = 0 ∈ R^d;
/// otherwise the forward bound of P13.
template <class S>
void exceptional_inputs_get_exact_answers(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.b.well_determined);
  const Eigen::Index exact = in.X.size() == 0 ? 0 : nullity::oracle::exact(in.drawn.X).rank;
  require(exact == in.b.r);  // as in P01
  if (s.rank) RC_ASSERT(s.rank(in.X) == exact);
  if (s.null_space) {
    const Mat<S> Z = s.null_space(in.X);
    RC_ASSERT(Z.rows() == in.d());
    RC_ASSERT(Z.cols() == in.d() - exact);
    const RealMatrix Zr = real(Z);
    const Eigen::MatrixXd E = to_double(RealMatrix(Zr.transpose() * Zr - RealMatrix::Identity(Z.cols(), Z.cols())));
    check_ratio("|Z'Z - I|_1 / (d eps)",
                ratio(E.size() ? E.cwiseAbs().colwise().sum().maxCoeff() : 0.0, double(in.d()) * in.b.eps));
  }
  if (s.solve) {
    require(in.b.eta <= 0.5);
    const RightHandSide<S> y = draw_rhs(in);
    const Vec<S> w = s.solve(in.X, y.y);
    RC_ASSERT(w.size() == in.d());
    const RealMatrix ws = oracle_solution(in.oracle, y.yr, in.b.r);
    // A subnormal X with y ~ 1 has a solution beyond the largest finite number: no answer exists.
    require(std::isfinite(vnorm(ws)) && vnorm(ws) < double(std::numeric_limits<S>::max()) / 4);
    if (in.b.r == 0) {  // X = 0: the answer is exactly 0
      RC_ASSERT(to_double(real(w)).isZero(0));
      return;
    }
    // Relative to ‖w*‖ and in units of σ_1, in the oracle's arithmetic: subnormal inputs have
    // residuals and singular values that underflow in double.
    const Real wsn = rnorm(ws), s1 = in.oracle.svd.s(0);
    require(wsn > 0);
    const double err = static_cast<double>(rnorm(RealMatrix(real(w) - ws)) / wsn);
    const double bound = forward_bound_scaled(in.b, 1.0, static_cast<double>(rnorm(RealMatrix(y.yr - in.Xr * ws)) / (s1 * wsn)),
                                              static_cast<double>(rnorm(y.yr) / (s1 * wsn)));
    check_ratio("|w - w*|_2 / (|w*| forward bound)", ratio(err, bound));
  }
}

/// P18. A NaN or ±Inf entry in X (or in y) is rejected with an exception by every function,
/// never answered with a garbage rank or solution.
template <class S>
void non_finite_input_is_rejected(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  require(in.n() > 0 && in.d() > 0);
  const int i = *rc::gen::inRange(0, int(in.n())).as("row"), j = *rc::gen::inRange(0, int(in.d())).as("column");
  const int kind = *rc::gen::inRange(0, 3).as("0 NaN, 1 +Inf, 2 -Inf");
  const S inf = std::numeric_limits<S>::infinity();
  const S bad = kind == 0 ? std::numeric_limits<S>::quiet_NaN() : kind == 1 ? inf : S(-inf);
  Mat<S> X = in.X;
  X(i, j) = bad;
  const auto throws = [](const auto& f) {
    try {
      f();
    } catch (const std::exception&) {
      return true;
    }
    return false;
  };
  const Vec<S> y = Vec<S>::Ones(in.n());
  if (s.rank) RC_ASSERT(throws([&] { (void)s.rank(X); }));
  if (s.null_space) RC_ASSERT(throws([&] { (void)s.null_space(X); }));
  if (s.solve) {
    RC_ASSERT(throws([&] { (void)s.solve(X, y); }));
    Vec<S> ybad = y;
    ybad(i) = bad;
    RC_ASSERT(throws([&] { (void)s.solve(in.X, ybad); }));
  }
}

/// P19. The same input twice gives bit-identical answers (single-threaded).
template <class S>
void answers_are_deterministic(const SolverUnderTest<S>& s, const Context& ctx) {
  const Instance<S> in = draw(s, ctx);
  const auto same = [](const auto& a, const auto& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
    for (Eigen::Index k = 0; k < a.size(); ++k) {
      const auto x = a.data()[k], y = b.data()[k];
      if (!(x == y) && !(x != x && y != y)) return false;  // equal, or both NaN
    }
    return true;
  };
  if (s.rank) RC_ASSERT(s.rank(in.X) == s.rank(in.X));
  if (s.null_space) RC_ASSERT(same(s.null_space(in.X), s.null_space(in.X)));
  if (s.solve) {
    const RightHandSide<S> y = draw_rhs(in);
    RC_ASSERT(same(s.solve(in.X, y.y), s.solve(in.X, y.y)));
  }
}

}  // namespace props

/// The kit's property set, in catalogue order.
template <class S>
std::vector<Property<S>> property_set() {
  using namespace props;
  return {
      {"P01", "RankEqualsTheExactRank", Family::rank, needs_rank, exact_sources(), rank_equals_the_exact_rank<S>},
      {"P02", "RankLiesInTheAmbiguityBand", Family::rank, needs_rank, all_sources(), rank_lies_in_the_ambiguity_band<S>},
      {"P03", "RankIsInvariantUnderTransposePermutationAndScaling", Family::rank, needs_rank, all_sources(),
       rank_is_invariant_under_transpose_permutation_and_scaling<S>},
      {"P04", "RankPlusNullityEqualsColumns", Family::rank, needs_rank | needs_null_space, all_sources(),
       rank_plus_nullity_equals_columns<S>},
      {"P05", "NullBasisIsOrthonormal", Family::null_space, needs_null_space, all_sources(), null_basis_is_orthonormal<S>},
      {"P06", "NullBasisIsAnnihilatedByX", Family::null_space, needs_null_space, all_sources(), null_basis_is_annihilated_by_x<S>},
      {"P07", "NullSpaceMatchesTheOracleWithinWedinBound", Family::null_space, needs_null_space, all_sources(),
       null_space_matches_the_oracle_within_wedin_bound<S>},
      {"P08", "ConsistentSystemHasSmallResidual", Family::min_norm, needs_solve, solve_sources(), consistent_system_has_small_residual<S>},
      {"P09", "ResidualIsOrthogonalToTheColumns", Family::min_norm, needs_solve, solve_sources(), residual_is_orthogonal_to_the_columns<S>},
      {"P10", "SolutionLiesInTheRowSpace", Family::min_norm, needs_solve, solve_sources(), solution_lies_in_the_row_space<S>},
      {"P11", "SolvingTheProjectionReproducesTheSolution", Family::min_norm, needs_solve, solve_sources(),
       solving_the_projection_reproduces_the_solution<S>},
      {"P12", "NullShiftChangesNeitherPredictionNorSolution", Family::min_norm, needs_solve, solve_sources(),
       null_shift_changes_neither_prediction_nor_solution<S>},
      {"P13", "SolutionMatchesTheOracleWithinPerturbationBound", Family::min_norm, needs_solve, solve_sources(),
       solution_matches_the_oracle_within_perturbation_bound<S>},
      {"P14", "BackwardErrorIsSmall", Family::min_norm, needs_solve, solve_sources(), backward_error_is_small<S>},
      {"P15", "SolutionTransformsWithTheMatrix", Family::min_norm, needs_solve, solve_sources(), solution_transforms_with_the_matrix<S>},
      {"P16", "PseudoInverseSatisfiesThePenroseConditions", Family::min_norm, needs_solve, solve_sources(),
       pseudo_inverse_satisfies_the_penrose_conditions<S>},
      {"P17", "ExceptionalInputsGetExactAnswers", Family::exceptional, 0, {Source::zero, Source::tiny_values}, exceptional_inputs_get_exact_answers<S>},
      {"P18", "NonFiniteInputIsRejected", Family::exceptional, 0, {Source::integer_product, Source::spectrum}, non_finite_input_is_rejected<S>},
      {"P19", "AnswersAreDeterministic", Family::exceptional, 0, all_sources(), answers_are_deterministic<S>},
  };
}

}  // namespace nullity_conformance
