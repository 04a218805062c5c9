"""The four document kinds: their data fields (validated) and their template contexts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from archiva import indonesian as idn
from archiva.config import Profile
from archiva.documents.fields import Fields

RATINGS = ("sangat baik", "baik", "cukup", "kurang", "sangat kurang")
ROLES = {"peserta": "Peserta", "narasumber": "Narasumber", "panitia": "Panitia",
         "moderator": "Moderator", "fasilitator": "Fasilitator"}
TAKES_EFFECT = "Keputusan ini mulai berlaku pada tanggal ditetapkan."
# What fits on one certificate page in the shipped template (checked again after rendering).
EVENT_LIMITS = {"activity": 300, "place": 150, "hours": 40}


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
class Attachment:
    title: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Decree:
    common: Common
    considering: list[str]
    legal_basis: list[str]
    decisions: list[str]
    attachments: list[Attachment]


@dataclass(frozen=True)
class Partner:
    institution: str
    official: str
    position: str
    address: str
    number: str


@dataclass(frozen=True)
class Article:
    title: str
    clauses: list[str]


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
        decisions=f.texts("decisions"),
        attachments=f.objects("attachments", _attachment, optional=True),
    )


def _attachment(f: Fields) -> Attachment:
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
            cells = Fields({f"[{j}]": c for j, c in enumerate(row, 1)}, f"{f.prefix}rows[{i}]",
                           f.problems)
            rows.append([cells.text(f"[{j}]", optional=True) for j in range(1, len(row) + 1)])
    return Attachment(f.text("title"), columns, rows)


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
    def participant(p: Fields) -> tuple[str, int]:
        return p.text("institution"), p.whole_number("count") or 0

    return Report(
        common=_common(f, profile, "report"),
        basis=f.texts("basis"),
        sections=f.objects("sections", lambda s: (s.text("title"), s.texts("paragraphs"))),
        participants=f.objects("participants", participant, optional=True),
        evaluation=f.objects("evaluation", _evaluation, optional=True),
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
    if not any("mulai berlaku" in x.lower() for x in decisions):
        decisions.append(TAKES_EFFECT)
    subject_upper = d.common.subject.upper()
    return {
        "office": office_context(profile),
        "number": number,
        "heading": f"KEPUTUSAN {authority}",
        "authority": f"{authority},",
        "authority_short": f"KEPALA {profile.office.short_name.upper()}",
        "subject": d.common.subject,
        "subject_upper": subject_upper,
        "decree_title": f"KEPUTUSAN {authority} TENTANG {subject_upper}",
        "considering": _labelled(d.considering, idn.letter_label),
        "legal_basis": _labelled(d.legal_basis, lambda i: f"{i}."),
        "decisions": _labelled(decisions, idn.decision_label),
        "place": d.common.place,
        "date_text": idn.date_text(d.common.date),
        "signatory": _signatory(d.common.signatory),
        "attachments": [
            {"label": idn.roman(i), "title": a.title, "columns": a.columns, "rows": a.rows}
            for i, a in enumerate(d.attachments, 1)
        ],
        "extra": d.common.extra,
    }


def agreement_context(a: Agreement, profile: Profile, number: str) -> dict[str, Any]:
    h = profile.head
    c = a.common
    period = ""
    if a.start_date and a.end_date:
        period = (f"{a.title.capitalize()} ini berlaku sejak tanggal "
                  f"{idn.date_text(a.start_date)} sampai dengan tanggal "
                  f"{idn.date_text(a.end_date)}.")
    funding = ""
    if a.funding_amount is not None:
        funding = (f"Biaya pelaksanaan kegiatan sebesar {idn.rupiah(a.funding_amount)} "
                   f"bersumber dari {a.funding_source}.")
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
        "period_text": period,
        "funding_text": funding,
        "place": c.place,
        "date_text": idn.date_text(c.date),
        "extra": c.extra,
    }


def certificate_context(e: Event, profile: Profile, number: str, participant: dict[str, str],
                        code: str, verify_url: str) -> dict[str, Any]:
    """Everything but the QR image, which the rendering worker adds."""
    role = participant.get("role") or "peserta"
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
        "verification_code": code,
        "verify_url": verify_url,
        "extra": e.common.extra,
    }


def report_context(r: Report, profile: Profile, number: str) -> dict[str, Any]:
    evaluation = []
    for ev in r.evaluation:
        total = sum(ev.ratings.values())
        evaluation.append({
            "question": ev.question,
            "counts": [ev.ratings[k] for k in RATINGS],
            "percents": [_percent(ev.ratings[k], total) for k in RATINGS],
            "total": total,
        })
    return {
        "office": office_context(profile),
        "number": number,
        "subject": r.common.subject,
        "subject_upper": r.common.subject.upper(),
        "place": r.common.place,
        "date_text": idn.date_text(r.common.date),
        "year": r.common.date.year,
        "basis": r.basis,
        "sections": [{"label": idn.roman(i), "title": t, "paragraphs": ps}
                     for i, (t, ps) in enumerate(r.sections, 1)],
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
