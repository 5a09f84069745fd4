#pragma once
// The commands of `nullity`; each returns its whole output (printed only on success).

#include "arguments.hpp"
#include "report.hpp"

namespace nullity_cli {

Result run_rank(const Arguments& a);
Result run_null(const Arguments& a);
Result run_solve(const Arguments& a);
Result run_analyze(const Arguments& a);
Result run_layers(const Arguments& a);
Result run_compare(const Arguments& a);
Result run_demo(const Arguments& a);

}  // namespace nullity_cli
