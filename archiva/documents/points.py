"""Numbered points as real decrees write them: a dictum of several paragraphs, with lettered
and numbered sub-items to any depth ("KEDUA : … meliputi: A. Service Delivery a. … f.,
B. Manufacturing 1. … 8."), read from data and flattened into lines a template can lay out.

A DOCX template cannot recurse, so the tree becomes a flat list of lines, each with its depth
and its marker ("a.", "1)"); the template gives each depth its own indentation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archiva import indonesian as idn
from archiva.documents.fields import Fields

MAX_DEPTH = 5  # deeper than any decree needs; the template lays out this many levels
# Marker styles: the value of `numbering` in the data, and how its n-th marker is written.
STYLES = {
    "A.": lambda n: idn.suffix_letters(n).upper() + ".",
    "a.": lambda n: idn.suffix_letters(n) + ".",
    "1.": lambda n: f"{n}.",
    "I.": lambda n: idn.roman(n) + ".",
    "a)": lambda n: idn.suffix_letters(n) + ")",
    "1)": lambda n: f"{n})",
    "(a)": lambda n: f"({idn.suffix_letters(n)})",
    "(1)": lambda n: f"({n})",
    "-": lambda n: "-",
    "•": lambda n: "•",
}
# Tata naskah dinas order when the data does not say: a., 1., a), 1), (a).
DEFAULT_STYLES = ("a.", "1.", "a)", "1)", "(a)")


@dataclass(frozen=True)
class Point:
    """Paragraphs, then sub-points (numbered in one style), then closing paragraphs."""

    paragraphs: list[str]
    items: list[Point] = field(default_factory=list)
    numbering: str = ""  # one of STYLES, or "" for the default of its depth
    closing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    """One paragraph of a flattened point. depth 0 is the point's own text; `first` marks the
    first line of a top-level point (where its label, e.g. KESATU, goes)."""

    depth: int
    marker: str
    text: str
    first: bool

    def context(self, label: str) -> dict[str, Any]:
        return {"depth": self.depth, "marker": self.marker, "text": self.text,
                "label": label if self.first else "", "colon": ":" if self.first else ""}


def parse_points(f: Fields, key: str, optional: bool = False) -> list[Point]:
    """A list whose items are texts (a newline starts a new paragraph) or objects
    {text, items, numbering, closing}."""
    raw = f.data.get(key)
    if raw in (None, "", []):
        if not optional:
            f.problem(key, "missing; expected a list of texts or of points {text, items}")
        return []
    if not isinstance(raw, list):
        f.problem(key, f"expected a list of texts or of points {{text, items}}, found "
                       f"{type(raw).__name__}")
        return []
    return [p for i, v in enumerate(raw, 1) if (p := _point(f, f"{key}[{i}]", v, 0))]


def _point(f: Fields, name: str, value: Any, depth: int) -> Point | None:
    if not isinstance(value, dict):
        return Point(_paragraphs(f, name, value)) if _has_text(value) else None
    sub = Fields(value, f"{f.prefix}{name}.", f.problems)
    unknown = sorted(set(value) - {"text", "items", "numbering", "closing"})
    for k in unknown:
        sub.problem(str(k), "unknown field; a point has text, items, numbering and closing")
    numbering = sub.text("numbering", optional=True)
    if numbering and numbering not in STYLES:
        sub.problem("numbering", f"{numbering!r} is not a numbering style; use one of "
                                 f"{', '.join(STYLES)}")
        numbering = ""
    items: list[Point] = []
    raw_items = value.get("items")
    if raw_items not in (None, []):
        if not isinstance(raw_items, list):
            sub.problem("items", f"expected a list, found {type(raw_items).__name__}")
        elif depth >= MAX_DEPTH:
            sub.problem("items", f"points may be nested {MAX_DEPTH} levels deep at most")
        else:
            items = [p for i, v in enumerate(raw_items, 1)
                     if (p := _point(sub, f"items[{i}]", v, depth + 1))]
    paragraphs = _paragraphs(sub, "text", value.get("text"))
    closing = _paragraphs(sub, "closing", value.get("closing"))
    if not paragraphs and not items:
        sub.problem("text", "missing; a point needs a text or items")
        return None
    return Point(paragraphs, items, numbering, closing)


def _has_text(value: Any) -> bool:
    return value not in (None, "", [])


def _paragraphs(f: Fields, name: str, value: Any) -> list[str]:
    """A text or a list of texts; every line of a text is a paragraph of its own (a line
    break inside a justified paragraph would stretch the line before it)."""
    if value in (None, ""):
        return []
    values = value if isinstance(value, list) else [value]
    out: list[str] = []
    for i, v in enumerate(values, 1):
        text = f._as_text(v, name if len(values) == 1 else f"{name}[{i}]")
        out.extend(" ".join(line.split()) for line in text.splitlines() if line.strip())
    return out


def flatten(points: list[Point]) -> list[list[Line]]:
    """The lines of each top-level point."""
    return [_lines(p, 0, "") for p in points]


def _lines(p: Point, depth: int, marker: str) -> list[Line]:
    out: list[Line] = []
    texts = p.paragraphs or [""]
    for i, text in enumerate(texts):
        out.append(Line(depth, marker if i == 0 else "", text, depth == 0 and i == 0))
    style = STYLES[p.numbering or DEFAULT_STYLES[min(depth, len(DEFAULT_STYLES) - 1)]]
    for n, item in enumerate(p.items, 1):
        out.extend(_lines(item, depth + 1, style(n)))
    # Closing paragraphs return to the point's own indentation, unmarked.
    out.extend(Line(depth, "", text, False) for text in p.closing)
    return out


def plain_text(p: Point) -> str:
    """The point as one text (for checks that look for words in a decision)."""
    return " ".join(line.text for line in _lines(p, 0, ""))
