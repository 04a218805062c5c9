"""Participant lists from CSV or XLSX, as offices keep them (Indonesian or English headers)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from archiva.documents.fields import Fields
from archiva.errors import DataFileError
from archiva.indonesian import nip_ok

MAX_ROWS = 10_000
MAX_UNPACKED = 200 * 2**20  # an .xlsx of 10,000 rows unpacks to a few megabytes
MAX_BYTES = 20 * 1024 * 1024
HEADERS = {
    "name": "name", "nama": "name", "nama lengkap": "name", "nama peserta": "name",
    "institution": "institution", "instansi": "institution", "asal instansi": "institution",
    "unit kerja": "institution", "sekolah": "institution", "asal sekolah": "institution",
    "role": "role", "peran": "role", "sebagai": "role",
    "email": "email", "e-mail": "email", "surel": "email",
    "nip": "nip",
}
ROLES = {"peserta", "narasumber", "panitia", "moderator", "fasilitator"}
# What fits on one certificate page in the shipped template (checked again after rendering).
LIMITS = {"name": 120, "institution": 200, "email": 254}


@dataclass(frozen=True)
class Participant:
    name: str
    institution: str
    role: str = "peserta"
    email: str = ""
    nip: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def read_participants(path: Path) -> list[Participant]:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataFileError(str(path), ["the file does not exist"]) from None
    if size == 0:
        raise DataFileError(str(path), ["the file is empty"])
    if size > MAX_BYTES:
        raise DataFileError(str(path), [f"the file is {size} bytes; at most {MAX_BYTES}"])
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path)
    else:
        raise DataFileError(str(path), [f"unknown file type '{suffix or 'none'}'; expected "
                                        ".csv or .xlsx"])
    return _participants(path, rows)


def _csv_rows(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    try:
        return list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    except csv.Error as exc:
        raise DataFileError(str(path), [f"not a readable CSV file: {exc}"]) from None


def _delimiter(text: str) -> str:
    """The delimiter of the header row: Excel writes ';' where the decimal comma is used
    (Indonesian locale), ',' elsewhere. The header names the columns, so it decides; csv.Sniffer
    guessed wrong on quoted cells and blank lines."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _check_unpacked(path: Path) -> None:
    """An .xlsx is a zip: one of a few hundred kilobytes that unpacks to gigabytes (a zip bomb)
    is refused by its declared sizes before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # openpyxl says what is wrong with it
    if unpacked > MAX_UNPACKED:
        raise DataFileError(str(path), [
            f"unpacks to {unpacked / 2**20:,.0f} MB from {path.stat().st_size / 2**20:,.1f} MB, "
            f"more than the {MAX_UNPACKED // 2**20} MB a participant list can need (a damaged "
            "or hostile file); save the list again from Excel, or as CSV"])


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook  # only participant lists need it

    _check_unpacked(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataFileError(str(path), [f"not a readable Excel (.xlsx) file: {exc}"]) from None
    try:
        sheet = wb.worksheets[0]
        rows = []
        for i, row in enumerate(sheet.iter_rows(values_only=True)):
            if i > MAX_ROWS + 1:
                break
            rows.append(list(row))
        return rows
    finally:
        wb.close()


def _participants(path: Path, all_rows: list[list[Any]]) -> list[Participant]:
    # Keep each row's line number in the file, so messages point at the right row.
    numbered = [(n, r) for n, r in enumerate(all_rows, start=1)
                if any(c is not None and str(c).strip() for c in r)]
    if not numbered:
        raise DataFileError(str(path), ["no rows; expected a header row and participants"])
    rows = [r for _, r in numbered]
    header = [HEADERS.get(str(h or "").strip().lower(), "") for h in rows[0]]
    missing = [c for c in ("name", "institution") if c not in header]
    if missing:
        raise DataFileError(str(path), [
            f"the header row has no column {', '.join(repr(m) for m in missing)} "
            f"(found: {', '.join(str(h) for h in rows[0] if h) or 'nothing'})"
        ], "The first row must name the columns: name, institution, and optionally role, "
           "email, nip (Indonesian headers such as nama, instansi, peran also work).")
    body = numbered[1:]
    if len(body) > MAX_ROWS:
        raise DataFileError(str(path), [f"more than {MAX_ROWS} participants; split the list"])
    problems: list[str] = []
    out = []
    for n, row in body:
        values = {col: cell for col, cell in zip(header, row, strict=False) if col}
        f = Fields(values, f"row {n}: ", problems)
        p = Participant(
            name=f.text("name"), institution=f.text("institution"),
            role=(f.text("role", optional=True) or "peserta").lower(),
            email=f.text("email", optional=True), nip=f.text("nip", optional=True),
        )
        if p.role not in ROLES:
            f.problem("role", f"unknown role {p.role!r}; expected {', '.join(sorted(ROLES))}")
        if p.nip and not nip_ok(p.nip):
            as_number = isinstance(values.get("nip"), float | int)
            f.problem("nip", f"expected 18 digits, found {p.nip!r}" + (
                "; Excel stored it as a number and lost digits: format the NIP column as Text "
                "and type the NIPs again" if as_number else ""))
        for key, limit in LIMITS.items():
            if len(getattr(p, key)) > limit:
                f.problem(key, f"is {len(getattr(p, key))} characters; a certificate has room "
                               f"for {limit}")
        out.append(p)
    if not out:
        problems.append("no participants below the header row")
    if problems:
        raise DataFileError(str(path), problems)
    return out
