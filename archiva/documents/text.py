"""A generated document's text for search: as rendered, or read back from its archived files
(for documents that recovery filed, or that were filed before Archiva kept texts)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from archiva.intake import content
from archiva.models import DocumentText

MAX_PAGES = 1000


def text_of_file(path: Path) -> str:
    """The text of a DOCX or a text PDF (read as intake reads letters)."""
    return content.read(path, MAX_PAGES).text


def text_of_files(paths: Sequence[Path]) -> DocumentText | None:
    """The text of a document from its files: the DOCX when there is one (the PDF is made
    from it), else the PDF. None when no file can be read."""
    ordered = sorted(paths, key=lambda p: p.suffix.lower() != ".docx")
    for path in ordered:
        try:
            text = text_of_file(path)
        except (content.Unreadable, OSError):
            continue
        if text.strip():
            return DocumentText(text, "extracted")
    return None
