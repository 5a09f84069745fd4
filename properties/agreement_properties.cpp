// nullity's two paths against each other and against the oracle at the factorization level:
// QR ≡ SVD on well-determined spectra, the spectrum each path reports, and the consistency of
// one factorization's answers. Run for double and float.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

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
  const Instance<S> in = draw(svd, ctx);
  const Bounds bq = bounds<S>(in.oracle, RankRule::pivoted_qr_rule(numpy_rtol<S>()));
  require(in.b.well_determined && bq.well_determined && bq.r == in.b.r && in.b.eta <= 0.5);
  const auto f1 = nullity::factorize(in.X, with<S>(Method::svd));
  const auto f2 = nullity::factorize(in.X, with<S>(Method::qr));
  RC_ASSERT(f1.rank() == f2.rank());
  const double wedin = in.b.r == 0 ? 0.0 : wedin_bound(in.oracle, in.b);
  require(std::isfinite(wedin));
  const RealMatrix Z1 = real(f1.null_space()), Z2 = real(f2.null_space());
  if (in.b.r > 0)
    check_ratio("|Z1 Z1' - Z2 Z2'|_2 / (2 N u sigma_1 / gap)",
                ratio(norm2(RealMatrix(Z1 * Z1.transpose() - Z2 * Z2.transpose())), 2 * wedin));
  const RightHandSide<S> y = draw_rhs(in);
  const RealMatrix ws = oracle_solution(in.oracle, y.yr, in.b.r);
  const double bound = forward_bound(in.b, vnorm(ws), vnorm(RealMatrix(y.yr - in.Xr * ws)), vnorm(y.yr));
  check_ratio("|w_svd - w_qr|_2 / (2 forward bound)", ratio(vnorm(RealMatrix(real(f1.solve(y.y)) - real(f2.solve(y.y)))), 2 * bound));
}

/// The smallest δ (in units of σ_1) for which the sorted values q (X's units) are log-majorized
/// by σ ± δ: for k = 1..p,
///   Π_{i≤k} (q_i − ρ_i)₊ ≤ Π_{i≤k} (σ_i + δ)   and   Π_{i≥k} (q_i + ρ_i) ≥ Π_{i≥k} (σ_i − δ)₊.
/// Why this holds for the |R_ii| of ANY QR factorization of X (pivoted or not, of X or Xᵀ): the
/// diagonal of a triangular R is its eigenvalues, so Weyl's multiplicative majorization
/// (H. Weyl, PNAS 35, 1949; Horn & Johnson, Topics in Matrix Analysis, Thm 3.3.2) gives
/// Π_{i≤k} |R|_[i] ≤ Π_{i≤k} σ_i(R) with equality at k = p, hence also the tail inequalities, and by
/// Horn's converse (Proc. Amer. Math. Soc. 5, 1954) nothing stronger holds in general. Householder QR
/// computes the exact R of X + E (Higham, Accuracy and Stability, Thm 19.4), whose σ_i are within
/// ‖E‖₂ = δ of the oracle's (Weyl). ρ_i is the rounding of the reported value itself: scaling back
/// to X's units by 2^e is exact unless the result is subnormal, then off by ≤ half the smallest
/// subnormal of S. Products are formed as sums of logarithms in long double, of values divided by
/// σ_1 in the oracle's arithmetic (they underflow or lose digits otherwise), and δ is found by
/// bisection: each inequality is monotone in δ.
template <class S>
double log_majorization_gap(const Eigen::MatrixXd& q, const Oracle& o, Eigen::Index p) {
  using L = long double;
  const Real s1 = o.svd.s(0);
  const Real rho = Real(double(std::numeric_limits<S>::denorm_min())) / 2;
  const std::size_t np = static_cast<std::size_t>(p);
  std::vector<L> lo(np), hi(np), sigma(np);
  for (Eigen::Index i = 0; i < p; ++i) {
    const Real qi = Real(q(i)), r = q(i) < double(std::numeric_limits<S>::min()) ? rho : Real(0);
    lo[std::size_t(i)] = qi > r ? static_cast<L>((qi - r) / s1) : L(0);
    hi[std::size_t(i)] = static_cast<L>((qi + r) / s1);
    sigma[std::size_t(i)] = static_cast<L>(o.svd.s(i) / s1);
  }
  const auto holds = [&](L delta) {
    L head_q = 0, head_s = 0;  // Σ_{i≤k} log
    for (std::size_t k = 0; k < np; ++k) {
      head_q += std::log(lo[k]);  // −∞ for a zero value: the inequality then holds
      head_s += std::log(sigma[k] + delta);
      if (head_q > head_s) return false;
    }
    L tail_q = 0, tail_s = 0;  // Σ_{i≥k} log
    bool vanishes = false;     // some σ_i − δ ≤ 0 with i ≥ k: the right side is 0
    for (std::size_t k = np; k-- > 0;) {
      tail_q += std::log(hi[k]);
      if (sigma[k] - delta <= 0) vanishes = true;
      if (!vanishes) tail_s += std::log(sigma[k] - delta);
      if (!vanishes && tail_q < tail_s) return false;
    }
    return true;
  };
  if (holds(0)) return 0;
  L a = 0, b = 1;  // δ = 1 + max q_i/σ_1 satisfies every inequality
  for (std::size_t i = 0; i < np; ++i) b = std::max(b, 1 + hi[i]);
  if (!holds(b)) return std::numeric_limits<double>::infinity();
  for (int it = 0; it < 100; ++it) {
    const L m = (a + b) / 2;
    (holds(m) ? b : a) = m;
  }
  return double(b);
}

/// A21. The values each path reports. SVD: singular values within Weyl's bound,
/// max|σ̂_i − σ_i| / (N·u·σ_1) < THRESH (backward stability, LAPACK Users' Guide §4.9). QR: the
/// |R_ii| of the tall orientation's QR (the unpivoted R₀ on the fast route, the pivoted R₁
/// otherwise: qr_core.hpp), sorted or pivot-ordered, measured in units of N·u·σ_1:
///  - log-majorized by σ within δ (log_majorization_gap): true of every QR, both routes;
///  - non-increasing up to rounding (the fast route sorts; column pivoting orders them);
///  - when r < p, which only the pivoted route reports: |R_11| = the largest column norm of the
///    tall orientation ∈ [σ_1/√p, σ_1] (‖A‖_F ≥ σ_1, p columns). The fast route's R₀ gives no such
///    lower bound (|R₀_11| is the first column's norm: [3 5 7; 8 1 6; 3 5 7; 4 9 2] has
///    |R₀_11| = 9.9 < σ_1/√3 = 10.04), and the public API does not say which route ran.
template <class S>
void reported_spectrum_matches_the_oracle(const SolverUnderTest<S>& svd, const Context& ctx) {
  const Instance<S> in = draw(svd, ctx);
  const Eigen::MatrixXd s = to_double(real(nullity::factorize(in.X, with<S>(Method::svd)).spectrum()));
  RC_ASSERT(s.size() == in.oracle.s.size());
  const auto f = nullity::factorize(in.X, with<S>(Method::qr));
  const Eigen::MatrixXd q = to_double(real(f.spectrum()));
  RC_ASSERT(q.size() == in.oracle.s.size());
  if (q.size() == 0 || in.oracle.svd.s(0) == 0) return;
  const Eigen::Index p = q.size();
  // Every difference in units of σ_1, in the oracle's arithmetic (N·u·σ_1 underflows for subnormal
  // matrices), less the rounding of the reported values to X's units (log_majorization_gap).
  const Real s1 = in.oracle.svd.s(0), rho = Real(double(std::numeric_limits<S>::denorm_min())) / 2;
  const auto slack = [&](double x) { return std::abs(x) < double(std::numeric_limits<S>::min()) ? rho : Real(0); };
  const auto in_units = [&](const Real& x) { return x > 0 ? static_cast<double>(x / s1) : 0.0; };
  const double Nu = double(in.b.N) * in.b.u;
  double weyl = 0;
  for (Eigen::Index i = 0; i < p; ++i) {
    using std::abs;
    weyl = std::max(weyl, in_units(abs(Real(s(i)) - in.oracle.svd.s(i)) - slack(s(i))));
  }
  check_ratio("max |s_i - sigma_i| / (N u sigma_1)", ratio(weyl, Nu));
  check_ratio("log-majorization gap of |R_ii| by sigma / (N u sigma_1)",
              ratio(log_majorization_gap<S>(q, in.oracle, p), Nu));
  double rise = 0;
  for (Eigen::Index k = 1; k < p; ++k)
    rise = std::max(rise, in_units(Real(q(k)) - Real(q(k - 1)) - slack(q(k)) - slack(q(k - 1))));
  check_ratio("max (|R_k+1,k+1| - |R_kk|)+ / (N u sigma_1)", ratio(rise, Nu));
  if (f.rank() == p) return;
  using std::sqrt;
  const Real q1 = Real(q(0));
  const double outside =
      std::max(in_units(s1 / sqrt(Real(int(p))) - q1 - slack(q(0))), in_units(q1 - s1 - slack(q(0))));
  check_ratio("pivoted |R_11| outside [sigma_1/sqrt(p), sigma_1] / (N u sigma_1)", ratio(outside, Nu));
}

/// A22. One factorization answers consistently: rank + nullity = d; [Q Z] is orthogonal
/// (‖[Q Z]ᵀ[Q Z] − I‖₁ / (d·ε) < THRESH, DORT01); split(w) = (QQᵀw, ZZᵀw) sums back to w within
/// d·ε·‖w‖; the certificate's interval contains the rank and reports it.
template <class S>
void factorization_answers_are_consistent(const SolverUnderTest<S>& svd, const Context& ctx) {
  const Instance<S> in = draw(svd, ctx);
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

/// The rule a certificate property runs under: a preset, its default rtol or a drawn one, and an
/// atol of 0 or a power of two times the largest entry (so that it can dominate τ).
inline nullity::Options drawn_rule(const Eigen::MatrixXd& X) {
  using nullity::Rule;
  const Rule rule = *rc::gen::element(Rule::numpy, Rule::scipy, Rule::matlab, Rule::julia, Rule::eigen, Rule::lapack)
                         .as("preset");
  nullity::Options o;
  o.rule = rule;
  // −1: the preset's default; 0 keeps every nonzero value; ≥ 1 keeps at most the values above s_1.
  o.rtol = *rc::gen::element(-1.0, -1.0, 0.0, 0x1p-20, 0.5, 1.0, 2.0).as("rtol (-1: the preset's default)");
  const double largest = X.size() ? X.cwiseAbs().maxCoeff() : 0.0;
  const int k = *rc::gen::inRange(-60, 2).as("atol = 2^k max|x_ij| (k = 1: atol = 0)");
  o.atol = k == 1 ? 0.0 : std::ldexp(largest, k);
  return o;
}

/// The default rtol of each preset, as options.hpp's table documents it.
template <class S>
double documented_rtol(nullity::Rule rule, Eigen::Index n, Eigen::Index d) {
  const double eps = double(std::numeric_limits<S>::epsilon());
  switch (rule) {
    case nullity::Rule::numpy: return double(std::max(n, d)) * eps;
    case nullity::Rule::matlab: return double(std::max(n, d));
    case nullity::Rule::julia:
    case nullity::Rule::eigen: return double(std::min(n, d)) * eps;
    case nullity::Rule::scipy:
    case nullity::Rule::lapack: return eps;
  }
  return eps;
}

/// A25. The certificate reports the decision the factorization made, for any rule (a drawn preset,
/// rtol and atol) on either path, and on the SVD path agrees with the oracle's spectrum.
///  Exactly (values q = spectrum(), in X's units; checked where q, τ and δ are zero or normal
///  numbers of S, since scaling back to X's units rounds subnormal ones): rtol = the given one or
///  the preset's documented default; r = rank() = the leading run of q that τ keeps (s ≥ τ for
///  Eigen's rule on the SVD path, s > τ otherwise); s_r = q_r (∞ if r = 0); s_{r+1} = q_{r+1}
///  (0 if r = p); gap = s_r/s_{r+1} within one rounding (∞ if r = 0, r = p or s_{r+1} = 0);
///  [lo, hi] = [#{q_i − δ kept}, #{q_i + δ kept}]; well_determined ⇔ lo = hi; on the SVD path
///  τ = max(atol, rtol·b) with b = q_1 (MATLAB: the spacing of the numbers at q_1).
///  QR path: τ = max(atol, rtol·c₁) for the largest column norm c₁ of the tall orientation (X, or
///  Xᵀ when n < d), which the path reads off its QR's R: within m·p·u·rtol·c₁ of the oracle's c₁,
///  by the columnwise backward error of Householder QR (Higham Thm 19.4: ‖Δa_j‖ ≤ γ̃_{mp}‖a_j‖);
///  MATLAB's spacing of c₁ is not checked there.
///  Oracle, SVD path (Weyl: |σ̂_i − σ_i| ≤ w = N·u·σ_1 for a backward-stable SVD, Higham Thm 19.4;
///  LAPACK Users' Guide §4.9), in units of σ_1 in the oracle's arithmetic, with T = THRESH:
///  #{σ_i − T·w kept} ≤ r ≤ #{σ_i + T·w kept}, and the same for lo with σ_i − δ and hi with σ_i + δ;
///  |s_r − σ_r| and |s_{r+1} − σ_{r+1}| / w, |τ − max(atol, rtol·σ_1)| / (w·max(1, rtol)) (not
///  MATLAB). Values reported below the smallest normal number are allowed half the smallest
///  subnormal of rounding (ρ), as in A21.
template <class S>
void certificate_reports_the_decision_and_the_oracle_spectrum(const SolverUnderTest<S>& svd, const Context& ctx) {
  const Instance<S> in = draw(svd, ctx);
  const Method m = *rc::gen::element(Method::svd, Method::qr).as("method");
  nullity::Options o = drawn_rule(in.drawn.X);
  o.method = m;
  const auto f = nullity::factorize(in.X, o);
  const nullity::RankCertificate<S> c = f.certificate();
  const Vec<S> q = f.spectrum();
  const Eigen::Index p = q.size(), r = c.rank;
  RC_ASSERT(p == std::min(in.n(), in.d()));
  RC_ASSERT(r == f.rank());
  RC_ASSERT(c.rank_lo <= r);
  RC_ASSERT(r <= c.rank_hi);
  RC_ASSERT(c.well_determined == (c.rank_lo == c.rank_hi));
  RC_ASSERT(double(c.rtol) == double(S(o.rtol >= 0 ? o.rtol : documented_rtol<S>(o.rule, in.n(), in.d()))));
  RC_ASSERT(double(c.atol) >= double(S(o.atol)));  // Eigen's rule floors it at the smallest normal number
  const bool ties = o.rule == nullity::Rule::eigen && m == Method::svd;
  const S tau = c.tolerance, delta = c.perturbation, inf = std::numeric_limits<S>::infinity();
  const auto kept = [&](const S& v, const S& t) { return ties ? v >= t : v > t; };
  // r = 0 and r = p read nothing outside the spectrum.
  if (r == 0) RC_ASSERT(c.s_r == inf);
  if (r == p) RC_ASSERT(c.s_r1 == S(0));
  if (r == 0 || r == p) RC_ASSERT(c.gap == inf);
  const auto representable = [](const S& v) { return v == S(0) || (std::isfinite(double(v)) && std::abs(v) >= std::numeric_limits<S>::min()); };
  bool exact = representable(tau) && representable(delta);
  for (Eigen::Index i = 0; i < p; ++i) exact = exact && representable(q(i));
  if (exact) {
    Eigen::Index run = 0, lo = 0, hi = 0;
    while (run < p && kept(q(run), tau)) ++run;
    for (Eigen::Index i = 0; i < p; ++i) lo += kept(q(i) - delta, tau), hi += kept(q(i) + delta, tau);
    RC_ASSERT(r == run);
    RC_ASSERT(c.rank_lo == lo);
    RC_ASSERT(c.rank_hi == hi);
    if (r > 0) RC_ASSERT(c.s_r == q(r - 1));
    if (r < p) RC_ASSERT(c.s_r1 == q(r));
    if (r > 0 && r < p && q(r) > S(0))
      check_ratio("|gap - s_r/s_r+1| / (eps gap)",
                  ratio(std::abs(double(c.gap) - double(c.s_r / c.s_r1)), double(in.b.eps) * double(c.gap)));
    if (m == Method::svd && p > 0) {
      // MATLAB's eps(x): the distance from x to the next larger number (0 for x = 0).
      const S b = o.rule != nullity::Rule::matlab ? q(0)
                  : q(0) == S(0)                  ? S(0)
                                                  : S(std::nextafter(q(0), inf) - q(0));
      using std::max;
      RC_ASSERT(tau == max(c.atol, c.rtol * b));
    }
  }
  if (p == 0 || in.oracle.svd.s(0) == 0) return;
  const Real s1 = in.oracle.svd.s(0);
  const Real nu = Real(double(in.b.N) * in.b.u);  // w / σ_1
  const Real rtol = to_real(c.rtol), atol = to_real(c.atol) / s1, t = to_real(tau) / s1;
  const Real rho = Real(double(std::numeric_limits<S>::denorm_min())) / 2 / s1;  // ρ in units of σ_1
  using std::abs;
  const auto beyond = [&](const Real& difference) {  // |difference| less the rounding ρ, ≥ 0
    const Real e = abs(difference) - rho;
    return e > 0 ? e : Real(0);
  };
  if (m == Method::qr) {
    if (o.rule == nullity::Rule::matlab) return;
    const RealMatrix A = in.n() >= in.d() ? RealMatrix(in.Xr) : RealMatrix(in.Xr.transpose());
    Real c1 = 0;  // the largest column norm of the tall orientation, in the oracle's arithmetic
    for (Eigen::Index j = 0; j < A.cols(); ++j) {
      using std::sqrt;
      const Real cj = sqrt(A.col(j).squaredNorm());
      if (cj > c1) c1 = cj;
    }
    const Real mpu = Real(double(in.n()) * double(in.d()) * in.b.u);
    const Real expected = std::max(atol, rtol * c1 / s1);
    if (expected * s1 > Real(double(std::numeric_limits<S>::max()))) {
      RC_ASSERT(tau >= std::numeric_limits<S>::max());  // as below: τ beyond the largest finite number
      return;
    }
    if (rtol * c1 > 0)
      check_ratio("|tau - max(atol, rtol c_1)| / (m p u rtol c_1)",
                  static_cast<double>(beyond(t - expected) / (mpu * rtol * c1 / s1)));
    return;
  }
  const Real T = Real(kThresh), d = to_real(delta) / s1;
  const auto count = [&](const Real& shift) {  // #{σ_i/σ_1 + shift kept by τ}
    Eigen::Index k = 0;
    for (Eigen::Index i = 0; i < p; ++i) {
      const Real v = in.oracle.svd.s(i) / s1 + shift;
      k += (ties ? v >= t : v > t) ? 1 : 0;
    }
    return k;
  };
  const Real margin = T * nu + 3 * rho;  // Weyl's w with THRESH, and the rounding of τ, δ and the value
  RC_ASSERT(count(-margin) <= r);
  RC_ASSERT(r <= count(margin));
  RC_ASSERT(count(-margin - d) <= c.rank_lo);
  RC_ASSERT(c.rank_hi <= count(margin + d));
  if (r > 0)
    check_ratio("|s_r - sigma_r| / (N u sigma_1)", static_cast<double>(beyond(to_real(c.s_r) / s1 - in.oracle.svd.s(r - 1) / s1) / nu));
  if (r < p)
    check_ratio("|s_r+1 - sigma_r+1| / (N u sigma_1)", static_cast<double>(beyond(to_real(c.s_r1) / s1 - in.oracle.svd.s(r) / s1) / nu));
  if (o.rule != nullity::Rule::matlab) {
    if (std::max(atol, rtol) * s1 > Real(double(std::numeric_limits<S>::max())))
      // rtol > 1 at the top of the range: τ beyond the largest finite number rounds to it or to +∞.
      RC_ASSERT(tau >= std::numeric_limits<S>::max());
    else
      check_ratio("|tau - max(atol, rtol sigma_1)| / (N u max(1, rtol) sigma_1)",
                  static_cast<double>(beyond(t - std::max(atol, rtol)) / (nu * std::max(Real(1), rtol))));
  }
}

/// A26. Under any rule (a drawn preset other than MATLAB's, whose basis eps(σ_1) RankRule cannot
/// state; rtol and atol drawn as in A25), on either path, factorize(X, rule).solve(y) is the
/// oracle's minimum-norm solution truncated at the rank the rule gives on the exact spectrum,
/// ‖ŵ − w*‖ / (‖w*‖·forward bound) < THRESH (P13's bound: Björck Thm 1.4.6, Higham Thm 20.1),
/// wherever that rank is well determined for the rule (RankRule, with the pivoted-QR band on the
/// QR path) and η ≤ 1/2; a rank of 0 demands w = 0 exactly. On the SVD path with LAPACK the first
/// solve is one xGELSD when the rule allows it (tolerance.hpp, xgelsd_rcond): an rtol of 0 or ≥ 1,
/// which xGELSD would replace by ε, must not reach it. Kahan matrices are left out: pivoted QR
/// does not reveal their rank (P02's known deviation for the QR path).
template <class S>
void solve_under_any_rule_matches_the_oracle(const SolverUnderTest<S>& vehicle, const Context& ctx) {
  const Instance<S> in = draw(vehicle, ctx);
  const Method m = *rc::gen::element(Method::svd, Method::qr).as("method");
  nullity::Options o = drawn_rule(in.drawn.X);
  require(o.rule != nullity::Rule::matlab);
  o.method = m;
  const double rtol = o.rtol >= 0 ? double(S(o.rtol)) : documented_rtol<S>(o.rule, in.n(), in.d());
  RankRule rule = m == Method::svd ? RankRule::singular_values([rtol](Eigen::Index, Eigen::Index) { return rtol; })
                                   : RankRule::pivoted_qr_rule([rtol](Eigen::Index, Eigen::Index) { return rtol; });
  rule.atol = double(S(o.atol));
  if (o.rule == nullity::Rule::eigen && m == Method::svd)  // Eigen's SVD floor (tolerance.hpp)
    rule.atol = std::max(rule.atol, double(std::numeric_limits<S>::min()));
  const Bounds b = bounds<S>(in.oracle, rule);
  require(b.well_determined && b.eta <= 0.5);
  const RightHandSide<S> y = draw_rhs(in);
  const Vec<S> w = nullity::factorize(in.X, o).solve(y.y);
  RC_ASSERT(w.size() == in.d());
  const RealMatrix ws = oracle_solution(in.oracle, y.yr, b.r);
  if (b.r == 0) {
    RC_ASSERT(to_double(real(w)).isZero(0));
    return;
  }
  // Relative to ‖w*‖ and in units of σ_1, in the oracle's arithmetic (as P17): a subnormal X has
  // residuals and singular values that underflow in double, and a solution beyond S's range.
  require(std::isfinite(vnorm(ws)) && vnorm(ws) < double(std::numeric_limits<S>::max()) / 4);
  const Real wsn = rnorm(ws), s1 = in.oracle.svd.s(0);
  require(wsn > 0);
  const double err = static_cast<double>(rnorm(RealMatrix(real(w) - ws)) / wsn);
  // The QR path truncates R₂₂, not the SVD's tail: ŵ solves the rank-r X̃ = X − E with
  // ‖E‖₂ ≤ ‖R₂₂‖₂ ≤ ρ·σ_{r+1} (the band's Gu–Eisenstat factor), i.e. X_r moved by (ρ + 1)·σ_{r+1}
  // besides the backward error. A drawn rtol makes σ_{r+1} macroscopic (Hilbert(2), rtol = 1/2:
  // the two truncations differ by 0.9 %), so the bound's relative perturbation is
  // N·u + (ρ + 1)·σ_{r+1}/σ_1 there, not N·u (Wedin's rank-r perturbation theorem, Björck Thm 1.4.6).
  Bounds bt = b;
  if (m == Method::qr && b.r < std::min(in.n(), in.d())) {
    const double tail = static_cast<double>(in.oracle.svd.s(b.r) / s1), scale = 1 + (rule.band(in.d()) + 1) * tail / (double(b.N) * b.u);
    bt.u *= scale;
    bt.eta *= scale;
    require(bt.eta <= 0.5);
  }
  const double bound = forward_bound_scaled(bt, 1.0, static_cast<double>(rnorm(RealMatrix(y.yr - in.Xr * ws)) / (s1 * wsn)),
                                            static_cast<double>(rnorm(y.yr) / (s1 * wsn)));
  check_ratio("|w - w*|_2 / (|w*| forward bound)", ratio(err, bound));
}

template <class S>
class Agreement : public ::testing::Test {};
using Scalars = ::testing::Types<double, float>;
TYPED_TEST_SUITE(Agreement, Scalars);

TYPED_TEST(Agreement, QrAndSvdAgreeOnWellDeterminedSpectra) {
  run_reference_property<TypeParam>("A20", Family::min_norm, solve_sources(),
                                    qr_and_svd_agree_on_well_determined_spectra<TypeParam>,
                                    reference_solver<TypeParam>(Method::svd));
}
TYPED_TEST(Agreement, ReportedSpectrumMatchesTheOracle) {
  run_reference_property<TypeParam>("A21", Family::rank, all_sources(),
                                    reported_spectrum_matches_the_oracle<TypeParam>,
                                    reference_solver<TypeParam>(Method::svd));
}
TYPED_TEST(Agreement, CertificateReportsTheDecisionAndTheOracleSpectrum) {
  run_reference_property<TypeParam>("A25", Family::rank, all_sources(),
                                    certificate_reports_the_decision_and_the_oracle_spectrum<TypeParam>,
                                    reference_solver<TypeParam>(Method::svd));
}
TYPED_TEST(Agreement, SolveUnderAnyRuleMatchesTheOracle) {
  std::vector<Source> sources = solve_sources();
  sources.erase(std::remove(sources.begin(), sources.end(), Source::kahan), sources.end());
  run_reference_property<TypeParam>("A26", Family::min_norm, sources,
                                    solve_under_any_rule_matches_the_oracle<TypeParam>,
                                    reference_solver<TypeParam>(Method::svd));
}
TYPED_TEST(Agreement, FactorizationAnswersAreConsistent) {
  run_reference_property<TypeParam>("A22", Family::rank, all_sources(),
                                    factorization_answers_are_consistent<TypeParam>,
                                    reference_solver<TypeParam>(Method::svd));
}

}  // namespace
