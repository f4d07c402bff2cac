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

work=$(mktemp -d /tmp/locopi-watch-load.XXXXXX)
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

echo "building (Release)..." >&2
dotnet build src/Silo -c Release -nologo -v quiet
dotnet build benchmarks/LoadGenerator -c Release -nologo -v quiet

postgres=$(scripts/postgres-test-cluster.sh start "$pg_dir")
export LOCOPI_ADMIN_TOKEN=${LOCOPI_ADMIN_TOKEN:-bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
silo_url=http://127.0.0.1:$(free_port)

# From src/Silo, so its appsettings.json (request logging off) applies as in a deployment.
(cd src/Silo && ConnectionStrings__Postgres="$postgres" exec dotnet bin/Release/net10.0/LoCoPi.Silo.dll \
  --storage postgres --urls "$silo_url") >"$work/silo.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$silo_url/readyz" 2>/dev/null; then break; fi
  sleep 0.5
done

echo "uptime before: $(uptime)" | tee -a "$work/uptime.txt"
dotnet benchmarks/LoadGenerator/bin/Release/net10.0/LoCoPi.LoadGenerator.dll watch --target "$silo_url" --out "$out" "$@"
echo "uptime after: $(uptime)" | tee -a "$work/uptime.txt"
cat "$work/uptime.txt" >> "$out"
