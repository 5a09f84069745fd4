// Prints the cost of each oracle per matrix size (docs/oracle.md). A measurement, not a test:
//   oracle_cost [repetitions]
// Two matrices per size: small integers in [−5, 5] (short rationals, like the exact-rank
// generators' products) and full 53-bit significands in (−1, 1) (like rotated spectra), the worst
// case for the exact oracle.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "nullity_oracle/oracle.hpp"

namespace {

Eigen::MatrixXd integer_matrix(int n, int d) {
  Eigen::MatrixXd M(n, d);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) M(i, j) = ((7 * i + 13 * j + i * j) % 11) - 5;
  return M;
}

/// Full-significand doubles in (−1, 1) from a fixed linear congruential sequence.
Eigen::MatrixXd full_significand_matrix(int n, int d) {
  Eigen::MatrixXd M(n, d);
  unsigned long long state = 0x9E3779B97F4A7C15ull;
  for (int j = 0; j < d; ++j)
    for (int i = 0; i < n; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      M(i, j) = static_cast<double>(state >> 11) * 0x1p-53 * 2.0 - 1.0;
    }
  return M;
}

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return 1e3 * static_cast<double>(ts.tv_sec) + 1e-6 * static_cast<double>(ts.tv_nsec);
}

/// Median CPU time of this thread, not wall time: the machine may be shared, and the oracle is
/// single-threaded.
template <class F>
double median_ms(int reps, F&& f) {
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const double start = cpu_ms();
    f();
    t.push_back(cpu_ms() - start);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  const int shapes[][2] = {{4, 8}, {8, 16}, {16, 32}, {32, 16}, {32, 64}, {64, 64}};
  std::printf("| size | entries | exact (ms) | exact_min_norm_solve (ms) | mpfr_svd 256 bits (ms) | sweeps |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (const auto& s : shapes) {
    for (int kind = 0; kind < 2; ++kind) {
      const Eigen::MatrixXd X = kind == 0 ? integer_matrix(s[0], s[1]) : full_significand_matrix(s[0], s[1]);
      Eigen::VectorXd y(s[0]);
      for (int i = 0; i < s[0]; ++i) y(i) = (i % 3) - 1.0;
      int sweeps = 0;
      const double t_exact = median_ms(reps, [&] { (void)nullity::oracle::exact(X); });
      const double t_solve = median_ms(reps, [&] { (void)nullity::oracle::exact_min_norm_solve(X, y); });
      const double t_svd = median_ms(reps, [&] { sweeps = nullity::oracle::mpfr_svd(X, 256).sweeps; });
      std::printf("| %dx%d | %s | %.3g | %.3g | %.3g | %d |\n", s[0], s[1], kind == 0 ? "integers in [-5,5]" : "53-bit uniform(-1,1)",
                  t_exact, t_solve, t_svd, sweeps);
      std::fflush(stdout);
    }
  }
  return 0;
}
