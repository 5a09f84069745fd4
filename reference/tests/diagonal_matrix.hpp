#pragma once
// n×d matrices with the given leading diagonal: the tests' way to plant exact singular values.

#include <initializer_list>

#include <Eigen/Core>

namespace nullity_tests {

inline Eigen::MatrixXd diag(int n, int d, std::initializer_list<double> s) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(n, d);
  int i = 0;
  for (double v : s) X(i, i) = v, ++i;
  return X;
}

}  // namespace nullity_tests
