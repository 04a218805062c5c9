"""Decrees and agreements looked at on the page: the real BPMP decree regenerated from data
(every part of it), a long one and a hostile one, laid out without overlaps inside the margins,
and the DOCX read back with python-docx saying what the PDF says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from archiva.config import Settings
from archiva.documents.generate import GeneratedDocument
from archiva.service import Archiva
from tests.conftest import EXAMPLES, make_home
from tests.documents.helpers import (
    LONG,
    MARKUP,
    TEMPLATE_TAG,
    TEMPLATE_VAR,
    docx_lines,
    load_example,
    pdf_text,
    write_yaml,
)
from tests.documents.layout import Line, PageLayout, find_lines, layout_problems, read_layout

# The DOCX templates' page: A4, margins 2.5 cm (3 cm left); the page number sits in the header
# area above the top margin, so the top allowance is the header's distance from the edge.
MARGINS_MM = (12.0, 25.0, 25.0, 30.0)
REAL = "standar-pelayanan.yaml"
STANDARD_ARTICLES = ["MAKSUD DAN TUJUAN", "RUANG LINGKUP", "PELAKSANAAN", "HAK DAN KEWAJIBAN",
                     "PEMBIAYAAN", "JANGKA WAKTU", "PEMANTAUAN DAN EVALUASI", "KEADAAN KAHAR",
                     "PENYELESAIAN PERSELISIHAN", "PERUBAHAN", "PENUTUP"]


def long_decree() -> dict[str, Any]:
    """Every structure at its longest: a long subject, five levels of sub-items, multi-paragraph
    dicta, three Lampiran (one with two tables and given widths)."""
    d = load_example("keputusan.yaml")
    d["date"] = "2026-11-25"
    d["subject"] = ("Tim Pelaksana, Narasumber, dan Fasilitator Kegiatan Pendampingan "
                    "Penyusunan Kurikulum Operasional Satuan Pendidikan Jenjang Sekolah Dasar "
                    "dan Sekolah Menengah Pertama di Kabupaten Lebak dan Kabupaten Pandeglang")

    def nest(depth: int) -> dict[str, Any]:
        item: dict[str, Any] = {"text": f"Butir tingkat {depth} yang menjelaskan rincian tugas "
                                        "pelaksana secara lengkap dan jelas;"}
        if depth < 5:
            item["items"] = [nest(depth + 1), f"Butir pendek tingkat {depth + 1};"]
        return item

    d["decisions"] = [
        "Paragraf pertama diktum.\nParagraf kedua diktum yang lebih panjang dan menjelaskan "
        "tugas pelaksana kegiatan secara rinci sampai melewati satu baris penuh.",
        {"text": "Tugas pelaksana meliputi:", "items": [nest(1), "Tugas lain;"],
         "closing": "Tugas tersebut dilaksanakan dengan penuh tanggung jawab."},
        *d["decisions"],
    ]
    table = d["attachments"][0]
    d["attachments"] = [
        table,
        {"title": "JADWAL KEGIATAN", "tables": [
            {"title": "A. Tahap Persiapan", "columns": ["No", "Kegiatan", "Waktu"],
             "rows": [["1", "Rapat persiapan", "3 November 2026"]], "widths": [1, 8, 4]},
            {"title": "B. Tahap Pelaksanaan", "columns": ["No", "Kegiatan", "Waktu"],
             "rows": [[str(i), f"Pendampingan sekolah ke-{i}", "17 November 2026"]
                      for i in range(1, 30)]},
        ]},
        {"title": "KETENTUAN LAIN", "paragraphs": [LONG[:600]]},
    ]
    return d


def hostile_decree() -> dict[str, Any]:
    d = load_example("keputusan.yaml")
    d["date"] = "2026-11-26"
    d["subject"] = f"Uji {TEMPLATE_VAR} {TEMPLATE_TAG} {MARKUP} " + "X" * 80
    d["considering"] = [f"bahwa {MARKUP};", TEMPLATE_VAR, LONG]
    d["decisions"] = [{"text": TEMPLATE_TAG, "numbering": "(a)",
                       "items": [MARKUP, "Y" * 120, {"text": TEMPLATE_VAR, "items": [MARKUP]}]}]
    d["attachments"][0]["rows"][0][1] = "Z" * 90  # a word longer than its column
    return d


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archiva, dict[str, Any]]]:
    root = tmp_path_factory.mktemp("decrees")
    settings: Settings = make_home(root / "home")
    data = root / "data"
    data.mkdir()
    with Archiva.open(settings) as app:
        docs: dict[str, GeneratedDocument] = {
            "real": app.generate("decree", EXAMPLES / REAL),
            "example": app.generate("decree", EXAMPLES / "keputusan.yaml"),
            "mou": app.generate("mou", EXAMPLES / "perjanjian.yaml"),
            "long": app.generate("decree", write_yaml(data / "long.yaml", long_decree())),
            "hostile": app.generate("decree", write_yaml(data / "hostile.yaml",
                                                         hostile_decree())),
        }
        yield app, docs


def _file(app: Archiva, doc: GeneratedDocument, fmt: str) -> Path:
    return next(app.settings.home / f.path for f in doc.record.files if f.format == fmt)


def _pages(made: tuple[Archiva, dict[str, Any]], name: str) -> list[PageLayout]:
    app, docs = made
    return read_layout(_file(app, docs[name], "pdf"))


def _one(pages: list[PageLayout], needle: str) -> Line:
    found = find_lines(pages, needle)
    assert found, f"{needle!r} is not on any page"
    return found[0]


@pytest.mark.parametrize("name", ["real", "example", "long", "hostile", "mou"])
def test_nothing_overlaps_and_everything_is_inside_the_margins(made: Any, name: str) -> None:
    app, docs = made
    # The agreement's page numbers sit in the footer area, below the bottom margin.
    assert layout_problems(_file(app, docs[name], "pdf"), MARGINS_MM, footer_mm=15) == []


@pytest.mark.parametrize("name", ["real", "example", "long", "mou"])
def test_the_letterhead_has_the_logo_left_of_centred_text(made: Any, name: str) -> None:
    pages = _pages(made, name)
    first = pages[0]
    [logo] = [i for i in first.images if i.box.top < 150]
    ministry = _one(pages, "KEMENTERIAN PENDIDIKAN DASAR DAN MENENGAH")
    office = _one(pages, "BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN")
    assert logo.box.x1 < ministry.box.x0
    assert logo.box.top < ministry.box.bottom and office.box.top < logo.box.bottom
    for line in (ministry, office):  # centred on the same axis
        assert abs((line.box.x0 + line.box.x1) / 2 - (ministry.box.x0 + ministry.box.x1) / 2) < 3


def test_the_real_decree_has_every_part(made: Any) -> None:
    pages = _pages(made, "real")
    lampiran = _one(pages, "LAMPIRAN").page
    text = " ".join(line.text for p in pages[:lampiran - 1] for line in p.lines)
    # Title block in bold, broken evenly: no line of it is one lone word.
    heading = _one(pages, "KEPUTUSAN KEPALA BALAI")
    block = [line for line in pages[0].lines
             if heading.box.top <= line.box.top <= _one(pages, "STANDAR PELAYANAN KEMITRAAN")
             .box.top]
    assert [line.text for line in block][:2] != []
    assert all(line.bold for line in block)
    assert all(len(line.text.split()) > 1 for line in block if line.text != "TENTANG")
    menetapkan = _one(pages, "Menetapkan")
    title_lines = [line for p in pages for line in p.lines
                   if line.page == menetapkan.page and line.bold
                   and menetapkan.box.top - 2 <= line.box.top < _one(pages, "KESATU").box.top]
    assert len(title_lines) >= 2 and all(len(line.text.split()) > 1 for line in title_lines)
    for part in ("Menimbang", "Mengingat", "MEMUTUSKAN:", "KESATU", "KEDUA", "KETIGA",
                 "KEEMPAT", "Ditetapkan di Rangkasbitung", "pada tanggal 18 Desember 2023",
                 "Afrizal Sihotang, S.T., M.Si.", "NIP 197402112002121001"):
        assert part in text, part
    # KEDUA's sub-items: A. with a.–f., B. with 1.–8., each level indented further.
    service = _one(pages, "A. Service Delivery")
    first_a = _one(pages, "a. Persyaratan pelayanan;")
    manufacturing = _one(pages, "B. Manufacturing")
    eighth = _one(pages, "8. Evaluasi kinerja pelaksana.")
    kedua = _one(pages, "Standar pelayanan sebagaimana dimaksud dalam Diktum KESATU")
    assert kedua.box.x0 < service.box.x0 < first_a.box.x0
    assert service.box.x0 == pytest.approx(manufacturing.box.x0, abs=1)
    assert first_a.box.x0 == pytest.approx(eighth.box.x0, abs=1)
    for marker, item in zip("abcdef", ("Persyaratan", "Sistem", "Jangka", "Biaya", "Produk",
                                       "Penanganan"), strict=True):
        assert _one(pages, f"{marker}. {item}")
    assert len(re.findall(r"\b[1-8]\. (?:Dasar hukum|Sarana|Kompetensi|Pengawasan|Jumlah|"
                          r"Jaminan pelayanan|Jaminan keamanan|Evaluasi kinerja)", text)) == 8


def test_the_real_decrees_lampiran(made: Any) -> None:
    pages = _pages(made, "real")
    lampiran = _one(pages, "LAMPIRAN")
    assert lampiran.text == "LAMPIRAN"  # one Lampiran: no number
    below = [line.text for line in pages[lampiran.page - 1].lines
             if line.box.top > lampiran.box.top][:8]
    joined = " ".join(below)
    assert "KEPUTUSAN KEPALA BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN" in joined
    assert "NOMOR 0001/C7.15/DT.02.00/2023" in joined
    assert "TANGGAL 18 DESEMBER 2023" in joined
    assert "TENTANG STANDAR PELAYANAN KEMITRAAN" in joined
    # In KEDUA, and as the titles of the Lampiran's two tables.
    assert [line.page >= lampiran.page for line in find_lines(pages, "A. Service Delivery")] \
        == [False, True]
    assert [line.page >= lampiran.page for line in find_lines(pages, "B. Manufacturing")] \
        == [False, True]
    # Column widths fit the content: "No" is narrow, "Uraian" takes the space.
    page = pages[lampiran.page - 1]
    no = next(line for line in page.lines if line.text.split()[0] == "No")
    komponen = next(line for line in page.lines if "Komponen" in line.text
                    and abs(line.box.top - no.box.top) < 2)
    komponen_x = komponen.parts()[1].x0 if komponen is no else komponen.box.x0
    assert komponen_x - no.box.x0 < 40  # points: about 1.4 cm of a 15.5 cm table
    # The Lampiran is signed as the decree is.
    assert len(find_lines(pages, "Ditetapkan di Rangkasbitung")) == 2
    assert len(find_lines(pages, "Afrizal Sihotang, S.T., M.Si.")) == 2


def test_page_numbers_from_the_second_page(made: Any) -> None:
    for name in ("real", "long"):
        pages = _pages(made, name)
        assert len(pages) >= 3
        assert not [line for line in pages[0].lines if re.fullmatch(r"- \d+ -", line.text)]
        for page in pages[1:]:
            top = min(page.lines, key=lambda line: line.box.top)
            assert top.text == f"- {page.number} -"
            assert abs((top.box.x0 + top.box.x1) / 2 - page.width * (30 + 210 - 25) / 2 / 210) \
                < 6


def test_several_lampiran_are_numbered_and_have_their_tables(made: Any) -> None:
    pages = _pages(made, "long")
    for label in ("LAMPIRAN I", "LAMPIRAN II", "LAMPIRAN III"):
        assert [line for line in find_lines(pages, label) if line.text == label], label
    assert _one(pages, "A. Tahap Persiapan").page < _one(pages, "B. Tahap Pelaksanaan").page + 1
    assert len(find_lines(pages, "Ditetapkan di Serang")) == 4  # the decree and each Lampiran
    # Given widths 1 : 8 : 4.
    kegiatan = _one(pages, "Rapat persiapan")
    waktu = _one(pages, "3 November 2026")
    assert waktu.box.x0 - kegiatan.box.x0 > 200


def test_five_levels_of_sub_items_step_right(made: Any) -> None:
    pages = _pages(made, "long")
    xs = [_one(pages, f"Butir tingkat {d} yang").box.x0 for d in range(1, 6)]
    assert xs == sorted(xs) and len(set(round(x) for x in xs)) == 5
    # Markers by depth: a., 1., a), 1), (a).
    for marker, depth in (("a.", 1), ("1.", 2), ("a)", 3), ("1)", 4), ("(a)", 5)):
        assert _one(pages, f"{marker} Butir tingkat {depth} yang")
    # A dictum's second paragraph is its own line, not a stretched line break.
    assert _one(pages, "Paragraf pertama diktum.").text.endswith("Paragraf pertama diktum.")


def test_hostile_text_is_printed_literally(made: Any) -> None:
    app, docs = made
    text = " ".join(pdf_text(_file(app, docs["hostile"], "pdf")).split())
    for literal in (TEMPLATE_VAR, TEMPLATE_TAG, "A & B <b>bold</b>"):
        assert literal in text
    assert "(a) A & B" in text


def test_the_agreement_has_each_standard_article_as_its_own_pasal(made: Any) -> None:
    pages = _pages(made, "mou")
    lines = [line.text for p in pages for line in p.lines]
    pasal = [i for i, t in enumerate(lines) if re.fullmatch(r"Pasal \d+", t)]
    assert [lines[i] for i in pasal] == [f"Pasal {n}" for n in range(1, len(pasal) + 1)]
    assert [lines[i + 1] for i in pasal] == STANDARD_ARTICLES
    text = " ".join(lines)
    funding = text.index("PEMBIAYAAN")
    assert funding < text.index("Rp15.000.000,00 (lima belas juta rupiah)") < \
        text.index("JANGKA WAKTU") < text.index("berlaku sejak tanggal 12 November 2026") < \
        text.index("PEMANTAUAN DAN EVALUASI")
    assert text.index("PENUTUP") < text.index("dibuat rangkap 2 (dua)")


@pytest.mark.parametrize("name", ["real", "long", "hostile", "mou"])
def test_the_docx_says_what_the_pdf_says(made: Any, name: str) -> None:
    app, docs = made
    doc = docs[name]

    docx = " ".join(docx_lines(_file(app, doc, "docx")))
    # pypdf runs a page's number into its first line ("- 3 -KETIGA"), and a word too long for
    # its line or cell is broken over several: compare each side's words with the other
    # side's text squashed (all whitespace removed).
    pdf = re.sub(r"- \d+ -", " ", pdf_text(_file(app, doc, "pdf")))
    for words, other in ((docx.split(), "".join(pdf.split())),
                         (pdf.split(), "".join(docx.split()))):
        missing = [w for w in words if w not in other]
        assert missing == []


@pytest.mark.parametrize("name", ["real", "mou"])
def test_the_pdf_title_is_the_documents_subject(made: Any, name: str) -> None:
    app, docs = made
    doc = docs[name]
    title = PdfReader(str(_file(app, doc, "pdf"))).metadata.title
    assert doc.record.number in title and doc.record.subject in title
    assert "Templat" not in title
