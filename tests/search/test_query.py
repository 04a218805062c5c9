"""The query language parser: pure, no index."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiva.errors import BadInputError
from archiva.search.query import (
    MAX_DEPTH,
    AllOf,
    AnyOf,
    DateRange,
    Everything,
    Keyword,
    Late,
    Not,
    Number,
    QueryError,
    Vocabulary,
    Words,
    YearRange,
    kind_named,
    parse,
    with_filters,
)

VOCAB = Vocabulary({"pengaduan": "Pengaduan", "permohonan_kemitraan": "Permohonan kemitraan"},
                   ("letter", "decree", "incoming"))


def test_words_are_all_required() -> None:
    assert parse("perjanjian lebak") == AllOf((Words(None, "perjanjian"), Words(None, "lebak")))


def test_phrases_fields_and_operators() -> None:
    tree = parse('perjanjian "kerja sama" pengirim:Lebak tahun:2024 -batal')
    assert tree == AllOf((
        Words(None, "perjanjian"), Words(None, "kerja sama", phrase=True),
        Words("party", "Lebak"), YearRange(2024, 2024), Not(Words(None, "batal"))))


def test_or_binds_looser_than_and() -> None:
    assert parse("a b OR c") == AnyOf((AllOf((Words(None, "a"), Words(None, "b"))),
                                       Words(None, "c")))
    assert parse("a ATAU c") == AnyOf((Words(None, "a"), Words(None, "c")))
    assert parse("a DAN c") == parse("a AND c") == parse("a c")
    assert parse("BUKAN a") == parse("NOT a") == parse("-a") == Not(Words(None, "a"))


def test_lower_case_operators_are_words() -> None:
    assert parse("lebak or serang") == AllOf((Words(None, "lebak"), Words(None, "or"),
                                             Words(None, "serang")))


def test_parentheses_group() -> None:
    assert parse("(lebak OR serang) perjanjian") == AllOf((
        AnyOf((Words(None, "lebak"), Words(None, "serang"))), Words(None, "perjanjian")))


def test_indonesian_and_english_field_names_are_the_same_field() -> None:
    for a, b in (("perihal:undangan", "subject:undangan"), ("hal:undangan", "subject:undangan"),
                 ("pengirim:lebak", "sender:lebak"), ("mitra:lebak", "partner:lebak"),
                 ("penandatangan:ahmad", "signer:ahmad"), ("isi:rapat", "text:rapat"),
                 ("tahun:2024", "year:2024"), ("TAHUN:2024", "year:2024")):
        assert parse(a) == parse(b)


def test_a_field_pasted_with_a_space_takes_the_next_word() -> None:
    assert parse("Perihal: undangan") == Words("subject", "undangan")
    assert parse('Perihal: "rapat koordinasi"') == Words("subject", "rapat koordinasi",
                                                          phrase=True)


def test_field_group_is_any_of_its_values() -> None:
    assert parse("jenis:(keputusan OR perjanjian)") == AnyOf((Keyword("kind", "decree"),
                                                             Keyword("kind", "mou")))


@pytest.mark.parametrize(("text", "kind"), [
    ("keputusan", "decree"), ("SK", "decree"), ("pks", "mou"), ("perjanjian", "mou"),
    ("laporan", "report"), ("sertifikat", "certificate"), ("masuk", "incoming"),
    ("surat_masuk", "incoming"), ("tercatat", "external"), ("nomor", "number"),
])
def test_kinds_in_indonesian(text: str, kind: str) -> None:
    assert parse(f"jenis:{text}") == Keyword("kind", kind)
    assert kind_named(text) == kind


def test_status_labels_of_the_register() -> None:
    assert parse("status:BATAL") == Keyword("status", "void")
    assert parse("status:terarsip") == Keyword("status", "filed")
    assert parse("status:void") == Keyword("status", "void")


def test_letter_types_by_name_or_label() -> None:
    assert parse("tipe:pengaduan", VOCAB) == Keyword("type", "pengaduan")
    assert parse('tipe:"Permohonan kemitraan"', VOCAB) == Keyword("type", "permohonan_kemitraan")
    with pytest.raises(QueryError, match="no letter type"):
        parse("tipe:keluhan", VOCAB)


def test_classification_is_normalised_and_checked() -> None:
    assert parse("klasifikasi:ks.01") == Keyword("classification", "ks.01")
    with pytest.raises(QueryError, match="not a classification code"):
        parse("klasifikasi:K1")


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    ("2026-02", dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2026-12", dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
    ("2026-03-05", dt.date(2026, 3, 5), dt.date(2026, 3, 5)),
    ("2026-01-01..2026-03-31", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("2026-01..2026-03", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("..2026-03-31", None, dt.date(2026, 3, 31)),
    ("2026-03..", dt.date(2026, 3, 1), None),
    (">=2026-03-01", dt.date(2026, 3, 1), None),
    (">2026-03", dt.date(2026, 4, 1), None),
    ("<2026-03", None, dt.date(2026, 2, 28)),
    ("<=2026", None, dt.date(2026, 12, 31)),
    ('"5 Maret 2026"', dt.date(2026, 3, 5), dt.date(2026, 3, 5)),
    ('"Nopember 2025"', dt.date(2025, 11, 1), dt.date(2025, 11, 30)),
])
def test_dates_and_ranges(value: str, start: dt.date | None, end: dt.date | None) -> None:
    assert parse(f"tanggal:{value}") == DateRange("date", start, end)


def test_years_and_year_ranges() -> None:
    assert parse("tahun:2023..2025") == YearRange(2023, 2025)
    assert parse("tahun:>=2024") == YearRange(2024, None)
    assert parse("tahun:<2024") == YearRange(None, 2023)


def test_late_and_other_date_fields() -> None:
    assert parse("terlambat:ya") == Late(True)
    assert parse("late:no") == Late(False)
    assert parse("tenggat:2026-03") == DateRange("due", dt.date(2026, 3, 1),
                                                 dt.date(2026, 3, 31))
    assert parse("tanggal_surat:2026") == DateRange("letter_date", dt.date(2026, 1, 1),
                                                    dt.date(2026, 12, 31))


@pytest.mark.parametrize("text", ["2209/C7.15/DT.02.00/2023", "2209/c7.15/dt.02.00/2023",
                                  "C7.15/DT.02", "421/123/Disdik/2026"])
def test_anything_with_a_slash_is_a_number(text: str) -> None:
    assert parse(text) == Number("any", text)


def test_a_number_typed_with_a_space_keeps_its_first_segment() -> None:
    assert parse("2209 C7.15/DT.02.00/2023") == Number("any", "C7.15/DT.02.00/2023", "2209")
    assert parse("0024a C7.15/OT.02.02/2026") == Number("any", "C7.15/OT.02.02/2026", "0024a")
    # a word before a number stays a word
    assert parse("surat 421/123/Disdik/2026") == AllOf((Words(None, "surat"),
                                                       Number("any", "421/123/Disdik/2026")))


def test_number_fields() -> None:
    assert parse('nomor:"2209 C7.15/DT.02.00/2023"') == Number("number",
                                                              "2209 C7.15/DT.02.00/2023")
    assert parse("agenda:0012/SM/2026") == Number("agenda", "0012/SM/2026")


def test_typo_tolerance_asked_for_with_a_tilde() -> None:
    assert parse("Rangkasbitug~") == Words(None, "Rangkasbitug", fuzzy=True)


def test_empty_query_is_everything_and_filters_narrow_it() -> None:
    assert parse("") == parse("   ") == Everything()
    assert with_filters(Everything()) == Everything()
    tree = with_filters(parse("rapat"), kind="keputusan", year=2026,
                        date_from=dt.date(2026, 1, 1), sender="Dinas Lebak")
    assert tree == AllOf((Words(None, "rapat"), Keyword("kind", "decree"),
                          YearRange(2026, 2026), DateRange("date", dt.date(2026, 1, 1), None),
                          Words("party", "Dinas Lebak")))
    with pytest.raises(BadInputError, match="--kind"):
        with_filters(Everything(), kind="surat")


@pytest.mark.parametrize(("query", "why"), [
    ('"kerja sama', "never closed"),
    ("(lebak", "never closed"),
    ("lebak)", "no opening"),
    ("lebak OR", "OR is not followed"),
    ("OR lebak", "nothing before it"),
    ("NOT", "not followed"),
    ("foo:bar", "no field 'foo'"),
    ("tanggal:", "has no value"),
    ("tanggal:kemarin", "not a date"),
    ("tanggal:2026-02-30", "not a date"),
    ("tanggal:2026-03-31..2026-01-01", "ends before it starts"),
    ("tanggal:..", "not a date"),
    ("tahun:duaribu", "not a year"),
    ("jenis:surat", "not one of the values"),
    ("status:hilang", "not one of the values"),
    ("terlambat:mungkin", "takes ya or tidak"),
    ('""', "phrase in quotes is empty"),
    ("jenis:()", "holds no value"),
    ("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1), "nests more than"),
    (" ".join(["kata"] * 41), "more than 40"),
    ("x" * 501, "at most 500"),
])
def test_malformed_queries_say_what_is_wrong(query: str, why: str) -> None:
    with pytest.raises(QueryError) as info:
        parse(query)
    assert why in info.value.message
    assert info.value.hint  # and what to do
    assert info.value.exit_code == 2


PIECES = [*'ab "():-/~.9', "tahun:", "jenis:", "tanggal:", " OR ", " NOT ", "..", "\n", "\x00",
          "2026-", "nomor:"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_input_parses_or_gives_a_query_error(text: str) -> None:
    with contextlib.suppress(QueryError):
        parse(text)
