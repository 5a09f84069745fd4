#!/bin/sh
# Builds and runs the full speed suite and the accuracy sweep, then renders docs/results.md and
# docs/results/*.png. Run from the repository root:
#   benchmarks/run_benchmarks.sh [build-dir]        (default build/release)
# Extra Google Benchmark flags go in NULLITY_BENCH_ARGS, e.g.
#   NULLITY_BENCH_ARGS="--benchmark_repetitions=5" benchmarks/run_benchmarks.sh
# The full suite takes several minutes on one core; keep the machine otherwise idle.
# Only the rows of results.md's "Pay only for what you ask" table (nullity vs the cheapest LAPACK
# route; the other sections then say their data is missing):
#   NULLITY_BENCH_ARGS='--benchmark_filter=^(Rank/(svd|qr|gesdd|qp3)|NullSpace/(svd|qr|gesdd|gesvd|qp3)|MinNorm/(svd|qr|gelsd|gelsy))/(1000x1000/r(1000|500)|2000x1000/r1000|1000x2000/r500|2500x2500/r(2500|1250))$ --benchmark_repetitions=3' \
#     benchmarks/run_benchmarks.sh
# (plot_results.py's PAY_FILTER is the same expression.)
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
