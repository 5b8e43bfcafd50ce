#!/usr/bin/env bash
# Installs the Debian packages CountyAtlas needs (only those missing) and builds it in Release.
# Used by ./run and ./test; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config
  libgdal-dev gdal-bin libproj-dev proj-bin libgeos-dev
  libglfw3-dev libgl-dev libepoxy-dev libgl1-mesa-dri libimgui-dev libstb-dev libcairo2-dev zlib1g-dev
  doctest-dev nlohmann-json3-dev libcli11-dev unicode-data libbz2-dev
  fonts-noto-cjk xvfb xauth poppler-utils libxlsxwriter-dev
  libpq-dev postgresql-15 postgresql-15-postgis-3
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build_testing=${CA_BUILD_TESTING:-OFF}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING="$build_testing" >/dev/null
cmake --build build -j"$(nproc)"
