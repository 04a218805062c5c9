"""Template manifests: each template folder's manifest.toml names its templates, engine,
outputs and the data fields they need, so users can add or edit templates without code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from archiva.config import KIND_FOLDERS, Profile
from archiva.errors import ProfileError

ENGINES = {"docx": ("docx", "pdf"), "html": ("pdf",)}


@dataclass(frozen=True)
class Template:
    kind: str
    name: str
    path: Path
    engine: str
    outputs: tuple[str, ...]
    required: tuple[str, ...]
    articles: Path | None = None  # an agreement template's default articles (pasal.yaml)


def template_for(profile: Profile, kind: str) -> Template:
    folder = profile.templates_dir / KIND_FOLDERS[kind]
    manifest = folder / "manifest.toml"
    name = profile.documents[kind].template
    where = f"documents.{kind}.template in {profile.path.name}"
    try:
        data = tomllib.loads(manifest.read_text("utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"The template folder {folder} has no manifest.toml.",
                           "Restore it from Archiva's templates/ folder.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{manifest} is not valid TOML: {exc}.",
                           "Fix the line named above.") from None
    entry = data.get("templates", {}).get(name)
    if not isinstance(entry, dict):
        known = ", ".join(sorted(data.get("templates", {}))) or "none"
        raise ProfileError(f"{where} names template '{name}', which {manifest} does not list.",
                           f"Templates listed there: {known}.")
    engine = entry.get("engine", "")
    if engine not in ENGINES:
        raise ProfileError(f"{manifest}: templates.{name}.engine must be one of "
                           f"{', '.join(ENGINES)}, found {engine!r}.", "Fix the manifest.")
    path = folder / str(entry.get("file", ""))
    if not path.is_file():
        raise ProfileError(f"{manifest}: templates.{name}.file {path} does not exist.",
                           "Put the template file there or correct the manifest.")
    outputs = tuple(entry.get("outputs", ENGINES[engine]))
    allowed = ENGINES[engine]
    # A DOCX template always files its DOCX: the PDF is made from it.
    if (not outputs or len(set(outputs)) != len(outputs)
            or any(o not in allowed for o in outputs) or allowed[0] not in outputs):
        raise ProfileError(
            f"{manifest}: templates.{name}.outputs is {list(outputs)}, which the {engine} "
            "engine cannot produce.",
            f"Use {list(allowed)}" + (" or ['docx']." if engine == "docx" else "."),
        )
    articles = None
    if entry.get("articles"):
        articles = folder / str(entry["articles"])
        if not articles.is_file():
            raise ProfileError(f"{manifest}: templates.{name}.articles {articles} does not "
                               "exist.", "Put the default articles there or correct the "
                               "manifest.")
    return Template(kind, name, path, engine, outputs, tuple(entry.get("required", ())),
                    articles)
