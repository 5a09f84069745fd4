// nullity::lapack: the LAPACK backend's kernels behind the plain interface declared (weak) in
// nullity/detail/lapack.hpp. The only translation unit that includes <lapacke.h>.

#include <algorithm>
#include <vector>

#include <lapacke.h>

#include <nullity/detail/lapack.hpp>

namespace {

template <class Scalar, class Kernel>
int gesdd(Kernel kernel, int m, int n, Scalar* a, Scalar* s, Scalar* u, Scalar* vt) {
  const lapack_int lda = std::max(1, m), ldvt = std::max(1, std::min(m, n));
  return kernel(LAPACK_COL_MAJOR, 'S', m, n, a, lda, s, u, lda, vt, ldvt);
}

template <class Scalar, class Kernel>
int gelsd(Kernel kernel, int m, int n, Scalar* a, Scalar* b, Scalar rcond, int* rank) {
  std::vector<Scalar> s(std::size_t(std::min(m, n)));
  const lapack_int lda = std::max(1, m), ldb = std::max({1, m, n});
  lapack_int r = 0;
  const lapack_int info = kernel(LAPACK_COL_MAJOR, m, n, 1, a, lda, b, ldb, s.data(), rcond, &r);
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
int nullity_lapack_dgelsd(int m, int n, double* a, double* b, double rcond, int* rank) {
  return gelsd(LAPACKE_dgelsd, m, n, a, b, rcond, rank);
}
int nullity_lapack_sgelsd(int m, int n, float* a, float* b, float rcond, int* rank) {
  return gelsd(LAPACKE_sgelsd, m, n, a, b, rcond, rank);
}
}
