#!/usr/bin/env bash
# Installs everything the build and the tests need, from Debian's and npm's registries only.
# Safe to run twice: each step checks whether its work is already done.
#   - apt packages (Emscripten 3.1.6, compilers, GoogleTest, nlohmann/json, fonts, Chromium,
#     nginx, wrk for the load benchmark; for passerelle-consent-log: cpp-httplib, SQLite, libpq,
#     libcrypto, and PostgreSQL's server for its tests' throwaway cluster)
#   - Dear ImGui 1.86 sources from Debian's source package, into third_party/imgui (ignored)
#   - npm packages from the committed package-lock.json
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=(
  build-essential cmake ninja-build pkg-config dpkg-dev
  clang libclang-rt-14-dev
  libgtest-dev nlohmann-json3-dev
  emscripten
  fonts-noto-core fonttools brotli
  chromium
  nginx wrk
  libcpp-httplib-dev libsqlite3-dev libpq-dev libssl-dev postgresql
)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: apt packages: ${missing[*]}"
  sudo_ apt-get update -qq
  # The site's nginx runs unprivileged, from the repo's config (scripts/nginx.mjs): the
  # package must not start Debian's own nginx on port 80 (nor PostgreSQL its own cluster:
  # the tests start a throwaway one, scripts/pg-cluster.sh). Where no policy-rc.d says
  # otherwise, one that refuses service starts is in place for this install only.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | sudo_ tee "$policy" >/dev/null
    sudo_ chmod 755 "$policy"
    trap 'sudo_ rm -f "$policy"' EXIT
  fi
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [ "$(trap -p EXIT)" ]; then sudo_ rm -f "$policy"; trap - EXIT; fi
fi

# Dear ImGui 1.86 from Debian's source package (the binary -dev package has no .cpp files).
imgui_dir="$root/third_party/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  echo "install-deps: fetching Dear ImGui sources (apt-get source imgui)"
  src_list=/etc/apt/sources.list.d/passerelle-deb-src.sources
  if ! grep -rqs "^Types:.*deb-src" /etc/apt/sources.list.d/ && ! grep -qs "^deb-src" /etc/apt/sources.list 2>/dev/null; then
    sudo_ tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    sudo_ apt-get update -qq
  fi
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get source -qq --download-only imgui >/dev/null && dpkg-source -x --skip-patches imgui_*.dsc imgui >/dev/null)
  mkdir -p "$imgui_dir"
  cp "$tmp"/imgui/*.cpp "$tmp"/imgui/*.h "$imgui_dir"/
  mkdir -p "$imgui_dir/misc/cpp" && cp "$tmp"/imgui/misc/cpp/* "$imgui_dir/misc/cpp/" 2>/dev/null || true
  rm -rf "$tmp"
fi
grep -q "IMGUI_VERSION " "$imgui_dir/imgui.h" && grep "define IMGUI_VERSION " "$imgui_dir/imgui.h" | sed 's/^/install-deps: /'

# npm packages, exactly as locked.
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "install-deps: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
echo "install-deps: ok"
