"""What the search index holds for one record: a plain SearchDocument built from the catalogue.

Pure functions, no engine: the same document is built by the incremental index writer, by the
full rebuild and by the drift check, so the three always agree."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from archiva.models import FILED, IndexSource
from archiva.numbering import loose_key as search_key  # a number as the index compares it

# Bump when the fields or how they are filled change: the index is then rebuilt.
DOCUMENT_FORMAT = 1

_NUMBER_IN_TEXT = re.compile(r"[0-9A-Za-z][\w.\-]*(?:\s*/\s*[\w.\-]+)+")


@dataclass(frozen=True)
class SearchDocument:
    record_id: int
    number: str
    numbers: tuple[str, ...]  # the record's own number, as search terms (number_terms)
    other_numbers: tuple[str, ...]  # a letter's own number, a partner's number for an agreement
    cited_numbers: tuple[str, ...]  # numbers a report is based on
    kind: str
    series: str
    status: str
    classification: tuple[str, ...]  # every level: ks, ks.01, ks.01.00
    title: str
    party: str  # sender, partner, participant (the other side, never the office itself)
    signer: str
    body: str
    date: dt.date | None
    letter_date: dt.date | None
    due_date: dt.date | None
    year: int | None
    letter_type: str
    progress: str
    flags: tuple[str, ...]  # "open": a letter not yet done; "late": answered after its due date
    stamp: str = ""  # fingerprint of everything above: a stale index entry differs from it


def number_terms(number: str) -> tuple[str, ...]:
    """The terms a number is indexed under: its key and every tail of it that starts at a
    segment, so a run of whole segments such as `c7.15/dt.02` is a prefix of one of them."""
    key = search_key(number)
    if not key:
        return ()
    segments = key.split("/")
    return tuple("/".join(segments[i:]) for i in range(len(segments)))


def numbers_in(text: str) -> list[str]:
    """Reference numbers written in a text (anything with a slash between segments)."""
    return [m.group() for m in _NUMBER_IN_TEXT.finditer(text)]


def classification_levels(code: str) -> tuple[str, ...]:
    parts = code.strip().lower().split(".")
    if not parts or not parts[0]:
        return ()
    return tuple(".".join(parts[:i]) for i in range(1, len(parts) + 1))


def search_document(src: IndexSource) -> SearchDocument:
    r = src.record
    letter = src.letter or {}
    details = r.details or {}
    others = [letter.get("their_number") or ""]
    others += [str(p.get("number") or "") for p in r.parties]
    cited = [n for basis in details.get("basis", []) for n in numbers_in(str(basis))]
    body = "\n".join(t for t in (src.body, r.reason, r.void_reason) if t)
    doc = SearchDocument(
        record_id=r.id,
        number=r.number,
        numbers=number_terms(r.number),
        other_numbers=_terms_of(others),
        cited_numbers=_terms_of(cited),
        kind=r.kind,
        series=r.series or "",
        status=r.status,
        classification=classification_levels(r.classification),
        title=(letter.get("subject") or r.subject) if letter else r.subject,
        party=letter.get("sender", "") if letter else _party(r.parties),
        signer=(" ".join(x for x in (letter.get("signer"), letter.get("signer_nip")) if x)
                if letter else str(details.get("signatory") or "")),
        body=body,
        date=r.doc_date,
        letter_date=letter.get("letter_date"),
        due_date=letter.get("due_date"),
        year=r.year,
        letter_type=letter.get("letter_type", ""),
        progress=letter.get("progress", ""),
        flags=_flags(src, letter),
    )
    return _stamped(doc)


def _terms_of(numbers: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for n in numbers:
        for term in number_terms(n):
            if term not in out:
                out.append(term)
    return tuple(out)


def _party(parties: list[dict[str, Any]]) -> str:
    """The other side's names: partner, participant, sender. PIHAK KESATU is the office
    itself, on every agreement, so it says nothing about this one."""
    names = []
    for p in parties:
        if p.get("role") == "PIHAK KESATU":
            continue
        names += [str(p[k]) for k in ("institution", "name", "official", "position") if p.get(k)]
    return "\n".join(names)


def _flags(src: IndexSource, letter: dict[str, Any]) -> tuple[str, ...]:
    if not letter or src.record.status != FILED:
        return ()
    due = letter.get("due_date")
    flags = []
    if letter.get("progress") != "selesai":
        flags.append("open")
    answered = [d for d in (src.answer_date, letter.get("closed_on")) if d is not None]
    if due is not None and answered and min(answered) > due:
        flags.append("late")
    return tuple(flags)


def _stamped(doc: SearchDocument) -> SearchDocument:
    data = asdict(doc)
    data.pop("stamp")
    raw = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    stamp = hashlib.sha1(f"{DOCUMENT_FORMAT}|{raw}".encode(), usedforsecurity=False)
    return SearchDocument(**{**data, "stamp": stamp.hexdigest()[:16]})
