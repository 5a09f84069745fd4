#pragma once
// The LAPACK backend's kernels (Backend::lapack): xGESDD for the SVD of the triangular factor
// and xGELSD for the one-shot minimum-norm solve, float and double only, through LAPACKE.
// Compiled in when the build defines NULLITY_WITH_LAPACK (CMake does, linking LAPACKE and
// OpenBLAS); otherwise every scalar uses the Eigen backend and Backend::lapack is refused.

#include <algorithm>
#include <type_traits>

#include <Eigen/Core>

#include "../invalid_input.hpp"
#include "../options.hpp"

#if defined(NULLITY_WITH_LAPACK)
#include <lapacke.h>
#endif

namespace nullity::detail {

#if defined(NULLITY_WITH_LAPACK)
inline constexpr bool lapack_compiled_in = true;
#else
inline constexpr bool lapack_compiled_in = false;
#endif

template <class Scalar>
inline constexpr bool lapack_serves = lapack_compiled_in && (std::is_same_v<Scalar, float> || std::is_same_v<Scalar, double>);

/// Whether `opts` asks for (or, by default, gets) the LAPACK kernels for this scalar.
/// \throws invalid_input for Backend::lapack where LAPACK cannot serve.
template <class Scalar>
bool uses_lapack(const Options& opts) {
  if (opts.backend == Backend::eigen) return false;
  if (opts.backend == Backend::automatic) return lapack_serves<Scalar>;
  if constexpr (!lapack_compiled_in)
    throw invalid_input("Options::backend is lapack, but nullity was built without LAPACK (NULLITY_WITH_LAPACK)");
  else if constexpr (!lapack_serves<Scalar>)
    throw invalid_input("Options::backend is lapack, which serves float and double only; use Backend::eigen");
  return true;
}

#if defined(NULLITY_WITH_LAPACK)
// LAPACK sees only the p×p triangular factor (p = min(n,d)), whose side fits its integers for
// any matrix that fits in memory.
/// A = U Σ Vᵀ, thin (A m×n is overwritten; U m×p, Vᵀ p×n, s non-increasing). Returns LAPACK's info.
template <class Scalar>
lapack_int gesdd(Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& A, Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& s,
                 Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& U,
                 Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& Vt) {
  const auto m = lapack_int(A.rows()), n = lapack_int(A.cols()), p = std::min(m, n);
  s.resize(p);
  U.resize(m, p);
  Vt.resize(p, n);
  const lapack_int lda = std::max<lapack_int>(1, m), ldvt = std::max<lapack_int>(1, p);
  if constexpr (std::is_same_v<Scalar, double>)
    return LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'S', m, n, A.data(), lda, s.data(), U.data(), lda, Vt.data(), ldvt);
  else
    return LAPACKE_sgesdd(LAPACK_COL_MAJOR, 'S', m, n, A.data(), lda, s.data(), U.data(), lda, Vt.data(), ldvt);
}

/// Minimum-norm solution of A z ≈ b, singular values ≤ rcond·s₁ treated as zero (xGELSD).
/// A (m×n) is overwritten; b has max(m,n) rows and returns z in its first n. Returns LAPACK's info.
template <class Scalar>
lapack_int gelsd(Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>& A, Eigen::Matrix<Scalar, Eigen::Dynamic, 1>& b,
                 Scalar rcond, lapack_int& rank) {
  const auto m = lapack_int(A.rows()), n = lapack_int(A.cols());
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> s(std::min(m, n));
  const lapack_int lda = std::max<lapack_int>(1, m), ldb = std::max<lapack_int>(1, std::max(m, n));
  if constexpr (std::is_same_v<Scalar, double>)
    return LAPACKE_dgelsd(LAPACK_COL_MAJOR, m, n, 1, A.data(), lda, b.data(), ldb, s.data(), rcond, &rank);
  else
    return LAPACKE_sgelsd(LAPACK_COL_MAJOR, m, n, 1, A.data(), lda, b.data(), ldb, s.data(), rcond, &rank);
}
#endif

}  // namespace nullity::detail
