"""The service layer: the one API that the CLI, the watcher and the web UI call.

Rendering engines are imported lazily (inside the generate paths) so that commands which
render nothing, such as `archiva number issue`, start quickly."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiva import filing, owner
from archiva.catalogue import Catalogue
from archiva.config import Profile, Settings, example_profile_text, load_profile
from archiva.errors import BadInputError, ConflictError
from archiva.fixity import FiledFile, FixityReport
from archiva.fixity import check as check_fixity
from archiva.models import ISSUED, RECORDED, RESERVED, NumberRequest, Record
from archiva.numbering import classification_ok, normalise_classification

if TYPE_CHECKING:
    from archiva.documents.certificates import BatchResult
    from archiva.documents.generate import GeneratedDocument
    from archiva.search.index import SearchIndex
    from archiva.search.results import CheckReport, RebuildReport, SearchRequest, SearchResult

HOME_FOLDERS = ("archive", "inbox", "quarantine", "index")
DEMO_LOGO = "logo.png"  # named by the demo profile
# A reservation held by a process on another machine (shared PostgreSQL) is considered
# abandoned after this long; on the same machine a dead process is recognised at once.
FOREIGN_RESERVATION_TIMEOUT = dt.timedelta(hours=12)
STALE_TEMP_SECONDS = 3600
MAX_NUMBER_LENGTH = 200  # a temporary file this old belongs to no running write


@dataclass
class InitReport:
    home: Path
    created: list[str] = field(default_factory=list)
    profile_created: bool = False


@dataclass
class RecoveryReport:
    filed: list[str] = field(default_factory=list)
    voided: list[str] = field(default_factory=list)
    still_running: list[str] = field(default_factory=list)
    scratch_removed: list[str] = field(default_factory=list)


def init_home(settings: Settings) -> InitReport:
    """Create the archive home layout and a demo profile; idempotent, never overwrites."""
    report = InitReport(settings.home)
    settings.home.mkdir(parents=True, exist_ok=True)
    for name in HOME_FOLDERS:
        d = settings.home / name
        if not d.exists():
            d.mkdir()
            report.created.append(name + "/")
    if not settings.profile_path.exists():
        _write_demo_emblem(settings, report)
        try:
            filing.write_new(settings.profile_path, example_profile_text().encode("utf-8"),
                             settings.home, role="profile")
            report.profile_created = True
            report.created.append(settings.profile_path.name)
        except ConflictError:  # created meanwhile by another process: keep theirs
            pass
    cat = Catalogue(settings.database_url)
    try:
        cat.ensure_schema()
        from archiva.search.index import SearchIndex

        SearchIndex(settings.home / "index", cat).ensure()
    finally:
        cat.close()
    return report


def _write_demo_emblem(settings: Settings, report: InitReport) -> None:
    """The demo profile's letterhead logo: a placeholder image beside the profile."""
    logo = settings.profile_path.parent / DEMO_LOGO
    if logo.exists():
        return
    from archiva.render.emblem import emblem_png

    try:
        filing.write_new(logo, emblem_png(), settings.home, role="logo")
        report.created.append(DEMO_LOGO)
    except ConflictError:  # written meanwhile by another process
        pass


class Archiva:
    """One archive home: its profile, catalogue and archive folder."""

    def __init__(self, settings: Settings, profile: Profile, catalogue: Catalogue) -> None:
        self.settings = settings
        self.profile = profile
        self.catalogue = catalogue
        self._index: SearchIndex | None = None
        # Every committed change reaches the search index through the catalogue's outbox.
        catalogue.on_change = lambda: self.index.changed()

    @classmethod
    def open(cls, settings: Settings, recover: bool = True) -> Archiva:
        profile = load_profile(settings)
        catalogue = Catalogue(settings.database_url)
        catalogue.ensure_schema()
        app = cls(settings, profile, catalogue)
        if recover:
            app.recover()
        return app

    def close(self) -> None:
        if self._index is not None:
            self._index.close()  # applies what this process changed, if not done yet
        self.catalogue.close()

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            from archiva.search.index import SearchIndex

            self._index = SearchIndex(self.settings.home / "index", self.catalogue)
        return self._index

    def __enter__(self) -> Archiva:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the register ----------------------------------------------------------------------

    def issue_number(self, series: str, classification: str, subject: str,
                     doc_date: dt.date | None = None, reason: str = "",
                     allow_future: bool = False) -> Record:
        """A number for a document drafted outside Archiva."""
        req = self.number_request(series, "number", classification, subject, doc_date,
                                  ISSUED, reason, allow_future=allow_future)
        return self.allocate([req])[0]

    def number_request(self, series: str, kind: str, classification: str, subject: str,
                       doc_date: dt.date | None, status: str, reason: str = "",
                       allow_future: bool = False, **extra: Any) -> NumberRequest:
        self.profile.series_named(series)
        code = normalise_classification(classification)
        problems = []
        if doc_date is not None and not allow_future:
            check_not_ahead(doc_date)
        if not classification_ok(code):
            problems.append(
                f"classification {classification!r} is not a records classification code "
                "(two letters and up to three two-digit levels, e.g. OT.02.02)"
            )
        if not subject.strip():
            problems.append("subject is empty")
        if problems:
            raise BadInputError("; ".join(problems).capitalize() + ".",
                                "Correct it and run the command again; nothing was issued.")
        return NumberRequest(series=series, kind=kind, classification=code,
                             doc_date=doc_date or dt.date.today(), subject=subject.strip(),
                             status=status, reason=reason.strip(), **extra)

    def allocate(self, requests: list[NumberRequest], reserve: bool = False,
                 again: bool = False) -> list[Record]:
        return self.catalogue.allocate(
            requests, self.profile.series, self.profile.office.unit_code,
            self.profile.office.office_code, self.settings.user,
            owner=owner.current() if reserve else None, again=again,
        )

    def record_external(self, number: str, series: str, classification: str, subject: str,
                        doc_date: dt.date | None, source: str,
                        allow_future: bool = False) -> Record:
        number = " ".join(number.split())
        if not number or len(number) > MAX_NUMBER_LENGTH:
            raise BadInputError(
                "The number to record is empty." if not number else
                f"The number to record is {len(number)} characters long; at most "
                f"{MAX_NUMBER_LENGTH} are expected.",
                "Give the number exactly as it was issued.")
        req = self.number_request(series, "external", classification, subject, doc_date,
                                  RECORDED, reason=f"issued by {source}" if source else "",
                                  allow_future=allow_future,
                                  details={"source": source} if source else {})
        return self.catalogue.record_external(req, number, self.settings.user)

    def void(self, number: str, reason: str) -> Record:
        if not reason.strip():
            raise BadInputError("A void (BATAL) needs a reason.", "Give it with --reason.")
        return self.catalogue.void(number, reason.strip(), self.settings.user)

    def list_numbers(self, series: str | None = None, year: int | None = None) -> list[Record]:
        if series:
            self.profile.series_named(series)
        return self.catalogue.list_records(series, year)

    def show(self, number: str) -> Record:
        return self.catalogue.by_number(number)

    def history(self, record: Record) -> list[dict[str, Any]]:
        return self.catalogue.events_of(record.id)

    # -- documents ---------------------------------------------------------------------------

    def generate(self, kind: str, data_path: Path, reason: str = "", *, again: bool = False,
                 allow_future: bool = False) -> GeneratedDocument:
        """Generate, number and file one document. The same data as a standing document of its
        kind is refused unless `again`."""
        from archiva.documents.generate import generate_document

        return generate_document(self, kind, data_path, reason, again=again,
                                 allow_future=allow_future)

    def generate_certificates(self, event_path: Path, participants_path: Path,
                              reason: str = "",
                              progress: Callable[[int], None] | None = None, *,
                              again: bool = False, allow_future: bool = False) -> BatchResult:
        """One certificate per participant. People already certified for the same activity are
        skipped (and listed) unless `again`, so running an interrupted batch again finishes it."""
        from archiva.documents.certificates import generate_certificates

        return generate_certificates(self, event_path, participants_path, reason, progress,
                                     again=again, allow_future=allow_future)

    def verify_certificate(self, code: str) -> Any:
        from archiva.documents.certificates import verify

        return verify(self, code)

    # -- search ------------------------------------------------------------------------------

    def search(self, request: SearchRequest,
               progress: Callable[[int], None] | None = None) -> SearchResult:
        """Search the archive. `progress` follows a rebuild, if the index needs one first."""
        from archiva.search.query import Vocabulary

        vocabulary = Vocabulary({t.name: t.label for t in self.profile.letter_types.values()},
                                tuple(self.profile.series))
        return self.index.search(request, vocabulary, progress)

    def reindex(self, progress: Callable[[int], None] | None = None) -> RebuildReport:
        """Rebuild the search index from the catalogue and swap it in."""
        return self.index.rebuild(progress, reason="asked for (archiva reindex)")

    def check_index(self) -> CheckReport:
        return self.index.check()

    # -- keeping the invariant ---------------------------------------------------------------

    def recover(self, force: bool = False) -> RecoveryReport:
        """Settle reservations whose process ended: a document whose files all reached the
        archive is filed; anything else is voided with the reason, its partial files set aside."""
        report = RecoveryReport()
        now = dt.datetime.now(dt.UTC)
        for rec, token in self.catalogue.reserved():
            dead = owner.is_dead(token)
            if dead is None:
                dead = force or now - rec.created_at > FOREIGN_RESERVATION_TIMEOUT
            if not dead:
                report.still_running.append(rec.number)
            elif self.catalogue.claim(rec.id, token, owner.current()):
                self._settle(rec, report, INTERRUPTED)
        return report

    def recover_records(self, ids: list[int], reason: str) -> RecoveryReport:
        """Settle these records of our own if still reserved (an interrupted batch)."""
        report = RecoveryReport()
        wanted = set(ids)
        for rec, token in self.catalogue.reserved():
            if rec.id in wanted and self.catalogue.claim(rec.id, token, owner.current()):
                self._settle(rec, report, reason)
        return report

    def _settle(self, rec: Record, report: RecoveryReport, reason: str) -> None:
        planned = filing.record_paths(self.settings.archive_dir, rec)
        # Only files written after the number was reserved belong to it; an older file at the
        # same name (a catalogue restored from backup) is never claimed nor moved.
        ours = [p for p in planned if filing.written_since(p, rec.created_at)]
        if planned and len(ours) == len(planned):
            from archiva.documents.text import text_of_files

            entries = [filing.entry_for_existing(p, self.settings.home) for p in ours]
            # A letter keeps its text with its details; a generated document's is read back.
            text = text_of_files(ours) if rec.kind != "incoming" else None
            if self.catalogue.mark_filed(rec.id, entries, self.settings.user, action="recover",
                                         text=text):
                report.filed.append(rec.number)
            return
        if self.catalogue.void_reserved(rec.id, reason, self.settings.user):
            report.voided.append(rec.number)
            for p in ours:
                filing.set_aside(p, self.settings.quarantine_dir, "interrupted")

    def clean_scratch(self, report: RecoveryReport) -> None:
        """Remove work folders of processes on this machine that are gone, and temporary files
        an interrupted write left in the archive (never a finished file: those have no .tmp
        name)."""
        work = self.settings.home / ".work"
        for d in work.iterdir() if work.is_dir() else []:
            token = d.name.rsplit("-", 1)[0]
            if d.is_dir() and token.count(":") == 2 and owner.is_dead(token) is True:
                shutil.rmtree(d, ignore_errors=True)
                report.scratch_removed.append(str(d.relative_to(self.settings.home)))
        cutoff = time.time() - STALE_TEMP_SECONDS
        for tmp in self.settings.archive_dir.rglob(".*.tmp"):
            if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                report.scratch_removed.append(str(tmp.relative_to(self.settings.home)))

    def filed_files(self) -> list[FiledFile]:
        return [FiledFile(*row) for row in self.catalogue.filed_files()]

    def fixity(self, quick: bool = False,
               progress: Callable[[int], None] | None = None) -> FixityReport:
        """Every filed file against its recorded checksum (or, quick, its size)."""
        return check_fixity(self.settings.home, self.settings.archive_dir, self.filed_files(),
                            quick, progress, known_now=self.catalogue.all_file_paths)


FUTURE_DAYS = 7  # a document may be dated a week ahead (signed on a set day); not a year


def check_not_ahead(doc_date: dt.date, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    if doc_date > today + dt.timedelta(days=FUTURE_DAYS):
        raise BadInputError(
            f"The date {doc_date.isoformat()} is more than {FUTURE_DAYS} days ahead (today is "
            f"{today.isoformat()}). A number dated ahead would make every later number of the "
            "year an inserted one (nomor sisipan). Nothing was issued.",
            "Check the date (often the year is mistyped). If it is right, run the command again "
            "with --allow-future.",
        )


INTERRUPTED = ("interrupted before its document was filed (the process generating it stopped); "
               "voided automatically by recovery")


__all__ = ["RESERVED", "Archiva", "InitReport", "RecoveryReport", "init_home"]
