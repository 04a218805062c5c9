#!/usr/bin/env bash
# Run the benchmarks (installs what is missing first). Options: see `bash bench.sh --help`.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh test
exec .venv/bin/python -m bench "$@"
