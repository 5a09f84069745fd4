#!/usr/bin/env bash
# Installs every build and test dependency of nullity from Debian 12 packages.
# Idempotent: packages already present are left as they are. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  help2man dpkg-dev file
  libeigen3-dev libboost-dev libgmp-dev libmpfr-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  liblapacke-dev libopenblas-dev
  libzip-dev nlohmann-json3-dev libcli11-dev
  clang-14 libclang-rt-14-dev llvm-14
  python3 python3-numpy python3-matplotlib python3-sklearn
  python3-dev python3-pybind11 pybind11-dev python3-pytest python3-scipy python3-torch
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
