"""The incoming register: listing, showing and updating letters (progress, answers, fixes)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from archiva.errors import BadInputError, NotFoundError
from archiva.intake.letter import parse_indonesian_date
from archiva.intake.pipeline import letter_json
from archiva.intake.workdays import add_working_days
from archiva.models import FILED

if TYPE_CHECKING:
    from archiva.service import Archiva

# Names in a letter's review list (from the extractor) for the fields a person corrects.
REVIEW_NAMES = {"their_number": "number", "letter_date": "date"}
CORRECTABLE = ("sender", "their_number", "letter_date", "subject", "addressee", "attachments",
               "signer", "signer_nip", "letter_type")


def _row(rec: Any, letter: dict[str, Any], app: Archiva) -> dict[str, Any]:
    row = {"agenda_number": rec.number, "record_id": rec.id, **letter_json(letter),
           "files": [{"path": f.path, "format": f.format, "sha256": f.sha256}
                     for f in rec.files]}
    answer = letter.get("answered_by")
    row["answered_by"] = app.catalogue.record(answer).number if answer else None
    return row


def incoming(app: Archiva, overdue: bool = False, letter_type: str | None = None,
             today: dt.date | None = None) -> list[dict[str, Any]]:
    today = today or dt.date.today()
    if letter_type and letter_type not in app.profile.letter_types:
        raise BadInputError(f"There is no letter type '{letter_type}'.",
                            f"Types: {', '.join(app.profile.letter_types)}.")
    out = []
    for rec, letter in app.catalogue.letters():
        if rec.status != FILED:
            continue
        if letter_type and letter["letter_type"] != letter_type:
            continue
        if overdue and (letter["progress"] == "selesai" or letter["due_date"] is None
                        or letter["due_date"] >= today):
            continue
        out.append(_row(rec, letter, app))
    return out


def _find(app: Archiva, agenda: str) -> tuple[Any, dict[str, Any]]:
    rec = app.catalogue.by_number(agenda)
    letter = app.catalogue.letter(rec.id)
    if letter is None:
        raise NotFoundError(f"{rec.number} is not an incoming letter.",
                            "Use `archiva show` for outgoing numbers.")
    return rec, letter


def letter_for(app: Archiva, agenda: str) -> dict[str, Any]:
    rec, letter = _find(app, agenda)
    data = _row(rec, letter, app)
    data["status"] = rec.status
    data["history"] = app.history(rec)
    return data


def update_letter(app: Archiva, agenda: str, status: str | None, answered_by: str | None,
                  fields: list[str]) -> dict[str, Any]:
    rec, letter = _find(app, agenda)
    changes: dict[str, Any] = {}
    if status:
        changes["progress"] = status
        if status != "selesai":
            changes["closed_on"] = None
        elif letter["progress"] != "selesai":
            changes["closed_on"] = dt.date.today()  # when it was done: late or on time
    if answered_by:
        changes["answered_by"] = app.catalogue.by_number(answered_by).id
    review = set(_review(letter))
    for item in fields:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or key not in CORRECTABLE:
            raise BadInputError(f"Cannot correct {item!r}.",
                                f"Use NAME=VALUE with NAME one of {', '.join(CORRECTABLE)}.")
        if key == "letter_date":
            parsed = parse_indonesian_date(value) or _iso(value)
            if parsed is None:
                raise BadInputError(f"{value!r} is not a date.", "Write 2026-03-03 or "
                                                                  "3 Maret 2026.")
            changes[key] = parsed
        elif key == "letter_type":
            kind = app.profile.letter_types.get(value.strip())
            if kind is None:
                raise BadInputError(f"There is no letter type '{value}'.",
                                    f"Types: {', '.join(app.profile.letter_types)}.")
            changes[key] = kind.name
            # the service time follows the type
            received = letter["received_at"]
            day = (received if received.tzinfo else received.replace(tzinfo=dt.UTC))
            changes["due_date"] = add_working_days(day.astimezone().date(), kind.service_days,
                                                   app.profile.holidays)
        else:
            changes[key] = value.strip()
        review.discard(REVIEW_NAMES.get(key, key))
    if not changes:
        raise BadInputError("Nothing to change.", "Give --status, --answered-by or --field.")
    import json

    changes["review"] = json.dumps(sorted(review), ensure_ascii=False)
    detail = ", ".join(f"{k}={v}" for k, v in changes.items() if k != "review")
    app.catalogue.update_letter(rec.id, changes, app.settings.user,
                                "correct" if fields else "progress", detail)
    return letter_for(app, rec.number)


def _review(letter: dict[str, Any]) -> list[str]:
    import json

    return list(json.loads(letter.get("review") or "[]"))


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None
