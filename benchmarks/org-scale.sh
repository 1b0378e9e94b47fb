#!/usr/bin/env bash
# Issue 31's figures (benchmarks/OrgScaleBench): starts a private PostgreSQL cluster (as .ci/run does) for the sync
# figure, runs the benchmark, stops the cluster. Usage: benchmarks/org-scale.sh [debug|release] [cases, e.g. abc]
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-debug}
swift build -c "$config" --product stackq >/dev/null
swift build -c "$config" --product OrgScaleBench >/dev/null
bin=$(swift build -c "$config" --show-bin-path)
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$pgbin" ] && [ -z "${STACKQ_TEST_POSTGRES_URL:-}" ]; then
  pgdir=$(mktemp -d /tmp/stackq-bench-pg.XXXXXX)
  pguser=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then chown nobody "$pgdir"; pguser=nobody; fi
  pgrun() { if [ "$pguser" = nobody ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
  pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pgrun "$pgbin/initdb" -D "$pgdir/data" -U stackq --auth trust -E UTF8 --locale C --no-sync >/dev/null
  pgrun "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null
  trap 'pgrun "$pgbin/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1; rm -rf "$pgdir"' EXIT
  export STACKQ_TEST_POSTGRES_URL="postgresql://stackq@127.0.0.1:$pgport/postgres?sslmode=disable"
fi
echo "OrgScaleBench ($config build)"
stdbuf -oL "$bin/OrgScaleBench" "${2:-abc}"
