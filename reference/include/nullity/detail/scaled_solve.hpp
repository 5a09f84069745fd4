#pragma once
// The solve's policy for the right-hand side: how far y is scaled before a factorization of
// 2^-e·X solves for it, and the retry when the scaled solution overflows.

#include <cmath>

#include "../scalar_traits.hpp"
#include "power_of_two.hpp"

namespace nullity::detail {

/// w = 2^(k−e)·solve(2^-k·y) for X factorized as 2^-e·X, with k starting at y's own exponent k₀
/// (max|y'| ∈ [1/2, 1)). Scaling y up to that range can make the scaled solution overflow when
/// w itself is representable (tiny y, small kept σ: w' = 2^(e−k)·w); then k grows in four equal
/// steps up to the point where max|y'| is the smallest normal number, never beyond it: y' keeps
/// its largest entry exact (the rest loses at most u·max|y'| to underflow), and there
/// ‖w'‖ ≤ ‖y'‖/σ_r is finite because σ_r ≥ the smallest positive number. A w that is not
/// representable then comes out with infinite entries, as IEEE arithmetic gives — not as the
/// zero a y' scaled until it underflows would give.
template <class Vector, class Solve>
Vector solve_with_scaled_rhs(const Vector& y, int e, const Solve& solve) {
  using std::frexp;
  using Scalar = typename Vector::Scalar;
  const int k0 = binary_exponent_of_max(y);
  int e_min = 0;  // min_normal = 2^(e_min − 1), so max|y'| ≥ min_normal while k − k₀ ≤ −e_min
  (void)frexp(scalar_traits<Scalar>::min_normal(), &e_min);
  int k = k0;
  Vector ws = solve(scaled_by_power_of_two(y, -k));
  for (int step = 1; step <= 4 && !ws.allFinite(); ++step) {
    k = k0 + static_cast<int>((-static_cast<long long>(e_min) * step + 3) / 4);
    ws = solve(scaled_by_power_of_two(y, -k));
  }
  // X = 2^e X', y = 2^k y'  ⇒  w = 2^(k−e) w'.
  return scaled_by_power_of_two(ws, k - e);
}

}  // namespace nullity::detail
