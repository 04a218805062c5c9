"""docxtpl adapter: fills a DOCX template. User data is data, never template code."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from docx.image.exceptions import UnrecognizedImageError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from archiva.errors import RenderError


def _environment() -> jinja2.Environment:
    # autoescape: '&' or '<b>' in a value would otherwise corrupt the document XML.
    # StrictUndefined: a field the template needs but the context lacks is an error, not a blank.
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


LOGO_HEIGHT_MM = 22
DOCX_PROPERTY_LIMIT = 255  # characters python-docx allows in a core property
# Tables whose column widths Archiva sets after rendering carry this caption (alt text) in the
# template: docxtpl's column loop alone makes every column the same width.
FITTED_TABLE = "archiva:fitted-columns"


def render_docx(template: Path, context: dict[str, Any], out: Path, *,
                logo: Path | None = None, table_widths: Sequence[Sequence[float]] = (),
                title: str = "") -> None:
    """Fill the template. `logo` becomes the image `{{ logo }}`; `table_widths` are relative
    column widths for the fitted tables, in document order; `title` is the file's title
    (the PDF's title metadata comes from it)."""
    try:
        doc = DocxTemplate(str(template))
        context = {**context, "logo": _logo(doc, logo)}
        doc.render(context, _environment())
        _fit_tables(doc, table_widths)
        if title:
            doc.docx.core_properties.title = _shortened(title, DOCX_PROPERTY_LIMIT)
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
    except UnrecognizedImageError:
        raise RenderError(f"The office logo {logo} is not an image Word can hold (PNG, JPEG, "
                          "GIF, BMP or TIFF).",
                          "Point office.logo in the profile at a PNG or JPEG file.") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"The template {template.name} has a tag error at line {exc.lineno}: "
                          f"{exc.message}.", "Fix the tag in the template with Word.") from None


def _logo(doc: DocxTemplate, logo: Path | None) -> InlineImage | str:
    return InlineImage(doc, str(logo), height=Mm(LOGO_HEIGHT_MM)) if logo else ""


def _fit_tables(doc: DocxTemplate, widths: Sequence[Sequence[float]]) -> None:
    """Give each fitted table its column widths, scaled to the page's text width, as a fixed
    layout (Word and LibreOffice then keep them)."""
    section = doc.docx.sections[-1]
    text_twips = (section.page_width - section.left_margin - section.right_margin) / 635
    tables = [t for t in doc.docx.element.body.iter(qn("w:tbl")) if _caption(t) == FITTED_TABLE]
    for table, weights in zip(tables, widths, strict=False):
        total = sum(weights)
        if not total:
            continue
        twips = [round(text_twips * w / total) for w in weights]
        grid = table.find(qn("w:tblGrid"))
        for col in list(grid):
            grid.remove(col)
        for w in twips:
            col = OxmlElement("w:gridCol")
            col.set(qn("w:w"), str(w))
            grid.append(col)
        props = table.find(qn("w:tblPr"))
        _fixed_layout(props)
        for row in table.iter(qn("w:tr")):
            for cell, w in zip(row.findall(qn("w:tc")), twips, strict=False):
                cell_props = cell.find(qn("w:tcPr"))
                width = cell_props.find(qn("w:tcW")) if cell_props is not None else None
                if width is not None:
                    width.set(qn("w:w"), str(w))
                    width.set(qn("w:type"), "dxa")


# w:tblPr is a sequence: tblLayout comes before these.
_AFTER_LAYOUT = ("w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _fixed_layout(props: Any) -> None:
    layout = props.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        following = next((c for t in _AFTER_LAYOUT if (c := props.find(qn(t))) is not None),
                         None)
        if following is None:
            props.append(layout)
        else:
            following.addprevious(layout)
    layout.set(qn("w:type"), "fixed")


def _caption(table: Any) -> str:
    props = table.find(qn("w:tblPr"))
    caption = props.find(qn("w:tblCaption")) if props is not None else None
    return caption.get(qn("w:val"), "") if caption is not None else ""


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
