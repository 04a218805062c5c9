"""Helpers for the document tests: data files from dicts, and reading generated files back
(DOCX with python-docx, PDF with pypdf, DOCX through LibreOffice)."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.text.paragraph import Paragraph
from openpyxl import Workbook
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tests.conftest import EXAMPLES

# -- hostile user data ----------------------------------------------------------------------------

TEMPLATE_VAR = "{{ x }}"
TEMPLATE_TAG = "{% if %}"
MARKUP = "A & B <b>bold</b> \"quoted\" 'single'"
LONG_START = "AWALPARAGRAFPANJANG mulai di sini"
LONG_END = "selesai di sini AKHIRPARAGRAFPANJANG"
_FILLER = "kalimat pengisi yang panjang untuk menguji pemenggalan baris "
LONG = (LONG_START + " " + _FILLER * 60)[: 3000 - len(LONG_END) - 1] + " " + LONG_END
assert len(LONG) == 3000
CONTROL = "Bunyi\abel dan\fganti halaman"
CONTROL_CLEAN = "Bunyibel danganti halaman"  # control characters are dropped, not replaced

# Every hostile value as it must come out of the document.
LITERALS = (TEMPLATE_VAR, TEMPLATE_TAG, MARKUP, CONTROL_CLEAN)


def load_example(name: str) -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((EXAMPLES / name).read_text("utf-8")))


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), "utf-8")
    return path


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",",
              encoding: str = "utf-8") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def number_file_stem(number: str) -> str:
    """What a file for this number is expected to be called (slashes become '_')."""
    return number.replace("/", "_")


# -- DOCX -----------------------------------------------------------------------------------------

def docx_lines(path: Path) -> list[str]:
    """Every paragraph of the body in order, table cells included (row by row, nested tables
    too), plus headers and footers. A line break inside a paragraph (a title broken evenly)
    reads as a space."""
    doc = Document(str(path))
    lines: list[str] = []

    def walk(container: Any) -> None:
        for block in container.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text.replace("\n", " "))
            else:
                for row in block.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        walk(cell)

    walk(doc)
    for section in doc.sections:
        walk(section.header)
        walk(section.footer)
    return lines


def docx_text(path: Path) -> str:
    return "\n".join(docx_lines(path))


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Top-level data tables (bordered, not the letterhead's or signatures' layout tables) as
    lists of rows of cell texts."""
    doc = Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables
            if t.style is not None and t.style.name == "Table Grid"]


def docx_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


# -- PDF ------------------------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def squash(text: str) -> str:
    """Whitespace removed: line wrapping and justification differ between renderers."""
    return re.sub(r"\s+", "", text)


def collapse(text: str) -> str:
    return " ".join(text.split())


def in_pdf(needle: str, text: str) -> bool:
    return squash(needle) in squash(text)


PDFA_NS = "http://www.aiim.org/pdfa/ns/id/"


def pdfa_identification(path: Path) -> tuple[str | None, str | None]:
    """(part, conformance) from the XMP metadata, whether written as attributes or elements."""
    reader = PdfReader(str(path))
    meta = reader.trailer["/Root"].get("/Metadata")
    if meta is None:
        return None, None
    root = ET.fromstring(meta.get_object().get_data())
    part = conformance = None
    for el in root.iter():
        for key, value in el.attrib.items():
            if key == f"{{{PDFA_NS}}}part":
                part = value.strip()
            elif key == f"{{{PDFA_NS}}}conformance":
                conformance = value.strip()
        if el.tag == f"{{{PDFA_NS}}}part":
            part = (el.text or "").strip()
        elif el.tag == f"{{{PDFA_NS}}}conformance":
            conformance = (el.text or "").strip()
    return part, conformance


def _fonts_of(resources: Any, seen: set[int]) -> Iterator[tuple[str, DictionaryObject]]:
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for name, ref in fonts.get_object().items():
            yield str(name), ref.get_object()
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xo = ref.get_object()
            key = id(xo)
            if key in seen or xo.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            yield from _fonts_of(xo.get("/Resources"), seen)


def unembedded_fonts(path: Path) -> list[str]:
    """Fonts (per page, Type0 descendants walked) lacking a FontDescriptor with a font file.
    Also fails on a PDF with no fonts at all, which would make the check vacuous."""
    reader = PdfReader(str(path))
    bad: list[str] = []
    count = 0
    for number, page in enumerate(reader.pages, 1):
        for name, font in _fonts_of(page.get("/Resources"), set()):
            leaves = [font]
            if font.get("/Subtype") == "/Type0":
                leaves = [d.get_object() for d in font["/DescendantFonts"]]
            for leaf in leaves:
                count += 1
                base = str(leaf.get("/BaseFont", name))
                desc = leaf.get("/FontDescriptor")
                if desc is None:
                    bad.append(f"page {number}: {base}: no FontDescriptor "
                               f"(subtype {leaf.get('/Subtype')})")
                    continue
                desc = desc.get_object()
                if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    bad.append(f"page {number}: {base}: not embedded")
    if not count:
        bad.append("the PDF has no fonts at all")
    return bad


# -- LibreOffice ----------------------------------------------------------------------------------

def libreoffice_text(docx_files: list[Path], workdir: Path) -> dict[Path, str]:
    """Open DOCX files in LibreOffice (one headless run) and return the plain text it saves;
    a file LibreOffice cannot open has no entry."""
    workdir.mkdir(parents=True, exist_ok=True)
    outdir = workdir / "txt"
    outdir.mkdir(exist_ok=True)
    cmd = ["soffice", "--headless", f"-env:UserInstallation=file://{workdir / 'lo'}",
           "--convert-to", "txt:Text", "--outdir", str(outdir), *map(str, docx_files)]
    subprocess.run(cmd, capture_output=True, timeout=180, check=False)
    out: dict[Path, str] = {}
    for f in docx_files:
        txt = outdir / (f.stem + ".txt")
        if txt.is_file():
            out[f] = txt.read_text("utf-8", errors="replace")
    return out
