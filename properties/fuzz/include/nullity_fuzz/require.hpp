#pragma once
// A violated check in a harness must stop the run so that libFuzzer records the input: print
// what failed (one line, with the numbers) and trap. Exceptions are not used for this because
// the harnesses catch the library's documented exceptions.

#include <cstdarg>
#include <cstdio>

namespace nullity_fuzz {

/// Prints "nullity fuzz check failed: <what> (<file>:<line>): <details>" and traps.
[[noreturn]] __attribute__((format(printf, 4, 5))) inline void fail_check(const char* what, const char* file,
                                                                          int line, const char* format, ...) {
  std::fprintf(stderr, "nullity fuzz check failed: %s (%s:%d): ", what, file, line);
  va_list args;
  va_start(args, format);
  std::vfprintf(stderr, format, args);
  va_end(args);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  __builtin_trap();
}

}  // namespace nullity_fuzz

/// Stops the fuzzer with a one-line report unless `condition` holds; the rest of the arguments
/// are a printf format and its values describing the failure.
#define NULLITY_FUZZ_REQUIRE(condition, ...) \
  ((condition) ? void(0) : ::nullity_fuzz::fail_check(#condition, __FILE__, __LINE__, __VA_ARGS__))
