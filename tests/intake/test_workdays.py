"""Due dates in working days."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from archiva.intake.workdays import add_working_days

D = dt.date


def test_weekends_and_holidays_are_skipped() -> None:
    friday = D(2026, 8, 14)
    # Monday 17 August is Independence Day
    assert add_working_days(friday, 1, {D(2026, 8, 17)}) == D(2026, 8, 18)
    assert add_working_days(friday, 2, set()) == D(2026, 8, 18)


def test_a_letter_received_on_a_day_off_counts_from_the_next_working_day() -> None:
    saturday = D(2026, 8, 15)
    assert add_working_days(saturday, 0, set()) == D(2026, 8, 17)
    assert add_working_days(saturday, 2, set()) == D(2026, 8, 19)


@given(st.dates(D(2026, 1, 1), D(2027, 12, 31)), st.integers(0, 40),
       st.sets(st.dates(D(2026, 1, 1), D(2028, 3, 31)), max_size=20))
def test_the_due_date_is_n_working_days_after_the_first_working_day(start: D, n: int,
                                                                    holidays: set[D]) -> None:
    def working(d: D) -> bool:
        return d.weekday() < 5 and d not in holidays

    first = start
    while not working(first):
        first += dt.timedelta(1)
    due = add_working_days(start, n, holidays)
    assert working(due)
    span = [first + dt.timedelta(i) for i in range(1, (due - first).days + 1)]
    assert sum(working(d) for d in span) == n
