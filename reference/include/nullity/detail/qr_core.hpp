#pragma once
// QR path, as LAPACK's xGELSY: column-pivoted Householder QR X'P = QR decides the rank from
// |R_ii|; the first r rows R_1 = [R11 R12] are then reduced from the right, R_1ᵀ = W [T; 0]
// (a Householder QR of R_1ᵀ), giving the complete orthogonal decomposition
//   X' ≈ Q_r Tᵀ (P W_r)ᵀ,
// whose right factor P W is orthogonal: P W_r spans the row space, P W_{r+1:d} the null
// space, and the minimum-norm solution is w = P W_r T⁻ᵀ Q_rᵀ y.
//
// Eigen's own CompleteOrthogonalDecomposition is not used because its threshold must be set
// before compute() (set afterwards, solve() silently returns a non-minimum-norm answer) and its
// rank rule is not ours; ColPivHouseholderQR::solve is a basic, not a minimum-norm, solution.

#include <Eigen/Core>
#include <Eigen/QR>

namespace nullity::detail {

template <class Scalar>
class QrCore {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  Eigen::ComputationInfo decompose(const Matrix& X) {
    d_ = X.cols();
    qr_.compute(X);
    if (qr_.info() != Eigen::Success) return qr_.info();
    s_ = qr_.matrixQR().diagonal().cwiseAbs();
    return Eigen::Success;
  }

  const Vector& values() const { return s_; }

  void truncate(Eigen::Index r) {
    r_ = r;
    if (r_ == 0) return;
    const Matrix R1 = qr_.matrixQR().topRows(r_).template triangularView<Eigen::Upper>();
    cod_.compute(R1.transpose());
  }

  Vector solve(const Vector& y) const {
    Vector z = Vector::Zero(d_);
    if (r_ == 0) return z;
    // Only the first r reflectors reach the first r entries of Qᵀy.
    const Vector t = qr_.householderQ().setLength(r_).transpose() * y;
    z.head(r_) = cod_.matrixQR().topLeftCorner(r_, r_).template triangularView<Eigen::Upper>().transpose().solve(
        t.head(r_));
    z = cod_.householderQ() * z;
    return qr_.colsPermutation() * z;
  }

  Matrix row_space() const { return right_factor_columns(0, r_); }
  Matrix null_space() const { return right_factor_columns(r_, d_ - r_); }

 private:
  /// Columns [first, first+count) of the orthogonal right factor P·W.
  Matrix right_factor_columns(Eigen::Index first, Eigen::Index count) const {
    // An empty basis needs no reflectors (applying them to a d×0 block offsets a null pointer).
    if (count == 0) return Matrix(d_, 0);
    Matrix E = Matrix::Identity(d_, d_).middleCols(first, count);
    if (r_ > 0) E = cod_.householderQ() * E;
    return qr_.colsPermutation() * E;
  }

  Eigen::ColPivHouseholderQR<Matrix> qr_;
  Eigen::HouseholderQR<Matrix> cod_;
  Vector s_;
  Eigen::Index d_ = 0;
  Eigen::Index r_ = 0;
};

}  // namespace nullity::detail
