#!/usr/bin/env bash
# Reproduces the watch-over figures of docs/benchmarks.md (issue 5): starts a throw-away
# PostgreSQL cluster and the Silo (Release, PostgreSQL storage), runs the load generator's
# `watch` subcommand (family clients on /hubs/watch, open-loop touches by watched residents),
# prints `uptime` before and after, and stops everything again, even when a step fails.
#
#   benchmarks/run-watch-load.sh [OUT.md] [generator options...]
#   e.g. benchmarks/run-watch-load.sh artifacts/watch-load.md --rate 5000 --families 1000 --seconds 20
#
# Logs of the Silo are kept in the printed work directory.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-artifacts/watch-load.md}
[ $# -gt 0 ] && shift
mkdir -p "$(dirname "$out")"

# shellcheck source=benchmarks/load-run-common.sh
source benchmarks/load-run-common.sh
build_release src/Silo benchmarks/LoadGenerator
start_postgres
# Every simulated family logs in from this one address: lift the per-address login limit.
start_silo RateLimits__Login__PermitLimit=1000000

echo "uptime before: $(uptime)" | tee -a "$work/uptime.txt"
dotnet benchmarks/LoadGenerator/bin/Release/net10.0/LoCoPi.LoadGenerator.dll watch --target "$silo_url" --out "$out" "$@"
echo "uptime after: $(uptime)" | tee -a "$work/uptime.txt"
cat "$work/uptime.txt" >> "$out"
