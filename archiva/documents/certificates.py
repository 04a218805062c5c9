"""Participant certificates: one numbered PDF per participant with a QR verification code,
rendered on all cores, filed atomically, and verifiable later."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import re
import secrets
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiva import filing
from archiva.documents import kinds
from archiva.documents.generate import fingerprint, load_data, planned_files
from archiva.documents.participants import Participant, read_participants
from archiva.errors import ArchivaError, RenderError
from archiva.models import (
    FILED,
    RESERVED,
    STATUS_LABELS,
    VOID,
    DocumentText,
    FileEntry,
    NumberRequest,
    Record,
)

if TYPE_CHECKING:
    from archiva.service import Archiva

# Unambiguous letters and digits (no 0/O, 1/I): 16 of them give 80 random bits.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 16
FILE_BATCH = 50  # records marked filed per catalogue transaction
IN_PROCESS_LIMIT = 4  # below this many, worker start-up costs more than it saves


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(code: str) -> str:
    raw = re.sub(r"[^0-9A-Za-z]", "", code).upper()
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


@dataclass
class CertificateResult:
    record: Record
    name: str

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.record.number,
            "record_id": self.record.id,
            "name": self.name,
            "verification_code": self.record.verification_code,
            "files": [{"path": f.path, "format": f.format, "sha256": f.sha256}
                      for f in self.record.files],
        }


@dataclass
class BatchResult:
    certificates: list[CertificateResult] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # number, name, why
    skipped: list[tuple[str, str]] = field(default_factory=list)  # name, why (earlier number)
    total: int = 0  # participants in the list
    interrupted: bool = False  # stopped by Ctrl-C: what was rendering was finished and filed
    remaining: list[str] = field(default_factory=list)  # names not reached: no number taken

    def to_json(self) -> dict[str, Any]:
        return {"certificates": [c.to_json() for c in self.certificates],
                "failed": [{"number": n, "name": m, "reason": r} for n, m, r in self.failed],
                "skipped": [{"name": n, "reason": r} for n, r in self.skipped],
                "total": self.total, "interrupted": self.interrupted,
                "remaining": self.remaining}


@dataclass(frozen=True)
class _Job:
    record_id: int
    context: dict[str, Any]
    dest: Path
    qr_payload: str


# Numbers are taken a group at a time, just before their certificates are rendered, and at
# most WINDOW_PER_WORKER groups per worker are in flight: an interrupted batch holds only
# those few numbers, and finishes them instead of voiding the rest of the list.
GROUP = 2
WINDOW_PER_WORKER = 4  # certificates in flight per worker: enough to keep it busy


def person_fingerprint(event: kinds.Event, person: Participant) -> str:
    """A person certified for an activity: the name (case and spacing folded), the role, and
    the activity with its dates."""
    def fold(text: str) -> str:
        return " ".join(text.casefold().split())

    return fingerprint("certificate", fold(event.activity), event.start_date.isoformat(),
                       event.end_date.isoformat(), fold(person.name), person.role)


def generate_certificates(app: Archiva, event_path: Path, participants_path: Path, reason: str,
                          progress: Callable[[int], None] | None = None, *,
                          again: bool = False, allow_future: bool = False) -> BatchResult:
    event, template = load_data(app, "certificate", event_path)
    people = read_participants(participants_path)
    _check_template(app, event, template.path, people[0])
    series = app.profile.documents["certificate"].series
    requests = [
        app.number_request(
            series, "certificate", event.common.classification, event.activity,
            event.common.date, RESERVED, reason, allow_future=allow_future,
            verification_code=new_code(), fingerprint=person_fingerprint(event, p),
            parties=[{"role": p.role, "name": p.name, "institution": p.institution}],
            details={"formats": list(template.outputs), "template": template.name,
                     "participant": p.to_dict(), "activity": event.activity,
                     "start_date": event.start_date.isoformat(),
                     "end_date": event.end_date.isoformat(), "place": event.common.place,
                     "signatory": event.common.signatory.name or app.profile.head.name},
        )
        for p in people
    ]
    result = BatchResult(total=len(people))
    todo = _not_yet_certified(app, list(zip(people, requests, strict=True)), again, result)
    if progress and result.skipped:
        progress(len(result.skipped))
    if todo:
        with app.index.batch():  # the index follows the batch about once a second
            _Batch(app, event, template.path, result, again).run(todo, progress)
    return result


def _not_yet_certified(app: Archiva, items: list[tuple[Participant, NumberRequest]],
                       again: bool, result: BatchResult) -> list[tuple[Participant,
                                                                      NumberRequest]]:
    """Leave out people who already hold a standing certificate for this activity, and a
    person listed twice; so running an interrupted batch again completes it."""
    if again:
        return items
    earlier = app.catalogue.by_fingerprints("certificate",
                                            [r.fingerprint or "" for _, r in items])
    seen: set[str] = set()
    todo = []
    for person, req in items:
        fp = req.fingerprint or ""
        if fp in earlier:
            rec = earlier[fp]
            result.skipped.append((person.name, f"already certified: {rec.number} "
                                                f"({STATUS_LABELS.get(rec.status, rec.status)})"))
        elif fp in seen:
            result.skipped.append((person.name, "listed more than once in the participants "
                                                "file"))
        else:
            seen.add(fp)
            todo.append((person, req))
    return todo


class _Batch:
    """Takes numbers a group at a time, renders them on the workers, files what is rendered
    in groups; on Ctrl-C it takes no more numbers and finishes those it holds."""

    def __init__(self, app: Archiva, event: kinds.Event, template: Path, result: BatchResult,
                 again: bool) -> None:
        self.app = app
        self.event = event
        self.template = template
        self.result = result
        self.again = again
        self.held: dict[int, tuple[Record, Participant]] = {}  # reserved, not yet settled
        self.pending: list[tuple[int, list[FileEntry]]] = []
        self.texts: dict[int, DocumentText] = {}
        self.filed: list[int] = []

    def run(self, todo: list[tuple[Participant, NumberRequest]],
            progress: Callable[[int], None] | None) -> None:
        queue = deque(todo)
        workers = min(len(todo), os.cpu_count() or 1, 8)
        in_process = len(todo) <= IN_PROCESS_LIMIT or workers < 2
        window = GROUP if in_process else workers * WINDOW_PER_WORKER
        in_flight: dict[Future[_Outcome], int] = {}
        with _renderer(self.template, self.app.settings.home, self.app.profile.office.logo,
                       workers, in_process) as submit, \
                _stop_on_ctrl_c(self.result):
            try:
                while queue or in_flight:
                    while queue and not self.result.interrupted and \
                            len(in_flight) + GROUP <= window:
                        for rid, job in self._take(queue):
                            in_flight[submit(job)] = rid
                    if not in_flight:
                        break
                    done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                    for fut in done:
                        self._collect(in_flight.pop(fut), fut.result())
                        if progress:
                            progress(1)
                    if len(self.pending) >= FILE_BATCH or not in_flight:
                        self._file_pending()
                self._file_pending()
            except BaseException as exc:
                self.settle(exc)
                if isinstance(exc, Exception):
                    why = (exc.message if isinstance(exc, ArchivaError)
                           else f"{type(exc).__name__}: {exc}")
                    raise RenderError(
                        f"The certificate batch stopped: {why} {len(self.filed)} certificate(s) "
                        "are filed; the numbers it was still rendering were voided (BATAL) with "
                        "this reason; no number was taken for the rest of the list.",
                        "Fix the problem and run the same command again: people already "
                        "certified are skipped.",
                    ) from exc
                raise
            finally:
                self.result.remaining = [p.name for p, _ in queue]
        self._finish()

    def _take(self, queue: deque[tuple[Participant, NumberRequest]]) -> list[tuple[int, _Job]]:
        group = [queue[i] for i in range(min(GROUP, len(queue)))]
        records = self.app.allocate([r for _, r in group], reserve=True, again=self.again)
        for _ in group:
            queue.popleft()
        jobs = []
        for rec, (person, _) in zip(records, group, strict=True):
            self.held[rec.id] = (rec, person)
            jobs.append((rec.id, _job(self.app, self.event, rec, person)))
        return jobs

    def _collect(self, rid: int, outcome: _Outcome) -> None:
        entry, error, text = outcome
        if entry is None:
            rec, person = self.held.pop(rid)
            self.app.catalogue.void_reserved(rid, f"generation failed: {error or 'unknown'}",
                                             self.app.settings.user)
            self.result.failed.append((rec.number, person.name, error or "unknown"))
        else:
            self.pending.append((rid, [entry]))
            self.texts[rid] = DocumentText(text)

    def _file_pending(self) -> None:
        if not self.pending:
            return
        filed = set(self.app.catalogue.mark_filed_many(self.pending, self.app.settings.user,
                                                       texts_by_id=self.texts))
        for rid, entries in self.pending:
            rec, person = self.held.pop(rid)
            if rid in filed:
                self.filed.append(rid)
                continue
            # Settled by recovery meanwhile: its file is not the record's.
            for e in entries:
                filing.set_aside(self.app.settings.home / e.path,
                                 self.app.settings.quarantine_dir, "failed")
            self.result.failed.append((rec.number, person.name,
                                       "settled by recovery while it was being generated"))
        self.pending.clear()
        self.texts.clear()

    def settle(self, exc: BaseException) -> None:
        why = exc.message if isinstance(exc, ArchivaError) else f"{type(exc).__name__}: {exc}"
        if self.pending:
            self._file_pending()
        self.app.recover_records(list(self.held), f"generation failed: batch stopped ({why})")
        self._finish()

    def _finish(self) -> None:
        now = self.app.catalogue.records_by_ids(sorted(self.filed))  # in list order
        self.result.certificates = [CertificateResult(r, r.parties[0]["name"] if r.parties
                                                      else "")
                                    for r in now if r.status == FILED]


def _check_template(app: Archiva, event: kinds.Event, template: Path,
                    person: Participant) -> None:
    """Fill the template for the first participant with a placeholder number before numbers
    are taken, so a broken template costs none."""
    from archiva.render.pdf import HtmlRenderer

    context = kinds.certificate_context(event, app.profile, "00000/X/X/0000", person.to_dict(),
                                        "XXXX-XXXX-XXXX-XXXX", "")
    HtmlRenderer(template).html({**context, "qr": ""})


def _job(app: Archiva, event: kinds.Event, rec: Record, person: Participant) -> _Job:
    code = rec.verification_code or ""
    url = app.profile.verify_url.replace("{code}", code) if app.profile.verify_url else ""
    ctx = kinds.certificate_context(event, app.profile, rec.number, person.to_dict(), code, url)
    return _Job(rec.id, ctx, planned_files(app, rec)[0], url or code)


@contextlib.contextmanager
def _stop_on_ctrl_c(result: BatchResult) -> Iterator[None]:
    """The first Ctrl-C asks the batch to stop taking numbers and finish the certificates it
    holds (a flag, not an exception that could land inside a transaction); a second one
    stops at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def first(_signum: int, _frame: object) -> None:
        result.interrupted = True
        signal.signal(signal.SIGINT, previous)

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


_Outcome = tuple[FileEntry | None, str | None, str]  # the filed file, why it failed, its text


@contextlib.contextmanager
def _renderer(template: Path, home: Path, logo: Path | None, workers: int,
              in_process: bool) -> Iterator[Callable[[_Job], Future[_Outcome]]]:
    """A submit function rendering jobs on forked workers, or right here for a few."""
    logo_name = str(logo) if logo else ""
    if in_process:
        _init_worker(str(template), str(home), logo_name, in_process=True)

        def run_here(job: _Job) -> Future[_Outcome]:
            fut: Future[_Outcome] = Future()
            fut.set_result(_render_one(job))
            return fut

        yield run_here
        return
    # Workers are forked. Freezing the parent's objects keeps the workers' garbage collector
    # from walking (and copy-on-write copying) the whole inherited heap: without it each
    # certificate took ~30% longer in a worker.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(str(template), str(home), logo_name))
    try:
        yield lambda job: pool.submit(_render_one, job)
    finally:
        # Stopped early: drop what has not started and wait for what is running, so no worker
        # writes into the archive after the batch is settled.
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


_worker: dict[str, Any] = {}


def _init_worker(template: str, home: str, logo: str, in_process: bool = False) -> None:
    if not in_process:
        _die_with_parent()
        # Ctrl-C reaches the whole process group: the parent decides (it lets the workers
        # finish the certificates whose numbers it holds).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    from archiva.render.pdf import HtmlRenderer

    _worker["renderer"] = HtmlRenderer(Path(template), [Path(logo)] if logo else [])
    _worker["home"] = Path(home)


def _die_with_parent() -> None:
    # A worker must not go on writing into the archive after its parent was killed: recovery
    # may already have voided those numbers. PR_SET_PDEATHSIG = 1.
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


def _render_one(job: _Job) -> _Outcome:
    """(the filed file or None, why it failed, the certificate's text)."""
    from archiva.render.qr import qr_png_data_uri

    try:
        context = {**job.context, "qr": qr_png_data_uri(job.qr_payload)}
        pdf, text = _worker["renderer"].render_with_text(context, max_pages=1)
        return filing.write_new(job.dest, pdf, _worker["home"]), None, text
    except ArchivaError as exc:
        return None, exc.message, ""
    except Exception as exc:  # one bad certificate must not stop the batch
        return None, f"{type(exc).__name__}: {exc}", ""


@dataclass(frozen=True)
class Verification:
    status: str  # genuine | void | unknown
    code: str
    record: Record | None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = dict.fromkeys(
            ("number", "name", "institution", "role", "activity", "start_date", "end_date",
             "date", "void_reason"))
        out.update({"code": self.code, "status": self.status,
                    "genuine": self.status == "genuine"})
        if self.record:
            d = self.record.details
            person = d.get("participant", {})
            out.update({
                "number": self.record.number, "name": person.get("name"),
                "institution": person.get("institution"), "role": person.get("role"),
                "activity": d.get("activity"), "start_date": d.get("start_date"),
                "end_date": d.get("end_date"),
                "date": self.record.doc_date.isoformat() if self.record.doc_date else None,
                "void_reason": self.record.void_reason or None,
            })
        return out


def verify(app: Archiva, code: str) -> Verification:
    norm = normalise_code(code)
    rec = app.catalogue.by_verification_code(norm) if norm else None
    if rec is None or rec.kind != "certificate" or rec.status == RESERVED:
        return Verification("unknown", norm or code, None)
    return Verification("void" if rec.status == VOID else "genuine", norm, rec)


def raise_if_failed(result: BatchResult) -> None:
    if result.failed:
        lines = "; ".join(f"{n} ({m}): {r}" for n, m, r in result.failed[:5])
        raise RenderError(f"{len(result.failed)} certificate(s) could not be produced and their "
                          f"numbers were voided with the reason: {lines}",
                          "Fix the cause and generate those participants again.")
