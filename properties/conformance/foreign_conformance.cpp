// Other people's solvers, used correctly, through the kit: expected to pass (label property).
// Rank comes from each driver's own decision (LAPACK's returned RANK, Eigen's rank()); null
// spaces from xGESDD (SVD drivers) or xGELSY's own complete orthogonal factorization, all with
// NumPy's rcond = max(n,d)·ε.
#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/QR>
#include <Eigen/SVD>

#include "nullity_conformance/kit.hpp"
#include "nullity_solvers/solvers.hpp"

namespace {

using namespace nullity_conformance;
namespace ns = nullity::solvers;
using M = Eigen::MatrixXd;
using V = Eigen::VectorXd;

// Neither checks its input fully: LAPACKE's LAPACKE_dge_nancheck rejects NaN but lets ±Inf
// through (xGESDD on [+Inf] returns INFO = 0 after DLASCL complains; found by
// NonFiniteInputIsRejected), and Eigen looks at nothing. Using them correctly means checking first.
void require_finite(const M& X) {
  if (!X.allFinite()) throw std::invalid_argument("X has a non-finite entry");
}
void require_finite(const M& X, const V& y) {
  require_finite(X);
  if (!y.allFinite()) throw std::invalid_argument("y has a non-finite entry");
}

// On 2^-e·X with max|x| in [1/2, 1) (exact): the singular values of a subnormal matrix are not
// representable in double, so a rank read off xGESDD's returned values would be wrong (found by
// ExceptionalInputsGetExactAnswers); the null space is the same.
M gesdd_null_space(const M& X) {
  int e = 0;
  if (X.size() && X.cwiseAbs().maxCoeff() > 0) (void)std::frexp(X.cwiseAbs().maxCoeff(), &e);
  const ns::LapackSvd svd = ns::lapack_gesdd(X.unaryExpr([e](double x) { return std::ldexp(x, -e); }));
  const double tau = svd.s.size() ? ns::numpy_rcond(X) * svd.s(0) : 0.0;
  Eigen::Index r = 0;
  while (r < svd.s.size() && svd.s(r) > tau) ++r;
  return svd.V.rightCols(X.cols() - r);
}

SolverUnderTest<double> lapack_svd_driver(const char* name, ns::LapackSolution (*driver)(const M&, const V&, double)) {
  SolverUnderTest<double> s;
  s.name = name;
  s.rank = [driver](const M& X) {
    require_finite(X);
    return driver(X, V::Zero(X.rows()), ns::numpy_rcond(X)).rank;
  };
  s.null_space = [](const M& X) {
    require_finite(X);
    return gesdd_null_space(X);
  };
  s.solve = [driver](const M& X, const V& y) {
    require_finite(X, y);
    return driver(X, y, ns::numpy_rcond(X)).w;
  };
  return s;
}

SolverUnderTest<double> lapack_gelsy() {
  SolverUnderTest<double> s;
  s.name = "lapack_dgelsy";
  s.rank = [](const M& X) {
    require_finite(X);
    return ns::lapack_gelsy(X, V::Zero(X.rows()), ns::numpy_rcond(X)).rank;
  };
  // From the factorization that decided the rank: a separate xGEQP3 of Xᵀ decides rank by
  // another rule and disagreed on an ambiguous draw (rank 1 against nullity 9 for a 3×11).
  s.null_space = [](const M& X) {
    require_finite(X);
    return ns::lapack_gelsy_null_space(X, ns::numpy_rcond(X));
  };
  s.solve = [](const M& X, const V& y) {
    require_finite(X, y);
    return ns::lapack_gelsy(X, y, ns::numpy_rcond(X)).w;
  };
  s.rule = RankRule::pivoted_qr_rule(numpy_rtol<double>());
  return s;
}

SolverUnderTest<double> eigen_cod() {
  SolverUnderTest<double> s;
  s.name = "eigen_cod";
  s.rank = [](const M& X) -> Eigen::Index {
    require_finite(X);
    if (X.size() == 0) return 0;
    Eigen::CompleteOrthogonalDecomposition<M> cod(X.rows(), X.cols());
    cod.setThreshold(ns::numpy_rcond(X));  // before compute()
    cod.compute(X);
    return cod.rank();
  };
  s.solve = [](const M& X, const V& y) -> V {
    require_finite(X, y);
    return ns::eigen_cod_solve(X, y, ns::numpy_rcond(X));
  };
  s.rule = RankRule::pivoted_qr_rule(numpy_rtol<double>());
  // Known deviation: ColPivHouseholderQR forms column norms as sqrt(squaredNorm()), which
  // underflows for entries below ~1e-154 and overflows above ~1e154 (found by
  // RankEqualsTheExactRank on an integer product scaled to 2.26e-277, LAPACK's SMLNUM range: rank 2
  // instead of 1). The kit keeps the largest entry within [2^-400, 2^400] for it, which leaves
  // 2^-460 for the smallest entries drawn, whose squares are still normal.
  s.smallest_scale = std::ldexp(1.0, -400);
  s.largest_scale = std::ldexp(1.0, 400);
  return s;
}

SolverUnderTest<double> eigen_bdcsvd() {
  SolverUnderTest<double> s;
  s.name = "eigen_bdcsvd";
  s.rank = [](const M& X) -> Eigen::Index {
    require_finite(X);
    if (X.size() == 0) return 0;
    Eigen::BDCSVD<M> svd(X);
    svd.setThreshold(ns::numpy_rcond(X));
    return svd.rank();
  };
  s.null_space = [](const M& X) -> M {
    require_finite(X);
    if (X.size() == 0) return M::Identity(X.cols(), X.cols());
    Eigen::BDCSVD<M> svd(X, Eigen::ComputeFullV);
    svd.setThreshold(ns::numpy_rcond(X));
    return svd.matrixV().rightCols(X.cols() - svd.rank());
  };
  s.solve = [](const M& X, const V& y) -> V {
    require_finite(X, y);
    return ns::eigen_bdcsvd_solve(X, y, ns::numpy_rcond(X));
  };
  // Eigen's SVD rank rule floors τ at the smallest normal number (SVDBase::rank).
  s.rule.atol = std::numeric_limits<double>::min();
  return s;
}

const bool registered = register_conformance_tests(lapack_svd_driver("lapack_dgelsd", ns::lapack_gelsd)) &&
                        register_conformance_tests(lapack_svd_driver("lapack_dgelss", ns::lapack_gelss)) &&
                        register_conformance_tests(lapack_gelsy()) && register_conformance_tests(eigen_cod()) &&
                        register_conformance_tests(eigen_bdcsvd());

}  // namespace
