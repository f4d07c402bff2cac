#!/usr/bin/env bash
# Runs every test. Installs and starts what the tests need, and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh

pg_dir=$(mktemp -d /tmp/locopi-pg.XXXXXX)
cleanup() { scripts/postgres-test-cluster.sh stop "$pg_dir" || true; }
trap cleanup EXIT

LOCOPI_TEST_POSTGRES=$(scripts/postgres-test-cluster.sh start "$pg_dir")
export LOCOPI_TEST_POSTGRES

dotnet build LoCoPi.sln -c Release -warnaserror
dotnet test LoCoPi.sln -c Release --no-build
