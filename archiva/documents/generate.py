"""Generating one numbered document: reserve a number, render, file atomically, mark filed.

If anything fails after the number is reserved, the number is voided with the reason and any
file already placed is set aside, so every number ends filed or void, never dangling."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archiva import filing
from archiva.documents import kinds
from archiva.documents.datafile import load_mapping
from archiva.documents.fields import Fields
from archiva.errors import ArchivaError, DataFileError, RenderError
from archiva.models import RESERVED, FileEntry, Record
from archiva.numbering import classification_ok, normalise_classification
from archiva.render.templates import Template, template_for

if TYPE_CHECKING:
    from archiva.service import Archiva

KIND_LABELS = {"decree": "decree", "mou": "agreement", "report": "activity report",
               "certificate": "certificate"}


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
    return parsed, template


def generate_document(app: Archiva, kind: str, data_path: Path, reason: str) -> GeneratedDocument:
    parsed, template = load_data(app, kind, data_path)
    if template.engine == "docx":
        from archiva.render.office import soffice

        soffice()  # fail before a number is taken if LibreOffice is missing
    common: kinds.Common = parsed.common
    req = app.number_request(
        app.profile.documents[kind].series, kind, common.classification, common.subject,
        common.date, RESERVED, reason, parties=_parties(kind, parsed, app),
        details={"formats": list(template.outputs), "template": template.name,
                 "data_file": data_path.name},
    )
    rec = app.allocate([req], reserve=True)[0]
    with settling(app, rec):
        entries = _render_and_file(app, kind, parsed, template, rec)
        app.catalogue.mark_filed(rec.id, entries, app.settings.user)
    return GeneratedDocument(app.catalogue.record(rec.id))


def planned_files(app: Archiva, rec: Record) -> list[Path]:
    return filing.record_paths(app.settings.archive_dir, rec)


@contextmanager
def settling(app: Archiva, rec: Record) -> Iterator[None]:
    """Void the reserved number (with the reason) if the block fails or is interrupted."""
    try:
        yield
    except BaseException as exc:
        why = exc.message if isinstance(exc, ArchivaError) else f"{type(exc).__name__}: {exc}"
        for p in planned_files(app, rec):
            if p.is_file():
                filing.set_aside(p, app.settings.quarantine_dir, "failed")
        app.catalogue.void_reserved(rec.id, f"generation failed: {why}", app.settings.user)
        if isinstance(exc, ArchivaError):
            raise RenderError(
                f"{exc.message} The number {rec.number} was voided (BATAL) with this reason.",
                exc.hint or "Fix the problem and generate again; a new number will be issued.",
            ) from exc
        raise


@contextmanager
def work_dir(app: Archiva) -> Iterator[Path]:
    """Scratch folder inside the home, on the same file system as the archive."""
    d = app.settings.home / ".work" / f"{os.getpid()}-{secrets.token_hex(4)}"
    d.mkdir(parents=True)
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def context_for(kind: str, parsed: Any, app: Archiva, number: str) -> dict[str, Any]:
    builders = {"decree": kinds.decree_context, "mou": kinds.agreement_context,
                "report": kinds.report_context}
    return builders[kind](parsed, app.profile, number)


def _render_and_file(app: Archiva, kind: str, parsed: Any, template: Template,
                     rec: Record) -> list[FileEntry]:
    context = context_for(kind, parsed, app, rec.number)
    dests = dict(zip(template.outputs, planned_files(app, rec), strict=True))
    home = app.settings.home
    if template.engine == "html":
        from archiva.render.pdf import HtmlRenderer

        return [filing.write_new(dests["pdf"], HtmlRenderer(template.path).render(context), home)]
    from archiva.render.docx import render_docx
    from archiva.render.office import convert_to_pdfa

    with work_dir(app) as work:
        docx = work / dests["docx"].name
        render_docx(template.path, context, docx)
        made = {"docx": docx}
        if "pdf" in dests:
            made["pdf"] = convert_to_pdfa([docx], work, app.settings.home / ".work" / "office")[0]
        return [filing.place_file(made[fmt], dests[fmt], home) for fmt in template.outputs]


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


__all__ = ["GeneratedDocument", "generate_document", "load_data", "planned_files", "settling"]


