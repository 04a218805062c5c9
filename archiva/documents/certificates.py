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
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiva import filing
from archiva.documents import kinds
from archiva.documents.generate import load_data, planned_files
from archiva.documents.participants import Participant, read_participants
from archiva.errors import ArchivaError, RenderError
from archiva.models import FILED, RESERVED, VOID, DocumentText, FileEntry, Record

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

    def to_json(self) -> dict[str, Any]:
        return {"certificates": [c.to_json() for c in self.certificates],
                "failed": [{"number": n, "name": m, "reason": r} for n, m, r in self.failed]}


@dataclass(frozen=True)
class _Job:
    record_id: int
    context: dict[str, Any]
    dest: Path
    qr_payload: str


def generate_certificates(app: Archiva, event_path: Path, participants_path: Path, reason: str,
                          progress: Callable[[int], None] | None = None) -> BatchResult:
    event, template = load_data(app, "certificate", event_path)
    people = read_participants(participants_path)
    _check_template(app, event, template.path, people[0])
    series = app.profile.documents["certificate"].series
    requests = [
        app.number_request(
            series, "certificate", event.common.classification, event.activity,
            event.common.date, RESERVED, reason, verification_code=new_code(),
            parties=[{"role": p.role, "name": p.name, "institution": p.institution}],
            details={"formats": list(template.outputs), "template": template.name,
                     "participant": p.to_dict(), "activity": event.activity,
                     "start_date": event.start_date.isoformat(),
                     "end_date": event.end_date.isoformat(), "place": event.common.place,
                     "signatory": event.common.signatory.name or app.profile.head.name},
        )
        for p in people
    ]
    with app.index.batch():  # the index follows the batch about once a second
        records = app.allocate(requests, reserve=True)  # all numbers in one transaction
        return _run_batch(app, event, template.path, records, people, progress)


def _run_batch(app: Archiva, event: kinds.Event, template: Path, records: list[Record],
               people: list[Participant],
               progress: Callable[[int], None] | None) -> BatchResult:
    batch = _Batch(app, records, people)
    try:
        jobs = [_job(app, event, rec, person) for rec, person in zip(records, people, strict=True)]
        batch.run(template, jobs, progress)
    except BaseException as exc:
        batch.settle(exc)
        if isinstance(exc, Exception):
            why = exc.message if isinstance(exc, ArchivaError) else f"{type(exc).__name__}: {exc}"
            raise RenderError(
                f"The certificate batch stopped: {why} Certificates already written are filed; "
                f"the other numbers of this batch were voided (BATAL) with this reason.",
                "Fix the problem and generate the remaining participants again.",
            ) from exc
        raise
    return batch.result()


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


class _Batch:
    """Collects rendered certificates and files them in groups; settles the rest if stopped."""

    def __init__(self, app: Archiva, records: list[Record], people: list[Participant]) -> None:
        self.app = app
        self.records = records
        self.people = people
        self.by_id = {r.id: (r, p) for r, p in zip(records, people, strict=True)}
        self.failed: list[tuple[str, str, str]] = []
        self.pending: list[tuple[int, list[FileEntry]]] = []
        self.texts: dict[int, DocumentText] = {}

    def run(self, template: Path, jobs: list[_Job],
            progress: Callable[[int], None] | None) -> None:
        results = _results(template, jobs, self.app.settings.home)
        try:
            for rid, entry, error, text in results:
                if entry is None:
                    self._fail(rid, error or "unknown")
                else:
                    self.pending.append((rid, [entry]))
                    self.texts[rid] = DocumentText(text)
                    if len(self.pending) >= FILE_BATCH:
                        self._file_pending()
                if progress:
                    progress(1)
            self._file_pending()
        finally:
            results.close()  # stops the workers before anything is settled

    def _fail(self, rid: int, why: str) -> None:
        rec, person = self.by_id[rid]
        self.app.catalogue.void_reserved(rid, f"generation failed: {why}", self.app.settings.user)
        self.failed.append((rec.number, person.name, why))

    def _file_pending(self) -> None:
        filed = set(self.app.catalogue.mark_filed_many(self.pending, self.app.settings.user,
                                                       texts_by_id=self.texts))
        for rid, entries in self.pending:
            if rid not in filed:  # settled by recovery meanwhile: its file is not the record's
                for e in entries:
                    filing.set_aside(self.app.settings.home / e.path,
                                     self.app.settings.quarantine_dir, "failed")
                rec, person = self.by_id[rid]
                self.failed.append((rec.number, person.name,
                                    "settled by recovery while it was being generated"))
        self.pending.clear()
        self.texts.clear()

    def settle(self, exc: BaseException) -> None:
        why = exc.message if isinstance(exc, ArchivaError) else f"{type(exc).__name__}: {exc}"
        if self.pending:
            self._file_pending()
        self.app.recover_records(list(self.by_id), f"generation failed: batch stopped ({why})")

    def result(self) -> BatchResult:
        ids = [r.id for r in self.records]
        now = {r.id: r for r in self.app.catalogue.records_by_ids(ids)}
        done = [CertificateResult(now[r.id], p.name)
                for r, p in zip(self.records, self.people, strict=True)
                if now[r.id].status == FILED]
        return BatchResult(done, self.failed)


def _results(template: Path, jobs: list[_Job],
             home: Path) -> Iterator[tuple[int, FileEntry | None, str | None, str]]:
    workers = min(len(jobs), os.cpu_count() or 1, 8)
    if len(jobs) <= IN_PROCESS_LIMIT or workers < 2:
        _init_worker(str(template), str(home), in_process=True)
        yield from map(_render_one, jobs)
        return
    # Workers are forked. Freezing the parent's objects keeps the workers' garbage collector
    # from walking (and copy-on-write copying) the whole inherited heap: without it each
    # certificate took ~30% longer in a worker.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(str(template), str(home)))
    try:
        yield from pool.map(_render_one, jobs, chunksize=4)
    finally:
        # Stopped early: drop what has not started and wait for what is running, so no worker
        # writes into the archive after the batch is settled.
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


_worker: dict[str, Any] = {}


def _init_worker(template: str, home: str, in_process: bool = False) -> None:
    if not in_process:
        _die_with_parent()
    from archiva.render.pdf import HtmlRenderer

    _worker["renderer"] = HtmlRenderer(Path(template))
    _worker["home"] = Path(home)


def _die_with_parent() -> None:
    # A worker must not go on writing into the archive after its parent was killed: recovery
    # may already have voided those numbers. PR_SET_PDEATHSIG = 1.
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


def _render_one(job: _Job) -> tuple[int, FileEntry | None, str | None, str]:
    """(record id, the filed file or None, why it failed, the certificate's text)."""
    from archiva.render.qr import qr_png_data_uri

    try:
        context = {**job.context, "qr": qr_png_data_uri(job.qr_payload)}
        pdf, text = _worker["renderer"].render_with_text(context, max_pages=1)
        return job.record_id, filing.write_new(job.dest, pdf, _worker["home"]), None, text
    except ArchivaError as exc:
        return job.record_id, None, exc.message, ""
    except Exception as exc:  # one bad certificate must not stop the batch
        return job.record_id, None, f"{type(exc).__name__}: {exc}", ""


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
