"""The search index of one archive home, kept consistent with the catalogue.

The catalogue is the source of truth. Every change of a record queues it in the catalogue's
outbox in the same transaction (catalogue.store); `sync` applies the queued records to the
index and then deletes those rows, so a change can wait in the outbox but never be lost. One
writer at a time, by a lock taken with bounded, jittered retries: a process that cannot get it
in time leaves its changes queued for the next writer, and never shows a lock error to a user.
Searching applies what is queued first, so a search always sees every committed change.

A missing, damaged or outdated index (its format or analysis changed) is rebuilt from the
catalogue into a new folder that is swapped in atomically; it is never replaced by an empty one.

Layout of <home>/index/:
    current         symlink to the generation in use (replaced atomically by a rebuild)
    gen-*/          a generation: the engine's files, archiva-index.json (format, analysis) and
                    archiva-sums.json (its files' checksums, its catalogue position)
    .write.lock     one index writer at a time (updates and swaps)
    .rebuild.json   a rebuild is running: updates keep the outbox rows it still needs
    .building-*/    a generation being built
    damaged-*/      the last damaged generation, kept for inspection"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import random
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiva import filing, owner
from archiva.errors import ArchivaError
from archiva.search import analysis, integrity, stemming
from archiva.search import query as q
from archiva.search.documents import DOCUMENT_FORMAT, SearchDocument, search_document
from archiva.search.results import (
    CheckReport,
    Hit,
    RebuildReport,
    SearchRequest,
    SearchResult,
    SyncReport,
)
from archiva.search.snippets import snippet

if TYPE_CHECKING:
    from archiva.catalogue import Catalogue
    from archiva.search.engine import Index

log = logging.getLogger("archiva.search")

INDEX_FORMAT = 4  # the layout and schema of a generation (4: with its sums, integrity.py)
META = "archiva-index.json"
SYNC_WAIT = 2.0  # seconds an update waits for the writer lock before leaving it queued
REBUILD_WAIT = 60.0
BATCH_INTERVAL = 1.0  # in a batch (intake pass, certificates), update at most this often
TASKS_PER_COMMIT = 2000
CHUNK = 1000  # records read from the catalogue at a time
PARALLEL_FROM = 5000  # records from which a rebuild uses every core
FOREIGN_MARKER_TIMEOUT = dt.timedelta(hours=12)


class SearchError(ArchivaError):
    """The search index cannot be used or rebuilt right now."""


class SearchIndex:
    def __init__(self, root: Path, catalogue: Catalogue) -> None:
        self.root = root
        self.catalogue = catalogue
        self._open: tuple[Path, Index] | None = None
        self._dirty = False
        self._deferred = 0
        self._last_sync = float("-inf")
        self._syncing = False
        self.problem = ""  # what the last look at a generation found wrong with it
        self._holding = False  # the writer lock, by this object
        self._judged: Path | None = None  # the generation the last state is about

    def close(self) -> None:
        self.flush()
        if self._open is not None:
            self._open[1].close()
            self._open = None

    # -- keeping up with the catalogue --------------------------------------------------------

    def changed(self) -> None:
        """The catalogue committed a change: update the index now, or soon in a batch."""
        self._dirty = True
        if self._deferred and time.monotonic() - self._last_sync < BATCH_INTERVAL:
            return
        self.flush()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many changes in a row (an intake pass, a certificate batch): the index is updated
        at most every BATCH_INTERVAL seconds, and at the end."""
        if not self._deferred:
            self._last_sync = time.monotonic()
        self._deferred += 1
        try:
            yield
        finally:
            self._deferred -= 1
            if not self._deferred:
                self.flush()

    def flush(self) -> None:
        """Apply queued changes if this process made any; never fails the caller (what cannot
        be applied now stays queued for the next writer or search)."""
        if not self._dirty or self._syncing:
            return
        self._last_sync = time.monotonic()
        try:
            report = self.sync()
        except Exception as exc:  # the change itself is committed; the index catches up later
            log.warning("search index not updated now (%s); the change stays queued", exc)
            self._dirty = False
            return
        self._dirty = report.state == "busy"  # try again at the next change or flush
        if report.state != "ok":
            log.info("search index not updated now: %s %s", report.state, report.detail)

    def sync(self, wait: float = SYNC_WAIT) -> SyncReport:
        """Apply every queued change to the index."""
        if self._syncing:
            return SyncReport("busy", detail="an update is running in this process")
        pending = self.catalogue.outbox_size()
        if pending == 0:
            return SyncReport("ok")
        self._syncing = True
        try:
            with self._writer_lock(wait) as locked:
                if not locked:
                    return SyncReport("busy", pending=pending,
                                      detail="another process is writing the index")
                state, index = self._usable()
                if index is None:
                    return SyncReport(state, pending=pending)
                applied, _ = self._apply_queued(index, keep=self._rebuild_running())
                self._advance(index.path)
            return SyncReport("ok", applied=applied)
        except Exception as exc:
            return SyncReport("failed", pending=pending, detail=str(exc))
        finally:
            self._syncing = False

    def _apply_queued(self, index: Index, keep: bool) -> tuple[int, list[int]]:
        """Apply the outbox in commits of TASKS_PER_COMMIT; the rows are deleted after each
        commit unless a rebuild still needs them. Returns (records applied, task ids)."""
        from archiva.search.engine import EngineError

        last, applied, task_ids = 0, 0, []
        while tasks := self.catalogue.outbox(after_id=last, limit=TASKS_PER_COMMIT):
            rids = sorted({rid for _, rid in tasks})
            docs = [search_document(s) for s in self.catalogue.index_sources(rids)]
            gone = set(rids) - {d.record_id for d in docs}
            try:
                index.write(docs, gone)
            except EngineError:
                self._forget_open()
                raise
            ids = [t for t, _ in tasks]
            if not keep:
                self.catalogue.drop_outbox(ids)
            task_ids += ids
            last = ids[-1]
            applied += len(rids)
        return applied, task_ids

    def _advance(self, generation: Path) -> None:
        """Record the files an update wrote, and move the index and the catalogue to the next
        position together (the index first: a stop in between leaves it one ahead, which is
        taken as current)."""
        position = self.catalogue.index_position() + 1
        integrity.record(generation, position)
        self.catalogue.set_index_position(position)

    # -- the index folder ---------------------------------------------------------------------

    @property
    def link(self) -> Path:
        return self.root / "current"

    def current(self) -> Path | None:
        try:
            target = self.root / os.readlink(self.link)
        except OSError:
            return None
        return target if target.is_dir() else None

    def state(self) -> str:
        return self._usable()[0]

    def _usable(self) -> tuple[str, Index | None]:
        """(state, the opened current generation if it can be used)."""
        from archiva.search.engine import EngineError
        from archiva.search.engine import Index as EngineIndex

        path = self._judged = self.current()
        if path is None:
            self._forget_open()
            return "missing", None
        if self._open is not None and self._open[0] == path:
            return "ok", self._open[1]
        self._forget_open()
        meta = _read_meta(path)
        if meta is None:
            self.problem = f"its {META} is missing or unreadable"
            return "damaged", None
        if meta.get("format") != INDEX_FORMAT or meta.get("analysis") != fingerprint():
            return "outdated", None
        state = self._trusted(path)
        if state != "ok":
            return state, None
        try:
            index = EngineIndex(path)
            index.count()
        except EngineError as exc:
            log.warning("the search index %s cannot be opened: %s", path, exc)
            self.problem = str(exc)
            return "damaged", None
        self._open = (path, index)
        return "ok", index

    def _trusted(self, path: Path, full: bool = False) -> str:
        """ok, damaged (its files are not what was written) or stale (older than the
        catalogue: an earlier copy put back)."""
        self._judged = path
        bad = integrity.problem(path, full)
        if bad:
            log.warning("the search index %s is damaged: %s", path, bad)
            self.problem = bad
            return "damaged"
        ours, theirs = self._positions(path)
        if not theirs <= ours <= theirs + 1:
            # A writer may have moved both between the two reads: look again while no
            # writer can (the lock not had in time: the first look stands).
            with self._writer_lock(SYNC_WAIT) as locked:
                if locked:
                    ours, theirs = self._positions(path)
        if not theirs <= ours <= theirs + 1:
            self.problem = (f"it is at catalogue position {ours}, the catalogue at {theirs}: "
                            "an older (or another) copy of the index")
            log.warning("the search index %s is stale: %s", path, self.problem)
            return "stale"
        return "ok"

    def _positions(self, path: Path) -> tuple[int, int]:
        """(the generation's catalogue position, the catalogue's)."""
        sums = integrity.read(path)
        return (sums.position if sums else 0), self.catalogue.index_position()

    def _forget_open(self) -> None:
        if self._open is not None:
            self._open[1].close()
            self._open = None

    @contextlib.contextmanager
    def _writer_lock(self, wait: float) -> Iterator[bool]:
        """The index's writer lock (an flock, released by the kernel if the holder dies),
        tried with jittered back-off for at most `wait` seconds; yields whether it is held."""
        if self._holding:  # this process holds it already (a check inside an update)
            yield True
            return
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / ".write.lock", os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        delay = 0.01
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        yield False
                        return
                    time.sleep(min(left, random.uniform(delay / 2, delay)))
                    delay = min(delay * 2, 0.25)
            self._holding = True
            try:
                yield True
            finally:
                self._holding = False
        finally:
            os.close(fd)  # closing releases the lock

    # -- rebuilding ---------------------------------------------------------------------------

    def ensure(self, progress: Callable[[int], None] | None = None,
               full: bool = False) -> RebuildReport | None:
        """Rebuild the index from the catalogue if it is missing, damaged, stale or outdated.
        `full`: hash every file of the index to tell damage (not only those that look
        touched)."""
        state = self.state()
        if state == "ok" and full:
            state = self._trusted(self._open[0], full=True) if self._open else state
            if state != "ok":
                self._forget_open()
        if state == "ok":
            return None
        if self._waited_for_rebuild():
            return self.ensure(progress)  # another process's rebuild ended: look again
        # The generation judged damaged, not whatever is current by now (another process
        # may have swapped a fresh one in while this one was hashing).
        if state == "damaged" and not self._set_aside_damaged(self._judged):
            return self.ensure(progress)  # another process swapped a new one in meanwhile
        reason = {"missing": "the index did not exist",
                  "damaged": f"the index was damaged ({self.problem})",
                  "stale": f"the index was older than the catalogue ({self.problem})",
                  "outdated": "the index was built with an older format or analysis"}[state]
        if state != "missing" or self.catalogue.record_count():
            log.warning("search index: %s; rebuilding it from the catalogue", reason)
        return self.rebuild(progress, reason=reason)

    def rebuild(self, progress: Callable[[int], None] | None = None, procs: int | None = None,
                reason: str = "asked for") -> RebuildReport:
        """Build a new generation from the whole catalogue, catch up with the changes made
        meanwhile, and swap it in atomically."""
        from archiva.search.engine import EngineError, create
        from archiva.search.engine import Index as EngineIndex

        started = time.monotonic()
        self.root.mkdir(parents=True, exist_ok=True)
        with self._writer_lock(REBUILD_WAIT) as locked:
            if not locked:
                raise self._busy()
            # One rebuild at a time: the first to swap its generation in would drop outbox
            # rows the other still needs, and the other would then swap in an older index.
            if self._rebuild_running():
                raise self._busy()
            self._write_marker()
        building = self.root / f".building-{owner.current()}-{secrets.token_hex(3)}"
        try:
            self._backfill_texts()
            total = self.catalogue.record_count()
            create(building)
            fresh = EngineIndex(building)
            count = fresh.write(self._documents(progress), fresh=True,
                                procs=procs or (os.cpu_count() or 1
                                                if total >= PARALLEL_FROM else 1))
            fresh.close()
            _write_meta(building, count)
            with self._writer_lock(REBUILD_WAIT) as locked:
                if not locked:
                    raise self._busy()
                fresh = EngineIndex(building)
                caught_up, task_ids = self._apply_queued(fresh, keep=True)
                fresh.close()
                position = self.catalogue.index_position() + 1
                integrity.record(building, position)
                final = self.root / f"gen-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-" \
                                    f"{secrets.token_hex(3)}"
                os.rename(building, final)
                previous = self._swap(final)
                self.catalogue.drop_outbox(task_ids)
                self.catalogue.set_index_position(position)
                self._remove_marker()
        except EngineError as exc:
            raise SearchError(f"The search index could not be rebuilt: {exc}.",
                              "Check the free disk space of the archive home, then run "
                              "`archiva reindex`.") from None
        finally:
            shutil.rmtree(building, ignore_errors=True)
            self._remove_marker()
        self._prune(keep={final, previous})
        return RebuildReport(str(final.relative_to(self.root.parent)), count,
                             round(time.monotonic() - started, 2), reason, caught_up)

    def _waited_for_rebuild(self) -> bool:
        """Wait for another process's rebuild to end (True), if one is running."""
        if not self._rebuild_running():
            return False
        deadline = time.monotonic() + REBUILD_WAIT
        while self._rebuild_running():
            if time.monotonic() > deadline:
                raise self._busy()
            time.sleep(0.1)
        return True

    def _busy(self) -> SearchError:
        return SearchError("The search index is being rebuilt or updated by another process.",
                           "Wait a minute and run the command again.")

    def _documents(self, progress: Callable[[int], None] | None) -> Iterator[SearchDocument]:
        after = 0
        while ids := self.catalogue.record_ids(after, CHUNK):
            for src in self.catalogue.index_sources(ids):
                yield search_document(src)
            if progress:
                progress(len(ids))
            after = ids[-1]

    def _backfill_texts(self) -> None:
        """Documents filed without their text (settled by recovery, or filed before Archiva
        kept texts): read it back from their archived files once."""
        from archiva.documents.text import text_of_files

        home = self.root.parent
        for rec in self.catalogue.filed_without_text(("decree", "mou", "report", "certificate")):
            text = text_of_files([home / f.path for f in rec.files])
            if text is not None:
                self.catalogue.store_text(rec.id, text)

    def _swap(self, generation: Path) -> Path | None:
        previous = self.current()
        tmp = self.root / f".current-{secrets.token_hex(4)}"
        os.symlink(generation.name, tmp)
        os.replace(tmp, self.link)  # atomic: readers see the old or the new generation
        filing.fsync_dir(self.root)
        self._forget_open()
        return previous

    def _prune(self, keep: set[Path | None]) -> None:
        """Remove older generations (the one just replaced stays, for searches that opened
        it a moment ago) and what dead rebuilds left."""
        for p in self.root.iterdir():
            if p.name.startswith("gen-") and p not in keep:
                shutil.rmtree(p, ignore_errors=True)
            elif p.name.startswith(".building-"):
                token = p.name[len(".building-"):].rsplit("-", 1)[0]
                if owner.is_dead(token) is True:
                    shutil.rmtree(p, ignore_errors=True)

    def _set_aside_damaged(self, path: Path | None) -> bool:
        """Move the damaged generation `path` aside, unless it is no longer the current one
        (then another process has just replaced it: False)."""
        with self._writer_lock(REBUILD_WAIT) as locked:
            if not locked:
                raise self._busy()
            if path is None or self.current() != path:
                return False
            for old in self.root.glob("damaged-*"):
                shutil.rmtree(old, ignore_errors=True)
            with contextlib.suppress(OSError):
                os.rename(path, self.root / f"damaged-{path.name}")
            self._forget_open()
            return True

    # The rebuild marker: while it stands, updates keep the outbox rows, which the rebuild
    # applies to its new generation before swapping it in (changes made during the build).

    @property
    def _marker(self) -> Path:
        return self.root / ".rebuild.json"

    def _write_marker(self) -> None:
        data = {"owner": owner.current(), "started": dt.datetime.now(dt.UTC).isoformat()}
        tmp = self.root / f".rebuild-{secrets.token_hex(4)}.tmp"
        tmp.write_text(json.dumps(data), "utf-8")
        os.replace(tmp, self._marker)

    def _remove_marker(self) -> None:
        data = _read_json(self._marker)
        if data is not None and data.get("owner") == owner.current():
            self._marker.unlink(missing_ok=True)

    def _rebuild_running(self) -> bool:
        data = _read_json(self._marker)
        if data is None:
            return False
        dead = owner.is_dead(str(data.get("owner", "")))
        if dead is None:
            try:
                started = dt.datetime.fromisoformat(str(data.get("started")))
                dead = dt.datetime.now(dt.UTC) - started > FOREIGN_MARKER_TIMEOUT
            except ValueError:
                dead = True
        if dead:
            self._marker.unlink(missing_ok=True)
        return not dead

    # -- checking and searching ---------------------------------------------------------------

    def check(self) -> CheckReport:
        """Compare the index with the catalogue, record by record: missing, stale (the
        catalogue changed since) and orphaned (no such record) entries."""
        state, index = self._usable()
        path = self.current()
        if index is not None and path is not None:
            state = self._trusted(path, full=True)  # every file hashed, not only touched ones
        shown = str(path or self.root)
        report = CheckReport(shown, state, pending=self.catalogue.outbox_size(),
                             catalogue_records=self.catalogue.record_count(),
                             problem=self.problem if state in ("damaged", "stale") else "")
        if index is None or state != "ok":
            return report
        stamps = index.stamps()
        report.index_documents = len(stamps)
        for doc in self._documents(None):
            stamp = stamps.pop(doc.record_id, None)
            if stamp is None:
                report.missing.append((doc.record_id, doc.number))
            elif stamp != doc.stamp:
                report.stale.append((doc.record_id, doc.number))
        report.orphaned = sorted(stamps)
        return report

    def search(self, request: SearchRequest, vocabulary: q.Vocabulary,
               progress: Callable[[int], None] | None = None,
               today: dt.date | None = None) -> SearchResult:
        from archiva.search.engine import EngineError

        request.check()
        tree = q.with_filters(q.parse(request.query, vocabulary), request.kind, request.year,
                              request.date_from, request.date_to, request.sender)
        rebuilt = self.ensure(progress)
        synced = self.sync()
        searched = self.current()
        try:
            found = self._engine_search(tree, request, today)
        except EngineError as exc:
            log.warning("search failed on the index (%s); rebuilding it", exc)
            self._set_aside_damaged(searched)  # unless another process replaced it meanwhile
            self.problem = f"searching it failed: {exc}"
            rebuilt = self.ensure(progress) or rebuilt
            found = self._engine_search(tree, request, today)
        if found.empty:
            raise q.QueryError(request.query, "it holds only common words (such as yang, dan, "
                                              "di), which are not searched for",
                               "Add a word that tells the records apart.")
        return SearchResult(found.total, self._hits(found), found.fuzzy,
                            synced.pending if synced.state != "ok" else 0,
                            rebuilt.reason if rebuilt else "")

    def _engine_search(self, tree: q.Node, request: SearchRequest,
                       today: dt.date | None) -> Any:
        state, index = self._usable()
        if index is None:
            raise SearchError(f"The search index cannot be used ({state}).",
                              "Run `archiva reindex` to rebuild it from the catalogue.")
        return index.search(tree, today or dt.date.today(), request.sort, request.limit)

    def _hits(self, found: Any) -> list[Hit]:
        ids = [rid for rid, _ in found.hits]
        sources = {s.record.id: s for s in self.catalogue.index_sources(ids)}
        stemmed = found.terms.get("title", set()) | found.terms.get("text", set())
        exact = set().union(*(found.terms.get(f, set()) for f in
                              ("title_exact", "body_exact", "party", "signer")))
        hits = []
        for rid, score in found.hits:
            src = sources.get(rid)
            if src is None:
                continue  # in the index but no longer in the catalogue (a restored backup)
            doc = search_document(src)
            hits.append(Hit(src.record, doc.title, score,
                            snippet(doc.body or doc.title, stemmed, exact, stemming.stem)))
        return hits


def fingerprint() -> str:
    return f"{INDEX_FORMAT}.{DOCUMENT_FORMAT}.{analysis.fingerprint()}"


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read_meta(generation: Path) -> dict[str, Any] | None:
    return _read_json(generation / META)


def _write_meta(generation: Path, records: int) -> None:
    data = {"format": INDEX_FORMAT, "analysis": fingerprint(), "records_at_build": records,
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    (generation / META).write_text(json.dumps(data, indent=2), "utf-8")
