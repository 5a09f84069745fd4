#include "json.hpp"

namespace nullity_cli {

Json json_vector(const Eigen::VectorXd& v) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(v(i));
  return a;
}

Json json_matrix(const Eigen::MatrixXd& M) {
  Json a = Json::array();
  for (Eigen::Index i = 0; i < M.rows(); ++i) a.push_back(json_vector(M.row(i).transpose()));
  return a;
}

std::string json_text(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

}  // namespace nullity_cli
