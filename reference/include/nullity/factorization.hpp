#pragma once
/// \file
/// `nullity::factorize(X, opts)`: one rank-revealing factorization of X ∈ R^{n×d}, from which
/// the rank, the null and row spaces, the minimum-norm solution and the rank certificate are
/// read off consistently (they all use the same rank r).
///
/// Example:
/// \code
///   auto f = nullity::factorize(X);               // SVD path, NumPy tolerance
///   Eigen::Index r = f.rank();                    // r + f.nullity() == X.cols()
///   Eigen::MatrixXd Z = f.null_space();           // d × (d−r), ZᵀZ = I, XZ ≈ 0
///   Eigen::VectorXd w = f.solve(y);               // argmin ‖w‖ over argmin ‖Xw − y‖
/// \endcode

#include <type_traits>
#include <variant>

#include <Eigen/Core>

#include "certificate.hpp"
#include "detail/power_of_two.hpp"
#include "detail/qr_core.hpp"
#include "detail/svd_core.hpp"
#include "detail/tolerance.hpp"
#include "detail/validate.hpp"
#include "invalid_input.hpp"
#include "options.hpp"

namespace nullity {

/// w = row + null with row ∈ row(X) and null ∈ ker(X), the two orthogonal projections.
template <class Scalar>
struct Split {
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> row;
  Eigen::Matrix<Scalar, Eigen::Dynamic, 1> null;
};

template <class Scalar_>
class Factorization {
  static_assert(!Eigen::NumTraits<Scalar_>::IsComplex, "nullity works over the reals");

 public:
  using Scalar = Scalar_;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

  /// Factorizes X. \throws invalid_input for a non-finite entry or an invalid tolerance.
  explicit Factorization(const Matrix& X, const Options& opts = {}) : opts_(opts), n_(X.rows()), d_(X.cols()) {
    detail::require_valid_options(opts_);
    const bool lapack = detail::uses_lapack<Scalar>(opts_);
    detail::require_finite_matrix(X, "X");
    e_ = detail::binary_exponent_of_max(X);
    // Unevaluated: each core copies 2^-e·X once, in the layout it needs.
    const auto Xs = detail::power_of_two_scaled(X, -e_);
    // Empty shapes have a known answer that only the SVD core spells out without crashing.
    if (opts_.method == Method::qr && n_ > 0 && d_ > 0)
      core_.template emplace<detail::QrCore<Scalar>>();
    else
      core_.template emplace<detail::SvdCore<Scalar>>(lapack);
    // τ as a function of s_1, for a core that must decide before it knows its s_1 (qr_core.hpp).
    const auto tau_of = [&](const Scalar& s1) { return detail::threshold(opts_, n_, d_, s1, e_).tau; };
    std::visit([&](auto& core) { info_ = core.decompose(Xs, tau_of); }, core_);
    if (info_ != Eigen::Success) return;
    threshold_ = detail::threshold(opts_, n_, d_, leading_scaled(), e_);
    rank_ = detail::count_above(values_scaled(), threshold_.tau);
    std::visit([&](auto& core) { core.truncate(rank_); }, core_);
  }

  /// Eigen's status for the decomposition; every other accessor throws numerical_error unless
  /// it is Eigen::Success.
  Eigen::ComputationInfo info() const { return info_; }

  Eigen::Index rows() const { return n_; }
  Eigen::Index cols() const { return d_; }
  const Options& options() const { return opts_; }

  /// r = #{ s_i > τ } (see options.hpp).
  Eigen::Index rank() const {
    require_success();
    return rank_;
  }
  /// d − r, the dimension of ker X (rank–nullity theorem).
  Eigen::Index nullity() const { return d_ - rank(); }

  /// τ in X's units.
  Scalar tolerance() const {
    require_success();
    return detail::times_power_of_two(threshold_.tau, e_);
  }

  /// The values the rule was applied to, non-increasing, in X's units: the singular values
  /// (Method::svd), or on the QR path the |R_ii| of the tall orientation's QR — column-pivoted,
  /// or, on the fast route that accepts full rank, unpivoted and sorted (detail/qr_core.hpp).
  /// Either way they are log-majorized by the singular values (Weyl). The rule's s₁ on the QR
  /// path is the largest column norm of X, which is |R_11| of the pivoted QR, on both routes.
  Vector spectrum() const {
    require_success();
    return detail::scaled_by_power_of_two(values_scaled(), e_);
  }

  /// Z ∈ R^{d×(d−r)} with orthonormal columns spanning the numerical null space.
  Matrix null_space() const {
    require_success();
    return std::visit([](const auto& core) { return core.null_space(); }, core_);
  }

  /// Q ∈ R^{d×r} with orthonormal columns spanning the numerical row space.
  Matrix row_space() const {
    require_success();
    return std::visit([](const auto& core) { return core.row_space(); }, core_);
  }

  /// The minimum-norm least-squares solution w⁺ = argmin{‖w‖ : w minimizes ‖Xw − y‖}, with X
  /// truncated at rank r. \throws invalid_input if y has the wrong length or a non-finite entry.
  template <class Derived>
  Vector solve(const Eigen::MatrixBase<Derived>& y) const {
    require_success();
    detail::require_length(y, n_, "y", "the number of rows of X");
    detail::require_finite_vector(y, "y");
    return detail::solve_with_scaled_rhs(Vector(y), e_, [&](const Vector& ys) {
      return std::visit([&](const auto& core) { return core.solve(ys); }, core_);
    });
  }

  /// w = Q Qᵀw + Z Zᵀw. \throws invalid_input if w has the wrong length or a non-finite entry.
  template <class Derived>
  Split<Scalar> split(const Eigen::MatrixBase<Derived>& w) const {
    require_success();
    detail::require_length(w, d_, "w", "the number of columns of X");
    detail::require_finite_vector(w, "w");
    const Vector wv = w;
    const int ew = detail::binary_exponent_of_max(wv);
    const Vector ws = detail::scaled_by_power_of_two(wv, -ew);
    const Matrix Q = row_space(), Z = null_space();
    const Vector row = Q * (Q.transpose() * ws);
    const Vector null = Z * (Z.transpose() * ws);
    return {detail::scaled_by_power_of_two(row, ew), detail::scaled_by_power_of_two(null, ew)};
  }

  /// The rank certificate (certificate.hpp).
  RankCertificate<Scalar> certificate() const {
    require_success();
    return detail::certify(values_scaled(), leading_scaled(), threshold_, rank_, n_, d_, e_, opts_);
  }

  /// The certificate that the rule of `other` (its rule, rtol and atol; the method stays this
  /// factorization's) gives on these same values: what certificate() would say had X been
  /// factorized with that rule, without factorizing again (rank_by_rule.hpp).
  /// \throws invalid_input for invalid options.
  RankCertificate<Scalar> certificate_under(Options other) const {
    require_success();
    detail::require_valid_options(other);
    other.method = opts_.method;
    const detail::Threshold<Scalar> t = detail::threshold(other, n_, d_, leading_scaled(), e_);
    return detail::certify(values_scaled(), leading_scaled(), t, detail::count_above(values_scaled(), t.tau), n_, d_,
                           e_, other);
  }

 private:
  const Vector& values_scaled() const {
    return std::visit([](const auto& core) -> const Vector& { return core.values(); }, core_);
  }
  /// s₁ of the rule: σ₁, or the largest column norm of X (= |R_11| of column-pivoted QR) on the
  /// QR path whichever route ran (qr_core.hpp), so that τ does not depend on the route.
  Scalar leading_scaled() const {
    return std::visit([](const auto& core) { return core.leading(); }, core_);
  }
  void require_success() const {
    if (info_ != Eigen::Success)
      throw numerical_error("the decomposition of X did not converge (Eigen info " + std::to_string(int(info_)) +
                            ")");
  }

  Options opts_;
  Eigen::Index n_ = 0, d_ = 0;
  int e_ = 0;  // X was factorized as 2^-e·X
  std::variant<detail::SvdCore<Scalar>, detail::QrCore<Scalar>> core_;
  Eigen::ComputationInfo info_ = Eigen::Success;
  detail::Threshold<Scalar> threshold_;
  Eigen::Index rank_ = 0;
};

/// Factorizes any dense Eigen expression X with the given options.
template <class Derived>
Factorization<typename Derived::Scalar> factorize(const Eigen::MatrixBase<Derived>& X, const Options& opts = {}) {
  return Factorization<typename Derived::Scalar>(X, opts);
}

}  // namespace nullity
