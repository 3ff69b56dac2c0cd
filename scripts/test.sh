#!/usr/bin/env bash
# Runs every test: engine, SQL generator and CLI (unit, pm4py reference cross-checks, properties,
# hostile inputs, warehouse mode in embedded DuckDB), the app's unit tests, warehouse mode in
# PostgreSQL, Spark and DuckDB 2.0 (scripts/test_warehouse.sh), then the browser end-to-end tests against a
# release build in headless Chromium.
# Installs whatever is missing on a fresh machine first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

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

step "engine, SQL, CLI and app unit tests"
cargo test --quiet -p relance-engine -p relance-sql -p relance-cli -p relance-app

step "warehouse mode: the SQL in PostgreSQL, Spark and DuckDB 2.0, every dialect parsed by sqlglot"
./scripts/test_warehouse.sh

step "static server (headers, bad escapes, traversal)"
node --test tests/server.test.mjs

step "release build of the web app"
trunk build --release

step "browser end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
