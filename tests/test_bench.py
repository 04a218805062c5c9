"""The benchmarks still run (a change in what they call, such as duplicates now being refused,
broke the decree benchmark unnoticed): each document benchmark once, tiny, through its command.
The figures are not checked here; speed is measured by `bash bench.sh`, not asserted."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.parametrize(("only", "size"), [("certificates", "--certificates=3"),
                                            ("decree", "--decrees=2")])
def test_the_benchmark_runs(only: str, size: str) -> None:
    out = subprocess.run([sys.executable, "-m", "bench", "--only", only, size, "--json"],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)[only]
    assert result["count"] == int(size.split("=")[1])
