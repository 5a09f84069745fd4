#!/usr/bin/env bash
# Line and region coverage of reference/ (the library and the readers) reached by replaying the
# fuzz corpora, with clang's source-based coverage (docs/fuzzing.md, "Coverage").
#
#   properties/fuzz/coverage.sh [build-dir [extra-corpus-root...]]
#
# build-dir defaults to build/fuzz-coverage; an extra corpus root holds <harness>/ directories
# (for example the corpora a long fuzzing run grew). Prints llvm-cov's per-file report.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/fuzz-coverage}
shift || true

cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE= \
  -DCMAKE_CXX_FLAGS="-O1 -g -fprofile-instr-generate -fcoverage-mapping" \
  -DNULLITY_BUILD_FUZZERS=ON -DNULLITY_BUILD_TESTS=OFF \
  -DNULLITY_BUILD_CLI=OFF -DNULLITY_BUILD_EXAMPLES=OFF -DNULLITY_BUILD_BENCHMARKS=OFF -DNULLITY_BUILD_CONFORMANCE=OFF >/dev/null
cmake --build "$build" --target nullity_fuzzers

profiles="$build/coverage-profiles"
rm -rf "$profiles"
mkdir -p "$profiles"
binaries=()
for bin in "$build"/bin/fuzz_*; do
  harness=$(basename "$bin")
  dirs=()
  for root in properties/fuzz/corpus properties/fuzz/regressions "$@"; do
    [ -d "$root/$harness" ] && dirs+=("$root/$harness")
  done
  [ "${#dirs[@]}" -gt 0 ] || continue
  # One process per input: an input that still fails a check (a finding not fixed yet) loses
  # only its own profile, not the whole replay's; a hang is cut off after a minute.
  count=0
  while IFS= read -r -d '' input; do
    LLVM_PROFILE_FILE="$profiles/$harness-%p.profraw" timeout 60 "$bin" "$input" >/dev/null 2>&1 || true
    count=$((count + 1))
  done < <(find "${dirs[@]}" -type f -print0)
  echo "coverage: $harness replayed $count inputs" >&2
  binaries+=("$bin")
done

llvm-profdata-14 merge -sparse "$profiles"/*.profraw -o "$build/fuzz.profdata"
objects=()
for bin in "${binaries[@]:1}"; do objects+=(-object "$bin"); done
llvm-cov-14 report "${binaries[0]}" "${objects[@]}" -instr-profile="$build/fuzz.profdata" \
  "$PWD/reference/src" "$PWD/reference/include"
