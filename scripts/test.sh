#!/usr/bin/env bash
# Runs every test: engine, SQL generator and CLI (unit, pm4py reference cross-checks, properties,
# hostile inputs, warehouse mode in embedded DuckDB), the app's unit tests, warehouse mode in
# PostgreSQL, Spark and DuckDB 2.0 (scripts/test_warehouse.sh), then the browser end-to-end tests against a
# release build in headless Chromium.
# Installs whatever is missing on a fresh machine first (see scripts/setup.sh): what the build needs
# before compiling, and the downloads only the tests need (Chromium, PostgreSQL, the Python venv) in the
# background while cargo compiles. Prints how long each phase took at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

T0=$(date +%s)
PHASES=()
phase_start=$T0
step() {
  local now
  now=$(date +%s)
  [ -n "${phase_name:-}" ] && PHASES+=("$(printf '%5d s  %s' $((now - phase_start)) "$phase_name")")
  phase_name=$1
  phase_start=$now
  [ "$1" = end ] || printf '\n== %s\n' "$1"
}
report() {
  [ -n "${WEB_PID:-}" ] && kill -- "-$WEB_PID" 2>/dev/null
  step end
  printf '\n== time by phase (total %d s)\n' $(($(date +%s) - T0))
  printf '%s\n' "${PHASES[@]}"
}
trap report EXIT

step "setup: downloads for the tests started in the background"
SYSTEM_LOG=$(mktemp /tmp/relance-setup-system.XXXXXX)
./scripts/setup.sh system >"$SYSTEM_LOG" 2>&1 &
SYSTEM_PID=$!

step "setup: build tools"
./scripts/setup.sh build

# CI builds once from a clean checkout: incremental caches would only cost disk (gigabytes).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# A full disk shows up as a linker "Bus error" deep in cargo's output: say it plainly first.
free_kib=$(df -Pk . | awk 'NR==2 {print $4}')
printf '[test] %s MiB free on the disk holding %s\n' "$((free_kib / 1024))" "$PWD"
if [ "$free_kib" -lt $((4 * 1024 * 1024)) ]; then
    echo "[test] warning: a clean run needs about 4 GiB of free disk (target/ and node_modules/)" >&2
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "structure: no import circle, no file over 700 lines"
./scripts/check_structure.sh

# Two lanes side by side, each a different cargo profile (each locks only its own folder of target/):
# the web app's release build (wasm32 cargo, then wasm-opt, one JavaScript thread per binary) beside
# the native lane (unit tests, then the warehouse engines, which mostly wait on Spark's JVM). Two cores
# never idle while one lane runs a serial step (a fat-LTO link, a wasm-opt, a JVM start).
step "web build (background) beside the unit tests, then the warehouse engines"
WEB_LOG=$(mktemp /tmp/relance-web.XXXXXX)
WEB_T0=$(date +%s)
# Its own process group (setsid), so that a failing run stops it (see report) rather than leave it.
setsid bash -c 'python3 scripts/build_web.py --timings >"$1" 2>&1; echo $? >"$1.rc"; date +%s >"$1.end"' \
  web "$WEB_LOG" </dev/null >/dev/null 2>&1 &
WEB_PID=$!
web_done() {
  wait "$WEB_PID" || true
  WEB_PID=""
  printf '\n== release build of the web app (ran in the background: %d s)\n' \
    $(($(cat "$WEB_LOG.end") - WEB_T0))
  cat "$WEB_LOG"
  PHASES+=("$(printf '%5d s  %s' $(($(cat "$WEB_LOG.end") - WEB_T0)) "  (background) release build of the web app")")
  [ "$(cat "$WEB_LOG.rc")" = 0 ] || { echo "[test] the web app's build failed" >&2; exit 1; }
}

step "engine, SQL, CLI and app unit tests"
cargo test --quiet -p relance-engine -p relance-sql -p relance-cli -p relance-app

step "setup: waiting for the test downloads (Chromium, PostgreSQL, Python venv)"
if ! wait "$SYSTEM_PID"; then
  cat "$SYSTEM_LOG" >&2
  echo "[test] scripts/setup.sh system failed" >&2
  exit 1
fi
cat "$SYSTEM_LOG" >&2
rm -f "$SYSTEM_LOG"

step "warehouse mode: the SQL in PostgreSQL, Spark and DuckDB 2.0, every dialect parsed by sqlglot"
RELANCE_CLI_BUILT=1 ./scripts/test_warehouse.sh

step "waiting for the web app's build"
web_done

step "static server (headers, bad escapes, traversal)"
node --test tests/server.test.mjs

step "browser end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
