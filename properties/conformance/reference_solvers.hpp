#pragma once
// nullity's own two paths as solvers under test: the in-tree conformance runs.

#include <string>

#include <nullity/nullity.hpp>

#include "nullity_conformance/solver.hpp"

namespace nullity_conformance {

template <class S>
std::string scalar_name();
template <>
inline std::string scalar_name<float>() { return "float"; }
template <>
inline std::string scalar_name<double>() { return "double"; }

/// nullity with the given method and backend and the default (NumPy) tolerance: rank and null
/// space from `factorize`, the solve from the one-shot `min_norm_solve` (on the SVD path with
/// the LAPACK backend, the xGELSD route; otherwise `factorize(X).solve(y)`).
template <class S>
SolverUnderTest<S> reference_solver(nullity::Method method, nullity::Backend backend = nullity::Backend::automatic,
                                    const std::string& scalar = scalar_name<S>()) {
  nullity::Options o;
  o.method = method;
  o.backend = backend;
  SolverUnderTest<S> s;
  s.name = std::string("nullity_") + nullity::to_string(method) + "_" + scalar +
           (backend == nullity::Backend::automatic ? "" : std::string("_") + nullity::to_string(backend));
  s.rank = [o](const Mat<S>& X) { return nullity::factorize(X, o).rank(); };
  s.null_space = [o](const Mat<S>& X) { return Mat<S>(nullity::factorize(X, o).null_space()); };
  s.solve = [o](const Mat<S>& X, const Vec<S>& y) { return Vec<S>(nullity::min_norm_solve(X, y, o)); };
  if (method == nullity::Method::qr) {
    s.rule = RankRule::pivoted_qr_rule(numpy_rtol<S>());
    // Pivoted QR leaves |r_nn| ≫ σ_min on Kahan's matrix (no pivoting happens), so the rank it
    // reads off R is too high (measured: c = 0.6, n = 100 gives ratio 9e19): the known weakness
    // of every rank read off QRCP, outside the Gu–Eisenstat band by design. (Only P02 draws
    // Kahan matrices and checks the rank against a band; P01 draws exact-rank sources only.)
    s.known_deviations.push_back(
        {"RankLiesInTheAmbiguityBand", Source::kahan, "pivoted QR does not reveal the rank of Kahan's matrix"});
  }
  return s;
}

}  // namespace nullity_conformance
