#pragma once
// How a property asserts a ratio and remembers the worst one it saw, and the tags it attaches.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include <rapidcheck.h>

#include "../oracle_bounds.hpp"

namespace nullity_conformance::detail {

using namespace oracle_bounds;

/// What one property run observed.
struct PropertyStats {
  double worst = 0;     ///< the largest ratio among passing cases
  std::string worst_what;
  int discards = 0;     ///< cases rejected by a precondition (counted before RC_PRE)
};

inline PropertyStats*& current_stats() {
  static thread_local PropertyStats* stats = nullptr;
  return stats;
}

/// The matrix and right-hand side the running case drew (draw, right_hand_side), and those of
/// the last case that failed: since rapidcheck accepts every failing shrink candidate, the last
/// failure is the shrunk counterexample.
struct CaseRecord {
  Eigen::MatrixXd X;
  Eigen::VectorXd y;
};
inline CaseRecord& current_case() {
  static thread_local CaseRecord c;
  return c;
}
inline CaseRecord& last_failure() {
  static thread_local CaseRecord c;
  return c;
}

/// A named test ratio, printed as "what = value" in a failing RC_ASSERT.
struct Ratio {
  const char* what;
  double value;
};
inline bool operator<(const Ratio& r, double t) { return r.value < t; }
inline std::ostream& operator<<(std::ostream& os, const Ratio& r) { return os << r.what << " = " << r.value; }
inline void showValue(const Ratio& r, std::ostream& os) { os << r; }

/// RC_ASSERT(ratio < THRESH), remembering the worst passing ratio.
inline void check_ratio(const char* what, double value) {
  const Ratio r{what, value};
  if (PropertyStats* s = current_stats(); s && r < kThresh && value > s->worst) {
    s->worst = value;
    s->worst_what = what;
  }
  RC_ASSERT(r < kThresh);
}

/// RC_PRE that also counts discards.
inline void require(bool condition) {
  if (!condition)
    if (PropertyStats* s = current_stats()) ++s->discards;
  RC_PRE(condition);
}

inline std::string shape_tag(Eigen::Index n, Eigen::Index d) {
  if (n == 0 || d == 0) return "empty";
  if (n == 1 && d == 1) return "1x1";
  return n < d ? "wide" : n > d ? "tall" : "square";
}

inline std::string kappa_tag(const Bounds& b) {
  if (!b.well_determined) return "ambiguous";
  if (b.r == 0) return "rank 0";
  if (!std::isfinite(b.kappa)) return "kappa inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "kappa 1e%d", int(std::floor(std::log10(std::max(b.kappa, 1.0)))));
  return buf;
}

inline std::string deficiency_tag(const Bounds& b) { return b.lo < b.p ? "rank-deficient" : "full rank"; }

}  // namespace nullity_conformance::detail
