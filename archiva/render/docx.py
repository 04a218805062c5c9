"""docxtpl adapter: fills a DOCX template. User data is data, never template code."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate

from archiva.errors import RenderError


def _environment() -> jinja2.Environment:
    # autoescape: '&' or '<b>' in a value would otherwise corrupt the document XML.
    # StrictUndefined: a field the template needs but the context lacks is an error, not a blank.
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def render_docx(template: Path, context: dict[str, Any], out: Path) -> None:
    try:
        doc = DocxTemplate(str(template))
        doc.render(context, _environment())
        doc.save(str(out))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise RenderError(
            f"The template {template} is not a readable DOCX file ({type(exc).__name__}).",
            "Open and save it again in Word or LibreOffice, or restore it from Archiva's "
            "templates/ folder.",
        ) from None
    except jinja2.UndefinedError as exc:
        raise RenderError(
            f"The template {template.name} uses a field the data lacks: {exc}.",
            "Add the field to the data file or remove it from the template.",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"The template {template.name} has a tag error at line {exc.lineno}: "
                          f"{exc.message}.", "Fix the tag in the template with Word.") from None
