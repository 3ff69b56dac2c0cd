#!/usr/bin/env bash
# XES benchmark: `relance analyze ROAD.xes.gz --json` against Rust4PM (crate process_mining =0.6.2, bench/rust4pm)
# importing the same file with its XES importer and computing a DFG and the variants; plus the cost of inflating
# alone (`zcat FILE > /dev/null`, and flate2 - the decoder process_mining uses - in bench/rust4pm/src/bin/inflate.rs).
# Interleaved run by run: relance, rust4pm, rust4pm --core, zcat, flate2, relance, ...
# Whole-process wall time (around /usr/bin/time) and peak RSS (/usr/bin/time -v); in-process timers on stderr.
#
# Usage: bash bench/xes.sh      (RUNS=5 by default; WORK=/tmp/relance-bench)
set -euo pipefail
source "$(dirname "$0")/common.sh"
XES="$DATA/Road_Traffic_Fine_Management_Process.xes.gz"

echo "# build"
(cd "$ROOT" && cargo build --release -p relance-cli 2>&1 | tail -1)
(cd "$ROOT/bench/rust4pm" && cargo build --release 2>&1 | tail -1)
RELANCE="$ROOT/target/release/relance"
R4PM="$ROOT/bench/rust4pm/target/release/rust4pm-bench"
INFLATE="$ROOT/bench/rust4pm/target/release/inflate"
echo "# $(basename "$XES"): $(stat -c %s "$XES") bytes gzipped, $(zcat "$XES" | wc -c) bytes inflated"
echo "# rustc $(rustc --version | cut -d' ' -f2), process_mining $(grep -A1 'name = "process_mining"' "$ROOT/bench/rust4pm/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p')"

echo "# same work:"
"$RELANCE" analyze "$XES" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); l=d["log"]
print("relance:", {"events": l["events"], "cases": l["cases"], "activities": l["activities"], "dfg_edges": len(d["dfg"]), "variants": l["variants"]})'
echo "rust4pm: $("$R4PM" "$XES" 2>/dev/null)"

TSV="$WORK/xes.tsv"
printf 'tool\trun\tload1\twall_s\tmaxrss_kib\timport_s\tanalyses_s\n' > "$TSV"

run() {
  local tool=$1 i=$2 out="$WORK/out.$$" err="$WORK/err.$$" tv="$WORK/time.$$" t0 t1 l1
  l1=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  case $tool in
    relance)      /usr/bin/time -v -o "$tv" "$RELANCE" analyze "$XES" --json --timings > "$out" 2> "$err" ;;
    rust4pm)      /usr/bin/time -v -o "$tv" "$R4PM" "$XES" > "$out" 2> "$err" ;;
    rust4pm-core) /usr/bin/time -v -o "$tv" "$R4PM" "$XES" --core > "$out" 2> "$err" ;;
    zcat)         /usr/bin/time -v -o "$tv" zcat "$XES" > /dev/null 2> "$err" ;;
    flate2)       /usr/bin/time -v -o "$tv" "$INFLATE" "$XES" > "$out" 2> "$err" ;;
  esac
  t1=$(date +%s%N)
  local wall rss a b
  wall=$(python3 -c "print(f'{($t1-$t0)/1e9:.3f}')")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")
  a=$(sed -n 's/^timing \(import_s\|inflate_s\)=//p' "$err"); b=$(sed -n 's/^timing analyses_s=//p' "$err")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$i" "$l1" "$wall" "$rss" "${a:--}" "${b:--}" | tee -a "$TSV"
  rm -f "$out" "$err" "$tv"
}

wait_quiet() {
  local n=0
  while [ "$(awk '{print ($1 < 0.7)}' /proc/loadavg)" != 1 ] && [ $n -lt 36 ]; do sleep 5; n=$((n + 1)); done
}

"$RELANCE" analyze "$XES" --json > /dev/null   # warm-up
wait_quiet
echo "# series: $(uptime)"
for i in $(seq 1 "$RUNS"); do
  for tool in relance rust4pm rust4pm-core zcat flate2; do run "$tool" "$i"; done
done
echo "# end of series: $(uptime)"

python3 - "$TSV" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
def med(tool, key):
    xs = [float(r[key]) for r in rows if r["tool"] == tool and r[key] != "-"]
    return statistics.median(xs) if xs else None
def rng(tool, key):
    xs = [float(r[key]) for r in rows if r["tool"] == tool]
    return f"{min(xs):.3f}–{max(xs):.3f}"
rel = med("relance", "wall_s")
print()
print("| command | runs | wall (median) | wall min–max | vs relance | in-process import (median) | in-process analyses (median) | peak RSS | max load1 |")
print("|---|---|---|---|---|---|---|---|---|")
names = {"relance": "relance analyze …xes.gz --json", "rust4pm": "Rust4PM 0.6.2: import_xes_path + discover_dfg + variants",
         "rust4pm-core": "same, core attributes only (--core)", "zcat": "zcat …xes.gz > /dev/null", "flate2": "flate2 GzDecoder (inflate only)"}
for t in ("relance", "rust4pm", "rust4pm-core", "zcat", "flate2"):
    n = sum(1 for r in rows if r["tool"] == t)
    w = med(t, "wall_s"); imp = med(t, "import_s"); an = med(t, "analyses_s")
    load = max(float(r["load1"]) for r in rows if r["tool"] == t)
    print(f"| {names[t]} | {n} | {w:.3f} s | {rng(t, 'wall_s')} s | {w / rel:.2f}x | "
          f"{'-' if imp is None else f'{imp:.3f} s'} | {'-' if an is None else f'{an:.3f} s'} | "
          f"{med(t, 'maxrss_kib') / 1024:.0f} MiB | {load:.2f} |")
PY
