#!/usr/bin/env bash
# Reproduces the touch table of docs/benchmarks.md with one command: starts a throw-away
# PostgreSQL cluster, the Silo (Release, PostgreSQL storage, empty endpoint on) and the naive
# baseline on that cluster, runs the load generator against all three one after another, and
# stops everything again, even when a step fails.
#
#   benchmarks/run-touch-load.sh [OUT.md] [generator options...]
#   e.g. benchmarks/run-touch-load.sh artifacts/touch-load.md --readers 64 --seconds 15
#
# Logs of the servers are kept in the printed work directory.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-artifacts/touch-load.md}
[ $# -gt 0 ] && shift
mkdir -p "$(dirname "$out")"

# shellcheck source=benchmarks/load-run-common.sh
source benchmarks/load-run-common.sh
build_release src/Silo benchmarks/NaiveBaseline benchmarks/LoadGenerator
start_postgres
start_silo Benchmark__EmptyEndpoint=true
baseline_url=http://127.0.0.1:$(free_port)

(ConnectionStrings__Baseline="$postgres" exec dotnet benchmarks/NaiveBaseline/bin/Release/net10.0/LoCoPi.NaiveBaseline.dll \
  --urls "$baseline_url") >"$work/baseline.log" 2>&1 &
baseline_pid=$!
pids+=("$baseline_pid")
wait_for "$baseline_url/healthz" NaiveBaseline "$work/baseline.log"

dotnet benchmarks/LoadGenerator/bin/Release/net10.0/LoCoPi.LoadGenerator.dll touches \
  --target "$silo_url" --empty --baseline-url "$baseline_url" --out "$out" \
  --silo-pid "$silo_pid" --baseline-pid "$baseline_pid" --postgres "$postgres" "$@"
