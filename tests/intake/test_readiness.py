"""When is an inbox file ready: pure decisions, no file system."""

from __future__ import annotations

import pytest

from archiva.intake.readiness import (
    READY,
    STALE,
    WAITING,
    Observation,
    Tracker,
    ignored_name,
)


@pytest.mark.parametrize("name", [".hidden.pdf", "surat.pdf.part", "scan.TMP", "x.crdownload",
                                  "~$draft.docx", "surat.pdf.reason.txt"])
def test_names_of_unfinished_or_hidden_files_are_ignored(name: str) -> None:
    assert ignored_name(name)


@pytest.mark.parametrize(
    "name", ["surat masuk.pdf", "Surat (1).PDF", "surat..pdf", "surat\nbaru.pdf"])
def test_ordinary_odd_names_are_taken(name: str) -> None:
    assert not ignored_name(name)


def test_an_old_complete_file_is_ready_at_first_sight() -> None:
    t = Tracker(settle_seconds=5, stale_seconds=120)
    assert t.decide("a", Observation(100, 1000.0), now=1100.0, content_complete=True)[0] == READY


def test_a_growing_file_waits_until_quiet_for_the_settle_delay() -> None:
    t = Tracker(settle_seconds=5, stale_seconds=120)
    assert t.decide("a", Observation(10, 100.0), 101.0, None)[0] == WAITING
    assert t.decide("a", Observation(20, 102.0), 103.0, None)[0] == WAITING
    assert t.decide("a", Observation(20, 102.0), 106.0, None)[0] == WAITING  # 4 s quiet
    assert t.decide("a", Observation(20, 102.0), 108.0, True)[0] == READY


def test_a_writer_that_stalls_longer_than_the_settle_delay_is_not_taken_early() -> None:
    """Quiet for 6 s but the PDF has no %%EOF yet: it waits, it is not taken."""
    t = Tracker(settle_seconds=5, stale_seconds=120)
    t.decide("a", Observation(50, 100.0), 100.5, None)
    state, why = t.decide("a", Observation(50, 100.0), 106.0, False)
    assert state == WAITING and "incomplete" in why
    # the writer resumes and finishes
    assert t.decide("a", Observation(90, 107.0), 107.5, None)[0] == WAITING
    assert t.decide("a", Observation(90, 107.0), 113.0, True)[0] == READY


def test_a_change_seen_between_looks_counts_even_with_an_old_mtime() -> None:
    """A copy that keeps the source's mtime still changed while we watched."""
    t = Tracker(settle_seconds=5, stale_seconds=120)
    t.decide("a", Observation(10, 50.0), 100.0, None)
    assert t.decide("a", Observation(20, 50.0), 101.0, True)[0] == WAITING
    assert t.decide("a", Observation(20, 50.0), 106.5, True)[0] == READY


def test_an_incomplete_file_unchanged_past_the_stale_limit_is_stale() -> None:
    t = Tracker(settle_seconds=5, stale_seconds=120)
    state, why = t.decide("a", Observation(50, 0.0), 121.0, False)
    assert state == STALE and "unchanged for 121 s" in why
