"""Due dates in working days: weekends and the profile's holidays are skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def add_working_days(start: dt.date, days: int, holidays: Iterable[dt.date]) -> dt.date:
    """The date `days` working days after `start` (0: `start` itself, moved off a day off)."""
    off = set(holidays)

    def working(d: dt.date) -> bool:
        return d.weekday() < 5 and d not in off

    current = start
    while not working(current):
        current += dt.timedelta(days=1)
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if working(current):
            remaining -= 1
    return current
