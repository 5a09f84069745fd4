#pragma once
// Files of many matrices (.npz, .safetensors, and .npy stacks of 3 or more dimensions): their
// arrays as named matrices, for the commands that answer per array (rank, analyze, layers).

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace nullity_cli {

struct NamedMatrix {
  std::string name;  ///< the array's name, with [i] or [i,j,...] for a slice of a stack
  Eigen::MatrixXd X;
};

struct Layers {
  std::vector<NamedMatrix> matrices;  ///< in the file's order; 2-D arrays, then stacks' slices
  std::vector<std::string> notes;     ///< arrays not answered for, and why (1-D, 0-D, skipped dtypes)
};

/// Whether `path` holds many matrices: a .npz or .safetensors file, or a .npy of 3 or more
/// dimensions (reading it to find out). Other files hold one matrix.
bool holds_arrays(const std::string& path);

/// The matrices of a file: 2-D arrays as they are, arrays of 3 or more dimensions as stacks of
/// their last two, 0-D and 1-D arrays skipped with a note. Every matrix is checked finite and
/// within the command's size limit; failures name the file and the array.
Layers load_layers(const std::string& path);

}  // namespace nullity_cli
