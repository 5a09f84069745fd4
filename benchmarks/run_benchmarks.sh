#!/bin/sh
# Builds and runs the full speed suite and the accuracy sweep, then renders docs/results.md and
# docs/results/*.png. Run from the repository root:
#   benchmarks/run_benchmarks.sh [build-dir]        (default build/release)
# Extra Google Benchmark flags go in NULLITY_BENCH_ARGS, e.g.
#   NULLITY_BENCH_ARGS="--benchmark_repetitions=5" benchmarks/run_benchmarks.sh
# The full suite takes several minutes on one core; keep the machine otherwise idle.
set -eu
build=${1:-build/release}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target nullity_speed nullity_accuracy_sweep
mkdir -p docs/results
# shellcheck disable=SC2086
"$build/bin/nullity_speed" --benchmark_out=docs/results/speed.json --benchmark_out_format=json \
  ${NULLITY_BENCH_ARGS:---benchmark_repetitions=3}
"$build/bin/nullity_accuracy_sweep" docs/results/accuracy.json
"${PYTHON:-python3}" benchmarks/plot_results.py --speed docs/results/speed.json --accuracy docs/results/accuracy.json --out docs
