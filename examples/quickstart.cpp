// The README's library snippet, compiled and run by ctest (label examples) so that it cannot rot.
// Day 33's matrix: rank 2, ker A = span (1, −2, 1).
#include <nullity/nullity.hpp>
#include <nullity_test/thresholds.hpp>

#include <cmath>
#include <iostream>
#include <limits>

int main() {
  Eigen::MatrixXd X(3, 3);
  X << 1, 2, 3, 2, 4, 6, 1, 1, 1;
  const Eigen::VectorXd y = X * Eigen::VectorXd::Ones(3);

  auto f = nullity::factorize(X);                   // SVD path, NumPy's tolerance max(n,d)·ε·σ₁
  const Eigen::MatrixXd Z = f.null_space();         // orthonormal basis of ker X
  const Eigen::VectorXd w = f.solve(y);             // minimum-norm least squares
  const auto c = f.certificate();                   // τ, s_r, s_{r+1}, gap, well_determined
  const auto a = nullity::rank_across_rules(f);     // each preset's rank; a.tolerance_robust

  nullity::Options o = nullity::Options::matlab();  // or numpy/scipy/julia/eigen/lapack(rcond)
  o.method = nullity::Method::qr;                   // complete orthogonal decomposition
  const auto g = nullity::factorize(X, o);

  std::cout << "rank " << f.rank() << ", nullity " << f.nullity() << ", null vector " << Z.transpose()
            << "\nw+ = " << w.transpose() << "\ntau = " << c.tolerance << ", well determined: " << c.well_determined
            << ", robust to tolerance: " << a.tolerance_robust
            << "\nQR path rank " << g.rank() << '\n';
  // The checks (not part of the README's snippet): rank + nullity = 3; X Z ≈ 0
  // (‖XZ‖ ≤ THRESH·max(n,d)·ε·‖X‖_F, THRESH = 30 as LAPACK's tests);
  // w⁺ = (1,1,1), which is ⟂ (1,−2,1), up to κ·ε (κ = σ₁/σ₂ ≈ 13.3, with THRESH).
  const double eps = std::numeric_limits<double>::epsilon();
  // The gap σ₂/σ₃ is about 10^32 here: every preset's τ falls inside it.
  const bool ok = f.rank() == 2 && f.rank() + f.nullity() == 3 && g.rank() == 2 && c.well_determined &&
                  a.tolerance_robust && a.rules.size() == 6 &&
                  (X * Z).norm() <= nullity_test::kThresh * 3 * eps * X.norm() &&
                  (w - Eigen::VectorXd::Ones(3)).norm() <= nullity_test::kThresh * 3 * eps * 13.3 * std::sqrt(3.0);
  std::cout << (ok ? "ok" : "FAILED") << '\n';
  return ok ? 0 : 1;
}
