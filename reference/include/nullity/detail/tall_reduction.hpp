#pragma once
// The reduction both SVD-based routes start with: the tall orientation A = X (n ≥ d) or Xᵀ
// (n < d), m × p with p = min(n,d), becomes a square p × p matrix B — the triangular R₀ of an
// unpivoted Householder QR A = Q₀[R₀; 0] when m > p (backward stable, Higham ASNA Thm 19.4),
// or A itself when m = p (no QR: qr is left empty).

#include <algorithm>

#include <Eigen/Core>
#include <Eigen/QR>

namespace nullity::detail {

template <class Derived, class Matrix = Eigen::Matrix<typename Derived::Scalar, Eigen::Dynamic, Eigen::Dynamic>>
Matrix square_factor_of_tall_orientation(const Eigen::MatrixBase<Derived>& X, Eigen::HouseholderQR<Matrix>& qr) {
  const bool wide = X.rows() < X.cols();
  const Eigen::Index p = std::min(X.rows(), X.cols());
  if (X.rows() == X.cols()) return X;
  if (wide)
    qr.compute(X.transpose());
  else
    qr.compute(X);
  return qr.matrixQR().topRows(p).template triangularView<Eigen::Upper>();
}

}  // namespace nullity::detail
