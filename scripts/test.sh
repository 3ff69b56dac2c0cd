#!/usr/bin/env bash
# Runs every test: engine and CLI (unit, pm4py reference cross-checks, properties, hostile inputs), the
# app's unit tests, then the browser end-to-end tests against a release build in headless Chromium.
# Installs whatever is missing on a fresh machine first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "engine, CLI and app unit tests"
cargo test --quiet -p relance-engine -p relance-cli -p relance-app

step "static server (headers, bad escapes, traversal)"
node --test tests/server.test.mjs

step "release build of the web app"
trunk build --release

step "browser end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
