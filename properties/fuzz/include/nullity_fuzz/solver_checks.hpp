#pragma once
// What fuzz_solver checks: the structural checks of fuzz_factorize, stated for a black-box
// solver as the conformance kit sees it (nullity_conformance::SolverUnderTest: rank,
// null_space, solve, each optional, and the RankRule that says which ranks are acceptable).
//
// A black box exposes no spectrum, so the singular values σ_i come from a reference: Eigen's
// one-sided Jacobi SVD of the exactly rescaled X' = 2^-e·X (max|x'| in [1/2, 1)), accurate to
// a few N·ε·σ_1 (Demmel–Veselić). With N = max(n,d), p = min(n,d), u = ε/2 and T = 30:
//   - a non-finite entry of X or y: every provided function throws (the kit's contract);
//   - outside the solver's documented range (in_range) nothing more is checked;
//   - 0 ≤ r ≤ p, and r lies in the rule's band lo ≤ r ≤ hi with
//       lo = #{σ_i > ρ(τ + δ)},  hi = #{ρσ_i + δ > φτ},  τ = max(atol, rtol(n,d)·σ_1)  (solver.hpp),
//     where δ = T·N·u·σ_1 (wider than the kit's √N·u·σ_1: here σ is a double-precision
//     reference, not an oracle, and the inputs are adversarial);
//   - Z is d × (d − r) with ‖ZᵀZ − I‖₁ / (d·ε) < T (the kit's P05, LAPACK's DORT01 ratio) and
//     ‖XZ‖₂ / (N·u·σ_1 + σ_{d−k+1}) < T for k = d − r columns (the kit's P06: Courant–Fischer
//     bounds ‖XZ‖₂ below by σ_{d−k+1}; a backward-stable Z is exact for X + E, ‖E‖ ≲ N·u·σ_1);
//   - w = solve(X, y) is finite unless ‖y‖/σ_r exceeds the double range, and its residual
//     ρ = y − Xw is orthogonal to the column space as in factorization_checks.hpp:
//       ‖Xᵀρ‖₂ ≤ ρ_rule·σ_{r+1}·‖ρ‖₂ + 2·T·N·ε·σ_1·(‖y‖₂ + σ_1·‖w‖₂),
//     with ρ_rule = 1 for singular-value rules and the Gu–Eisenstat factor for pivoted QR
//     (‖R₂₂‖₂ ≤ ρ·σ_{r+1}, solver.hpp), and r the solver's own rank; plus σ_1²·√d·2^-1075
//     (in X's units) for the gradual underflow of a subnormal solution.
// Everything is measured in the rescaled units (w' = 2^(e−ey)·w, y' = 2^-ey·y), so no bound
// overflows for X near DBL_MAX or underflows near the subnormals.

#include <cmath>
#include <exception>
#include <string>

#include <Eigen/Core>
#include <Eigen/SVD>
#include <nullity_conformance/solver.hpp>

#include "factorization_checks.hpp"
#include "problem.hpp"
#include "require.hpp"

namespace nullity_fuzz {
namespace solver_checks {

using checks::bits;
using checks::exponent_of_max;
using checks::kEps;
using checks::kThresh;
using checks::ll;
using checks::times_power_of_two;

/// Runs `call`, which must throw some std::exception: X or y has a non-finite entry.
template <class Call>
void must_throw(const std::string& solver, const char* what, Call call) {
  try {
    (void)call();
  } catch (const std::exception&) {
    return;
  }
  fail_check("a non-finite entry is rejected", __FILE__, __LINE__, "%s: %s returned instead of throwing",
             solver.c_str(), what);
}

/// Runs `call`, which must not throw on finite input.
template <class Call>
auto must_answer(const std::string& solver, const char* what, Call call) -> decltype(call()) {
  try {
    return call();
  } catch (const std::exception& e) {
    fail_check("finite input is answered", __FILE__, __LINE__, "%s: %s threw: %s", solver.c_str(), what, e.what());
  }
}

}  // namespace solver_checks

inline void check_solver(const nullity_conformance::SolverUnderTest<double>& s, const Problem& p) {
  using namespace solver_checks;
  const std::string& name = s.name;
  const Eigen::MatrixXd& X = p.X;
  const Eigen::Index n = X.rows(), d = X.cols(), pmin = std::min(n, d), N = std::max(n, d);
  if (!X.allFinite()) {
    if (s.rank) must_throw(name, "rank", [&] { return s.rank(X); });
    if (s.null_space) must_throw(name, "null_space", [&] { return s.null_space(X); });
    if (s.solve) must_throw(name, "solve", [&] { return s.solve(X, Eigen::VectorXd::Zero(n)); });
    return;
  }
  if (s.solve && !p.y.allFinite()) must_throw(name, "solve with a non-finite y", [&] { return s.solve(X, p.y); });
  // Outside the solver's documented range (SolverUnderTest::in_range) no answer is promised:
  // only crashes, hangs and sanitizer reports count there.
  if (!s.in_range(X)) return;

  const int e = exponent_of_max(X);
  const Eigen::MatrixXd Xs = times_power_of_two(X, -e);
  const Eigen::VectorXd sigma = pmin > 0 ? Eigen::VectorXd(Eigen::JacobiSVD<Eigen::MatrixXd>(Xs).singularValues())
                                         : Eigen::VectorXd();
  const double s1 = pmin > 0 ? sigma(0) : 0.0, u = kEps / 2;
  const auto sigma_at = [&](Eigen::Index i) { return i < pmin ? sigma(i) : 0.0; };  // 0-based, 0 past p

  Eigen::Index r = -1;
  if (s.rank) {
    r = must_answer(name, "rank", [&] { return s.rank(X); });
    // τ = max(atol, rtol·σ_1) (RankRule), atol converted to the rescaled units.
    const double tau = std::max(std::ldexp(s.rule.atol, -e), s.rule.rtol(n, d) * s1);
    const double delta = kThresh * double(N) * u * s1;
    const double band = s.rule.band(d), floor = s.rule.floor(d);
    Eigen::Index lo = 0, hi = 0;
    for (Eigen::Index i = 0; i < pmin; ++i) {
      lo += sigma(i) > band * (tau + delta);
      hi += band * sigma(i) + delta > floor * tau;
    }
    NULLITY_FUZZ_REQUIRE(0 <= r && r <= pmin, "%s: rank %lld outside 0..%lld", name.c_str(), ll(r), ll(pmin));
    NULLITY_FUZZ_REQUIRE(lo <= r && r <= hi, "%s: rank %lld outside the rule's band [%lld, %lld] (sigma_1 = %a)",
                         name.c_str(), ll(r), ll(lo), ll(hi), s1);
  }

  if (s.null_space) {
    const Eigen::MatrixXd Z = must_answer(name, "null_space", [&] { return s.null_space(X); });
    const Eigen::Index k = Z.cols();
    NULLITY_FUZZ_REQUIRE(Z.rows() == d && k <= d && (r < 0 || k == d - r),
                         "%s: null space is %lldx%lld for d = %lld, rank %lld", name.c_str(), ll(Z.rows()), ll(k),
                         ll(d), ll(r));
    NULLITY_FUZZ_REQUIRE(Z.allFinite(), "%s: non-finite null-space basis", name.c_str());
    if (k > 0) {
      const double orth =
          (Z.transpose() * Z - Eigen::MatrixXd::Identity(k, k)).cwiseAbs().colwise().sum().maxCoeff();
      NULLITY_FUZZ_REQUIRE(orth < kThresh * double(d) * kEps, "%s: |Z'Z - I|_1 = %a, ratio %.1f >= 30", name.c_str(),
                           orth, orth / (double(d) * kEps));
      if (n > 0) {
        const double xz = checks::norm2(Xs * Z), scale = double(N) * u * s1 + sigma_at(d - k);
        NULLITY_FUZZ_REQUIRE(xz <= kThresh * scale, "%s: |XZ|_2 = %a, ratio %.1f >= 30 (k = %lld)", name.c_str(), xz,
                             xz / scale, ll(k));
      }
    }
  }

  if (s.solve && p.y.allFinite()) {
    const Eigen::VectorXd w = must_answer(name, "solve", [&] { return s.solve(X, p.y); });
    NULLITY_FUZZ_REQUIRE(w.size() == d, "%s: solution of length %lld, expected %lld", name.c_str(), ll(w.size()),
                         ll(d));
    const int ey = exponent_of_max(p.y);
    const Eigen::VectorXd ys = times_power_of_two(p.y, -ey);
    if (!w.allFinite()) {
      const Eigen::Index kept = r >= 0 ? r : pmin;
      const double bound_log2 = double(ey - e) + std::log2(ys.norm()) - std::log2(sigma_at(kept - 1));
      NULLITY_FUZZ_REQUIRE(kept > 0 && bound_log2 > 1020, "%s: non-finite solution although ||w|| <= 2^%.1f",
                           name.c_str(), bound_log2);
      return;
    }
    if (r < 0) return;  // the residual bound needs the solver's rank
    const Eigen::VectorXd ws = times_power_of_two(w, e - ey);
    const double eta = s.rule.band(d) * sigma_at(r);
    const checks::Residual res = checks::residual_bound(Xs, ys, ws, eta, s1);
    // w comes back in X's units, where entries below 2^-1022 keep fewer bits (gradual
    // underflow): each may be off by half the smallest subnormal, 2^-1075, i.e. by
    // 2^(e−ey−1075) in the rescaled units, which moves X'ᵀρ by at most σ_1²·√d times that
    // (divided by the 2^k of residual_bound, which only shrinks it: the term is kept whole).
    const double underflow = s1 * s1 * std::sqrt(double(d)) * std::ldexp(1.0, e - ey - 1075);
    NULLITY_FUZZ_REQUIRE(res.lhs <= res.rhs + underflow, "%s: |X'rho|_2 = %a > %a (rank %lld)", name.c_str(), res.lhs,
                         res.rhs + underflow, ll(r));
  }
}

}  // namespace nullity_fuzz
