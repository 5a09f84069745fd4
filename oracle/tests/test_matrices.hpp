#pragma once
// Matrices with known closed-form answers, and the error bounds the oracle tests share.
// Test-local on purpose: the oracle's tests must not depend on the code the oracle checks.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>

#include "nullity_oracle/oracle.hpp"

namespace oracle_test {

using nullity::oracle::Rational;
using nullity::oracle::RationalMatrix;
using nullity::oracle::RationalVector;

/// MATLAB's magic(n) for odd n (de la Loubère's construction, as in magic.m) and for n ≡ 0 mod 4
/// (the complement-on-a-pattern construction of magic.m). Singly even orders are literals below.
inline Eigen::MatrixXd magic(int n) {
  Eigen::MatrixXd M(n, n);
  if (n % 2 == 1) {
    for (int i = 1; i <= n; ++i)
      for (int j = 1; j <= n; ++j) {
        const int a = ((i + j - (n + 3) / 2) % n + n) % n;
        const int b = (i + 2 * j - 2) % n;
        M(i - 1, j - 1) = n * a + b + 1;
      }
  } else if (n % 4 == 0) {
    auto J = [](int i) { return (i % 4) / 2; };
    for (int i = 1; i <= n; ++i)
      for (int j = 1; j <= n; ++j) {
        const int v = (i - 1) * n + j;
        M(i - 1, j - 1) = J(i) == J(j) ? n * n + 1 - v : v;
      }
  } else {
    throw std::invalid_argument("magic: singly even orders are given as literals");
  }
  return M;
}

/// MATLAB's magic(6) (the LUX construction), as printed by MATLAB.
inline Eigen::MatrixXd magic6() {
  Eigen::MatrixXd M(6, 6);
  M << 35, 1, 6, 26, 19, 24,  //
      3, 32, 7, 21, 23, 25,   //
      31, 9, 2, 22, 27, 20,   //
      8, 28, 33, 17, 10, 15,  //
      30, 5, 34, 12, 14, 16,  //
      4, 36, 29, 13, 18, 11;
  return M;
}

/// H(i, j) = 1/(i + j + 1), 0-based, as exact rationals.
inline RationalMatrix hilbert(int n) {
  RationalMatrix H(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) H(i, j) = Rational(1, i + j + 1);
  return H;
}

inline std::int64_t binomial(int n, int k) {
  if (k < 0 || k > n) return 0;
  std::int64_t b = 1;
  for (int i = 1; i <= k; ++i) b = b * (n - k + i) / i;  // exact at every step
  return b;
}

/// The closed form of the inverse Hilbert matrix (Choi, "Tricks or treats with the Hilbert
/// matrix", Amer. Math. Monthly 90 (1983)), 1-based i, j:
/// (H⁻¹)_ij = (−1)^(i+j) (i+j−1) C(n+i−1, n−j) C(n+j−1, n−i) C(i+j−2, i−1)².
inline std::int64_t inverse_hilbert(int n, int i, int j) {
  const std::int64_t c = binomial(i + j - 2, i - 1);
  const std::int64_t v = (i + j - 1) * binomial(n + i - 1, n - j) * binomial(n + j - 1, n - i) * c * c;
  return (i + j) % 2 == 0 ? v : -v;
}

inline std::int64_t lcm_1_to(int m) {
  std::int64_t l = 1;
  for (int k = 2; k <= m; ++k) l = l / std::gcd<std::int64_t>(l, k) * k;
  return l;
}

/// A (n × r)·B (r × d) with A(i, k) = (i+1)^k and B(k, j) = (j+1)^k: Vandermonde factors on
/// distinct nodes have full rank r, so the product has rank exactly r (Sylvester's inequality
/// rank(AB) ≥ rank A + rank B − r). Entries are integers, exact in double while < 2^53.
inline Eigen::MatrixXd vandermonde_product(int n, int d, int r) {
  Eigen::MatrixXd A(n, r), B(r, d);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < r; ++k) A(i, k) = std::pow(double(i + 1), k);
  for (int k = 0; k < r; ++k)
    for (int j = 0; j < d; ++j) B(k, j) = std::pow(double(j + 1), k);
  return A * B;  // sums of products of integers below 2^53: exact
}

/// A small deterministic integer matrix with entries in [−5, 5]: a fixed arithmetic pattern, so a
/// failure reproduces exactly.
inline Eigen::MatrixXd pattern(int n, int d, int seed) {
  Eigen::MatrixXd M(n, d);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) M(i, j) = ((7 * i + 13 * j + 31 * seed + i * j * seed) % 11) - 5;
  return M;
}

}  // namespace oracle_test
