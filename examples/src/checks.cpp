#include "checks.hpp"

#include <cmath>
#include <cstdio>

namespace nullity_examples {

std::string fmt(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  return buf;
}

std::string pad(const std::string& text, std::size_t width) {
  return text + std::string(text.size() < width ? width - text.size() : 1, ' ');
}

bool Checks::record(bool ok, const std::string& line) {
  (ok ? passed_ : failed_) += 1;
  out_ << "  [" << (ok ? "ok" : "FAIL") << "] " << line << '\n';
  return ok;
}

bool Checks::at_most(const std::string& what, double value, double bound, const std::string& source) {
  const bool ok = value <= bound;  // false for NaN
  return record(ok, what + " = " + fmt(value) + (ok ? " <= " : " > ") + fmt(bound) + "  (" + source + ")");
}

bool Checks::equal(const std::string& what, long long value, long long expected, const std::string& why) {
  return record(value == expected,
                what + " = " + std::to_string(value) + ", expected " + std::to_string(expected) + "  (" + why + ")");
}

bool Checks::holds(const std::string& what, bool ok, const std::string& why) {
  return record(ok, what + "  (" + why + ")");
}

bool Checks::summary() {
  out_ << "  " << passed_ << " checks passed, " << failed_ << " failed\n";
  return all_passed();
}

}  // namespace nullity_examples
