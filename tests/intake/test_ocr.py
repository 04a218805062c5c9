"""Scans through real OCR (Tesseract, Indonesian): word recall, letter details, filing."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from archiva.config import Settings
from archiva.intake.letter import extract_letter
from archiva.intake.pipeline import Intake
from archiva.service import Archiva
from tests.conftest import make_home
from tests.intake.letters import LAYOUTS, SampleLetter, samples, write_scan

pytestmark = pytest.mark.slow
FIELDS = ("sender", "number", "date", "subject", "addressee", "attachments", "signer",
          "signer_nip")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def recall(truth: str, read: str) -> float:
    """Share of the letter's words that OCR read, counting repeats."""
    want, got = _words(truth), Counter(_words(read))
    hit = 0
    for w in want:
        if got[w]:
            got[w] -= 1
            hit += 1
    return hit / len(want)


def _one_per_layout() -> list[SampleLetter]:
    seen: dict[str, SampleLetter] = {}
    for s in samples():
        seen.setdefault(s.layout, s)
    assert set(seen) == set(LAYOUTS)
    return list(seen.values())


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict[str, Any]]:
    """One intake pass over scans of every layout at 300 dpi (skewed, noisy) in PNG, TIFF and
    JPEG, a scanned PDF, a two-page TIFF and three noisy 150 dpi scans."""
    home = make_home(tmp_path_factory.mktemp("ocr") / "home")
    inbox = home.home / "inbox"
    cases: dict[str, tuple[SampleLetter, int]] = {}
    for i, s in enumerate(_one_per_layout()):
        ext = ("png", "tif", "jpg")[i % 3]
        name = f"scan300-{i}.{ext}"
        write_scan(s, inbox / name, dpi=300, skew_deg=(-1.5, 0.8, 1.2)[i % 3], noise=0.01,
                   seed=i)
        cases[name] = (s, 300)
    for i, s in enumerate(samples()[7:10]):
        name = f"scan150-{i}.png"
        write_scan(s, inbox / name, dpi=150, skew_deg=1.0, noise=0.02, seed=10 + i)
        cases[name] = (s, 150)
    pdf_sample = samples()[10]
    page = inbox / "page.png"
    write_scan(pdf_sample, page, dpi=300, skew_deg=0.5, noise=0.005)
    with Image.open(page) as img:
        img.convert("RGB").save(inbox / "scan-pdf.pdf", "PDF", resolution=300)
    page.unlink()
    cases["scan-pdf.pdf"] = (pdf_sample, 300)
    two = [samples()[11], samples()[12]]
    pages = [inbox / f"p{i}.png" for i in range(2)]
    for s, p in zip(two, pages, strict=True):
        write_scan(s, p, dpi=300, noise=0.005)
    frames = [Image.open(p) for p in pages]
    frames[0].save(inbox / "dua-halaman.tif", save_all=True, append_images=frames[1:],
                   dpi=(300, 300), compression="tiff_deflate")
    for f, p in zip(frames, pages, strict=True):
        f.close()
        p.unlink()
    with Archiva.open(home) as app:
        started = time.perf_counter()
        report = Intake(app).take_now(sorted(inbox.iterdir()))
        elapsed = time.perf_counter() - started
    return home, {"report": report, "cases": cases, "elapsed": elapsed, "two": two}


def _ocr_text(home: Settings, agenda: str) -> str:
    """The text Archiva read from the scan (kept with the letter)."""
    with Archiva.open(home) as app:
        return (app.catalogue.letter(app.show(agenda).id) or {})["text"]


def test_the_pdfa_copy_is_searchable(scanned: tuple[Settings, Any]) -> None:
    home, data = scanned
    first = next(f for f in data["report"].filed if f["file"] in data["cases"])
    with Archiva.open(home) as app:
        [ocr] = [f for f in app.show(first["agenda_number"]).files if f.role == "ocr"]
    layer = " ".join(p.extract_text() for p in PdfReader(home.home / ocr.path).pages)
    assert recall(data["cases"][first["file"]][0].text(), layer) >= 0.9


def test_every_scan_is_filed_with_a_searchable_pdfa_copy(scanned: tuple[Settings, Any]) -> None:
    home, data = scanned
    report = data["report"]
    assert report.quarantined == [] and report.duplicates == []
    assert len(report.filed) == len(data["cases"]) + 1
    for f in report.filed:
        with Archiva.open(home) as app:
            rec = app.show(f["agenda_number"])
        roles = sorted(e.role for e in rec.files)
        assert roles == ["ocr", "original"]
        ocr = next(e for e in rec.files if e.role == "ocr")
        xmp = PdfReader(home.home / ocr.path).trailer["/Root"]["/Metadata"].get_object()
        assert b"pdfaid:part" in xmp.get_data()
        assert f["letter"]["method"] == "ocr"


def test_word_recall_at_300_dpi_is_at_least_095(scanned: tuple[Settings, Any]) -> None:
    home, data = scanned
    by_file = {f["file"]: f["agenda_number"] for f in data["report"].filed}
    recalls = {name: recall(s.text(), _ocr_text(home, by_file[name]))
               for name, (s, dpi) in data["cases"].items() if dpi == 300}
    assert min(recalls.values()) >= 0.95, recalls


def test_word_recall_at_150_dpi_with_noise(scanned: tuple[Settings, Any]) -> None:
    home, data = scanned
    by_file = {f["file"]: f["agenda_number"] for f in data["report"].filed}
    recalls = [recall(s.text(), _ocr_text(home, by_file[name]))
               for name, (s, dpi) in data["cases"].items() if dpi == 150]
    assert min(recalls) >= 0.9, recalls


def test_a_two_page_tiff_is_read_entirely(scanned: tuple[Settings, Any]) -> None:
    home, data = scanned
    agenda = next(f["agenda_number"] for f in data["report"].filed
                  if f["file"] == "dua-halaman.tif")
    text = _ocr_text(home, agenda)
    for s in data["two"]:
        assert recall(s.text(), text) >= 0.45  # each page is about half the words


@pytest.mark.parametrize("field", FIELDS)
def test_letter_details_from_scans_of_every_layout(scanned: tuple[Settings, Any],
                                                   field: str) -> None:
    """Each field right on at least all but one of the 300 dpi scans (one per layout)."""
    home, data = scanned
    by_file = {f["file"]: f for f in data["report"].filed}
    right, wrong = 0, []
    for name, (s, dpi) in data["cases"].items():
        if dpi != 300 or name == "scan-pdf.pdf":
            continue
        got = getattr(extract_letter(_ocr_text(home, by_file[name]["agenda_number"])), field)
        if got == getattr(s, field):
            right += 1
        else:
            wrong.append((s.layout, getattr(s, field), got))
    assert right >= len(LAYOUTS) - 1, wrong


def test_a_text_pdf_with_one_scanned_page_keeps_its_own_text(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    from tests.intake.test_pipeline import letter_pdf

    home = make_home(tmp_path / "home")
    text_pdf = letter_pdf(tmp_path / "text.pdf", 77)
    scan = tmp_path / "scan.png"
    write_scan(samples()[3], scan, dpi=300)
    with Image.open(scan) as img:
        img.convert("RGB").save(tmp_path / "scan.pdf", "PDF", resolution=300)
    writer = PdfWriter()
    writer.append(str(text_pdf))
    writer.append(str(tmp_path / "scan.pdf"))
    mixed = home.home / "inbox" / "campuran.pdf"
    with mixed.open("wb") as f:
        writer.write(f)
    with Archiva.open(home) as app:
        [filed] = Intake(app).take_now([mixed]).filed
        text = (app.catalogue.letter(filed["record_id"]) or {})["text"]
    assert "421/77/Disdikbud/2026" in text  # page 1 as written, not as OCR read it
    assert recall(samples()[3].text(), text) >= 0.45  # page 2 read by OCR
    assert filed["letter"]["their_number"] == "421/77/Disdikbud/2026"
