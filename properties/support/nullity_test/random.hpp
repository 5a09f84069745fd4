#pragma once
// Deterministic randomness for generators: everything random in a test matrix comes from one
// 64-bit seed (drawn by rapidcheck under gen::noShrink), so a printed seed reproduces the matrix
// on any platform. std::normal_distribution is implementation-defined, hence Box–Muller here.

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include <Eigen/Core>
#include <Eigen/QR>

namespace nullity_test {

/// Standard normal deviates: Box–Muller on the 53 top bits of mt19937_64.
class NormalStream {
 public:
  explicit NormalStream(std::uint64_t seed) : engine_(seed) {}

  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double two_pi = 6.283185307179586476925286766559;
    const double u1 = double((engine_() >> 11) + 1) * 0x1p-53;  // (0, 1]: log(u1) is finite
    const double u2 = double(engine_() >> 11) * 0x1p-53;        // [0, 1)
    const double radius = std::sqrt(-2.0 * std::log(u1));
    spare_ = radius * std::sin(two_pi * u2);
    has_spare_ = true;
    return radius * std::cos(two_pi * u2);
  }

  Eigen::MatrixXd matrix(Eigen::Index rows, Eigen::Index cols) {
    Eigen::MatrixXd G(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
      for (Eigen::Index i = 0; i < rows; ++i) G(i, j) = next();
    return G;
  }

  /// A uniformly random permutation of 0..n-1 (Fisher–Yates on the same engine).
  std::vector<int> permutation(int n) {
    std::vector<int> p(n);
    for (int i = 0; i < n; ++i) p[i] = i;
    for (int i = n - 1; i > 0; --i) std::swap(p[i], p[engine_() % std::uint64_t(i + 1)]);
    return p;
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

/// A Haar-distributed n×n orthogonal matrix: Q of the QR of a Gaussian matrix with the columns
/// signed so that diag(R) > 0 (Mezzadri, "How to generate random matrices from the classical
/// compact groups", Notices AMS 2007; without the sign fix Q is not Haar).
inline Eigen::MatrixXd haar_orthogonal(Eigen::Index n, NormalStream& normal) {
  if (n == 0) return Eigen::MatrixXd(0, 0);
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(normal.matrix(n, n));
  Eigen::MatrixXd Q = qr.householderQ() * Eigen::MatrixXd::Identity(n, n);
  for (Eigen::Index j = 0; j < n; ++j)
    if (qr.matrixQR()(j, j) < 0) Q.col(j) = -Q.col(j);
  return Q;
}

}  // namespace nullity_test
