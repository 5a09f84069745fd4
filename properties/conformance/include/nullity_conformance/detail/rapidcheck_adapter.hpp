#pragma once
// The one place the kit uses rapidcheck's private API (rc::detail). The kit must run a property
// with a seed and a case count it chooses, and read back the counterexample, the shrunk case's
// replay string and the counts, which rapidcheck's public API (rc::check, RC_GTEST_PROP) prints
// but does not return. The calls below are those of the rapidcheck Debian 12 ships (a 2021
// snapshot); a later rapidcheck that changes them needs changes here only.

#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <unordered_map>

#include <rapidcheck.h>

namespace rc::detail {
// rapidcheck's own encoding of RC_PARAMS="reproduce=…" (src/detail/Serialization), which its
// headers do not declare.
std::string reproduceMapToString(const std::unordered_map<std::string, Reproduce>& reproduceMap);
}  // namespace rc::detail

namespace nullity_conformance::detail::rapidcheck {

/// How a property is run.
struct Params {
  std::uint64_t seed = 0;
  int max_success = 100;
  bool shrink = true;
};

/// What rapidcheck concluded.
struct Outcome {
  enum class Kind { passed, failed, gave_up } kind = Kind::gave_up;
  int successes = 0;      ///< successful cases (before the failing one, for a failure)
  std::string report;     ///< rapidcheck's message: the shrunk counterexample, or why it gave up
  std::string reproduce;  ///< for a failure: the RC_PARAMS="reproduce=…" value that replays it
};

/// RC_PARAMS as rapidcheck read it (its defaults where RC_PARAMS is silent).
inline Params configured() {
  const rc::detail::TestParams& p = rc::detail::configuration().testParams;
  return {p.seed, p.maxSuccess, !p.disableShrinking};
}

/// Runs `body` as the property `id` (the name RC_PARAMS="reproduce=…" uses). `on_failure` runs
/// inside every failing case, shrinking steps included: rapidcheck accepts each failing shrink
/// candidate, so the last call sees the shrunk counterexample. A body's RC_PRE is a discard, not
/// a failure; any other exception it throws fails the case.
inline Outcome check(const std::function<void()>& body, const std::function<void()>& on_failure,
                     const std::string& id, const std::string& description, const Params& params) {
  rc::detail::TestParams p;
  p.seed = params.seed;
  p.maxSuccess = params.max_success;
  p.disableShrinking = !params.shrink;
  rc::detail::TestMetadata meta;
  meta.id = id;
  meta.description = description;
  const auto result = rc::detail::checkProperty(rc::detail::toProperty([body, on_failure] {
                                                  try {
                                                    body();
                                                  } catch (const rc::detail::CaseResult& r) {
                                                    if (r.type == rc::detail::CaseResult::Type::Failure) on_failure();
                                                    throw;
                                                  } catch (const rc::GenerationFailure&) {
                                                    throw;  // a discard
                                                  } catch (...) {
                                                    on_failure();
                                                    throw;
                                                  }
                                                }),
                                                meta, p);
  Outcome out;
  std::ostringstream report;
  rc::detail::printResultMessage(result, report);
  out.report = report.str();
  if (result.is<rc::detail::SuccessResult>()) {
    out.kind = Outcome::Kind::passed;
    out.successes = result.get<rc::detail::SuccessResult>().numSuccess;
  } else if (result.is<rc::detail::FailureResult>()) {
    const auto& failure = result.get<rc::detail::FailureResult>();
    out.kind = Outcome::Kind::failed;
    out.successes = failure.numSuccess;
    out.reproduce = rc::detail::reproduceMapToString({{id, failure.reproduce}});
  }
  return out;
}

}  // namespace nullity_conformance::detail::rapidcheck
