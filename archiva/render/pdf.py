"""WeasyPrint adapter: HTML+CSS templates (Jinja) to PDF/A-3b with embedded fonts."""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path
from typing import Any

import jinja2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from archiva.errors import RenderError
from archiva.render.text import html_text

PDF_VARIANT = "pdf/a-3b"
_LOCAL_STYLESHEET = re.compile(
    r"""<link\s+rel=["']stylesheet["']\s+href=["'](?P<href>[^"':]+\.css)["']\s*/?>""", re.I)

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
        self.font_config = FontConfiguration()
        self.cache: dict[str, Any] = {}
        try:
            source = template.read_text("utf-8")
            self.stylesheets, source = self._own_stylesheets(source)
            self.template = env.from_string(source)
        except (OSError, UnicodeDecodeError) as exc:
            raise RenderError(f"The template {template} cannot be read: {exc}.",
                              "Restore it from Archiva's templates/ folder.") from None
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"The template {template} has an error at line {exc.lineno}: "
                              f"{exc.message}.", "Fix the template.") from None

    def _own_stylesheets(self, source: str) -> tuple[list[CSS], str]:
        """Parse the template's local stylesheets once instead of once per document (saves
        ~15% per certificate); the <link> tags stay in the file so it still opens in a browser."""
        sheets = []
        for match in _LOCAL_STYLESHEET.finditer(source):
            path = (self.template_path.parent / match.group("href")).resolve()
            if not path.is_relative_to(self.template_path.parent.resolve()) or not path.is_file():
                continue  # leave anything else for WeasyPrint to fetch as usual
            sheets.append(CSS(filename=str(path), font_config=self.font_config))
            source = source.replace(match.group(0), "")
        return sheets, source

    def html(self, context: dict[str, Any]) -> str:
        try:
            return self.template.render(**context)
        except jinja2.UndefinedError as exc:
            raise RenderError(f"The template {self.template_path.name} uses a field the data "
                              f"lacks: {exc}.", "Add the field to the data file.") from None

    def render_with_text(self, context: dict[str, Any],
                         max_pages: int | None = None) -> tuple[bytes, str]:
        """The PDF and the document's plain text (for search). Filling the template a second
        time for the text costs well under a millisecond."""
        return self.render(context, max_pages), html_text(self.html(context))

    def render(self, context: dict[str, Any], max_pages: int | None = None) -> bytes:
        html = HTML(string=self.html(context), base_url=str(self.template_path.parent))
        with warnings.catch_warnings():
            # WeasyPrint leaves its ICC profile file open (a ResourceWarning, harmless).
            warnings.simplefilter("ignore", ResourceWarning)
            document = html.render(font_config=self.font_config, cache=self.cache,
                                   stylesheets=self.stylesheets, pdf_variant=PDF_VARIANT)
            # Keep shared images (logo) cached, not each certificate's own QR code.
            for key in [k for k in self.cache if isinstance(k, str) and k.startswith("data:")]:
                del self.cache[key]
            if max_pages is not None and len(document.pages) > max_pages:
                raise RenderError(
                    f"The text does not fit: the document needs {len(document.pages)} pages, "
                    f"the template allows {max_pages}.",
                    "Shorten the longest fields (names, institution, activity).",
                )
            return document.write_pdf(pdf_variant=PDF_VARIANT)
