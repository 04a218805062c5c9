"""Taking letters in: one ordered chain of small steps per file.

claim (atomic rename into a staging folder of this process: one process wins) -> checksum
(duplicates of anything filed or quarantined go to quarantine/duplicates) -> read -> letter
details and type -> agenda number and details in one transaction -> file the original bytes
atomically -> mark filed -> drop the staged copy. Anything unreadable goes to quarantine/<reason>/
with a .reason.txt. A file leaves the inbox only when it is filed or quarantined; what a killed
process had staged is put back (or, if it was filed already, dropped) at the next start."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from archiva import filing, owner
from archiva.catalogue.store import DuplicateLetter
from archiva.config import LetterType
from archiva.errors import BadInputError, CatalogueError
from archiva.intake import content as files_content
from archiva.intake.letter import LetterDetails, extract_letter
from archiva.intake.reader import Limits, Reader, ReaderError
from archiva.intake.readiness import READY, STALE, Observation, Tracker, ignored_name
from archiva.intake.workdays import add_working_days
from archiva.models import RESERVED, NumberRequest

# A file that intake stopped on this often, each time after reading it this long (killed,
# crashed; not a quick read that a kill happened to interrupt), is set aside, not taken again.
STOPS_ALLOWED = 2
STALL_SECONDS = 10.0
READING = ".reading"  # the heartbeat beside a file being read: when the read began, in it
T = TypeVar("T")

if TYPE_CHECKING:
    from archiva.service import Archiva

log = logging.getLogger("archiva.intake")
STAGING = ".archiva-staging"  # inside the inbox: a claim is a rename on its file system


@dataclass
class IntakeReport:
    filed: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"filed": self.filed, "duplicates": self.duplicates,
                "quarantined": self.quarantined, "waiting": self.waiting}


def letter_type_for(details: LetterDetails, text: str,
                    types: dict[str, LetterType]) -> LetterType:
    """The first type whose keyword is in the subject, else in the text, else the fallback."""
    fallback = next(t for t in types.values() if not t.keywords)
    for haystack in (details.subject.lower(), text.lower()):
        for t in types.values():
            if any(k in haystack for k in t.keywords):
                return t
    return fallback


class Intake:
    def __init__(self, app: Archiva, inbox: Path | None = None) -> None:
        self.app = app
        self.settings = app.profile.intake
        self.reader = Reader(Limits(self.settings.read_memory_bytes, self.settings.read_seconds))
        self.reader.start_soon()
        if not app.profile.letter_types:
            raise BadInputError(
                f"The office profile {app.profile.path} has no [letter_types] section, which "
                "intake needs.",
                "Copy the [intake], [letter_types.*] and [calendar] sections and the "
                "[series.incoming] series from `archiva init --example`.")
        app.profile.series_named(self.settings.series)
        self.inbox = (inbox or app.settings.home / "inbox").resolve()
        self.home = app.settings.home
        self._refuse_own_folders(self.inbox, "The inbox")
        self.tracker = Tracker(self.settings.settle_seconds, self.settings.stale_seconds)
        self.ocr_jobs: int | None = None  # OCR uses every core unless told otherwise
        self.recover_staging()

    def _refuse_own_folders(self, path: Path, what: str) -> None:
        """The home's own folders are never intake: taking from archive/ would move filed
        originals out of the archive."""
        home = self.home.resolve()
        own = [home / d for d in ("archive", "quarantine", "index", ".work")]
        for d in own:
            if path == d or d in path.parents or (path in d.parents and path != home / "inbox"):
                raise BadInputError(
                    f"{what} {path} overlaps Archiva's own folder {d}.",
                    "Use the home's inbox/ folder or a folder outside the archive home.")

    def recover_staging(self) -> list[str]:
        """Files a killed intake process had claimed: dropped if they were filed (the archive
        holds the same bytes), set aside if intake has now stopped twice while reading them,
        otherwise put back into the inbox to be taken again."""
        back = []
        root = self.inbox / STAGING
        for token_dir in root.iterdir() if root.is_dir() else []:
            if owner.is_dead(token_dir.name) is not True:
                continue
            for staged in [p for p in token_dir.rglob("*") if (p.is_file() or p.is_symlink())
                           and p.name != READING]:
                try:
                    sha = None if staged.is_symlink() else filing.sha256_of(staged)
                    known = self.app.catalogue.known_checksum(sha) if sha else None
                    if known is not None and known["where"] == "archive":
                        staged.unlink()
                    elif sha and _stalled(staged.parent / READING) and \
                            self.app.catalogue.count_intake_stop(sha) >= STOPS_ALLOWED:
                        self._set_aside(staged, staged.name, "repeatedly-stopped",
                                        "intake stopped more than once while reading it "
                                        "(the process was killed or crashed); set aside so it "
                                        "does not stop intake again", sha, None)
                        log.warning("%s: quarantined: intake stopped twice on it", staged.name)
                    else:
                        self._return_to_inbox(staged)
                        back.append(staged.name)
                except FileNotFoundError:
                    continue  # another process recovered it first
            shutil.rmtree(token_dir, ignore_errors=True)
        return back

    # -- choosing files -------------------------------------------------------------------

    def scan(self) -> IntakeReport:
        """One pass over the inbox: file every ready file, report the others as waiting."""
        report = IntakeReport()
        self.check_inbox()
        with self.app.index.batch():
            for path in sorted(self._candidates()):
                self.consider(path, report)
        return report

    def check_inbox(self) -> None:
        if not self.inbox.is_dir():
            raise BadInputError(f"The inbox {self.inbox} does not exist.",
                                "Create it, or give another folder with --inbox.")

    def _candidates(self) -> list[Path]:
        out = []
        for root, dirs, names in os.walk(self.inbox):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            out.extend(Path(root) / n for n in names if not ignored_name(n))
        return out

    def consider(self, path: Path, report: IntakeReport) -> None:
        try:
            st = path.lstat()
        except FileNotFoundError:
            return  # taken by another process meanwhile
        if not stat.S_ISREG(st.st_mode):
            self.take(path, report)  # links, pipes, devices: set aside without opening
            return
        # A clock running ahead (scanner, NAS) must not keep a file waiting for hours.
        obs = Observation(st.st_size, min(st.st_mtime, time.time()))
        key = str(path)
        state, why = self.tracker.decide(key, obs, time.time(), None)
        if state != READY and why.startswith("quiet"):
            try:
                # Too large is decided by size alone: no point parsing a file that is refused.
                complete = obs.size > self.settings.max_bytes or self._complete(path)
            except FileNotFoundError:
                return  # another process claimed it while we looked
            state, why = self.tracker.decide(key, obs, time.time(), complete)
        if state == READY:
            self.tracker.forget(key)
            self.take(path, report)
        elif state == STALE:
            self.tracker.forget(key)
            self.take(path, report, truncated=why)
        else:
            report.waiting.append({"file": self._shown(path), "why": why})

    def take_now(self, paths: list[Path]) -> IntakeReport:
        """`archiva ingest FILE…`: take these files now, without waiting for them to settle."""
        report = IntakeReport()
        for path in paths:
            self._refuse_own_folders(path.resolve(), "The file")
        with self.app.index.batch():
            for path in paths:
                self.take(path, report, truncated="it was incomplete when taken on request")
        return report

    def retry(self, quarantined: Path) -> IntakeReport:
        """Put a quarantined file (fixed, or to be judged again) back through intake now."""
        path = quarantined.resolve()
        root = self.app.settings.quarantine_dir.resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise BadInputError(f"{quarantined} is not a file in the quarantine ({root}).",
                                "Give the path printed in the file's .reason.txt.")
        rel = str(path.relative_to(self.home.resolve()))
        original = self.app.catalogue.release_quarantine(rel) or path.name
        note = path.with_name(path.name + ".reason.txt")
        # Under its original name, in this process's staging area of the inbox: taken like any
        # new arrival (and put back into the inbox if it cannot be taken now).
        folder = self.inbox / STAGING / owner.current() / secrets.token_hex(6)
        back = filing.move_into(path, folder, original)
        note.unlink(missing_ok=True)
        report = IntakeReport()
        try:
            self.take(back, report, truncated="it was still incomplete when retried")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return report

    # -- one file ---------------------------------------------------------------------------

    def take(self, path: Path, report: IntakeReport, truncated: str | None = None) -> None:
        staged = self._claim(path)
        if staged is None:
            return  # another process claimed it first
        name = path.name
        try:
            try:
                self._check_kind_of_file(staged)
                self._check_size(staged)
                if truncated and not self._complete(staged):
                    raise self.reader.call(files_content.why_incomplete, staged, truncated)
                self._file(staged, name, report)
            except files_content.Unreadable as exc:
                self._quarantine(staged, name, exc.reason, exc.detail, report)
            except (CatalogueError, ReaderError) as exc:
                # The catalogue is busy or away, or the reader cannot run: not the file's
                # fault, so it goes back and is taken next time.
                log.error("%s: not taken now: %s", name, exc.message)
                report.waiting.append({"file": name, "why": f"not taken now: {exc.message}"})
            except Exception as exc:
                # Anything else about this one file (a reader or OCR failing on it): set it
                # aside with the reason, and go on with the others.
                self._quarantine(staged, name, "failed", f"{type(exc).__name__}: {exc}", report)
        finally:
            if staged.exists() or staged.is_symlink():  # neither filed nor set aside: back
                self._return_to_inbox(staged)
            shutil.rmtree(staged.parent, ignore_errors=True)
            _remove_if_empty(staged.parent.parent, staged.parent.parent.parent)

    def _check_kind_of_file(self, staged: Path) -> None:
        mode = staged.lstat().st_mode
        if stat.S_ISLNK(mode):
            raise files_content.Unreadable("unsupported", "a link to another file, not a file; "
                                                          "put the file itself in the inbox")
        if not stat.S_ISREG(mode):
            raise files_content.Unreadable("unsupported", "not a regular file")

    def _claim(self, path: Path) -> Path | None:
        """Rename the file into a staging folder next to it (same file system, so atomic):
        exactly one process gets each file."""
        root = self.inbox if path.parent.resolve().is_relative_to(self.inbox) else path.parent
        folder = root / STAGING / owner.current() / secrets.token_hex(6)
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise BadInputError(f"Cannot take {path}: its folder cannot be written ({exc}).",
                                "Copy the file into the inbox and take it from there.") from None
        staged = folder / path.name
        try:
            os.rename(path, staged)
        except FileNotFoundError:
            folder.rmdir()
            return None
        return staged

    def _file(self, staged: Path, name: str, report: IntakeReport) -> None:
        data = staged.read_bytes()  # one snapshot: hashed, read and filed as the same bytes
        sha = hashlib.sha256(data).hexdigest()
        known = self._known(sha)
        if known is not None:
            self._duplicate(staged, name, sha, known, report)
            return
        found = self._read(files_content.read, staged, self.settings.max_pages)
        ocr_copy = None
        if found.needs_ocr:
            ocr_copy, text = self._ocr(staged, found)
            found = files_content.Content(found.kind, found.pages,
                                          files_content.merged_text(found, text), True)
        details = extract_letter(found.text)
        kind = letter_type_for(details, found.text, self.app.profile.letter_types)
        received = dt.datetime.now(dt.UTC)
        try:
            rec = self._register(staged, name, sha, found, details, kind, received,
                                 ocr=ocr_copy is not None)
        except DuplicateLetter as dup:  # the same letter, registered meanwhile by another process
            if ocr_copy is not None:
                shutil.rmtree(ocr_copy.parent, ignore_errors=True)
            self._duplicate(staged, name, sha, {"number": dup.number, "record_id": None,
                                                "where": "register", "path": ""}, report)
            return
        placed: list[Path] = []
        try:
            dests = filing.record_paths(self.app.settings.archive_dir, rec)
            contents = [(data, "original")] + ([(ocr_copy.read_bytes(), "ocr")]
                                                if ocr_copy else [])
            entries = []
            for (body, role), dest in zip(contents, dests, strict=True):
                entries.append(filing.write_new(dest, body, self.home, role=role))
                placed.append(dest)
            if not self.app.catalogue.mark_filed(rec.id, entries, self.app.settings.user):
                raise RuntimeError("its agenda number was settled by recovery meanwhile")
        except BaseException as exc:
            # The staged original goes back to the inbox (see take); the agenda number is
            # voided with the reason, and the copies made in the archive are set aside.
            if self.app.catalogue.void_reserved(rec.id, f"intake failed: {exc}",
                                                self.app.settings.user):
                for p in placed:
                    filing.set_aside(p, self.app.settings.quarantine_dir, "failed")
            raise
        finally:
            if ocr_copy is not None:
                shutil.rmtree(ocr_copy.parent, ignore_errors=True)
        staged.unlink()
        letter = self.app.catalogue.letter(rec.id) or {}
        report.filed.append({"file": name, "agenda_number": rec.number, "record_id": rec.id,
                             "letter": letter_json(letter)})
        log.info("%s: filed as %s", name, rec.number)

    def _known(self, sha: str) -> dict[str, Any] | None:
        """Where these bytes already are. A quarantine entry whose file a person has since
        renamed, moved or deleted no longer counts (it would block the fixed file forever)."""
        while True:
            known = self.app.catalogue.known_checksum(sha)
            if known is None or known["where"] != "quarantine":
                return known
            if (self.home / known["path"]).exists():
                return known
            self.app.catalogue.release_quarantine(known["path"])

    def _check_size(self, staged: Path) -> None:
        size = staged.stat().st_size
        if size > self.settings.max_bytes:
            raise files_content.Unreadable(
                "too-large", f"{size / 2**20:.1f} MB; at most "
                             f"{self.settings.max_bytes / 2**20:.0f} MB are taken")

    def _complete(self, path: Path) -> bool:
        """Whether a file is whole: decoded in the reader, since a hostile image decodes to
        gigabytes. One beyond the reader's limits counts as whole: taking it, reading it meets
        the same limits and sets it aside with the reason."""
        try:
            return self.reader.call(files_content.is_complete, path)
        except files_content.Unreadable:
            return True

    def _read(self, fn: Callable[..., T], staged: Path, *args: Any,
              seconds: float | None = None) -> T:
        """fn(staged, *args) in the reader process, with a heartbeat beside the file: were
        this process killed meanwhile, recovery can tell a long read from a short one."""
        beat = staged.parent / READING
        beat.touch()
        # When it began, by the file system's own clock (a network share's may differ).
        beat.write_text(str(beat.stat().st_mtime), "utf-8")
        try:
            return self.reader.call(fn, staged, *args, seconds=seconds, heartbeat=beat)
        finally:
            beat.unlink(missing_ok=True)

    def _ocr(self, staged: Path, found: files_content.Content) -> tuple[Path, str]:
        """A searchable PDF/A copy of a scan, in a work folder of this process (on the
        archive's file system), made before an agenda number is taken."""
        from archiva.intake.ocr import searchable_pdf

        self.app.index.flush()  # letters filed before this slow step become searchable now
        work = self.home / ".work" / f"{owner.current()}-{secrets.token_hex(4)}"
        work.mkdir(parents=True)
        out = work / "ocr.pdf"
        try:
            text = self._read(searchable_pdf, staged, out, found.kind, self.ocr_jobs,
                              seconds=self.settings.read_seconds * max(1, found.pages))
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        return out, text

    def _register(self, staged: Path, name: str, sha: str, found: files_content.Content,
                  details: LetterDetails, kind: LetterType, received: dt.datetime,
                  ocr: bool) -> Any:
        profile = self.app.profile
        local_day = received.astimezone().date()
        review = list(details.missing) + list(details.doubts) + (
            ["text: read by OCR, check it"] if ocr else [])
        req = NumberRequest(
            series=self.settings.series, kind="incoming", classification=kind.classification,
            doc_date=local_day, subject=details.subject or f"(no subject found) {name}",
            status=RESERVED,
            parties=[{"role": "pengirim", "institution": details.sender}] if details.sender
            else [],
            details={"formats": [staged.suffix.lower().lstrip(".")] + (["ocr.pdf"] if ocr else []),
                     "original_name": name, "sha256": sha},
        )
        letter = {
            "original_name": name, "received_at": received,
            "due_date": add_working_days(local_day, kind.service_days, profile.holidays),
            "progress": "baru", "letter_type": kind.name,
            "method": "ocr" if ocr else found.kind, "sender": details.sender,
            "their_number": details.number, "letter_date": details.date,
            "subject": details.subject, "addressee": details.addressee,
            "attachments": details.attachments, "signer": details.signer,
            "signer_nip": details.signer_nip, "review": _json(review), "text": found.text,
            "sha256": sha,
        }
        return self.app.catalogue.register_letter(
            req, profile.series_named(self.settings.series), profile.office.unit_code,
            profile.office.office_code, self.app.settings.user, owner.current(), letter)

    # -- setting aside ----------------------------------------------------------------------

    def _duplicate(self, staged: Path, name: str, sha: str, known: dict[str, Any],
                   report: IntakeReport) -> None:
        what = known["number"] or known["path"]
        detail = (f"same content (SHA-256 {sha[:16]}…) as {what}, already in the "
                  f"{known['where']}")
        target = self._set_aside(staged, name, "duplicates", detail, sha, known["record_id"])
        report.duplicates.append({"file": name, "duplicate_of": what,
                                  "quarantined_as": str(target.relative_to(self.home))})
        log.info("%s: duplicate of %s", name, what)

    def _quarantine(self, staged: Path, name: str, reason: str, detail: str,
                    report: IntakeReport) -> None:
        # Only a regular file is read for its checksum (opening a pipe would block).
        sha = filing.sha256_of(staged) if staged.is_file() and not staged.is_symlink() else None
        target = self._set_aside(staged, name, reason, detail, sha, None)
        report.quarantined.append({"file": name, "reason": f"{reason}: {detail}",
                                   "quarantined_as": str(target.relative_to(self.home))})
        log.warning("%s: quarantined: %s: %s", name, reason, detail)

    def _set_aside(self, staged: Path, name: str, reason: str, detail: str, sha: str | None,
                   duplicate_of: int | None) -> Path:
        folder = self.app.settings.quarantine_dir / reason
        target = filing.move_into(staged, folder, filing.safe_file_stem(Path(name).stem) +
                                  filing.safe_suffix(name))
        todo = ("Nothing to do if it is the same letter. If it is a different letter, ask "
                "the administrator." if reason == "duplicates" else
                f"To try again after fixing it: archiva intake retry '{target}'")
        note = (f"File: {name!r}\nWhat happened: set aside as '{reason}'.\nWhy: {detail}\n"
                f"When: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\n{todo}\n")
        target.with_name(target.name + ".reason.txt").write_text(note, "utf-8")
        self.app.catalogue.add_quarantine(sha, name, str(target.relative_to(self.home)), reason,
                                          detail, duplicate_of)
        return target

    def _return_to_inbox(self, staged: Path) -> None:
        # <folder>/.archiva-staging/<owner>/<claim>/<name>: back into <folder>, never over a
        # file that arrived meanwhile under the same name.
        filing.move_into(staged, staged.parents[3], staged.name)

    def _shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.inbox))
        except ValueError:
            return str(path)


def _remove_if_empty(*folders: Path) -> None:
    """Leave no empty staging folders behind in the inbox (another process that needs them
    again re-creates them)."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def letter_json(letter: dict[str, Any]) -> dict[str, Any]:
    """A letter's details for --json: dates ISO, review as a list, no full text."""
    import json

    out = {}
    for key, value in letter.items():
        if key in ("text", "record_id"):
            continue
        if isinstance(value, dt.datetime):
            # stored in UTC; SQLite hands it back without its zone
            value = (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        out[key] = value
    out["review"] = json.loads(letter.get("review") or "[]")
    return out


def _stalled(beat: Path) -> bool:
    """Whether the read the heartbeat `beat` stands for had gone on for STALL_SECONDS."""
    try:
        began = float(beat.read_text("utf-8"))
        return beat.stat().st_mtime - began >= STALL_SECONDS
    except (OSError, ValueError):
        return False
