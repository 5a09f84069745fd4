#pragma once
/// \file
/// How a factorization decides rank: the method and the one tolerance rule.
///
/// The rule (design §3): with s_1 ≥ s_2 ≥ … the singular values (Method::svd) or the
/// magnitudes |R_ii| of column-pivoted QR (Method::qr),
/// \f[ \tau = \max(\mathrm{atol},\ \mathrm{rtol}\cdot b(s_1)), \qquad r = \#\{i : s_i > \tau\}, \f]
/// where b(s_1) = s_1 except for the MATLAB rule, which uses the spacing eps(s_1) of the
/// floating-point numbers at s_1 (MATLAB's `max(size(A))*eps(norm(A))`). When `rtol < 0` the
/// rule supplies its default, in the scalar's own ε:
///
/// | rule   | default rtol      | source                                              |
/// |--------|-------------------|-----------------------------------------------------|
/// | numpy  | max(n,d)·ε        | `numpy.linalg.matrix_rank`, `lstsq(rcond=None)`     |
/// | scipy  | ε                 | `scipy.linalg.lstsq` (cond = ε, no size factor)     |
/// | matlab | max(n,d) (on eps(s_1)) | `rank`, `null`, `orth`, `pinv`                 |
/// | julia  | min(n,d)·ε        | `LinearAlgebra.rank`, `nullspace`, `pinv`           |
/// | eigen  | min(n,d)·ε; SVD: τ ≥ smallest normal and s_i ≥ τ kept | `SVDBase::rank`, `ColPivHouseholderQR::rank` |
/// | lapack | ε, or RCOND if RCOND > 0 | `xGELSD`/`xGELSS` RCOND                      |

#include <string>

namespace nullity {

/// Which factorization reveals the rank.
enum class Method {
  svd,  ///< singular value decomposition of the triangular factor of a QR (R-SVD; see Backend)
  qr    ///< column-pivoted Householder QR, then a complete orthogonal decomposition (as xGELSY)
};

/// Where the default relative tolerance comes from (see the table above).
enum class Rule { numpy, scipy, matlab, julia, eigen, lapack };

/// Whose kernels compute the SVD path (the QR path is Eigen's on every backend: measured
/// faster here than LAPACK's pivoted-QR drivers, docs/results.md).
enum class Backend {
  automatic,  ///< LAPACK for float and double when nullity is built with it, Eigen otherwise
  eigen,      ///< Eigen's BDCSVD (float, double) or JacobiSVD (other scalars)
  lapack      ///< xGESDD, and xGELSD for `min_norm_solve`; float and double only
};

/// Rank-decision options. Tolerances are doubles in the units of X; they are converted to the
/// factorization's scalar when it is computed.
struct Options {
  Method method = Method::svd;
  /// Relative tolerance; < 0 selects the rule's default (in the scalar's ε).
  double rtol = -1;
  /// Absolute tolerance; must be ≥ 0 (otherwise `invalid_input`).
  double atol = 0;
  Rule rule = Rule::numpy;
  Backend backend = Backend::automatic;

  static Options numpy() { return {}; }
  static Options scipy() { return with_rule(Rule::scipy); }
  static Options matlab() { return with_rule(Rule::matlab); }
  static Options julia() { return with_rule(Rule::julia); }
  static Options eigen() { return with_rule(Rule::eigen); }
  /// LAPACK xGELSD/xGELSS: singular values ≤ rcond·s_1 are zero; rcond ≤ 0 means ε.
  static Options lapack(double rcond) {
    Options o = with_rule(Rule::lapack);
    o.rtol = rcond > 0 ? rcond : -1;
    return o;
  }

 private:
  static Options with_rule(Rule r) {
    Options o;
    o.rule = r;
    return o;
  }
};

inline const char* to_string(Method m) { return m == Method::svd ? "svd" : "qr"; }

inline const char* to_string(Backend b) {
  switch (b) {
    case Backend::automatic: return "automatic";
    case Backend::eigen: return "eigen";
    case Backend::lapack: return "lapack";
  }
  return "?";
}

inline const char* to_string(Rule r) {
  switch (r) {
    case Rule::numpy: return "numpy";
    case Rule::scipy: return "scipy";
    case Rule::matlab: return "matlab";
    case Rule::julia: return "julia";
    case Rule::eigen: return "eigen";
    case Rule::lapack: return "lapack";
  }
  return "?";
}

}  // namespace nullity
