#!/usr/bin/env bash
# Builds and runs every test: the release build with warnings as errors (all labels but deep),
# the same tests under AddressSanitizer + UndefinedBehaviorSanitizer, and the fuzz harnesses
# (corpus replay and a bounded fuzzing run). Each stage is a CMake workflow preset.
set -euo pipefail
cd "$(dirname "$0")/.."
for workflow in ci asan fuzz; do
  echo "=== workflow $workflow"
  cmake --workflow --preset "$workflow"
done
