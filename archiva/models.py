"""Plain data passed between the steps of Archiva."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Record statuses. A number ends as exactly one of FILED, ISSUED, RECORDED or VOID; RESERVED is
# the short state between allocating a number and filing its document.
RESERVED = "reserved"
FILED = "filed"
ISSUED = "issued"
RECORDED = "recorded"
VOID = "void"

STATUS_LABELS = {
    RESERVED: "DIPESAN",
    FILED: "TERARSIP",
    ISSUED: "TERBIT",
    RECORDED: "TERCATAT",
    VOID: "BATAL",
}

# What each kind of generated document is called in messages.
KIND_LABELS = {"decree": "decree", "mou": "agreement", "report": "activity report",
               "certificate": "certificate"}


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the archive home
    format: str
    sha256: str
    size: int
    role: str = "document"


@dataclass(frozen=True)
class DocumentText:
    """A generated document's full text, kept for search: as rendered, or extracted from its
    archived files."""

    body: str
    source: str = "rendered"


@dataclass(frozen=True)
class NumberRequest:
    """One number to allocate. `status` is ISSUED for a number taken for a document drafted
    outside Archiva, RESERVED for one whose document Archiva is about to generate."""

    series: str
    kind: str
    classification: str
    doc_date: dt.date
    subject: str
    status: str
    reason: str = ""
    parties: list[dict[str, Any]] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    verification_code: str | None = None
    fingerprint: str | None = None  # what the document is made from, hashed (duplicates)


@dataclass(frozen=True)
class Record:
    id: int
    kind: str
    series: str | None
    counter: str | None
    number: str
    status: str
    classification: str
    doc_date: dt.date | None
    year: int | None
    seq: int | None
    suffix: str
    subject: str
    parties: list[dict[str, Any]]
    details: dict[str, Any]
    created_by: str
    created_at: dt.datetime
    reason: str
    voided_by: str | None
    voided_at: dt.datetime | None
    void_reason: str
    verification_code: str | None
    files: list[FileEntry] = field(default_factory=list)

    @property
    def inserted(self) -> bool:
        return bool(self.suffix)

    def to_json(self) -> dict[str, Any]:
        return {
            "record_id": self.id,
            "number": self.number,
            "kind": self.kind,
            "series": self.series,
            "status": self.status,
            "classification": self.classification,
            "date": self.doc_date.isoformat() if self.doc_date else None,
            "year": self.year,
            "inserted": self.inserted,
            "subject": self.subject,
            "parties": self.parties,
            "reason": self.reason or None,
            "void_reason": self.void_reason or None,
            "voided_by": self.voided_by,
            "voided_at": self.voided_at.isoformat() if self.voided_at else None,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "files": [
                {"path": f.path, "format": f.format, "sha256": f.sha256, "size": f.size}
                for f in self.files
            ],
        }


@dataclass(frozen=True)
class IndexSource:
    """Everything the search index is built from for one record, read from the catalogue:
    the record, its letter details (incoming letters), its full text, and the date of the
    document that answered it (for late answers)."""

    record: Record
    letter: dict[str, Any] | None
    body: str
    answer_date: dt.date | None
