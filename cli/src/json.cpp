#include "json.hpp"

#include <cmath>
#include <cstdio>

namespace nullity_cli {
namespace {

void quote(std::string& out, const std::string& s) {
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += ch;
    }
  }
  out += '"';
}

}  // namespace

Json Json::vector(const Eigen::VectorXd& v) {
  Json a = array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push(v(i));
  return a;
}

Json Json::matrix(const Eigen::MatrixXd& M) {
  Json a = array();
  for (Eigen::Index i = 0; i < M.rows(); ++i) a.push(vector(M.row(i).transpose()));
  return a;
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

Json& Json::set(const std::string& key, Json value) {
  fields_.emplace_back(key, std::move(value));
  return *this;
}

std::string Json::dump() const {
  std::string out;
  dump(out, 0);
  out += '\n';
  return out;
}

void Json::dump(std::string& out, int indent) const {
  const std::string pad(static_cast<std::size_t>(indent + 2), ' '), end_pad(static_cast<std::size_t>(indent), ' ');
  switch (kind_) {
    case Kind::null: out += "null"; return;
    case Kind::boolean: out += b_ ? "true" : "false"; return;
    case Kind::integer: out += std::to_string(i_); return;
    case Kind::number: {
      if (!std::isfinite(d_)) {
        out += "null";  // JSON has no NaN or infinity (documented in docs/guide.md)
        return;
      }
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", d_);
      out += buffer;
      return;
    }
    case Kind::string: quote(out, s_); return;
    case Kind::array: {
      bool flat = true;
      for (const Json& item : items_) flat = flat && item.is_scalar();
      out += '[';
      for (std::size_t k = 0; k < items_.size(); ++k) {
        if (k > 0) out += flat ? ", " : ",";
        if (!flat) out += "\n" + pad;
        items_[k].dump(out, indent + 2);
      }
      if (!flat && !items_.empty()) out += "\n" + end_pad;
      out += ']';
      return;
    }
    case Kind::object: {
      out += '{';
      for (std::size_t k = 0; k < fields_.size(); ++k) {
        out += k > 0 ? ",\n" : "\n";
        out += pad;
        quote(out, fields_[k].first);
        out += ": ";
        fields_[k].second.dump(out, indent + 2);
      }
      if (!fields_.empty()) out += "\n" + end_pad;
      out += '}';
      return;
    }
  }
}

}  // namespace nullity_cli
