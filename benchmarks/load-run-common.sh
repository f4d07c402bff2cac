# Sourced by the run-*-load.sh scripts: a throw-away PostgreSQL cluster, the servers they start
# from their Release builds, and a cleanup that stops all of it even when a step fails.
# Not meant to be run on its own.

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

# wait_for URL NAME LOG: until URL answers, or fail with the server's log.
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

# build_release PROJECT...: Release builds of what the run starts.
build_release() {
  echo "building (Release)..." >&2
  for project in "$@"; do
    dotnet build "$project" -c Release -nologo -v quiet
  done
}

# start_postgres: sets $postgres (connection string) and an admin token for the Silo and the generator.
start_postgres() {
  postgres=$(scripts/postgres-test-cluster.sh start "$pg_dir")
  export LOCOPI_ADMIN_TOKEN=${LOCOPI_ADMIN_TOKEN:-bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
}

# start_silo [VAR=value...]: the Silo from its build output on PostgreSQL, with the given extra
# environment; sets $silo_url and $silo_pid and waits until it is ready. From src/Silo, so its
# appsettings.json (request logging off) applies as in a deployment.
start_silo() {
  silo_url=http://127.0.0.1:$(free_port)
  (cd src/Silo && exec env "$@" ConnectionStrings__Postgres="$postgres" dotnet bin/Release/net10.0/LoCoPi.Silo.dll \
    --storage postgres --urls "$silo_url") >"$work/silo.log" 2>&1 &
  silo_pid=$!
  pids+=("$silo_pid")
  wait_for "$silo_url/readyz" Silo "$work/silo.log"
}
