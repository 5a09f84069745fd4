#include "nullity_examples/walkthroughs.hpp"

#include "bodies.hpp"

namespace nullity_examples {

const std::vector<Walkthrough>& walkthroughs() {
  static const std::vector<Walkthrough> list = {
      {"day33", "Day 33: rank, null space and what a projection erases", day33},
      {"example55", "Example 55: many weight vectors, one predictor (and the seed's erratum)", example55},
      {"layers", "Rank through layers: bottlenecks, soft ranks, trained versus random spectra", layers},
      {"implicit-regularization", "Implicit regularization: gradient descent from 0 finds the minimum-norm w",
       implicit_regularization},
      {"kahan", "QR versus SVD: the Kahan matrix, where pivoted QR does not reveal rank", kahan},
  };
  return list;
}

}  // namespace nullity_examples
