// Day 33 of the seed notebook "Rank, Null Space & Information Loss": rank_and_nullspace on its
// 3×3 matrix, a 3-D point cloud collapsing through rank-2 and rank-1 projections, and the
// exercise "visualize a rank-1 projection of random data".
#include <cmath>
#include <ostream>

#include <Eigen/QR>
#include <Eigen/SVD>
#include <nullity/nullity.hpp>

#include "bodies.hpp"
#include "bounds.hpp"
#include "checks.hpp"
#include "figure_data.hpp"
#include "gaussian.hpp"

namespace nullity_examples {
namespace {

struct RankAndNullspace {
  Eigen::Index rank;
  Eigen::MatrixXd null_space;
};

/// The seed's `rank_and_nullspace(A)`, as nullity answers it (SVD path, NumPy's tolerance).
RankAndNullspace rank_and_nullspace(const Eigen::MatrixXd& A) {
  const auto f = nullity::factorize(A);
  return {f.rank(), f.null_space()};
}

/// A basis vector is defined up to sign: show the one whose first non-zero entry is positive.
Eigen::VectorXd with_positive_lead(Eigen::VectorXd v) {
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (v(i) != 0) return v(i) < 0 ? Eigen::VectorXd(-v) : v;
  return v;
}

std::string row(const Eigen::VectorXd& v, int digits) {
  std::string s = "[";
  for (Eigen::Index i = 0; i < v.size(); ++i) s += (i ? ", " : "") + fmt(v(i), digits);
  return s + "]";
}

/// Fraction of the cloud's total variance (the points are centred) that P keeps.
double retained(const Eigen::MatrixXd& cloud, const Eigen::MatrixXd& projected) {
  return projected.squaredNorm() / cloud.squaredNorm();
}

bool seed_matrix(std::ostream& out, Checks& check) {
  Eigen::MatrixXd A(3, 3);
  A << 1, 2, 3, 2, 4, 6, 1, 1, 1;
  const auto [rank, N] = rank_and_nullspace(A);
  const auto f = nullity::factorize(A);
  const Eigen::VectorXd s = f.spectrum();
  out << "A = [[1,2,3],[2,4,6],[1,1,1]]\n"
      << "singular values " << row(s, 6) << ", threshold tau = max(n,d)*eps*s_1 = " << fmt(f.tolerance()) << '\n'
      << "Rank: " << rank << "\n";
  check.equal("rank A", rank, 2, "row 2 = 2 x row 1 and rows 1, 3 are independent: exact rank 2");
  check.holds("the rank is well determined (no singular value within the certificate's band around tau)",
              f.certificate().well_determined, "Weyl: sigma_2 and sigma_3 are both farther than delta from tau");
  check.equal("rank + nullity", rank + f.nullity(), 3, "rank-nullity theorem: the input dimension");
  if (!check.equal("null-space basis columns", N.cols(), 1, "d - r = 3 - 2")) return false;

  const Eigen::VectorXd z = with_positive_lead(N.col(0));
  const Eigen::Vector3d exact = Eigen::Vector3d(1, -2, 1) / std::sqrt(6.0);
  out << "Null space basis (up to sign): " << row(z, 9) << "   exact (1,-2,1)/sqrt(6) = " << row(exact, 15)
      << '\n';

  // Wedin (null-space corollary): sin of the angle between computed and exact null spaces.
  const double E = bounds::svd_backward_error(A);
  // For one-dimensional subspaces ‖P̂ − P‖_F = √2 sin Θ; forming the two projectors adds at
  // most γ_2 (one rounding per product, one per difference).
  const double sin_theta = (N * N.transpose() - exact * exact.transpose()).norm() / std::sqrt(2.0);
  check.at_most("sin(angle to (1,-2,1)/sqrt(6))", sin_theta, bounds::wedin_sin_theta(E, s(1)) + bounds::gamma(2),
                "Wedin: ||E||/(sigma_2 - ||E||) with ||E|| <= gamma_{2nd}||A||_F (Higham Thm 19.4), + gamma_2");
  check.at_most("||A z||", (A * z).norm(), bounds::null_residual_bound(E) + bounds::product_error(A, 1),
                "Weyl: 2||E|| + gamma_3 ||A||_F (Higham 3.12)");
  return true;
}

/// The cloud through projections: what survives (rank, variance) and what is erased.
void rank_collapse(std::ostream& out, Checks& check) {
  Gaussian g(33);
  constexpr Eigen::Index points = 500;
  // An elongated cloud: independent axes with spreads 3, 1.5 and 0.5, turned by a fixed
  // rotation (the Q of a Gaussian 3×3), then centred so that variance is ‖C‖_F²/points.
  const Eigen::MatrixXd R = Eigen::HouseholderQR<Eigen::MatrixXd>(g.matrix(3, 3)).householderQ();
  Eigen::MatrixXd C = g.matrix(points, 3) * Eigen::Vector3d(3, 1.5, 0.5).asDiagonal() * R.transpose();
  C.rowwise() -= C.colwise().mean();

  const Eigen::Vector3d n = Eigen::Vector3d(1, -2, 1) / std::sqrt(6.0);
  Eigen::MatrixXd A(3, 3);
  A << 1, 2, 3, 2, 4, 6, 1, 1, 1;
  const Eigen::Matrix3d P2 = Eigen::Matrix3d::Identity() - n * n.transpose();  // erases n
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(C, Eigen::ComputeThinV);
  const Eigen::Vector3d v1 = svd.matrixV().col(0);  // the top principal direction
  const Eigen::Vector3d ones = Eigen::Vector3d::Ones() / std::sqrt(3.0);

  const Eigen::MatrixXd C2 = C * P2;
  const Eigen::MatrixXd CA = C * A.transpose();  // every point x mapped to A x
  const Eigen::MatrixXd C1 = C * v1 * v1.transpose();
  const Eigen::MatrixXd C1b = C * ones * ones.transpose();

  out << "\nRank collapse: " << points << " points in R^3 (spreads 3, 1.5, 0.5 along rotated axes)\n"
      << "  cloud                              rank  variance kept  variance erased\n";
  struct Row {
    const char* name;
    const Eigen::MatrixXd* M;
    Eigen::Index expected;
    const char* why;
    bool orthogonal;  // an orthogonal projection: kept + erased = all
  };
  const Row rows[] = {
      {"original                         ", &C, 3, "a Gaussian cloud has full rank with probability 1", true},
      {"projected onto the plane n-perp  ", &C2, 2, "P2 = I - n n^T has rank 2", true},
      {"through the seed's A (x -> Ax)   ", &CA, 2, "rank(C A^T) <= rank A = 2, and C has rank 3", false},
      {"onto the top principal axis v1   ", &C1, 1, "v1 v1^T has rank 1", true},
      {"onto (1,1,1)/sqrt(3)             ", &C1b, 1, "u u^T has rank 1", true},
  };
  for (const Row& r : rows) {
    const Eigen::Index rk = nullity::rank(*r.M);
    out << "  " << r.name << "  " << rk;
    if (r.orthogonal)
      out << "     " << fmt(100 * retained(C, *r.M), 4) << "%        " << fmt(100 * (1 - retained(C, *r.M)), 4) << "%";
    out << '\n';
    check.equal(std::string("rank of the cloud ") + r.name, rk, r.expected, r.why);
  }
  out << "  what is erased by P2: the coordinate along n = (1,-2,1)/sqrt(6), the null direction of A;\n"
      << "  points that differ only along n land on the same point, and no later map can tell them apart.\n";

  // The rank-1 projection exercise. Courant–Fischer: no unit direction u keeps more than σ_1²
  // of the energy, ‖C u‖ ≤ σ_1; the top principal axis attains it (Eckart–Young: the best
  // rank-1 approximation of the cloud is C v1 v1ᵀ, erasing σ_2² + σ_3²).
  const Eigen::VectorXd s = svd.singularValues();
  const double E = bounds::svd_backward_error(C);
  double best_other = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const Eigen::Vector3d u = g.vector(3).normalized();
    best_other = std::max(best_other, (C * u).norm());
  }
  out << "Rank-1 projection exercise: v1 keeps " << fmt(100 * retained(C, C1), 4)
      << "% of the variance (sigma_1^2 / sum sigma_i^2 = " << fmt(100 * s(0) * s(0) / s.squaredNorm(), 4)
      << "%); the best of 200 random directions keeps " << fmt(100 * best_other * best_other / C.squaredNorm(), 4)
      << "%, (1,1,1)/sqrt(3) keeps " << fmt(100 * retained(C, C1b), 4) << "%\n";
  check.at_most("largest ||C u|| over 200 random unit u", best_other,
                s(0) + E + bounds::product_error(C, 1 + bounds::gamma(3)),
                "Courant-Fischer: ||C u|| <= sigma_1; Weyl for the computed sigma_1; Higham 3.12 for C u");

  Eigen::MatrixXd series(points, 9);
  series << C, C2, C1;
  write_figure_data("day33_cloud", {"x", "y", "z", "x2", "y2", "z2", "x1", "y1", "z1"}, series);
  Eigen::MatrixXd axes(2, 3);
  axes.row(0) = n.transpose();
  axes.row(1) = v1.transpose();
  write_figure_data("day33_axes", {"x", "y", "z"}, axes);
}

}  // namespace

bool day33(std::ostream& out) {
  Checks check(out);
  if (seed_matrix(out, check)) rank_collapse(out, check);
  return check.summary();
}

}  // namespace nullity_examples
