"""Reading data files (JSON or YAML) into plain Python values, with a message naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from archiva.errors import DataFileError

MAX_BYTES = 5 * 1024 * 1024  # a decree's data is a few KB; anything this big is a mistake


class _Loader(yaml.SafeLoader):
    """Safe YAML (no Python objects) that leaves dates as text, so an impossible date such as
    2026-02-30 is reported by field name instead of failing inside the YAML parser."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node:
                        loader.construct_scalar(node))


def load_mapping(path: Path) -> dict[str, Any]:
    raw = _read(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(raw)
        elif suffix in (".yaml", ".yml"):
            data = yaml.load(raw, Loader=_Loader)  # a SafeLoader subclass
        else:
            raise DataFileError(str(path), [f"unknown file type '{suffix or 'none'}'; "
                                            "expected .json, .yaml or .yml"])
    except json.JSONDecodeError as exc:
        raise DataFileError(str(path), [f"not valid JSON at line {exc.lineno}, column "
                                        f"{exc.colno}: {exc.msg}"]) from None
    except RecursionError:
        raise DataFileError(str(path), ["the data is nested too deeply to be a document's "
                                        "data"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(str(path), [f"not valid YAML{where}: {problem}"]) from None
    if not isinstance(data, dict):
        raise DataFileError(str(path), ["expected an object with named fields at the top level"])
    return data


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DataFileError(str(path), [f"the file is {size} bytes; data files are limited "
                                            f"to {MAX_BYTES} bytes"])
        if size == 0:
            raise DataFileError(str(path), ["the file is empty"])
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(str(path), ["the file does not exist"]) from None
    except IsADirectoryError:
        raise DataFileError(str(path), ["this is a folder, not a file"]) from None
    except UnicodeDecodeError:
        raise DataFileError(str(path), ["the file is not UTF-8 text; save it as UTF-8"]) from None
