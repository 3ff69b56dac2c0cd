#!/usr/bin/env bash
# `relance forecast` with its backtest on the 1,000,000-event demo (121,000 invoices, seed 7), natively.
#
#   RUNS=7 bash bench/forecast.sh            # from the repository root
#
# Builds the release CLI (through the shared cargo lock when there is one; NO_BUILD=1 skips it), writes the demo CSV once
# into $WORK (default /tmp/relance-bench), then runs `relance forecast FILE --json --timings` RUNS times
# after one untimed warm-up. Prints each run's import_s and forecast_s (the engine call: the forecast at
# the as-of date and the backtest at four past cut dates, with the cash simulations) and the whole
# process's wall time, then the medians. Output goes to stdout; save it under bench/results/.
set -euo pipefail
RUNS=${RUNS:-7}
WORK=${WORK:-/tmp/relance-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$WORK"
cd "$ROOT"
if [ -n "${NO_BUILD:-}" ]; then
  : # the release CLI is already built (NO_BUILD=1)
elif [ -e /tmp/cargo.lock ]; then
  flock /tmp/cargo.lock cargo build --release -p relance-cli >&2
else
  cargo build --release -p relance-cli >&2
fi
BIN="$ROOT/target/release/relance"
DEMO="$WORK/demo_121000_seed7.csv"
[ -s "$DEMO" ] || "$BIN" demo --invoices 121000 --seed 7 > "$DEMO"
echo "commit $(git rev-parse --short HEAD) $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
echo "input $DEMO: $(wc -c < "$DEMO") bytes, $(($(wc -l < "$DEMO") - 1)) events"
"$BIN" forecast "$DEMO" --json > "$WORK/forecast.json"
python3 - "$WORK/forecast.json" <<'EOF'
import json, sys
f = json.load(open(sys.argv[1]))
b = f["backtest"]
print(f"open invoices {len(f['open_invoices'])}, dated {sum(1 for i in f['open_invoices'] if i['expected_payment_date'])}, "
      f"backtest cutoffs {b['cutoffs']}, invoices {b['invoices']}, MAE {b['mae_days']:.2f} d "
      f"(due date {b['baseline_due_mae_days']:.2f}, customer average {b['baseline_customer_mae_days']:.2f}), "
      f"coverage {b['coverage_80']:.3f}, Brier {b['brier']:.4f} (baseline {b['baseline_brier']:.4f})")
EOF
printf 'run\tload\timport_s\tforecast_s\twall_s\n'
for i in $(seq 1 "$RUNS"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  timings=$("$BIN" forecast "$DEMO" --json --timings 2>&1 >/dev/null)
  end=$(date +%s.%N)
  imp=$(echo "$timings" | sed -n 's/.*import_s=\([0-9.]*\).*/\1/p')
  fc=$(echo "$timings" | sed -n 's/.*forecast_s=\([0-9.]*\).*/\1/p')
  wall=$(python3 -c "print(f'{$end - $start:.3f}')")
  printf '%s\t%s\t%s\t%s\t%s\n' "$i" "$load" "$imp" "$fc" "$wall"
done | tee "$WORK/forecast-runs.tsv"
python3 - "$WORK/forecast-runs.tsv" <<'EOF'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]) if l[0].isdigit()]
for name, col in (("import_s", 2), ("forecast_s", 3), ("wall_s", 4)):
    v = sorted(float(r[col]) for r in rows)
    print(f"median {name} {statistics.median(v):.3f} (range {v[0]:.3f}-{v[-1]:.3f}, {len(v)} runs)")
EOF
