#!/usr/bin/env bash
# Installs every tool the app build and the tests need, skipping what is already present.
# Pinned versions: see ../shared/TOOLCHAIN.md (trunk 0.22 refuses rustc 1.95; wasm-bindgen-cli must equal
# the wasm-bindgen crate in Cargo.lock).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (several minutes, once)"
  cargo install --quiet trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # Not --locked: one locked dependency is missing from the index (TOOLCHAIN.md).
  cargo install --quiet wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# npm also brings DuckDB's prebuilt libduckdb.so (package @duckdb/node-bindings-linux-x64, MIT), which
# the CLI's embedded DuckDB links (.cargo/config.toml points DUCKDB_LIB_DIR at it): compiling DuckDB
# from source would take far too long on two cores.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ ! -f node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so ]; then
  say "installing npm tools (binaryen wasm-opt, playwright-core, DuckDB's libduckdb.so)"
  npm ci --no-audit --no-fund
fi

if [ "${RELANCE_SKIP_BROWSER:-0}" != 1 ] && ! command -v chromium >/dev/null 2>&1; then
  say "installing Chromium (Debian package)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# Trunk runs cargo offline (Trunk.toml), so the crates must be in the local registry first.
cargo fetch --quiet
say "tools ready"
