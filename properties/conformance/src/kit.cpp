// The kit's non-template parts: the configuration from the environment and the summary line.

#include <cstdlib>
#include <sstream>
#include <string>

#include "nullity_conformance/detail/rapidcheck_adapter.hpp"
#include "nullity_conformance/kit.hpp"

namespace nullity_conformance {

const std::uint64_t default_seed = NULLITY_CONFORMANCE_SEED;

Config Config::from_environment() {
  Config c;
  c.seed = default_seed;
  // rapidcheck draws a random seed when RC_PARAMS names none; the kit's runs are reproducible
  // by default, by hand as under ctest. Without RC_PARAMS rapidcheck's defaults hold.
  if (const char* params = std::getenv("RC_PARAMS"); params && *params) {
    const detail::rapidcheck::Params p = detail::rapidcheck::configured();
    c.max_success = p.max_success;
    c.shrink = p.shrink;
    if ((" " + std::string(params)).find(" seed=") != std::string::npos) c.seed = p.seed;
  }
  const char* size = std::getenv("NULLITY_CONFORMANCE_SIZE");
  if (size) {
    int r = 0, k = 0;
    char x = 0;
    std::istringstream is(size);
    if (is >> r >> x >> k && x == 'x' && r > 0 && k > 0) c.max_rows = r, c.max_cols = k;
  }
  return c;
}

std::string summary_line(const std::string& solver, const PropertyResult& r) {
  std::ostringstream os;
  os << "[conformance] " << solver << " " << r.id << " " << r.name << ": ";
  if (r.skipped) return os.str() + r.note;
  if (r.passed)
    os << "passed, " << r.cases << " cases";
  else if (r.note.empty())
    os << "FAILED after " << r.cases << " cases";
  else
    os << r.note << " after " << r.cases << " cases";
  os << ", " << r.discards << " discarded, worst passing ratio " << r.worst_ratio;
  if (!r.worst_what.empty()) os << " (" << r.worst_what << ")";
  os << ", seed " << r.seed;
  return os.str();
}

}  // namespace nullity_conformance
