"""The WeasyPrint adapter: local stylesheets parsed once still apply; page limits hold."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from archiva.errors import RenderError
from archiva.render.pdf import HtmlRenderer


def _template(folder: Path, body: str, css: str = "@page { size: A5 landscape; }") -> Path:
    (folder / "s.css").write_text(css, "utf-8")
    path = folder / "t.html"
    path.write_text('<html><head><link rel="stylesheet" href="s.css"></head>'
                    f"<body>{body}</body></html>", "utf-8")
    return path


def test_linked_local_stylesheet_is_parsed_once_and_applies(tmp_path: Path) -> None:
    renderer = HtmlRenderer(_template(tmp_path, "<p>{{ text }}</p>"))
    assert len(renderer.stylesheets) == 1
    for text in ("satu", "dua"):
        reader = PdfReader(io.BytesIO(renderer.render({"text": text})))
        box = reader.pages[0].mediabox
        assert box.width > box.height  # A5 landscape from the linked stylesheet
        assert text in reader.pages[0].extract_text()


def test_a_stylesheet_outside_the_template_folder_is_not_taken_over(tmp_path: Path) -> None:
    inner = tmp_path / "tpl"
    inner.mkdir()
    (tmp_path / "outside.css").write_text("@page { size: A5 landscape; }", "utf-8")
    path = inner / "t.html"
    path.write_text('<html><head><link rel="stylesheet" href="../outside.css"></head>'
                    "<body><p>x</p></body></html>", "utf-8")
    assert HtmlRenderer(path).stylesheets == []


def test_each_documents_own_images_are_not_kept_in_the_cache(tmp_path: Path) -> None:
    renderer = HtmlRenderer(_template(tmp_path, '<img src="{{ img }}">'))
    pixel = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4"
             "nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==")
    renderer.render({"img": pixel})
    assert not any(str(k).startswith("data:") for k in renderer.cache)


def test_more_pages_than_allowed_is_an_error(tmp_path: Path) -> None:
    renderer = HtmlRenderer(_template(tmp_path, "{% for i in range(3) %}"
                                      '<p style="page-break-after: always">{{ i }}</p>'
                                      "{% endfor %}"))
    assert len(PdfReader(io.BytesIO(renderer.render({}))).pages) == 3
    with pytest.raises(RenderError, match="needs 3 pages"):
        renderer.render({}, max_pages=1)


def test_template_errors_are_render_errors(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="line 1"):
        HtmlRenderer(_template(tmp_path, "{% if %}"))
    renderer = HtmlRenderer(_template(tmp_path, "{{ missing }}"))
    with pytest.raises(RenderError, match="lacks"):
        renderer.render({})


@pytest.mark.parametrize(("engine", "outputs"), [
    ("docx", '["pdf"]'), ("docx", "[]"), ("html", '["docx"]'), ("html", '["pdf", "pdf"]')])
def test_manifest_outputs_the_engine_cannot_produce_are_a_profile_error(
        tmp_path: Path, engine: str, outputs: str) -> None:
    from archiva.config import Settings, load_profile
    from archiva.errors import ProfileError
    from archiva.render.templates import template_for
    from archiva.service import init_home

    settings = Settings(tmp_path, f"sqlite:///{tmp_path / 'a.db'}", "t")
    init_home(settings)
    folder = tmp_path / "tpl" / "reports"
    folder.mkdir(parents=True)
    (folder / "x.file").write_text("x", "utf-8")
    (folder / "manifest.toml").write_text(
        f'[templates.laporan]\nfile = "x.file"\nengine = "{engine}"\noutputs = {outputs}\n',
        "utf-8")
    with settings.profile_path.open("a", encoding="utf-8") as f:
        f.write('\n[templates]\ndir = "tpl"\n')
    with pytest.raises(ProfileError, match="cannot produce"):
        template_for(load_profile(settings), "report")
