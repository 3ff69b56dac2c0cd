#!/usr/bin/env bash
# Warehouse mode benchmarks (BENCHMARKS.md, section "Warehouse mode"): `relance warehouse` (embedded
# DuckDB) against `relance analyze` (the in-memory engine) on demo logs of 1M and 10M events, then
# DuckDB alone on 100M events (about 12.5 GB of CSV) with its peak memory.
#   DATA=/work/bench-data RUNS=3 BIG=1 bash bench/warehouse.sh
# Inputs are made by `relance demo` (about 8.3 events per invoice) unless already there; BIG=0 skips
# the 100M run. Each run is timed around /usr/bin/time -v (wall clock and peak RSS); the load average
# is logged before each run, since the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-/work/bench-data}
RUNS=${RUNS:-3}
BIG=${BIG:-1}
BIN=${BIN:-target/release/relance}
mkdir -p "$DATA"
[ -x "$BIN" ] || flock /tmp/cargo.lock cargo build --release -p relance-cli
make() { [ -s "$DATA/demo_$1.csv" ] || "$BIN" demo --invoices "$1" --seed 7 > "$DATA/demo_$1.csv"; }
one() { # label, command...
  local label=$1; shift
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v "$@" > /dev/null 2> /tmp/relance-bench-time.txt
  t1=$(date +%s.%N)
  local rss; rss=$(awk -F: '/Maximum resident/ {gsub(/ /,"",$2); print $2}' /tmp/relance-bench-time.txt)
  printf '%s wall_s=%.3f peak_rss_kb=%s load=%s\n' "$label" "$(echo "$t1 - $t0" | bc)" "$rss" "$load"
}
for n in 121000 1210000; do
  make $n
  f="$DATA/demo_$n.csv"
  printf '# %s: %s bytes, %s lines\n' "$f" "$(stat -c %s "$f")" "$(wc -l < "$f")"
  one "warm-up" "$BIN" warehouse "$f" --json
  for r in $(seq "$RUNS"); do
    one "warehouse-duckdb n=$n run=$r" "$BIN" warehouse "$f" --json
    one "analyze-engine n=$n run=$r" "$BIN" analyze "$f" --json
  done
done
if [ "$BIG" = 1 ]; then
  make 12100000
  f="$DATA/demo_12100000.csv"
  printf '# %s: %s bytes\n' "$f" "$(stat -c %s "$f")"
  one "warehouse-duckdb n=12100000 run=1" "$BIN" warehouse "$f" --json --timings
  grep timing /tmp/relance-bench-time.txt || true
fi
if [ "${SPARK:-1}" = 1 ]; then
  # Spark local[2] on the 10M-event log (PySpark from scripts/test_warehouse.sh's venv).
  PY=${RELANCE_CACHE:-$HOME/.cache/relance}/warehouse-venv/bin/python
  rm -rf "$DATA/spark-out"
  printf '# spark local[2] on %s\n' "$DATA/demo_1210000.csv"
  SPARK_LOCAL_IP=127.0.0.1 /usr/bin/time -v "$PY" bench/spark_warehouse.py "$BIN" "$DATA/demo_1210000.csv" "$DATA/spark-out" 2> /tmp/relance-bench-spark.txt
  awk -F: '/Maximum resident|Elapsed/ {print "#", $0}' /tmp/relance-bench-spark.txt
  "$BIN" analyze "$DATA/demo_1210000.csv" --json > "$DATA/analyze-10m.json"
  python3 tests/warehouse/compare.py "$DATA/spark-out/summary.json" "$DATA/analyze-10m.json" "spark 10M equals analyze" --capped
fi
