#!/usr/bin/env bash
# Builds and runs the tests through ctest, one CMake workflow preset (configure, build, test)
# per stage:
#   ci     the release build with warnings as errors, every label but `deep`
#          (quick, property, teeth, cli, examples, bench)
#   asan   quick, property and cli under ASan + UBSan (the same seed and depth as ci)
#   fuzz   the libFuzzer harnesses: corpus replay plus a fixed-seed run of about a minute each
#          (label fuzz; clang-14)
#   scripts/test.sh            all three, in that order — what CI runs (.ci/run)
#   scripts/test.sh ci asan    only the named stages
set -euo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
[ "${#stages[@]}" -eq 0 ] && stages=(ci asan fuzz)
for stage in "${stages[@]}"; do
  case "$stage" in
    ci | asan | fuzz) ;;
    *) echo "test.sh: unknown stage '$stage' (expected ci, asan or fuzz)" >&2; exit 2 ;;
  esac
done
for stage in "${stages[@]}"; do
  echo "=== $stage"
  begin=$(date +%s)
  cmake --workflow --preset "$stage"
  echo "=== $stage: $(( $(date +%s) - begin )) s"
done
