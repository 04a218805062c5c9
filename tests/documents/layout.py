"""Automatic layout checks for generated PDFs: overlapping text, images over text, margins.

Why: the documents come out of two engines (LibreOffice from DOCX, WeasyPrint from HTML) and a
template change or a long value can push a signature block over the body text or a QR code over
a paragraph without any text going missing, so text-level assertions keep passing while the page
is visibly broken. This module reads the page back with pdfplumber, rebuilds the visual text
lines and the image boxes, and reports collisions and margin violations as readable strings so a
test can simply `assert layout_problems(pdf, margins) == []`.

Geometry is in PDF points with the origin at the top left of the page (pdfplumber's `top` and
`bottom`). Vector graphics (rules, borders, table lines) are ignored on purpose: they are meant to
touch text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.page import Page

MM = 72 / 25.4  # points per millimetre

# A gap wider than this many font sizes between two words on one baseline starts a new line:
# the left and right columns of a page (QR caption, signature block) are separate lines.
COLUMN_GAP_EM = 3.0
# Words whose baselines differ by less than this (pt) share a line.
BASELINE_TOLERANCE_PT = 1.0
# pdfplumber gives every glyph a box exactly one font size tall, from the font's descent below
# the baseline, which is close to the ink of Latin text. Lines set solid (line-height 1.0) in one
# font therefore touch exactly, and runs in another font or size poke slightly into the next
# line (0.02 pt measured with WeasyPrint; fonts with other descents could do more). Trimming this
# fraction of the font size off the top and bottom of each word leaves solid setting 1.2 pt of
# headroom at 12 pt and still flags lines set at line-height 0.85 or tighter.
LINE_TRIM_EM = 0.05
# Quoted text in messages is shortened to this many characters.
QUOTE_CHARS = 40


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points, origin top left of the page."""

    x0: float
    top: float
    x1: float
    bottom: float

    def overlap(self, other: Box) -> tuple[float, float]:
        """How far the two boxes intersect horizontally and vertically (negative: a gap)."""
        return (min(self.x1, other.x1) - max(self.x0, other.x0),
                min(self.bottom, other.bottom) - max(self.top, other.top))

    def excess(self, area: Box) -> dict[str, float]:
        """By how much this box sticks out of `area`, per side, only the sides it crosses."""
        sides = {"top": area.top - self.top, "right": self.x1 - area.x1,
                 "bottom": self.bottom - area.bottom, "left": area.x0 - self.x0}
        return {side: amount for side, amount in sides.items() if amount > 0}


@dataclass(frozen=True)
class Line:
    """One visual text line: words on the same baseline that sit next to each other."""

    page: int  # 1-based
    text: str
    box: Box
    size: float  # font size (pt) of its first char
    bold: bool  # first char's font name contains "Bold"
    # The boxes of its words (runs of one font), trimmed like `box`. Collisions are tested on
    # these, so text sitting in a gap between words (a superscript, a vertically centred table
    # cell, an inline icon) does not count as overlapping the line.
    words: tuple[Box, ...] = field(default=(), compare=False, repr=False)

    def parts(self) -> tuple[Box, ...]:
        return self.words or (self.box,)


@dataclass(frozen=True)
class Image:
    page: int
    box: Box


@dataclass(frozen=True)
class PageLayout:
    number: int
    width: float
    height: float
    lines: list[Line]
    images: list[Image]


# -- reading --------------------------------------------------------------------------------------


def read_layout(pdf: Path) -> list[PageLayout]:
    """Every page of `pdf` as text lines and image boxes."""
    with pdfplumber.open(pdf) as doc:
        return [_read_page(page) for page in doc.pages]


def _read_page(page: Page) -> PageLayout:
    number = page.page_number
    # Text drawn twice at the same spot (fake bold, a shadow) looks like one line, not a collision.
    # Words follow the drawing order (use_text_flow): sorted by position instead, two strings
    # drawn over each other on one baseline would be shuffled into one run of nonsense words.
    words = page.dedupe_chars(tolerance=1).extract_words(
        keep_blank_chars=False, use_text_flow=True, extra_attrs=["fontname", "size"],
        return_chars=True)
    lines = [_make_line(number, group) for group in _group_lines(words)]
    lines.sort(key=lambda line: (line.box.top, line.box.x0))
    images = [Image(number, Box(im["x0"], im["top"], im["x1"], im["bottom"]))
              for im in page.images]
    return PageLayout(number, float(page.width), float(page.height), lines, images)


def _baseline(word: dict[str, Any]) -> float:
    """The word's baseline as a `top` coordinate, from its first glyph's text matrix."""
    char = word["chars"][0]
    # `y1` and the matrix origin are both in PDF space (y up); `top` is y1 measured from the top.
    return float(char["top"] + (char["y1"] - char["matrix"][5]))


def _group_lines(words: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Words grouped into visual lines: same baseline, split at column gaps and collisions."""
    upright = [word for word in words if word["upright"]]
    for word in words:  # rotated text: each word is a line of its own
        if not word["upright"]:
            yield [word]
    for row in _rows(upright):
        yield from _split_row(row)


def _rows(words: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Words sharing a baseline (within BASELINE_TOLERANCE_PT of the row's first word)."""
    row: list[dict[str, Any]] = []
    start = 0.0
    for word in sorted(words, key=_baseline):
        base = _baseline(word)
        if row and base - start > BASELINE_TOLERANCE_PT:
            yield row
            row = []
        if not row:
            start = base
        row.append(word)
    if row:
        yield row


def _split_row(row: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """One row cut into lines at column gaps. Going left to right, each word continues the line
    whose end it follows most closely; a word that starts inside every open line (text drawn
    over text on the same baseline) opens a line of its own, so the collision is visible."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(row, key=lambda w: w["x0"]):
        gaps = [(word["x0"] - line[-1]["x1"], line) for line in lines]
        fitting = [(gap, line) for gap, line in gaps
                   if -0.5 <= gap <= COLUMN_GAP_EM * float(line[-1]["size"])]
        if fitting:
            min(fitting, key=lambda pair: pair[0])[1].append(word)
        else:
            lines.append([word])
    return lines


def _make_line(page: int, words: list[dict[str, Any]]) -> Line:
    first = words[0]
    parts = tuple(_word_box(word) for word in words)
    box = Box(min(b.x0 for b in parts), min(b.top for b in parts),
              max(b.x1 for b in parts), max(b.bottom for b in parts))
    # Sizes come out of the text matrix as 11.99999…: rounded so they compare as 12.0.
    return Line(page, _join(words), box, round(float(first["size"]), 2),
                "Bold" in first["fontname"], parts)


def _word_box(word: dict[str, Any]) -> Box:
    trim = LINE_TRIM_EM * float(word["size"])
    return Box(word["x0"], word["top"] + trim, word["x1"], word["bottom"] - trim)


def _join(words: list[dict[str, Any]]) -> str:
    """Words joined by spaces, except runs that touch (a word split by a change of font)."""
    text = words[0]["text"]
    for prev, word in pairwise(words):
        touching = word["x0"] - prev["x1"] < 0.1 * float(word["size"])
        text += ("" if touching else " ") + word["text"]
    return text


def find_lines(pages: list[PageLayout], needle: str) -> list[Line]:
    """Lines whose text contains `needle` (case-sensitive), in page order."""
    return [line for page in pages for line in page.lines if needle in line.text]


# -- checking -------------------------------------------------------------------------------------


def layout_problems(pdf: Path, margins_mm: tuple[float, float, float, float], *,
                    tolerance_pt: float = 0.5, footer_mm: float = 0) -> list[str]:
    """Human-readable layout problems of `pdf`, one string per problem; [] when clean.

    `margins_mm` is (top, right, bottom, left): every text line and image must lie inside it.
    `footer_mm` lets items that lie wholly below the bottom margin (a page number) reach that
    much further down. Overlaps and excursions of up to `tolerance_pt` are ignored."""
    problems: list[str] = []
    for page in read_layout(pdf):
        problems += _page_problems(page, margins_mm, tolerance_pt, footer_mm)
    return problems


def _page_problems(page: PageLayout, margins_mm: tuple[float, float, float, float],
                   tol: float, footer_mm: float) -> list[str]:
    prefix = f"page {page.number}: "
    found = [f"{_quote(a)} overlaps {_quote(b)}" for a, b in _overlapping_lines(page.lines, tol)]
    found += [f"{_describe_image(image)} overlaps {_quote(line)}"
              for image in page.images for line in page.lines
              if any(_intersects(image.box, part, tol) for part in line.parts())]
    found += _placement_problems(page, margins_mm, tol, footer_mm)
    return [prefix + problem for problem in found]


def _intersects(a: Box, b: Box, tol: float) -> bool:
    dx, dy = a.overlap(b)
    return dx > tol and dy > tol


def _overlapping_lines(lines: list[Line], tol: float) -> Iterator[tuple[Line, Line]]:
    """Pairs of lines with intersecting words; a sweep down the page keeps this near linear."""
    ordered = sorted(lines, key=lambda line: line.box.top)
    for i, line in enumerate(ordered):
        for other in ordered[i + 1:]:
            if other.box.top >= line.box.bottom - tol:
                break  # this and every later line starts below `line`
            if _intersects(line.box, other.box, tol) and any(
                    _intersects(a, b, tol) for a in line.parts() for b in other.parts()):
                yield line, other


def _placement_problems(page: PageLayout, margins_mm: tuple[float, float, float, float],
                        tol: float, footer_mm: float) -> list[str]:
    """Lines and images outside the page, or else outside the margin box."""
    top, right, bottom, left = (m * MM for m in margins_mm)
    sheet = Box(0, 0, page.width, page.height)
    body = Box(left, top, page.width - right, page.height - bottom)
    footer = Box(body.x0, body.top, body.x1, body.bottom + footer_mm * MM)
    items = [(_quote(line), line.box) for line in page.lines]
    items += [(_describe_image(image), image.box) for image in page.images]
    problems = []
    for label, box in items:
        if off_sheet := _beyond(box, sheet, tol):
            problems.append(f"{label} is outside the page ({off_sheet})")
        else:
            # Whatever starts below the body area is footer content and may use the footer band.
            area = footer if box.top >= body.bottom - tol else body
            if off_body := _beyond(box, area, tol):
                problems.append(f"{label} is outside the margins ({off_body})")
    return problems


def _beyond(box: Box, area: Box, tol: float) -> str:
    """'bottom by 12.3 pt, left by 2.0 pt' for the sides where `box` leaves `area`, else ''."""
    return ", ".join(f"{side} by {amount:.1f} pt"
                     for side, amount in box.excess(area).items() if amount > tol)


def _quote(line: Line) -> str:
    text = line.text
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1].rstrip() + "…"
    return f'"{text}"'


def _describe_image(image: Image) -> str:
    b = image.box
    return f"image at ({b.x0:.0f}, {b.top:.0f})-({b.x1:.0f}, {b.bottom:.0f})"
