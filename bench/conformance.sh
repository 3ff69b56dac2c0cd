#!/usr/bin/env bash
# Conformance benchmarks: `relance conformance` against pm4py's alignments doing the same work,
# interleaved run by run, on
#   - the receipt log (1,434 cases, 116 variants) against pm4py's own inductive-miner models (IM and
#     IMf 0.2, the PNML files in crates/engine/tests/it/fixtures/conformance/);
#   - relance alone: the receipt log with --happy-path (mined by relance), and the ~1,000,000-event demo
#     (`relance demo --invoices 121000 --seed 7`) with --happy-path 80.
# Whole-process wall time (around the process, /usr/bin/time -v for peak RSS) and the in-process times
# (relance: import_s, model_s, conformance_s from --timings; pm4py: load_s, align_s).
#
# Usage: bash bench/conformance.sh   (RUNS=5; PM4PY_RUNS=RUNS; PY=/tmp/pm4py-venv/bin/python;
#        WORK=/tmp/relance-bench; SKIP_BUILD=1 when target/release/relance is already built)
set -euo pipefail
source "$(dirname "$0")/common.sh"
# pm4py takes minutes per run: fewer of its runs keep the series short on a shared machine.
PM4PY_RUNS="${PM4PY_RUNS:-$RUNS}"
FX="$ROOT/crates/engine/tests/it/fixtures/conformance"

echo "# build"
[ "${SKIP_BUILD:-0}" = 1 ] || (cd "$ROOT" && cargo build --release -p relance-cli 2>&1 | tail -1)
RELANCE="$ROOT/target/release/relance"
RECEIPT="$DATA/receipt.xes.gz"
DEMO="$WORK/demo_121000_seed7.csv"
[ -s "$DEMO" ] || "$RELANCE" demo --invoices 121000 --seed 7 > "$DEMO"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD), $(nproc) cores, $("$PY" -c 'import pm4py;print("pm4py",pm4py.__version__)' 2>/dev/null | tail -1)"

TSV="$WORK/conformance.tsv"
printf 'case\ttool\trun\tload1\twall_s\tmaxrss_kib\tinner\n' > "$TSV"

# run CASE TOOL RUN ARGS...: one process under /usr/bin/time -v; appends one TSV row
run() {
  local name=$1 tool=$2 i=$3; shift 3
  local out="$WORK/cf_out.$$" err="$WORK/cf_err.$$" tv="$WORK/cf_time.$$" t0 t1 l1 inner
  l1=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$tv" "$@" > "$out" 2> "$err"
  t1=$(date +%s%N)
  if [ "$tool" = pm4py ]; then
    inner=$(python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).read().strip().splitlines()[-1]); print("load_s=%s align_s=%s fit_cases=%s log_fitness=%s" % (d["load_s"], d["align_s"], d["fit_cases"], d["log_fitness"]))' "$out")
  else
    inner="$(grep '^timing' "$err" | tr '\n' ' ')$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("fit_cases=%s pm4py_log_fitness=%s" % (d["fit_cases"], d["pm4py_log_fitness"]))' "$out")"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$tool" "$i" "$l1" \
    "$(python3 -c "print(round(($t1-$t0)/1e9,3))")" \
    "$(awk -F': ' '/Maximum resident/{print $2}' "$tv")" "$inner" | tee -a "$TSV"
  rm -f "$out" "$err" "$tv"
}

for i in $(seq 1 "$RUNS"); do
  for model in im imf20; do
    run "receipt_$model" relance "$i" "$RELANCE" conformance "$RECEIPT" --model "$FX/receipt_$model.pnml" --json --timings
    [ "$i" -gt "$PM4PY_RUNS" ] || run "receipt_$model" pm4py "$i" "$PY" "$ROOT/bench/pm4py_conformance.py" "$RECEIPT" "$FX/receipt_$model.pnml"
  done
  run receipt_happy100 relance "$i" "$RELANCE" conformance "$RECEIPT" --happy-path 100 --json --timings
  run receipt_happy80 relance "$i" "$RELANCE" conformance "$RECEIPT" --happy-path 80 --json --timings
  run demo_1m_happy80 relance "$i" "$RELANCE" conformance "$DEMO" --happy-path 80 --json --timings
done

echo "# medians (wall_s)"
python3 - "$TSV" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
keys = sorted({(r["case"], r["tool"]) for r in rows})
med = {}
for k in keys:
    v = [float(r["wall_s"]) for r in rows if (r["case"], r["tool"]) == k]
    med[k] = statistics.median(v)
    print(f"{k[0]:18} {k[1]:8} median {med[k]:.3f} s  range {min(v):.3f}-{max(v):.3f}  (n={len(v)})")
for case in sorted({k[0] for k in keys}):
    if (case, "pm4py") in med and (case, "relance") in med:
        print(f"{case}: pm4py / relance = {med[(case, 'pm4py')] / med[(case, 'relance')]:.1f}x")
PY
