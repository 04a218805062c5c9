"""LibreOffice conversion: PDF/A from DOCX, with a pool of reusable profiles."""

from __future__ import annotations

from pathlib import Path

import docx
from pypdf import PdfReader

from archiva.render import office


def _docx(path: Path, text: str) -> Path:
    d = docx.Document()
    d.add_paragraph(text)
    d.save(str(path))
    return path


def test_concurrent_conversions_never_share_a_profile(tmp_path: Path) -> None:
    pool = tmp_path / "pool"
    with office._profile(pool) as first, office._profile(pool) as second:
        assert first != second
    with office._profile(pool) as again:
        assert again == first  # free again once released


def test_converts_several_files_in_one_run_to_pdfa(tmp_path: Path) -> None:
    files = [_docx(tmp_path / f"d{i}.docx", f"Keputusan nomor {i}") for i in range(3)]
    pdfs = office.convert_to_pdfa(files, tmp_path, tmp_path / "pool")
    for i, pdf in enumerate(pdfs):
        reader = PdfReader(pdf)
        assert f"Keputusan nomor {i}" in reader.pages[0].extract_text()
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert "<pdfaid:part>3</pdfaid:part>" in xmp


def test_a_damaged_profile_is_rebuilt(tmp_path: Path) -> None:
    pool = tmp_path / "pool"
    office.convert_to_pdfa([_docx(tmp_path / "a.docx", "pertama")], tmp_path, pool)
    for f in (pool / "0").rglob("*.xcu"):
        f.write_text("<<< not xml", "utf-8")
    (tmp_path / "b.pdf").unlink(missing_ok=True)
    [pdf] = office.convert_to_pdfa([_docx(tmp_path / "b.docx", "kedua")], tmp_path, pool)
    assert "kedua" in PdfReader(pdf).pages[0].extract_text()
