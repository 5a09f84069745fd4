#pragma once
// SVD path: X' = U Σ Vᵀ with the FULL V (d×d), so the null-space basis is the trailing d−r
// columns of a square orthogonal matrix. The thin SVD has no such columns: taking its last
// right singular vector as a null vector (the seed's Example 55 mistake) cannot happen here.

#include <type_traits>

#include <Eigen/Core>
#include <Eigen/QR>
#include <Eigen/SVD>

namespace nullity::detail {

template <class Scalar>
class SvdCore {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// Decomposes the scaled matrix; returns Eigen's status. (The threshold function is for the
  /// QR path's fast route; the SVD decides from the singular values themselves.)
  template <class Derived, class TauOf>
  Eigen::ComputationInfo decompose(const Eigen::MatrixBase<Derived>& X_, const TauOf& /*tau_of*/) {
    const Matrix X = X_;
    const Eigen::Index n = X.rows(), d = X.cols();
    if (n == 0 || d == 0) {  // Eigen 3.4's SVDs crash on empty input: the answer is known.
      s_.resize(0);
      U_.resize(n, 0);
      V_ = Matrix::Identity(d, d);
      return Eigen::Success;
    }
    const unsigned flags = Eigen::ComputeThinU | Eigen::ComputeFullV;
    // BDCSVD is fast but does not compile for Boost.Multiprecision in Eigen 3.4;
    // one-sided Jacobi (QR-preconditioned) is the accurate choice there anyway.
    if constexpr (std::is_floating_point_v<Scalar>) {
      return take(Eigen::BDCSVD<Matrix>(X, flags));
    } else {
      return take(Eigen::JacobiSVD<Matrix, Eigen::ColPivHouseholderQRPreconditioner>(X, flags));
    }
  }

  const Vector& values() const { return s_; }

  void truncate(Eigen::Index r) { r_ = r; }

  /// w = V_r Σ_r⁻¹ U_rᵀ y.
  Vector solve(const Vector& y) const {
    const Vector t = U_.leftCols(r_).transpose() * y;
    return V_.leftCols(r_) * t.cwiseQuotient(s_.head(r_));
  }

  Matrix row_space() const { return V_.leftCols(r_); }
  Matrix null_space() const { return V_.rightCols(V_.cols() - r_); }

 private:
  template <class Svd>
  Eigen::ComputationInfo take(const Svd& svd) {
    if (svd.info() != Eigen::Success) return svd.info();
    s_ = svd.singularValues();
    U_ = svd.matrixU();
    V_ = svd.matrixV();
    return Eigen::Success;
  }

  Vector s_;
  Matrix U_;  // n × min(n,d)
  Matrix V_;  // d × d
  Eigen::Index r_ = 0;
};

}  // namespace nullity::detail
