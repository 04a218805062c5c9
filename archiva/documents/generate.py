"""Generating one numbered document: reserve a number, render, file atomically, mark filed.

If anything fails after the number is reserved, the number is voided with the reason and any
file already placed is set aside, so every number ends filed or void, never dangling."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiva import filing, owner
from archiva.documents import kinds
from archiva.documents.articles import load_standards
from archiva.documents.datafile import load_mapping
from archiva.documents.fields import Fields
from archiva.documents.text import text_of_file
from archiva.errors import ArchivaError, DataFileError, RenderError
from archiva.models import KIND_LABELS, RESERVED, STATUS_LABELS, DocumentText, Record
from archiva.numbering import classification_ok, normalise_classification, safe_file_stem
from archiva.render.templates import Template, template_for

if TYPE_CHECKING:
    from archiva.service import Archiva

@dataclass(frozen=True)
class GeneratedDocument:
    record: Record

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.record.number,
            "record_id": self.record.id,
            "files": [{"path": f.path, "format": f.format, "sha256": f.sha256}
                      for f in self.record.files],
        }


def load_data(app: Archiva, kind: str, data_path: Path) -> tuple[Any, Template]:
    """Read and validate a data file; every problem is reported at once."""
    data = load_mapping(data_path)
    template = template_for(app.profile, kind)
    f = Fields(data)
    parsed = kinds.PARSERS[kind](f, app.profile)
    code = normalise_classification(f.data.get("classification") or "")
    if code and not classification_ok(code):
        f.problem("classification", f"{code!r} is not a classification code (two letters and up "
                                    "to three two-digit levels, e.g. OT.02.02)")
    reported = {p.split(":", 1)[0].split("[", 1)[0] for p in f.problems}
    for name in template.required:
        if data.get(name) in (None, "", []) and name not in reported:
            f.problem(name, f"required by the template '{template.name}'")
    if f.problems:
        raise DataFileError(str(data_path), sorted(set(f.problems), key=f.problems.index))
    if kind == "mou" and template.articles:
        parsed = kinds.with_standard_articles(parsed, load_standards(template.articles))
    return parsed, template


PLACEHOLDER_NUMBER = "0000/XX.00/XX.00/0000"


def fingerprint(*parts: Any) -> str:
    """What a document is made from, hashed: the same content, however the file spells it."""
    canonical = json.dumps([dataclasses.asdict(p) if dataclasses.is_dataclass(p) else p
                            for p in parts], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def generate_document(app: Archiva, kind: str, data_path: Path, reason: str, *,
                      again: bool = False, allow_future: bool = False) -> GeneratedDocument:
    parsed, template = load_data(app, kind, data_path)
    _check_template(app, kind, parsed, template)
    common: kinds.Common = parsed.common
    details: dict[str, Any] = {"formats": list(template.outputs), "template": template.name,
                               "data_file": data_path.name,
                               "signatory": common.signatory.name or app.profile.head.name}
    if kind == "report":
        details["basis"] = list(parsed.basis)
    req = app.number_request(
        app.profile.documents[kind].series, kind, common.classification, common.subject,
        common.date, RESERVED, reason, parties=_parties(kind, parsed, app), details=details,
        fingerprint=fingerprint(kind, parsed), allow_future=allow_future,
    )
    with app.index.batch():  # one index update for the reservation and the filing
        rec = app.allocate([req], reserve=True, again=again)[0]
        placed: list[Path] = []
        with settling(app, rec, placed), work_dir(app) as work:
            made, text = _render(app, kind, parsed, template, rec.number, work)
            dests = dict(zip(template.outputs, planned_files(app, rec), strict=True))
            entries = []
            for fmt in template.outputs:
                entries.append(filing.place_file(made[fmt], dests[fmt], app.settings.home))
                placed.append(dests[fmt])
            if not app.catalogue.mark_filed(rec.id, entries, app.settings.user,
                                            text=DocumentText(text)):
                raise LostReservation(rec.number)
    return GeneratedDocument(app.catalogue.record(rec.id))


class LostReservation(ArchivaError):
    """Recovery (another process) settled the number while this one was still working."""

    def __init__(self, number: str) -> None:
        super().__init__(
            f"The number {number} was settled by `archiva doctor` or another command's recovery "
            "while this document was being generated.",
            "See its state with `archiva show`; generate the document again for a new number.",
        )


def planned_files(app: Archiva, rec: Record) -> list[Path]:
    return filing.record_paths(app.settings.archive_dir, rec)


@contextmanager
def settling(app: Archiva, rec: Record, placed: list[Path]) -> Iterator[None]:
    """If the block fails or is interrupted: void the reserved number with the reason, then
    set aside the files this run placed, and say so. Files it did not place are left alone."""
    try:
        yield
    except BaseException as exc:
        why = exc.message if isinstance(exc, ArchivaError) else f"{type(exc).__name__}: {exc}"
        voided = app.catalogue.void_reserved(rec.id, f"generation failed: {why}",
                                             app.settings.user)
        if voided:
            for p in placed:
                filing.set_aside(p, app.settings.quarantine_dir, "failed")
        if not isinstance(exc, Exception) or isinstance(exc, LostReservation):
            raise  # Ctrl-C and the like: the number is settled, stop as asked
        state = app.catalogue.record(rec.id)
        outcome = ("was voided (BATAL) with this reason" if voided else
                   f"is now {STATUS_LABELS.get(state.status, state.status)}")
        raise RenderError(
            f"The {describe(rec.kind)} could not be produced: {why} The number {rec.number} "
            f"{outcome}.",
            exc.hint if isinstance(exc, ArchivaError) and exc.hint else
            "Fix the problem and generate again; a new number will be issued.",
        ) from exc


@contextmanager
def work_dir(app: Archiva) -> Iterator[Path]:
    """Scratch folder inside the home, on the same file system as the archive, named after its
    owner so `archiva doctor` removes it only once that process is gone."""
    d = app.settings.home / ".work" / f"{owner.current()}-{secrets.token_hex(4)}"
    d.mkdir(parents=True)
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def context_for(kind: str, parsed: Any, app: Archiva, number: str) -> dict[str, Any]:
    builders = {"decree": kinds.decree_context, "mou": kinds.agreement_context,
                "report": kinds.report_context}
    return builders[kind](parsed, app.profile, number)


def _check_template(app: Archiva, kind: str, parsed: Any, template: Template) -> None:
    """Fill the template once with a placeholder number before a real one is taken, so a
    broken template or a missing LibreOffice costs no number."""
    context = context_for(kind, parsed, app, PLACEHOLDER_NUMBER)
    if template.engine == "html":
        from archiva.render.pdf import HtmlRenderer

        HtmlRenderer(template.path).html(context)
        return
    from archiva.render.docx import render_docx
    from archiva.render.office import soffice

    with work_dir(app) as work:
        render_docx(template.path, context, work / "check.docx", **docx_options(kind, app,
                                                                               context))
    soffice()


def _render(app: Archiva, kind: str, parsed: Any, template: Template, number: str,
            work: Path) -> tuple[dict[str, Path], str]:
    """Render into the work folder; returns the file of each output format, and the
    document's text for search."""
    context = context_for(kind, parsed, app, number)
    stem = safe_file_stem(number)
    if template.engine == "html":
        from archiva.render.pdf import HtmlRenderer

        out = work / f"{stem}.pdf"
        logo = app.profile.office.logo
        pdf, text = HtmlRenderer(template.path, [logo] if logo else []).render_with_text(context)
        out.write_bytes(pdf)
        return {"pdf": out}, text
    from archiva.render.docx import render_docx
    from archiva.render.office import convert_to_pdfa

    made = {"docx": work / f"{stem}.docx"}
    render_docx(template.path, context, made["docx"], **docx_options(kind, app, context))
    text = text_of_file(made["docx"])
    if "pdf" in template.outputs:
        made["pdf"] = convert_to_pdfa([made["docx"]], work, app.settings.home / ".work" /
                                      "office")[0]
    return made, text


def docx_options(kind: str, app: Archiva, context: dict[str, Any]) -> dict[str, Any]:
    return {"logo": app.profile.office.logo, "table_widths": kinds.table_widths(context),
            "title": document_title(kind, context)}


def document_title(kind: str, context: dict[str, Any]) -> str:
    """The file's own title (PDF title metadata): what the document is, not the template."""
    titles = {"decree": "Keputusan Kepala {office} Nomor {number} tentang {subject}",
              "mou": "{title_case} Nomor {number} tentang {subject}"}
    office = context["office"]["short_name"]
    return titles[kind].format(office=office, number=context["number"],
                               subject=context["subject"],
                               title_case=str(context.get("title", "")).capitalize())


def _parties(kind: str, parsed: Any, app: Archiva) -> list[dict[str, Any]]:
    if kind != "mou":
        return []
    p = parsed.partner
    return [
        {"role": "PIHAK KESATU", "institution": app.profile.office.name,
         "official": parsed.common.signatory.name or app.profile.head.name},
        {"role": "PIHAK KEDUA", "institution": p.institution, "official": p.official,
         "position": p.position, "number": p.number},
    ]


def describe(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


__all__ = ["GeneratedDocument", "generate_document", "load_data", "planned_files"]


