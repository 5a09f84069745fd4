#pragma once
/// \file
/// `nullity::factorize(X, opts)`: one rank-revealing factorization of X ∈ R^{n×d}, from which
/// the rank, the null and row spaces, the minimum-norm solution and the rank certificate are
/// read off consistently (they all use the same rank r).
///
/// Lazily: the constructor validates X and does the work every question needs (the QR of the
/// tall orientation); the first question decides what else to compute — the singular values
/// alone for `rank`, `spectrum` and `certificate` on the SVD path, with the vectors for a basis
/// or a solve — and fixes τ and r; later questions add only what is missing (the vectors, the
/// QR path's complete orthogonal decomposition) and never decide again. The work is shared by
/// copies and guarded by a mutex, so a const Factorization can be asked from several threads.
///
/// Example:
/// \code
///   auto f = nullity::factorize(X);               // SVD path, NumPy tolerance
///   Eigen::Index r = f.rank();                    // r + f.nullity() == X.cols()
///   Eigen::MatrixXd Z = f.null_space();           // d × (d−r), ZᵀZ = I, XZ ≈ 0
///   Eigen::VectorXd w = f.solve(y);               // argmin ‖w‖ over argmin ‖Xw − y‖
/// \endcode

#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <variant>

#include <Eigen/Core>

#include "certificate.hpp"
#include "detail/power_of_two.hpp"
#include "detail/qr_core.hpp"
#include "detail/scaled_solve.hpp"
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
  explicit Factorization(const Matrix& X, const Options& opts = {})
      : opts_(opts), n_(X.rows()), d_(X.cols()), lazy_(std::make_shared<Lazy>()) {
    detail::require_valid_options(opts_);
    const bool lapack = detail::uses_lapack<Scalar>(opts_);
    detail::require_finite_matrix(X, "X");
    e_ = detail::binary_exponent_of_max(X);
    // Unevaluated: each core copies 2^-e·X once, in the layout it needs.
    const auto Xs = detail::power_of_two_scaled(X, -e_);
    // Empty shapes have a known answer that only the SVD core spells out without crashing.
    Core& core = lazy_->core;
    if (opts_.method == Method::qr && n_ > 0 && d_ > 0)
      core.template emplace<detail::QrCore<Scalar>>();
    else
      core.template emplace<detail::SvdCore<Scalar>>(lapack);
    std::visit([&](auto& c) { lazy_->info = c.decompose(Xs, tau_of()); }, core);
  }

  /// Eigen's status for the decomposition (computing the values if no question has yet);
  /// every other accessor throws numerical_error unless it is Eigen::Success.
  Eigen::ComputationInfo info() const {
    std::lock_guard<std::mutex> lock(lazy_->mutex);
    decide(false);
    return lazy_->info;
  }

  Eigen::Index rows() const { return n_; }
  Eigen::Index cols() const { return d_; }
  const Options& options() const { return opts_; }

  /// r = #{ s_i > τ } (see options.hpp).
  Eigen::Index rank() const { return values().rank; }
  /// d − r, the dimension of ker X (rank–nullity theorem).
  Eigen::Index nullity() const { return d_ - rank(); }

  /// τ in X's units.
  Scalar tolerance() const { return detail::times_power_of_two(values().threshold.tau, e_); }

  /// The values the rule was applied to, non-increasing, in X's units: the singular values
  /// (Method::svd), or on the QR path the |R_ii| of the tall orientation's QR — column-pivoted,
  /// or, on the fast route that accepts full rank, unpivoted and sorted (detail/qr_core.hpp).
  /// Either way they are log-majorized by the singular values (Weyl). The rule's s₁ on the QR
  /// path is the largest column norm of X, which is |R_11| of the pivoted QR, on both routes.
  Vector spectrum() const { return detail::scaled_by_power_of_two(values().core_values(), e_); }

  /// Z ∈ R^{d×(d−r)} with orthonormal columns spanning the numerical null space.
  Matrix null_space() const {
    return std::visit([](const auto& core) { return core.null_space(); }, vectors().core);
  }

  /// Q ∈ R^{d×r} with orthonormal columns spanning the numerical row space.
  Matrix row_space() const {
    return std::visit([](const auto& core) { return core.row_space(); }, vectors().core);
  }

  /// The minimum-norm least-squares solution w⁺ = argmin{‖w‖ : w minimizes ‖Xw − y‖}, with X
  /// truncated at rank r. As the first question on the SVD path with LAPACK, one xGELSD; after
  /// that, from the singular vectors (solve_first, below).
  /// \throws invalid_input if y has the wrong length or a non-finite entry.
  template <class Derived>
  Vector solve(const Eigen::MatrixBase<Derived>& y) const {
    detail::require_length(y, n_, "y", "the number of rows of X");
    detail::require_finite_vector(y, "y");
    if (auto w = solve_first(Vector(y))) return *w;
    const Core& core = vectors().core;
    return detail::solve_with_scaled_rhs(Vector(y), e_, [&](const Vector& ys) {
      return std::visit([&](const auto& c) { return c.solve(ys); }, core);
    });
  }

  /// w = Q Qᵀw + Z Zᵀw. \throws invalid_input if w has the wrong length or a non-finite entry.
  template <class Derived>
  Split<Scalar> split(const Eigen::MatrixBase<Derived>& w) const {
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
    const Lazy& l = values();
    return detail::certify(l.core_values(), l.leading(), l.threshold, l.rank, n_, d_, e_, opts_);
  }

  /// The certificate that the rule of `other` (its rule, rtol and atol; the method stays this
  /// factorization's) gives on these same values: what certificate() would say had X been
  /// factorized with that rule, without factorizing again (rank_by_rule.hpp).
  /// \throws invalid_input for invalid options.
  RankCertificate<Scalar> certificate_under(Options other) const {
    detail::require_valid_options(other);
    const Lazy& l = values();
    other.method = opts_.method;
    const detail::Threshold<Scalar> t = detail::threshold(other, n_, d_, l.leading(), e_);
    return detail::certify(l.core_values(), l.leading(), t, detail::count_kept(l.core_values(), t), n_, d_, e_,
                           other);
  }

 private:
  using Core = std::variant<detail::SvdCore<Scalar>, detail::QrCore<Scalar>>;

  /// What the questions asked so far have computed. Shared by copies of the Factorization (they
  /// factorize the same X), and written only under the mutex.
  struct Lazy {
    std::mutex mutex;
    Core core;
    Eigen::ComputationInfo info = Eigen::Success;
    bool decided = false, have_vectors = false;
    detail::Threshold<Scalar> threshold;
    Eigen::Index rank = 0;

    const Vector& core_values() const {
      return std::visit([](const auto& c) -> const Vector& { return c.values(); }, core);
    }
    /// s₁ of the rule: σ₁, or the largest column norm of X (= |R_11| of column-pivoted QR) on the
    /// QR path whichever route ran (qr_core.hpp), so that τ does not depend on the route.
    Scalar leading() const {
      return std::visit([](const auto& c) { return c.leading(); }, core);
    }
  };

  /// τ as a function of s_1, for a core that must decide before it knows its s_1 (qr_core.hpp).
  auto tau_of() const {
    return [this](const Scalar& s1) { return detail::threshold(opts_, n_, d_, s1, e_).tau; };
  }

  /// The first question's work: the values (with the vectors if it needs them), then τ and r,
  /// once. Called under the mutex.
  void decide(bool with_vectors) const {
    Lazy& l = *lazy_;
    if (l.decided || l.info != Eigen::Success) return;
    std::visit([&](auto& c) { l.info = c.values(with_vectors); }, l.core);
    if (l.info != Eigen::Success) return;
    settle(detail::threshold(opts_, n_, d_, l.leading(), e_));
  }

  /// τ and the rank r = #{s_i > τ} (count_kept) on the values now in the core; the core truncated at r.
  void settle(const detail::Threshold<Scalar>& t) const {
    Lazy& l = *lazy_;
    l.threshold = t;
    l.rank = detail::count_kept(l.core_values(), t);
    std::visit([&](auto& c) { c.truncate(l.rank); }, l.core);
    l.decided = true;
  }

  /// A solve as the first question, on the SVD path with the LAPACK backend and a rule xGELSD
  /// applies: one xGELSD, whose singular values then decide τ and r (svd_core.hpp,
  /// solve_by_gelsd). Later solves read the vectors, computed once then, so that many
  /// right-hand sides cost one SVD and not one xGELSD each; they agree with the first to its
  /// forward-error bound (reference/tests/lazy_factorization_test.cpp). Nothing if another question came first, the strategy does not apply, or
  /// xGELSD did not converge or kept another rank than the rule on its values (a tie that its
  /// own test s_i ≤ RCOND·s₁ rounded otherwise): the vectors then answer.
  std::optional<Vector> solve_first(const Vector& y) const {
    std::lock_guard<std::mutex> lock(lazy_->mutex);
    Lazy& l = *lazy_;
    auto* svd = std::get_if<detail::SvdCore<Scalar>>(&l.core);
    if (l.decided || l.info != Eigen::Success || !svd || !svd->lapack() || n_ == 0 || d_ == 0) return std::nullopt;
    const std::optional<Scalar> rcond = detail::xgelsd_rcond<Scalar>(opts_, n_, d_);
    if (!rcond) return std::nullopt;
    Vector values;
    int kept = -1;
    bool usable = true;
    // Each call of a retry (scaled_solve.hpp) factorizes the same B: the same values and rank.
    const Vector w = detail::solve_with_scaled_rhs(y, e_, [&](const Vector& ys) {
      Vector ws;
      int r = 0;
      if (!svd->solve_by_gelsd(ys, *rcond, ws, values, r) || (kept >= 0 && r != kept)) usable = false;
      kept = r;
      return ws;
    });
    if (!usable) return std::nullopt;
    const detail::Threshold<Scalar> t =
        detail::threshold(opts_, n_, d_, values.size() > 0 ? values(0) : Scalar(0), e_);
    if (detail::count_kept(values, t) != kept) return std::nullopt;
    svd->adopt_values(std::move(values));
    settle(t);
    return w;
  }

  /// The state after the values and the rank are known.
  const Lazy& values() const {
    std::lock_guard<std::mutex> lock(lazy_->mutex);
    decide(false);
    require_success();
    return *lazy_;
  }

  /// The state after a basis or a solve can be read off (the rank decided as in values()).
  const Lazy& vectors() const {
    std::lock_guard<std::mutex> lock(lazy_->mutex);
    decide(true);
    Lazy& l = *lazy_;
    if (l.info == Eigen::Success && !l.have_vectors) {
      std::visit([&](auto& c) { l.info = c.vectors(); }, l.core);
      l.have_vectors = l.info == Eigen::Success;
    }
    require_success();
    return l;
  }

  void require_success() const {
    if (lazy_->info != Eigen::Success)
      throw numerical_error("the decomposition of X did not converge (Eigen info " +
                            std::to_string(int(lazy_->info)) + ")");
  }

  Options opts_;
  Eigen::Index n_ = 0, d_ = 0;
  int e_ = 0;  // X was factorized as 2^-e·X
  std::shared_ptr<Lazy> lazy_;
};

/// Factorizes any dense Eigen expression X with the given options.
template <class Derived>
Factorization<typename Derived::Scalar> factorize(const Eigen::MatrixBase<Derived>& X, const Options& opts = {}) {
  return Factorization<typename Derived::Scalar>(X, opts);
}

}  // namespace nullity
