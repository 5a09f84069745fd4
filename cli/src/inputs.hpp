#pragma once
// Reading the user's files and attributing every failure to the file it came from, so that
// the message is "nullity: error: <file>: <what>" (exit 1).

#include <stdexcept>
#include <string>
#include <utility>

#include <Eigen/Core>
#include <nullity/invalid_input.hpp>
#include <nullity/io.hpp>

namespace nullity_cli {

/// Bad input data or file: exit 1, printed as "nullity: error: <file>: <what>".
class input_error : public std::runtime_error {
 public:
  input_error(std::string file, const std::string& what) : std::runtime_error(what), file_(std::move(file)) {}
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

/// Runs f(); a file_error, invalid_input or numerical_error it throws becomes an input_error
/// naming `file`.
template <class F>
auto attributed(const std::string& file, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const nullity::io::file_error& e) {
    throw input_error(file, e.what());
  } catch (const nullity::invalid_input& e) {
    throw input_error(file, e.what());
  } catch (const nullity::numerical_error& e) {
    throw input_error(file, e.what());
  }
}

Eigen::MatrixXd load_matrix(const std::string& path);
/// Y: a vector of length `rows`, every entry finite.
Eigen::VectorXd load_rhs(const std::string& path, Eigen::Index rows);
/// Checks that X has only finite entries (the message names the first bad one).
void require_finite(const Eigen::MatrixXd& X, const std::string& path);
/// Writes M atomically; failures name the output file.
void write_output(const std::string& path, const Eigen::MatrixXd& M);

}  // namespace nullity_cli
