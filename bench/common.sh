# Shared by the native benchmark scripts (sourced, after `set -euo pipefail`): the repository root, the
# public logs, pm4py's Python, the work folder and the number of runs, each overridable from the
# environment.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${DATA:-$ROOT/../shared/data}"
[ -d "$DATA" ] || DATA=/work/shared/data
PY="${PY:-/tmp/pm4py-venv/bin/python}"
WORK="${WORK:-/tmp/relance-bench}"
RUNS="${RUNS:-5}"
export TQDM_DISABLE=1
mkdir -p "$WORK"
