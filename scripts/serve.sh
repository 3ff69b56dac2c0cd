#!/usr/bin/env bash
# Builds the app (release) and serves it on http://127.0.0.1:${PORT:-8080}/, opening on the demo log.
# Installs whatever the build needs on a fresh machine first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh build
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
python3 scripts/build_web.py
exec node scripts/static_server.mjs dist "${PORT:-8080}"
