// Checks that a walkthrough prints as it makes them: the figure, the bound it is held to, the
// source of the bound, and ok/FAIL. A walkthrough passes when every check passed.
#pragma once

#include <ostream>
#include <string>

namespace nullity_examples {

/// `value` with `digits` significant digits (printf %.*g).
std::string fmt(double value, int digits = 3);
/// `text` padded with spaces to `width` characters (at least one space after it).
std::string pad(const std::string& text, std::size_t width);

class Checks {
 public:
  explicit Checks(std::ostream& out) : out_(out) {}

  /// value ≤ bound, with the bound's source. NaN never passes.
  bool at_most(const std::string& what, double value, double bound, const std::string& source);
  /// An exact (integer) figure against the value known by construction or by theorem.
  bool equal(const std::string& what, long long value, long long expected, const std::string& why);
  /// A statement that is true or false, with the reason it must hold.
  bool holds(const std::string& what, bool ok, const std::string& why);

  bool all_passed() const { return failed_ == 0; }
  /// Prints the tally; returns all_passed().
  bool summary();

 private:
  bool record(bool ok, const std::string& line);
  std::ostream& out_;
  int passed_ = 0;
  int failed_ = 0;
};

}  // namespace nullity_examples
