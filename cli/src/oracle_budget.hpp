#pragma once
// When the MPFR oracle is affordable. Its one-sided Jacobi SVD costs about
// sweeps·min(n,d)²·max(n,d) multiplications at 256 bits; the limit below keeps one run under
// roughly a minute on one core (measured figures in docs/guide.md).

#include <algorithm>
#include <cstdio>
#include <string>

#include <Eigen/Core>

namespace nullity_cli {

/// min(n,d)²·max(n,d), the work of one Jacobi sweep in multiplications.
inline double oracle_work(Eigen::Index n, Eigen::Index d) {
  const double p = static_cast<double>(std::min(n, d)), q = static_cast<double>(std::max(n, d));
  return p * p * q;
}

extern const double kOracleWorkLimit;

inline bool oracle_affordable(Eigen::Index n, Eigen::Index d) { return oracle_work(n, d) <= kOracleWorkLimit; }

/// Why the oracle was skipped, in one sentence.
std::string oracle_skipped_reason(Eigen::Index n, Eigen::Index d);

}  // namespace nullity_cli
