"""What every benchmark uses: a fresh demo home, percentiles."""

from __future__ import annotations

import sys
from pathlib import Path

from archiva.config import Settings
from archiva.service import init_home

ARCHIVA = str(Path(sys.executable).parent / "archiva")


def new_home(root: Path) -> Settings:
    s = Settings(home=root, database_url=f"sqlite:///{root / 'archiva.db'}", user="bench")
    init_home(s)
    return s


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
