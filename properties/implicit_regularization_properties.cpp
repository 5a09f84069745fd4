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
/// (on the row space). In floating point each step adds ≲ 2·N·u·(‖w⁺‖ + ‖y‖/σ_1) in an arbitrary
/// direction (‖w_k‖ ≤ ‖w⁺‖ from 0), damped in the row space and accumulated in the null space:
///   ‖w_K − w⁺‖ ≤ q^K‖w⁺‖ + 2K·N·u·(‖w⁺‖ + ‖y‖/σ_1),  ‖N*ᵀw_K‖ ≤ 2K·N·u·(‖w⁺‖ + ‖y‖/σ_1).
/// κ_r ≤ 16 keeps K = ⌈ln(u)/ln(q)⌉ below ~10⁴.
template <class S>
void gradient_descent_from_zero_converges_to_the_minimum_norm_solution(const SolverUnderTest<S>& vehicle,
                                                                       const Context& ctx) {
  const Instance<S> in = draw(vehicle, ctx, "GradientDescent", {Source::integer_product, Source::spectrum});
  require(in.b.well_determined && in.b.r > 0 && in.b.sr1 == 0 && in.b.s1 / in.b.sr <= 16);
  // The step 1/σ_1² must be a finite, normal number of S (it is not near LAPACK's SMLNUM/BIGNUM).
  require(std::isfinite(double(S(1) / (S(in.b.s1) * S(in.b.s1)))) && S(in.b.s1) * S(in.b.s1) > S(0));
  const RightHandSide<S> y = draw_rhs(in);
  const RealMatrix wplus = oracle_solution(in.oracle, y.yr, in.b.r);
  const double q = 1 - (in.b.sr / in.b.s1) * (in.b.sr / in.b.s1);
  const int K = q <= 0 ? 1 : int(std::ceil(std::log(in.b.u) / std::log(q)));
  const S t = S(1) / (S(in.b.s1) * S(in.b.s1));
  Vec<S> w = Vec<S>::Zero(in.d());
  for (int k = 0; k < K; ++k) w -= t * (in.X.transpose() * (in.X * w - y.y));
  const RealMatrix wr = real(w);
  const double drift = 2.0 * K * double(in.b.N) * in.b.u * (vnorm(wplus) + vnorm(y.yr) / in.b.s1);
  check_ratio("|w_K - w+| / (q^K |w+| + 2K N u (|w+| + |y|/sigma_1))",
              ratio(vnorm(RealMatrix(wr - wplus)), std::pow(q, K) * vnorm(wplus) + drift));
  if (in.b.r < in.d())
    check_ratio("|N*' w_K| / (2K N u (|w+| + |y|/sigma_1))",
                ratio(vnorm(RealMatrix(in.oracle.svd.V.rightCols(in.d() - in.b.r).transpose() * wr)), drift));
}

/// A24. Ridge: w_λ = argmin ‖Xw − y‖² + λ‖w‖², computed as the least-squares solution of
/// [X; √λ I] w ≈ [y; 0] by nullity's SVD path, for λ = σ_1²·4^-j. Exactly,
/// w_λ − w⁺ = Σ_{i≤r} −λ/(σ_i(σ_i² + λ)) (u_iᵀy) v_i, so ‖w_λ − w⁺‖ ≤ (λ/σ_r²)‖w⁺‖ → 0; the
/// computed w_λ adds the forward error of the augmented problem (κ_λ = √((σ_1² + λ)/λ),
/// Higham Thm 20.1): N·u·κ_λ/(1−η)·(2‖w_λ‖ + κ_λ‖r_λ‖/σ_1). Checked for every j until
/// λ/σ_r² < u.
template <class S>
void ridge_solutions_converge_to_the_minimum_norm_solution(const SolverUnderTest<S>& vehicle, const Context& ctx) {
  const Instance<S> in = draw(vehicle, ctx, "Ridge", {Source::integer_product, Source::spectrum, Source::vandermonde});
  require(in.b.well_determined && in.b.r > 0 && in.b.sr1 == 0 && in.b.eta <= 0.5);
  const RightHandSide<S> y = draw_rhs(in);
  const RealMatrix wplus = oracle_solution(in.oracle, y.yr, in.b.r);
  const Eigen::Index n = in.n(), d = in.d();
  const double Nu = double(n + d) * in.b.u;  // the augmented matrix is (n+d)×d
  for (int j = 1; j < 200; ++j) {
    const double lambda = in.b.s1 * in.b.s1 * std::ldexp(1.0, -2 * j);
    if (lambda / (in.b.sr * in.b.sr) < in.b.u) break;
    Mat<S> A(n + d, d);
    A << in.X, Mat<S>::Identity(d, d) * S(std::sqrt(lambda));
    Vec<S> b = Vec<S>::Zero(n + d);
    b.head(n) = y.y;
    const Vec<S> w = nullity::factorize(A).solve(b);
    const RealMatrix wr = real(w);
    const double kl = std::sqrt((in.b.s1 * in.b.s1 + lambda) / lambda);
    const double eta = Nu * kl;
    if (eta > 0.5) break;
    const double rl = vnorm(RealMatrix(real(b) - real(A) * wr));
    const double computed = Nu * kl / (1 - eta) * (2 * vnorm(wr) + kl * rl / in.b.s1);
    check_ratio("|w_lambda - w+| / (lambda/sigma_r^2 |w+| + forward error)",
                ratio(vnorm(RealMatrix(wr - wplus)), lambda / (in.b.sr * in.b.sr) * vnorm(wplus) + computed));
  }
}

template <class S>
class ImplicitRegularization : public ::testing::Test {};
using Scalars = ::testing::Types<double, float>;
TYPED_TEST_SUITE(ImplicitRegularization, Scalars);

TYPED_TEST(ImplicitRegularization, GradientDescentFromZeroConvergesToTheMinimumNormSolution) {
  run_reference_property<TypeParam>(
      {"A23", "GradientDescentFromZeroConvergesToTheMinimumNormSolution", Family::min_norm, 0,
       gradient_descent_from_zero_converges_to_the_minimum_norm_solution<TypeParam>},
      reference_solver<TypeParam>(nullity::Method::svd));
}
TYPED_TEST(ImplicitRegularization, RidgeSolutionsConvergeToTheMinimumNormSolution) {
  run_reference_property<TypeParam>({"A24", "RidgeSolutionsConvergeToTheMinimumNormSolution", Family::min_norm, 0,
                                     ridge_solutions_converge_to_the_minimum_norm_solution<TypeParam>},
                                    reference_solver<TypeParam>(nullity::Method::svd));
}

}  // namespace
