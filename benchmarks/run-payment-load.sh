#!/usr/bin/env bash
# Reproduces the payments table of docs/benchmarks.md ("Payments (issue 4)") with one command:
# starts a throw-away PostgreSQL cluster and the Silo (Release, PostgreSQL storage, empty endpoints
# on), runs the load generator's `payments` sub-command (durable POST /api/v1/payments and the
# empty payment endpoint, then the ledger identity check), and stops everything again, even when
# a step fails. The generator exits non-zero when the ledger check finds a violation.
#
#   benchmarks/run-payment-load.sh [OUT.md] [generator options...]
#   e.g. benchmarks/run-payment-load.sh artifacts/payment-load.md --readers 64 --seconds 15
#
# The Silo's log is kept in the printed work directory.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-artifacts/payment-load.md}
[ $# -gt 0 ] && shift
mkdir -p "$(dirname "$out")"

work=$(mktemp -d /tmp/locopi-payload.XXXXXX)
pg_dir=$(mktemp -d /tmp/locopi-pg.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  scripts/postgres-test-cluster.sh stop "$pg_dir" || true
  echo "server log: $work" >&2
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
(cd src/Silo && Benchmark__EmptyEndpoint=true ConnectionStrings__Postgres="$postgres" exec dotnet bin/Release/net10.0/LoCoPi.Silo.dll \
  --storage postgres --urls "$silo_url") >"$work/silo.log" 2>&1 &
silo_pid=$!
pids+=("$silo_pid")
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$silo_url/readyz" 2>/dev/null; then break; fi
  sleep 0.5
done
curl -fsS -o /dev/null "$silo_url/readyz" || { echo "the Silo did not become ready; its log:" >&2; tail -n 50 "$work/silo.log" >&2; exit 1; }

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet benchmarks/LoadGenerator/bin/Release/net10.0/LoCoPi.LoadGenerator.dll payments \
  --target "$silo_url" --empty --out "$out" --silo-pid "$silo_pid" --postgres "$postgres" "$@"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
