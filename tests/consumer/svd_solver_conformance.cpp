// A small correct solver, written as a user would: Eigen's JacobiSVD with NumPy's rank rule,
// the null space from the full right factor, the solution from the kept singular triplets.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <Eigen/SVD>
#include <nullity_conformance/kit.hpp>

namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

void require_finite(const MatrixXd& X) {
  if (!X.allFinite()) throw std::invalid_argument("non-finite entry");
}

/// The exponent of the largest entry (0 for a zero or empty array).
template <class Derived>
int ilogb_of_largest(const Eigen::MatrixBase<Derived>& A) {
  const double largest = A.size() ? A.cwiseAbs().maxCoeff() : 0.0;
  return largest > 0 ? std::ilogb(largest) : 0;
}

struct Svd {
  Eigen::JacobiSVD<MatrixXd> svd;
  Index rank = 0;
  explicit Svd(const MatrixXd& X) {
    require_finite(X);
    if (X.size() == 0) return;
    // Scaled entry by entry by the largest one's power of two, so that the σ's of tiny or huge
    // matrices are representable: exact, so it changes no rank, and w is scaled back exactly.
    e = ilogb_of_largest(X);
    svd.compute(X.unaryExpr([this](double v) { return std::ldexp(v, -e); }), Eigen::ComputeFullU | Eigen::ComputeFullV);
    const VectorXd& s = svd.singularValues();
    const double tau = double(std::max(X.rows(), X.cols())) * Eigen::NumTraits<double>::epsilon() * s(0);
    rank = (s.array() > tau).count();
  }
  int e = 0;  // X = 2^e X'
};

nullity_conformance::SolverUnderTest<double> jacobi_svd() {
  nullity_conformance::SolverUnderTest<double> s;
  s.name = "consumer_jacobi_svd";
  s.rank = [](const MatrixXd& X) { return Svd(X).rank; };
  s.null_space = [](const MatrixXd& X) {
    const Svd f(X);
    if (X.size() == 0) return MatrixXd(MatrixXd::Identity(X.cols(), X.cols()));
    return MatrixXd(f.svd.matrixV().rightCols(X.cols() - f.rank));
  };
  s.solve = [](const MatrixXd& X, const VectorXd& y) {
    if (!y.allFinite() || y.size() != X.rows()) throw std::invalid_argument("bad right-hand side");
    const Svd f(X);
    if (f.rank == 0) return VectorXd(VectorXd::Zero(X.cols()));
    // y = 2^g y' too, or Uᵀy/σ loses its digits when y is subnormal: X⁺y = 2^(g−e) X'⁺y'.
    const int g = ilogb_of_largest(y);
    const VectorXd ys = y.unaryExpr([g](double v) { return std::ldexp(v, -g); });
    const Index r = f.rank;
    const VectorXd z = (f.svd.matrixU().leftCols(r).transpose() * ys).cwiseQuotient(f.svd.singularValues().head(r));
    return VectorXd((f.svd.matrixV().leftCols(r) * z).unaryExpr([&](double v) { return std::ldexp(v, g - f.e); }));
  };
  return s;
}

const bool registered = nullity_conformance::register_conformance_tests(jacobi_svd());

}  // namespace
