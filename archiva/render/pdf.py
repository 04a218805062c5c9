"""WeasyPrint adapter: HTML+CSS templates (Jinja) to PDF/A-3b with embedded fonts.

A template may declare (the certificate does):
- `<meta name="archiva-user-agent-stylesheet" content="none">`: its own stylesheet styles every
  element it uses (display, bold), so WeasyPrint's default HTML stylesheet is left out. The
  cascade then matches a few rules instead of hundreds: ~15% less time per document.
- `data-region="NAME"` on blocks that must never overlap each other or leave the page area.
  They are measured after layout; text running into another block is an error, never silent.
- `<meta name="archiva-fit-steps" content="N">`: when the text does not fit (too many pages or
  touching regions), render again with `fit` = 1 … N in the context (smaller type), and refuse
  only what does not fit at step N.

A template fetches only what is its own: files in its folder, the files the caller allows (the
office logo) and data: URLs (the QR code). Anything else, another local file or the network, is
refused and the document with it: an edited template must not carry /etc/passwd into every
certificate.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
import pydyf
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import Box, ReplacedBox, TextBox
from weasyprint.images import RasterImage
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from archiva.errors import RenderError
from archiva.render.text import html_text

PDF_VARIANT = "pdf/a-3b"
_LOCAL_STYLESHEET = re.compile(
    r"""<link\s+rel=["']stylesheet["']\s+href=["'](?P<href>[^"':]+\.css)["']\s*/?>""", re.I)
_FIT_STEPS = re.compile(r"""<meta\s+name=["']archiva-fit-steps["']\s+content=["'](\d+)["']""",
                        re.I)
_NO_UA_STYLESHEET = re.compile(
    r"""<meta\s+name=["']archiva-user-agent-stylesheet["']\s+content=["']none["']""", re.I)
REGION_GAP = 6 * 96 / 25.4  # CSS px: regions closer than 6 mm look run together on paper

# WeasyPrint logs every CSS property it ignores; users need none of that on their terminal.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)

Rect = tuple[float, float, float, float]  # x0, top, x1, bottom in CSS px, top-left origin


class HtmlRenderer:
    """Renders many documents from one template. Fonts and images are loaded once and shared
    between calls, which is what makes batches of certificates fast."""

    def __init__(self, template: Path, allowed: Iterable[Path] = ()) -> None:
        """`allowed`: files outside the template's folder that it may show (the logo)."""
        self.template_path = template
        self.fetcher = _OwnFiles(template.parent, allowed)
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
        steps = _FIT_STEPS.search(source)
        self.fit_steps = int(steps.group(1)) if steps else 0
        self.has_regions = "data-region" in source
        self.html_class = _OwnStylesHTML if _NO_UA_STYLESHEET.search(source) else HTML

    def _own_stylesheets(self, source: str) -> tuple[list[CSS], str]:
        """Parse the template's local stylesheets once instead of once per document (saves
        ~15% per certificate); the <link> tags stay in the file so it still opens in a browser."""
        sheets = []
        for match in _LOCAL_STYLESHEET.finditer(source):
            path = (self.template_path.parent / match.group("href")).resolve()
            if not path.is_relative_to(self.template_path.parent.resolve()) or not path.is_file():
                continue  # leave anything else for WeasyPrint to fetch as usual
            sheets.append(CSS(filename=str(path), font_config=self.font_config,
                              url_fetcher=self.fetcher))
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
        before = set(self.cache)
        try:
            with warnings.catch_warnings():
                # WeasyPrint leaves its ICC profile file open (a ResourceWarning, harmless).
                warnings.simplefilter("ignore", ResourceWarning)
                # A refusal is never forgotten: WeasyPrint caches the failed image, and later
                # documents would come out without it, silently (as would a stylesheet's
                # @import refused while parsing it once).
                document = self._fitted(context, max_pages)
                _share_encoded_images(self.cache)
                pdf = document.write_pdf(pdf_variant=PDF_VARIANT)  # fetches attachments
                self._check_fetched()
                return pdf
        finally:
            self._forget_own_images(before)

    def _fitted(self, context: dict[str, Any], max_pages: int | None) -> Document:
        """The first layout, from fit 0 up to the template's last step, that fits."""
        problem = ""
        for fit in range(self.fit_steps + 1):
            html = self.html_class(string=self.html({**context, "fit": fit}),
                                   base_url=str(self.template_path.parent),
                                   url_fetcher=self.fetcher)
            document = html.render(font_config=self.font_config, cache=self.cache,
                                   stylesheets=self.stylesheets, pdf_variant=PDF_VARIANT)
            self._check_fetched()
            problem = self._misfit(document, max_pages)
            if not problem:
                return document
        raise RenderError(f"The text does not fit: {problem}.",
                          "Shorten the longest fields (names, institution, activity).")

    def _check_fetched(self) -> None:
        if self.fetcher.refused:
            raise RenderError(
                f"The template {self.template_path} asks for {self.fetcher.refused[0]}, which "
                f"is not one of its own files. Nothing was issued.",
                f"A template may use only the files in its folder ({self.template_path.parent}),"
                f" the office logo and the QR code: copy the file there or remove it from the "
                f"template.")

    def _misfit(self, document: Document, max_pages: int | None) -> str:
        if max_pages is not None and len(document.pages) > max_pages:
            return f"the document needs {len(document.pages)} pages, the template allows " \
                   f"{max_pages}"
        if self.has_regions:
            for page in document.pages:
                problem = region_problem(page._page_box)
                if problem:
                    return problem
        return ""

    def _forget_own_images(self, before: set[str]) -> None:
        """Keep shared images (the logo, from a file) cached, not each document's own (the QR
        code, a data: URL), nor the encoded data WeasyPrint files under the image's id: kept,
        a long batch would hold every certificate's QR code in memory."""
        new = [k for k in self.cache if k not in before]
        own = [k for k in new if isinstance(k, str) and k.startswith("data:")]
        ids = {self.cache[k].id for k in own if isinstance(self.cache[k], RasterImage)}
        for key in new:
            if key in own or (isinstance(key, str) and key.split("-", 1)[0] in ids):
                del self.cache[key]


class _OwnStylesHTML(HTML):
    """A document styled by its own stylesheet alone (see the module's docstring)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return []


class _OwnFiles(URLFetcher):
    """WeasyPrint's fetcher, limited to data: URLs, the files in `folder` (symbolic links
    followed: where they lead counts) and the `allowed` files. What it refuses it remembers,
    since WeasyPrint only logs a failed fetch and leaves the image out."""

    def __init__(self, folder: Path, allowed: Iterable[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"})
        self.folder = folder.resolve()
        self.allowed = {p.resolve() for p in allowed}
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if not self._own(url):
            self.refused.append(url)
            raise ValueError(f"not one of the template's own files: {url}")
        return super().fetch(url, headers)

    def _own(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme.lower() == "data":
            return True
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(url2pathname(parts.path)).resolve()
        return path.is_relative_to(self.folder) or path in self.allowed


# -- regions: blocks that must not overlap -------------------------------------------------------

def region_problem(page_box: Box) -> str:
    """Why the page's regions overlap or leave the page area, or "" when they do not."""
    inks: dict[str, Rect] = {}
    for name, rect in _inks(page_box, ""):
        if name:
            old = inks.get(name)
            inks[name] = rect if old is None else (min(old[0], rect[0]), min(old[1], rect[1]),
                                                   max(old[2], rect[2]), max(old[3], rect[3]))
    area = (page_box.margin_left, page_box.margin_top,
            page_box.margin_width() - page_box.margin_right,
            page_box.margin_height() - page_box.margin_bottom)
    for name, r in inks.items():
        if r[0] < area[0] - 0.5 or r[1] < area[1] - 0.5 or r[2] > area[2] + 0.5 \
                or r[3] > area[3] + 0.5:
            return f"the {name} block runs off the page"
    names = list(inks)  # in document order: "the text block runs into the signature block"
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if _near(inks[a], inks[b], REGION_GAP):
                return f"the {a} block runs into the {b} block"
    return ""


def _inks(box: Box, region: str) -> Iterator[tuple[str, Rect]]:
    """(region, rectangle) of every piece of text and every image: what ink lands where."""
    element = box.element
    if element is not None and element.get("data-region"):
        region = element.get("data-region") or ""
    if isinstance(box, TextBox):
        if box.text.strip():
            yield region, (box.position_x, box.position_y, box.position_x + box.width,
                           box.position_y + box.height)
        return
    if isinstance(box, ReplacedBox):
        x, y = box.content_box_x(), box.content_box_y()
        yield region, (x, y, x + box.width, y + box.height)
        return
    for child in box.all_children():
        yield from _inks(child, region)


def _near(a: Rect, b: Rect, gap: float) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


# -- images encoded once per batch ---------------------------------------------------------------

def _share_encoded_images(cache: dict[str, Any]) -> None:
    """WeasyPrint encodes each image again for every PDF it writes: for the letterhead logo
    (an RGBA PNG) about 10 ms per certificate. An image kept in the shared cache is encoded
    once; each later PDF gets fresh stream objects (a PDF numbers its own) over the same
    bytes."""
    for url, image in cache.items():
        if isinstance(image, RasterImage) and not str(url).startswith("data:") \
                and not hasattr(image, "_archiva_encoded"):
            image._archiva_encoded = {}  # type: ignore[attr-defined]
            image.get_x_object = _encoded_once(image)  # type: ignore[method-assign]


def _encoded_once(image: RasterImage) -> Callable[[bool, float], pydyf.Stream]:
    encode = image.get_x_object
    done: dict[tuple[bool, float], pydyf.Stream] = image._archiva_encoded  # type: ignore[attr-defined]

    def get_x_object(interpolate: bool, dpi_ratio: float) -> pydyf.Stream:
        key = (interpolate, dpi_ratio)
        if key not in done:
            done[key] = _copy_stream(encode(interpolate, dpi_ratio))
        return _copy_stream(done[key])

    return get_x_object


def _copy_stream(stream: pydyf.Stream) -> pydyf.Stream:
    # The writer replaces the soft mask in `extra` with its reference: copy it too.
    extra = pydyf.Dictionary(stream.extra)
    mask = extra.get("SMask")
    if isinstance(mask, pydyf.Stream):
        extra["SMask"] = _copy_stream(mask)
    return pydyf.Stream(list(stream.stream), extra, stream.compress)

