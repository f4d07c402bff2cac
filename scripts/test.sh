#!/usr/bin/env bash
# Runs every test of LoCoPi. Installs what the tests need (PostgreSQL server binaries, pcscd with
# the vsmartcard-vpcd driver, Chromium, the npm packages), starts a throw-away PostgreSQL cluster
# as the `postgres` user, runs all test projects, and stops everything afterwards. A missing
# server fails the run: no test is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-test-deps.sh
# The reader client's tests run the real PC/SC stack (pcscd + vsmartcard-vpcd); they start pcscd themselves.
scripts/install-pcsc.sh

pg_dir=$(mktemp -d /tmp/locopi-pg.XXXXXX)
results=$(mktemp -d /tmp/locopi-test-results.XXXXXX)
cleanup() {
  scripts/postgres-test-cluster.sh stop "$pg_dir" || true
}
trap cleanup EXIT

LOCOPI_TEST_POSTGRES=$(scripts/postgres-test-cluster.sh start "$pg_dir")
export LOCOPI_TEST_POSTGRES
echo "PostgreSQL test cluster on port $(cat "$pg_dir/port")"

dotnet build LoCoPi.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

status=0
# One test assembly at a time: the timing tests (alerts within 1 s) and the pcscd tests must not
# compete with another assembly for the 2 cores.
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --blame-hang-timeout 10m \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --logger "console;verbosity=normal" || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ]; then status=1; echo "no test ran"; fi
echo "Test artefacts (screenshots, logs): $results"
echo "$passed passed, $failed failed"
exit $status
