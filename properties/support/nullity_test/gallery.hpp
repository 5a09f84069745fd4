#pragma once
// Named test matrices with known structure (MATLAB's gallery and the rank-revealing-QR
// literature). Entries are built exactly where the matrix is integer.

#include <cmath>
#include <vector>

#include <Eigen/Core>

namespace nullity_test {

/// MATLAB's magic(n) (n ≥ 3), exactly as MATLAB builds it. Its rank is n for odd n, 3 for
/// n ≡ 0 (mod 4) and n/2 + 2 for n ≡ 2 (mod 4) (Cleve Moler, "Magic squares", MATLAB News &
/// Notes 2011, and "Experiments with MATLAB" ch. 10).
inline Eigen::MatrixXd magic(int n) {
  Eigen::MatrixXd M(n, n);
  if (n % 2 == 1) {  // siamese method, 1-based i, j as in MATLAB's magic.m
    for (int i = 1; i <= n; ++i)
      for (int j = 1; j <= n; ++j) {
        const int a = ((i + j - (n + 3) / 2) % n + n) % n;
        const int b = ((i + 2 * j - 2) % n + n) % n;
        M(i - 1, j - 1) = n * a + b + 1;
      }
  } else if (n % 4 == 0) {  // doubly even
    for (int i = 1; i <= n; ++i)
      for (int j = 1; j <= n; ++j) {
        const double v = (i - 1) * n + j;
        const bool k = ((i % 4) / 2) == ((j % 4) / 2);
        M(i - 1, j - 1) = k ? n * n + 1 - v : v;
      }
  } else {  // singly even: LUX-like block construction of magic.m
    const int p = n / 2;
    const Eigen::MatrixXd A = magic(p);
    M.topLeftCorner(p, p) = A;
    M.topRightCorner(p, p) = A.array() + 2.0 * p * p;
    M.bottomLeftCorner(p, p) = A.array() + 3.0 * p * p;
    M.bottomRightCorner(p, p) = A.array() + 1.0 * p * p;
    const int k = (n - 2) / 4;
    auto swap_rows_in_column = [&](int row, int col) {  // rows i and i+p of column col (0-based)
      std::swap(M(row, col), M(row + p, col));
    };
    for (int i = 0; i < p; ++i) {
      for (int j = 0; j < k; ++j) swap_rows_in_column(i, j);                  // columns 1..k
      for (int j = n - k + 1; j < n; ++j) swap_rows_in_column(i, j);          // columns n-k+2..n
    }
    // i = k+1; j = [1, i]: undo the swap in column 1 and swap in column k+1, on row k+1.
    swap_rows_in_column(k, 0);
    swap_rows_in_column(k, k);
  }
  return M;
}

/// The rank of magic(n), from the formula above.
inline int magic_rank(int n) {
  if (n % 2 == 1) return n;
  if (n % 4 == 0) return 3;
  return n / 2 + 2;
}

/// Kahan's matrix K = diag(1, s, …, s^{n−1})·(I − c·triu(ones, 1)), c² + s² = 1, with the
/// columns scaled by (1 − pert)^j so that column pivoting does not move anything (Demmel, Grigori,
/// Gu et al., SIMAX 2015). Pivoted QR leaves |r_nn| ≫ σ_min on it.
inline Eigen::MatrixXd kahan(int n, double c, double pert = 1e-7) {
  const double s = std::sqrt(1 - c * c);
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    const double si = std::pow(s, i);
    K(i, i) = si;
    for (int j = i + 1; j < n; ++j) K(i, j) = -c * si;
  }
  for (int j = 0; j < n; ++j) K.col(j) *= std::pow(1 - pert, j);
  return K;
}

/// An upper triangle that an unpivoted QR does not reveal: T = I − c·triu(ones, 1), whose inverse
/// has entries up to c(1+c)^(n−2), with c = 2^(t/(n−1)) − 1 so that σ_min ≈ 2^-t·σ_1/(c·n) while
/// every diagonal entry is 1; its first column is scaled to twice the largest column norm, so
/// that a QR which first moves the largest column to the front (as nullity's fast route does)
/// leaves it where it is and R = T·diag(α, 1, …, 1) keeps a diagonal far above any cut-off.
/// (Kahan's matrix itself is not singular enough at n ≤ 16 for this: σ_min/min|r_ii| ≈ c/(1+c)^(n−2).)
inline Eigen::MatrixXd unrevealing_triangle(int n, int t) {
  const double c = std::exp2(double(t) / std::max(n - 1, 1)) - 1;
  Eigen::MatrixXd T = Eigen::MatrixXd::Identity(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) T(i, j) = -c;
  if (n > 0) T.col(0) *= 2 * T.colwise().norm().maxCoeff();
  return T;
}

/// Läuchli's matrix [1ᵀ; μI], (n+1)×n: rank n, but fl(AᵀA) is singular for μ < √u.
inline Eigen::MatrixXd lauchli(int n, double mu) {
  Eigen::MatrixXd A(n + 1, n);
  A.row(0).setOnes();
  A.bottomRows(n) = mu * Eigen::MatrixXd::Identity(n, n);
  return A;
}

/// Hilbert matrix H_ij = 1/(i + j − 1) (1-based), rounded to double.
inline Eigen::MatrixXd hilbert(int n) {
  Eigen::MatrixXd H(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) H(i, j) = 1.0 / (i + j + 1);
  return H;
}

/// Vandermonde matrix V_ij = x_i^j (j = 0..cols−1) on integer nodes, possibly repeated: its
/// exact rank is min(#distinct nodes, cols), and every entry is an exact integer as long as
/// |x_i|^(cols−1) < 2^53.
inline Eigen::MatrixXd vandermonde(const std::vector<int>& nodes, int cols) {
  Eigen::MatrixXd V(static_cast<Eigen::Index>(nodes.size()), cols);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    double power = 1;
    for (int j = 0; j < cols; ++j, power *= nodes[i]) V(static_cast<Eigen::Index>(i), j) = power;
  }
  return V;
}

}  // namespace nullity_test
