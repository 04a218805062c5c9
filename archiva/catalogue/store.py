"""SQLAlchemy Core access to the catalogue, on SQLite (default) or PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, insert, select, text, update
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from archiva.catalogue.schema import (
    counters,
    events,
    files,
    index_outbox,
    index_state,
    intake_stops,
    letters,
    quarantine,
    records,
    texts,
)
from archiva.config import Series
from archiva.errors import (
    BadInputError,
    CatalogueError,
    ConflictError,
    DuplicateDocumentError,
    NotFoundError,
)
from archiva.models import (
    FILED,
    KIND_LABELS,
    RECORDED,
    RESERVED,
    STATUS_LABELS,
    VOID,
    DocumentText,
    FileEntry,
    IndexSource,
    NumberRequest,
    Record,
)
from archiva.numbering import (
    NumberParts,
    Placement,
    loose_key,
    number_key,
    place,
    render_number,
)

# The newest migration; checked by a test against the migration scripts so that opening the
# catalogue can skip importing Alembic (~0.5 s) when the schema is already current.
HEAD_REVISION = "0006"
ALLOCATE_ATTEMPTS = 5  # an allocation met a number recorded at the same moment: done again
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger(__name__)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything Archiva stores is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


class Catalogue:
    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.engine = self._engine(url)
        # Called after each committed transaction that queued records for the search index.
        self.on_change: Callable[[], None] | None = None

    @staticmethod
    def _engine(url: str) -> Engine:
        if not url.startswith("sqlite"):
            return create_engine(url, pool_pre_ping=False)
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # Take transaction control from the sqlite3 module so BEGIN IMMEDIATE below is ours.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Writers queue up at BEGIN IMMEDIATE instead of failing half-way through a
            # transaction; readers take no write lock (WAL lets them read meanwhile).
            write = conn.get_execution_options().get("archiva_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    def close(self) -> None:
        self.engine.dispose()

    # -- connection and schema -------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        queued = False
        try:
            with self.engine.connect().execution_options(archiva_write=True) as conn:
                try:
                    with conn.begin():
                        yield conn
                    queued = bool(conn.info.get(_QUEUED))
                finally:
                    conn.info.pop(_QUEUED, None)
        except OperationalError as exc:
            raise self._unreachable(exc) from None
        if queued and self.on_change is not None:
            self.on_change()

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise self._unreachable(exc) from None

    def _unreachable(self, exc: DBAPIError) -> CatalogueError:
        where = self.engine.url.render_as_string(hide_password=True)
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if self.is_sqlite:
            hint = ("Another Archiva command may be holding the file, or it cannot be written: "
                    "try again, and check the file's permissions if it repeats.")
        else:
            hint = ("Check that the database server is running and ARCHIVA_DATABASE_URL is "
                    "right, then run the command again.")
        return CatalogueError(
            f"The catalogue database {where} cannot be used: {detail}.",
            hint + " Work left half-done is settled at the next start.",
        )

    def schema_revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as exc:
            if "no such table" in str(exc) or "does not exist" in str(exc):
                return None
            raise self._unreachable(exc) from None
        except DBAPIError as exc:  # PostgreSQL: undefined table
            if "alembic_version" in str(exc):
                return None
            raise self._unreachable(exc) from None

    def ensure_schema(self) -> None:
        if self.schema_revision() == HEAD_REVISION:
            return
        from alembic import command  # only when a migration is due
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.transaction() as conn:
            if not self.is_sqlite:  # one migrating process at a time
                conn.execute(text("SELECT pg_advisory_xact_lock(7412001)"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # -- numbers -----------------------------------------------------------------------------

    def allocate(
        self,
        requests: Sequence[NumberRequest],
        series: dict[str, Series],
        unit: str,
        office_code: str,
        actor: str,
        owner: str | None = None,
        again: bool = False,
    ) -> list[Record]:
        """Allocate numbers for all requests in one transaction: all or none. A request with a
        fingerprint that a standing record of its kind already has is refused unless `again`
        (checked inside the transaction, so two processes cannot both pass)."""
        for attempt in range(ALLOCATE_ATTEMPTS):
            try:
                with self.transaction() as conn:
                    ids = []
                    for r in requests:
                        if r.fingerprint and not again:
                            self._refuse_duplicate(conn, r)
                        ids.append(self._allocate_one(conn, r, series[r.series], unit,
                                                      office_code, actor, owner))
                return self.records_by_ids(ids)
            except IntegrityError:
                # PostgreSQL: a `number record` of the very number this counter gives next
                # was committed between looking the number up and inserting it. Rolled back
                # and done again, the recorded number is seen and takes its place.
                log.info("allocation met a number recorded at the same moment (attempt %d)",
                         attempt + 1)
        raise ConflictError(
            f"Numbers of this counter were recorded by other processes {ALLOCATE_ATTEMPTS} "
            "times while this one was being issued.", "Nothing was issued. Run the command again.")

    def _refuse_duplicate(self, conn: Connection, req: NumberRequest) -> None:
        earlier = conn.execute(
            select(records.c.number, records.c.status, records.c.doc_date)
            .where(records.c.kind == req.kind, records.c.fingerprint == req.fingerprint,
                   records.c.status != VOID)
            .order_by(records.c.id).limit(1)
        ).first()
        if earlier is not None:
            what = ("A certificate for this person and activity was" if req.kind == "certificate"
                    else f"A {KIND_LABELS.get(req.kind, req.kind)} from the same data was")
            raise DuplicateDocumentError(what, earlier.number,
                                         STATUS_LABELS.get(earlier.status, earlier.status))

    def _allocate_one(
        self, conn: Connection, req: NumberRequest, s: Series, unit: str, office_code: str,
        actor: str, owner: str | None,
    ) -> int:
        year = req.doc_date.year
        while True:
            spot, last_date = self._place(conn, s, req, year)
            number = render_number(s.format, NumberParts(
                spot.seq, year, req.doc_date.month, req.classification, unit, office_code,
                spot.suffix,
            ))
            taken = conn.execute(
                select(records.c.id, records.c.status, records.c.counter)
                .where(records.c.number_key == number_key(number))
            ).first()
            if taken is None:
                break
            if taken.status != RECORDED or taken.counter is not None:
                raise ConflictError(
                    f"Series '{s.name}' would give {number}, which is already in the register "
                    "from another series with its own counter.",
                    "Nothing was issued. The profile's series formats overlap: give those series "
                    "one counter or formats that differ, then run `archiva doctor`.",
                )
            # The number was recorded earlier (e.g. typed in from the national e-office) and is
            # exactly what this counter gives next: it takes that place in the sequence.
            conn.execute(update(records).where(records.c.id == taken.id).values(
                counter=s.counter, year=year, seq=spot.seq, suffix=spot.suffix))
            self._advance(conn, s.counter, year, spot, last_date, last_date)
            self._event(conn, taken.id, "takes-place", actor,
                        f"takes place {spot.seq}{spot.suffix} of counter {s.counter} {year}")
        self._advance(conn, s.counter, year, spot, last_date, req.doc_date)
        now = utcnow()
        rid = conn.execute(insert(records).values(
            kind=req.kind, series=s.name, counter=s.counter, year=year, seq=spot.seq,
            suffix=spot.suffix, number=number, number_key=number_key(number),
            status=req.status, classification=req.classification, doc_date=req.doc_date,
            subject=req.subject, parties=_dump(req.parties), details=_dump(req.details),
            verification_code=req.verification_code, owner=owner, reason=req.reason,
            fingerprint=req.fingerprint,
            created_by=actor, created_at=now, updated_at=now,
        )).inserted_primary_key[0]
        self._event(conn, rid, "sisipan" if spot.inserted else "allocate", actor,
                    req.reason if spot.inserted else req.status)
        return int(rid)

    def _place(self, conn: Connection, s: Series, req: NumberRequest,
               year: int) -> tuple[Placement, dt.date | None]:
        """Where the next number of this counter goes, under the counter's row lock."""
        last_seq, last_date = self._locked_counter(conn, s.counter, year)
        base, suffixes = None, []
        if last_date is not None and req.doc_date < last_date:
            # The last number dated on or before the document; a voided one still holds its
            # place in the sequence, so it counts.
            base = conn.execute(
                select(func.max(records.c.seq)).where(
                    records.c.counter == s.counter, records.c.year == year,
                    records.c.suffix == "", records.c.doc_date <= req.doc_date,
                )
            ).scalar()
            if base is not None:
                suffixes = list(conn.execute(
                    select(records.c.suffix).where(
                        records.c.counter == s.counter, records.c.year == year,
                        records.c.seq == base,
                    )
                ).scalars())
        spot = place(req.doc_date, last_seq, last_date, base, suffixes)
        if spot is None:
            raise BadInputError(
                f"The document is dated {req.doc_date.isoformat()}, before every number of "
                f"counter '{s.counter}' in {year}, so there is no number to insert it after.",
                "Check the document's date. A number issued by another register is recorded "
                "with `archiva number record`.",
            )
        if spot.inserted and not req.reason.strip():
            raise BadInputError(
                f"The document is dated {req.doc_date.isoformat()}, before the latest number of "
                f"counter '{s.counter}' (dated {last_date.isoformat() if last_date else '?'}), "
                "so it gets an inserted number (nomor sisipan).",
                "Give the reason with --reason (it is kept in the register), or check the date.",
            )
        return spot, last_date

    def _advance(self, conn: Connection, counter: str, year: int, spot: Placement,
                 last_date: dt.date | None, doc_date: dt.date | None) -> None:
        if spot.inserted:
            return  # an inserted number never moves the counter
        dates = [d for d in (last_date, doc_date) if d is not None]
        conn.execute(
            update(counters)
            .where(counters.c.name == counter, counters.c.year == year)
            .values(last_seq=spot.seq, last_date=max(dates) if dates else None)
        )

    def _locked_counter(self, conn: Connection, name: str, year: int) -> tuple[int, dt.date | None]:
        row = conn.execute(
            select(counters.c.last_seq, counters.c.last_date)
            .where(counters.c.name == name, counters.c.year == year)
            .with_for_update()
        ).first()
        if row is None:
            self._insert_counter(conn, name, year)
            row = conn.execute(
                select(counters.c.last_seq, counters.c.last_date)
                .where(counters.c.name == name, counters.c.year == year)
                .with_for_update()
            ).one()
        return int(row.last_seq), row.last_date

    def _dialect_insert(self, table: Any) -> Any:
        """An INSERT with ON CONFLICT, which SQLite and PostgreSQL both have."""
        if self.is_sqlite:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        return dialect_insert(table)

    def _insert_counter(self, conn: Connection, name: str, year: int) -> None:
        conn.execute(
            self._dialect_insert(counters)
            .values(name=name, year=year, last_seq=0, last_date=None)
            .on_conflict_do_nothing()
        )

    def record_external(self, req: NumberRequest, number: str, actor: str) -> Record:
        """A number issued by another register: catalogued, no counter touched."""
        now = utcnow()
        try:
            with self.transaction() as conn:
                rid = conn.execute(insert(records).values(
                    kind=req.kind, series=req.series, counter=None,
                    year=req.doc_date.year, seq=None, suffix="", number=number,
                    number_key=number_key(number), status=req.status,
                    classification=req.classification, doc_date=req.doc_date,
                    subject=req.subject, parties=_dump(req.parties), details=_dump(req.details),
                    reason=req.reason, created_by=actor, created_at=now, updated_at=now,
                )).inserted_primary_key[0]
                self._event(conn, rid, "record", actor, req.reason)
        except IntegrityError:
            raise ConflictError(
                f"The number {number} is already in the register.",
                f"See it with `archiva show '{number}'`; nothing was recorded.",
            ) from None
        return self.record(int(rid))

    def void(self, number: str, reason: str, actor: str) -> Record:
        rec = self.by_number(number)
        if rec.status == VOID:
            raise ConflictError(f"The number {rec.number} is already void (BATAL): "
                                f"{rec.void_reason}", "Nothing was changed.")
        if rec.status == RESERVED:
            raise ConflictError(
                f"The number {rec.number} is being used by a document generation right now.",
                "Wait for it to finish, or run `archiva doctor` if that process has stopped.",
            )
        with self.transaction() as conn:
            self._set_void(conn, rec.id, reason, actor, from_status=rec.status)
        return self.record(rec.id)

    def _set_void(self, conn: Connection, rid: int, reason: str, actor: str,
                  from_status: str) -> bool:
        now = utcnow()
        done = conn.execute(
            update(records)
            .where(records.c.id == rid, records.c.status == from_status)
            .values(status=VOID, void_reason=reason, voided_by=actor, voided_at=now,
                    updated_at=now, owner=None)
        ).rowcount
        if done:
            self._event(conn, rid, "void", actor, reason)
            self._recompute_latest_date(conn, rid)
            # A voided letter no longer holds its checksum: the file may be filed again.
            conn.execute(update(letters).where(letters.c.record_id == rid).values(sha256=None))
        return bool(done)

    def _recompute_latest_date(self, conn: Connection, rid: int) -> None:
        """A voided number no longer decides what counts as 'dated before the latest number':
        one mistyped future date, once voided, must not turn the rest of the year into
        inserted numbers."""
        row = conn.execute(select(records.c.counter, records.c.year, records.c.suffix)
                           .where(records.c.id == rid)).one()
        if row.counter is None or row.suffix:
            return
        latest = conn.execute(select(func.max(records.c.doc_date)).where(
            records.c.counter == row.counter, records.c.year == row.year,
            records.c.suffix == "", records.c.status != VOID,
        )).scalar()
        conn.execute(update(counters)
                     .where(counters.c.name == row.counter, counters.c.year == row.year)
                     .values(last_date=latest))

    # -- filing and recovery -----------------------------------------------------------------

    def mark_filed(self, rid: int, entries: Sequence[FileEntry], actor: str,
                   action: str = "file", text: DocumentText | None = None) -> bool:
        """RESERVED -> FILED with its files (and its text), atomically; False when it was no
        longer reserved."""
        return bool(self.mark_filed_many([(rid, entries)], actor, action,
                                          {rid: text} if text else None))

    def mark_filed_many(self, items: Sequence[tuple[int, Sequence[FileEntry]]],
                        actor: str, action: str = "file",
                        texts_by_id: Mapping[int, DocumentText] | None = None) -> list[int]:
        """Many records RESERVED -> FILED in one transaction (certificate batches), each with
        its document text when given. Returns the ids filed; the others were no longer
        reserved."""
        now = utcnow()
        filed: list[int] = []
        with self.transaction() as conn:
            for rid, entries in items:
                done = conn.execute(
                    update(records)
                    .where(records.c.id == rid, records.c.status == RESERVED)
                    .values(status=FILED, updated_at=now, owner=None)
                ).rowcount
                if done:
                    self._insert_files(conn, rid, entries, now)
                    text = (texts_by_id or {}).get(rid)
                    if text is not None:
                        conn.execute(insert(texts).values(record_id=rid, body=text.body,
                                                          source=text.source))
                    self._event(conn, rid, action, actor, ", ".join(e.path for e in entries))
                    filed.append(rid)
        return filed

    def _insert_files(self, conn: Connection, rid: int, entries: Sequence[FileEntry],
                      now: dt.datetime) -> None:
        if entries:
            conn.execute(insert(files), [
                {"record_id": rid, "role": e.role, "format": e.format, "path": e.path,
                 "sha256": e.sha256, "size": e.size, "created_at": now}
                for e in entries
            ])

    def claim(self, rid: int, old_owner: str | None, new_owner: str) -> bool:
        """Take over a reservation for settling it, so two recovering processes never settle
        the same record (and a live owner that was misjudged loses nothing twice)."""
        cond = records.c.owner.is_(None) if old_owner is None else records.c.owner == old_owner
        with self.transaction() as conn:
            return bool(conn.execute(
                update(records)
                .where(records.c.id == rid, records.c.status == RESERVED, cond)
                .values(owner=new_owner)
            ).rowcount)

    def filed_files(self) -> list[tuple[str, str, int, str]]:
        """Every catalogued file: (path, sha256, size, its record's number), by path."""
        with self.reading() as conn:
            rows = conn.execute(
                select(files.c.path, files.c.sha256, files.c.size, records.c.number)
                .join(records, records.c.id == files.c.record_id).order_by(files.c.path)).all()
        return [(r.path, r.sha256, int(r.size), r.number) for r in rows]

    def all_file_paths(self) -> set[str]:
        with self.reading() as conn:
            return set(conn.execute(select(files.c.path)).scalars())

    def void_reserved(self, rid: int, reason: str, actor: str) -> bool:
        with self.transaction() as conn:
            return self._set_void(conn, rid, reason, actor, from_status=RESERVED)

    def reserved(self) -> list[tuple[Record, str | None]]:
        """Records still RESERVED, with the owner token of the process that reserved them."""
        with self.reading() as conn:
            rows = conn.execute(
                select(records.c.id, records.c.owner).where(records.c.status == RESERVED)
            ).all()
        recs = {r.id: r for r in self.records_by_ids([row.id for row in rows])}
        return [(recs[row.id], row.owner) for row in rows]

    # -- incoming letters --------------------------------------------------------------------

    def register_letter(self, req: NumberRequest, s: Series, unit: str, office_code: str,
                        actor: str, owner: str, letter: dict[str, Any]) -> Record:
        """Allocate the agenda number and store the letter's details in one transaction, so a
        reserved agenda number always has its letter. A letter whose checksum another letter
        holds (filed, or being filed by another process) is refused: DuplicateLetter."""
        try:
            with self.transaction() as conn:
                holder = self._letter_with_checksum(conn, letter["sha256"])
                if holder is not None:
                    raise DuplicateLetter(holder)
                rid = self._allocate_one(conn, req, s, unit, office_code, actor, owner)
                conn.execute(insert(letters).values(record_id=rid, **letter))
        except IntegrityError:  # PostgreSQL: another process registered it at the same moment
            with self.reading() as conn:
                raise DuplicateLetter(self._letter_with_checksum(conn, letter["sha256"])
                                      or "another letter") from None
        return self.record(rid)

    def _letter_with_checksum(self, conn: Connection, sha256: str) -> str | None:
        return conn.execute(
            select(records.c.number).join(letters, letters.c.record_id == records.c.id)
            .where(letters.c.sha256 == sha256)
        ).scalar()

    def known_checksum(self, sha256: str) -> dict[str, Any] | None:
        """Where a file with this content already is: filed in the archive or quarantined."""
        with self.reading() as conn:
            row = conn.execute(
                select(records.c.id, records.c.number, files.c.path)
                .join(files, files.c.record_id == records.c.id)
                .where(files.c.sha256 == sha256).limit(1)
            ).first()
            if row is not None:
                return {"where": "archive", "record_id": row.id, "number": row.number,
                        "path": row.path}
            row = conn.execute(
                select(quarantine.c.id, quarantine.c.path, quarantine.c.reason)
                .where(quarantine.c.sha256 == sha256, quarantine.c.released_at.is_(None))
                .limit(1)
            ).first()
        if row is None:
            return None
        return {"where": "quarantine", "record_id": None, "number": None, "path": row.path,
                "reason": row.reason}

    def add_quarantine(self, sha256: str | None, original_name: str, path: str, reason: str,
                       detail: str, duplicate_of: int | None) -> None:
        values = {"sha256": sha256, "original_name": original_name, "reason": reason,
                  "detail": detail, "at": utcnow(), "duplicate_of": duplicate_of}
        with self.transaction() as conn:
            # A file is put where no file is, so a row with this path is of a file gone from
            # there: retried (and failed again, so back in its place) or removed by a person.
            earlier = conn.execute(select(quarantine.c.id).where(quarantine.c.path == path)
                                   ).scalar()
            if earlier is None:
                conn.execute(insert(quarantine).values(path=path, **values))
            else:
                conn.execute(update(quarantine).where(quarantine.c.id == earlier)
                             .values(released_at=None, **values))

    def count_intake_stop(self, sha256: str) -> int:
        """One more intake process stopped while it read these bytes; returns how many."""
        now = utcnow()
        stmt = self._dialect_insert(intake_stops).values(sha256=sha256, stops=1, last_at=now)
        with self.transaction() as conn:
            return int(conn.execute(stmt.on_conflict_do_update(
                index_elements=[intake_stops.c.sha256],
                set_={"stops": intake_stops.c.stops + 1, "last_at": now},
            ).returning(intake_stops.c.stops)).scalar_one())

    def release_quarantine(self, path: str) -> str | None:
        """Mark a quarantined file as taken back; returns its original name."""
        with self.transaction() as conn:
            row = conn.execute(select(quarantine.c.id, quarantine.c.original_name).where(
                quarantine.c.path == path, quarantine.c.released_at.is_(None))).first()
            if row is None:
                return None
            conn.execute(update(quarantine).where(quarantine.c.id == row.id)
                         .values(released_at=utcnow()))
            return str(row.original_name)

    def letters(self) -> list[tuple[Record, dict[str, Any]]]:
        with self.reading() as conn:
            rows = {r.record_id: dict(r._mapping) for r in conn.execute(select(letters)).all()}
        recs = self.records_by_ids(list(rows))
        return [(r, rows[r.id]) for r in sorted(recs, key=lambda r: (r.year or 0, r.seq or 0))]

    def letter(self, rid: int) -> dict[str, Any] | None:
        with self.reading() as conn:
            row = conn.execute(select(letters).where(letters.c.record_id == rid)).first()
        return dict(row._mapping) if row else None

    def update_letter(self, rid: int, changes: dict[str, Any], actor: str, action: str,
                      detail: str) -> None:
        with self.transaction() as conn:
            conn.execute(update(letters).where(letters.c.record_id == rid).values(**changes))
            self._event(conn, rid, action, actor, detail)

    # -- reading -----------------------------------------------------------------------------

    def record(self, rid: int) -> Record:
        found = self.records_by_ids([rid])
        if not found:
            raise NotFoundError(f"There is no record with id {rid}.")
        return found[0]

    def by_number(self, number: str) -> Record:
        """The record of a number as typed: case and separators folded, and zero padding
        forgiven as search forgives it (1/SM/2026 is 0001/SM/2026) when that is unambiguous."""
        key = number_key(number)
        with self.reading() as conn:
            rid = conn.execute(select(records.c.id).where(records.c.number_key == key)).scalar()
            if rid is None and (last := key.rsplit("/", 1)[-1]):
                want = loose_key(number)
                rows = conn.execute(select(records.c.id, records.c.number).where(
                    records.c.number_key.like(f"%{_like_escaped(last)}", escape="\\"))).all()
                same = [r for r in rows if loose_key(r.number) == want]
                if len(same) > 1:
                    raise NotFoundError(
                        f"The number {number} could be any of "
                        f"{', '.join(r.number for r in same[:5])}.",
                        "Give the number as the register writes it (`archiva number list`).")
                rid = same[0].id if same else None
        if rid is None:
            raise NotFoundError(
                f"The number {number} is not in the register.",
                "Check the number, or list the register with `archiva number list`.",
            )
        return self.record(int(rid))

    def by_verification_code(self, code: str) -> Record | None:
        with self.reading() as conn:
            rid = conn.execute(
                select(records.c.id).where(records.c.verification_code == code)
            ).scalar()
        return self.record(int(rid)) if rid is not None else None

    def list_records(self, series: str | None = None, year: int | None = None) -> list[Record]:
        q = select(records.c.id)
        if series:
            q = q.where(records.c.series == series)
        if year:
            q = q.where(records.c.year == year)
        with self.reading() as conn:
            ids = list(conn.execute(q).scalars())
        recs = self.records_by_ids(ids)
        # Register order: per year and counter, by sequence with inserted numbers after their base.
        recs.sort(key=lambda r: (r.year or 0, r.counter is None, r.counter or "", r.seq or 0,
                                 len(r.suffix), r.suffix, r.id))
        return recs

    def records_by_ids(self, ids: Sequence[int]) -> list[Record]:
        out: list[Record] = []
        with self.reading() as conn:
            for chunk in _chunks(list(ids), 500):
                rows = conn.execute(select(records).where(records.c.id.in_(chunk))).all()
                file_rows = conn.execute(
                    select(files).where(files.c.record_id.in_(chunk)).order_by(files.c.id)
                ).all()
                by_record: dict[int, list[FileEntry]] = {}
                for f in file_rows:
                    by_record.setdefault(f.record_id, []).append(
                        FileEntry(f.path, f.format, f.sha256, f.size, f.role)
                    )
                order = {rid: i for i, rid in enumerate(chunk)}
                rows.sort(key=lambda r: order[r.id])
                out.extend(_record(r, by_record.get(r.id, [])) for r in rows)
        return out

    def by_fingerprints(self, kind: str, prints: Sequence[str]) -> dict[str, Record]:
        """The earliest standing (not void) record of this kind made from each fingerprint."""
        found: dict[str, int] = {}
        with self.reading() as conn:
            for chunk in _chunks(list(set(prints)), 500):
                rows = conn.execute(
                    select(records.c.id, records.c.fingerprint)
                    .where(records.c.kind == kind, records.c.fingerprint.in_(chunk),
                           records.c.status != VOID)
                    .order_by(records.c.id)
                ).all()
                for r in rows:
                    found.setdefault(r.fingerprint, r.id)
        by_id = {r.id: r for r in self.records_by_ids(list(found.values()))}
        return {fp: by_id[rid] for fp, rid in found.items()}

    def events_of(self, rid: int) -> list[dict[str, Any]]:
        with self.reading() as conn:
            rows = conn.execute(
                select(events).where(events.c.record_id == rid).order_by(events.c.id)
            ).all()
        return [{"action": r.action, "actor": r.actor, "at": _aware(r.at).isoformat(),
                 "detail": r.detail} for r in rows]

    def counter_state(self, name: str, year: int) -> int:
        with self.reading() as conn:
            value = conn.execute(
                select(counters.c.last_seq).where(counters.c.name == name,
                                                  counters.c.year == year)
            ).scalar()
        return int(value or 0)

    def _event(self, conn: Connection, rid: int | None, action: str, actor: str,
               detail: str) -> None:
        now = utcnow()
        conn.execute(insert(events).values(
            record_id=rid, action=action, actor=actor, at=now, detail=detail or ""
        ))
        if rid is not None:
            # Every change that writes history also queues the record for the search index, in
            # the same transaction (the outbox): the index can lag, never miss a change.
            self._queue(conn, [rid], now)

    def _queue(self, conn: Connection, rids: Sequence[int], now: dt.datetime) -> None:
        conn.execute(insert(index_outbox), [{"record_id": r, "queued_at": now} for r in rids])
        conn.info[_QUEUED] = True


    # -- the search index's view ------------------------------------------------------------

    def outbox(self, after_id: int = 0, limit: int = 2000) -> list[tuple[int, int]]:
        """Queued (task id, record id) pairs after `after_id`, oldest first."""
        with self.reading() as conn:
            rows = conn.execute(
                select(index_outbox.c.id, index_outbox.c.record_id)
                .where(index_outbox.c.id > after_id).order_by(index_outbox.c.id).limit(limit)
            ).all()
        return [(int(r.id), int(r.record_id)) for r in rows]

    def outbox_size(self) -> int:
        with self.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(index_outbox)).scalar()
                       or 0)

    def index_position(self) -> int:
        with self.reading() as conn:
            return int(conn.execute(select(index_state.c.position).where(
                index_state.c.id == 1)).scalar() or 0)

    def set_index_position(self, position: int) -> None:
        """Called by the index's one writer only (under its lock)."""
        with self.transaction() as conn:
            conn.execute(self._dialect_insert(index_state).values(id=1, position=position)
                         .on_conflict_do_update(index_elements=[index_state.c.id],
                                                set_={"position": position}))

    def drop_outbox(self, task_ids: Sequence[int]) -> None:
        """Remove applied tasks (no history: the index is derived data)."""
        with self.transaction() as conn:
            for chunk in _chunks(list(task_ids), 500):
                conn.execute(index_outbox.delete().where(index_outbox.c.id.in_(chunk)))

    def record_ids(self, after_id: int = 0, limit: int = 1000) -> list[int]:
        """Record ids above `after_id` in id order: the catalogue in chunks."""
        with self.reading() as conn:
            return [int(i) for i in conn.execute(
                select(records.c.id).where(records.c.id > after_id)
                .order_by(records.c.id).limit(limit)).scalars()]

    def record_count(self) -> int:
        with self.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(records)).scalar() or 0)

    def index_sources(self, ids: Sequence[int]) -> list[IndexSource]:
        """What the search index needs of these records; ids not in the catalogue are left
        out (the index drops them)."""
        recs = self.records_by_ids(ids)
        out: list[IndexSource] = []
        with self.reading() as conn:
            for i in range(0, len(recs), 500):
                part = recs[i:i + 500]
                chunk = [r.id for r in part]
                letter_rows = {r.record_id: dict(r._mapping) for r in conn.execute(
                    select(letters).where(letters.c.record_id.in_(chunk))).all()}
                bodies = dict(conn.execute(
                    select(texts.c.record_id, texts.c.body).where(texts.c.record_id.in_(chunk))
                ).all())
                answers = {a for row in letter_rows.values() if (a := row["answered_by"])}
                answer_dates = dict(conn.execute(
                    select(records.c.id, records.c.doc_date).where(records.c.id.in_(answers))
                ).all()) if answers else {}
                for rec in part:
                    letter = letter_rows.get(rec.id)
                    body = letter["text"] if letter else bodies.get(rec.id, "")
                    answer = letter["answered_by"] if letter else None
                    out.append(IndexSource(rec, letter, body or "", answer_dates.get(answer)))
        return out

    def texts_of(self, ids: Sequence[int]) -> dict[int, str]:
        """The full text of these records (a letter's text, or a generated document's)."""
        out: dict[int, str] = {}
        with self.reading() as conn:
            for chunk in _chunks(list(ids), 500):
                out.update(conn.execute(select(texts.c.record_id, texts.c.body)
                                        .where(texts.c.record_id.in_(chunk))).all())
                out.update(conn.execute(select(letters.c.record_id, letters.c.text)
                                        .where(letters.c.record_id.in_(chunk))).all())
        return out

    def filed_without_text(self, kinds: Sequence[str]) -> list[Record]:
        """Filed documents of these kinds whose text the catalogue lacks (filed by recovery,
        or before the catalogue kept texts)."""
        with self.reading() as conn:
            ids = list(conn.execute(
                select(records.c.id)
                .outerjoin(texts, texts.c.record_id == records.c.id)
                .where(records.c.kind.in_(kinds), records.c.status == FILED,
                       texts.c.record_id.is_(None))
                .order_by(records.c.id)).scalars())
        return self.records_by_ids(ids)

    def store_text(self, rid: int, text: DocumentText) -> None:
        """Keep a document's text read back from its archived files; queued for the index."""
        with self.transaction() as conn:
            exists = conn.execute(select(texts.c.record_id)
                                  .where(texts.c.record_id == rid)).first()
            if exists is None:
                conn.execute(insert(texts).values(record_id=rid, body=text.body,
                                                  source=text.source))
                self._queue(conn, [rid], utcnow())


_QUEUED = "archiva_index_queued"  # set on a connection whose transaction queued records


class DuplicateLetter(Exception):
    """The same bytes are already registered as the letter `number`."""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.number = number


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _record(r: Row[Any], entries: list[FileEntry]) -> Record:
    return Record(
        id=r.id, kind=r.kind, series=r.series, counter=r.counter, number=r.number, status=r.status,
        classification=r.classification, doc_date=r.doc_date, year=r.year, seq=r.seq,
        suffix=r.suffix, subject=r.subject, parties=json.loads(r.parties),
        details=json.loads(r.details), created_by=r.created_by,
        created_at=_aware(r.created_at) or utcnow(), reason=r.reason, voided_by=r.voided_by,
        voided_at=_aware(r.voided_at), void_reason=r.void_reason,
        verification_code=r.verification_code, files=entries,
    )


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
