#!/bin/sh
# Builds and runs the full speed suite and the accuracy sweep, then renders docs/results.md and
# docs/results/*.png. Run from the repository root:
#   benchmarks/run_benchmarks.sh [build-dir]        (default build/release)
# Extra Google Benchmark flags go in NULLITY_BENCH_ARGS, e.g.
#   NULLITY_BENCH_ARGS="--benchmark_repetitions=5" benchmarks/run_benchmarks.sh
# The full suite takes several minutes on one core; keep the machine otherwise idle.
# Only the rows of results.md's "Pay only for what you ask" table (nullity vs the cheapest LAPACK
# route), into docs/results/pay.json, which the table is then drawn from (the other sections
# keep the full run's speed.json):
#   benchmarks/run_benchmarks.sh --pay [build-dir]
# (the filter is plot_results.py's PAY_FILTER).
set -eu
pay=false
if [ "${1:-}" = --pay ]; then
  pay=true
  shift
fi
build=${1:-build/release}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target nullity_speed nullity_accuracy_sweep
mkdir -p docs/results
if $pay; then
  filter=$("${PYTHON:-python3}" -c 'import sys; sys.path.insert(0, "benchmarks"); import plot_results; print(plot_results.PAY_FILTER)')
  # shellcheck disable=SC2086
  "$build/bin/nullity_speed" --benchmark_filter="$filter" --benchmark_out=docs/results/pay.json \
    --benchmark_out_format=json ${NULLITY_BENCH_ARGS:---benchmark_repetitions=3}
else
  # shellcheck disable=SC2086
  "$build/bin/nullity_speed" --benchmark_out=docs/results/speed.json --benchmark_out_format=json \
    ${NULLITY_BENCH_ARGS:---benchmark_repetitions=3}
  "$build/bin/nullity_accuracy_sweep" docs/results/accuracy.json
  rm -f docs/results/pay.json  # the full run has the table's rows, from the same commit
fi
"${PYTHON:-python3}" benchmarks/plot_results.py --speed docs/results/speed.json --accuracy docs/results/accuracy.json --out docs
