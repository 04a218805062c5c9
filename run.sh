#!/usr/bin/env bash
# Start Archiva on the embedded default: SQLite catalogue, ./archive, this folder as the archive
# home. Installs whatever is missing first (idempotent). On the first run it initialises a demo
# office home; then it watches ./inbox and files the letters dropped there (stop with Ctrl-C).
# With arguments, runs that archiva command instead, e.g. `bash run.sh number list`.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
export ARCHIVA_HOME="${ARCHIVA_HOME:-$PWD}"
if [ "$#" -gt 0 ]; then
    exec .venv/bin/archiva "$@"
fi
.venv/bin/archiva init
.venv/bin/archiva doctor
cat <<'TOUR'

Archiva is ready. Try (the README's quick tour has more):
  bash run.sh generate decree --data examples/keputusan.yaml
  bash run.sh generate certificates --event examples/kegiatan.yaml --participants examples/peserta.csv
  bash run.sh number issue --series letter --classification OT.02.02 --subject "Undangan rapat"
  bash run.sh number list
  bash run.sh intake list          # letters filed from ./inbox

Now watching ./inbox: drop letters (PDF, DOCX, JPEG, PNG, TIFF) there. Stop with Ctrl-C.
TOUR
exec .venv/bin/archiva watch
