"""The activity report (laporan hasil kegiatan) as a reader sees the page: generated through the
real service from short, long and hostile data, then read back with `tests.documents.layout`
(positions of text lines and images), not just its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from archiva.config import Settings
from archiva.documents.generate import GeneratedDocument
from archiva.errors import DataFileError
from archiva.search.documents import numbers_in
from archiva.service import Archiva
from tests.conftest import EXAMPLES, make_home
from tests.documents.helpers import (
    LONG,
    LONG_END,
    LONG_START,
    MARKUP,
    TEMPLATE_TAG,
    TEMPLATE_VAR,
    in_pdf,
    load_example,
    pdf_text,
    write_yaml,
)
from tests.documents.layout import MM, Line, PageLayout, find_lines, layout_problems, read_layout

MARGINS_MM = (25.0, 25.0, 25.0, 30.0)  # top, right, bottom, left: the template's @page
FOOTER_MM = 15.0  # the page number sits in the bottom margin
CENTRED_PT = 3.0  # "centred": left and right gaps equal within this
WORD = "Sangatpanjangsekalitanpaspasi" * 6  # 174 letters, no break opportunity at all
SIGNATURE = ("Serang, ", "Kepala,", "Dr. Ahmad Suryadi, M.Pd.", "NIP 197001011995121001")


def short_report() -> dict[str, Any]:
    return {
        "classification": "DT.02.00", "date": "2026-11-21", "subject": "Rapat Koordinasi",
        "basis": ["Surat Tugas Kepala BPMP Provinsi Banten Nomor 0001/C7.15/KP.01.00/2026"],
        "sections": [{"title": "Pendahuluan", "paragraphs": ["Rapat telah dilaksanakan."]},
                     {"title": "Penutup", "paragraphs": ["Demikian."]}],
    }


def long_report() -> dict[str, Any]:
    """Long texts everywhere, no `tables:` (the default placement), and a participants table of
    60 rows, each wrapping over two lines, so it crosses a page."""
    r = load_example("laporan.yaml")
    r["subject"] = ("Pendampingan Penyusunan dan Implementasi Kurikulum Operasional Satuan "
                    "Pendidikan Jenjang Pendidikan Dasar dan Menengah di Kabupaten Lebak, "
                    "Kabupaten Pandeglang, dan Kota Serang Tahun Anggaran 2026")
    r["sections"] = [
        {"title": "Latar Belakang", "paragraphs": [LONG, LONG[:1200]]},
        {"title": "Tujuan", "paragraphs": [LONG[:600]]},
        {"title": "Pelaksanaan Kegiatan", "paragraphs": [LONG[:900], LONG[:400]]},
        {"title": "Hasil Kegiatan", "paragraphs": [LONG[:700]]},
        {"title": "Evaluasi", "paragraphs": [LONG[:500]]},
        {"title": "Penutup", "paragraphs": [LONG[:800], "Demikian laporan ini disusun."]},
    ]
    r["participants"] = [
        {"institution": f"AWALBARIS{i:02d} Satuan Pendidikan Negeri {i} di Kecamatan "
                        f"Rangkasbitung Kabupaten Lebak Provinsi Banten AKHIRBARIS{i:02d}",
         "count": i}
        for i in range(1, 61)]
    r["evaluation"] = [{"question": f"Unsur {i}: kesesuaian pelayanan dengan standar yang "
                                    "telah ditetapkan",
                        "ratings": {"sangat baik": 50 + i, "baik": 40, "cukup": 5, "kurang": 1,
                                    "sangat kurang": 0}}
                       for i in range(1, 10)]
    for s in r["sections"]:
        s.pop("tables", None)
    return r


def hostile_report() -> dict[str, Any]:
    """Template syntax, markup, very long single words; section titles matching no table, so
    both tables get sections of their own before "Penutup"."""
    r = load_example("laporan.yaml")
    r["subject"] = f"Uji {TEMPLATE_VAR} {TEMPLATE_TAG} {MARKUP} {WORD}"
    r["basis"] = [MARKUP, TEMPLATE_VAR, f"Nomor {WORD}"]
    r["sections"] = [
        {"title": f"Latar {MARKUP}", "paragraphs": [TEMPLATE_VAR, TEMPLATE_TAG, MARKUP, LONG,
                                                     f"Kata {WORD} panjang."]},
        {"title": WORD, "paragraphs": [WORD]},
        {"title": "Penutup", "paragraphs": ["Demikian laporan ini."]},
    ]
    r["participants"] = [{"institution": MARKUP, "count": 5},
                         {"institution": WORD, "count": 7},
                         {"institution": f"{TEMPLATE_VAR} PESERTATERAKHIR", "count": 1}]
    r["evaluation"][0]["question"] = TEMPLATE_TAG
    r["evaluation"][1]["question"] = WORD
    return r


DATA = {"example": None, "short": short_report, "long": long_report, "hostile": hostile_report}


# -- generated once per module: one home with the demo emblem, one without a logo ------------

@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("report_layout")
    out: dict[str, Path] = {}
    with Archiva.open(make_home(root / "home")) as app:
        for name, build in DATA.items():
            data = EXAMPLES / "laporan.yaml" if build is None else write_yaml(
                root / f"{name}.yaml", build())
            out[name] = _pdf(app, app.generate("report", data))
    plain = make_home(root / "nologo")
    profile = plain.home / "archiva.toml"
    profile.write_text(re.sub(r"(?m)^logo\s*=.*$", "", profile.read_text("utf-8")), "utf-8")
    with Archiva.open(plain) as app:
        out["nologo"] = _pdf(app, app.generate("report", write_yaml(root / "s.yaml",
                                                                   short_report())))
    return out


@pytest.fixture(scope="module")
def pages(reports: dict[str, Path]) -> dict[str, list[PageLayout]]:
    return {name: read_layout(pdf) for name, pdf in reports.items()}


def _pdf(app: Archiva, doc: GeneratedDocument) -> Path:
    [entry] = [f for f in doc.record.files if f.format == "pdf"]
    return app.settings.home / entry.path


def _at(line: Line) -> tuple[int, float]:
    """Reading order: page, then height on the page."""
    return line.page, line.box.top


def _one(pages: list[PageLayout], needle: str) -> Line:
    found = find_lines(pages, needle)
    assert len(found) == 1, (needle, [f.text for f in found])
    return found[0]


def _headings(pages: list[PageLayout]) -> list[Line]:
    """Section headings ("III. PELAKSANAAN KEGIATAN"), bold, in reading order."""
    return [line for p in pages[1:] for line in p.lines
            if line.bold and re.match(r"[IVXL]+\. ", line.text)]


ALL = ["example", "short", "long", "hostile", "nologo"]


# -- the page is clean ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_no_layout_problems(reports: dict[str, Path], name: str) -> None:
    assert layout_problems(reports[name], MARGINS_MM, footer_mm=FOOTER_MM) == []


def test_the_layout_check_sees_a_line_in_the_margin(reports: dict[str, Path]) -> None:
    # the same file against margins wider than the template's: the check is not vacuous
    assert layout_problems(reports["example"], (25, 40, 25, 40), footer_mm=FOOTER_MM)


# -- cover -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_cover_is_centred_and_complete(pages: dict[str, list[PageLayout]], name: str) -> None:
    cover = pages[name][0]
    texts = [line.text for line in cover.lines]
    assert texts[0] == "LAPORAN HASIL KEGIATAN"
    assert any(t.startswith("Nomor: ") for t in texts)
    assert texts[-3:] == ["BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN",
                          "KEMENTERIAN PENDIDIKAN DASAR DAN MENENGAH", "2026"]
    for line in cover.lines:
        left, right = line.box.x0, cover.width - line.box.x1
        assert abs(left - right) <= CENTRED_PT, (line.text, left, right)
    # balanced: the title block in the upper part, the office at the foot of the text area
    assert cover.lines[0].box.top < cover.height / 3
    assert cover.lines[-1].box.bottom > cover.height - (MARGINS_MM[2] + 15) * MM


def test_cover_shows_the_logo_centred_between_title_and_office(
        pages: dict[str, list[PageLayout]]) -> None:
    cover = pages["example"][0]
    [logo] = cover.images
    assert abs(logo.box.x0 - (cover.width - logo.box.x1)) <= CENTRED_PT
    number = _one(pages["example"][:1], "Nomor: ")
    office = _one(pages["example"][:1], "BALAI PENJAMINAN")
    assert number.box.bottom < logo.box.top < logo.box.bottom < office.box.top
    assert pages["nologo"][0].images == []


def test_cover_title_does_not_end_on_a_lone_word(pages: dict[str, list[PageLayout]]) -> None:
    for name in ("example", "long"):
        cover = pages[name][0]
        title = [line for line in cover.lines[1:] if not line.text.startswith("Nomor")][:-3]
        assert len(title) >= 2, [t.text for t in title]  # these subjects need two lines or more
        assert " " in title[-1].text.replace("\u00a0", " "), title[-1].text


def test_cover_title_ties_the_last_words_and_short_prepositions(app: Archiva,
                                                                tmp_path: Path) -> None:
    from archiva.documents.generate import context_for, load_data

    data = load_example("laporan.yaml")
    data["subject"] = f"Rapat Dinas di Serang dan {WORD} Lebak"
    parsed, _ = load_data(app, "report", write_yaml(tmp_path / "r.yaml", data))
    title = context_for("report", parsed, app, "1/X/2026")["cover_title"]
    # a word too long to tie stays breakable; the register keeps the subject untouched
    assert title == f"RAPAT DINAS DI\u00a0SERANG DAN {WORD.upper()} LEBAK"
    assert parsed.common.subject == data["subject"]
    data["subject"] = "Bimbingan Teknis di Kabupaten Lebak"
    parsed, _ = load_data(app, "report", write_yaml(tmp_path / "r.yaml", data))
    title = context_for("report", parsed, app, "1/X/2026")["cover_title"]
    assert title == "BIMBINGAN TEKNIS DI\u00a0KABUPATEN\u00a0LEBAK"


# -- tables inside their sections ----------------------------------------------------------------

def _table_between(pages: list[PageLayout], caption: str, last_row: str, heading: str) -> None:
    """The table (caption to `last_row`, text in its last row) lies after `heading` and before
    the next heading. Cells far apart are separate lines, so `last_row` is one cell's text."""
    heads = _headings(pages)
    [own] = [h for h in heads if h.text.endswith(heading)]
    following = [h for h in heads if _at(h) > _at(own)]
    cap = _one(pages, caption)
    end = find_lines(pages, last_row)[-1]
    assert _at(own) < _at(cap) < _at(end), (heading, caption)
    if following:
        assert _at(end) < _at(following[0]), (caption, following[0].text)


def test_tables_in_the_sections_that_name_them(pages: dict[str, list[PageLayout]]) -> None:
    p = pages["example"]
    _table_between(p, "Tabel 1. Peserta berdasarkan instansi", "SMA Negeri di Kabupaten Lebak",
                   "PELAKSANAAN")
    _table_between(p, "Tabel 2. Hasil survei kepuasan peserta", "Ketersediaan",
                   "HASIL KEGIATAN")
    assert [h.text for h in _headings(p)][-1] == "V. PENUTUP"


def test_tables_placed_by_section_titles(pages: dict[str, list[PageLayout]]) -> None:
    # no `tables:` in the data: "Pelaksanaan…" takes participants, "Evaluasi" (before
    # "Hasil") takes the evaluation
    p = pages["long"]
    _table_between(p, "Tabel 1. Peserta berdasarkan instansi", "1830", "PELAKSANAAN KEGIATAN")
    _table_between(p, "Tabel 2. Hasil survei kepuasan peserta", "Unsur 9", "V. EVALUASI")


def test_tables_without_a_matching_section_go_before_penutup(
        pages: dict[str, list[PageLayout]]) -> None:
    p = pages["hostile"]
    titles = [h.text for h in _headings(p)]
    assert titles[-3:] == ["III. PESERTA KEGIATAN", "IV. HASIL EVALUASI KEGIATAN",
                           "V. PENUTUP"]
    _table_between(p, "Tabel 1. Peserta berdasarkan instansi", "PESERTATERAKHIR",
                   "PESERTA KEGIATAN")
    _table_between(p, "Tabel 2. Hasil survei kepuasan peserta", "Ketersediaan",
                   "HASIL EVALUASI KEGIATAN")


def test_a_long_table_repeats_its_header_and_keeps_rows_whole(
        pages: dict[str, list[PageLayout]]) -> None:
    p = pages["long"]
    first, last = find_lines(p, "AWALBARIS01")[0], find_lines(p, "AWALBARIS60")[0]
    assert first.page < last.page, "the table should cross a page"
    header_pages = {line.page for line in find_lines(p, "Instansi") if line.text == "Instansi"}
    assert set(range(first.page, last.page + 1)) <= header_pages
    for i in range(1, 61):
        [start], [end] = find_lines(p, f"AWALBARIS{i:02d}"), find_lines(p, f"AKHIRBARIS{i:02d}")
        assert start.page == end.page, f"row {i} is split across pages"
        assert end.box.top > start.box.top  # each row wraps: the check above is not vacuous
    # the caption is never left alone at the foot of a page
    caption = _one(p, "Tabel 1. Peserta")
    assert caption.page == first.page


# -- page numbers and signature -----------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_page_numbers_on_every_page_but_the_cover(pages: dict[str, list[PageLayout]],
                                                  name: str) -> None:
    doc = pages[name]
    assert len(doc) >= 2
    for page in doc:
        foot = [line for line in page.lines if line.box.top > page.height - MARGINS_MM[2] * MM]
        if page.number == 1:
            assert foot == []
            continue
        assert [line.text for line in foot] == [str(page.number)]
        centre = (MARGINS_MM[3] * MM + page.width - MARGINS_MM[1] * MM) / 2  # of the text block
        assert abs((foot[0].box.x0 + foot[0].box.x1) / 2 - centre) <= CENTRED_PT
    assert len(pages["long"]) >= 6


@pytest.mark.parametrize("name", ALL)
def test_signature_block_whole_on_the_last_page(pages: dict[str, list[PageLayout]],
                                                name: str) -> None:
    doc = pages[name]
    lines = [_one(doc, needle) if needle != "Serang, " else find_lines(doc, needle)[-1]
             for needle in SIGNATURE]
    assert {line.page for line in lines} == {len(doc)}
    assert [_at(line) for line in lines] == sorted(_at(line) for line in lines)
    assert lines[2].bold
    # room to sign between the title and the name
    assert lines[2].box.top - lines[1].box.bottom > 15 * MM
    # never alone on its page: some of the closing text comes along
    assert any(line.box.bottom < lines[0].box.top for line in doc[-1].lines)


# -- basis, title, literal text --------------------------------------------------------------------

def test_basis_reads_as_a_sentence(pages: dict[str, list[PageLayout]]) -> None:
    # read from the page: pypdf leaves out the list numbers (WeasyPrint tags them as markers)
    text = " ".join(line.text for line in pages["example"][1].lines)
    assert in_pdf("1. Keputusan Kepala BPMP Provinsi Banten Nomor 0001/C7.15/OT.02.02/2026 "
                  "tentang Pelaksana Kegiatan", text)
    assert in_pdf("Kabupaten Lebak Tahun 2026; 2. Perjanjian Kerja Sama", text)
    assert in_pdf("pada Satuan Pendidikan di Kabupaten Lebak. I. LATAR BELAKANG", text)


@pytest.mark.parametrize("name", ["example", "hostile"])
def test_pdf_title_is_the_subject(reports: dict[str, Path], name: str) -> None:
    data = load_example("laporan.yaml") if name == "example" else hostile_report()
    title = PdfReader(str(reports[name])).metadata.title
    assert title == f"Laporan Hasil Kegiatan {data['subject']}"


def test_hostile_text_is_literal(reports: dict[str, Path]) -> None:
    text = pdf_text(reports["hostile"])
    for literal in (TEMPLATE_VAR, TEMPLATE_TAG, MARKUP, LONG_START, LONG_END, WORD,
                    hostile_report()["subject"].upper()):
        assert in_pdf(literal, text), literal[:40]


def test_tables_named_wrongly_are_refused_by_field(tmp_path: Path) -> None:
    data = load_example("laporan.yaml")
    data["sections"][0]["tables"] = ["participants", "anggaran"]  # Pelaksanaan names it too
    data["evaluation"] = []  # still named by "Hasil Kegiatan"
    with Archiva.open(make_home(tmp_path / "home")) as app:
        with pytest.raises(DataFileError) as info:
            app.generate("report", write_yaml(tmp_path / "bad.yaml", data))
        assert app.list_numbers() == []  # refused before a number was taken
    assert sorted(info.value.problems) == [
        "sections[1].tables: unknown table 'anggaran'; expected participants or evaluation",
        "sections[3].tables: the participants table is already in sections[1]",
        "sections[4].tables: names the evaluation table, but the data has no evaluation",
    ]


# -- the example cites what the quick tour makes ------------------------------------------------

@pytest.fixture
def tour(tmp_path: Path) -> Iterator[Archiva]:
    settings: Settings = make_home(tmp_path / "home")
    with Archiva.open(settings) as app:
        yield app


def test_example_basis_cites_the_numbers_the_quick_tour_creates(tour: Archiva) -> None:
    """README "Quick tour" order: decree, agreement, certificates, then the report."""
    tour.generate("decree", EXAMPLES / "keputusan.yaml")
    tour.generate("mou", EXAMPLES / "perjanjian.yaml")
    tour.generate_certificates(EXAMPLES / "kegiatan.yaml", EXAMPLES / "peserta.csv")
    report = tour.generate("report", EXAMPLES / "laporan.yaml").record
    assert report.number == "0003/C7.15/DT.02.00/2026"
    register = tour.list_numbers()
    partner_numbers = {p.get("number"): r for r in register for p in r.parties}
    cited = [(item, n) for item in report.details["basis"] for n in numbers_in(item)]
    assert len(cited) == 3, cited
    for item, number in cited:
        record = partner_numbers.get(number) or tour.show(number)  # show: not found raises
        assert record.status == "filed", number
        assert f"tentang {record.subject}" in item, (number, item)
