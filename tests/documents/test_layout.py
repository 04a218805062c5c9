"""Tests for the layout checker, on small PDFs made with WeasyPrint: a clean page, overlapping
text, an image over text, text in the margin, two columns on one baseline, and single-spaced
paragraphs that must not count as overlapping."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from PIL import Image as PILImage
from weasyprint import HTML

from tests.documents.layout import Box, find_lines, layout_problems, read_layout

MARGINS = (20.0, 20.0, 20.0, 20.0)
PAGE_CSS = """
@page { size: A4; margin: 20mm; }
body { margin: 0; font: 12pt "Liberation Serif"; line-height: 1.15; }
p { margin: 0 0 6pt; }
.at { position: absolute; margin: 0; }
"""
BODY = ("Peserta pada kegiatan Bimbingan Teknis Penyusunan Kurikulum Satuan Pendidikan yang "
        "diselenggarakan oleh Balai Penjaminan Mutu Pendidikan Provinsi Banten.")


def _png_uri() -> str:
    """A tiny square PNG as a data: URI (WeasyPrint needs no base_url for it)."""
    buf = io.BytesIO()
    PILImage.new("RGB", (4, 4), "black").save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _pdf(tmp_path: Path, body: str, css: str = "") -> Path:
    path = tmp_path / "doc.pdf"
    HTML(string=f"<style>{PAGE_CSS}{css}</style>{body}").write_pdf(path)
    return path


# -- clean pages ----------------------------------------------------------------------------------


def test_clean_page_has_no_problems(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, f"""
        <p style="text-align:center"><img src="{_png_uri()}" style="width:20mm"></p>
        <p style="text-align:center; font: bold 14pt 'Liberation Sans'">SERTIFIKAT</p>
        <p>{BODY * 3}</p>
        <table style="width:100%"><tr>
          <td style="width:50%">Kode verifikasi</td>
          <td>Serang, 20 November 2026<br>Kepala,<br><br><b>Dr. Ahmad Suryadi, M.Pd.</b></td>
        </tr></table>""")

    assert layout_problems(pdf, MARGINS) == []
    [page] = read_layout(pdf)
    assert (round(page.width), round(page.height)) == (595, 842)
    assert len(page.images) == 1
    assert find_lines([page], "SERTIFIKAT")[0].bold


def test_table_cells_side_by_side_do_not_overlap(tmp_path: Path) -> None:
    # Vertically centred cells put one-line cells on a baseline between the lines of their
    # two-line neighbours; a superscript sits on a baseline of its own between words.
    cells = "".join(f"<td>{text}</td>" for text in
                    ("1", "Dra. Siti Rahmawati, M.Pd.", "196805121994032002", "Penanggung Jawab"))
    pdf = _pdf(tmp_path, f"<table><tr>{cells}</tr></table><p>Luas ruang 20 m<sup>2</sup>.</p>",
               "td { vertical-align: middle; width: 25mm; border: 1px solid; }")

    assert layout_problems(pdf, MARGINS) == []


@pytest.mark.parametrize("line_height", ["1.0", "1.15"])
def test_single_spaced_paragraphs_are_not_overlaps(tmp_path: Path, line_height: str) -> None:
    # Runs in other fonts and sizes inside a line, and two families with different descents.
    mixed = (BODY + " <b>Tebal</b> <i>miring</i> <span style='font-family:DejaVu Sans'>"
             "sans</span> <span style='font-size:13pt'>lebih besar</span> ")
    pdf = _pdf(tmp_path, f"<p>{mixed * 3}</p><p style='font-family:DejaVu Sans'>{BODY * 3}</p>",
               f"body {{ line-height: {line_height}; }}")

    assert len(read_layout(pdf)[0].lines) > 12
    assert layout_problems(pdf, MARGINS) == []


def test_lines_set_tighter_than_solid_do_overlap(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, f"<p>{BODY * 2}</p>", "body { line-height: 0.8; }")

    problems = layout_problems(pdf, MARGINS)
    lines = read_layout(pdf)[0].lines
    assert len(problems) == len(lines) - 1  # each line runs into the next
    assert all(" overlaps " in problem for problem in problems)


# -- collisions -----------------------------------------------------------------------------------


def test_overlapping_paragraphs_are_reported_by_name(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, """
        <p class="at" style="top:40mm; left:0">Serang, 20 November 2026</p>
        <p class="at" style="top:42mm; left:10mm">Dr. Ahmad Suryadi, M.Pd.</p>""")

    assert layout_problems(pdf, MARGINS) == [
        'page 1: "Serang, 20 November 2026" overlaps "Dr. Ahmad Suryadi, M.Pd."']


def test_text_over_text_on_the_same_baseline_is_an_overlap(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, """
        <p class="at" style="top:40mm; left:0">Balai Penjaminan Mutu</p>
        <p class="at" style="top:40mm; left:15mm">Kepala Balai</p>""")

    [problem] = layout_problems(pdf, MARGINS)
    assert '"Balai Penjaminan Mutu"' in problem and '"Kepala Balai"' in problem


def test_image_over_text_is_reported_for_every_line_it_covers(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, f"""
        <p>{BODY}</p>
        <img class="at" src="{_png_uri()}" style="top:0; left:5mm; width:20mm">""")

    problems = layout_problems(pdf, MARGINS)
    lines = read_layout(pdf)[0].lines
    assert len(problems) == len(lines) == 2
    # Quoted text is shortened to 40 characters.
    assert problems[0] == ('page 1: image at (71, 57)-(128, 113) overlaps '
                           '"Peserta pada kegiatan Bimbingan Teknis…"')


def test_image_in_a_gap_between_words_is_not_an_overlap(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, f'<p>Ikon <img src="{_png_uri()}" style="height:9pt"> di baris.</p>')

    assert layout_problems(pdf, MARGINS) == []


# -- margins and the page -------------------------------------------------------------------------


def test_text_in_the_bottom_margin_is_reported(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, '<p class="at" style="top:262mm; left:0">NIP 197001011995121001</p>')

    [problem] = layout_problems(pdf, MARGINS)
    assert re.fullmatch(r'page 1: "NIP 197001011995121001" is outside the margins '
                        r'\(bottom by \d+\.\d pt\)', problem)
    # The same text is fine as footer content once the footer band is allowed.
    assert layout_problems(pdf, MARGINS, footer_mm=15) == []


def test_footer_allowance_does_not_excuse_body_text_crossing_the_margin(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, '<p class="at" style="top:255mm; left:0">Menimbang bahwa</p>')

    assert len(layout_problems(pdf, MARGINS, footer_mm=15)) == 1


def test_page_number_in_the_footer_needs_footer_mm(tmp_path: Path) -> None:
    css = "@page { @bottom-center { content: counter(page); } }"
    pdf = _pdf(tmp_path, f"<p>{BODY}</p>", css)

    assert layout_problems(pdf, MARGINS) == [
        'page 1: "1" is outside the margins (bottom by 34.7 pt)']
    assert layout_problems(pdf, MARGINS, footer_mm=20) == []


def test_text_and_image_past_the_right_margin(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, f"""
        <p class="at" style="top:10mm; left:150mm; white-space:nowrap">Kabupaten Lebak</p>
        <img class="at" src="{_png_uri()}" style="top:50mm; left:165mm; width:10mm">""")

    problems = layout_problems(pdf, MARGINS)
    assert len(problems) == 2
    assert re.fullmatch(r'page 1: "Kabupaten Lebak" is outside the margins \(right by \d+\.\d pt\)',
                        problems[0])
    assert re.fullmatch(r"page 1: image at \(\d+, \d+\)-\(\d+, \d+\) is outside the margins "
                        r"\(right by 14\.2 pt\)", problems[1])


def test_text_drawn_off_the_page(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, '<p class="at" style="top:10mm; left:-40mm">Di luar halaman</p>')

    assert layout_problems(pdf, MARGINS) == [
        'page 1: "Di luar halaman" is outside the page (left by 56.7 pt)']


# -- reading lines --------------------------------------------------------------------------------


def test_two_columns_on_one_baseline_are_two_lines(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, """
        <div style="display:flex; justify-content:space-between">
          <span style="font-size:8.5pt">Kode verifikasi</span><span>Serang, 20 November 2026</span>
        </div>
        <p>Peserta pada <b>Bim</b>bingan Teknis</p>""")

    pages = read_layout(pdf)
    [left] = find_lines(pages, "Kode verifikasi")
    [right] = find_lines(pages, "Serang")
    assert (left.text, right.text) == ("Kode verifikasi", "Serang, 20 November 2026")
    assert right.box.x0 - left.box.x1 > 200
    assert (left.size, right.size) == (8.5, 12.0)
    # A font change inside a word neither splits the line nor adds a space.
    [line] = find_lines(pages, "Peserta")
    assert line.text == "Peserta pada Bimbingan Teknis"
    assert not line.bold and find_lines(pages, "Bim")[0] == line


def test_line_boxes_are_in_points_from_the_top_left(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, '<p class="at" style="top:30mm; left:10mm">Kepala,</p>')

    [line] = read_layout(pdf)[0].lines
    assert line.page == 1
    # 20 mm margin + 30 mm = 141.7 pt down, 30 mm = 85.0 pt across.
    assert line.box.x0 == pytest.approx(85.0, abs=0.1)
    assert 141.7 < line.box.top < line.box.bottom < 141.7 + 12 * 1.15
    # The glyph box is one em tall, less 5 % trimmed off the top and the bottom.
    assert isinstance(line.box, Box)
    assert line.box.bottom - line.box.top == pytest.approx(12 * 0.9)


def test_find_lines_is_case_sensitive(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path, "<p>Kepala Balai</p><p>KEPALA BALAI</p>")

    pages = read_layout(pdf)
    assert [line.text for line in find_lines(pages, "Kepala")] == ["Kepala Balai"]
    assert [line.text for line in find_lines(pages, "BALAI")] == ["KEPALA BALAI"]
    assert find_lines(pages, "kepala") == []
