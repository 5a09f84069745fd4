#pragma once
// Files of many matrices (.npz, .safetensors, and .npy stacks of 3 or more dimensions): their
// arrays as named matrices, for the commands that answer per array (rank, analyze, layers).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "report.hpp"

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

/// What a command reports for one matrix: its text and its JSON object.
struct MatrixReport {
  std::string text;
  Json json;
};

/// One report per matrix of `layers` (`one` gets the matrix and the JSON fields that come
/// first, its name): the texts one after another, or with `json` the object
/// {"file": path, "arrays": [...]}; the skipped arrays go to the note.
Result report_per_array(const std::string& path, const Layers& layers, bool json,
                        const std::function<MatrixReport(const NamedMatrix&, Json start)>& one);

}  // namespace nullity_cli
