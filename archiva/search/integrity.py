"""What a generation of the search index holds, recorded so that damage and age can be told.

The engine's files are written once and never changed (a commit adds files and drops merged
ones), so each is recorded when it appears, with its size, modification time and SHA-256.
Opening a generation compares sizes and times (cheap) and hashes only a file whose size or
time moved; a full check hashes everything. Zeroed bytes in a term file made searches miss
records silently; now such a file no longer matches what was recorded.

The record also holds the index's catalogue position: a number the index and the catalogue
advance together at every update. An older copy of the index put back has a lower one than
the catalogue and is known to lack changes, even when no change is queued.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

from archiva.filing import sha256_of

SUMS = "archiva-sums.json"
_OWN = {SUMS, "archiva-index.json"}


@dataclass(frozen=True)
class FileSum:
    size: int
    mtime_ns: int
    sha256: str


@dataclass
class Sums:
    position: int = 0
    files: dict[str, FileSum] = field(default_factory=dict)


def read(generation: Path) -> Sums | None:
    try:
        data = json.loads((generation / SUMS).read_text("utf-8"))
        return Sums(int(data["position"]),
                    {name: FileSum(**f) for name, f in data["files"].items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record(generation: Path, position: int) -> None:
    """After a commit, by the index's one writer: add the files that appeared (hashed now,
    just written), forget those the engine removed, and set the position. A file already
    recorded is never recorded again: a damaged one must stay different."""
    old = read(generation) or Sums()
    files = {}
    for name in _engine_files(generation):
        files[name] = old.files.get(name) or _sum(generation / name)
    _write(generation, Sums(position, files))


def problem(generation: Path, full: bool = False) -> str:
    """What is wrong with the generation's files ("" when nothing): a recorded file changed
    or missing, or no record at all. Quick: only files whose size or time moved are hashed;
    full: every one."""
    sums = read(generation)
    if sums is None:
        return f"{SUMS} is missing or unreadable"
    present = set(_engine_files(generation))
    for name, want in sorted(sums.files.items()):
        path = generation / name
        if name not in present:
            continue  # merged away by a commit whose record is not written yet
        try:
            st = path.stat()
        except OSError:
            continue
        if st.st_size != want.size:
            return f"{name} has {st.st_size:,} bytes, {want.size:,} when it was written"
        if (full or st.st_mtime_ns != want.mtime_ns) and sha256_of(path) != want.sha256:
            return f"{name} is not what was written (its checksum differs)"
    return ""


def _engine_files(generation: Path) -> list[str]:
    return sorted(p.name for p in generation.iterdir()
                  if p.is_file() and p.name not in _OWN and not p.name.startswith(".")
                  and not p.name.endswith("LOCK"))


def _sum(path: Path) -> FileSum:
    st = path.stat()
    return FileSum(st.st_size, st.st_mtime_ns, sha256_of(path))


def _write(generation: Path, sums: Sums) -> None:
    tmp = generation / f".{SUMS}.{secrets.token_hex(4)}.tmp"
    data = {"position": sums.position, "files": {n: asdict(f) for n, f in sums.files.items()}}
    tmp.write_text(json.dumps(data, indent=1), "utf-8")
    os.replace(tmp, generation / SUMS)
