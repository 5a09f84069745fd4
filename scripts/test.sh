#!/usr/bin/env bash
# Builds and runs the tests through ctest, one CMake workflow preset (configure, build, test)
# per stage:
#   ci     the release build with warnings as errors, every label but `deep`
#          (quick, property, teeth, cli, examples, bench)
#   package  install with tests off into a fresh prefix, then build and run an outside project
#          against it (find_package, pkg-config) and build the .deb (scripts/package_check.sh)
#   asan   quick, property and cli under ASan + UBSan (the same seed and depth as ci), for float,
#          double and long double: the Boost.Multiprecision suites run in ci only (the same
#          templates; under ASan they would mostly check Boost's own memory handling, and they
#          are the slowest translation units to compile)
#   fuzz   the libFuzzer harnesses: corpus replay plus a fixed-seed run of about a minute each
#          (label fuzz; clang-14)
#   scripts/test.sh            all four, in that order — what CI runs (.ci/run)
#   scripts/test.sh ci asan    only the named stages
set -euo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
[ "${#stages[@]}" -eq 0 ] && stages=(ci package asan fuzz)
for stage in "${stages[@]}"; do
  case "$stage" in
    ci | package | asan | fuzz) ;;
    *) echo "test.sh: unknown stage '$stage' (expected ci, package, asan or fuzz)" >&2; exit 2 ;;
  esac
done
for stage in "${stages[@]}"; do
  echo "=== $stage"
  begin=$(date +%s)
  if [ "$stage" = package ]; then
    bash scripts/package_check.sh
  else
    cmake --workflow --preset "$stage"
  fi
  echo "=== $stage: $(( $(date +%s) - begin )) s"
done
