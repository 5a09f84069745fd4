#include "gaussian.hpp"

#include <cmath>

namespace nullity_examples {

double Gaussian::uniform() {
  constexpr double two_to_minus_53 = 1.0 / 9007199254740992.0;
  return double((engine_() >> 11) + 1) * two_to_minus_53;
}

double Gaussian::next() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  // Box–Muller: two uniforms give two independent normals (radius and angle).
  constexpr double two_pi = 6.283185307179586476925286766559;
  const double radius = std::sqrt(-2 * std::log(uniform()));
  const double angle = two_pi * uniform();
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

Eigen::MatrixXd Gaussian::matrix(Eigen::Index rows, Eigen::Index cols, double scale) {
  Eigen::MatrixXd M(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) M(i, j) = scale * next();
  return M;
}

Eigen::VectorXd Gaussian::vector(Eigen::Index size, double scale) { return matrix(size, 1, scale).col(0); }

}  // namespace nullity_examples
