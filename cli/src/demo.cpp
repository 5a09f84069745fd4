// demo: the seed walkthroughs, from the examples library when it is built with the command.

#include <sstream>

#include "commands.hpp"
#include "arguments.hpp"

#ifdef NULLITY_HAVE_EXAMPLES
#include <nullity_examples/walkthroughs.hpp>
#endif

namespace nullity_cli {

Result run_demo(const Arguments& a) {
#ifdef NULLITY_HAVE_EXAMPLES
  const auto& all = nullity_examples::walkthroughs();
  const std::string wanted = a.positional.empty() ? "" : a.positional[0];
  std::ostringstream out;
  Result r;
  bool found = wanted.empty();
  for (const auto& w : all) {
    if (!wanted.empty() && w.name != wanted) continue;
    found = true;
    out << "== " << w.name << ": " << w.title << " ==\n";
    const bool ok = w.run(out);
    out << (ok ? "-- checks passed\n\n" : "-- CHECK FAILED\n\n");
    if (!ok) r.status = 1;
  }
  if (!found) {
    std::string names;
    for (const auto& w : all) names += (names.empty() ? "" : ", ") + w.name;
    throw usage_error("no walkthrough named '" + wanted + "' (available: " + names + ")");
  }
  r.out = out.str();
  if (r.status != 0) r.note = "a walkthrough's check failed (see the output above)";
  return r;
#else
  (void)a;
  Result r;
  r.note = "this nullity was built without the seed walkthroughs (the examples library), so demo has nothing to run";
  r.status = 1;
  return r;
#endif
}

}  // namespace nullity_cli
