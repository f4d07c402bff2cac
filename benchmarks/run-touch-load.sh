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

work=$(mktemp -d /tmp/locopi-load.XXXXXX)
pg_dir=$(mktemp -d /tmp/locopi-pg.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  scripts/postgres-test-cluster.sh stop "$pg_dir" || true
  echo "server logs: $work" >&2
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() {
  local url=$1 name=$2 log=$3
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "$name did not answer $url within 60 s; its log:" >&2
  tail -n 50 "$log" >&2
  exit 1
}

echo "building (Release)..." >&2
dotnet build src/Silo -c Release -nologo -v quiet
dotnet build benchmarks/NaiveBaseline -c Release -nologo -v quiet
dotnet build benchmarks/LoadGenerator -c Release -nologo -v quiet

postgres=$(scripts/postgres-test-cluster.sh start "$pg_dir")
export LOCOPI_ADMIN_TOKEN=${LOCOPI_ADMIN_TOKEN:-bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
silo_url=http://127.0.0.1:$(free_port)
baseline_url=http://127.0.0.1:$(free_port)

# The Silo runs from its build output, as in production, with the empty endpoint switched on.
# From src/Silo, so its appsettings.json (request logging off) applies as in a deployment.
(cd src/Silo && Benchmark__EmptyEndpoint=true ConnectionStrings__Postgres="$postgres" exec dotnet bin/Release/net10.0/LoCoPi.Silo.dll \
  --storage postgres --urls "$silo_url") >"$work/silo.log" 2>&1 &
silo_pid=$!
pids+=("$silo_pid")
(ConnectionStrings__Baseline="$postgres" exec dotnet benchmarks/NaiveBaseline/bin/Release/net10.0/LoCoPi.NaiveBaseline.dll \
  --urls "$baseline_url") >"$work/baseline.log" 2>&1 &
baseline_pid=$!
pids+=("$baseline_pid")
wait_for "$silo_url/readyz" Silo "$work/silo.log"
wait_for "$baseline_url/healthz" NaiveBaseline "$work/baseline.log"

dotnet benchmarks/LoadGenerator/bin/Release/net10.0/LoCoPi.LoadGenerator.dll touches \
  --target "$silo_url" --empty --baseline-url "$baseline_url" --out "$out" \
  --silo-pid "$silo_pid" --baseline-pid "$baseline_pid" --postgres "$postgres" "$@"
