"""What offices receive, taken in: scans with transparency (phones and screenshot tools save
them so; OCR refused them), GIF, WebP and HEIC photos (through messaging apps), and a PDF with
bytes before %PDF (a mail header) as PDF readers open it. OCR reads a flattened copy; the file
filed as the original is the one that arrived, byte for byte."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from archiva.config import Settings
from archiva.intake.content import kind_of, sniff
from archiva.intake.pipeline import Intake
from archiva.service import Archiva
from tests.conftest import make_home
from tests.intake.letters import samples, write_scan
from tests.intake.test_pipeline import letter_pdf

pytestmark = pytest.mark.slow


def _with_alpha(gray: Image.Image) -> Image.Image:
    """Ink on transparent paper, as a screenshot tool saves a page: only alpha marks it."""
    black = Image.new("LA", gray.size, 0)
    black.putalpha(gray.point(lambda v: 255 - v))
    return black.convert("RGBA")


def _save(fmt: str, **options: object) -> Callable[[Image.Image, Path], None]:
    def save(img: Image.Image, path: Path) -> None:
        img.save(path, fmt, **options)
    return save


def _heic(img: Image.Image, path: Path) -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    img.convert("RGB").save(path, "HEIF", quality=90)


CASES: dict[str, Callable[[Image.Image, Path], None]] = {
    "layar.png": lambda g, p: _with_alpha(g).save(p, "PNG", dpi=(300, 300)),
    "pindai.tiff": lambda g, p: _with_alpha(g).save(p, "TIFF", dpi=(300, 300),
                                                    compression="tiff_deflate"),
    "kiriman.gif": lambda g, p: g.convert("P").save(p, "GIF"),
    "foto.webp": lambda g, p: g.convert("RGB").save(p, "WEBP", quality=92),
    "foto.heic": _heic,
}


@pytest.fixture(scope="module")
def taken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict[str, str], object]:
    home = make_home(tmp_path_factory.mktemp("formats") / "home")
    inbox = home.home / "inbox"
    shas = {}
    for i, (name, save) in enumerate(CASES.items()):
        page = inbox.parent / f"page{i}.png"
        write_scan(samples()[i], page, dpi=300, noise=0.003)
        with Image.open(page) as gray:
            save(gray.convert("L"), inbox / name)
        page.unlink()
    pdf = letter_pdf(inbox.parent / "surat.pdf", 7).read_bytes()
    (inbox / "dari-surel.pdf").write_bytes(b"Content-Type: application/pdf\r\n\r\n" + pdf)
    for p in inbox.iterdir():
        shas[p.name] = hashlib.sha256(p.read_bytes()).hexdigest()
    with Archiva.open(home) as app:
        report = Intake(app).take_now(sorted(inbox.iterdir()))
    return home, shas, report


def test_every_one_is_filed_not_quarantined(taken: tuple[Settings, dict[str, str], object]
                                            ) -> None:
    _, shas, report = taken
    assert report.quarantined == []  # type: ignore[attr-defined]
    assert sorted(f["file"] for f in report.filed) == sorted(shas)  # type: ignore[attr-defined]


def test_the_original_is_kept_and_ocr_read_the_letter(
        taken: tuple[Settings, dict[str, str], object]) -> None:
    home, shas, report = taken
    with Archiva.open(home) as app:
        for filed in report.filed:  # type: ignore[attr-defined]
            rec = app.show(filed["agenda_number"])
            [original] = [f for f in rec.files if f.role == "original"]
            assert original.sha256 == shas[filed["file"]]
            assert hashlib.sha256((home.home / original.path).read_bytes()).hexdigest() == \
                shas[filed["file"]]
            text = (app.catalogue.letter(rec.id) or {})["text"].lower()
            assert "nomor" in text and "hal" in text, (filed["file"], text[:200])
            if filed["file"] != "dari-surel.pdf":
                assert any(f.role == "ocr" for f in rec.files)


def test_the_kinds_are_told_by_their_content(tmp_path: Path) -> None:
    assert sniff(b"GIF89a....") == sniff(b"RIFF\0\0\0\0WEBPVP8 ") == "image"
    assert sniff(b"\0\0\0\x18ftypheic\0\0\0\0") == "image"
    assert sniff(b"junk before it\r\n%PDF-1.7\n") == "pdf"
    assert sniff(b"x" * 2000 + b"%PDF-1.7") is None  # beyond the first kilobyte: not a PDF
    late = tmp_path / "late.pdf"
    late.write_bytes(b"x" * 2000 + b"%PDF-1.7\n")
    with pytest.raises(Exception, match="not a PDF, DOCX or image"):
        kind_of(late)
