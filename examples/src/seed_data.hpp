// The seed Example 55's own data (made by NumPy 1.24 from default_rng(1055), as in the seed),
// read from $NULLITY_DATA_DIR/seeds/ when set, else from the installed share/nullity/data/seeds/
// beside the program, else from data/seeds/ in the source tree.
#pragma once

#include <string>

#include <Eigen/Core>

namespace nullity_examples {

/// The data directory: $NULLITY_DATA_DIR if set, else <prefix>/share/nullity/data for an
/// installed program, else the source tree's data/.
std::string data_directory();

struct Example55Data {
  Eigen::MatrixXd X;       ///< 6 × 12
  Eigen::VectorXd y;       ///< X·w_true, as NumPy computed it
  Eigen::VectorXd w_true;  ///< 12
};

/// Reads example55_X.npy, example55_y.npy and example55_w_true.npy.
/// \throws std::runtime_error naming the file if one is missing, malformed or misshapen.
Example55Data load_example55();

}  // namespace nullity_examples
