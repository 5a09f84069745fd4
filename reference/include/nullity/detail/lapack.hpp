#pragma once
// The LAPACK backend (Backend::lapack): xGESDD for the SVD of the triangular factor (with or
// without vectors) and xGELSD for a solve asked before any vector, float and double only.
//
// The kernels are compiled once, in the library nullity::lapack (reference/src/lapack_kernels.cpp,
// which alone includes <lapacke.h>), and declared here as weak symbols. A program that links
// nullity::lapack has them; one that does not sees null addresses, and Backend::automatic uses
// Eigen's kernels. Every translation unit therefore compiles the same inline code whatever the
// build settings (no one-definition-rule hazard, no LAPACK header in a public header), and the
// backend is a property of the program, decided at link time (docs/design.md, "The LAPACK
// backend"). nullity::lapack forces its kernels into the link (--undefined), since a weak
// reference alone does not pull an archive member.

#include <algorithm>
#include <limits>
#include <type_traits>

#include <Eigen/Core>

#include "../invalid_input.hpp"
#include "../options.hpp"

#if defined(__GNUC__) && defined(__ELF__)
#define NULLITY_LAPACK_KERNELS_DECLARED 1
extern "C" {
/// A (m×n, column-major, lda = max(1,m)) = U Σ Vᵀ thin; U m×p, Vt p×n, s p (p = min(m,n)).
/// A is overwritten. Returns LAPACK's info.
__attribute__((weak)) int nullity_lapack_dgesdd(int m, int n, double* a, double* s, double* u, double* vt);
__attribute__((weak)) int nullity_lapack_sgesdd(int m, int n, float* a, float* s, float* u, float* vt);
/// The singular values of A alone (JOBZ = 'N'); A is overwritten. Returns LAPACK's info.
__attribute__((weak)) int nullity_lapack_dgesdd_values(int m, int n, double* a, double* s);
__attribute__((weak)) int nullity_lapack_sgesdd_values(int m, int n, float* a, float* s);
/// Minimum-norm solution of A z ≈ b (one right-hand side, ldb = max(1,m,n)); singular values
/// ≤ rcond·s₁ count as zero. A is overwritten, z returned in b's first n entries, the singular
/// values in s (min(m,n)) and the rank kept in rank. Returns info.
__attribute__((weak)) int nullity_lapack_dgelsd(int m, int n, double* a, double* b, double rcond, int* rank,
                                                double* s);
__attribute__((weak)) int nullity_lapack_sgelsd(int m, int n, float* a, float* b, float rcond, int* rank, float* s);
}
#endif

namespace nullity::detail {

template <class Scalar>
inline constexpr bool lapack_scalar = std::is_same_v<Scalar, float> || std::is_same_v<Scalar, double>;

/// Whether this program links nullity::lapack.
inline bool lapack_linked() {
#if defined(NULLITY_LAPACK_KERNELS_DECLARED)
  return &nullity_lapack_dgesdd != nullptr && &nullity_lapack_sgesdd != nullptr &&
         &nullity_lapack_dgesdd_values != nullptr && &nullity_lapack_sgesdd_values != nullptr &&
         &nullity_lapack_dgelsd != nullptr && &nullity_lapack_sgelsd != nullptr;
#else
  return false;
#endif
}

/// Whether `opts` asks for (or, by default, gets) the LAPACK kernels for this scalar.
/// \throws invalid_input for Backend::lapack where LAPACK cannot serve.
template <class Scalar>
bool uses_lapack(const Options& opts) {
  if (opts.backend == Backend::eigen) return false;
  if (opts.backend == Backend::automatic) return lapack_scalar<Scalar> && lapack_linked();
  if constexpr (!lapack_scalar<Scalar>)
    throw invalid_input("Options::backend is lapack, which serves float and double only; use Backend::eigen");
  if (!lapack_linked())
    throw invalid_input("Options::backend is lapack, but this program does not link nullity::lapack");
  return true;
}

// LAPACK sees only the p×p triangular factor (p = min(n,d)), whose side fits its integers for
// any matrix that fits in memory (p² entries); the check below is for form's sake.
inline int lapack_size(Eigen::Index k) {
  if (k > std::numeric_limits<int>::max()) throw invalid_input("a dimension exceeds LAPACK's integer range");
  return static_cast<int>(k);
}

/// A = U Σ Vᵀ, thin (A m×n is overwritten; U m×p, Vᵀ p×n, s non-increasing). Returns LAPACK's
/// info. Only for lapack_scalar types in a program where lapack_linked().
template <class Scalar>
int gesdd(Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& A, Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& s,
          Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& U, Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& Vt) {
  static_assert(lapack_scalar<Scalar>);
  const int m = lapack_size(A.rows()), n = lapack_size(A.cols()), p = std::min(m, n);
  s.resize(p);
  U.resize(m, p);
  Vt.resize(p, n);
#if defined(NULLITY_LAPACK_KERNELS_DECLARED)
  if constexpr (std::is_same_v<Scalar, double>)
    return nullity_lapack_dgesdd(m, n, A.data(), s.data(), U.data(), Vt.data());
  else
    return nullity_lapack_sgesdd(m, n, A.data(), s.data(), U.data(), Vt.data());
#else
  return -1;
#endif
}

/// The singular values of A (m×n, overwritten), non-increasing, without vectors: xGESDD with
/// JOBZ = 'N' (bidiagonal dqds, xLASQ1). Returns LAPACK's info.
template <class Scalar>
int gesdd_values(Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& A, Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& s) {
  static_assert(lapack_scalar<Scalar>);
  const int m = lapack_size(A.rows()), n = lapack_size(A.cols());
  s.resize(std::min(m, n));
#if defined(NULLITY_LAPACK_KERNELS_DECLARED)
  if constexpr (std::is_same_v<Scalar, double>)
    return nullity_lapack_dgesdd_values(m, n, A.data(), s.data());
  else
    return nullity_lapack_sgesdd_values(m, n, A.data(), s.data());
#else
  return -1;
#endif
}

/// Minimum-norm solution of A z ≈ b, singular values ≤ rcond·s₁ treated as zero (xGELSD).
/// A (m×n) is overwritten; b has max(m,n) rows and returns z in its first n; s the singular
/// values of A, rank the number kept. Returns LAPACK's info.
template <class Scalar>
int gelsd(Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& A, Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& b,
          Scalar rcond, int& rank, Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& s) {
  static_assert(lapack_scalar<Scalar>);
  const int m = lapack_size(A.rows()), n = lapack_size(A.cols());
  s.resize(std::min(m, n));
#if defined(NULLITY_LAPACK_KERNELS_DECLARED)
  if constexpr (std::is_same_v<Scalar, double>)
    return nullity_lapack_dgelsd(m, n, A.data(), b.data(), rcond, &rank, s.data());
  else
    return nullity_lapack_sgelsd(m, n, A.data(), b.data(), rcond, &rank, s.data());
#else
  (void)m, (void)n, (void)rcond, (void)rank;
  return -1;
#endif
}

}  // namespace nullity::detail
