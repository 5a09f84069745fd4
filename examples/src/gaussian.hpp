// A normal random generator whose output is the same on every platform: std::mt19937_64 is
// specified bit for bit by the standard, std::normal_distribution is not (libstdc++, libc++
// and MSVC give different numbers), so the normal deviates come from Box–Muller here. The
// only platform dependence left is the last bit of std::log/std::cos/std::sin in the C
// library, which the walkthroughs' checks do not depend on.
#pragma once

#include <cstdint>
#include <random>

#include <Eigen/Core>

namespace nullity_examples {

class Gaussian {
 public:
  explicit Gaussian(std::uint64_t seed) : engine_(seed) {}

  /// One N(0, 1) deviate.
  double next();
  /// A rows×cols matrix of independent N(0, scale²) entries, filled column by column.
  Eigen::MatrixXd matrix(Eigen::Index rows, Eigen::Index cols, double scale = 1);
  /// A vector of independent N(0, scale²) entries.
  Eigen::VectorXd vector(Eigen::Index size, double scale = 1);

 private:
  /// Uniform on (0, 1]: the top 53 bits of one draw, plus one, times 2⁻⁵³ (never 0, so the
  /// logarithm in Box–Muller is finite).
  double uniform();

  std::mt19937_64 engine_;
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace nullity_examples
