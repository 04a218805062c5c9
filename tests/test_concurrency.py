"""Many processes taking numbers at once: no duplicate, no gap, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys

import pytest

from archiva.config import Settings
from archiva.service import Archiva
from tests.conftest import REPO, child_env

PROCESSES = 8
PER_PROCESS = 50


@pytest.mark.slow
def test_eight_processes_get_distinct_contiguous_numbers(any_home: Settings) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-m", "tests.procs", "issue_many", str(PER_PROCESS)],
                         cwd=REPO, env=child_env(any_home), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(PROCESSES)
    ]
    printed: list[str] = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        printed.extend(out.split())

    total = PROCESSES * PER_PROCESS
    assert len(printed) == total
    assert len(set(printed)) == total
    with Archiva.open(any_home) as app:
        recs = app.list_numbers("letter", 2026)
        assert sorted(r.seq for r in recs) == list(range(1, total + 1))
        assert {r.number for r in recs} == set(printed)
        assert all(r.status == "issued" and not r.suffix for r in recs)
        assert app.catalogue.counter_state("umum", 2026) == total
