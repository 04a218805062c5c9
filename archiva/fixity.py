"""Fixity: every filed file checked against what the catalogue recorded when it was filed.

The full check reads every file and compares its SHA-256; the quick one (run by `doctor`)
compares only existence and size. Both name the files that changed, are missing, or sit in the
archive without a catalogue record (untracked). Files are hashed on a few threads: hashlib
releases the GIL while it hashes, so reading and hashing overlap across cores.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path

from archiva.filing import sha256_of

THREADS = max(2, min(4, os.cpu_count() or 1))


class Problem(StrEnum):
    CHANGED = "changed"  # other bytes than those filed (a different checksum, or size)
    MISSING = "missing"  # the catalogue names it, the archive does not have it
    UNTRACKED = "untracked"  # in the archive, no catalogue record names it


PROBLEM_LABELS = {Problem.CHANGED: "changed since it was filed",
                  Problem.MISSING: "missing from the archive",
                  Problem.UNTRACKED: "in the archive but in no record"}


@dataclass(frozen=True)
class FiledFile:
    """A file as the catalogue recorded it."""
    path: str  # relative to the archive home
    sha256: str
    size: int
    number: str  # the record's number


@dataclass(frozen=True)
class Finding:
    path: str
    problem: Problem
    number: str = ""
    detail: str = ""


@dataclass
class FixityReport:
    quick: bool
    checked: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def of(self, problem: Problem) -> list[Finding]:
        return [f for f in self.findings if f.problem is problem]

    def to_json(self) -> dict[str, object]:
        seconds = max(self.seconds, 1e-9)
        return {"ok": self.ok, "quick": self.quick, "checked": self.checked,
                "bytes_read": self.bytes_read, "seconds": round(self.seconds, 3),
                "gb_per_s": round(self.bytes_read / seconds / 1e9, 3),
                **{p.value: [_finding_json(f) for f in self.of(p)] for p in Problem}}


def _finding_json(f: Finding) -> dict[str, str]:
    data = asdict(f)
    data.pop("problem")
    return data


def check(home: Path, archive: Path, filed: list[FiledFile], quick: bool = False,
          progress: Callable[[int], None] | None = None,
          known_now: Callable[[], set[str]] | None = None) -> FixityReport:
    """Check `filed` (paths relative to `home`) and look for untracked files in `archive`.
    `progress` is given the bytes of each file as it is done (the whole size in the quick
    check). `known_now` gives the catalogue's paths again after the walk: a file filed while
    a long check ran is not untracked."""
    started = time.monotonic()
    report = FixityReport(quick=quick, checked=len(filed))
    look = _quick_look if quick else _full_look
    with ThreadPoolExecutor(max_workers=1 if quick else THREADS) as pool:
        for f, (finding, read) in zip(filed, pool.map(lambda f: look(home, f), filed),
                                      strict=True):
            report.bytes_read += read
            if finding is not None:
                report.findings.append(finding)
            if progress:
                progress(f.size)
    known = {f.path for f in filed}
    unknown = [rel for rel in _archived(home, archive) if rel not in known]
    if unknown and known_now is not None:
        known = known_now()
    report.findings += [Finding(rel, Problem.UNTRACKED) for rel in unknown if rel not in known]
    report.seconds = time.monotonic() - started
    return report


def _archived(home: Path, archive: Path) -> Iterator[str]:
    """Every file in the archive, as a path relative to `home`; hidden ones (temporary files
    of a write in progress) aside."""
    for p in sorted(archive.rglob("*")) if archive.is_dir() else []:
        if not p.name.startswith(".") and (p.is_file() or p.is_symlink()):
            yield str(p.relative_to(home))


def _stat(home: Path, f: FiledFile) -> tuple[Finding | None, os.stat_result | None]:
    try:
        st = (home / f.path).lstat()
    except FileNotFoundError:
        return Finding(f.path, Problem.MISSING, f.number), None
    except OSError as exc:
        return Finding(f.path, Problem.MISSING, f.number, f"cannot be read: {exc.strerror}"), None
    if stat.S_ISLNK(st.st_mode):
        return Finding(f.path, Problem.CHANGED, f.number, "replaced by a symbolic link"), None
    if not stat.S_ISREG(st.st_mode):
        return Finding(f.path, Problem.CHANGED, f.number, "no longer a regular file"), None
    if st.st_size != f.size:
        return Finding(f.path, Problem.CHANGED, f.number,
                       f"{st.st_size:,} bytes, filed with {f.size:,}"), None
    return None, st


def _quick_look(home: Path, f: FiledFile) -> tuple[Finding | None, int]:
    return _stat(home, f)[0], 0


def _full_look(home: Path, f: FiledFile) -> tuple[Finding | None, int]:
    finding, st = _stat(home, f)
    if finding is not None or st is None:
        return finding, 0
    try:
        digest, read = sha256_of(home / f.path), st.st_size
    except OSError as exc:
        return Finding(f.path, Problem.MISSING, f.number, f"cannot be read: {exc.strerror}"), 0
    if digest != f.sha256:
        return Finding(f.path, Problem.CHANGED, f.number,
                       f"SHA-256 {digest[:12]}…, filed with {f.sha256[:12]}…"), read
    return None, read

