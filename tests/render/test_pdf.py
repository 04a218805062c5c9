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


# A 1x1 PNG, written where a test needs an image file.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010800000000"
                    "3a7e9b550000000a49444154789c63600000000200014b2fa4710000000049454e44ae426082")


def _tpl(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "t.html"
    path.write_text(f"<html><body>{body}</body></html>", "utf-8")
    return path


@pytest.mark.parametrize("tag", [
    '<link rel="attachment" href="file:///etc/passwd">',  # embedded in every PDF, silently
    '<img src="file:///etc/hostname">',
    '<img src="../secret.png">',
    '<img src="http://127.0.0.1:9/x.png">',  # no network either
    '<p style="background: url(/etc/passwd)">x</p>',
    '<style>@import url("file:///etc/ssl/openssl.cnf");</style>',
    '<a rel="attachment" href="linked.png">x</a>',  # a link in the folder leading outside
])
def test_a_template_fetches_only_its_own_files(tmp_path: Path, tag: str) -> None:
    (tmp_path / "secret.png").write_bytes(PNG)
    path = _tpl(tmp_path / "tpl", tag)
    (tmp_path / "tpl" / "linked.png").symlink_to(tmp_path / "secret.png")
    with pytest.raises(RenderError, match="not one of its own files") as err:
        HtmlRenderer(path).render({})
    assert "Nothing was issued" in err.value.message


def test_its_own_files_the_logo_and_data_urls_are_fetched(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    path = _tpl(tmp_path / "tpl", '<img src="own.png"><img src="{{ logo }}">'
                                  '<link rel="attachment" href="own.png">'
                                  '<img src="data:image/png;base64,iVBORw0KGgo=">')
    (tmp_path / "tpl" / "own.png").write_bytes(PNG)
    pdf = HtmlRenderer(path, [tmp_path / "logo.png"]).render(
        {"logo": (tmp_path / "logo.png").as_uri()})
    assert b"/EmbeddedFile" in pdf or b"/EmbeddedFiles" in pdf  # the attachment is in
    with pytest.raises(RenderError, match=r"logo\.png"):  # the same logo, not allowed
        HtmlRenderer(path).render({"logo": (tmp_path / "logo.png").as_uri()})


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


def test_a_refused_file_refuses_every_later_document_too(tmp_path: Path) -> None:
    """WeasyPrint caches the failed fetch: the second certificate came out without the image,
    silently. A refused @import in a stylesheet parsed once was silent as well."""
    (tmp_path / "secret.png").write_bytes(PNG)
    path = _tpl(tmp_path / "tpl", '<img src="../secret.png">')
    renderer = HtmlRenderer(path)
    for _ in range(3):
        with pytest.raises(RenderError, match="not one of its own files"):
            renderer.render({})
    styled = _template(tmp_path / "tpl", "<p>x</p>",
                       css='@import url("file:///etc/ssl/openssl.cnf"); p { color: red }')
    with pytest.raises(RenderError, match=r"openssl\.cnf"):
        HtmlRenderer(styled).render({})
