"""WeasyPrint adapter: HTML+CSS templates (Jinja) to PDF/A-3b with embedded fonts."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

import jinja2
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from archiva.errors import RenderError

PDF_VARIANT = "pdf/a-3b"

# WeasyPrint logs every CSS property it ignores; users need none of that on their terminal.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


class HtmlRenderer:
    """Renders many documents from one template. Fonts and images are loaded once and shared
    between calls, which is what makes batches of certificates fast."""

    def __init__(self, template: Path) -> None:
        self.template_path = template
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template.parent)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
        )
        try:
            self.template = env.get_template(template.name)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"The template {template} has an error at line {exc.lineno}: "
                              f"{exc.message}.", "Fix the template.") from None
        self.font_config = FontConfiguration()
        self.cache: dict[str, Any] = {}

    def html(self, context: dict[str, Any]) -> str:
        try:
            return self.template.render(**context)
        except jinja2.UndefinedError as exc:
            raise RenderError(f"The template {self.template_path.name} uses a field the data "
                              f"lacks: {exc}.", "Add the field to the data file.") from None

    def render(self, context: dict[str, Any], max_pages: int | None = None) -> bytes:
        html = HTML(string=self.html(context), base_url=str(self.template_path.parent))
        with warnings.catch_warnings():
            # WeasyPrint leaves its ICC profile file open (a ResourceWarning, harmless).
            warnings.simplefilter("ignore", ResourceWarning)
            document = html.render(font_config=self.font_config, cache=self.cache,
                                   pdf_variant=PDF_VARIANT)
            if max_pages is not None and len(document.pages) > max_pages:
                raise RenderError(
                    f"The text does not fit: the document needs {len(document.pages)} pages, "
                    f"the template allows {max_pages}.",
                    "Shorten the longest fields (names, institution, activity).",
                )
            return document.write_pdf(pdf_variant=PDF_VARIANT)
