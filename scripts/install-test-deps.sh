#!/usr/bin/env bash
# Installs what the browser tests need and the package manager cannot restore: Chromium from the
# distribution (Playwright drives it through ExecutablePath; `playwright install` is never used).
# Idempotent: does nothing when /usr/bin/chromium exists. Needs root (or sudo) to install.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get update
run_as_root apt-get install -y --no-install-recommends chromium
test -x /usr/bin/chromium || { echo "chromium did not install to /usr/bin/chromium" >&2; exit 1; }
