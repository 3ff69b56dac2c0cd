#!/usr/bin/env bash
# A 1,000,000-row .xlsx workbook (the demo log, `demo_xlsx 121000`): relance (native, the sheet streamed
# into the importer, then the core analyses) against pandas + openpyxl and polars (fastexcel/calamine)
# reading the same sheet into a DataFrame, interleaved run by run. Wall time around the process, peak RSS
# from /usr/bin/time -v, and the in-process time (relance: import_s + analyses_s; Python: load_s).
#
# Usage: RUNS=5 bash bench/xlsx.sh   (PY=/tmp/xl-venv/bin/python with pandas, openpyxl, polars, fastexcel)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-/tmp/xl-venv/bin/python}"
WORK="${WORK:-/tmp/relance-bench}"
RUNS="${RUNS:-5}"
INVOICES="${INVOICES:-121000}"
mkdir -p "$WORK"
if [ ! -x "$PY" ]; then
  python3 -m venv /tmp/xl-venv && /tmp/xl-venv/bin/pip install pandas openpyxl polars fastexcel
  PY=/tmp/xl-venv/bin/python
fi
echo "# build"
(cd "$ROOT" && cargo build --release -p relance-cli 2>&1 | tail -1)
RELANCE="$ROOT/target/release/relance"
XLSX="$WORK/demo_${INVOICES}.xlsx"
if [ ! -s "$XLSX" ]; then
  (cd "$ROOT" && cargo run --release -q -p relance-engine --features xlsx --example demo_xlsx -- "$INVOICES" "$XLSX")
fi
echo "# input: $XLSX, $(stat -c %s "$XLSX") bytes"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), commit $(cd "$ROOT" && git rev-parse --short HEAD), $("$PY" -c 'import pandas,openpyxl,polars,fastexcel;print("pandas",pandas.__version__,"openpyxl",openpyxl.__version__,"polars",polars.__version__,"fastexcel",fastexcel.__version__)')"
TSV="$WORK/xlsx.tsv"
printf 'tool\trun\tload1\twall_s\tmaxrss_kib\tin_process_s\n' > "$TSV"
run() {
  local tool=$1 i=$2 err="$WORK/err.$$" tv="$WORK/time.$$" t0 t1 l1 wall rss inproc
  l1=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s%N)
  if [ "$tool" = relance ]; then
    /usr/bin/time -v -o "$tv" "$RELANCE" analyze "$XLSX" --json --timings > /dev/null 2> "$err"
    inproc=$(python3 -c "import re,sys; t=open('$err').read(); print(f\"{sum(float(x) for x in re.findall(r'_s=([0-9.]+)', t)):.3f}\")")
  else
    /usr/bin/time -v -o "$tv" "$PY" "$ROOT/bench/xlsx_read.py" "$tool" "$XLSX" > /dev/null 2> "$err"
    inproc=$(sed -n 's/^timing load_s=//p' "$err")
  fi
  t1=$(date +%s%N)
  wall=$(python3 -c "print(f'{($t1-$t0)/1e9:.3f}')")
  rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$i" "$l1" "$wall" "$rss" "$inproc" | tee -a "$TSV"
  rm -f "$err" "$tv"
}
echo "# same sheet: relance events vs DataFrame rows"
"$RELANCE" analyze "$XLSX" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("relance:", d["log"]["events"], "events, sheet", d.get("sheet"))'
for tool in polars pandas; do "$PY" "$ROOT/bench/xlsx_read.py" "$tool" "$XLSX" 2>/dev/null | sed "s/^/$tool: /"; done
for i in $(seq 1 "$RUNS"); do
  run relance "$i"
  run polars "$i"
  run pandas "$i"
done
python3 - "$TSV" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| tool | runs | wall median (range) | in-process median | peak RSS median |")
print("|---|---|---|---|---|")
for tool in ("relance", "polars", "pandas"):
    r = [x for x in rows if x["tool"] == tool]
    w = [float(x["wall_s"]) for x in r]; p = [float(x["in_process_s"]) for x in r]; m = [int(x["maxrss_kib"]) / 1024 for x in r]
    print(f"| {tool} | {len(r)} | {statistics.median(w):.2f} s ({min(w):.2f}–{max(w):.2f}) | {statistics.median(p):.2f} s | {statistics.median(m):.0f} MiB |")
PY
