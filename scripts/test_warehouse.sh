#!/usr/bin/env bash
# Warehouse mode against real engines: the SQL of `relance sql` run by PostgreSQL (Debian's server, a
# throwaway cluster started here on a Unix socket and stopped on exit) and by Apache Spark SQL in
# local[2] mode (PySpark, Java 17) and by DuckDB's current release (the Python package, 2.0.x), compared
# with `relance analyze` / `relance collections` on the reference logs in ../shared/data; Snowflake and
# BigQuery SQL (and the other dialects') parsed by sqlglot. The DuckDB library `relance warehouse`
# embeds (1.x) is tested by `cargo test` (crates/cli/tests/cli.rs).
# Installs what is missing (scripts/setup.sh system): the postgresql package, and a Python venv with
# pyspark, duckdb and sqlglot under ${RELANCE_CACHE:-~/.cache/relance} (once; about 580 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
VENV=${RELANCE_CACHE:-$HOME/.cache/relance}/warehouse-venv
DATA=../shared/data
say() { printf '[warehouse] %s\n' "$*" >&2; }

if [ ! -d "$DATA" ]; then
  echo "skipping warehouse engine tests: ../shared/data is not beside this checkout"
  exit 0
fi

# The dev build `cargo test` already made (scripts/test.sh says so with RELANCE_CLI_BUILT=1): building
# `-p relance-cli` alone would unify features differently from the test run's four packages and
# compile the CLI and some dependencies a second time (minutes on two cores).
REL=$PWD/target/debug/relance
if [ "${RELANCE_CLI_BUILT:-0}" != 1 ] || [ ! -x "$REL" ]; then
  cargo build --quiet -p relance-cli
fi

RELANCE_SKIP_BROWSER=1 ./scripts/setup.sh system
PY=$VENV/bin/python

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# A throwaway cluster owned by the postgres user, listening only on a socket in a temp folder.
PGTMP=$(mktemp -d /tmp/relance-pg.XXXXXX)
chmod 755 "$PGTMP"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
stop_pg() {
  as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap stop_pg EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$PGBIN/initdb" -D "$PGTMP/data" -A trust -U relance --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w \
  -o "-p $PORT -k $PGTMP -c listen_addresses='' -c fsync=off -c synchronous_commit=off" start >/dev/null
URL="postgresql:///postgres?host=$PGTMP&port=$PORT&user=relance"
# The server (running as postgres) reads the logs itself only through psql's \copy (client side).

status=0
t0=$(date +%s)
"$PY" tests/warehouse/engines.py sqlglot "$REL" || status=1
t1=$(date +%s)
"$PY" tests/warehouse/engines.py postgres "$REL" "$URL" "$DATA" || status=1
t2=$(date +%s)
# Spark stays on the loopback interface.
SPARK_LOCAL_IP=127.0.0.1 "$PY" tests/warehouse/engines.py spark "$REL" "$DATA" 2> >(grep -v -E "^(WARNING: Using incubator|Using Spark's default|Setting default log level|To adjust logging level|[0-9/]+ [0-9:]+ WARN )" >&2) || status=1
t3=$(date +%s)
"$PY" tests/warehouse/engines.py duckdb "$REL" "$DATA" || status=1
t4=$(date +%s)
say "sqlglot $((t1 - t0)) s, postgres $((t2 - t1)) s, spark $((t3 - t2)) s, duckdb $((t4 - t3)) s"
exit $status
