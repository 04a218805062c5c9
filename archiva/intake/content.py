"""What an incoming file is and what it says: its real type (by content, not name), whether it
is complete, and its text. pypdf, python-docx and Pillow are used for reading here only."""

from __future__ import annotations

import functools
import logging
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS_BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".jpg": "image", ".jpeg": "image",
                   ".png": "image", ".tif": "image", ".tiff": "image", ".gif": "image",
                   ".webp": "image", ".heic": "image", ".heif": "image"}
HEAD_BYTES = 1024  # PDF readers find the %PDF- header anywhere in the first kilobyte
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")
MIN_TEXT_PER_PAGE = 40  # fewer characters than this on a page: a scan, to be read by OCR

logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd PDFs go to the reason


class Unreadable(Exception):
    """A file that cannot be taken in; `reason` names its quarantine folder."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # sent back by the reader process
        return (Unreadable, (self.reason, self.detail))


@dataclass(frozen=True)
class Content:
    kind: str  # pdf | docx | image
    pages: int
    text: str
    needs_ocr: bool
    page_texts: tuple[str, ...] = ()  # a PDF's text page by page


def sniff(head: bytes) -> str | None:
    """The kind of a file from its first HEAD_BYTES bytes."""
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*",
                        b"GIF87a", b"GIF89a")) \
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") \
            or (head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS):
        return "image"
    if b"%PDF-" in head[:HEAD_BYTES]:  # bytes before it (a mail header) are ignored by readers
        return "pdf"
    return None


def kind_of(path: Path) -> str:
    """The real kind by content; Unreadable when it is not a letter format or its name lies."""
    with path.open("rb") as f:
        head = f.read(HEAD_BYTES)
    if not head:
        raise Unreadable("empty", "the file is empty (0 bytes)")
    real = sniff(head)
    if real is None:
        raise Unreadable("unsupported", "not a PDF, DOCX or image (JPEG, PNG, TIFF, GIF, WebP, "
                                        "HEIC) file")
    named = KINDS_BY_SUFFIX.get(path.suffix.lower())
    if named != real:
        raise Unreadable("wrong-extension", f"the content is {real.upper()} but the name ends "
                                            f"with '{path.suffix or '(nothing)'}'")
    return real


def is_complete(path: Path) -> bool:
    """Whether a quiet file is also whole (not a transfer that stopped half-way)."""
    try:
        real = kind_of(path)
    except Unreadable as exc:
        return exc.reason != "empty"  # wrong types are complete: they go to quarantine
    if real in ("pdf", "image"):
        with path.open("rb") as f:
            head = f.read(3)
            f.seek(max(0, path.stat().st_size - 1024))
            tail = f.read()
        if real == "pdf" and b"%%EOF" not in tail:
            return False
        # A JPEG ends with its end-of-image marker; PIL decoded some cut-off ones without error.
        if head == b"\xff\xd8\xff" and b"\xff\xd9" not in tail[-32:]:
            return False
    try:
        _open(path, real)
    except Exception:
        return False
    return True


def _open(path: Path, kind: str) -> int:
    """Open the file the way reading will; returns its page count."""
    if kind == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(path)
        if reader.is_encrypted:
            return 0  # whole but locked: reading it says so
        return len(reader.pages)
    if kind == "docx":
        with zipfile.ZipFile(path) as z:
            if "word/document.xml" not in z.namelist() or z.testzip() is not None:
                raise ValueError("not a complete DOCX")
        return 1
    Image = pillow()
    # Decode every page fully: verify() alone passed a JPEG cut off half-way.
    with Image.open(path) as img:
        frames = getattr(img, "n_frames", 1)
        for i in range(frames):
            img.seek(i)
            img.load()
        return frames


def why_incomplete(path: Path, waited: str) -> Unreadable:
    """The most precise reason for a file that never became complete."""
    try:
        real = kind_of(path)
        if real == "pdf":
            with path.open("rb") as f:
                f.seek(max(0, path.stat().st_size - 1024))
                if b"%%EOF" not in f.read():
                    return Unreadable("truncated", f"the PDF has no end marker; {waited}")
        read(path, max_pages=10**6)
    except Unreadable as exc:
        return exc
    return Unreadable("truncated", waited)


def read(path: Path, max_pages: int) -> Content:
    real = kind_of(path)
    if real == "pdf":
        return _read_pdf(path, max_pages)
    if real == "docx":
        return Content("docx", 1, _read_docx(path), False)
    try:
        # Its header only: completeness (a full decode) was checked before the file was taken.
        with pillow().open(path) as img:
            pages = getattr(img, "n_frames", 1)
    except Exception as exc:
        raise Unreadable("corrupt", f"the image cannot be decoded ({exc})") from None
    if pages > max_pages:
        raise Unreadable("too-many-pages", f"{pages} pages; at most {max_pages} are taken")
    return Content("image", pages, "", True)


def _read_pdf(path: Path, max_pages: int) -> Content:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                raise Unreadable("encrypted", "the PDF is password-protected")
            pages = len(reader.pages)
            if pages > max_pages:
                raise Unreadable("too-many-pages", f"{pages} pages; at most {max_pages} are taken")
            for n, page in enumerate(reader.pages, 1):
                _check_inflated(page, n)
            texts = [page.extract_text() or "" for page in reader.pages]
    except LimitReachedError as exc:  # an image or font beyond pypdf's limits
        raise Unreadable("too-large", f"part of the PDF inflates beyond what is read ({exc})"
                         ) from None
    except FileNotDecryptedError:
        raise Unreadable("encrypted", "the PDF is password-protected") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise Unreadable("corrupt", f"the PDF is damaged ({type(exc).__name__}: {exc})") from None
    needs_ocr = any(len(t.strip()) < MIN_TEXT_PER_PAGE for t in texts)
    return Content("pdf", pages, "\n".join(texts), needs_ocr, tuple(texts))


@functools.cache
def pillow() -> Any:
    """Pillow's Image module, able to open HEIC photos too (pillow-heif)."""
    from PIL import Image
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return Image


def _check_inflated(page: Any, n: int) -> None:
    """A page's drawing instructions are kilobytes, a few megabytes at most. Decoded here with
    pypdf's limit (75 MB): a decompression bomb (1.6 MB inflating to 800 MB) is refused
    before OCR spends minutes and gigabytes on it."""
    from pypdf.errors import LimitReachedError

    try:
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()
    except LimitReachedError:
        raise Unreadable("too-large", f"page {n}'s content inflates to more than 75 MB (a "
                                      "decompression bomb, or a PDF made wrongly)") from None


def merged_text(found: Content, ocr_text: str) -> str:
    """A PDF's own text where a page has it, OCR's text for the pages without (OCR's text
    comes page by page, separated by form feeds)."""
    ocr_pages = ocr_text.split("\f")
    if not found.page_texts:
        return "\n".join(ocr_pages)
    out = []
    for i, own in enumerate(found.page_texts):
        read = ocr_pages[i] if i < len(ocr_pages) else ""
        out.append(own if len(own.strip()) >= MIN_TEXT_PER_PAGE else read)
    return "\n".join(out)


def _read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable("corrupt", f"the DOCX is damaged ({exc})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)
