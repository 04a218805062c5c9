"""Pure rules of the reference register (penomoran): number formats, inserted numbers, keys.

Nothing here touches the database; the register module applies these rules inside transactions."""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass

from archiva.indonesian import roman, suffix_index, suffix_letters

FORMAT_FIELDS = frozenset(
    {"seq", "unit", "classification", "year", "office_code", "month", "month_roman"}
)
_REQUIRED_FIELDS = frozenset({"seq", "year"})

# Two capital letters and one to three two-digit levels: OT, OT.02, OT.02.02, DT.02.00.01
CLASSIFICATION_RE = re.compile(r"[A-Z]{2}(\.[0-9]{2}){0,3}")


@dataclass(frozen=True)
class NumberParts:
    """What goes into one number."""

    seq: int
    year: int
    month: int
    classification: str
    unit: str
    office_code: str
    suffix: str = ""


def format_problems(fmt: str) -> list[str]:
    """Why a series format is unusable; empty when it is fine."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(fmt) if f is not None]
    except ValueError as exc:
        return [f"the format is not valid ({exc})"]
    problems = []
    unknown = sorted({f for f in fields if f not in FORMAT_FIELDS})
    if unknown:
        problems.append(
            f"unknown field(s) {', '.join('{' + u + '}' for u in unknown)}; "
            f"allowed: {', '.join('{' + f + '}' for f in sorted(FORMAT_FIELDS))}"
        )
    missing = sorted(_REQUIRED_FIELDS - set(fields))
    if missing:
        problems.append(f"the format must contain {', '.join('{' + m + '}' for m in missing)}")
    if not problems:
        try:
            render_number(fmt, SAMPLE_PARTS)
        except (ValueError, KeyError, IndexError) as exc:
            problems.append(f"the format cannot be applied ({exc})")
    return problems


SAMPLE_PARTS = NumberParts(7, 2026, 3, "OT.02.02", "C7.15", "BPMP")


def render_number(fmt: str, parts: NumberParts) -> str:
    """Apply a series format. An inserted number keeps its letter right after the sequence:
    '{seq:04d}/...' with seq 24 and suffix 'a' gives '0024a/...'."""
    out = []
    values = {
        "unit": parts.unit,
        "classification": parts.classification,
        "year": parts.year,
        "office_code": parts.office_code,
        "month": parts.month,
        "month_roman": roman(parts.month),
    }
    for literal, field, spec, conv in string.Formatter().parse(fmt):
        out.append(literal)
        if field is None:
            continue
        if field == "seq":
            out.append(format(parts.seq, spec or "d") + parts.suffix)
            continue
        value = values[field]
        if conv == "r":
            value = repr(value)
        elif conv == "s":
            value = str(value)
        out.append(format(value, spec))
    return "".join(out)


def normalise_classification(code: str) -> str:
    return code.strip().upper()


def classification_ok(code: str) -> bool:
    return bool(CLASSIFICATION_RE.fullmatch(code))


_KEY_SEPARATORS = re.compile(r"[\s/]+")


def number_key(number: str) -> str:
    """Comparison key of a number: case and separators folded, so '2209 C7.15/DT.02.00/2023'
    (a typing slip seen on real decrees) and '2209/c7.15/dt.02.00/2023' are the same number."""
    return _KEY_SEPARATORS.sub("/", number.strip()).upper()


_LEADING_ZEROS = re.compile(r"^0+(?=[0-9])")


def loose_key(number: str) -> str:
    """A number as search (and a look-up that missed) compares it: case, spaces and slashes
    folded, and leading zeros of numeric segments dropped, since offices pad sequence numbers
    differently (0179 and 179)."""
    segments = [s for s in _KEY_SEPARATORS.split(number.strip().lower()) if s]
    return "/".join(_LEADING_ZEROS.sub("", s) for s in segments)


def next_suffix(existing: list[str]) -> str:
    """The next inserted-number letter after those already used for one base number."""
    used = [suffix_index(s) for s in existing if s]
    return suffix_letters(max(used, default=0) + 1)


@dataclass(frozen=True)
class Placement:
    """Where a new number goes: a fresh sequence number, or an insertion after `seq`."""

    seq: int
    suffix: str
    inserted: bool


def place(
    doc_date: dt.date,
    last_seq: int,
    last_date: dt.date | None,
    base_on_or_before: int | None,
    suffixes_of_base: list[str],
) -> Placement | None:
    """Decide a number for a document dated `doc_date`, given the counter's state for its year.

    A date on or after the latest issued date takes the next sequence number. An earlier date gets
    an inserted number (nomor sisipan): the last base number issued on or before that date plus a
    letter, and the counter does not move. None when no number exists on or before that date to
    insert after."""
    if last_date is None or doc_date >= last_date:
        return Placement(last_seq + 1, "", False)
    if base_on_or_before is None:
        return None
    return Placement(base_on_or_before, next_suffix(suffixes_of_base), True)


def safe_file_stem(number: str) -> str:
    """A file name derived from a number: slashes and anything unsafe become '_'."""
    stem = re.sub(r"[^A-Za-z0-9.\-]+", "_", number.strip()).strip("._")
    return stem or "unnumbered"
