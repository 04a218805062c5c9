"""Building search documents from catalogue records: pure logic."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from archiva.models import FILED, VOID, IndexSource, Record
from archiva.search.documents import (
    classification_levels,
    number_terms,
    numbers_in,
    search_document,
    search_key,
)


def record(**kw: Any) -> Record:
    base: dict[str, Any] = dict(
        id=7, kind="decree", series="decree", counter="umum", number="0179/C7.15/OT.02.02/2026",
        status=FILED, classification="OT.02.02", doc_date=dt.date(2026, 3, 5), year=2026,
        seq=179, suffix="", subject="Pelaksana Kegiatan", parties=[], details={},
        created_by="t", created_at=dt.datetime(2026, 3, 5, tzinfo=dt.UTC), reason="",
        voided_by=None, voided_at=None, void_reason="", verification_code=None)
    base.update(kw)
    return Record(**base)


def letter(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict(
        sender="Dinas Pendidikan Kabupaten Lebak", their_number="421/123/Disdik/2026",
        letter_date=dt.date(2026, 3, 2), subject="Pengaduan layanan sertifikat",
        signer="Drs. Ahmad Fauzi, M.Si.", signer_nip="197001011995121001",
        letter_type="pengaduan", progress="baru", due_date=dt.date(2026, 3, 12),
        closed_on=None, answered_by=None, text="Dengan hormat, ...")
    base.update(kw)
    return base


def test_numbers_fold_case_separators_and_leading_zeros() -> None:
    keys = {search_key(n) for n in ("2209 C7.15/DT.02.00/2023", "2209/C7.15/DT.02.00/2023",
                                    "2209/c7.15/dt.02.00/2023", " 2209 / C7.15 /DT.02.00/2023")}
    assert keys == {"2209/c7.15/dt.02.00/2023"}
    assert search_key("0179/C7.22/OT.02.02/2023") == search_key("179/C7.22/OT.02.02/2023")
    assert search_key("0024a/C7.15/OT.02.02/2026") == "24a/c7.15/ot.02.02/2026"
    assert search_key("000/X") == "0/x"  # a zero stays a zero


def test_number_terms_are_every_tail_from_a_segment() -> None:
    assert number_terms("2209/C7.15/DT.02.00/2023") == (
        "2209/c7.15/dt.02.00/2023", "c7.15/dt.02.00/2023", "dt.02.00/2023", "2023")
    assert number_terms("") == ()


def test_numbers_written_in_a_text() -> None:
    text = ("Keputusan Kepala BPMP Provinsi Banten Nomor 0179/C7.15/OT.02.02/2026 dan "
            "Perjanjian Nomor 0180/C7.15/KS.01.00/2026 dan 421/1234/Disdikbud/2026")
    assert numbers_in(text) == ["0179/C7.15/OT.02.02/2026", "0180/C7.15/KS.01.00/2026",
                                "421/1234/Disdikbud/2026"]


def test_classification_levels() -> None:
    assert classification_levels("KS.01.00") == ("ks", "ks.01", "ks.01.00")
    assert classification_levels("") == ()


def test_generated_document_fields() -> None:
    rec = record(kind="mou", series="agreement", parties=[
        {"role": "PIHAK KESATU", "institution": "BALAI PENJAMINAN MUTU PENDIDIKAN"},
        {"role": "PIHAK KEDUA", "institution": "Dinas Pendidikan Kabupaten Lebak",
         "official": "Dr. H. Asep", "position": "Kepala Dinas", "number": "421/1234/Disdik/2026"},
    ], details={"signatory": "Dr. Ahmad Suryadi, M.Pd."}, reason="terlambat dicatat")
    doc = search_document(IndexSource(rec, None, "PERJANJIAN KERJA SAMA ...", None))
    assert "Lebak" in doc.party and "BALAI" not in doc.party  # the other side only
    assert doc.other_numbers[0] == "421/1234/disdik/2026"
    assert doc.signer == "Dr. Ahmad Suryadi, M.Pd."
    assert "terlambat dicatat" in doc.body  # the reason is searchable too
    assert doc.flags == ()


def test_report_cites_the_numbers_of_its_basis() -> None:
    rec = record(kind="report", details={"basis": [
        "Keputusan Nomor 0179/C7.15/OT.02.02/2026", "Perjanjian 0180/C7.15/KS.01.00/2026"]})
    doc = search_document(IndexSource(rec, None, "", None))
    assert "179/c7.15/ot.02.02/2026" in doc.cited_numbers  # leading zeros dropped
    assert "c7.15/ks.01.00/2026" in doc.cited_numbers


def test_letters_take_their_corrected_details() -> None:
    rec = record(kind="incoming", series="incoming", number="0012/SM/2026",
                 subject="(no subject found) scan.pdf")
    doc = search_document(IndexSource(rec, letter(), "Dengan hormat, ...", None))
    assert doc.title == "Pengaduan layanan sertifikat"
    assert doc.party == "Dinas Pendidikan Kabupaten Lebak"
    assert doc.signer == "Drs. Ahmad Fauzi, M.Si. 197001011995121001"
    assert doc.other_numbers[0] == "421/123/disdik/2026"
    assert (doc.letter_type, doc.due_date) == ("pengaduan", dt.date(2026, 3, 12))


def test_late_and_open_flags() -> None:
    rec = record(kind="incoming", number="0012/SM/2026")
    due = dt.date(2026, 3, 12)

    def flags(answer: dt.date | None = None, **kw: Any) -> tuple[str, ...]:
        return search_document(IndexSource(rec, letter(due_date=due, **kw), "", answer)).flags

    assert flags() == ("open",)
    assert flags(answer=dt.date(2026, 3, 13), progress="selesai") == ("late",)
    assert flags(answer=dt.date(2026, 3, 12), progress="selesai") == ()  # on the due day
    assert flags(progress="selesai", closed_on=dt.date(2026, 3, 20)) == ("late",)
    assert flags(answer=dt.date(2026, 3, 11), progress="selesai",
                 closed_on=dt.date(2026, 3, 20)) == ()  # answered in time, closed later
    void = dataclasses.replace(rec, status=VOID)
    assert search_document(IndexSource(void, letter(), "", None)).flags == ()


def test_stamp_changes_with_any_indexed_content() -> None:
    rec = record()
    a = search_document(IndexSource(rec, None, "teks", None))
    assert a.stamp == search_document(IndexSource(rec, None, "teks", None)).stamp
    assert a.stamp != search_document(IndexSource(rec, None, "teks lain", None)).stamp
    voided = dataclasses.replace(rec, status=VOID, void_reason="salah")
    assert a.stamp != search_document(IndexSource(voided, None, "teks", None)).stamp
