#!/usr/bin/env bash
# The package as an outside user meets it (scripts/test.sh, stage package):
#  1. a build with tests off, installed into a fresh prefix;
#  2. tests/consumer — the quickstart and a conformance test of a small correct solver — configured
#     against that prefix with find_package(nullity CONFIG REQUIRED) alone, built and run by ctest;
#  3. COMPONENTS core finds Eigen and nothing else; pkg-config: the core's flags compile a program;
#  4. the Python package imports from the prefix's site-packages and runs the kit there;
#  5. the Debian package (cpack -G DEB) holds the same tree and declares its dependencies.
# Usage: scripts/package_check.sh
# Directories: build/package (nullity, tests off: at the depth of build/ci, so that ccache's
# relative paths match and the ci stage's objects are reused), build/package-check (the prefix,
# the consumer and the checks).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$PWD/build/package
work=$PWD/build/package-check
prefix=$work/prefix
mkdir -p "$work"

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNULLITY_WERROR=ON -DBUILD_TESTING=OFF \
      -DCMAKE_INSTALL_PREFIX="$prefix"
cmake --build "$build"
rm -rf "$prefix"
cmake --install "$build"

for f in bin/nullity share/man/man1/nullity.1.gz include/nullity/nullity.hpp include/nullity_conformance/kit.hpp \
         lib/cmake/nullity/nullityConfig.cmake lib/cmake/nullity/nullityConfigVersion.cmake \
         lib/pkgconfig/nullity.pc share/nullity/data/seeds/example55_X.npy; do
  [ -e "$prefix/$f" ] || { echo "package: $f is not installed" >&2; exit 1; }
done
"$prefix/bin/nullity" demo > "$work/demo.txt"  # the installed command finds its installed data

# The Python package from the prefix alone (run outside the source tree), with the interpreter it was built for.
python=$(sed -n 's/^Python3_EXECUTABLE:[A-Z]*=//p' "$build/CMakeCache.txt")
site=$prefix/lib/python3/dist-packages
for f in nullity/__init__.py nullity/nullity_kit; do
  [ -e "$site/$f" ] || { echo "package: $f is not installed in $site" >&2; exit 1; }
done
(cd "$work" && PYTHONPATH=$site "$python" -c '
import nullity, numpy as np
assert nullity.__file__.startswith("'"$site"'"), nullity.__file__
assert nullity.rank([[1.0, 2.0], [2.0, 4.0]]) == 1
report = nullity.conformance.check(name="lstsq", solve=lambda X, y: np.linalg.lstsq(X, y, rcond=None)[0],
                                   only=["P13"], max_success=20)
assert report.passed, report
print("package: import nullity from", nullity.__file__)')

rm -rf "$work/consumer"
cmake -S tests/consumer -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
cmake --build "$work/consumer"
tests=$(ctest --test-dir "$work/consumer" -N -L conformance | sed -n 's/^Total Tests: //p')
[ "${tests:-0}" -ge 15 ] || { echo "package: only ${tests:-0} tests labelled conformance" >&2; exit 1; }
ctest --test-dir "$work/consumer" --output-on-failure -j2 --no-tests=error

# Asking for the core alone looks for nothing but Eigen; an unknown component is an error that says so.
mkdir -p "$work/core-only"
cat > "$work/core-only/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(core_only LANGUAGES CXX)
find_package(nullity CONFIG REQUIRED COMPONENTS core)
foreach(t nullity::io nullity::lapack nullity::oracle nullity::conformance PkgConfig::GMP PkgConfig::MPFR PkgConfig::LAPACKE PkgConfig::LIBZIP GTest::gtest rapidcheck)
  if(TARGET ${t})
    message(FATAL_ERROR "COMPONENTS core brought in ${t}")
  endif()
endforeach()
find_package(nullity CONFIG COMPONENTS no_such_part)
if(nullity_FOUND OR NOT nullity_NOT_FOUND_MESSAGE MATCHES "no_such_part")
  message(FATAL_ERROR "an unknown component was not refused: '${nullity_NOT_FOUND_MESSAGE}'")
endif()
CMAKE
cmake -S "$work/core-only" -B "$work/core-only/build" -DCMAKE_PREFIX_PATH="$prefix" > "$work/core-only.log" 2>&1 \
  || { cat "$work/core-only.log"; exit 1; }

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
cflags=$(pkg-config --cflags nullity)
echo "pkg-config --cflags nullity: $cflags"
printf '#include <nullity/nullity.hpp>\nint main() { return int(nullity::rank(Eigen::MatrixXd::Identity(3, 3))) - 3; }\n' \
  > "$work/pc_check.cpp"
# shellcheck disable=SC2086  # pkg-config's output is a list of flags
c++ -std=c++17 $cflags "$work/pc_check.cpp" -o "$work/pc_check"
"$work/pc_check"

(cd "$build" && cpack -G DEB > /dev/null)
deb=$(ls "$build"/nullity_*.deb)
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Depends|Recommends):'
dpkg-deb --contents "$deb" > "$work/deb-contents.txt"
for f in ./usr/bin/nullity ./usr/share/man/man1/nullity.1.gz ./usr/include/nullity/nullity.hpp \
         ./usr/lib/cmake/nullity/nullityConfig.cmake ./usr/lib/pkgconfig/nullity.pc \
         ./usr/lib/python3/dist-packages/nullity/__init__.py ./usr/lib/python3/dist-packages/nullity/nullity_kit; do
  grep -q " $f\$" "$work/deb-contents.txt" || { echo "package: the .deb lacks $f" >&2; exit 1; }
done
echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KiB, $(grep -vc '/$' "$work/deb-contents.txt") files"
