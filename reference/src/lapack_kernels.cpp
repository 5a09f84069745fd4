// nullity::lapack: the LAPACK backend's kernels behind the plain interface declared (weak) in
// nullity/detail/lapack.hpp. The only translation unit that includes <lapacke.h>.

#include <algorithm>

#include <lapacke.h>

#include <nullity/detail/lapack.hpp>

namespace {

template <class Scalar, class Kernel>
int gesdd(Kernel kernel, int m, int n, Scalar* a, Scalar* s, Scalar* u, Scalar* vt) {
  const lapack_int lda = std::max(1, m), ldvt = std::max(1, std::min(m, n));
  return kernel(LAPACK_COL_MAJOR, 'S', m, n, a, lda, s, u, lda, vt, ldvt);
}

template <class Scalar, class Kernel>
int gesdd_values(Kernel kernel, int m, int n, Scalar* a, Scalar* s) {
  // No vectors: U and Vᵀ are not referenced, their leading dimensions only need to be ≥ 1.
  return kernel(LAPACK_COL_MAJOR, 'N', m, n, a, std::max(1, m), s, nullptr, 1, nullptr, 1);
}

template <class Scalar, class Kernel>
int gelsd(Kernel kernel, int m, int n, Scalar* a, Scalar* b, Scalar rcond, int* rank, Scalar* s) {
  const lapack_int lda = std::max(1, m), ldb = std::max({1, m, n});
  lapack_int r = 0;
  const lapack_int info = kernel(LAPACK_COL_MAJOR, m, n, 1, a, lda, b, ldb, s, rcond, &r);
  *rank = r;
  return info;
}

}  // namespace

extern "C" {
int nullity_lapack_dgesdd(int m, int n, double* a, double* s, double* u, double* vt) {
  return gesdd(LAPACKE_dgesdd, m, n, a, s, u, vt);
}
int nullity_lapack_sgesdd(int m, int n, float* a, float* s, float* u, float* vt) {
  return gesdd(LAPACKE_sgesdd, m, n, a, s, u, vt);
}
int nullity_lapack_dgesdd_values(int m, int n, double* a, double* s) {
  return gesdd_values(LAPACKE_dgesdd, m, n, a, s);
}
int nullity_lapack_sgesdd_values(int m, int n, float* a, float* s) {
  return gesdd_values(LAPACKE_sgesdd, m, n, a, s);
}
int nullity_lapack_dgelsd(int m, int n, double* a, double* b, double rcond, int* rank, double* s) {
  return gelsd(LAPACKE_dgelsd, m, n, a, b, rcond, rank, s);
}
int nullity_lapack_sgelsd(int m, int n, float* a, float* b, float rcond, int* rank, float* s) {
  return gelsd(LAPACKE_sgelsd, m, n, a, b, rcond, rank, s);
}
}
