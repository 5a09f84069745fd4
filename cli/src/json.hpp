#pragma once
// A small JSON value and printer for `--json`: keys keep their insertion order (so the output
// is stable), doubles print with %.17g (they round-trip), non-finite doubles print as null.

#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

namespace nullity_cli {

class Json {
 public:
  enum class Kind { null, boolean, integer, number, string, array, object };

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : kind_(Kind::boolean), b_(b) {}
  Json(int i) : kind_(Kind::integer), i_(i) {}
  Json(long i) : kind_(Kind::integer), i_(i) {}
  Json(long long i) : kind_(Kind::integer), i_(i) {}
  Json(double d) : kind_(Kind::number), d_(d) {}
  Json(const char* s) : kind_(Kind::string), s_(s) {}
  Json(std::string s) : kind_(Kind::string), s_(std::move(s)) {}

  static Json array() { return Json(Kind::array); }
  static Json object() { return Json(Kind::object); }
  /// A vector as an array of numbers.
  static Json vector(const Eigen::VectorXd& v);
  /// A matrix as an array of rows.
  static Json matrix(const Eigen::MatrixXd& M);

  /// Appends to an array.
  Json& push(Json value);
  /// Appends a field to an object (keys are not de-duplicated: each is set once by the caller).
  Json& set(const std::string& key, Json value);

  /// Pretty-printed with two-space indentation; arrays of scalars stay on one line.
  std::string dump() const;

 private:
  explicit Json(Kind k) : kind_(k) {}
  void dump(std::string& out, int indent) const;
  bool is_scalar() const { return kind_ != Kind::array && kind_ != Kind::object; }

  Kind kind_ = Kind::null;
  bool b_ = false;
  long long i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> fields_;
};

}  // namespace nullity_cli
