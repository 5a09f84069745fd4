# Build flags for nullity's own targets, carried by one INTERFACE target instead of global
# flags, so a consumer of nullity::nullity never inherits them.
add_library(nullity_flags INTERFACE)
add_library(nullity::flags ALIAS nullity_flags)

target_compile_options(nullity_flags INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<AND:$<BOOL:${NULLITY_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)

if(NULLITY_SANITIZE)
  set(_nullity_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(nullity_flags INTERFACE ${_nullity_san}
    # GCC's flow analysis is confused by the sanitizers' instrumentation: with them, GCC 12 at -O1
    # reports "may be used uninitialized" inside libstdc++'s own <regex> (std::function moves in
    # regex_automaton.h). The release build keeps the warning; the sanitizers check the real thing.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(nullity_flags INTERFACE ${_nullity_san})
endif()

if(NULLITY_BUILD_FUZZERS)
  # The engine's link flags: libFuzzer by default; OSS-Fuzz / ClusterFuzzLite pass their
  # $LIB_FUZZING_ENGINE (and their own instrumentation in CXXFLAGS).
  set(NULLITY_FUZZ_ENGINE "-fsanitize=fuzzer" CACHE STRING "Link flags of the fuzzing engine for the harnesses")
  if(NULLITY_FUZZ_ENGINE STREQUAL "-fsanitize=fuzzer")
    # Coverage feedback from everything nullity compiles (the readers included), not only
    # from the harnesses; the harnesses link the libFuzzer runtime with -fsanitize=fuzzer.
    target_compile_options(nullity_flags INTERFACE -fsanitize=fuzzer-no-link)
  endif()
endif()
