"""Plain data of archive search: what is asked, what is found, and the index's own reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from archiva.errors import BadInputError
from archiva.models import Record

SORTS = ("relevance", "date")
MAX_LIMIT = 1000


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    kind: str | None = None
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sender: str | None = None
    sort: str = "relevance"
    limit: int = 10

    def check(self) -> None:
        if self.sort not in SORTS:
            raise BadInputError(f"Results cannot be sorted by {self.sort!r}.",
                                "Use --sort relevance or --sort date.")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise BadInputError(f"--limit must be between 1 and {MAX_LIMIT}, not {self.limit}.",
                                "Ask for fewer results, or narrow the search.")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise BadInputError("--from is after --to.", "Put the earlier date in --from.")
        if not (self.query.strip() or self.kind or self.year or self.date_from
                or self.date_to or self.sender):
            raise BadInputError("There is nothing to search for.",
                                "Give words to search for, or a filter such as --kind or "
                                "--year.")


@dataclass(frozen=True)
class Hit:
    record: Record
    title: str
    score: float | None  # None when sorted by date
    snippet: str

    def to_json(self) -> dict[str, Any]:
        r = self.record
        return {
            "record_id": r.id, "number": r.number, "kind": r.kind,
            "date": r.doc_date.isoformat() if r.doc_date else None, "title": self.title,
            "score": None if self.score is None else round(self.score, 4),
            "snippet": self.snippet,
            "files": [{"path": f.path, "format": f.format, "sha256": f.sha256}
                      for f in r.files],
        }


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    fuzzy: list[str] = field(default_factory=list)  # words also searched by close spellings
    pending: int = 0  # changes not yet in the index when it answered (another writer busy)
    repaired: str = ""  # why the index was rebuilt before it answered, if it was

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"total": self.total, "hits": [h.to_json() for h in self.hits]}
        if self.repaired:
            out["repaired"] = self.repaired
        return out


@dataclass
class SyncReport:
    """One index update from the outbox."""

    state: str  # ok | busy | missing | outdated | corrupt | failed
    applied: int = 0
    pending: int = 0
    detail: str = ""


@dataclass
class RebuildReport:
    index: str
    records: int
    seconds: float
    reason: str
    caught_up: int = 0  # changes made while it was being built, applied before the swap

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "records": self.records, "seconds": self.seconds,
                "reason": self.reason, "caught_up": self.caught_up}


@dataclass
class CheckReport:
    index: str
    state: str  # ok | missing | outdated | damaged | stale
    catalogue_records: int = 0
    index_documents: int = 0
    missing: list[tuple[int, str]] = field(default_factory=list)  # (record id, number)
    stale: list[tuple[int, str]] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)
    pending: int = 0  # changes queued in the outbox, not yet applied
    problem: str = ""  # what is wrong with a damaged or stale index

    @property
    def in_sync(self) -> bool:
        return self.state == "ok" and not (self.missing or self.stale or self.orphaned)

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index, "state": self.state, "in_sync": self.in_sync,
            "catalogue_records": self.catalogue_records,
            "index_documents": self.index_documents,
            "missing": [{"record_id": i, "number": n} for i, n in self.missing],
            "stale": [{"record_id": i, "number": n} for i, n in self.stale],
            "orphaned": [{"record_id": i} for i in self.orphaned],
            "pending": self.pending, "problem": self.problem,
        }
