#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build script: the harnesses of properties/fuzz, built by the same
# CMake code as the fuzz preset, but with the service's compiler ($CXX), flags ($CXXFLAGS:
# its sanitizer and coverage instrumentation) and engine ($LIB_FUZZING_ENGINE). Each harness
# goes to $OUT with its seed corpus (corpus/ and regressions/, zipped) and its dictionary.
src="$SRC/nullity"
build="$WORK/nullity-build"

# No CMAKE_BUILD_TYPE: $CXXFLAGS alone sets optimisation and instrumentation (CMake reads it
# from the environment), and without NDEBUG Eigen's assertions stay on while fuzzing.
cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE= \
  -DNULLITY_BUILD_FUZZERS=ON \
  -DNULLITY_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" \
  -DNULLITY_BUILD_TESTS=OFF -DNULLITY_BUILD_CLI=OFF \
  -DNULLITY_BUILD_EXAMPLES=OFF -DNULLITY_BUILD_BENCHMARKS=OFF -DNULLITY_BUILD_CONFORMANCE=OFF
cmake --build "$build" --target nullity_fuzzers -j"$(nproc)"

for harness in "$build"/bin/fuzz_*; do
  name=$(basename "$harness")
  cp "$harness" "$OUT/$name"
  seeds=()
  for dir in corpus regressions; do
    [ -d "$src/properties/fuzz/$dir/$name" ] && seeds+=("$src/properties/fuzz/$dir/$name")
  done
  # fuzz_solver reads the same problem encoding as fuzz_factorize and starts from its seeds.
  [ "$name" = fuzz_solver ] && seeds+=("$src/properties/fuzz/corpus/fuzz_factorize")
  if [ "${#seeds[@]}" -gt 0 ]; then
    zip -q -j -r "$OUT/${name}_seed_corpus.zip" "${seeds[@]}"
  fi
  dict="$src/properties/fuzz/dict/${name#fuzz_}.dict"
  if [ -f "$dict" ]; then
    cp "$dict" "$OUT/$name.dict"
  fi
done
