#pragma once
// SVD path, as an R-SVD (Chan, ACM TOMS 8, 1982; what xGESDD itself does for m ≫ n):
//
// 1. The tall orientation A = X (n ≥ d) or A = Xᵀ (n < d), m × p with p = min(n,d), is reduced
//    by an unpivoted Householder QR, A = Q₀ [B; 0] with B = R₀ p×p (skipped when m = p: B = A).
// 2. The square B = U_B Σ V_Bᵀ by xGESDD (Backend::lapack), BDCSVD (Eigen, float/double) or
//    JacobiSVD (other scalars; BDCSVD does not compile for Boost.Multiprecision in Eigen 3.4).
//    BDCSVD's answer is checked first (bdcsvd_is_sound): Eigen 3.4.0's returns NaN vectors and
//    wrong values on some matrices, and JacobiSVD answers those instead.
//    Lazily: the values alone for a question that needs only them (rank, spectrum, certificate),
//    the vectors when a basis or a solve is first asked for (factorization.hpp).
//
// Then, for X = A:  X = (Q₀[U_B; 0]) Σ V_Bᵀ — the right singular vectors V_B are already the
// full d×d orthogonal factor; for X = Aᵀ: X = V_B Σ (Q₀[U_B; 0])ᵀ, and the full d×d right
// factor is Q₀·diag(U_B, I_{m−p}). Either way the null-space basis is the trailing d−r columns
// of a square orthogonal matrix: taking the thin SVD's last right singular vector as a null
// vector (the seed's Example 55 mistake) cannot happen here. Q₀ is kept as reflectors and
// applied only when a basis is asked for, so the solve never forms a d×d matrix.
//
// Backward stability: both steps are backward stable (Higham ASNA Thm 19.4 for Householder QR;
// the SVD kernels' backward error is O(p·ε·‖B‖)), so the singular values are those of X + E with
// ‖E‖₂ = O(max(n,d)·ε·‖X‖₂), the same order as a direct SVD of X.

#include <algorithm>
#include <type_traits>

#include <Eigen/Core>
#include <Eigen/QR>
#include <Eigen/SVD>

#include "lapack.hpp"
#include "tall_reduction.hpp"

namespace nullity::detail {

template <class Scalar>
class SvdCore {
 public:
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  explicit SvdCore(bool lapack = false) : lapack_(lapack) {}

  /// Step 1, the work every question needs: the reduction of the scaled X to the square B.
  /// (The threshold function is for the QR path's fast route; the SVD decides from the singular
  /// values themselves.)
  template <class Derived, class TauOf>
  Eigen::ComputationInfo decompose(const Eigen::MatrixBase<Derived>& X, const TauOf& /*tau_of*/) {
    const Eigen::Index n = X.rows(), d = X.cols();
    wide_ = n < d;
    m_ = std::max(n, d);
    p_ = std::min(n, d);
    if (p_ == 0) {  // Eigen 3.4's SVDs crash on empty input: the answer is known.
      s_.resize(0);
      return Eigen::Success;
    }
    reduced_ = m_ > p_;
    B_ = square_factor_of_tall_orientation(X, qr_);
    return Eigen::Success;
  }

  /// Step 2, for the first question: the singular values of B, with its singular vectors only
  /// when that question needs them (a basis or a solve), since the vectors cost several times
  /// the values (Golub & Van Loan, 4th ed., Fig. 8.6.1: 4/3·p³ flops for Σ of a square B after
  /// its bidiagonalization, some 12·p³ more for U and V).
  Eigen::ComputationInfo values(bool with_vectors) {
    if (p_ == 0) return Eigen::Success;
    if (with_vectors) return vectors();
    if constexpr (lapack_scalar<Scalar>) {
      if (lapack_) {
        Matrix A = B_;  // xGESDD overwrites its matrix; B is kept for the vectors
        return gesdd_values(A, s_) == 0 ? Eigen::Success : Eigen::NoConvergence;
      }
    }
    if constexpr (std::is_floating_point_v<Scalar>) {
      const Eigen::BDCSVD<Matrix> svd(B_);
      if (svd.info() == Eigen::Success && bdcsvd_is_sound(B_, svd)) return take_values(svd);
    }
    return take_values(Eigen::JacobiSVD<Matrix>(B_));
  }

  /// Step 3, when a basis or a solve is first asked for: the singular vectors of B. If the
  /// values were computed alone before, they stay: the rank was decided on them, and the
  /// vectors' own values (another algorithm: divide and conquer instead of dqds) agree with
  /// them to the backward error O(p·ε·s₁) (Weyl, both backward stable), so the solve's
  /// w = V_r Σ_r⁻¹ U_rᵀ y changes by a relative O(ε·κ), inside its forward-error bound (Higham
  /// ASNA Thm 20.1), while every kept value stays > τ ≥ 0 (no division by a zero).
  Eigen::ComputationInfo vectors() {
    if (p_ == 0 || have_vectors_) return Eigen::Success;
    // The values already read stay untouched (other threads may be reading them).
    const bool decided = s_.size() == p_;
    Vector own;
    const Eigen::ComputationInfo info = decompose_square(B_, decided ? own : s_);
    if (info != Eigen::Success) return info;
    have_vectors_ = true;
    B_.resize(0, 0);
    return Eigen::Success;
  }

  /// Whether the kernels are LAPACK's (for xGELSD, solve_by_gelsd).
  bool lapack() const { return lapack_; }

  /// A solve asked before any vector (the xGELSD strategy, on the LAPACK backend with a rule
  /// xGELSD applies: tolerance.hpp, xgelsd_rcond): w⁺ of the scaled problem by xGELSD on B,
  /// whose bidiagonal divide and conquer is applied to the right-hand side directly, with no
  /// singular vector formed — the structure of xGELSD itself for m ≫ n, with Eigen's blocked QR
  /// (faster here than xGEQRF) in front. Also returns the singular values xGELSD computed and
  /// the rank it kept; false if it did not converge.
  ///   X = A (n ≥ d): min‖Xw − y‖ = min‖Bw − (Q₀ᵀy)_{1:p}‖, and w is that problem's solution.
  ///   X = Aᵀ (n < d): X = [Bᵀ 0]Q₀ᵀ; with v = Q₀ᵀw, Xw = Bᵀv₁ and ‖w‖ = ‖v‖, so v₂ = 0 and
  ///                   v₁ = the minimum-norm solution of Bᵀv₁ ≈ y; w = Q₀[v₁; 0].
  bool solve_by_gelsd(const Vector& y, const Scalar& rcond, Vector& w, Vector& values, int& rank) const {
    if constexpr (lapack_scalar<Scalar>) {
      Matrix A = wide_ ? Matrix(B_.transpose()) : B_;  // xGELSD overwrites its matrix
      Vector b = !wide_ && reduced_ ? Vector((qr_.householderQ().transpose() * y).head(p_)) : y;
      if (gelsd(A, b, rcond, rank, values) != 0) return false;
      if (!wide_) {
        w = b;
        return true;
      }
      w = Vector::Zero(m_);
      w.head(p_) = b;
      w = qr_.householderQ() * w;
      return true;
    } else {
      (void)y, (void)rcond, (void)w, (void)values, (void)rank;
      return false;
    }
  }

  /// Takes values computed by solve_by_gelsd as the ones the rank is decided on.
  void adopt_values(Vector s) { s_ = std::move(s); }

  const Vector& values() const { return s_; }
  /// The rule's s₁: σ₁ (0 for an empty or zero matrix).
  Scalar leading() const { return s_.size() > 0 ? s_(0) : Scalar(0); }

  void truncate(Eigen::Index r) { r_ = r; }

  /// w = V_r Σ_r⁻¹ U_rᵀ y, with the factors of X written in those of B (header comment).
  Vector solve(const Vector& y) const {
    const Eigen::Index d = wide_ ? m_ : p_;
    if (r_ == 0) return Vector::Zero(d);
    if (!wide_) {
      const Vector t = reduced_ ? Vector((qr_.householderQ().transpose() * y).head(p_)) : y;
      const Vector z = (UB_.leftCols(r_).transpose() * t).cwiseQuotient(s_.head(r_));
      return VB_.leftCols(r_) * z;
    }
    const Vector z = (VB_.leftCols(r_).transpose() * y).cwiseQuotient(s_.head(r_));
    Vector w = Vector::Zero(m_);
    w.head(p_) = UB_.leftCols(r_) * z;
    return reduced_ ? Vector(qr_.householderQ() * w) : w;
  }

  Matrix row_space() const { return right_columns(0, r_); }
  Matrix null_space() const { return right_columns(r_, (wide_ ? m_ : p_) - r_); }

 private:
  /// B = U_B Σ V_Bᵀ, Σ into s (B may be overwritten).
  Eigen::ComputationInfo decompose_square(Matrix& B, Vector& s) {
    if constexpr (lapack_scalar<Scalar>) {
      if (lapack_) {
        Matrix Vt;
        // info > 0: xBDSDC did not converge, Eigen's NoConvergence; info < 0 cannot happen
        // for the arguments built here.
        if (gesdd(B, s, UB_, Vt) != 0) return Eigen::NoConvergence;
        VB_ = Vt.transpose();
        return Eigen::Success;
      }
    }
    const unsigned flags = Eigen::ComputeFullU | Eigen::ComputeFullV;  // B is square: full = thin
    if constexpr (std::is_floating_point_v<Scalar>) {
      const Eigen::BDCSVD<Matrix> svd(B, flags);
      if (svd.info() == Eigen::Success && bdcsvd_is_sound(B, svd)) return take(svd, s);
    }
    return take(Eigen::JacobiSVD<Matrix, Eigen::ColPivHouseholderQRPreconditioner>(B, flags), s);
  }

  /// Whether a BDCSVD of B is a backward-stable answer. Eigen 3.4.0's BDCSVD returns NaN vectors
  /// and values off by 25 % for a 16×16 float triangle of rank 7 (a QR-reduced partial isometry,
  /// Regression.EigenBdcsvdFloatFailureFallsBackToJacobi), and values off by 3e-10·σ₁ for a
  /// row-permuted Hilbert(16) in double, while JacobiSVD is right on both. A backward-stable SVD
  /// is exact for B + E with ‖E‖_F ≤ c·p·ε·‖B‖_F, c modest; 30 (LAPACK's THRESH) is the margin.
  ///  - with vectors: ‖B·V − U·Σ‖_F must be within it (then every σ is within ‖E‖₂ of B's, Weyl);
  ///  - values alone: Σσ_i² = ‖B + E‖_F², so |Σσ_i² − ‖B‖_F²| ≤ (2 + c·p·ε)·c·p·ε·‖B‖_F² — a
  ///    necessary condition only: it catches gross failures, not a single value off by less.
  /// Both in units of ‖B‖_F, so nothing overflows. Cost: one p×p product, against BDCSVD's ~12p³.
  template <class Svd>
  static bool bdcsvd_is_sound(const Matrix& B, const Svd& svd) {
    const Vector& s = svd.singularValues();
    if (!s.allFinite()) return false;
    const Scalar norm = B.stableNorm();
    if (norm == Scalar(0)) return true;
    const Scalar allowed = Scalar(30) * Scalar(int(B.cols())) * Eigen::NumTraits<Scalar>::epsilon();
    if (svd.computeU() && svd.computeV()) {
      if (!svd.matrixU().allFinite() || !svd.matrixV().allFinite()) return false;
      const Matrix residual = (B / norm) * svd.matrixV() - svd.matrixU() * (s / norm).asDiagonal();
      return residual.norm() <= allowed;
    }
    using std::abs;
    return abs((s / norm).squaredNorm() - Scalar(1)) <= (Scalar(2) + allowed) * allowed;
  }

  template <class Svd>
  Eigen::ComputationInfo take(const Svd& svd, Vector& s) {
    if (svd.info() != Eigen::Success) return svd.info();
    s = svd.singularValues();
    UB_ = svd.matrixU();
    VB_ = svd.matrixV();
    return Eigen::Success;
  }

  template <class Svd>
  Eigen::ComputationInfo take_values(const Svd& svd) {  // values alone
    if (svd.info() != Eigen::Success) return svd.info();
    s_ = svd.singularValues();
    return Eigen::Success;
  }

  /// Columns [first, first+count) of X's full right orthogonal factor: V_B for X = A,
  /// Q₀·diag(U_B, I) for X = Aᵀ.
  Matrix right_columns(Eigen::Index first, Eigen::Index count) const {
    if (p_ == 0) return wide_ ? Matrix(Matrix::Identity(m_, m_).middleCols(first, count)) : Matrix(0, 0);  // 0×d, n×0
    if (!wide_) return VB_.middleCols(first, count);
    Matrix E = Matrix::Zero(m_, count);
    for (Eigen::Index k = 0; k < count; ++k) {
      const Eigen::Index j = first + k;
      if (j < p_)
        E.col(k).head(p_) = UB_.col(j);
      else
        E(j, k) = Scalar(1);
    }
    // An empty block needs no reflectors (applying them to an m×0 block offsets a null pointer).
    return reduced_ && count > 0 ? Matrix(qr_.householderQ() * E) : E;
  }

  bool lapack_ = false;
  Eigen::HouseholderQR<Matrix> qr_;  // A = Q₀ [R₀; 0] (only when m > p)
  Matrix B_;                         // until the vectors are computed
  Vector s_;
  Matrix UB_, VB_;  // B = U_B Σ V_Bᵀ, p × p, once computed
  Eigen::Index m_ = 0, p_ = 0, r_ = 0;
  bool wide_ = false, reduced_ = false, have_vectors_ = false;
};

}  // namespace nullity::detail
