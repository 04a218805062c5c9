"""Measuring text before a document is laid out: balanced title lines (no lone last word) and
table column widths that fit their content.

LibreOffice breaks lines and sizes table columns itself, but it breaks a title greedily (a
lone "BANTEN" on the last line) and docxtpl's column loops leave every column the same width
(the "No" column took a quarter of the table). Both are decided here from the fonts' real
advance widths, the way a browser's automatic table layout does it."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")  # Times New Roman's metric twin
CM_PER_PT = 2.54 / 72
# Average advance of a character of Times at 1 pt, for machines without the fonts.
FALLBACK_EM = 0.5
CELL_PADDING_CM = 0.4  # a cell's left and right margins together, plus a little air
MIN_COLUMN_CM = 0.9
# No column claims more than this share of the table for its longest word: one enormous word
# is broken inside its cell rather than squeezing every other column into broken words.
MAX_WORD_SHARE = 0.5


@functools.cache
def _font(bold: bool) -> object | None:
    try:
        from PIL import ImageFont

        name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
        return ImageFont.truetype(str(FONT_DIR / name), 1000)
    except (OSError, ImportError):  # no fonts here: estimate from an average advance
        return None


def width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """How wide `text` prints on one line in Times (Liberation Serif) at `size_pt`."""
    font = _font(bold)
    if font is None:
        return len(text) * FALLBACK_EM * size_pt * CM_PER_PT
    return float(font.getlength(text)) / 1000 * size_pt * CM_PER_PT  # type: ignore[attr-defined]


def balanced_lines(text: str, line_cm: float, size_pt: float, bold: bool = False) -> list[str]:
    """Break `text` into as few lines as fit `line_cm`, as even as possible: a title then
    never ends with one lone word. A single word too long for a line stays on its own."""
    words = text.split()
    if not words:
        return []
    if width_cm(text, size_pt, bold) <= line_cm:
        return [" ".join(words)]

    def width(i: int, j: int) -> float:
        return width_cm(" ".join(words[i:j]), size_pt, bold)

    count = len(_greedy(words, line_cm, width))
    # The narrowest line width that still gives `count` lines, by bisection over the measure.
    low, high = max(width(i, i + 1) for i in range(len(words))), line_cm
    for _ in range(24):
        mid = (low + high) / 2
        if len(_greedy(words, mid, width)) <= count:
            high = mid
        else:
            low = mid
    return [" ".join(words[i:j]) for i, j in _greedy(words, high, width)]


def _greedy(words: Sequence[str], line_cm: float,
            width: Callable[[int, int], float]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in range(1, len(words) + 1):
        if end - start > 1 and width(start, end) > line_cm:
            spans.append((start, end - 1))
            start = end - 1
    spans.append((start, len(words)))
    return spans


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], total_cm: float,
                  size_pt: float, given: Sequence[float] | None = None) -> list[float]:
    """Column widths (cm, summing to `total_cm`) for a table of text cells.

    `given` are relative weights from the data. Otherwise each column gets at least its longest
    word (so nothing is broken inside a word when avoidable), and the rest of the width goes to
    the columns in proportion to how much longer their longest lines are: a "No" column stays
    narrow and a description column takes the space."""
    n = len(header)
    if given:
        total = sum(given)
        return [total_cm * w / total for w in given]
    cells = [[header[c]] + [r[c] for r in rows if c < len(r)] for c in range(n)]
    least = [min(total_cm * MAX_WORD_SHARE,
                 max(MIN_COLUMN_CM, max(_longest_word(t, size_pt, i == 0)
                                        for i, t in enumerate(col)) + CELL_PADDING_CM))
             for col in cells]
    most = [max(least[c], max(_longest_line(t, size_pt, i == 0)
                              for i, t in enumerate(cells[c])) + CELL_PADDING_CM)
            for c in range(n)]
    if sum(least) >= total_cm:  # even the words do not fit: share in proportion to them
        return [total_cm * w / sum(least) for w in least]
    if sum(most) <= total_cm:  # everything fits unbroken: spread the slack the same way
        return [total_cm * w / sum(most) for w in most]
    slack = total_cm - sum(least)
    growth = [m - w for m, w in zip(most, least, strict=True)]
    return [w + slack * g / sum(growth) for w, g in zip(least, growth, strict=True)]


def _longest_word(text: str, size_pt: float, bold: bool) -> float:
    return max((width_cm(w, size_pt, bold) for w in text.split()), default=0.0)


def _longest_line(text: str, size_pt: float, bold: bool) -> float:
    return max((width_cm(line, size_pt, bold) for line in text.splitlines()), default=0.0)
