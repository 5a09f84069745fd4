#pragma once
// Figures drawn by python3 with matplotlib (as the docs' figures are), written atomically.

#include <string>
#include <vector>

#include <Eigen/Core>

namespace nullity_cli {

struct Spectrum {
  std::string name;
  Eigen::VectorXd values;  ///< singular values, non-increasing
};

/// Draws s_i/s_1 against i/min(n,d) on a log scale, one line per spectrum, into `png`: through
/// a temporary file next to it, renamed into place, so that a failure leaves no file. The
/// interpreter is $PYTHON, else python3. \throws input_error naming `png` on failure.
void plot_spectra(const std::string& png, const std::string& title, const std::vector<Spectrum>& spectra);

}  // namespace nullity_cli
