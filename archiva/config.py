"""Settings and the office profile (archiva.toml), read once and passed explicitly."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiva.errors import BadInputError, ProfileError
from archiva.indonesian import nip_ok
from archiva.numbering import (
    NumberParts,
    classification_ok,
    format_problems,
    number_key,
    render_number,
)

PROFILE_NAME = "archiva.toml"
DATABASE_NAME = "archiva.db"
KINDS = ("decree", "mou", "certificate", "report")
SAMPLES = [NumberParts(seq, 2026, 3, code, "C7.15", "BPMP", suffix)
           for seq in (1, 7, 42, 999, 1000, 12345) for suffix in ("", "a")
           for code in ("OT.02.02", "KS.01")]
KIND_FOLDERS = {
    "decree": "decrees", "mou": "mou", "certificate": "certificates", "report": "reports",
}
# Where the templates shipped with Archiva live (the repository's templates/ folder).
BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True)
class Settings:
    """Where an archive home is and how to reach its catalogue."""

    home: Path
    database_url: str
    user: str

    @property
    def profile_path(self) -> Path:
        return self.home / PROFILE_NAME

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def quarantine_dir(self) -> Path:
        return self.home / "quarantine"

    @classmethod
    def resolve(cls, home: str | Path | None = None, user: str | None = None) -> Settings:
        root = Path(home or os.environ.get("ARCHIVA_HOME") or ".").resolve()
        url = os.environ.get("ARCHIVA_DATABASE_URL") or f"sqlite:///{root / DATABASE_NAME}"
        who = (user or os.environ.get("ARCHIVA_USER") or _login_name()).strip()
        if not who or len(who) > 128:
            raise BadInputError("The user name recorded with each change must be 1 to 128 "
                                "characters.", "Give a shorter name with --user or ARCHIVA_USER.")
        return cls(home=root, database_url=url, user=who)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return f"uid{os.getuid()}"


@dataclass(frozen=True)
class Office:
    ministry: str
    name: str
    short_name: str
    unit_code: str
    office_code: str
    address: str
    city: str
    phone: str
    email: str
    website: str
    logo: Path | None


@dataclass(frozen=True)
class Head:
    name: str
    nip: str
    title: str
    position: str


@dataclass(frozen=True)
class Series:
    name: str
    title: str
    format: str
    counter: str


@dataclass(frozen=True)
class KindSettings:
    series: str
    template: str


@dataclass(frozen=True)
class LetterType:
    name: str
    label: str
    keywords: tuple[str, ...]
    classification: str
    service_days: int


@dataclass(frozen=True)
class IntakeSettings:
    series: str = "incoming"
    settle_seconds: float = 5.0
    stale_seconds: float = 120.0
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    rescan_seconds: float = 60.0
    # Reading one file (text, OCR) runs in a child process under these limits.
    read_memory_bytes: int = 2048 * 1024 * 1024
    read_seconds: float = 60.0  # reading a file's text, or a page's OCR


@dataclass(frozen=True)
class Profile:
    path: Path
    office: Office
    head: Head
    series: dict[str, Series]
    documents: dict[str, KindSettings]
    templates_dir: Path
    verify_url: str = ""
    intake: IntakeSettings = field(default_factory=IntakeSettings)
    letter_types: dict[str, LetterType] = field(default_factory=dict)
    holidays: frozenset[dt.date] = frozenset()

    def series_named(self, name: str) -> Series:
        try:
            return self.series[name]
        except KeyError:
            raise BadInputError(
                f"There is no number series called '{name}'.",
                f"Series defined in {self.path.name}: {', '.join(sorted(self.series))}.",
            ) from None


def example_profile_text() -> str:
    return (Path(__file__).parent / "profile_example.toml").read_text("utf-8")


class _Absent(dict[str, Any]):
    """A section that is missing: reported once, not once per key."""


class _Checker:
    """Reads typed values out of the parsed TOML, collecting every problem with its key."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: list[str] = []

    def table(self, key: str, optional: bool = False) -> dict[str, Any]:
        value = self.data.get(key)
        if value is None:
            if not optional:
                self.problems.append(f"[{key}]: the section is missing")
            return _Absent()
        if not isinstance(value, dict):
            self.problems.append(f"[{key}]: expected a section (table), found {value!r}")
            return _Absent()
        return value

    def text(self, table: dict[str, Any], key: str, optional: bool = False) -> str:
        value = table.get(key)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if not optional and not isinstance(table, _Absent):
                self.problems.append(f"{key}: missing; expected a text value")
            return ""
        if not isinstance(value, str):
            self.problems.append(f"{key}: expected text in quotes, found {value!r}")
            return ""
        return value


def load_profile(settings: Settings) -> Profile:
    path = settings.profile_path
    if not path.exists():
        raise ProfileError(
            f"No office profile at {path}.",
            "Run `archiva init` in this folder (or pass --home) to create one.",
        )
    try:
        raw = path.read_text("utf-8")
        if not raw.strip():
            raise ProfileError(
                f"The office profile {path} is empty.",
                "Delete it and run `archiva init` to write the example profile again.",
            )
        data = tomllib.loads(raw)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(
            f"The office profile {path} is not a valid TOML file: {exc}.",
            "Fix the line named above; `archiva init --example` prints a valid example.",
        ) from None
    return parse_profile(path, data)


def parse_profile(path: Path, data: dict[str, Any]) -> Profile:
    c = _Checker(data)
    office_t = c.table("office")

    def office_text(key: str, optional: bool = False) -> str:
        return _prefixed(c, office_t, "office", key, optional)

    office = Office(
        ministry=office_text("ministry"),
        name=office_text("name"),
        short_name=office_text("short_name"),
        unit_code=office_text("unit_code"),
        office_code=office_text("office_code"),
        address=office_text("address"),
        city=office_text("city"),
        phone=office_text("phone", True),
        email=office_text("email", True),
        website=office_text("website", True),
        logo=_logo(c, path, office_t),
    )
    head_t = c.table("head")
    head = Head(
        name=_prefixed(c, head_t, "head", "name"),
        nip=_prefixed(c, head_t, "head", "nip"),
        title=_prefixed(c, head_t, "head", "title"),
        position=_prefixed(c, head_t, "head", "position"),
    )
    if head.nip and not nip_ok(head.nip):
        c.problems.append(f"head.nip: expected 18 digits, found {head.nip!r}")
    series = _series(c)
    documents = _documents(c, series)
    certs = c.table("certificates", optional=True)
    verify_url = _prefixed(c, certs, "certificates", "verify_url", True)
    if verify_url and "{code}" not in verify_url:
        c.problems.append("certificates.verify_url: expected a web address containing {code}")
    templates_t = c.table("templates", optional=True)
    tdir = _prefixed(c, templates_t, "templates", "dir", True)
    templates_dir = (path.parent / tdir).resolve() if tdir else BUNDLED_TEMPLATES
    if tdir and not templates_dir.is_dir():
        c.problems.append(f"templates.dir: expected an existing folder, {templates_dir} is not one")
    intake = _intake(c, series)
    letter_types = _letter_types(c)
    holidays = _holidays(c)
    if c.problems:
        raise ProfileError(
            f"The office profile {path} has {len(c.problems)} problem(s):\n"
            + "\n".join(f"  - {p}" for p in c.problems),
            "Edit the file and run `archiva doctor` to check it again.",
        )
    return Profile(path, office, head, series, documents, templates_dir, verify_url, intake,
                   letter_types, holidays)


def _prefixed(c: _Checker, table: dict[str, Any], section: str, key: str,
              optional: bool = False) -> str:
    before = len(c.problems)
    value = c.text(table, key, optional)
    # Name the full key (office.city) so the user finds it in the file.
    for i in range(before, len(c.problems)):
        c.problems[i] = f"{section}.{c.problems[i]}"
    return value


def _logo(c: _Checker, path: Path, office_t: dict[str, Any]) -> Path | None:
    logo = _prefixed(c, office_t, "office", "logo", True)
    if not logo:
        return None
    p = (path.parent / logo).resolve()
    home = path.parent.resolve()
    if not p.is_relative_to(home):
        c.problems.append(f"office.logo: {logo!r} is outside the archive home {home}; copy the "
                          f"logo into the home and give its name")
    elif not p.is_file():
        c.problems.append(f"office.logo: expected an image file, {p} does not exist")
    elif _image_kind(p) is None:
        c.problems.append(f"office.logo: {p} is not a PNG or JPEG image (the kinds both Word "
                          f"and PDF documents can hold)")
    return p


def _image_kind(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        return None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return "jpeg" if head.startswith(b"\xff\xd8\xff") else None


def _series(c: _Checker) -> dict[str, Series]:
    out: dict[str, Series] = {}
    for name, t in c.table("series").items():
        if not isinstance(t, dict):
            c.problems.append(f"series.{name}: expected a section [series.{name}]")
            continue
        fmt = _prefixed(c, t, f"series.{name}", "format")
        for p in format_problems(fmt) if fmt else []:
            c.problems.append(f"series.{name}.format: {p}")
        out[name] = Series(
            name=name,
            title=_prefixed(c, t, f"series.{name}", "title", True) or name,
            format=fmt,
            counter=_prefixed(c, t, f"series.{name}", "counter", True) or name,
        )
    # Series with separate counters whose formats give the same numbers would hand out one
    # number twice; compare the numbers they produce (as the register compares them, folded)
    # over a spread of sequence numbers, not the formats' spelling.
    by_output: dict[str, Series] = {}
    clashes: set[tuple[str, str]] = set()
    for s in out.values():
        if not s.format or format_problems(s.format):
            continue
        for key in {number_key(render_number(s.format, p)) for p in SAMPLES}:
            other = by_output.setdefault(key, s)
            if other.counter == s.counter or (other.name, s.name) in clashes:
                continue
            clashes.add((other.name, s.name))
            c.problems.append(
                f"series.{s.name}: produces the same numbers as series.{other.name} (e.g. "
                f"{key}) but has another counter; give them one counter or formats that differ"
            )
    return out


def _documents(c: _Checker, series: dict[str, Series]) -> dict[str, KindSettings]:
    docs = c.table("documents")
    out: dict[str, KindSettings] = {}
    for kind in KINDS:
        t = docs.get(kind)
        if isinstance(docs, _Absent):
            continue
        if not isinstance(t, dict):
            c.problems.append(f"documents.{kind}: the section [documents.{kind}] is missing")
            continue
        s = _prefixed(c, t, f"documents.{kind}", "series")
        if s and series and s not in series:
            c.problems.append(
                f"documents.{kind}.series: expected one of {', '.join(sorted(series))}, "
                f"found {s!r}"
            )
        template = _prefixed(c, t, f"documents.{kind}", "template")
        out[kind] = KindSettings(series=s, template=template)
    return out


def _number(c: _Checker, table: dict[str, Any], key: str, default: float,
            minimum: float = 0) -> float:
    """table[key] as a number, the default when absent; `key` is named as 'intake.<key>'."""
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        c.problems.append(f"intake.{key}: expected a number of at least {minimum}, "
                          f"found {value!r}")
        return default
    return float(value)


def _intake(c: _Checker, series: dict[str, Series]) -> IntakeSettings:
    t = c.table("intake", optional=True)
    d = IntakeSettings()
    name = _prefixed(c, t, "intake", "series", True) or d.series
    if t and series and name not in series:
        c.problems.append(f"intake.series: expected one of {', '.join(sorted(series))}, "
                          f"found {name!r}")
    return IntakeSettings(
        series=name,
        settle_seconds=_number(c, t, "settle_seconds", d.settle_seconds),
        stale_seconds=_number(c, t, "stale_seconds", d.stale_seconds),
        max_bytes=int(_number(c, t, "max_megabytes", d.max_bytes / 2**20, 1) * 2**20),
        max_pages=int(_number(c, t, "max_pages", d.max_pages, 1)),
        rescan_seconds=_number(c, t, "rescan_seconds", d.rescan_seconds, 1),
        read_memory_bytes=int(_number(c, t, "read_memory_megabytes",
                                      d.read_memory_bytes / 2**20, 256) * 2**20),
        read_seconds=_number(c, t, "read_seconds", d.read_seconds, 1),
    )


def _letter_types(c: _Checker) -> dict[str, LetterType]:
    out: dict[str, LetterType] = {}
    for name, t in c.table("letter_types", optional=True).items():
        where = f"letter_types.{name}"
        if not isinstance(t, dict):
            c.problems.append(f"{where}: expected a section [{where}]")
            continue
        keywords = t.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            c.problems.append(f"{where}.keywords: expected a list of texts")
            keywords = []
        code = _prefixed(c, t, where, "classification").upper()
        if code and not classification_ok(code):
            c.problems.append(f"{where}.classification: {code!r} is not a classification code")
        days = t.get("service_days", 0)
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            c.problems.append(f"{where}.service_days: expected a whole number of working days")
            days = 0
        out[name] = LetterType(name, _prefixed(c, t, where, "label", True) or name,
                               tuple(k.lower() for k in keywords if k.strip()), code, days)
    fallbacks = [lt.name for lt in out.values() if not lt.keywords]
    if out and len(fallbacks) != 1:
        c.problems.append("letter_types: expected exactly one type without keywords (it takes "
                          f"every other letter), found {len(fallbacks)}")
    return out


def _holidays(c: _Checker) -> frozenset[dt.date]:
    raw = c.table("calendar", optional=True).get("holidays", [])
    days = set()
    for value in raw if isinstance(raw, list) else [raw]:
        try:
            days.add(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
        except ValueError:
            c.problems.append(f"calendar.holidays: {value!r} is not a date YYYY-MM-DD")
    return frozenset(days)
