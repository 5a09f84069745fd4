#include "oracle_budget.hpp"

namespace nullity_cli {

// Measured for the 256-bit one-sided Jacobi SVD (nullity::oracle::mpfr_svd) on random n×2n
// matrices: about 5 µs per unit of min(n,d)²·max(n,d) (6×12: 2 ms, 32×64: 0.3 s, 64×128: 3 s,
// 100×200: 10 s). 2·10⁶ units is therefore about ten seconds.
const double kOracleWorkLimit = 2e6;

std::string oracle_skipped_reason(Eigen::Index n, Eigen::Index d) {
  const double seconds = oracle_work(n, d) * 5e-6;
  char estimate[64];
  std::snprintf(estimate, sizeof estimate, "%.2g", seconds);
  return "the MPFR oracle on a " + std::to_string(n) + " x " + std::to_string(d) + " matrix would take about " +
         estimate + " s (limit: min(n,d)^2*max(n,d) <= 2e6, about 10 s, e.g. 100 x 200)";
}

}  // namespace nullity_cli
