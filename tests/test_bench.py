"""The benchmarks still run (a change in what they call, such as duplicates now being refused,
broke the decree benchmark unnoticed): the document and fixity ones once each, tiny, through
their command.
The figures are not checked here; speed is measured by `bash bench.sh`, not asserted."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize(("only", "size", "key", "value"), [
    ("certificates", "--certificates=3", "count", 3), ("decree", "--decrees=2", "count", 2),
    ("fixity", "--fixity-mb=4", "files", 21)])
def test_the_benchmark_runs(only: str, size: str, key: str, value: int) -> None:
    out = subprocess.run([sys.executable, "-m", "bench", "--only", only, size, "--rounds=1",
                          "--json"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)[only][key] == value
