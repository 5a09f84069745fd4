#pragma once
// The JSON of `--json` is nlohmann's ordered_json: keys keep the order they are set in, so the
// output is stable; a double prints in the shortest form that reads back to the same double,
// and a non-finite one as null (JSON has neither NaN nor infinity; docs/guide.md).

#include <string>

#include <Eigen/Core>
#include <nlohmann/json.hpp>

namespace nullity_cli {

using Json = nlohmann::ordered_json;

/// A vector as an array of numbers.
Json json_vector(const Eigen::VectorXd& v);

/// A matrix as an array of rows.
Json json_matrix(const Eigen::MatrixXd& M);

/// Indented by two spaces, with a final newline. Bytes that are not UTF-8 (in a file or array
/// name) print as U+FFFD, so the output is always valid JSON.
std::string json_text(const Json& j);

}  // namespace nullity_cli
