#include "inputs.hpp"

#include <cmath>


namespace nullity_cli {
namespace {

std::string describe(double v) { return std::isnan(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf"; }

}  // namespace

Eigen::MatrixXd load_matrix(const std::string& path) {
  Eigen::MatrixXd X = attributed(path, [&] { return nullity::io::read_matrix(path); });
  // The factorizations form dense n×n or d×d orthogonal factors (the null space needs the
  // full V), so a dimension is limited to 2^15: 8 GiB for one factor. An empty array can
  // declare any dimension in a few bytes, and a wide one can be a small file.
  constexpr Eigen::Index kMaxDimension = Eigen::Index(1) << 15;
  if (X.rows() > kMaxDimension || X.cols() > kMaxDimension)
    throw input_error(path, "a " + std::to_string(X.rows()) + "x" + std::to_string(X.cols()) +
                                " matrix is too large: each dimension must be at most " +
                                std::to_string(kMaxDimension) + " (a dense factor is dimension^2 doubles)");
  return X;
}

void require_finite(const Eigen::MatrixXd& X, const std::string& path) {
  // The library's validation says the same, but only once a factorization starts; checking
  // here first keeps every command's first error about X, before any expensive work.
  for (Eigen::Index j = 0; j < X.cols(); ++j)
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      if (!std::isfinite(X(i, j)))
        throw input_error(path, "X has a non-finite entry " +
                                    describe(X(i, j)) +
                                    " at row " + std::to_string(i) + ", column " + std::to_string(j) +
                                    " (0-based)");
}

Eigen::VectorXd load_rhs(const std::string& path, Eigen::Index rows) {
  const Eigen::VectorXd y = attributed(path, [&] { return nullity::io::read_vector(path); });
  if (y.size() != rows)
    throw input_error(path, "Y has length " + std::to_string(y.size()) + " but X has " + std::to_string(rows) +
                                " rows");
  for (Eigen::Index i = 0; i < y.size(); ++i)
    if (!std::isfinite(y(i)))
      throw input_error(path, "Y has a non-finite entry " +
                                  describe(y(i)) + " at index " +
                                  std::to_string(i) + " (0-based)");
  return y;
}

void write_output(const std::string& path, const Eigen::MatrixXd& M) {
  attributed(path, [&] { nullity::io::write_matrix(path, M); });
}

}  // namespace nullity_cli
