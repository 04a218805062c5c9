"""Letter details from letter text: every generated sample field by field (clean and with OCR-like
damage), the writers' files read back, and focused cases: dates, NIPs, missing fields, numbers
kept as written, and hostile text that must come back quickly without an exception."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path
from typing import Any

import pytest

from archiva.intake.letter import LetterDetails, extract_letter, parse_indonesian_date
from tests.intake.letters import (
    FIELDS,
    LAYOUTS,
    SampleLetter,
    noisy,
    samples,
    write_docx,
    write_pdf,
    write_scan,
)

SAMPLES = samples()
NOISY_COUNT = 14  # the first two rounds of every layout
ALL_MISSING = ("sender", "number", "date", "subject", "addressee", "attachments", "signer",
               "signer_nip")


def _cases(count: int) -> list[Any]:
    return [pytest.param(i, name, id=f"{i:02d}-{SAMPLES[i].layout}-{name}")
            for i in range(count) for name in FIELDS]


def _noisy_text(i: int) -> str:
    return noisy(SAMPLES[i].text(), random.Random(1000 + i))


_clean_cache: dict[int, LetterDetails] = {}
_noisy_cache: dict[int, LetterDetails] = {}


def _clean(i: int) -> LetterDetails:
    if i not in _clean_cache:
        _clean_cache[i] = extract_letter(SAMPLES[i].text())
    return _clean_cache[i]


def _damaged(i: int) -> LetterDetails:
    if i not in _noisy_cache:
        _noisy_cache[i] = extract_letter(_noisy_text(i))
    return _noisy_cache[i]


# -- the generated letters -----------------------------------------------------------------------


def test_samples_are_many_deterministic_and_cover_every_layout() -> None:
    assert len(SAMPLES) >= 20
    assert {s.layout for s in SAMPLES} == set(LAYOUTS)
    assert [s.text() for s in samples()] == [s.text() for s in SAMPLES]
    numbers = {s.number for s in SAMPLES}
    assert "2209 C7.15/DT.02.00/2023" in numbers
    assert any("/SMAN1-RKB/" in n for n in numbers)
    assert any(n.startswith("B-") and "/UN43/KS.00/" in n for n in numbers)
    assert any(not s.signer_nip for s in SAMPLES) and any(s.attachment_count is None
                                                          for s in SAMPLES)


@pytest.mark.parametrize(("i", "name"), _cases(len(SAMPLES)))
def test_field_from_clean_text(i: int, name: str) -> None:
    assert getattr(_clean(i), name) == getattr(SAMPLES[i], name)


@pytest.mark.parametrize(("i", "name"), _cases(NOISY_COUNT))
def test_field_from_ocr_damaged_text(i: int, name: str) -> None:
    assert _noisy_text(i) != SAMPLES[i].text()
    assert getattr(_damaged(i), name) == getattr(SAMPLES[i], name)


@pytest.mark.parametrize("i", range(len(SAMPLES)), ids=lambda i: f"{i:02d}")
def test_missing_lists_exactly_the_empty_fields(i: int) -> None:
    details = _clean(i)
    expected = tuple(n for n in ALL_MISSING if not getattr(SAMPLES[i], n))
    assert details.missing == expected


# -- files written by the generator, read back the way intake reads them -------------------------

FILE_SAMPLES = [SAMPLES[1], SAMPLES[2], SAMPLES[6]]  # two-column, date above, 2209 number


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


@pytest.mark.parametrize("sample", FILE_SAMPLES, ids=lambda s: s.layout)
def test_pdf_and_docx_read_back_to_the_same_details(sample: SampleLetter, tmp_path: Path) -> None:
    pdf_text = _pdf_text(write_pdf(sample, tmp_path / "surat.pdf"))
    docx_text = _docx_text(write_docx(sample, tmp_path / "surat.docx"))
    for text in (pdf_text, docx_text):
        details = extract_letter(text)
        assert {n: getattr(details, n) for n in FIELDS} == sample.truth()


@pytest.mark.parametrize("name", ["scan.png", "scan.tif", "scan.jpg"])
def test_scan_writer_makes_a_skewed_noisy_page(name: str, tmp_path: Path) -> None:
    from PIL import Image

    path = write_scan(SAMPLES[0], tmp_path / name, dpi=150, skew_deg=1.5, noise=0.02, seed=3)
    with Image.open(path) as img:
        assert img.mode == "L"
        assert img.size[0] == round(8.27 * 150) and img.size[1] >= round(11.69 * 150)
        assert round(img.info["dpi"][0]) == 150
        assert img.getextrema() == (0, 255)


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("3 Maret 2026", dt.date(2026, 3, 3)),
    ("Lebak, 3 Maret 2026", dt.date(2026, 3, 3)),
    ("Rangkasbitung, 03-03-2026", dt.date(2026, 3, 3)),
    ("Serang, 3/3/2026", dt.date(2026, 3, 3)),
    ("03.03.2026", dt.date(2026, 3, 3)),
    ("2026-03-03", dt.date(2026, 3, 3)),
    ("17 Agustus 2025", dt.date(2025, 8, 17)),
    ("17 Agust. 2025", dt.date(2025, 8, 17)),
    ("10 Nopember 2025", dt.date(2025, 11, 10)),
    ("10 November 2025", dt.date(2025, 11, 10)),
    ("5 Pebruari 2024", dt.date(2024, 2, 5)),
    ("29 Februari 2024", dt.date(2024, 2, 29)),
    ("1 Desember 2023", dt.date(2023, 12, 1)),
    ("1 Des 2023", dt.date(2023, 12, 1)),
    ("4 0ktober 2O23", dt.date(2023, 10, 4)),  # OCR: zero for O, O for zero
    ("12 Marct 2026", dt.date(2026, 3, 12)),
    ("l2 Juli 2026", dt.date(2026, 7, 12)),
    ("9 JuIi 2026", dt.date(2026, 7, 9)),
    ("tanggal 3Maret 2026", dt.date(2026, 3, 3)),
    ("31 Juni 2026", None),  # no such day
    ("29 Februari 2023", None),
    ("3 Bulan 2026", None),
    ("Maret 2026", None),
    ("", None),
    ("l Maret 2026", None),  # a lone l could be 1 or anything: unknowable
])
def test_parse_indonesian_date(text: str, expected: dt.date | None) -> None:
    assert parse_indonesian_date(text) == expected


LETTER = """PEMERINTAH KABUPATEN LEBAK
DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN LEBAK
Jalan Abdi Negara Nomor 3 Rangkasbitung, Telepon (0252) 201234
==========================================================================
Nomor    : 421/123/Disdik/2026                    Lebak, 3 Maret 2026
Lampiran : 1 (satu) berkas
Hal      : Permohonan Narasumber Kegiatan
           In House Training Kurikulum Merdeka

Yth. Kepala BPMP Provinsi Banten
di
    Serang

Dengan hormat,
    Kami mohon kesediaan Bapak/Ibu menugaskan narasumber pada tanggal 20 April 2026.

                                                  Kepala Dinas,



                                                  Dr. H. Asep Saepudin, S.Pd., M.M.
                                                  Pembina Utama Muda
                                                  NIP. 19700101 199512 1 001
"""


def test_reference_letter() -> None:
    assert extract_letter(LETTER) == LetterDetails(
        sender="DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN LEBAK",
        number="421/123/Disdik/2026", date=dt.date(2026, 3, 3), place="Lebak",
        subject="Permohonan Narasumber Kegiatan In House Training Kurikulum Merdeka",
        addressee="Kepala BPMP Provinsi Banten", attachments="1 (satu) berkas",
        attachment_count=1, signer="Dr. H. Asep Saepudin, S.Pd., M.M.",
        signer_nip="197001011995121001", missing=())


# -- NIP and signer ------------------------------------------------------------------------------


@pytest.mark.parametrize("nip_line", [
    "NIP. 19700101 199512 1 001", "NIP 197001011995121001", "NIP: 19700101 199512 1 001",
    "NlP. 19700101 199512 l 001", "Nip 19700101  199512  1  001", "N1P.19700101199512100l",
])
def test_nip_with_spaces_and_ocr_letters(nip_line: str) -> None:
    text = LETTER.replace("NIP. 19700101 199512 1 001", nip_line)
    details = extract_letter(text)
    assert details.signer_nip == "197001011995121001"
    assert details.signer == "Dr. H. Asep Saepudin, S.Pd., M.M."


def test_a_nip_with_a_digit_lost_is_not_completed() -> None:
    lost = LETTER.replace("NIP. 19700101 199512 1 001", "NIP. 19700101 19951 1 001")
    details = extract_letter(lost)
    assert details.signer_nip == ""
    assert "signer_nip" in details.missing
    assert details.signer == "Dr. H. Asep Saepudin, S.Pd., M.M."


def test_another_id_than_a_nip_gives_the_signer_but_no_nip() -> None:
    details = extract_letter(LETTER.replace("NIP. 19700101 199512 1 001", "NIY. 2010.07.015"))
    assert details.signer == "Dr. H. Asep Saepudin, S.Pd., M.M."
    assert details.signer_nip == "" and details.missing == ("signer_nip",)


# -- missing fields are empty and listed, never invented -----------------------------------------

ASSOCIATION_LETTER = """IKATAN GURU INDONESIA (IGI) WILAYAH BANTEN
Sekretariat: Jalan Pendidikan Nomor 7 Serang
------------------------------------------------------------
Nomor    : 012/IGI-BTN/III/2026
Perihal  : Permohonan Narasumber

Kepada
Yth. Kepala BPMP Provinsi Banten
di Serang

Dengan hormat,
Kami mohon narasumber untuk kegiatan lokakarya guru pada tanggal 20 April 2026.

                                          Serang, 3 Maret 2026
                                          Ketua,



                                          Drs. Ahmad Fauzi, M.Si.
"""


def test_no_lampiran_and_no_nip_are_missing() -> None:
    details = extract_letter(ASSOCIATION_LETTER)
    assert details.attachments == "" and details.attachment_count is None
    assert details.signer_nip == ""
    assert details.missing == ("attachments", "signer_nip")
    assert details.signer == "Drs. Ahmad Fauzi, M.Si."
    assert details.sender == "IKATAN GURU INDONESIA (IGI) WILAYAH BANTEN"
    assert (details.date, details.place) == (dt.date(2026, 3, 3), "Serang")


def test_an_event_date_in_the_body_is_not_the_letter_date() -> None:
    text = ASSOCIATION_LETTER.replace("Serang, 3 Maret 2026", "")
    text = text.replace("Dengan hormat,", "Dengan hormat,\n    Hari/tanggal   :  Senin, 20 April "
                        "2026\n    Tempat         :  Aula SMA Negeri 1 Serang")
    details = extract_letter(text)
    assert details.date is None and details.place == ""
    assert "date" in details.missing


@pytest.mark.parametrize("text", [
    "Ini hanya catatan rapat tanpa struktur surat.\nTidak ada nomor, tanggal, atau penanda "
    "tangan.\n",
    "Hal ini perlu kami sampaikan kepada semua guru.\nKepada peserta diharapkan hadir tepat "
    "waktu.\nTanggal 3 Maret 2026 adalah hari Selasa.\n",
    "lorem ipsum dolor sit amet\n" * 50,
    "",
])
def test_text_without_letter_fields_gives_nothing(text: str) -> None:
    assert extract_letter(text) == LetterDetails(missing=ALL_MISSING)


@pytest.mark.parametrize(("value", "count"), [
    ("1 (satu) berkas", 1), ("2 (dua) lembar", 2), ("Satu berkas", 1), ("tiga berkas", 3),
    ("-", 0), ("tidak ada", 0), ("berkas", None),
])
def test_attachment_count(value: str, count: int | None) -> None:
    details = extract_letter(LETTER.replace("1 (satu) berkas", value))
    assert (details.attachments, details.attachment_count) == (value, count)


# -- numbers and layouts that samples do not show -------------------------------------------------


@pytest.mark.parametrize(("written", "expected"), [
    ("2209 C7.15/DT.02.00/2023", "2209 C7.15/DT.02.00/2023"),  # the missing slash stays missing
    ("005/SMAN1-RKB/III/2026", "005/SMAN1-RKB/III/2026"),
    ("B-123/UN43/KS.00/2026", "B-123/UN43/KS.00/2026"),
    ("024a/C7.15/OT.02.02/2026", "024a/C7.15/OT.02.02/2026"),
    ("421 / 123 / Disdik / 2026", "421/123/Disdik/2026"),  # OCR spaces around slashes
    ("421/l23/Disdik/2O26", "421/123/Disdik/2026"),  # l and O inside all-digit parts only
    ("263/O/2022", "263/O/2022"),  # a letter O that is a letter
])
def test_number_kept_as_written(written: str, expected: str) -> None:
    assert extract_letter(LETTER.replace("421/123/Disdik/2026", written)).number == expected


def test_columns_glued_together_as_a_pdf_text_layer_gives_them() -> None:
    text = """KEMENTERIAN PENDIDIKAN DASAR DAN MENENGAH
BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN
Nomor: 2209 C7.15/DT.02.00/2023 Serang, 20 November 2023
Lampiran : 1 (satu) berkas Kepada
Perihal : Undangan Rapat Yth. Kepala Dinas Pendidikan Kota Serang
di
Serang
Dengan hormat,
Kami mengundang Saudara.
Kepala,
Budi Santoso, S.Pd., M.Si.
NIP 197002031996061002
"""
    d = extract_letter(text)
    assert (d.number, d.date, d.place) == ("2209 C7.15/DT.02.00/2023", dt.date(2023, 11, 20),
                                           "Serang")
    assert (d.attachments, d.subject, d.addressee) == ("1 (satu) berkas", "Undangan Rapat",
                                                       "Kepala Dinas Pendidikan Kota Serang")
    assert (d.signer, d.signer_nip) == ("Budi Santoso, S.Pd., M.Si.", "197002031996061002")


def test_right_column_after_the_left_block_as_ocr_gives_it() -> None:
    text = """PEMERINTAH KABUPATEN LEBAK
DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN LEBAK
Nomer; 421/123/Disdik/2026
Lamplran . 1 (satu) berkas
Perlhal : Permohonan Narasumber

Lebak, 3 Maret 2026

Kepada
Yang terhormat Kepala BPMP Provinsi Banten
di
Serang
Dengan hormat,
Kami mohon narasumber.
Kepala Dinas,
(ttd)
DR. H. ASEP SAEPUDIN, S.Pd., M.M.
NIP 197001011995121001
Tembusan:
1. Bupati Lebak
"""
    d = extract_letter(text)
    assert d.missing == ()
    assert (d.number, d.date, d.subject) == ("421/123/Disdik/2026", dt.date(2026, 3, 3),
                                             "Permohonan Narasumber")
    assert (d.addressee, d.signer) == ("Kepala BPMP Provinsi Banten",
                                       "DR. H. ASEP SAEPUDIN, S.Pd., M.M.")


def test_mixed_case_letterhead_and_kepada_yth_on_one_line() -> None:
    text = """Dinas Pendidikan Kota Cilegon
Jalan Jenderal Ahmad Yani Nomor 12 Cilegon
Cilegon, 3 Maret 2026
No: 421/55/Dindik/2026
Perihal: Permohonan Informasi
Kepada Yth. Kepala BPMP Provinsi Banten
di tempat
"""
    d = extract_letter(text)
    assert (d.sender, d.number, d.addressee) == ("Dinas Pendidikan Kota Cilegon",
                                                 "421/55/Dindik/2026",
                                                 "Kepala BPMP Provinsi Banten")
    assert d.missing == ("attachments", "signer", "signer_nip")


# -- hostile input -------------------------------------------------------------------------------

_rng = random.Random(7)
HOSTILE = {
    "empty": "",
    "megabyte of prose": ("Dengan hormat, kami sampaikan bahwa kegiatan berjalan baik. " * 17000),
    "megabyte on one line": "Nomor : " + "Lebak " * 170_000,
    "megabyte of spaces": " " * 1_000_000,
    "megabyte of tabs": "\t" * 1_000_000,
    "binary garbage": _rng.randbytes(1_000_000).decode("latin-1"),
    "control characters": "".join(chr(_rng.randrange(32)) for _ in range(200_000)),
    "label lines": "Nomor : 1\n" * 100_000,
    "yth everywhere": "\n".join(["Hal : " + "Yth " * 250] * 2000),
    "spaced letters": "\n".join(["N o m o r " * 100] * 2000),
    "place and date soup": "\n".join(["Lebak Kota Serang Baru, 3 Maret 20" * 30] * 2000),
    "NIP digits": "\n".join(["NIP " + "1 " * 500] * 2000),
    "glued columns": "\n".join(["Hal  :  Permohonan    Yth. Kepala    " * 30] * 2000),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_returns_quickly(name: str) -> None:
    start = time.perf_counter()
    details = extract_letter(HOSTILE[name])
    parse_indonesian_date(HOSTILE[name])
    assert time.perf_counter() - start < 1.0
    assert isinstance(details, LetterDetails)
    assert set(details.missing) <= set(ALL_MISSING)


@pytest.mark.parametrize("name", ["Nia Kurniasih, S.Pd.", "dr. Andi Wijaya, M.Kes.",
                                  "NURHAYATI, S.Pd."])
def test_signer_names_that_look_like_other_things(name: str) -> None:
    details = extract_letter(ASSOCIATION_LETTER.replace("Drs. Ahmad Fauzi, M.Si.", name))
    assert details.signer == name


def test_the_sender_is_the_unit_with_its_government() -> None:
    """Every district's education office has the same unit name: the government says which."""
    head = ("PEMERINTAH KABUPATEN PANDEGLANG\nDINAS PENDIDIKAN DAN KEBUDAYAAN\n"
            "Jalan Raya Labuan Km. 3, Pandeglang\n" + "=" * 60 + "\n")
    letter = head + "Nomor : 421.2/567/Disdikbud/2026      Pandeglang, 24 November 2026\n" \
        "Hal   : Permohonan narasumber\n\nYth. Kepala BPMP Provinsi Banten\n"
    found = extract_letter(letter)
    assert found.sender == "DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN PANDEGLANG"
    assert found.number == "421.2/567/Disdikbud/2026"
    assert found.date == dt.date(2026, 11, 24)
    assert not found.doubts
    school = extract_letter(letter.replace("DINAS PENDIDIKAN DAN KEBUDAYAAN",
                                           "SMA NEGERI 1 LABUAN"))
    assert school.sender == "SMA NEGERI 1 LABUAN"  # a school is known by its own name
    alone = extract_letter(letter.replace("PEMERINTAH KABUPATEN PANDEGLANG\n", ""))
    assert alone.sender == "DINAS PENDIDIKAN DAN KEBUDAYAAN"
    assert any(d.startswith("sender: the government") for d in alone.doubts)


@pytest.mark.parametrize(("read", "month", "fixed"), [
    ("X1", 11, "XI"), ("XI1", 11, "XI"), ("XI1", 12, "XII"), ("V1", 6, "VI"), ("XI", 11, "XI")])
def test_a_roman_month_misread_by_ocr_is_put_right_and_flagged(read: str, month: int,
                                                              fixed: str) -> None:
    letter = (f"DINAS PENDIDIKAN KOTA SERANG\n{'=' * 60}\n"
              f"Nomor : 421/0789/KCD-LBK/{read}/2026 -     Serang, 10 {_MONTHS[month]} 2026 -\n"
              "Hal   : Permohonan\n")
    found = extract_letter(letter)
    assert found.number == f"421/0789/KCD-LBK/{fixed}/2026"
    assert found.date == dt.date(2026, month, 10)
    assert any("was read as" in d for d in found.doubts) == (read != fixed)


def test_a_roman_month_unlike_the_date_is_flagged() -> None:
    found = extract_letter(f"DINAS PENDIDIKAN KOTA SERANG\n{'=' * 60}\n"
                           "Nomor : 005/12/SD/IX/2026      Serang, 3 November 2026\n")
    assert found.number == "005/12/SD/IX/2026"
    assert any("not the month of the letter's date (November)" in d for d in found.doubts)


_MONTHS = {6: "Juni", 11: "November", 12: "Desember"}


def test_ocr_marks_at_the_edges_are_not_part_of_values_and_a_wrapped_addressee_is_whole(
        ) -> None:
    found = extract_letter(f"&) DINAS PENDIDIKAN KOTA TANGERANG\n{'=' * 60}\n"
                           "Nomor    : 005/12/Disdik/2026      Tangerang, 3 November 2026\n"
                           "Lampiran : ': 3 (tiga) berkas\n"
                           "Hal      : -.? Permohonan Fasilitasi\n\n"
                           "Yth. Kepala Balai Penjaminan Mutu\nPendidikan Provinsi Banten.\n"
                           "di\nSerang\n")
    assert found.sender == "DINAS PENDIDIKAN KOTA TANGERANG"
    assert (found.attachments, found.attachment_count) == ("3 (tiga) berkas", 3)
    assert found.subject == "Permohonan Fasilitasi"
    assert found.addressee == "Kepala Balai Penjaminan Mutu Pendidikan Provinsi Banten"
    place = extract_letter("Yth. Kepala BPMP\nSerang\n\nDengan hormat,\n")
    assert place.addressee == "Kepala BPMP"  # a place on the next line is not part of it
