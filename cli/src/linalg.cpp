#include "linalg.hpp"

#include <cmath>

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

namespace nullity_cli {

double norm2(const Eigen::MatrixXd& A) {
  if (A.size() == 0) return 0;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(A);  // values only
  return svd.singularValues()(0);
}

double orthonormality_loss(const Eigen::MatrixXd& Z) {
  if (Z.cols() == 0) return 0;
  const Eigen::MatrixXd G = Z.transpose() * Z - Eigen::MatrixXd::Identity(Z.cols(), Z.cols());
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(G, Eigen::EigenvaluesOnly);
  return eig.eigenvalues().cwiseAbs().maxCoeff();
}

double cross_norm(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& Z) {
  if (Q.cols() == 0 || Z.cols() == 0) return 0;
  return norm2(Q.transpose() * Z);
}

}  // namespace nullity_cli
