#!/usr/bin/env bash
# Install whatever is missing (idempotent), then lint and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh test
.venv/bin/ruff check .
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
