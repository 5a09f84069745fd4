#pragma once
// What fuzz_factorize checks for one method (docs/fuzzing.md, "Structural checks").
//
// Bad input (a non-finite entry of X, y or v; a NaN or infinite rtol; a negative, NaN or
// infinite atol; a vector of the wrong length) must throw nullity::invalid_input, and good
// input must not throw at all (numerical_error on finite input is a finding too).
//
// For good input, with X' = 2^-e·X the harness's own exact rescaling (max|x'| in [1/2, 1)),
// the checks run on factorize(X') so that no bound can overflow, and factorize(X) must be
// the exact 2^e-scaled copy of it, bit for bit (the library promises exact power-of-two
// equivariance: reference/include/nullity/detail/power_of_two.hpp). On X', with
// N = max(n,d), p = min(n,d), ε = 2^-52, s the spectrum and τ the tolerance:
//   - 0 ≤ r ≤ p, r + nullity = d, s has p finite non-negative values (non-increasing for the
//     SVD), s_i > τ for i ≤ r and s_{r+1} ≤ τ;
//   - V = [Q Z] (row space, null space) is orthogonal: ‖VᵀV − I‖₁ ≤ T·d·ε;
//   - ‖X'Z‖₂ ≤ η + T·N·ε·‖X'‖₂, where η bounds the dropped part of X': η = s_{r+1} for the SVD
//     and η = √(d−r)·s_{r+1} for pivoted QR;
//   - w = solve(y') is finite (unless its norm bound exceeds the double range), w ⟂ ker X':
//     ‖Zᵀw‖₂ ≤ T·d·ε·‖w‖₂, and the residual ρ = y' − X'w is orthogonal to the column space:
//     ‖X'ᵀρ‖₂ ≤ η·‖ρ‖₂ + 2·T·N·ε·‖X'‖₂·(‖y'‖₂ + ‖X'‖₂·‖w‖₂);
//   - split(v') adds up: ‖row + null − v'‖₂ ≤ T·d·ε·‖v'‖₂;
//   - the certificate agrees with the factorization: its rank, τ, s_r and s_{r+1} are the
//     factorization's, rank_lo ≤ r ≤ rank_hi ≤ p, well_determined ⇔ rank_lo = rank_hi, and the
//     gap is s_r / s_{r+1} (+∞ when s_{r+1} = 0), above 1, never NaN — also for X near DBL_MAX
//     where s_r and s_{r+1} themselves overflow, since it is scale-invariant.
//
// Where the bounds come from:
//   η: the SVD path drops U₂Σ₂V₂ᵀ, whose norm is s_{r+1}. The QR path (as LAPACK xGELSY) drops
//     the trailing block R₂₂ of XP = QR; column pivoting (Businger–Golub) makes every column of
//     R₂₂ no longer than |r_{r+1,r+1}| = s_{r+1}, so ‖R₂₂‖₂ ≤ ‖R₂₂‖_F ≤ √(d−r)·s_{r+1}
//     (Golub & Van Loan, Matrix Computations, 4th ed., §5.4.2). In both paths X̃ᵀ(X − X̃) = 0
//     and X̃ᵀ(y − X̃w) = 0 for the truncation X̃, so Xᵀρ = (X − X̃)ᵀρ and XZ = (X − X̃)Z.
//   the ε terms: the computed factorization is exact for X + E with ‖E‖₂ ≤ p(n,d)·ε·‖X‖₂ and
//     factors orthogonal to within p(n,d)·ε (Householder: Higham, Accuracy and Stability of
//     Numerical Algorithms, 2nd ed., Thm 19.4 and Lemma 19.3; SVD: LAPACK Users' Guide §4.9).
//     The residual bound adds the perturbation of y (‖Δy‖ ≤ p·ε·‖y‖, Higham Thm 20.3) and
//     E·w, and counts E twice (once in the solution, once in ρ), hence the factor 2.
//   T = 30: LAPACK's own test threshold for ratios normalised this way
//     (‖residual‖ / (max(m,n)·ε·‖A‖); TESTING/LIN, dtest.in "30.0 threshold"), i.e. p(n,d) is
//     taken as 30·max(n,d), the constant LAPACK's testers accept for these algorithms.
//   the norm bound for w: ‖w‖₂ ≤ ‖y‖₂ / σ_min(kept part); σ_min = s_r for the SVD, and for
//     pivoted QR σ_min([R₁₁ R₁₂]) ≥ σ_min(R₁₁) ≥ 3|r_rr|/√(4^r + 6r − 1) ≥ s_r·2^−r (Faddeev,
//     Kublanovskaya & Faddeeva 1968, the worst case of column pivoting). A non-finite w is
//     accepted only when this bound exceeds 2^1020: then the answer may not be representable.
//     The pivoting inequality behind the QR bound holds for the computed R only to within its
//     backward error T·N·ε·‖X'‖₂ (and Householder reflectors treat tails whose squared norm
//     underflows as zero): a rule that keeps some |r_kk| at or below that level (rtol = 0, a tiny
//     atol) keeps rounding noise, whose pivots bound nothing, so there the QR path's ‖w‖ is not
//     bounded at all.

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include <Eigen/Core>
#include <Eigen/SVD>
#include <nullity/nullity.hpp>

#include <nullity_test/thresholds.hpp>

#include "problem.hpp"
#include "require.hpp"

namespace nullity_fuzz {
namespace checks {

constexpr double kEps = std::numeric_limits<double>::epsilon();
constexpr double kInf = std::numeric_limits<double>::infinity();
/// LAPACK's test-ratio threshold (see the file comment).
using nullity_test::kThresh;

inline long long ll(Eigen::Index i) { return static_cast<long long>(i); }

inline std::uint64_t bits(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, 8);
  return b;
}

/// e with max|m_ij|·2^-e in [1/2, 1); 0 for a zero or empty argument.
inline int exponent_of_max(const Eigen::MatrixXd& M) {
  if (M.size() == 0) return 0;
  const double m = M.cwiseAbs().maxCoeff();
  if (m == 0) return 0;
  int e = 0;
  (void)std::frexp(m, &e);
  return e;
}

inline Eigen::MatrixXd times_power_of_two(const Eigen::MatrixXd& M, int k) {
  return M.unaryExpr([k](double x) { return std::ldexp(x, k); });
}

/// ‖A‖₂ by one-sided Jacobi (Eigen::JacobiSVD): independent of the BDCSVD and the pivoted QR
/// under test. Arguments here are scaled to entries below 16, so nothing overflows.
inline double norm2(const Eigen::MatrixXd& A) {
  if (A.size() == 0) return 0;
  return Eigen::JacobiSVD<Eigen::MatrixXd>(A).singularValues()(0);
}

inline bool same_bits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index k = 0; k < a.size(); ++k)
    if (bits(a.data()[k]) != bits(b.data()[k])) return false;
  return true;
}

inline bool options_valid(const nullity::Options& o) {
  return std::isfinite(o.rtol) && std::isfinite(o.atol) && o.atol >= 0;
}

/// Runs `call`, which must not throw: the input is valid.
template <class Call>
auto must_accept(const char* what, Call call) -> decltype(call()) {
  try {
    return call();
  } catch (const nullity::invalid_input& e) {
    fail_check("valid input accepted", __FILE__, __LINE__, "%s threw invalid_input: %s", what, e.what());
  } catch (const nullity::numerical_error& e) {
    fail_check("no numerical_error on finite input", __FILE__, __LINE__, "%s threw numerical_error: %s", what,
               e.what());
  }
}

/// Runs `call`, which must throw invalid_input: the input is bad.
template <class Call>
void must_reject(const char* what, Call call) {
  try {
    (void)call();
  } catch (const nullity::invalid_input& e) {
    NULLITY_FUZZ_REQUIRE(std::strchr(e.what(), '\n') == nullptr, "%s: the message spans lines: %s", what, e.what());
    return;
  }
  fail_check("bad input rejected", __FILE__, __LINE__, "%s returned instead of throwing invalid_input", what);
}

using Fact = nullity::Factorization<double>;

/// The certificate agrees with the factorization it came from; `scaled`: X has max|x| in
/// [1/2, 1), so nothing over- or underflows in reporting it.
inline void check_certificate(const Fact& f, nullity::Method method, const char* which, bool scaled) {
  const auto c = f.certificate();
  const Eigen::VectorXd s = f.spectrum();
  const Eigen::Index r = f.rank(), p = std::min(f.rows(), f.cols());
  NULLITY_FUZZ_REQUIRE(c.method == method && c.rank == r, "%s: certificate says rank %lld, factorization %lld",
                       which, ll(c.rank), ll(r));
  NULLITY_FUZZ_REQUIRE(0 <= c.rank_lo && c.rank_lo <= r && r <= c.rank_hi && c.rank_hi <= p,
                       "%s: rank interval [%lld, %lld] does not hold rank %lld within 0..%lld", which,
                       ll(c.rank_lo), ll(c.rank_hi), ll(r), ll(p));
  NULLITY_FUZZ_REQUIRE(c.well_determined == (c.rank_lo == c.rank_hi),
                       "%s: well_determined = %d with rank interval [%lld, %lld]", which, int(c.well_determined),
                       ll(c.rank_lo), ll(c.rank_hi));
  NULLITY_FUZZ_REQUIRE(bits(c.tolerance) == bits(f.tolerance()), "%s: certificate tolerance %a, factorization %a",
                       which, c.tolerance, f.tolerance());
  const double s_r = r > 0 ? s(r - 1) : kInf, s_r1 = r < p ? s(r) : 0.0;
  NULLITY_FUZZ_REQUIRE(bits(c.s_r) == bits(s_r) && bits(c.s_r1) == bits(s_r1),
                       "%s: certificate s_r = %a, s_r+1 = %a; spectrum gives %a, %a", which, c.s_r, c.s_r1, s_r,
                       s_r1);
  // s_r > τ ≥ s_{r+1}, so the gap exceeds 1 (and is never NaN, even where s_r and s_{r+1}
  // overflow in X's units); where neither over- nor underflows it is their quotient exactly.
  NULLITY_FUZZ_REQUIRE(c.gap > 1, "%s: gap %a is not above 1 (s_r = %a, s_r+1 = %a, rank %lld)", which, c.gap, c.s_r,
                       c.s_r1, ll(r));
  // In X's units s_r and s_{r+1} may have overflowed or lost bits to underflow (the library
  // divides its scaled values); the quotient is exact for the scaled factorization and
  // wherever both reported values are finite and above the smallest normal number: a scaled
  // value that lands just below it in X's units rounds up to exactly that number.
  const auto exact_in_x = [](double v) { return std::isfinite(v) && v > std::numeric_limits<double>::min(); };
  const bool exact = scaled || (exact_in_x(c.s_r) && exact_in_x(c.s_r1));
  const double gap = c.s_r1 > 0 ? c.s_r / c.s_r1 : kInf;
  if (exact)
    NULLITY_FUZZ_REQUIRE(bits(c.gap) == bits(gap), "%s: gap %a is not s_r / s_r+1 = %a / %a (rank %lld)", which,
                         c.gap, c.s_r, c.s_r1, ll(r));
}

/// Everything the factorization g of the scaled matrix Xs (max|x| in [1/2, 1)) must satisfy.
inline void check_scaled(const Fact& g, const Eigen::MatrixXd& Xs, nullity::Method method) {
  const Eigen::Index n = Xs.rows(), d = Xs.cols(), p = std::min(n, d), N = std::max(n, d);
  const Eigen::Index r = g.rank();
  NULLITY_FUZZ_REQUIRE(0 <= r && r <= p, "rank %lld outside 0..%lld", ll(r), ll(p));
  NULLITY_FUZZ_REQUIRE(g.nullity() == d - r, "rank %lld + nullity %lld != d = %lld", ll(r), ll(g.nullity()), ll(d));

  const Eigen::VectorXd s = g.spectrum();
  const double tau = g.tolerance();
  NULLITY_FUZZ_REQUIRE(s.size() == p, "spectrum has %lld values, expected %lld", ll(s.size()), ll(p));
  // Eigen's rule on the SVD path keeps s_i ≥ τ, as SVDBase::rank does; every other rule s_i > τ.
  const bool ties = method == nullity::Method::svd && g.options().rule == nullity::Rule::eigen;
  const auto kept = [&](double v) { return ties ? v >= tau : v > tau; };
  for (Eigen::Index i = 0; i < p; ++i) {
    NULLITY_FUZZ_REQUIRE(std::isfinite(s(i)) && s(i) >= 0, "spectrum value %lld is %a", ll(i), s(i));
    if (method == nullity::Method::svd && i > 0)
      NULLITY_FUZZ_REQUIRE(s(i) <= s(i - 1), "singular values increase at %lld: %a > %a", ll(i), s(i), s(i - 1));
    if (i < r) NULLITY_FUZZ_REQUIRE(kept(s(i)), "kept value %lld is %a, not kept by tau %a", ll(i), s(i), tau);
  }
  if (r < p) NULLITY_FUZZ_REQUIRE(!kept(s(r)), "dropped value %a is kept by tau %a", s(r), tau);

  const Eigen::MatrixXd Z = g.null_space(), Q = g.row_space();
  NULLITY_FUZZ_REQUIRE(Z.rows() == d && Z.cols() == d - r && Q.rows() == d && Q.cols() == r,
                       "null space %lldx%lld, row space %lldx%lld for d = %lld, r = %lld", ll(Z.rows()), ll(Z.cols()),
                       ll(Q.rows()), ll(Q.cols()), ll(d), ll(r));
  NULLITY_FUZZ_REQUIRE(Z.allFinite() && Q.allFinite(), "non-finite basis");
  if (d > 0) {
    Eigen::MatrixXd V(d, d);
    V << Q, Z;
    const double orth = (V.transpose() * V - Eigen::MatrixXd::Identity(d, d)).cwiseAbs().colwise().sum().maxCoeff();
    NULLITY_FUZZ_REQUIRE(orth <= kThresh * double(d) * kEps, "||[Q Z]^T [Q Z] - I||_1 = %a > 30 d eps (d = %lld)", orth,
                         ll(d));
  }

  const double norm_x = norm2(Xs);
  const double s_next = r < p ? s(r) : 0.0;
  const double eta = method == nullity::Method::svd ? s_next : std::sqrt(double(d - r)) * s_next;
  const double backward = kThresh * double(N) * kEps * norm_x;
  if (d - r > 0 && n > 0) {
    const double xz = norm2(Xs * Z);
    NULLITY_FUZZ_REQUIRE(xz <= eta + backward, "||XZ||_2 = %a > eta + 30 N eps ||X||_2 = %a + %a (r = %lld)", xz, eta,
                         backward, ll(r));
  }
  check_certificate(g, method, "scaled X", true);
}

/// The residual bound of the file comment, ‖X'ᵀρ‖₂ ≤ η·‖ρ‖₂ + 2·T·N·ε·‖X'‖₂·(‖y'‖₂ + ‖X'‖₂·‖w‖₂)
/// for ρ = y' − X'w, evaluated after dividing w and y' by 2^k, k the exponent of max|w|, so
/// that a finite but huge w (a tiny kept value s_r) overflows none of the norms. The division
/// is exact but for entries of y' pushed below the subnormals, each moved by at most 2^-1075:
/// that adds ‖X'‖₂·√n·2^-1075 to the right-hand side.
struct Residual {
  double lhs, rhs;
};
inline Residual residual_bound(const Eigen::MatrixXd& Xs, const Eigen::VectorXd& ys, const Eigen::VectorXd& w,
                               double eta, double norm_x) {
  const double N = double(std::max(Xs.rows(), Xs.cols()));
  const int k = std::max(0, exponent_of_max(w));
  const Eigen::VectorXd wk = times_power_of_two(w, -k), yk = times_power_of_two(ys, -k);
  const Eigen::VectorXd rho = yk - Xs * wk;
  return {(Xs.transpose() * rho).norm(),
          eta * rho.norm() + 2 * kThresh * N * kEps * norm_x * (yk.norm() + norm_x * wk.norm()) +
              norm_x * std::sqrt(double(Xs.rows())) * std::ldexp(1.0, -1075)};
}

/// solve() on the scaled problem: Xs with max|x| in [1/2, 1), ys finite.
inline void check_solution(const Fact& g, const Eigen::MatrixXd& Xs, const Eigen::VectorXd& ys,
                           nullity::Method method) {
  const Eigen::Index n = Xs.rows(), d = Xs.cols(), p = std::min(n, d);
  const Eigen::Index r = g.rank();
  const Eigen::VectorXd w = must_accept("solve", [&] { return g.solve(ys); });
  NULLITY_FUZZ_REQUIRE(w.size() == d, "solution has length %lld, expected %lld", ll(w.size()), ll(d));
  const Eigen::VectorXd s = g.spectrum();
  const double norm_x = norm2(Xs);
  if (!w.allFinite()) {
    // log2 of ‖y‖₂ / σ_min(kept part), see the file comment.
    // The smallest kept value: pivoted |r_kk| are non-increasing only up to rounding, which for
    // subnormal magnitudes is no ordering at all (a kept 2^-1074 before a kept 1e-305).
    NULLITY_FUZZ_REQUIRE(r > 0, "non-finite solution at rank 0");
    const double smallest = s.head(r).minCoeff();
    const bool qr = method == nullity::Method::qr;
    if (qr && smallest <= kThresh * double(std::max(n, d)) * kEps * norm_x) return;  // noise kept: no bound
    const double bound_log2 = std::log2(ys.norm()) - std::log2(smallest) + (qr ? double(r) : 0.0);
    NULLITY_FUZZ_REQUIRE(bound_log2 > 1020, "non-finite solution although ||w|| <= 2^%.1f", bound_log2);
    return;
  }
  const double s_next = r < p ? s(r) : 0.0;
  const double eta = method == nullity::Method::svd ? s_next : std::sqrt(double(d - r)) * s_next;
  const Residual res = residual_bound(Xs, ys, w, eta, norm_x);
  NULLITY_FUZZ_REQUIRE(res.lhs <= res.rhs, "||X^T rho||_2 = %a > %a (eta %a, max|w| %a, r = %lld)", res.lhs, res.rhs,
                       eta, w.cwiseAbs().maxCoeff(), ll(r));
  if (d > r) {
    const Eigen::VectorXd wk = times_power_of_two(w, -std::max(0, exponent_of_max(w)));  // no overflow in norms
    const double zw = (g.null_space().transpose() * wk).norm(), bound = kThresh * double(d) * kEps * wk.norm();
    NULLITY_FUZZ_REQUIRE(zw <= bound, "||Z^T w||_2 = %a > 30 d eps ||w|| = %a (both divided by 2^k)", zw, bound);
  }
  if (r == 0) NULLITY_FUZZ_REQUIRE(w.isZero(0), "rank 0 but a non-zero solution");
}

inline void check_split(const Fact& g, const Eigen::VectorXd& vs) {
  const auto parts = must_accept("split", [&] { return g.split(vs); });
  const double error = (parts.row + parts.null - vs).norm();
  const double bound = kThresh * double(vs.size()) * kEps * vs.norm();
  NULLITY_FUZZ_REQUIRE(error <= bound, "||row + null - v||_2 = %a > 30 d eps ||v|| = %a", error, bound);
}

/// f = factorize(X), g = factorize(2^-e X): f must be g scaled by 2^e, bit for bit.
inline void check_equivariance(const Fact& f, const Fact& g, int e, const Problem& p) {
  NULLITY_FUZZ_REQUIRE(f.rank() == g.rank(), "rank %lld of X but %lld of 2^%d X", ll(f.rank()), ll(g.rank()), -e);
  NULLITY_FUZZ_REQUIRE(same_bits(f.spectrum(), times_power_of_two(g.spectrum(), e)),
                       "spectrum of X is not 2^%d times that of 2^%d X", e, -e);
  NULLITY_FUZZ_REQUIRE(bits(f.tolerance()) == bits(std::ldexp(g.tolerance(), e)), "tolerance %a vs 2^%d * %a",
                       f.tolerance(), e, g.tolerance());
  NULLITY_FUZZ_REQUIRE(same_bits(f.null_space(), g.null_space()) && same_bits(f.row_space(), g.row_space()),
                       "subspaces of X and 2^%d X differ", -e);
  const auto cf = f.certificate(), cg = g.certificate();
  NULLITY_FUZZ_REQUIRE(cf.rank_lo == cg.rank_lo && cf.rank_hi == cg.rank_hi,
                       "rank interval [%lld, %lld] of X but [%lld, %lld] of 2^%d X", ll(cf.rank_lo), ll(cf.rank_hi),
                       ll(cg.rank_lo), ll(cg.rank_hi), -e);
  NULLITY_FUZZ_REQUIRE(bits(cf.gap) == bits(cg.gap), "gap %a of X but %a of 2^%d X", cf.gap, cg.gap, -e);
  if (p.y.allFinite()) {
    const int ey = exponent_of_max(p.y);
    const Eigen::VectorXd wf = f.solve(p.y), wg = g.solve(times_power_of_two(p.y, -ey));
    // When the scaled problem's solution is not representable (infinite entries), X's own may
    // be: homogeneity is then not a statement about doubles.
    if (wg.allFinite())
      NULLITY_FUZZ_REQUIRE(same_bits(wf, times_power_of_two(wg, ey - e)),
                           "solve is not exactly homogeneous (e = %d, ey = %d)", e, ey);
  }
  if (p.v.allFinite()) {
    const int ev = exponent_of_max(p.v);
    const auto sf = f.split(p.v), sg = g.split(times_power_of_two(p.v, -ev));
    NULLITY_FUZZ_REQUIRE(same_bits(sf.row, times_power_of_two(sg.row, ev)) &&
                             same_bits(sf.null, times_power_of_two(sg.null, ev)),
                         "split is not exactly homogeneous (ev = %d)", ev);
  }
}

}  // namespace checks

/// All checks of one method on one problem.
inline void check_factorization(const Problem& p, nullity::Method method) {
  using namespace checks;
  nullity::Options o = p.options;
  o.method = method;
  if (!p.X.allFinite() || !options_valid(o)) {
    must_reject("factorize", [&] { return nullity::factorize(p.X, o); });
    return;
  }
  const Fact f = must_accept("factorize", [&] { return nullity::factorize(p.X, o); });
  check_certificate(f, method, "X", false);
  const Eigen::Index n = p.X.rows(), d = p.X.cols();
  must_reject("solve with a wrong length", [&] { return f.solve(Eigen::VectorXd::Zero(n + 1)); });
  must_reject("split with a wrong length", [&] { return f.split(Eigen::VectorXd::Zero(d + 1)); });
  if (!p.y.allFinite()) must_reject("solve", [&] { return f.solve(p.y); });
  if (!p.v.allFinite()) must_reject("split", [&] { return f.split(p.v); });

  // The scaled problem: the library's own exact rescaling, so nothing below can overflow.
  const int e = exponent_of_max(p.X);
  const Eigen::MatrixXd Xs = times_power_of_two(p.X, -e);
  nullity::Options os = o;
  os.atol = std::ldexp(o.atol, -e);  // the library converts atol with the same power of two
  // An atol beyond the double range in scaled units keeps everything below it in both, but
  // cannot be passed as an option; the Eigen rule's floor (the smallest normal number) is
  // applied in X's units and so is not scale-equivariant.
  const bool comparable = std::isfinite(os.atol) && o.rule != nullity::Rule::eigen;
  if (!std::isfinite(os.atol)) os.atol = std::numeric_limits<double>::max();
  const Fact g = must_accept("factorize (scaled)", [&] { return nullity::factorize(Xs, os); });
  check_scaled(g, Xs, method);
  if (p.y.allFinite()) check_solution(g, Xs, times_power_of_two(p.y, -exponent_of_max(p.y)), method);
  if (p.v.allFinite()) check_split(g, times_power_of_two(p.v, -exponent_of_max(p.v)));
  if (comparable) check_equivariance(f, g, e, p);
}

}  // namespace nullity_fuzz
