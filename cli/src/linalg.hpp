#pragma once
// The figures the reports print about a matrix and its computed subspaces, each with its
// definition; all in double precision.

#include <Eigen/Core>
#include <nullity/spectral_measures.hpp>

namespace nullity_cli {

/// ‖A‖₂ = σ_max(A) (0 for an empty matrix), from the singular values only.
double norm2(const Eigen::MatrixXd& A);
/// ‖ZᵀZ − I‖₂ for Z with k columns (0 for k = 0): the loss of orthonormality.
double orthonormality_loss(const Eigen::MatrixXd& Z);
/// ‖QᵀZ‖₂ for Q, Z with orthonormal columns: 0 when span Q ⟂ span Z. With Q one path's row
/// space and Z another's null space of the same dimension, it is the sine of the largest
/// principal angle between the two null spaces (= ‖Z₁Z₁ᵀ − Z₂Z₂ᵀ‖₂).
double cross_norm(const Eigen::MatrixXd& Q, const Eigen::MatrixXd& Z);
using nullity::effective_rank;  // exp of the entropy of s_i / Σ s_j (Roy & Vetterli)
using nullity::stable_rank;     // ‖X‖_F² / ‖X‖₂² (Rudelson & Vershynin)

}  // namespace nullity_cli
