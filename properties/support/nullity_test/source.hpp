#pragma once
// The matrix sources a property draws from (cases.hpp), named on their own so that a solver
// description (nullity_conformance/solver.hpp) can name them without the generators.

namespace nullity_test {

enum class Source {
  integer_product,  ///< X = A·B, small integers: exact, exact rank ≤ inner dimension (G1)
  spectrum,         ///< Haar U, V and a prescribed spectrum (G2)
  kahan,            ///< Kahan's matrix: pivoted QR does not reveal its rank; and triangles that
                    ///< an unpivoted QR does not reveal (large diagonal, σ_min below the cut-off)
  lauchli,          ///< Läuchli's matrix [1ᵀ; μI]: breaks anything that forms XᵀX
  hilbert,          ///< Hilbert matrix rounded: numerically ambiguous rank
  vandermonde,      ///< integer nodes, some repeated: exact rank = #distinct nodes
  magic,            ///< MATLAB's magic(n): exact rank 3, n/2+2 or n
  zero,             ///< the zero matrix, any shape including empty ones
  tiny_values,      ///< 1×1 to 2×2 over {0, ±subnormals, ±smallest normal} (Eigen bug 286)
  dependent_columns ///< X = B·[I W]: the null space {(−Wz, z)} has a basis as ill-conditioned as X
};

/// The last source, for code that walks them all.
constexpr Source last_source = Source::dependent_columns;

inline const char* to_string(Source s) {
  switch (s) {
    case Source::integer_product: return "integer_product";
    case Source::spectrum: return "spectrum";
    case Source::kahan: return "kahan";
    case Source::lauchli: return "lauchli";
    case Source::hilbert: return "hilbert";
    case Source::vandermonde: return "vandermonde";
    case Source::magic: return "magic";
    case Source::zero: return "zero";
    case Source::tiny_values: return "tiny_values";
    case Source::dependent_columns: return "dependent_columns";
  }
  return "?";
}

}  // namespace nullity_test
