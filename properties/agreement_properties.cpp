// nullity's two paths against each other and against the oracle at the factorization level:
// QR ≡ SVD on well-determined spectra, the spectrum each path reports, and the consistency of
// one factorization's answers. Run for double and float.
#include <algorithm>
#include <cmath>

#include "reference_only.hpp"

namespace {

using namespace nullity_properties;
using nullity::Method;

template <class S>
nullity::Options with(Method m) {
  nullity::Options o;
  o.method = m;
  return o;
}

/// A20. On spectra well determined for both rules (RankRule), the QR and SVD paths give the same
/// rank, null spaces within twice the Wedin angle, ‖Z₁Z₁ᵀ − Z₂Z₂ᵀ‖₂ / (2·N·u·σ_1/δ) < THRESH
/// (each is within N·u·σ_1/δ of the truth, δ = σ_r − σ_{r+1} − N·u·σ_1), and solutions within
/// twice the forward bound of the kit's P13.
template <class S>
void qr_and_svd_agree_on_well_determined_spectra(const SolverUnderTest<S>& svd, const Context& ctx) {
  const Instance<S> in = draw(svd, ctx, "QrAndSvdAgree", solve_sources());
  const Bounds bq = bounds<S>(in.oracle, RankRule::pivoted_qr_rule(numpy_rtol<S>()));
  require(in.b.well_determined && bq.well_determined && bq.r == in.b.r && in.b.eta <= 0.5);
  const auto f1 = nullity::factorize(in.X, with<S>(Method::svd));
  const auto f2 = nullity::factorize(in.X, with<S>(Method::qr));
  RC_ASSERT(f1.rank() == f2.rank());
  const double backward = double(in.b.N) * in.b.u * in.b.s1;
  const double gap = in.b.sr - in.b.sr1 - backward;
  require(in.b.r == 0 || gap > 0);
  const RealMatrix Z1 = real(f1.null_space()), Z2 = real(f2.null_space());
  if (in.b.r > 0)
    check_ratio("|Z1 Z1' - Z2 Z2'|_2 / (2 N u sigma_1 / gap)",
                ratio(norm2(RealMatrix(Z1 * Z1.transpose() - Z2 * Z2.transpose())), 2 * backward / gap));
  const RightHandSide<S> y = draw_rhs(in);
  const RealMatrix ws = oracle_solution(in.oracle, y.yr, in.b.r);
  const double bound = forward_bound(in.b, vnorm(ws), vnorm(RealMatrix(y.yr - in.Xr * ws)), vnorm(y.yr));
  check_ratio("|w_svd - w_qr|_2 / (2 forward bound)", ratio(vnorm(RealMatrix(real(f1.solve(y.y)) - real(f2.solve(y.y)))), 2 * bound));
}

/// A21. The values each path reports: SVD singular values within Weyl's bound,
/// max|σ̂_i − σ_i| / (N·u·σ_1) < THRESH (backward stability, LAPACK Users' Guide §4.9); QR's
/// |R_kk| non-increasing up to rounding and |R_11| ∈ [σ_1/√d, σ_1] (largest column norm), each
/// violation measured in units of N·u·σ_1.
template <class S>
void reported_spectrum_matches_the_oracle(const SolverUnderTest<S>& svd, const Context& ctx) {
  const Instance<S> in = draw(svd, ctx, "ReportedSpectrum", all_sources());
  const double unit = double(in.b.N) * in.b.u * in.b.s1;
  const Eigen::MatrixXd s = to_double(real(nullity::factorize(in.X, with<S>(Method::svd)).spectrum()));
  RC_ASSERT(s.size() == in.oracle.s.size());
  double weyl = 0;
  for (Eigen::Index i = 0; i < s.size(); ++i) weyl = std::max(weyl, std::abs(s(i) - in.oracle.sigma(i)));
  check_ratio("max |s_i - sigma_i| / (N u sigma_1)", ratio(weyl, unit));
  const Eigen::MatrixXd q = to_double(real(nullity::factorize(in.X, with<S>(Method::qr)).spectrum()));
  RC_ASSERT(q.size() == in.oracle.s.size());
  if (q.size() == 0) return;
  double rise = 0;
  for (Eigen::Index k = 1; k < q.size(); ++k) rise = std::max(rise, q(k) - q(k - 1));
  check_ratio("max (|R_k+1,k+1| - |R_kk|)+ / (N u sigma_1)", ratio(rise, unit));
  const double outside = std::max({0.0, in.b.s1 / std::sqrt(double(in.d())) - q(0), q(0) - in.b.s1});
  check_ratio("|R_11| outside [sigma_1/sqrt(d), sigma_1] / (N u sigma_1)", ratio(outside, unit));
}

/// A22. One factorization answers consistently: rank + nullity = d; [Q Z] is orthogonal
/// (‖[Q Z]ᵀ[Q Z] − I‖₁ / (d·ε) < THRESH, DORT01); split(w) = (QQᵀw, ZZᵀw) sums back to w within
/// d·ε·‖w‖; the certificate's interval contains the rank and reports it.
template <class S>
void factorization_answers_are_consistent(const SolverUnderTest<S>& svd, const Context& ctx) {
  const Instance<S> in = draw(svd, ctx, "FactorizationConsistency", all_sources());
  const Method m = *rc::gen::element(Method::svd, Method::qr).as("method");
  const auto f = nullity::factorize(in.X, with<S>(m));
  RC_ASSERT(f.rank() + f.nullity() == in.d());
  const Mat<S> Q = f.row_space(), Z = f.null_space();
  RC_ASSERT(Q.rows() == in.d());
  RC_ASSERT(Q.cols() == f.rank());
  RC_ASSERT(Z.cols() == f.nullity());
  Mat<S> QZ(in.d(), in.d());
  QZ << Q, Z;
  const RealMatrix W = real(QZ);
  const Eigen::MatrixXd E = to_double(RealMatrix(W.transpose() * W - RealMatrix::Identity(in.d(), in.d())));
  check_ratio("|[Q Z]'[Q Z] - I|_1 / (d eps)",
              ratio(E.size() ? E.cwiseAbs().colwise().sum().maxCoeff() : 0.0, double(in.d()) * in.b.eps));
  const Vec<S> w = nullity_test::integer_vector(*nullity_test::gen::integers(48).as("w"), in.d()).template cast<S>();
  const auto parts = f.split(w);
  check_ratio("|row + null - w|_2 / (d eps |w|)",
              ratio(vnorm(RealMatrix(real(parts.row) + real(parts.null) - real(w))), double(in.d()) * in.b.eps * vnorm(real(w))));
  const auto c = f.certificate();
  RC_ASSERT(c.rank == f.rank());
  RC_ASSERT(c.rank_lo <= c.rank);
  RC_ASSERT(c.rank <= c.rank_hi);
}

template <class S>
class Agreement : public ::testing::Test {};
using Scalars = ::testing::Types<double, float>;
TYPED_TEST_SUITE(Agreement, Scalars);

TYPED_TEST(Agreement, QrAndSvdAgreeOnWellDeterminedSpectra) {
  run_reference_property<TypeParam>({"A20", "QrAndSvdAgreeOnWellDeterminedSpectra", Family::min_norm, 0,
                                     qr_and_svd_agree_on_well_determined_spectra<TypeParam>},
                                    reference_solver<TypeParam>(Method::svd));
}
TYPED_TEST(Agreement, ReportedSpectrumMatchesTheOracle) {
  run_reference_property<TypeParam>(
      {"A21", "ReportedSpectrumMatchesTheOracle", Family::rank, 0, reported_spectrum_matches_the_oracle<TypeParam>},
      reference_solver<TypeParam>(Method::svd));
}
TYPED_TEST(Agreement, FactorizationAnswersAreConsistent) {
  run_reference_property<TypeParam>({"A22", "FactorizationAnswersAreConsistent", Family::rank, 0,
                                     factorization_answers_are_consistent<TypeParam>},
                                    reference_solver<TypeParam>(Method::svd));
}

}  // namespace
