#pragma once
// Deterministic test problems shared by the speed suite and the accuracy sweep. Every contender
// gets the same matrices: they are built once, outside any timed region, from a fixed seed per
// shape, with a portable generator (splitmix-seeded mt19937_64 bits → uniform → Box–Muller), so
// two runs on any machine time the same inputs.

#include <cmath>
#include <cstdint>
#include <random>

#include <Eigen/Core>
#include <Eigen/QR>

namespace nullity_bench {

/// Standard normal numbers from 53-bit uniforms (Box–Muller), independent of the standard
/// library's distribution implementations.
class Normal {
 public:
  explicit Normal(std::uint64_t seed) : bits_(seed) {}
  double operator()() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = uniform_open(), u2 = uniform_open();
    const double radius = std::sqrt(-2 * std::log(u1)), angle = 2 * kPi * u2;
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }
  Eigen::MatrixXd matrix(Eigen::Index rows, Eigen::Index cols) {
    Eigen::MatrixXd A(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j)
      for (Eigen::Index i = 0; i < rows; ++i) A(i, j) = (*this)();
    return A;
  }

 private:
  static constexpr double kPi = 3.14159265358979323846;
  double uniform_open() {  // in (0, 1): 53 random bits, offset by half a unit
    return (static_cast<double>(bits_() >> 11) + 0.5) * 0x1.0p-53;
  }
  std::mt19937_64 bits_;
  double spare_ = 0;
  bool has_spare_ = false;
};

/// A seed that depends only on the shape and rank, so each problem is reproducible on its own.
inline std::uint64_t seed_for(Eigen::Index n, Eigen::Index d, Eigen::Index r) {
  return 0x9e3779b97f4a7c15ULL ^ (std::uint64_t(n) << 40) ^ (std::uint64_t(d) << 20) ^ std::uint64_t(r);
}

/// An n×d matrix of exact rank r (in exact arithmetic) with well-conditioned nonzero part:
/// Gaussian when r = min(n,d) (κ ≈ (√max + √min)/(√max − √min) for rectangular shapes, Edelman),
/// otherwise the product of Gaussian n×r and r×d factors, whose r-th singular value is of the
/// order of the first and whose (r+1)-th is at rounding level — far below any default τ.
inline Eigen::MatrixXd planted_rank(Eigen::Index n, Eigen::Index d, Eigen::Index r) {
  Normal g(seed_for(n, d, r));
  if (r == std::min(n, d)) return g.matrix(n, d);
  const Eigen::MatrixXd A = g.matrix(n, r), B = g.matrix(r, d);
  return (A * B) / std::sqrt(double(r));
}

/// A right-hand side of length n, independent of X.
inline Eigen::VectorXd right_hand_side(Eigen::Index n, std::uint64_t seed) {
  Normal g(seed ^ 0x5bd1e995ULL);
  return g.matrix(n, 1);
}

/// A Haar-distributed orthogonal m×m matrix: Q of a Gaussian matrix with the signs of diag(R)
/// absorbed (Mezzadri, Notices AMS 54, 2007).
inline Eigen::MatrixXd haar_orthogonal(Eigen::Index m, Normal& g) {
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(g.matrix(m, m));
  Eigen::MatrixXd Q = qr.householderQ();
  for (Eigen::Index j = 0; j < m; ++j)
    if (qr.matrixQR()(j, j) < 0) Q.col(j) = -Q.col(j);
  return Q;
}

/// X = U diag(σ) Vᵀ with Haar U, V and σ_i = κ^{−(i−1)/(p−1)}: σ₁ = 1, σ_p = 1/κ, p = min(n,d).
struct Conditioned {
  Eigen::MatrixXd X, U, V;  // U n×n, V d×d
  Eigen::VectorXd sigma;
};
inline Conditioned with_condition_number(Eigen::Index n, Eigen::Index d, double kappa, std::uint64_t seed) {
  Normal g(seed);
  Conditioned c;
  c.U = haar_orthogonal(n, g);
  c.V = haar_orthogonal(d, g);
  const Eigen::Index p = std::min(n, d);
  c.sigma.resize(p);
  for (Eigen::Index i = 0; i < p; ++i) c.sigma(i) = p == 1 ? 1.0 : std::pow(kappa, -double(i) / double(p - 1));
  c.X = c.U.leftCols(p) * c.sigma.asDiagonal() * c.V.leftCols(p).transpose();
  return c;
}

}  // namespace nullity_bench
