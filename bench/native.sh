#!/usr/bin/env bash
# Native benchmarks: `relance analyze --json` against pm4py (bench/pm4py_analyze.py) doing the same work,
# interleaved run by run (relance, pm4py, relance, pm4py, ...) on
#   - Road Traffic Fine Management Process, gunzipped to a plain CSV (561,470 events, 42.96 MB)
#   - the synthetic collections demo log with ~1,000,000 events (`relance demo --invoices 121000 --seed 7`)
# Whole-process wall time (measured around /usr/bin/time) and peak RSS (/usr/bin/time -v), plus the
# in-process time after start-up (relance: import_s + analyses_s from --timings; pm4py: load_s + analyses_s).
#
# Usage: bash bench/native.sh            (RUNS=5 by default; PY=/tmp/pm4py-venv/bin/python; WORK=/tmp/relance-bench)
# Output: raw per-run lines and markdown tables on stdout; raw TSV in $WORK/native.tsv.
set -euo pipefail
source "$(dirname "$0")/common.sh"
DEMO_INVOICES="${DEMO_INVOICES:-121000}"

if [ ! -x "$PY" ]; then
  python3 -m venv /tmp/pm4py-venv && /tmp/pm4py-venv/bin/pip install pm4py pyarrow
  PY=/tmp/pm4py-venv/bin/python
fi

echo "# build"
(cd "$ROOT" && cargo build --release -p relance-cli 2>&1 | tail -1)
RELANCE="$ROOT/target/release/relance"

echo "# inputs"
ROAD="$WORK/Road_Traffic_Fine_Management_Process.csv"
[ -s "$ROAD" ] || zcat "$DATA/Road_Traffic_Fine_Management_Process.csv.gz" > "$ROAD"
DEMO="$WORK/demo_${DEMO_INVOICES}_seed7.csv"
[ -s "$DEMO" ] || "$RELANCE" demo --invoices "$DEMO_INVOICES" --seed 7 > "$DEMO"
for f in "$ROAD" "$DEMO"; do
  ev=$("$RELANCE" analyze "$f" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["log"]["events"])')
  echo "$(basename "$f"): $(stat -c %s "$f") bytes, $ev events"
done

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD), $("$PY" -c 'import pm4py,pandas;print("pm4py",pm4py.__version__,"pandas",pandas.__version__)' 2>/dev/null | tail -1)"

TSV="$WORK/native.tsv"
printf 'input\ttool\trun\tload1\twall_s\tmaxrss_kib\tload_s\tanalyses_s\n' > "$TSV"

# run TOOL INPUT RUN: one process under /usr/bin/time -v; appends one TSV row
run() {
  local tool=$1 input=$2 i=$3 out="$WORK/out.$$" err="$WORK/err.$$" tv="$WORK/time.$$" t0 t1 l1
  l1=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  if [ "$tool" = relance ]; then
    /usr/bin/time -v -o "$tv" "$RELANCE" analyze "$input" --json --timings > "$out" 2> "$err"
  elif [ "$tool" = relance1 ]; then
    # the same on one thread: the streaming import, as in the browser's worker
    RELANCE_THREADS=1 /usr/bin/time -v -o "$tv" "$RELANCE" analyze "$input" --json --timings > "$out" 2> "$err"
  else
    /usr/bin/time -v -o "$tv" "$PY" "$ROOT/bench/pm4py_analyze.py" "$input" > "$out" 2> "$err"
  fi
  t1=$(date +%s%N)
  local wall rss a b
  wall=$(python3 -c "print(f'{($t1-$t0)/1e9:.3f}')")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")
  if [ "$tool" != pm4py ]; then
    a=$(sed -n 's/^timing import_s=//p' "$err"); b=$(sed -n 's/^timing analyses_s=//p' "$err")
  else
    a=$(sed -n 's/^timing load_s=//p' "$err"); b=$(sed -n 's/^timing analyses_s=//p' "$err")
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$input")" "$tool" "$i" "$l1" "$wall" "$rss" "$a" "$b" | tee -a "$TSV"
  rm -f "$out" "$err" "$tv"
}

# wait (up to 3 minutes) until the 1-minute load average is below 0.7, so that a series does not start
# while a build or another engineer's job is still running; the load at each run is recorded anyway
wait_quiet() {
  local n=0
  while [ "$(awk '{print ($1 < 0.7)}' /proc/loadavg)" != 1 ] && [ $n -lt 36 ]; do sleep 5; n=$((n + 1)); done
}

# one warm-up of each per input (page cache, Python bytecode cache), not recorded; it also shows that
# both sides find the same log (events, cases, variants, DFG edges, case-duration statistics)
for input in "$ROAD" "$DEMO"; do
  echo "# same work on $(basename "$input")"
  "$RELANCE" analyze "$input" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); l=d["log"]
print("relance:", {"events": l["events"], "cases": l["cases"], "variants": l["variants"], "dfg_edges": len(d["dfg"]), "case_duration_s": d["case_duration_s"]})'
  "$PY" "$ROOT/bench/pm4py_analyze.py" "$input" 2>/dev/null | grep '^{' | python3 -c 'import json,sys; d=json.load(sys.stdin)
print("pm4py:  ", {k: d[k] for k in ("events", "cases", "variants", "dfg_edges", "case_duration_s")})'
done

for input in "$ROAD" "$DEMO"; do
  wait_quiet
  echo "# series $(basename "$input"): $(uptime)"
  for i in $(seq 1 "$RUNS"); do
    run relance "$input" "$i"
    run pm4py "$input" "$i"
    run relance1 "$input" "$i"
  done
  echo "# end of series: $(uptime)"
done

python3 "$ROOT/bench/summarize_native.py" "$TSV" "$ROAD" "$DEMO"
