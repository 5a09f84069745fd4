// Implicit regularization: the minimum-norm solution is what gradient descent from zero and
// vanishing ridge penalties converge to — the reason w⁺ is "the" answer in over-parameterised
// learning. Checked against the oracle's w⁺, for double and float.
#include <algorithm>
#include <cmath>

#include "reference_only.hpp"

namespace {

using namespace nullity_properties;

/// A23. Gradient descent on ½‖Xw − y‖² from w_0 = 0 with step t = 1/σ_1²: in exact arithmetic
/// every iterate lies in the row space and w_k − w⁺ contracts by q = 1 − (σ_r/σ_1)² per step
/// (on the row space). The step is applied as w − (Xᵀ((Xw − y)/σ_1))/σ_1, the same iteration,
/// because σ_1² itself overflows or underflows for matrices near LAPACK's BIGNUM or SMLNUM
/// (float: σ_1 ≈ 1.2e21, σ_1² = ∞, t = 0). In floating point each step adds
/// ≲ 2·N·u·(‖w⁺‖ + ‖y‖/σ_1) in an arbitrary direction (‖w_k‖ ≤ ‖w⁺‖ from 0: two matrix–vector
/// products of length ≤ N, each with an error of a few u times ‖X‖·‖argument‖ at the typical √
/// growth, Higham §3.1 and §2.8), damped in the row space and accumulated in the null space:
///   ‖w_K − w⁺‖ ≤ q^K‖w⁺‖ + 2K·N·u·(‖w⁺‖ + ‖y‖/σ_1),  ‖N*ᵀw_K‖ ≤ 2K·N·u·(‖w⁺‖ + ‖y‖/σ_1).
/// κ_r ≤ 16 keeps K = ⌈ln(u)/ln(q)⌉ below ~10⁴.
template <class S>
void gradient_descent_from_zero_converges_to_the_minimum_norm_solution(const SolverUnderTest<S>& vehicle,
                                                                       const Context& ctx) {
  const Instance<S> in = draw(vehicle, ctx);
  require(in.b.well_determined && in.b.r > 0 && in.b.sr1 == 0 && in.b.s1 / in.b.sr <= 16);
  const RightHandSide<S> y = draw_rhs(in);
  const RealMatrix wplus = oracle_solution(in.oracle, y.yr, in.b.r);
  const double q = 1 - (in.b.sr / in.b.s1) * (in.b.sr / in.b.s1);
  const int K = q <= 0 ? 1 : int(std::ceil(std::log(in.b.u) / std::log(q)));
  const S s1 = S(in.b.s1);  // the drawn matrices keep σ_1 normal in S (cases.hpp, Limits)
  Vec<S> w = Vec<S>::Zero(in.d());
  for (int k = 0; k < K; ++k) w -= Vec<S>(in.X.transpose() * Vec<S>((in.X * w - y.y) / s1)) / s1;
  const RealMatrix wr = real(w);
  const double drift = 2.0 * K * double(in.b.N) * in.b.u * (vnorm(wplus) + vnorm(y.yr) / in.b.s1);
  check_ratio("|w_K - w+| / (q^K |w+| + 2K N u (|w+| + |y|/sigma_1))",
              ratio(vnorm(RealMatrix(wr - wplus)), std::pow(q, K) * vnorm(wplus) + drift));
  if (in.b.r < in.d())
    check_ratio("|N*' w_K| / (2K N u (|w+| + |y|/sigma_1))",
                ratio(vnorm(RealMatrix(in.oracle.svd.V.rightCols(in.d() - in.b.r).transpose() * wr)), drift));
}

/// A24. Ridge: w_λ = argmin ‖Xw − y‖² + λ‖w‖², computed as the least-squares solution of
/// A_λ w ≈ [y; 0], A_λ = [X; √λ I], by nullity's SVD path, for √λ = fl(σ_1·2^-j) (formed without
/// squaring σ_1, which underflows near LAPACK's SMLNUM). Exactly,
/// w_λ − w⁺ = Σ_{i≤r} −λ/(σ_i(σ_i² + λ)) (u_iᵀy) v_i, so ‖w_λ − w⁺‖ ≤ λ/(σ_r² + λ)·‖w⁺‖ → 0. The
/// computed w_λ adds the forward error of the augmented problem (Higham Thm 20.1, full column rank
/// with σ_i(A_λ) = √(σ_i² + λ), ‖A_λ‖ = √(σ_1² + λ), κ_λ = ‖A_λ‖/√(σ_d² + λ) ≤ ‖A_λ‖/√λ, backward
/// error ε_λ = N_λ·u, N_λ = n + d, as for every solve in the kit):
///   ε_λκ_λ/(1 − ε_λκ_λ)·(2‖w_λ‖ + (κ_λ + 1)‖r_λ‖/‖A_λ‖).
/// Checked for every j while λ/σ_r² ≥ u and the augmented rank d is well determined for nullity's
/// rule (√λ > (N_λ·ε + √N_λ·u)·‖A_λ‖, Weyl, as RankRule): below that the SVD path may truncate
/// A_λ, which is a different problem.
template <class S>
void ridge_solutions_converge_to_the_minimum_norm_solution(const SolverUnderTest<S>& vehicle, const Context& ctx) {
  const Instance<S> in = draw(vehicle, ctx);
  require(in.b.well_determined && in.b.r > 0 && in.b.sr1 == 0 && in.b.eta <= 0.5);
  const RightHandSide<S> y = draw_rhs(in);
  const RealMatrix wplus = oracle_solution(in.oracle, y.yr, in.b.r);
  const Eigen::Index n = in.n(), d = in.d();
  const double Nl = double(n + d);  // the augmented matrix is (n+d)×d
  const double s1 = in.b.s1, sr = in.b.sr;
  for (int j = 1; j < 200; ++j) {
    const S sqrt_lambda = S(std::ldexp(s1, -j));
    const double sl = double(sqrt_lambda);  // the stored √λ defines the problem solved
    const double shrink = (sl / sr) * (sl / sr);  // λ/σ_r², in ratios that neither over- nor underflow
    if (shrink < in.b.u) break;
    const double norm_a = s1 * std::sqrt(1 + (sl / s1) * (sl / s1));
    if (!(sl > (Nl * in.b.eps + std::sqrt(Nl) * in.b.u) * norm_a)) break;
    Mat<S> A(n + d, d);
    A << in.X, Mat<S>::Identity(d, d) * sqrt_lambda;
    Vec<S> b = Vec<S>::Zero(n + d);
    b.head(n) = y.y;
    const Vec<S> w = nullity::factorize(A).solve(b);
    const RealMatrix wr = real(w);
    const double kl = norm_a / sl;
    const double eta = Nl * in.b.u * kl;
    const double rl = vnorm(RealMatrix(real(b) - real(A) * wr));
    const double computed = eta / (1 - eta) * (2 * vnorm(wr) + (kl + 1) * rl / norm_a);
    check_ratio("|w_lambda - w+| / (lambda/(sigma_r^2 + lambda) |w+| + forward error)",
                ratio(vnorm(RealMatrix(wr - wplus)), shrink / (1 + shrink) * vnorm(wplus) + computed));
  }
}

template <class S>
class ImplicitRegularization : public ::testing::Test {};
using Scalars = ::testing::Types<double, float>;
TYPED_TEST_SUITE(ImplicitRegularization, Scalars);

TYPED_TEST(ImplicitRegularization, GradientDescentFromZeroConvergesToTheMinimumNormSolution) {
  run_reference_property<TypeParam>("A23", Family::min_norm, {Source::integer_product, Source::spectrum},
                                    gradient_descent_from_zero_converges_to_the_minimum_norm_solution<TypeParam>,
                                    reference_solver<TypeParam>(nullity::Method::svd));
}
TYPED_TEST(ImplicitRegularization, RidgeSolutionsConvergeToTheMinimumNormSolution) {
  run_reference_property<TypeParam>("A24", Family::min_norm, {Source::integer_product, Source::spectrum, Source::vandermonde},
                                    ridge_solutions_converge_to_the_minimum_norm_solution<TypeParam>,
                                    reference_solver<TypeParam>(nullity::Method::svd));
}

}  // namespace
