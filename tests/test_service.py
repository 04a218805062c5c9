"""The reference register through the service layer, on SQLite and on PostgreSQL."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiva.errors import BadInputError, ConflictError, NotFoundError
from archiva.service import Archiva
from tests.conftest import make_home

D = dt.date


def test_numbers_follow_the_series_format_and_share_the_counter(any_app: Archiva) -> None:
    a = any_app.issue_number("letter", "ot.02.02", "Undangan rapat", D(2026, 3, 2))
    b = any_app.issue_number("decree", "OT.02.02", "SK pelaksana", D(2026, 3, 5))
    c = any_app.issue_number("certificate", "DT.02.00", "Sertifikat", D(2026, 3, 5))
    assert a.number == "0001/C7.15/OT.02.02/2026"
    assert b.number == "0002/C7.15/OT.02.02/2026"  # letters and decrees share 'umum'
    assert c.number == "00001/Sertifikat/BPMPBANTEN/2026"  # certificates have their own
    assert (a.created_by, a.status, a.subject) == ("tester", "issued", "Undangan rapat")


def test_counter_restarts_each_year_by_document_date(any_app: Archiva) -> None:
    any_app.issue_number("letter", "OT.02.02", "a", D(2025, 12, 31))
    any_app.issue_number("letter", "OT.02.02", "b", D(2025, 12, 31))
    first = any_app.issue_number("letter", "OT.02.02", "c", D(2026, 1, 2))
    assert first.number == "0001/C7.15/OT.02.02/2026"


def test_inserted_numbers_take_a_letter_and_leave_the_counter(any_app: Archiva) -> None:
    for day in (2, 5, 9):
        any_app.issue_number("letter", "OT.02.02", f"day {day}", D(2026, 3, day))
    a = any_app.issue_number("letter", "OT.02.02", "late", D(2026, 3, 6), reason="terlambat")
    b = any_app.issue_number("letter", "OT.02.02", "later", D(2026, 3, 7), reason="terlambat")
    c = any_app.issue_number("letter", "OT.02.02", "early", D(2026, 3, 4), reason="terlambat")
    assert [a.number[:5], b.number[:5], c.number[:5]] == ["0002a", "0002b", "0001a"]
    assert a.inserted and a.reason == "terlambat"
    nxt = any_app.issue_number("letter", "OT.02.02", "next", D(2026, 3, 9))
    assert nxt.number.startswith("0004/")
    order = [r.number[:5] for r in any_app.list_numbers(year=2026)]
    assert order == ["0001/", "0001a", "0002/", "0002a", "0002b", "0003/", "0004/"]


def test_inserted_number_needs_a_reason_and_a_base(any_app: Archiva) -> None:
    any_app.issue_number("letter", "OT.02.02", "w", D(2026, 3, 2))
    any_app.issue_number("letter", "OT.02.02", "x", D(2026, 3, 5))
    with pytest.raises(BadInputError, match="inserted number"):
        any_app.issue_number("letter", "OT.02.02", "y", D(2026, 3, 4))
    with pytest.raises(BadInputError, match="no number to insert it after"):
        any_app.issue_number("letter", "OT.02.02", "y", D(2026, 1, 4), reason="r")
    assert len(any_app.list_numbers()) == 2


def test_void_keeps_the_number_and_never_reuses_it(any_app: Archiva) -> None:
    a = any_app.issue_number("letter", "OT.02.02", "x", D(2026, 3, 5))
    v = any_app.void("0001 c7.15/ot.02.02/2026", "salah klasifikasi")
    assert (v.id, v.status, v.void_reason, v.voided_by) == (a.id, "void", "salah klasifikasi",
                                                            "tester")
    with pytest.raises(ConflictError, match="already void"):
        any_app.void(a.number, "again")
    with pytest.raises(BadInputError):
        any_app.void(a.number, "  ")
    b = any_app.issue_number("letter", "OT.02.02", "y", D(2026, 3, 5))
    assert b.seq == 2
    assert [h["action"] for h in any_app.history(v)] == ["allocate", "void"]


def test_recording_an_external_number_does_not_touch_the_counter(any_app: Archiva) -> None:
    ext = any_app.record_external("B-12/C7.15/KS.01.00/2026", "letter", "KS.01.00",
                                  "dari SRIKANDI", D(2026, 3, 1), "SRIKANDI")
    assert ext.status == "recorded" and ext.seq is None
    with pytest.raises(ConflictError, match="already in the register"):
        any_app.record_external("b-12 C7.15/ks.01.00/2026", "letter", "KS.01.00", "again",
                                D(2026, 3, 1), "SRIKANDI")
    assert any_app.issue_number("letter", "OT.02.02", "x", D(2026, 3, 5)).seq == 1


def test_an_own_number_recorded_earlier_takes_its_place(any_app: Archiva) -> None:
    """An office starting mid-year records the numbers it already used; the counter steps
    over them instead of stalling on them."""
    for n in (1, 2):
        any_app.record_external(f"000{n}/C7.15/OT.02.02/2026", "letter", "OT.02.02", "typed in",
                                D(2026, 3, n), "manual")
    issued = any_app.issue_number("letter", "OT.02.02", "x", D(2026, 3, 5))
    assert issued.number == "0003/C7.15/OT.02.02/2026"
    recs = any_app.list_numbers()
    assert [(r.seq, r.status) for r in recs] == [(1, "recorded"), (2, "recorded"), (3, "issued")]
    assert any_app.history(recs[0])[-1]["action"] == "takes-place"
    # Another classification has no recorded twin: it continues the same counter at 4.
    assert any_app.issue_number("letter", "OT.01.00", "y", D(2026, 3, 5)).seq == 4


@pytest.mark.postgres
def test_a_number_recorded_while_it_is_being_issued_takes_its_place(
        tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: `number record` of exactly the next number, committed between the issue's
    look-up and its insert, failed the issue with a raw IntegrityError (8 in 574 races)."""
    from archiva.catalogue import store

    settings = make_home(tmp_path, postgres_url)
    with Archiva.open(settings) as app, Archiva.open(settings) as other:
        app.issue_number("letter", "OT.02.02", "satu", D(2026, 3, 2))
        real = store.number_key
        calls: list[str] = []

        def meanwhile(number: str) -> str:
            calls.append(number)
            if len(calls) == 2:  # looked up, not yet inserted: the other office types it in
                other.record_external(number, "letter", "OT.02.02", "dicatat", D(2026, 3, 3),
                                      "SRIKANDI")
            return real(number)

        monkeypatch.setattr(store, "number_key", meanwhile)
        issued = app.issue_number("letter", "OT.02.02", "dua", D(2026, 3, 3))
    assert calls[0] == "0002/C7.15/OT.02.02/2026"
    assert issued.number == "0003/C7.15/OT.02.02/2026"
    with Archiva.open(settings) as app:
        recs = app.list_numbers()
        assert [(r.number, r.seq, r.status) for r in recs] == [
            ("0001/C7.15/OT.02.02/2026", 1, "issued"), ("0002/C7.15/OT.02.02/2026", 2, "recorded"),
            ("0003/C7.15/OT.02.02/2026", 3, "issued")]
        assert app.history(recs[1])[-1]["action"] == "takes-place"


def test_voiding_a_mistyped_future_date_frees_the_year(any_app: Archiva) -> None:
    any_app.issue_number("letter", "OT.02.02", "a", D(2026, 1, 5))
    typo = any_app.issue_number("letter", "OT.02.02", "b", D(2026, 12, 1))
    any_app.void(typo.number, "tanggal salah ketik")
    nxt = any_app.issue_number("letter", "OT.02.02", "c", D(2026, 1, 13))
    assert (nxt.seq, nxt.suffix) == (3, "")  # a new number, not 0001a


def test_bad_requests_are_refused_before_anything_is_issued(any_app: Archiva) -> None:
    with pytest.raises(BadInputError, match="no number series called"):
        any_app.issue_number("nope", "OT.02.02", "x")
    with pytest.raises(BadInputError, match="classification"):
        any_app.issue_number("letter", "O T", "x")
    with pytest.raises(BadInputError, match=r"(?i)subject"):
        any_app.issue_number("letter", "OT.02.02", "   ")
    with pytest.raises(NotFoundError):
        any_app.show("9999/C7.15/OT.02.02/2026")
    assert any_app.list_numbers() == []


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=12))
def test_register_property_no_duplicates_no_gaps(days: list[int]) -> None:
    """Any order of document dates: base numbers are 1..n, every number distinct, and every
    inserted number follows a base dated on or before it."""
    with tempfile.TemporaryDirectory() as tmp, Archiva.open(make_home(Path(tmp))) as app:
        start = D(2026, 2, 1)
        for day in days:
            # A date before every base number is refused and issues nothing.
            with contextlib.suppress(BadInputError):
                app.issue_number("letter", "OT.02.02", f"d{day}", start + dt.timedelta(day),
                                 reason="property")
        recs = app.list_numbers()
        bases = [r for r in recs if not r.suffix]
        assert [r.seq for r in bases] == list(range(1, len(bases) + 1))
        assert len({r.number for r in recs}) == len(recs)
        by_seq = {r.seq: r for r in bases}
        for r in recs:
            if r.suffix:
                assert by_seq[r.seq].doc_date <= r.doc_date


def test_a_number_typed_without_its_zero_padding_is_found(any_app: Archiva) -> None:
    """`search` forgave 1/… for 0001/…; `show` and `void` said it was not in the register."""
    issued = any_app.issue_number("letter", "OT.02.02", "satu", D(2026, 3, 2))
    assert any_app.show("1/c7.15/ot.02.02/2026").id == issued.id
    assert any_app.void("01 C7.15 OT.02.02 2026", "salah").status == "void"
    any_app.record_external("001/C7.15/OT.02.02/2026", "letter", "OT.02.02", "dicatat",
                            D(2026, 3, 3), "SRIKANDI")
    with pytest.raises(NotFoundError, match="could be any of"):
        any_app.show("1/C7.15/OT.02.02/2026")
    assert any_app.show("0001/C7.15/OT.02.02/2026").id == issued.id  # as written: exact
