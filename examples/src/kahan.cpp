// QR versus SVD on the Kahan matrix (docs/theory.md): column-pivoted QR, the cheap
// rank-revealing factorization, does not always reveal rank. On K = diag(1, s, …, s^{n−1})·
// (I − c·triu(1, 1)), c² + s² = 1, with its columns scaled by (1 − μ)^j so that pivoting never
// moves a column, |R_nn| = s^{n−1}(1 − μ)^{n−1} stays far above σ_min(K).
#include <cmath>
#include <ostream>

#include <Eigen/QR>
#include <nullity/nullity.hpp>

#include "bodies.hpp"
#include "bounds.hpp"
#include "checks.hpp"

namespace nullity_examples {

bool kahan(std::ostream& out) {
  Checks check(out);
  constexpr Eigen::Index n = 100;
  constexpr double c = 0.6, s = 0.8;  // c² + s² = 1 (to rounding in the stored 0.6 and 0.8)
  constexpr double mu = 1e-7;         // Demmel, Grigori, Gu et al. (SIMAX 2015): a perturbation that keeps QRCP from pivoting
  Eigen::MatrixXd K = Eigen::MatrixXd::Identity(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j) K(i, j) = -c;
  for (Eigen::Index i = 0; i < n; ++i) K.row(i) *= std::pow(s, double(i));
  for (Eigen::Index j = 0; j < n; ++j) K.col(j) *= std::pow(1 - mu, double(j));

  const auto svd = nullity::factorize(K);
  nullity::Options qr_opts;
  qr_opts.method = nullity::Method::qr;
  const auto qr = nullity::factorize(K, qr_opts);
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> cpqr(K);
  const double r_nn = std::abs(cpqr.matrixQR()(n - 1, n - 1));
  const Eigen::VectorXd sv = svd.spectrum();
  const double tau = svd.tolerance(), E = bounds::svd_backward_error(K);
  Eigen::Index moved = 0;
  for (Eigen::Index j = 0; j < n; ++j) moved += cpqr.colsPermutation().indices()(j) != j;

  out << "Kahan matrix, n = " << n << ", c = " << c << ", columns scaled by (1 - 1e-7)^j\n"
      << "  sigma_1 = " << fmt(sv(0), 6) << ", sigma_99 = " << fmt(sv(n - 2), 6) << ", sigma_100 = " << fmt(sv(n - 1))
      << ", tau = max(n,d) eps sigma_1 = " << fmt(tau) << '\n'
      << "  column-pivoted QR (Eigen ColPivHouseholderQR): columns moved by pivoting " << moved
      << ", |R_nn| = " << fmt(r_nn) << " (formula s^99 (1-mu)^99 = " << fmt(std::pow(s, 99.0) * std::pow(1 - mu, 99.0))
      << ")\n"
      << "  rank by the SVD path: " << svd.rank() << ";  rank by the QR path: " << qr.rank() << '\n';
  // The exact numerical rank of the stored K under τ is 99:
  //  - σ_99 ≥ σ̂_99 − ‖E‖ (Weyl), with ‖E‖ the worst-case SVD backward error;
  //  - σ_100 ≤ 1/|(K⁻¹)_{1n}| = s^{n−1}/(c(1+c)^{n−2}) for the matrix with the stored c and s
  //    (the inverse of I − c·triu(1,1) has (1,n) entry c(1+c)^{n−2}; the row and column scalings
  //    leave that entry's row 1 and divide by s^{n−1}), plus the rounding of the stored entries,
  //    each −c times two std::pow results (within 1 ulp = 2u each) with two rounded products:
  //    ‖K_stored − K‖ ≤ γ_6‖K‖_F.
  //  - τ is max(n,d)·ε·σ_1 with σ_1 ∈ σ̂_1 ± ‖E‖.
  const double sigma_min_upper = std::pow(s, double(n - 1)) / (c * std::pow(1 + c, double(n - 2))) +
                                 bounds::gamma(6) * K.norm();
  const double tau_lo = double(n) * bounds::epsilon() * (sv(0) - E), tau_hi = double(n) * bounds::epsilon() * (sv(0) + E);
  out << "  worst-case SVD backward error ||E|| <= gamma_{2n^2}||K||_F = " << fmt(E)
      << "; sigma_100 of the stored K <= s^99/(c(1+c)^98) + gamma_6||K||_F = " << fmt(sigma_min_upper) << '\n';
  check.holds("sigma_99 >= sigma_99(computed) - ||E|| > tau", sv(n - 2) - E > tau_hi,
              "Weyl, ||E|| <= gamma_{2n^2}||K||_F (Higham Thm 19.4)");
  check.at_most("upper bound on sigma_100 of the stored K", sigma_min_upper, tau_lo,
                "sigma_min <= 1/|(K^-1)_1n|, + rounding of the entries: the exact rank under tau is 99");
  check.equal("rank by the SVD path", svd.rank(), n - 1, "the exact numerical rank certified above");
  check.holds("|R_nn| > tau: pivoted QR keeps rank 100", r_nn > tau_hi,
              "no column was pivoted, so |R_nn| = s^99 (1-mu)^99 (Higham Thm 19.4: to within gamma~ relative)");
  out << "  |R_nn| exceeds sigma_100 by a factor of at least " << fmt(r_nn / sigma_min_upper)
      << "; for QRCP the worst case is sqrt(4^n + 6n - 1)/3 = "
      << fmt(std::sqrt(std::pow(4.0, double(n)) + 6.0 * double(n) - 1) / 3)
      << " (Faddeev-Kublanovskaya-Faddeeva); on Kahan's matrix the ratio grows exponentially with n.\n";
  out << "  The SVD decides from sigma_100; pivoted QR from |R_nn|, which can exceed sigma_min by up to 2^(n-1).\n";
  return check.summary();
}

}  // namespace nullity_examples
