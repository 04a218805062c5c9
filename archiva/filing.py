"""Putting files into the archive: atomic (temporary file, fsync, link), never overwriting."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import secrets
import shutil
from pathlib import Path

from archiva.errors import ConflictError
from archiva.models import FileEntry, Record
from archiva.numbering import safe_file_stem


def safe_suffix(name: str) -> str:
    """The file name's extension, lower-cased and reduced to letters and digits."""
    suffix = "".join(ch for ch in Path(name).suffix.lower() if ch.isascii() and ch.isalnum())
    return f".{suffix[:10]}" if suffix else ""


def archive_dir_for(archive_root: Path, doc_date: dt.date, series: str) -> Path:
    return archive_root / str(doc_date.year) / safe_file_stem(series)


def planned_paths(archive_root: Path, doc_date: dt.date, series: str, number: str,
                  formats: list[str]) -> list[Path]:
    folder = archive_dir_for(archive_root, doc_date, series)
    stem = safe_file_stem(number)
    return [folder / f"{stem}.{fmt}" for fmt in formats]


def record_paths(archive_root: Path, rec: Record) -> list[Path]:
    """Where a generated record's files go: derived from its date, series, number and formats,
    so recovery finds them again without any other bookkeeping."""
    if rec.doc_date is None or rec.series is None:
        return []
    return planned_paths(archive_root, rec.doc_date, rec.series, rec.number,
                         list(rec.details.get("formats", [])))


def sha256_of(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()  # hashed in C, the GIL released


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_new(dest: Path, data: bytes, home: Path, role: str = "document") -> FileEntry:
    """Write bytes to `dest`, which must not exist yet. Readers see the whole file or nothing:
    the bytes go to a hidden temporary file in the same folder, are fsynced, then hard-linked to
    the final name (link fails if the name is taken, so nothing is ever overwritten)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.parent / f".{dest.name}.{secrets.token_hex(4)}.tmp"
    try:
        with tmp.open("xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _link_no_overwrite(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(dest.parent)
    return FileEntry(
        path=str(dest.relative_to(home)),
        format=dest.suffix.lstrip("."),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        role=role,
    )


def place_file(src: Path, dest: Path, home: Path, role: str = "document") -> FileEntry:
    """Move a finished file from a work folder on the same file system into the archive."""
    return write_new(dest, src.read_bytes(), home, role)


def _link_no_overwrite(tmp: Path, dest: Path) -> None:
    try:
        os.link(tmp, dest)
    except FileExistsError:
        raise ConflictError(
            f"The archive already holds {dest}; Archiva never overwrites a filed file.",
            "Run `archiva doctor` to see how the register and the archive disagree.",
        ) from None


def entry_for_existing(path: Path, home: Path, role: str = "document") -> FileEntry:
    return FileEntry(str(path.relative_to(home)), path.suffix.lstrip("."), sha256_of(path),
                     path.stat().st_size, role)


def written_since(path: Path, moment: dt.datetime) -> bool:
    """Whether the file exists and was written at or after `moment` (with a little slack for
    file-system timestamp granularity)."""
    try:
        return path.stat().st_mtime >= moment.timestamp() - 2
    except FileNotFoundError:
        return False


def move_into(src: Path, folder: Path, name: str) -> Path:
    """Move `src` into `folder` under `name` (or a variant of it), never replacing a file that
    is there: a hard link claims the name (it fails if the name is taken), then the source is
    removed. Across file systems the bytes are copied and fsynced first."""
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(name).stem, Path(name).suffix
    target = folder / name
    while True:
        try:
            os.link(src, target, follow_symlinks=False)
            break
        except FileExistsError:
            target = folder / f"{stem}.{secrets.token_hex(3)}{suffix}"
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
            shutil.copy2(src, tmp, follow_symlinks=False)
            with tmp.open("rb") as f:
                os.fsync(f.fileno())
            try:
                return move_into(tmp, folder, name)
            finally:
                tmp.unlink(missing_ok=True)
                src.unlink(missing_ok=True)
    src.unlink()
    fsync_dir(folder)
    return target


def set_aside(path: Path, quarantine: Path, why: str) -> Path | None:
    """Move a file out of the archive into quarantine/<why>/, keeping it (never deleting).
    None when it is already gone (another process set it aside first)."""
    try:
        return move_into(path, quarantine / why, path.name)
    except FileNotFoundError:
        return None
