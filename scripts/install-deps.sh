#!/usr/bin/env bash
# Installs the system packages Haven builds against, when they are missing and we can.
# Debian/Ubuntu: libsqlite3-dev (GRDB links the system SQLite), libssl-dev.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "Swift is not on PATH. Install the Swift 6.1+ toolchain (https://www.swift.org/install/) and try again." >&2
  exit 69
fi

# Test tools: pyhpke, an independent HPKE implementation for the interoperability test;
# schemathesis, which tests `haven serve` against its OpenAPI document; chromium and
# websocket-client, which drive the dashboard and inbox pages in a real browser.
pip_install() {
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "$1" 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --user "$1"
}
install_python_tools() {
  command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the tests." >&2; exit 69; }
  if ! python3 -c "import pyhpke" 2>/dev/null; then
    echo "Installing pyhpke with pip…" >&2
    pip_install "pyhpke>=0.6,<0.7"
  fi
  if ! python3 -c "import schemathesis" 2>/dev/null; then
    echo "Installing schemathesis with pip…" >&2
    pip_install "schemathesis>=4.3,<5"
  fi
  if ! python3 -c "import websocket" 2>/dev/null; then
    echo "Installing websocket-client with pip…" >&2
    pip_install "websocket-client>=1.6,<2"
  fi
  # A headless browser for the dashboard and inbox tests: Debian's chromium.
  if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
      echo "Installing chromium with apt-get…" >&2
      { apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }; } >/dev/null 2>&1 \
        || echo "Could not install chromium; the browser test will fail." >&2
    else
      echo "chromium is missing: run as root, or apt-get install chromium; the browser test will fail." >&2
    fi
  fi
}
[ "${1:-}" = "--test-tools" ] && install_python_tools

# Benchmark tools: wrk (Debian's package) drives `haven serve` in `make bench`.
if [ "${1:-}" = "--bench-tools" ] && ! command -v wrk >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "Installing wrk with apt-get…" >&2
    { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; } >/dev/null 2>&1 || echo "Could not install wrk; the HTTP figures will be skipped." >&2
  else
    echo "wrk is not installed (apt-get install wrk); the HTTP figures will be skipped." >&2
  fi
fi

needed=(libsqlite3-dev libssl-dev)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}. Install them with your package manager and try again." >&2
  exit 69
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "Missing system packages: ${missing[*]}. Run as root: apt-get install -y ${missing[*]}" >&2
  exit 77
fi
echo "Installing ${missing[*]} with apt-get…" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
