#!/usr/bin/env bash
# Installs what the build and the browser tests need and the package manager cannot restore: npm
# (src/Web's build runs `npm ci` for the SignalR browser client), Chromium from the distribution
# (Playwright drives it through ExecutablePath; `playwright install` is never used) and a Japanese
# font (IPA Gothic), so the dashboard screenshots show text rather than empty boxes.
# Idempotent: does nothing when all are present. Needs root (or sudo) to install.
set -euo pipefail

missing=()
command -v npm >/dev/null || missing+=(nodejs npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/fonts/opentype/ipafont-gothic/ipag.ttf ] || [ -e /usr/share/fonts/truetype/fonts-japanese-gothic.ttf ] \
  || missing+=(fonts-ipafont-gothic)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get update
run_as_root apt-get install -y --no-install-recommends "${missing[@]}"
test -x /usr/bin/chromium || { echo "chromium did not install to /usr/bin/chromium" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm did not install" >&2; exit 1; }
