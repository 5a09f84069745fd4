#pragma once
// QR path, as LAPACK's xGELSY, with an unpivoted fast route for the common full-rank case.
//
// Everything works on the TALL orientation A = X (n ≥ d) or A = Xᵀ (n < d), m × p with
// p = min(n,d) ≤ m, so that the triangular factors are p × p and ker X, row(X) come out of one
// orthogonal factor.
//
// 1. Unpivoted Householder QR, A = Q₀ [R₀; 0] (BLAS-3 blocked, the cost of xGELS).
// 2. Fast route: accept rank p when Higham's estimate of ‖R₀⁻¹‖₁ (condition_estimate.hpp, as in
//    xTRCON) shows σ_min(R₀) above the tolerance by a margin:
//        σ̂ = 1 / (√p · est‖R₀⁻¹‖₁)  >  10 · (τ̄ + p·ε·‖A‖_F)   and   min|R₀_ii| > the same,
//    where τ̄ = τ(s₁ = ‖A‖_F) ≥ τ(s₁) for every admissible s₁ (s₁ ≤ σ₁ ≤ ‖A‖_F and τ is
//    non-decreasing in s₁). Why this implies what the pivoted route would decide: any
//    column-pivoted QR of A has |R_kk| ≥ σ_min(A) for every k (|R_kk| ≥ σ_min of the leading
//    k×k block ≥ σ_min(A) by interlacing, for m ≥ p), so the pivoted route finds rank p whenever
//    σ_min exceeds τ by more than the backward errors of the two factorizations (≈ p·ε·‖A‖_F,
//    the typical, not worst-case, Householder constant; Higham ASNA Thm 19.4), and
//    ‖R⁻¹‖₂ ≤ √p·‖R⁻¹‖₁ turns the 1-norm estimate into a 2-norm bound. The estimate itself is a
//    lower bound on ‖R₀⁻¹‖₁, in practice within a factor 3: the factor 10 covers that. This is
//    the documented rule, not a proof: a matrix built to fool the estimator could be accepted
//    with σ_min below the margin. min|R₀_ii| > margin is necessary (|R_ii| ≥ σ_min) and makes
//    the values reported on this route — the |R₀_ii|, sorted non-increasingly — all exceed
//    τ ≤ τ̄, so the one rule r = #{s_i > τ} gives r = p on them. reference/tests checks that
//    the two routes agree.
// 3. Otherwise the pivoted route: column-pivoted QR of R₀ (the same pivots and |R_ii| as a
//    column-pivoted QR of A in exact arithmetic, since AᵀA = R₀ᵀR₀, at p×p instead of m×p cost):
//    R₀P = Q₁R₁, s_i = |R₁_ii|, r = the leading run of s_i > τ; then the first r rows of R₁ are
//    reduced from the right, R₁(1:r,:)ᵀ = W [T; 0] (Householder QR of a p×r matrix), giving the
//    complete orthogonal decomposition A ≈ Q̃_r Tᵀ (P W_r)ᵀ with Q̃ = Q₀·diag(Q₁, I).
//
// In both routes A ≈ Q̃_r L S_rᵀ with Q̃ (m×m) and S (p×p) orthogonal and L r×r triangular:
// fast: Q̃ = Q₀, L = R₀, S = I; pivoted: L = Tᵀ, S = P W. Hence, for X = A: w = S_r L⁻¹ Q̃_rᵀ y,
// row space S_r, null space S_{r+1:p}; for X = Aᵀ: w = Q̃_r L⁻ᵀ S_rᵀ y, row space Q̃_r, null
// space Q̃_{r+1:m}.
//
// Eigen's own CompleteOrthogonalDecomposition is not used because its threshold must be set
// before compute() (set afterwards, solve() silently returns a non-minimum-norm answer) and its
// rank rule is not ours; ColPivHouseholderQR::solve is a basic, not a minimum-norm, solution.

#include <algorithm>
#include <cmath>
#include <functional>

#include <Eigen/Core>
#include <Eigen/QR>

#include "../scalar_traits.hpp"
#include "condition_estimate.hpp"

namespace nullity::detail {

template <class Scalar>
class QrCore {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// Factorizes the scaled X (n, d > 0; any expression: it is copied once, into the QR's
  /// storage); tau_of(s₁) is the threshold τ for a given s₁.
  template <class Derived, class TauOf>
  Eigen::ComputationInfo decompose(const Eigen::MatrixBase<Derived>& X, const TauOf& tau_of) {
    wide_ = X.rows() < X.cols();
    if (wide_)
      qr_.compute(X.transpose());
    else
      qr_.compute(X);
    m_ = qr_.rows();
    p_ = qr_.cols();
    const auto R0 = qr_.matrixQR().topLeftCorner(p_, p_).template triangularView<Eigen::Upper>();
    // Column norms of A, which R₀ keeps (Q₀ is orthogonal): their sum of squares is ‖X‖_F², and
    // the largest is the rule's s₁ on both routes — |R₁_11| of the pivoted route, O(p²) here.
    // Entries are ≤ 1 after the scaling, so the plain sums of squares cannot overflow.
    using std::sqrt;
    Scalar squares(0), largest(0);
    for (Eigen::Index j = 0; j < p_; ++j) {
      const Scalar c = qr_.matrixQR().col(j).head(j + 1).squaredNorm();
      squares += c;
      if (c > largest) largest = c;
    }
    const Scalar frobenius = sqrt(squares);
    leading_ = sqrt(largest);
    fast_ = accepts_full_rank(R0, tau_of(frobenius), frobenius);
    if (fast_) {
      s_ = qr_.matrixQR().diagonal().cwiseAbs();
      std::sort(s_.begin(), s_.end(), std::greater<Scalar>());
      return Eigen::Success;
    }
    piv_.compute(Matrix(R0));
    if (piv_.info() != Eigen::Success) return piv_.info();
    s_ = piv_.matrixQR().diagonal().cwiseAbs();
    return Eigen::Success;
  }

  const Vector& values() const { return s_; }
  /// The rule's s₁: the largest column norm of X (|R_11| of column-pivoted QR), on both routes.
  Scalar leading() const { return leading_; }

  /// Whether the unpivoted fast route was taken (rank p accepted by the condition estimate).
  bool fast_route() const { return fast_; }

  void truncate(Eigen::Index r) {
    r_ = r;
    eigen_assert(!fast_ || r_ == p_);  // guaranteed: every s_i exceeds the acceptance margin > τ
    if (fast_ || r_ == 0) return;
    const Matrix R1 = piv_.matrixQR().topRows(r_).template triangularView<Eigen::Upper>();
    cod_.compute(R1.transpose());
  }

  Vector solve(const Vector& y) const {
    const Eigen::Index d = wide_ ? m_ : p_;
    if (r_ == 0) return Vector::Zero(d);
    if (!wide_) return right_factor(solve_middle(left_factor_transposed(y), false));
    return left_factor(solve_middle(right_factor_transposed(y), true));
  }

  Matrix row_space() const { return basis_columns(0, r_); }
  Matrix null_space() const { return basis_columns(r_, (wide_ ? m_ : p_) - r_); }

 private:
  template <class TriangularView>
  bool accepts_full_rank(const TriangularView& R0, const Scalar& tau_bar, const Scalar& frobenius) const {
    using std::sqrt;
    const Scalar eps = scalar_traits<Scalar>::epsilon();
    // 10: covers the estimator's usual underestimate (≤ 3); p·ε·‖A‖_F: the typical backward
    // error of the Householder factorizations on either route (see the header comment).
    const Scalar margin = Scalar(10) * (tau_bar + Scalar(int(p_)) * eps * frobenius);
    if (!(qr_.matrixQR().diagonal().cwiseAbs().minCoeff() > margin)) return false;
    const Scalar est = inverse_one_norm_estimate(R0);
    return Scalar(1) / (sqrt(Scalar(int(p_))) * est) > margin;
  }

  /// L⁻¹v (transposed = false) or L⁻ᵀv, for the r×r middle factor L.
  Vector solve_middle(const Vector& v, bool transposed) const {
    if (fast_) {
      const auto R0 = qr_.matrixQR().topLeftCorner(p_, p_).template triangularView<Eigen::Upper>();
      return transposed ? Vector(R0.transpose().solve(v)) : Vector(R0.solve(v));
    }
    const auto T = cod_.matrixQR().topLeftCorner(r_, r_).template triangularView<Eigen::Upper>();
    return transposed ? Vector(T.solve(v)) : Vector(T.transpose().solve(v));  // L = Tᵀ
  }

  /// Q̃_rᵀ y for y ∈ R^m.
  Vector left_factor_transposed(const Vector& y) const {
    Vector t = qr_.householderQ().transpose() * y;
    Vector head = t.head(p_);
    if (!fast_) head = piv_.householderQ().transpose() * head;
    return head.head(r_);
  }
  /// Q̃_r z for z ∈ R^r.
  Vector left_factor(const Vector& z) const {
    Vector t = Vector::Zero(m_);
    t.head(r_) = z;
    if (!fast_) t.head(p_) = piv_.householderQ() * Vector(t.head(p_));
    return qr_.householderQ() * t;
  }
  /// S_r z for z ∈ R^r.
  Vector right_factor(const Vector& z) const {
    if (fast_) return z;
    Vector t = Vector::Zero(p_);
    t.head(r_) = z;
    t = cod_.householderQ() * t;
    return piv_.colsPermutation() * t;
  }
  /// S_rᵀ v for v ∈ R^p.
  Vector right_factor_transposed(const Vector& v) const {
    if (fast_) return v;
    Vector t = piv_.colsPermutation().transpose() * v;
    t = cod_.householderQ().transpose() * t;
    return t.head(r_);
  }

  /// Columns [first, first+count) of the orthogonal factor whose leading r columns span row(X):
  /// S for X = A, Q̃ for X = Aᵀ.
  Matrix basis_columns(Eigen::Index first, Eigen::Index count) const {
    // An empty basis needs no reflectors (applying them to a d×0 block offsets a null pointer).
    if (count == 0) return Matrix(wide_ ? m_ : p_, 0);
    if (!wide_) {
      Matrix E = Matrix::Identity(p_, p_).middleCols(first, count);
      if (fast_) return E;
      if (r_ > 0) E = cod_.householderQ() * E;
      return piv_.colsPermutation() * E;
    }
    Matrix E = Matrix::Identity(m_, m_).middleCols(first, count);
    if (!fast_) E.topRows(p_) = piv_.householderQ() * Matrix(E.topRows(p_));
    return qr_.householderQ() * E;
  }

  Eigen::HouseholderQR<Matrix> qr_;         // A = Q₀ R₀
  Eigen::ColPivHouseholderQR<Matrix> piv_;  // R₀ P = Q₁ R₁ (pivoted route only)
  Eigen::HouseholderQR<Matrix> cod_;        // R₁(1:r,:)ᵀ = W T (pivoted route only)
  Vector s_;
  Scalar leading_{0};
  Eigen::Index m_ = 0, p_ = 0, r_ = 0;
  bool wide_ = false, fast_ = false;
};

}  // namespace nullity::detail
