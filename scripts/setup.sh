#!/usr/bin/env bash
# Installs every tool the app build and the tests need, skipping what is already present.
#
#   scripts/setup.sh [build|system|all]      (default: all)
#     build   what building the app needs (scripts/build_web.py): the wasm32 target, wasm-bindgen-cli
#             (compiled once, ~2 minutes without its TLS features), npm's tools (binaryen's wasm-opt,
#             playwright-core, DuckDB's libduckdb.so) and the crates (cargo fetch)
#     system  what only the tests need, all downloads: Chromium and PostgreSQL (Debian packages, one
#             apt run) and the warehouse tests' Python venv (PySpark, DuckDB, sqlglot; ~580 MB).
#             scripts/test.sh runs it in the background while cargo compiles.
#   RELANCE_SKIP_BROWSER=1 leaves Chromium out; RELANCE_SKIP_WAREHOUSE=1 PostgreSQL and the venv.
#
# Pinned versions: see ../shared/TOOLCHAIN.md. wasm-bindgen-cli must equal the wasm-bindgen crate in
# Cargo.lock (read from it here). No Trunk: scripts/build_web.py does what it did (Trunk 0.21.14 still
# builds index.html for those who have it; compiling it took 17 minutes of a fresh CI run).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
what=${1:-all}

# The warehouse tests' Python packages (scripts/test_warehouse.sh reads these).
CACHE=${RELANCE_CACHE:-$HOME/.cache/relance}
VENV=$CACHE/warehouse-venv
PYSPARK_VERSION=4.3.0
SQLGLOT_VERSION=30.30.0
DUCKDB_VERSION=2.0.1

say() { printf '[setup] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

setup_build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi

  local want
  want=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;q}' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want"; then
    say "installing wasm-bindgen-cli $want (about 2 minutes, once)"
    # Not --locked: one locked dependency is missing from the index (TOOLCHAIN.md). No default
    # features: they only bring TLS (rustls and ring) for downloads the build never makes.
    cargo install --quiet wasm-bindgen-cli --version "$want" --no-default-features
  fi

  # npm also brings DuckDB's prebuilt libduckdb.so (package @duckdb/node-bindings-linux-x64, MIT), which
  # the CLI's embedded DuckDB links (.cargo/config.toml points DUCKDB_LIB_DIR at it): compiling DuckDB
  # from source would take far too long on two cores.
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
    || [ ! -f node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so ]; then
    say "installing npm tools (binaryen wasm-opt, playwright-core, DuckDB's libduckdb.so)"
    npm ci --no-audit --no-fund
  fi
  cargo fetch --quiet
}

have_postgres() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }

setup_system() {
  local pkgs=()
  if [ "${RELANCE_SKIP_BROWSER:-0}" != 1 ] && ! command -v chromium >/dev/null 2>&1; then
    pkgs+=(chromium)
  fi
  if [ "${RELANCE_SKIP_WAREHOUSE:-0}" != 1 ] && ! have_postgres; then
    pkgs+=(postgresql)
  fi
  if [ ${#pkgs[@]} -gt 0 ]; then
    say "installing ${pkgs[*]} (Debian packages)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${pkgs[@]}" >/dev/null
  fi
  if [ "${RELANCE_SKIP_WAREHOUSE:-0}" != 1 ] && ! "$VENV/bin/python" -c "import pyspark, sqlglot, duckdb; assert pyspark.__version__ == '$PYSPARK_VERSION' and sqlglot.__version__ == '$SQLGLOT_VERSION' and duckdb.__version__ == '$DUCKDB_VERSION'" 2>/dev/null; then
    say "installing pyspark $PYSPARK_VERSION, duckdb $DUCKDB_VERSION and sqlglot $SQLGLOT_VERSION into $VENV (once)"
    mkdir -p "$CACHE"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION" "sqlglot==$SQLGLOT_VERSION" "duckdb==$DUCKDB_VERSION"
  fi
}

case $what in
  build) setup_build ;;
  system) setup_system ;;
  all) setup_build; setup_system ;;
  *) echo "usage: scripts/setup.sh [build|system|all]" >&2; exit 2 ;;
esac
say "$what: ready"
