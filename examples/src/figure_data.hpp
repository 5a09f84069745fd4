// The series behind the figures in docs/figures, written as CSV when a directory is given
// (environment variable NULLITY_FIGURE_DATA, or the runner's --figure-data flag) and not at
// all otherwise. examples/plots/plot_walkthroughs.py draws them.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

namespace nullity_examples {

/// Sets the directory (overrides NULLITY_FIGURE_DATA); an empty string turns output off.
void set_figure_directory(const std::string& directory);

/// Writes `<directory>/<name>.csv` with the given header and one row per matrix row (%.17g),
/// if a directory is set. \throws std::runtime_error if the file cannot be written.
void write_figure_data(const std::string& name, const std::vector<std::string>& header, const Eigen::MatrixXd& rows);

}  // namespace nullity_examples
