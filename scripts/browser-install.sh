#!/usr/bin/env bash
# Provides Debian's headless-capable Chromium for the browser test of the HTML drift report
# (test/cli/report-browser.test.ts). Prints the browser's path on its last line.
#
# - Reuses `chromium` (or $CHROMIUM) when it is on the machine already.
# - Else installs Debian's `chromium` package with apt-get, as root (CI and the developers' machines run as root),
#   or through `sudo -n` where that works without a password. No browser download of its own: only the package.
# - Else it says what to install and exits 1.
set -euo pipefail

found() {
  local c
  for c in "${CHROMIUM:-}" chromium chromium-browser; do
    [[ -n "$c" ]] && command -v "$c" >/dev/null 2>&1 && { command -v "$c"; return 0; }
  done
  return 1
}

if path="$(found)"; then
  echo "browser:install: reusing $path ($("$path" --version 2>/dev/null || echo 'version unknown'))" >&2
  echo "$path"
  exit 0
fi

if [[ "$(id -u)" == 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "browser:install: no chromium on PATH; install Debian's chromium package (apt-get install chromium) or set CHROMIUM to a Chromium binary" >&2
  exit 1
fi
command -v apt-get >/dev/null 2>&1 || {
  echo "browser:install: no chromium on PATH and no apt-get; install Chromium with your package manager or set CHROMIUM" >&2
  exit 1
}
export DEBIAN_FRONTEND=noninteractive
echo "browser:install: installing Debian's chromium package" >&2
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >&2
path="$(found)" || { echo "browser:install: chromium is still not on PATH after apt-get install" >&2; exit 1; }
echo "browser:install: $("$path" --version 2>/dev/null || echo installed)" >&2
echo "$path"
