"""Pure rules of the reference register: formats, inserted numbers, keys, file stems."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiva.indonesian import suffix_index, suffix_letters
from archiva.numbering import (
    NumberParts,
    Placement,
    classification_ok,
    format_problems,
    next_suffix,
    number_key,
    place,
    render_number,
    safe_file_stem,
)

REGULAR = "{seq:04d}/{unit}/{classification}/{year}"
CERTIFICATE = "{seq:05d}/Sertifikat/{office_code}/{year}"


def parts(seq: int = 24, suffix: str = "", month: int = 12, year: int = 2023) -> NumberParts:
    return NumberParts(seq, year, month, "OT.02.02", "C7.22", "BPMPKALTIM", suffix)


# --- format_problems -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fmt",
    [
        REGULAR,
        CERTIFICATE,
        "{seq}/{year}",
        "{seq:03d}/{unit}/{classification}/{month_roman}/{year}",
        "{seq}/{unit}/{classification}/{month:02d}/{year}",
        "{seq}/{{literal}}/{year}",
    ],
)
def test_good_formats_have_no_problems(fmt):
    assert format_problems(fmt) == []


def test_unknown_field_is_named():
    problems = format_problems("{seq}/{unit}/{division}/{year}")
    assert len(problems) == 1
    assert "unknown field(s) {division}" in problems[0]
    assert "{classification}" in problems[0]  # the allowed fields are listed


def test_positional_field_is_unknown():
    assert any("unknown field" in p for p in format_problems("{}/{seq}/{year}"))


@pytest.mark.parametrize(
    ("fmt", "missing"),
    [
        ("{unit}/{classification}/{year}", "{seq}"),
        ("{seq:04d}/{unit}/{classification}", "{year}"),
        ("{unit}/{classification}", "{seq}, {year}"),
        ("nomor", "{seq}, {year}"),
    ],
)
def test_required_fields(fmt, missing):
    assert format_problems(fmt) == [f"the format must contain {missing}"]


@pytest.mark.parametrize(
    "fmt", ["{seq/{year}", "{seq}/{year", "{seq}}/{year}", "{seq}/year}", "{seq}/{year}{"]
)
def test_broken_braces(fmt):
    problems = format_problems(fmt)
    assert len(problems) == 1
    assert problems[0].startswith("the format is not valid")


def test_unusable_spec_is_reported():
    problems = format_problems("{seq:x.}/{year}")
    assert len(problems) == 1
    assert problems[0].startswith("the format cannot be applied")


# --- render_number ---------------------------------------------------------------------------


def test_render_padded():
    assert render_number(REGULAR, parts(24)) == "0024/C7.22/OT.02.02/2023"


def test_render_unpadded():
    assert render_number("{seq}/{unit}/{classification}/{year}", parts(60)) == (
        "60/C7.22/OT.02.02/2023"
    )


def test_render_sequence_longer_than_padding():
    assert render_number(REGULAR, parts(12345)) == "12345/C7.22/OT.02.02/2023"


def test_inserted_suffix_sits_right_after_the_sequence():
    assert render_number(REGULAR, parts(24, "a")) == "0024a/C7.22/OT.02.02/2023"
    assert render_number(REGULAR, parts(24, "aa")) == "0024aa/C7.22/OT.02.02/2023"


def test_suffix_after_sequence_when_sequence_is_not_first():
    assert render_number("{unit}-{seq:03d}/{year}", parts(7, "b")) == "C7.22-007b/2023"


def test_month_roman():
    fmt = "{seq:03d}/{unit}/{month_roman}/{year}"
    assert render_number(fmt, parts(5, month=12)) == "005/C7.22/XII/2023"
    assert render_number(fmt, parts(5, month=4)) == "005/C7.22/IV/2023"


def test_month_number():
    assert render_number("{seq}/{month:02d}/{year}", parts(5, month=3)) == "5/03/2023"


def test_certificate_format():
    assert render_number(CERTIFICATE, parts(1, year=2026)) == "00001/Sertifikat/BPMPKALTIM/2026"


def test_literal_braces():
    assert render_number("{seq}/{{x}}/{year}", parts(1)) == "1/{x}/2023"


# --- classification --------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["OT", "OT.02", "OT.02.02", "DT.02.00", "DT.02.00.01", "KS.01"])
def test_classification_ok(code):
    assert classification_ok(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "ot.02",
        "O.02",
        "OTT.02",
        "OT.2",
        "OT.002",
        "OT02",
        "OT.02.",
        "OT.02.02.02.02",
        " OT.02",
        "OT 02",
        "12.02",
    ],
)
def test_classification_not_ok(code):
    assert not classification_ok(code)


# --- number_key ------------------------------------------------------------------------------


def test_key_tolerates_the_missing_slash_slip():
    assert number_key("2209 C7.15/DT.02.00/2023") == number_key("2209/c7.15/dt.02.00/2023")


def test_key_folds_surrounding_and_repeated_separators():
    assert number_key("  0179 / C7.22//OT.02.02/2023\n") == "0179/C7.22/OT.02.02/2023"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("0024/C7.22/OT.02.02/2023", "0024a/C7.22/OT.02.02/2023"),
        ("0024/C7.22/OT.02.02/2023", "024/C7.22/OT.02.02/2023"),
        ("0024/C7.22/OT.02.02/2023", "0024/C7.22/OT.02.02/2024"),
        ("0024/C7.22/OT.02.02/2023", "0024/C7.2/2/OT.02.02/2023"),
    ],
)
def test_key_keeps_different_numbers_apart(a, b):
    assert number_key(a) != number_key(b)


@given(st.text())
def test_key_is_idempotent(text):
    key = number_key(text)
    assert number_key(key) == key


# --- next_suffix -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ([], "a"),
        ([""], "a"),  # the base number itself has no letter
        (["", "a"], "b"),
        (["a", "b"], "c"),
        (["b", "a"], "c"),
        (["a", "c"], "d"),  # never fills a gap: a voided letter is not reused
        (["z"], "aa"),
        (["az"], "ba"),
    ],
)
def test_next_suffix(existing, expected):
    assert next_suffix(existing) == expected


# --- safe_file_stem --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("0179/C7.22/OT.02.02/2023", "0179_C7.22_OT.02.02_2023"),
        ("2209 C7.15/DT.02.00/2023", "2209_C7.15_DT.02.00_2023"),
        ("0024a/C7.22/OT.02.02/2023", "0024a_C7.22_OT.02.02_2023"),
        ("00001/Sertifikat/BPMPKALTIM/2026", "00001_Sertifikat_BPMPKALTIM_2026"),
        ("263/O/2022", "263_O_2022"),
    ],
)
def test_safe_file_stem_of_real_numbers(number, expected):
    assert safe_file_stem(number) == expected


@pytest.mark.parametrize("number", ["../../etc/passwd", "/abs/path", " ..\\x y ", "a b/c"])
def test_safe_file_stem_cannot_escape(number):
    stem = safe_file_stem(number)
    assert "/" not in stem
    assert "\\" not in stem
    assert " " not in stem
    assert ".." not in stem
    assert not stem.startswith(".")


@pytest.mark.parametrize("number", ["", "   ", "/", "..", "._.", "???"])
def test_safe_file_stem_never_empty(number):
    assert safe_file_stem(number) == "unnumbered"


@given(st.text())
def test_safe_file_stem_property(text):
    stem = safe_file_stem(text)
    assert stem
    assert re.fullmatch(r"[A-Za-z0-9._-]+", stem)
    assert not stem.startswith(".")
    assert stem not in {".", ".."}


# --- place: unit cases -----------------------------------------------------------------------

D = dt.date


def test_first_number_of_the_year():
    assert place(D(2026, 3, 1), 0, None, None, []) == Placement(1, "", False)


def test_later_date_takes_next_number():
    assert place(D(2026, 3, 2), 23, D(2026, 3, 1), None, []) == Placement(24, "", False)


def test_same_date_as_latest_takes_next_number():
    assert place(D(2026, 3, 1), 23, D(2026, 3, 1), None, []) == Placement(24, "", False)


def test_earlier_date_is_inserted_after_its_base():
    assert place(D(2026, 2, 1), 30, D(2026, 3, 1), 24, []) == Placement(24, "a", True)


def test_second_insertion_on_same_base_takes_next_letter():
    assert place(D(2026, 2, 1), 30, D(2026, 3, 1), 24, ["", "a"]) == Placement(24, "b", True)


def test_earlier_than_every_number_is_refused():
    assert place(D(2026, 1, 2), 30, D(2026, 3, 1), None, []) is None


# --- place: property test against a simulated register -----------------------------------


@dataclass(frozen=True)
class Entry:
    seq: int
    suffix: str
    date: dt.date


def _state(register: list[Entry], doc_date: dt.date):
    """The counter's state as the database code derives it for one counter and one year."""
    bases = [e for e in register if e.suffix == ""]
    last_seq = max((e.seq for e in bases), default=0)
    last_date = max((e.date for e in bases), default=None)
    base = max((e.seq for e in bases if e.date <= doc_date), default=None)
    suffixes = [e.suffix for e in register if e.seq == base] if base is not None else []
    return last_seq, last_date, base, suffixes


YEAR_START = D(2026, 1, 1)
# Mostly dates close together (many ties and insertions), sometimes anywhere in the year.
day_offsets = st.one_of(st.integers(0, 15), st.integers(0, 364))
doc_dates = st.lists(day_offsets.map(lambda n: YEAR_START + dt.timedelta(days=n)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(doc_dates)
def test_place_keeps_the_register_consistent(dates):
    register: list[Entry] = []
    refused: list[dt.date] = []
    for d in dates:
        last_seq, last_date, base, suffixes = _state(register, d)
        spot = place(d, last_seq, last_date, base, suffixes)
        bases_now = [e for e in register if e.suffix == ""]
        if spot is None:
            # Refused only when no base number is dated on or before the document.
            assert bases_now
            assert all(e.date > d for e in bases_now)
            refused.append(d)
            continue
        if spot.inserted:
            # Only a document dated before the latest number is inserted...
            assert last_date is not None and d < last_date
            # ...after the last base number dated on or before it, with the next letter...
            assert spot.seq == base
            assert spot.suffix == suffix_letters(len([s for s in suffixes if s]) + 1)
        else:
            # A fresh number is the next one, for a date on or after the latest.
            assert spot.seq == last_seq + 1
            assert spot.suffix == ""
            assert last_date is None or d >= last_date
        register.append(Entry(spot.seq, spot.suffix, d))
        # Inserted numbers never move the counter.
        assert _state(register, d)[0] == last_seq + (0 if spot.inserted else 1)

    bases = sorted((e for e in register if e.suffix == ""), key=lambda e: e.seq)
    base_date = {e.seq: e.date for e in bases}

    # Base numbers are exactly 1..n and their dates never go backwards.
    assert [e.seq for e in bases] == list(range(1, len(bases) + 1))
    assert all(a.date <= b.date for a, b in itertools.pairwise(bases))
    # No number twice.
    assert len({(e.seq, e.suffix) for e in register}) == len(register)
    # Every inserted number falls between its base and the next base number.
    for e in register:
        if e.suffix:
            assert base_date[e.seq] <= e.date
            assert e.seq + 1 in base_date, "an inserted number always has a later base number"
            assert base_date[e.seq + 1] > e.date
    # The letters on each base are a, b, c, ... without gaps.
    for seq in base_date:
        letters = sorted(
            (e.suffix for e in register if e.seq == seq and e.suffix), key=suffix_index
        )
        assert letters == [suffix_letters(i) for i in range(1, len(letters) + 1)]
    # The first document always takes 1; afterwards exactly the documents dated before it are
    # refused, and every other document is in the register.
    if dates:
        assert base_date[1] == dates[0]
        assert refused == [d for d in dates[1:] if d < dates[0]]
    assert len(register) + len(refused) == len(dates)
