#pragma once
// Input validation shared by both oracles: a non-finite entry has no exact or MPFR meaning, and
// the caller needs to know which one it was.

#include <cmath>
#include <sstream>
#include <stdexcept>

#include <Eigen/Core>

namespace nullity::oracle::detail {

/// \throws std::invalid_argument naming `what`, the row and the column of the first non-finite entry.
inline void check_finite(const Eigen::Ref<const Eigen::MatrixXd>& A, const char* what) {
  for (Eigen::Index j = 0; j < A.cols(); ++j) {
    for (Eigen::Index i = 0; i < A.rows(); ++i) {
      if (!std::isfinite(A(i, j))) {
        std::ostringstream msg;
        msg << "nullity oracle: " << what << " has a non-finite entry " << A(i, j) << " at row " << i << ", column "
            << j;
        throw std::invalid_argument(msg.str());
      }
    }
  }
}

}  // namespace nullity::oracle::detail
