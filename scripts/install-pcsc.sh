#!/usr/bin/env bash
# Installs the PC/SC stack the reader client's tests run against: pcscd, the vsmartcard-vpcd
# virtual reader driver (TCP 127.0.0.1:35963, /etc/reader.conf.d/vpcd) and libpcsclite.
# Idempotent: does nothing when everything is already installed. Needs root (apt-get).
# The tests start and stop pcscd themselves (tests/ReaderClient.Tests/Pcsc/PcscdFixture.cs).
set -euo pipefail

packages=(pcscd vsmartcard-vpcd libpcsclite1 libpcsclite-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi

test -f /etc/reader.conf.d/vpcd || { echo "vpcd reader configuration missing: /etc/reader.conf.d/vpcd" >&2; exit 1; }
echo "PC/SC stack ready: $(pcscd --version 2>&1 | head -1)"
