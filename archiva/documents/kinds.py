"""The four document kinds: their data fields (validated) and their template contexts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from archiva import indonesian as idn
from archiva.config import Profile
from archiva.documents import typeset
from archiva.documents.articles import DURATION, FUNDING, Article, Standard, complete, standard_of
from archiva.documents.fields import Fields
from archiva.documents.points import Point, flatten, parse_points, plain_text

RATINGS = ("sangat baik", "baik", "cukup", "kurang", "sangat kurang")
ROLES = {"peserta": "Peserta", "narasumber": "Narasumber", "panitia": "Panitia",
         "moderator": "Moderator", "fasilitator": "Fasilitator"}
TAKES_EFFECT = "Keputusan ini mulai berlaku pada tanggal ditetapkan."
# What fits on one certificate page in the shipped template, with the participant's name and
# institution at their own limits (120 and 200), all in capitals, at its smallest type (fit-3):
# about 8 mm to spare, proven by tests/documents/test_certificate_layout.py. Every certificate is
# still checked after layout; text that does not fit is refused, never printed over.
EVENT_LIMITS = {"activity": 400, "place": 200, "hours": 40}


@dataclass(frozen=True)
class Signatory:
    name: str
    nip: str
    title: str


@dataclass(frozen=True)
class Common:
    """Fields every kind has: they go into the register."""

    classification: str
    date: dt.date
    subject: str
    place: str
    signatory: Signatory
    extra: dict[str, Any]


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]  # a cell's lines are separated by newlines
    widths: list[float]  # relative column widths from the data; empty: fitted to the content


@dataclass(frozen=True)
class Attachment:
    title: str
    paragraphs: list[str]
    tables: list[Table]


@dataclass(frozen=True)
class Decree:
    common: Common
    considering: list[str]
    legal_basis: list[str]
    decisions: list[Point]
    attachments: list[Attachment]


@dataclass(frozen=True)
class Partner:
    institution: str
    official: str
    position: str
    address: str
    number: str


@dataclass(frozen=True)
class Agreement:
    common: Common
    title: str
    partner: Partner
    considerations: list[str]
    articles: list[Article]
    start_date: dt.date | None
    end_date: dt.date | None
    funding_amount: Decimal | None
    funding_source: str


@dataclass(frozen=True)
class Event:
    common: Common
    activity: str
    start_date: dt.date
    end_date: dt.date
    hours: str


@dataclass(frozen=True)
class Evaluation:
    question: str
    ratings: dict[str, int]


@dataclass(frozen=True)
class Report:
    common: Common
    basis: list[str]
    sections: list[tuple[str, list[str]]]
    participants: list[tuple[str, int]]
    evaluation: list[Evaluation] = field(default_factory=list)
    # The section (index into `sections`) holding each table the data has ("participants",
    # "evaluation"); None: a section of its own, inserted at `own_sections_at`.
    table_sections: dict[str, int | None] = field(default_factory=dict)
    own_sections_at: int = 0


_KNOWN = {
    "decree": {"considering", "legal_basis", "decisions", "attachments"},
    "mou": {"title", "partner", "considerations", "articles", "start_date", "end_date",
            "funding"},
    "certificate": {"activity", "start_date", "end_date", "hours"},
    "report": {"basis", "sections", "participants", "evaluation"},
}
_COMMON = {"classification", "date", "subject", "place", "signatory"}


def _common(f: Fields, profile: Profile, kind: str, subject_key: str = "subject") -> Common:
    sig = f.obj("signatory", optional=True)
    if sig is not None:
        signatory = Signatory(sig.text("name"), sig.text("nip"), sig.text("title"))
        if signatory.nip and not idn.nip_ok(signatory.nip):
            sig.problem("nip", f"expected 18 digits, found {signatory.nip!r}")
    else:
        h = profile.head
        signatory = Signatory(h.name, h.nip, h.title)
    extra = {k: v for k, v in f.data.items() if k not in _COMMON | _KNOWN[kind]}
    return Common(
        classification=f.text("classification"),
        date=f.date("date") or dt.date.today(),
        subject=f.text(subject_key),
        place=f.text("place", optional=True, default=profile.office.city),
        signatory=signatory,
        extra=extra,
    )


def parse_decree(f: Fields, profile: Profile) -> Decree:
    return Decree(
        common=_common(f, profile, "decree"),
        considering=f.texts("considering"),
        legal_basis=f.texts("legal_basis"),
        decisions=parse_points(f, "decisions"),
        attachments=f.objects("attachments", _attachment, optional=True),
    )


def _attachment(f: Fields) -> Attachment:
    """A Lampiran: a title, optional paragraphs, and tables; `columns` and `rows` directly on
    the attachment are its one table."""
    if "tables" in f.data:
        for k in ("columns", "rows", "widths"):
            if k in f.data:
                f.problem(k, "give it inside each of tables, not beside them")
        tables = f.objects("tables", lambda t: _table(t, titled=True))
    elif "columns" in f.data or "rows" in f.data:
        tables = [_table(f, titled=False)]
    else:
        tables = []
    paragraphs = [line for text in f.texts("paragraphs", optional=True)
                  for line in text.splitlines() if line.strip()]
    if not tables and not paragraphs:
        f.problem("rows", "missing; expected a list of rows, each a list of cells (or tables, "
                          "or paragraphs)")
    return Attachment(f.text("title"), paragraphs, tables)


def _table(f: Fields, titled: bool) -> Table:
    columns = f.texts("columns", keep_positions=True)
    rows: list[list[str]] = []
    raw_rows = f.data.get("rows")
    if not isinstance(raw_rows, list) or not raw_rows:
        f.problem("rows", "missing; expected a list of rows, each a list of cells")
    else:
        for i, row in enumerate(raw_rows, 1):
            if not isinstance(row, list):
                f.problem(f"rows[{i}]", "expected a list of cells")
                continue
            if columns and len(row) != len(columns):
                f.problem(f"rows[{i}]", f"has {len(row)} cells but there are "
                                        f"{len(columns)} columns")
            rows.append([_cell(f, f"rows[{i}][{j}]", c) for j, c in enumerate(row, 1)])
    return Table(f.text("title", optional=True) if titled else "", columns, rows,
                 _widths(f, len(columns)))


def _cell(f: Fields, name: str, value: Any) -> str:
    """A cell is a text or a list of lines (a list inside the cell, one item a line)."""
    if isinstance(value, list):
        return "\n".join(t for i, v in enumerate(value, 1) if (t := f._as_text(v, f"{name}[{i}]")))
    return "" if value is None else f._as_text(value, name)


def _widths(f: Fields, columns: int) -> list[float]:
    raw = f.data.get("widths")
    if raw in (None, []):
        return []
    if (not isinstance(raw, list) or len(raw) != columns
            or not all(isinstance(w, int | float) and not isinstance(w, bool) and w > 0
                       for w in raw)):
        f.problem("widths", f"expected {columns} positive numbers (relative column widths, "
                            "e.g. [1, 4, 10]), one per column")
        return []
    return [float(w) for w in raw]


def parse_agreement(f: Fields, profile: Profile) -> Agreement:
    p = f.obj("partner")
    partner = Partner(*(p.text(k) for k in ("institution", "official", "position", "address",
                                             "number"))) if p else Partner("", "", "", "", "")
    funding = f.obj("funding", optional=True)
    start, end = f.date("start_date", optional=True), f.date("end_date", optional=True)
    if start and end and end < start:
        f.problem("end_date", "is before start_date")
    return Agreement(
        common=_common(f, profile, "mou"),
        title=f.text("title", optional=True, default="PERJANJIAN KERJA SAMA"),
        partner=partner,
        considerations=f.texts("considerations", optional=True),
        articles=f.objects("articles", lambda a: Article(a.text("title"), a.texts("clauses"))),
        start_date=start,
        end_date=end,
        funding_amount=funding.amount("amount") if funding else None,
        funding_source=funding.text("source") if funding else "",
    )


def parse_event(f: Fields, profile: Profile) -> Event:
    start, end = f.date("start_date"), f.date("end_date")
    if start and end and end < start:
        f.problem("end_date", "is before start_date")
    hours = f.text("hours")
    for key, limit in EVENT_LIMITS.items():
        value = f.data.get(key)
        if isinstance(value, str) and len(value) > limit:
            f.problem(key, f"is {len(value)} characters; a certificate has room for {limit}")
    if hours.isdigit():
        hours = f"{hours} JP"  # jam pelajaran
    return Event(_common(f, profile, "certificate", subject_key="activity"),
                 f.text("activity"), start or dt.date.today(), end or dt.date.today(), hours)


def parse_report(f: Fields, profile: Profile) -> Report:
    """Also decides where each table goes: in the section that names it (`tables:`); else in
    the first section whose title contains "Pelaksanaan" (then "Peserta") for participants, or
    "Evaluasi" (then "Survei", "Kepuasan", "Hasil") for the evaluation, never the closing one;
    else in a section of its own just before the closing section (the last one titled
    "…Penutup…") or, without one, at the end."""
    homes = {"participants": ("pelaksanaan", "peserta"),
             "evaluation": ("evaluasi", "survei", "kepuasan", "hasil")}

    def participant(p: Fields) -> tuple[str, int]:
        return p.text("institution"), p.whole_number("count") or 0

    named: list[tuple[Fields, list[str]]] = []  # each section's reader, and the tables it names

    def section(s: Fields) -> tuple[str, list[str]]:
        named.append((s, [t.lower() for t in s.texts("tables", optional=True)]))
        return s.text("title"), s.texts("paragraphs")

    common = _common(f, profile, "report")
    basis = f.texts("basis")
    sections = f.objects("sections", section)
    participants = f.objects("participants", participant, optional=True)
    evaluation = f.objects("evaluation", _evaluation, optional=True)
    present = {"participants": bool(participants), "evaluation": bool(evaluation)}
    placed: dict[str, int | None] = {}
    where: dict[str, str] = {}
    for i, (s, names) in enumerate(named):
        for name in names:
            if name not in homes:
                s.problem("tables", f"unknown table {name!r}; expected participants or "
                                    "evaluation")
            elif not present[name]:
                s.problem("tables", f"names the {name} table, but the data has no {name}")
            elif name in placed:
                s.problem("tables", f"the {name} table is already in {where[name]}")
            else:
                placed[name], where[name] = i, s.prefix.rstrip(".")
    titles = [t.lower() for t, _ in sections]
    closing = max((i for i, t in enumerate(titles) if "penutup" in t), default=len(sections))
    for name, words in homes.items():
        if present[name] and name not in placed:
            placed[name] = next((i for w in words for i, t in enumerate(titles)
                                 if w in t and i != closing), None)
    return Report(
        common=common,
        basis=basis,
        sections=sections,
        participants=participants,
        evaluation=evaluation,
        table_sections=placed,  # named tables first: a section keeps the order its data gave
        own_sections_at=closing,
    )


def _evaluation(f: Fields) -> Evaluation:
    ratings: dict[str, int] = dict.fromkeys(RATINGS, 0)
    r = f.obj("ratings")
    if r is not None:
        for key in r.data:
            if str(key).lower() not in RATINGS:
                r.problem(str(key), f"unknown rating; expected {', '.join(RATINGS)}")
        for key in RATINGS:
            ratings[key] = r.whole_number(key, optional=True) or 0
    return Evaluation(f.text("question"), ratings)


PARSERS = {"decree": parse_decree, "mou": parse_agreement, "certificate": parse_event,
           "report": parse_report}


# -- template contexts ---------------------------------------------------------------------------

def office_context(profile: Profile) -> dict[str, Any]:
    o = profile.office
    return {"ministry": o.ministry, "name": o.name, "short_name": o.short_name,
            "address": o.address, "city": o.city, "phone": o.phone, "email": o.email,
            "website": o.website, "logo": o.logo.as_uri() if o.logo else ""}


def _labelled(items: list[str], label: Any) -> list[dict[str, str]]:
    return [{"label": label(i), "text": t} for i, t in enumerate(items, 1)]


def _signatory(s: Signatory) -> dict[str, str]:
    return {"name": s.name, "nip": s.nip, "title": s.title}


def decree_context(d: Decree, profile: Profile, number: str) -> dict[str, Any]:
    authority = profile.head.position.upper()
    decisions = list(d.decisions)
    if not any("mulai berlaku" in plain_text(x).lower() for x in decisions):
        decisions.append(Point([TAKES_EFFECT]))
    subject_upper = d.common.subject.upper()
    heading = f"KEPUTUSAN {authority}"
    several = len(d.attachments) > 1
    return {
        "office": office_context(profile),
        "number": number,
        # Title lines broken evenly by measure: a greedy break leaves one lone word.
        "heading": "\n".join(typeset.balanced_lines(heading, TITLE_CM, 12, bold=True)),
        "authority": f"{authority},",
        "authority_short": f"KEPALA {profile.office.short_name.upper()}",
        "subject": d.common.subject,
        "subject_upper": subject_upper,
        "subject_block": "\n".join(typeset.balanced_lines(subject_upper, TITLE_CM, 12,
                                                          bold=True)),
        "decree_title": _no_lone_word(f"{heading} TENTANG {subject_upper}"),
        "considering": _lettered(d.considering, "Menimbang", idn.letter_label),
        "legal_basis": _lettered(d.legal_basis, "Mengingat", lambda i: f"{i}."),
        "decisions": [{"label": idn.decision_label(i),
                       "lines": [line.context(idn.decision_label(i)) for line in lines]}
                      for i, lines in enumerate(flatten(decisions), 1)],
        "place": d.common.place,
        "date_text": idn.date_text(d.common.date),
        "signatory": _signatory(d.common.signatory),
        "attachments": [_attachment_context(a, i, several, heading)
                        for i, a in enumerate(d.attachments, 1)],
        "extra": d.common.extra,
    }


TITLE_CM = 15.0  # the decree template's text width (15.5 cm) less a little air
NBSP = "\u00a0"


def _no_lone_word(text: str) -> str:
    """Tie the last two words together so a justified title never ends with one word."""
    words = text.split()
    if len(words) < 2:
        return text
    return " ".join([*words[:-2], words[-2] + NBSP + words[-1]])


def _lettered(items: list[str], label: str, marker: Any) -> list[dict[str, str]]:
    """Menimbang / Mengingat as lines: the block's label on the first, each item's marker on
    its first line, and a line break in an item's text starts a paragraph of its own."""
    out = []
    for i, text in enumerate(items, 1):
        lines = [" ".join(t.split()) for t in text.splitlines() if t.strip()] or [""]
        for j, line in enumerate(lines):
            first = not out
            out.append({"label": label if first else "", "colon": ":" if first else "",
                        "marker": marker(i) if j == 0 else "", "text": line})
    return out


def _attachment_context(a: Attachment, i: int, several: bool, heading: str) -> dict[str, Any]:
    label = idn.roman(i) if several else ""
    return {
        "label": label,
        "heading": f"LAMPIRAN {label}".strip(),
        "decree": heading,
        "title": a.title,
        "paragraphs": a.paragraphs,
        "tables": [{"title": t.title, "columns": t.columns, "rows": t.rows,
                    "widths": typeset.column_widths(t.columns, t.rows, TITLE_CM, 11,
                                                    t.widths or None)}
                   for t in a.tables],
    }


def table_widths(context: dict[str, Any]) -> list[list[float]]:
    """The Lampiran tables' column widths in document order (applied after rendering)."""
    return [t["widths"] for a in context.get("attachments", []) for t in a["tables"]]


def with_standard_articles(a: Agreement, standards: list[Standard]) -> Agreement:
    """The agreement with every standard article it lacks taken from the template's defaults,
    funding and duration written from its data."""
    given = [Article(x.title, x.clauses, standard_of(x.title, standards)) for x in a.articles]
    written = {}
    if a.start_date and a.end_date:
        written[DURATION] = (f"{_title_case(a.title)} ini berlaku sejak tanggal "
                             f"{idn.date_text(a.start_date)} sampai dengan tanggal "
                             f"{idn.date_text(a.end_date)}.")
    if a.funding_amount is not None:
        written[FUNDING] = (f"Biaya pelaksanaan kegiatan sebesar {idn.rupiah(a.funding_amount)} "
                            f"bersumber dari {a.funding_source}.")
    return dataclasses.replace(a, articles=complete(given, standards, a.title, written))


def _title_case(title: str) -> str:
    return title[:1].upper() + title[1:].lower()


def agreement_context(a: Agreement, profile: Profile, number: str) -> dict[str, Any]:
    h = profile.head
    c = a.common
    return {
        "office": office_context(profile),
        "head": {"name": c.signatory.name or h.name, "nip": c.signatory.nip or h.nip,
                 "position": h.position, "address": profile.office.address},
        "title": a.title.upper(),
        "number": number,
        "partner": {"institution": a.partner.institution, "official": a.partner.official,
                    "position": a.partner.position, "address": a.partner.address,
                    "number": a.partner.number},
        "subject": c.subject,
        "subject_upper": c.subject.upper(),
        "opening": (f"Pada hari ini {idn.date_in_words(c.date)}, bertempat di {c.place}, "
                    "yang bertanda tangan di bawah ini:"),
        "considerations": _labelled(a.considerations, idn.letter_label),
        "articles": [
            {"heading": f"Pasal {i}", "title": art.title.upper(),
             "clauses": [{"label": f"({j})" if len(art.clauses) > 1 else "", "text": t}
                         for j, t in enumerate(art.clauses, 1)]}
            for i, art in enumerate(a.articles, 1)
        ],
        "place": c.place,
        "date_text": idn.date_text(c.date),
        "extra": c.extra,
    }


def certificate_context(e: Event, profile: Profile, number: str, participant: dict[str, str],
                        code: str, verify_url: str) -> dict[str, Any]:
    """Everything but the QR image, which the rendering worker adds."""
    role = participant.get("role") or "peserta"
    h = profile.head
    sig = e.common.signatory
    # A certificate travels without a letterhead context, so the head of office signs with the
    # full position ("Kepala Balai ...,"), not the letter form "Kepala,". Another signatory
    # named in the event file keeps the title written there.
    is_head = (sig.name, sig.nip, sig.title) == (h.name, h.nip, h.title)
    position = f"{h.position.rstrip(',')}," if is_head and h.position else sig.title
    return {
        "office": office_context(profile),
        "number": number,
        "participant": {**participant, "role_label": ROLES.get(role, role.title())},
        "activity": e.activity,
        "period_text": idn.period_text(e.start_date, e.end_date),
        "place": e.common.place,
        "hours": e.hours,
        "date_text": idn.date_text(e.common.date),
        "city": profile.office.city,
        "signatory": _signatory(e.common.signatory),
        "position": profile.head.position,
        "signatory_position": position,
        "verification_code": code,
        "verify_url": verify_url,
        "extra": e.common.extra,
    }


def report_context(r: Report, profile: Profile, number: str) -> dict[str, Any]:
    def cover_title(subject: str) -> str:
        """Non-breaking spaces so the title never ends a line on a lone word or on a
        preposition ("DI", "DAN"…): cheap, and the cover looks set by hand."""
        binding = {"di", "ke", "dari", "dan", "atau", "serta", "pada", "untuk", "bagi", "yang",
                   "oleh", "dengan", "dalam", "tentang"}
        glued: list[str] = []
        for w in subject.split():
            # short groups only: a long unbreakable run would be cut inside a word instead
            if glued and glued[-1].lower() in binding and len(glued[-1]) + len(w) < 30:
                glued[-1] += "\u00a0" + w
            else:
                glued.append(w)
        if len(glued) > 1 and len(glued[-2]) + len(glued[-1]) < 30:
            glued[-2:] = [glued[-2] + "\u00a0" + glued[-1]]
        return " ".join(glued)

    evaluation = []
    for ev in r.evaluation:
        total = sum(ev.ratings.values())
        evaluation.append({
            "question": ev.question,
            "counts": [ev.ratings[k] for k in RATINGS],
            "percents": [_percent(ev.ratings[k], total) for k in RATINGS],
            "total": total,
        })
    captions = {"participants": "Peserta berdasarkan instansi",
                "evaluation": "Hasil survei kepuasan peserta"}
    own_titles = {"participants": "Peserta Kegiatan", "evaluation": "Hasil Evaluasi Kegiatan"}
    held: list[list[str]] = [[] for _ in r.sections]
    own: list[tuple[str, list[str], list[str]]] = []
    for name, at in r.table_sections.items():
        if at is None:
            own.append((own_titles[name], [], [name]))
        else:
            held[at].append(name)
    chapters = [(t, ps, held[i]) for i, (t, ps) in enumerate(r.sections)]
    chapters[r.own_sections_at:r.own_sections_at] = own
    sections: list[dict[str, Any]] = []
    tables = 0
    for i, (title, paragraphs, names) in enumerate(chapters, 1):
        section_tables: list[dict[str, str]] = []
        for name in names:
            tables += 1  # numbered in reading order across the report
            section_tables.append({"kind": name, "caption": f"Tabel {tables}. {captions[name]}"})
        sections.append({"label": idn.roman(i), "title": title, "paragraphs": paragraphs,
                         "tables": section_tables})
    # A list in a formal text ends each item with ";" and the last with "."; items that
    # already end with punctuation are left as written.
    basis = [b if b[-1] in ".;:," else b + (";" if i < len(r.basis) else ".")
             for i, b in enumerate(r.basis, 1)]
    return {
        "office": office_context(profile),
        "number": number,
        "subject": r.common.subject,
        "subject_upper": r.common.subject.upper(),
        "cover_title": cover_title(r.common.subject.upper()),
        "place": r.common.place,
        "date_text": idn.date_text(r.common.date),
        "year": r.common.date.year,
        "basis": basis,
        "sections": sections,
        "participants": [{"institution": i, "count": n} for i, n in r.participants],
        "participants_total": sum(n for _, n in r.participants),
        "rating_labels": [k.title() for k in RATINGS],
        "evaluation": evaluation,
        "signatory": _signatory(r.common.signatory),
        "position": profile.head.position,
        "extra": r.common.extra,
    }


def _percent(n: int, total: int) -> str:
    if not total:
        return "0,0%"
    return f"{100 * n / total:.1f}%".replace(".", ",")
