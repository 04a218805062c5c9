"""Loading a generated corpus (tests/search/corpus.py) straight into a catalogue's tables.

A bulk load for tests and benchmarks: records, letters and texts in a few large transactions,
with ids assigned here so letters can point at the records that answered them. It writes no
outbox rows; build the index afterwards with a rebuild (as an upgraded home would)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import func, insert, select, update

from archiva.catalogue import Catalogue
from archiva.catalogue.schema import counters, letters, records, texts
from archiva.numbering import number_key
from tests.search.corpus import CorpusRecord

CHUNK = 2000
# The demo profile's counters of each series (archiva/profile_example.toml).
COUNTERS = {"letter": "umum", "decree": "umum", "agreement": "umum", "certificate": "sertifikat",
            "incoming": "agenda"}


def load(catalogue: Catalogue, corpus: Iterable[CorpusRecord], user: str = "corpus",
         ) -> dict[str, int]:
    """Insert every record; returns corpus key -> record id."""
    with catalogue.engine.connect() as conn:
        next_id = int(conn.execute(select(func.max(records.c.id))).scalar() or 0) + 1
    ids: dict[str, int] = {}
    answers: list[tuple[int, str]] = []  # (letter's record id, key of the answering record)
    tops: dict[tuple[str, int], tuple[int, dt.date]] = {}  # counter, year -> last seq, date
    for chunk in _chunks(iter(corpus), CHUNK):
        rows, letter_rows, text_rows = [], [], []
        for rec in chunk:
            rid = next_id
            next_id += 1
            ids[rec.key] = rid
            rows.append(_record_row(rid, rec, user))
            _track(tops, rec)
            if rec.letter is not None:
                letter_rows.append(_letter_row(rid, rec))
                if rec.letter.answered_by:
                    answers.append((rid, rec.letter.answered_by))
            elif rec.body:
                text_rows.append({"record_id": rid, "body": rec.body, "source": "rendered"})
        with catalogue.engine.begin() as conn:
            conn.execute(insert(records), rows)
            if letter_rows:
                conn.execute(insert(letters), letter_rows)
            if text_rows:
                conn.execute(insert(texts), text_rows)
    with catalogue.engine.begin() as conn:
        for rid, key in answers:
            conn.execute(update(letters).where(letters.c.record_id == rid)
                         .values(answered_by=ids[key]))
        _advance_counters(conn, tops)
    return ids


def _advance_counters(conn: Any, tops: dict[tuple[str, int], tuple[int, dt.date]]) -> None:
    """Counters continue after the loaded numbers, so numbers issued afterwards (a letter
    filed in the benchmark) never meet one of them."""
    for (name, year), (seq, last) in tops.items():
        conn.execute(counters.delete().where(counters.c.name == name, counters.c.year == year))
        conn.execute(insert(counters).values(name=name, year=year, last_seq=seq,
                                             last_date=last))


def _track(tops: dict[tuple[str, int], tuple[int, dt.date]], rec: CorpusRecord) -> None:
    counter = COUNTERS.get(rec.series)
    seq = rec.number.split("/", 1)[0].split()[0]
    if counter is None or rec.kind == "external" or not seq.isdigit():
        return
    key = (counter, rec.date.year)
    old_seq, old_date = tops.get(key, (0, rec.date))
    tops[key] = (max(old_seq, int(seq)), max(old_date, rec.date))


def _chunks(items: Iterator[CorpusRecord], size: int) -> Iterator[list[CorpusRecord]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _record_row(rid: int, rec: CorpusRecord, user: str) -> dict[str, Any]:
    at = dt.datetime.combine(rec.date, dt.time(9), tzinfo=dt.UTC)
    void = rec.status == "void"
    return {
        "id": rid, "kind": rec.kind, "series": rec.series, "counter": None,
        "year": rec.date.year, "seq": None, "suffix": "", "number": rec.number,
        "number_key": number_key(rec.number), "status": rec.status,
        "classification": rec.classification, "doc_date": rec.date, "subject": rec.subject,
        "parties": json.dumps(rec.parties, ensure_ascii=False),
        "details": json.dumps(rec.details, ensure_ascii=False, default=str),
        "verification_code": rec.verification_code, "owner": None, "reason": "",
        "created_by": user, "created_at": at, "updated_at": at,
        "voided_by": user if void else None, "voided_at": at if void else None,
        "void_reason": rec.void_reason,
    }


def _letter_row(rid: int, rec: CorpusRecord) -> dict[str, Any]:
    lt = rec.letter
    assert lt is not None
    return {
        "record_id": rid, "original_name": lt.original_name, "received_at": lt.received,
        "due_date": lt.due_date, "progress": lt.progress, "letter_type": lt.letter_type,
        "method": "pdf", "sender": lt.sender, "their_number": lt.their_number,
        "letter_date": lt.letter_date, "subject": lt.subject, "addressee": lt.addressee,
        "attachments": lt.attachments, "signer": lt.signer, "signer_nip": lt.signer_nip,
        "review": "[]", "answered_by": None, "text": lt.text, "closed_on": lt.closed_on,
        # voided letters no longer hold their checksum (as the register does)
        "sha256": None if rec.status == "void" else hashlib.sha256(rec.key.encode()).hexdigest(),
    }
