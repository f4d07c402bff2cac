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

# shellcheck source=benchmarks/load-run-common.sh
source benchmarks/load-run-common.sh
build_release src/Silo benchmarks/LoadGenerator
start_postgres
start_silo Benchmark__EmptyEndpoint=true

echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet benchmarks/LoadGenerator/bin/Release/net10.0/LoCoPi.LoadGenerator.dll payments \
  --target "$silo_url" --empty --out "$out" --silo-pid "$silo_pid" --postgres "$postgres" "$@"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
