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
// 3. Split route, when the unpivoted QR already reveals a rank k < p: the leading run of k
//    diagonal entries of R₀ exceeds the margin and the estimate accepts the k×k triangle R₁₁
//    (σ_min(R₁₁) > margin, as in 2.). Only the trailing block is pivoted,
//    R₂₂P₂ = Q₂R₂ ((p−k)³ work instead of p³), and the route stands only if R₂ adds nothing,
//    with room: every |R₂_ii| + δ ≤ τ, δ the certificate's perturbation (so that the
//    certificate's interval ends at k too; magic(8), whose |R₂_11| is 0.8·τ, goes to 4.).
//    Then r = k is what the singular values say too: σ_k(A) ≥ σ_min(R₁₁) > τ
//    (interlacing: R₁₁ is a block of R₀), and σ_{k+1}(A) ≤ ‖R₂₂‖₂ ≤ √(p−k)·max_i|R₂_ii| ≤
//    √(p−k)·τ (R₀ minus its trailing block has rank k; the largest column norm of R₂₂ is
//    |R₂_11|), within the pivoted rule's band (properties/conformance, RankRule). Otherwise the
//    whole R₀ is pivoted (4.). The rank-deficient inputs met in practice (a product of thin
//    factors, a planted rank) take this route; one whose leading columns are themselves
//    dependent (a repeated first column) does not, and pays for 4.
// 4. Otherwise the pivoted route: column-pivoted QR of R₀ (the same pivots and |R_ii| as a
//    column-pivoted QR of A in exact arithmetic, since AᵀA = R₀ᵀR₀, at p×p instead of m×p cost):
//    R₀P₂ = Q₂R₂, s_i = |R₂_ii|, r = the leading run of s_i > τ — the split route with k = 0.
// In 3. and 4., R₀·diag(I_k, P₂) = diag(I_k, Q₂)·R₁ with R₁ = [R₁₁ R₁₂P₂; 0 R₂]; when a basis or a
// solve is first asked for, the first r rows of R₁ are reduced from the right,
// R₁(1:r,:)ᵀ = W [T; 0] (Householder QR of a p×r matrix), giving the complete orthogonal
// decomposition A ≈ Q̃_r Tᵀ (S_r)ᵀ with Q̃ = Q₀·diag(I_k, Q₂, I) and S = P₀·diag(I_k, P₂)·W.
//
// P₀ moves the largest column of A first, as column pivoting's first step would: then |R₀_11| is
// the rule's s₁ (the largest column norm) and the largest value every route reports.
//
// In every route A ≈ Q̃_r L S_rᵀ with Q̃ (m×m) and S (p×p) orthogonal and L r×r triangular:
// fast: Q̃ = Q₀, L = R₀, S = P₀; otherwise L = Tᵀ. Hence, for X = A: w = S_r L⁻¹ Q̃_rᵀ y,
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
#include "tolerance.hpp"

namespace nullity::detail {

template <class Scalar>
class QrCore {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Permutation = typename Eigen::ColPivHouseholderQR<Matrix>::PermutationType;

  /// Factorizes the scaled X (n, d > 0; any expression: it is copied once, into the QR's
  /// storage); tau_of(s₁) is the threshold τ for a given s₁.
  template <class Derived, class TauOf>
  Eigen::ComputationInfo decompose(const Eigen::MatrixBase<Derived>& X, const TauOf& tau_of) {
    using std::abs;
    using std::sqrt;
    wide_ = X.rows() < X.cols();
    // Entries are ≤ 1 after the scaling, so the plain sums of squares cannot overflow.
    Eigen::Index largest_column = 0;
    if (wide_)
      X.rowwise().squaredNorm().maxCoeff(&largest_column);
    else
      X.colwise().squaredNorm().maxCoeff(&largest_column);
    first_.setIdentity(std::min(X.rows(), X.cols()));
    first_.applyTranspositionOnTheRight(0, Eigen::Index(largest_column));
    if (wide_)
      qr_.compute(X.transpose() * first_);
    else
      qr_.compute(X * first_);
    m_ = qr_.rows();
    p_ = qr_.cols();
    const Matrix& QR = qr_.matrixQR();
    // Column norms of A, which R₀ keeps (Q₀ is orthogonal): their sum of squares is ‖X‖_F², and
    // the largest is the rule's s₁ on every route — |R_11| of the pivoted route, O(p²) here.
    Scalar squares(0), largest(0);
    for (Eigen::Index j = 0; j < p_; ++j) {
      const Scalar c = QR.col(j).head(j + 1).squaredNorm();
      squares += c;
      if (c > largest) largest = c;
    }
    const Scalar frobenius = sqrt(squares);
    leading_ = sqrt(largest);
    // 10: covers the estimator's usual underestimate (≤ 3); p·ε·‖A‖_F: the typical backward
    // error of the Householder factorizations on either route (see the header comment). τ̄ =
    // τ(‖A‖_F) ≥ τ(s₁).
    const Scalar margin =
        Scalar(10) * (tau_of(frobenius) + Scalar(int(p_)) * scalar_traits<Scalar>::epsilon() * frobenius);
    Eigen::Index k = 0;
    while (k < p_ && abs(QR(k, k)) > margin) ++k;
    if (k > 0) {
      const Scalar est = inverse_one_norm_estimate(QR.topLeftCorner(k, k).template triangularView<Eigen::Upper>());
      if (!(Scalar(1) / (sqrt(Scalar(int(k))) * est) > margin)) k = 0;
    }
    s_ = QR.diagonal().cwiseAbs();
    if (k == p_) {  // 2.
      fast_ = true;
      std::sort(s_.begin(), s_.end(), std::greater<Scalar>());
      return Eigen::Success;
    }
    if (k > 0) {  // 3.
      const Eigen::ComputationInfo info = pivot_trailing_block(k);
      if (info != Eigen::Success) return info;
      // R₂ must clear τ by the certificate's δ: its values bound what pivoting would find only
      // to within √(p−k), so a trailing value near τ goes to the fully pivoted route (4.).
      if (!(s_.tail(p_ - k).maxCoeff() + certificate_perturbation(m_, p_, leading_) <= tau_of(leading_))) k = 0;
    }
    if (k == 0) return pivot_trailing_block(0);  // 4.
    std::sort(s_.begin(), s_.begin() + k, std::greater<Scalar>());  // all > margin > τ ≥ the rest
    return Eigen::Success;
  }

  const Vector& values() const { return s_; }
  /// The rule's s₁: the largest column norm of X (|R_11| of column-pivoted QR), on every route.
  Scalar leading() const { return leading_; }

  /// Whether the unpivoted fast route was taken (rank p accepted by the condition estimate).
  bool fast_route() const { return fast_; }
  /// The k of the split route (0: the whole R₀ was pivoted; p: the fast route).
  Eigen::Index split() const { return fast_ ? p_ : split_; }

  /// The values are known at once: the factorizations above are what every question needs.
  Eigen::ComputationInfo values(bool /*with_vectors*/) { return Eigen::Success; }

  void truncate(Eigen::Index r) {
    r_ = r;
    // Guaranteed: every value of the fast route exceeds the acceptance margin > τ, and the split
    // route stands only when its trailing values are ≤ τ.
    eigen_assert(!fast_ || r_ == p_);
    eigen_assert(fast_ || split_ == 0 || r_ == split_);
  }

  /// The complete orthogonal decomposition's W and T, when a basis or a solve is first asked for.
  Eigen::ComputationInfo vectors() {
    if (fast_ || r_ == 0 || cod_ready_) return Eigen::Success;
    const Eigen::Index k = split_, t = p_ - k;
    const Matrix& QR = qr_.matrixQR();
    // R₁(1:r,:) = [R₁₁ R₁₂P₂; 0 R₂(1:r−k,:)] (header comment), r = k on the split route.
    Matrix R1 = Matrix::Zero(r_, p_);
    const Eigen::Index top = std::min(r_, k);
    R1.topLeftCorner(top, k) = QR.topLeftCorner(top, k).template triangularView<Eigen::Upper>();
    R1.topRightCorner(top, t) = QR.block(0, k, top, t) * piv_.colsPermutation();
    R1.bottomRightCorner(r_ - top, t) = piv_.matrixQR().topRows(r_ - top).template triangularView<Eigen::Upper>();
    cod_.compute(R1.transpose());
    cod_ready_ = true;
    return Eigen::Success;
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
  /// R₂₂P₂ = Q₂R₂ for the trailing block from row and column k of R₀; its |R₂_ii| become the
  /// trailing values.
  Eigen::ComputationInfo pivot_trailing_block(Eigen::Index k) {
    split_ = k;
    const Eigen::Index t = p_ - k;
    piv_.compute(Matrix(qr_.matrixQR().block(k, k, t, t).template triangularView<Eigen::Upper>()));
    if (piv_.info() != Eigen::Success) return piv_.info();
    s_.tail(t) = piv_.matrixQR().diagonal().cwiseAbs();
    return Eigen::Success;
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
    if (!fast_) head.tail(p_ - split_) = piv_.householderQ().transpose() * Vector(head.tail(p_ - split_));
    return head.head(r_);
  }
  /// Q̃_r z for z ∈ R^r.
  Vector left_factor(const Vector& z) const {
    Vector t = Vector::Zero(m_);
    t.head(r_) = z;
    if (!fast_) t.segment(split_, p_ - split_) = piv_.householderQ() * Vector(t.segment(split_, p_ - split_));
    return qr_.householderQ() * t;
  }
  /// S_r z for z ∈ R^r.
  Vector right_factor(const Vector& z) const {
    if (fast_) return first_ * z;
    Vector t = Vector::Zero(p_);
    t.head(r_) = z;
    t = cod_.householderQ() * t;
    t.tail(p_ - split_) = piv_.colsPermutation() * Vector(t.tail(p_ - split_));
    return first_ * t;
  }
  /// S_rᵀ v for v ∈ R^p.
  Vector right_factor_transposed(const Vector& v) const {
    Vector t = first_.transpose() * v;
    if (fast_) return t;
    t.tail(p_ - split_) = piv_.colsPermutation().transpose() * Vector(t.tail(p_ - split_));
    t = cod_.householderQ().transpose() * t;
    return t.head(r_);
  }

  /// Columns [first, first+count) of the orthogonal factor whose leading r columns span row(X):
  /// S for X = A, Q̃ for X = Aᵀ.
  Matrix basis_columns(Eigen::Index first, Eigen::Index count) const {
    // An empty basis needs no reflectors (applying them to a d×0 block offsets a null pointer).
    if (count == 0) return Matrix(wide_ ? m_ : p_, 0);
    const Eigen::Index t = p_ - split_;
    if (!wide_) {
      Matrix E = Matrix::Identity(p_, p_).middleCols(first, count);
      if (!fast_) {
        if (r_ > 0) E = cod_.householderQ() * E;
        E.bottomRows(t) = piv_.colsPermutation() * Matrix(E.bottomRows(t));
      }
      return first_ * E;
    }
    Matrix E = Matrix::Identity(m_, m_).middleCols(first, count);
    if (!fast_) E.middleRows(split_, t) = piv_.householderQ() * Matrix(E.middleRows(split_, t));
    return qr_.householderQ() * E;
  }

  Eigen::HouseholderQR<Matrix> qr_;         // A P₀ = Q₀ R₀
  Permutation first_;                       // P₀: the largest column of A first
  Eigen::ColPivHouseholderQR<Matrix> piv_;  // R₂₂ P₂ = Q₂ R₂ (routes 3 and 4)
  Eigen::HouseholderQR<Matrix> cod_;        // R₁(1:r,:)ᵀ = W T (routes 3 and 4, on demand)
  Vector s_;
  Scalar leading_{0};
  Eigen::Index m_ = 0, p_ = 0, r_ = 0, split_ = 0;
  bool wide_ = false, fast_ = false, cod_ready_ = false;
};

}  // namespace nullity::detail
