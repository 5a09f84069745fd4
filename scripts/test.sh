#!/usr/bin/env bash
# Builds and runs the tests through ctest.
#   scripts/test.sh          the release build with warnings as errors, every label but `deep`
#                            (quick, property, teeth, cli, examples, bench) — what CI runs
#   scripts/test.sh --full   also the same tests under ASan + UBSan (`asan` preset, fewer
#                            property cases) and the fuzz harnesses (`fuzz` preset, label fuzz)
# Each stage is a CMake workflow preset (configure, build, test).
set -euo pipefail
cd "$(dirname "$0")/.."
workflows=(ci)
[ "${1:-}" = "--full" ] && workflows+=(asan fuzz)
for workflow in "${workflows[@]}"; do
  echo "=== workflow $workflow"
  cmake --workflow --preset "$workflow"
done
