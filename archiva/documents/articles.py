"""The articles (pasal) of an agreement: the ones the data gives, and the template's defaults
for the standard ones it leaves out, each its own numbered Pasal in the standard order
(purpose, scope, implementation, rights and obligations, funding, duration, monitoring and
evaluation, force majeure, dispute settlement, amendment, closing).

The defaults are data beside the template (`articles` in its manifest entry, e.g.
templates/mou/pasal.yaml), so an office edits its boilerplate without code. Funding and
duration are written from the data's `funding` and `start_date`/`end_date` when it has them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archiva.documents.datafile import load_mapping
from archiva.errors import ProfileError

FUNDING, DURATION = "funding", "duration"


@dataclass(frozen=True)
class Article:
    title: str
    clauses: list[str]
    key: str = ""  # the standard article it is, or "" for one of the data's own


@dataclass(frozen=True)
class Standard:
    key: str
    title: str
    match: tuple[str, ...]  # words of a data article's title that make it this one
    clauses: tuple[str, ...]  # "{judul}" stands for the agreement's title, e.g. "Perjanjian…"


def load_standards(path: Path) -> list[Standard]:
    data = load_mapping(path)
    items = data.get("articles")
    if not isinstance(items, list) or not items:
        raise ProfileError(f"{path}: expected a list `articles` of default articles.",
                           "Restore the file from Archiva's templates/ folder.")
    out = []
    for i, item in enumerate(items, 1):
        ok = (isinstance(item, dict) and isinstance(item.get("key"), str)
              and isinstance(item.get("title"), str)
              and isinstance(item.get("match", []), list)
              and isinstance(item.get("clauses", []), list))
        if not ok:
            raise ProfileError(f"{path}: articles[{i}] needs key, title, match (a list) and "
                               "clauses (a list).", "Fix that entry.")
        out.append(Standard(item["key"], item["title"],
                            tuple(str(m).lower() for m in item.get("match", [])),
                            tuple(str(c) for c in item.get("clauses", []))))
    return out


def standard_of(title: str, standards: list[Standard]) -> str:
    """Which standard article a title names (the first whose words it contains)."""
    low = title.lower()
    return next((s.key for s in standards if any(m in low for m in s.match)), "")


def complete(given: list[Article], standards: list[Standard], doc_title: str,
             written: dict[str, str]) -> list[Article]:
    """The data's articles in their order, with each missing standard article inserted after
    the last one that precedes it in the standard order. `written` holds a first clause
    made from the data (funding, duration), which replaces the default's first clause."""
    order = {s.key: i for i, s in enumerate(standards)}
    out = list(given)  # an article the data wrote itself keeps its own words
    present = {a.key for a in out if a.key}
    judul = doc_title[:1].upper() + doc_title[1:].lower()
    for s in standards:
        if s.key in present or not (s.clauses or s.key in written):
            continue
        clauses = [c.replace("{judul}", judul) for c in s.clauses]
        if s.key in written:
            clauses = [written[s.key], *clauses[1:]]
        spot = max((i + 1 for i, a in enumerate(out)
                    if a.key and order.get(a.key, -1) < order[s.key]), default=0)
        out.insert(spot, Article(s.title, clauses, s.key))
    return out
