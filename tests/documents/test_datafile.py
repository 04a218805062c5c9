"""Data files (JSON, YAML): reading, and field validation that reports every problem at once
by field name, before any number is taken."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiva.documents.datafile import MAX_BYTES, load_mapping
from archiva.documents.fields import MAX_TEXT, Fields
from archiva.errors import DataFileError
from archiva.service import Archiva
from tests.conftest import EXAMPLES, make_home
from tests.documents.helpers import load_example, write_json, write_yaml


@pytest.fixture(scope="module")
def val_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archiva]:
    """One archive for the whole module: nothing here may ever take a number."""
    settings = make_home(tmp_path_factory.mktemp("datafile") / "home")
    with Archiva.open(settings) as app:
        app.issue_number("decree", "OT.01.00", "nomor yang sudah ada", dt.date(2026, 1, 5))
        yield app


def _numbers(app: Archiva) -> list[tuple[str, str]]:
    return [(r.number, r.status) for r in app.list_numbers()]


def refused(app: Archiva, kind: str, path: Path) -> DataFileError:
    """Generate must fail with DataFileError (exit 2) and leave the register as it was."""
    before = _numbers(app)
    counters = app.catalogue.counter_state("umum", 2026)
    with pytest.raises(DataFileError) as info:
        app.generate(kind, path)
    assert info.value.exit_code == 2
    assert str(path) in info.value.message
    assert _numbers(app) == before
    assert app.catalogue.counter_state("umum", 2026) == counters
    assert "nothing was issued" in info.value.hint
    return info.value


def _has(problems: list[str], prefix: str, *words: str) -> bool:
    return any(p.startswith(prefix) and all(w in p for w in words) for p in problems)


# -- every problem at once --------------------------------------------------------------------

MANY_PROBLEMS_YAML = """\
classification: XY.123
date: "2026-13-45"
considering: bahwa ini bukan daftar
legal_basis:
  - Undang-Undang Nomor 20 Tahun 2003
  - {pasal: 1}
decisions: {pertama: Menunjuk}
signatory: {name: Dr. Siti, nip: "12345", title: "Kepala,"}
attachments:
  - title: DAFTAR
    columns: [No, Nama, Jabatan]
    rows:
      - ["1", Budi, Ketua]
      - ["2", Ani]
      - ["3", Yes, Anggota, lebih]
      - bukan baris
  - columns: [Nama]
"""


def test_decree_reports_all_problems_by_field(val_app: Archiva, tmp_path: Path) -> None:
    path = tmp_path / "keputusan.yaml"
    path.write_text(MANY_PROBLEMS_YAML, "utf-8")
    exc = refused(val_app, "decree", path)
    p = exc.problems
    expected = [
        ("subject:", "missing"),
        ("date:", "expected a date YYYY-MM-DD", "2026-13-45"),
        ("considering:", "expected a list of texts", "str"),
        ("legal_basis[2]:", "expected text", "dict"),
        ("decisions:", "expected a list of texts", "dict"),
        ("classification:", "XY.123", "not a classification code"),
        ("signatory.nip:", "18 digits", "12345"),
        # YAML 1.1 reads the unquoted column name No as false
        ("attachments[1].columns[1]:", "yes/no value", "quotes"),
        ("attachments[1].rows[2]:", "has 2 cells but there are 3 columns"),
        ("attachments[1].rows[3]:", "has 4 cells but there are 3 columns"),
        ("attachments[1].rows[4]:", "expected a list of cells"),
        ("attachments[2].title:", "missing"),
        ("attachments[2].rows:", "missing"),
    ]
    for prefix, *words in expected:
        assert _has(p, prefix, *words), (prefix, p)
    for problem in p:  # the message lists them all, one per line
        assert f"  - {problem}" in exc.message
    assert len(p) == len(set(p))


def test_bad_attachment_cell_is_named_with_closing_bracket(val_app: Archiva,
                                                           tmp_path: Path) -> None:
    data = load_example("keputusan.yaml")
    data["attachments"][0]["rows"][0][3] = True  # unquoted Yes in YAML
    exc = refused(val_app, "decree", write_yaml(tmp_path / "k.yaml", data))
    assert _has(exc.problems, "attachments[1].rows[1][4]:", "yes/no value")


def test_agreement_problems(val_app: Archiva, tmp_path: Path) -> None:
    data = load_example("perjanjian.yaml")
    del data["partner"]["official"]
    data["partner"]["address"] = ["bukan", "teks"]
    data["articles"][1] = {"clauses": []}
    data["articles"].append("Pasal tanpa isi")
    data["funding"]["amount"] = "lima belas juta"
    data["end_date"] = "2026-01-01"
    exc = refused(val_app, "mou", write_json(tmp_path / "pks.json", data))
    p = exc.problems
    assert _has(p, "partner.official:", "missing")
    assert _has(p, "partner.address:", "expected text", "list")
    assert _has(p, "articles[2].title:", "missing")
    assert _has(p, "articles[2].clauses:", "missing")
    assert _has(p, "articles[5]:", "expected an object")
    assert _has(p, "funding.amount:", "lima belas juta")
    assert _has(p, "end_date:", "before start_date")
    assert len(p) == 7


def test_report_problems(val_app: Archiva, tmp_path: Path) -> None:
    data = load_example("laporan.yaml")
    data["participants"][0]["count"] = "banyak"
    data["participants"][1]["count"] = -3
    data["participants"][2]["count"] = True
    data["evaluation"][0]["ratings"]["luar biasa"] = 3
    data["evaluation"][1]["ratings"]["baik"] = 2.5
    exc = refused(val_app, "report", write_yaml(tmp_path / "laporan.yaml", data))
    p = exc.problems
    assert _has(p, "participants[1].count:", "whole number", "banyak")
    assert _has(p, "participants[2].count:", "at least 0", "-3")
    assert _has(p, "participants[3].count:", "whole number", "True")
    assert _has(p, "evaluation[1].ratings.luar biasa:", "unknown rating")
    assert _has(p, "evaluation[2].ratings.baik:", "whole number", "2.5")
    assert len(p) == 5


def test_valid_example_passes_validation(val_app: Archiva) -> None:
    # the same path the failing files take, with good data: the checks above are not vacuous
    from archiva.documents.generate import load_data

    for kind, name in [("decree", "keputusan.yaml"), ("mou", "perjanjian.yaml"),
                       ("report", "laporan.yaml"), ("certificate", "kegiatan.yaml")]:
        parsed, template = load_data(val_app, kind, EXAMPLES / name)
        assert parsed.common.classification
        assert template.kind == kind


@pytest.mark.parametrize("date", ["2026-13-45", "2026-02-30"])
def test_unquoted_impossible_yaml_date(val_app: Archiva, tmp_path: Path, date: str) -> None:
    text = (EXAMPLES / "keputusan.yaml").read_text("utf-8").replace("date: 2026-11-10",
                                                                    f"date: {date}")
    assert f"date: {date}" in text
    path = tmp_path / "k.yaml"
    path.write_text(text, "utf-8")
    exc = refused(val_app, "decree", path)
    assert any(date in p and "date" in p for p in exc.problems), exc.problems


def test_classification_alone_is_reported(val_app: Archiva, tmp_path: Path) -> None:
    data = load_example("keputusan.yaml")
    data["classification"] = "Organisasi"
    exc = refused(val_app, "decree", write_yaml(tmp_path / "k.yaml", data))
    assert len(exc.problems) == 1
    assert exc.problems[0].startswith("classification:")


def test_lower_case_classification_is_accepted(val_app: Archiva, tmp_path: Path) -> None:
    from archiva.documents.generate import load_data

    data = load_example("keputusan.yaml")
    data["classification"] = "ot.02.02"
    parsed, _ = load_data(val_app, "decree", write_yaml(tmp_path / "k.yaml", data))
    assert parsed.common.date == dt.date(2026, 11, 10)


def test_template_required_fields_are_reported(val_app: Archiva, tmp_path: Path) -> None:
    data = load_example("laporan.yaml")
    del data["basis"], data["sections"], data["date"]
    exc = refused(val_app, "report", write_yaml(tmp_path / "laporan.yaml", data))
    for field in ("basis", "sections", "date"):
        assert _has(exc.problems, f"{field}:", "missing")
        # One message per field: not "missing" and again "required by the template".
        assert sum(p.startswith(f"{field}:") for p in exc.problems) == 1


def test_too_long_text_is_a_problem(val_app: Archiva, tmp_path: Path) -> None:
    data = load_example("keputusan.yaml")
    data["considering"][1] = "x" * (MAX_TEXT + 1)
    exc = refused(val_app, "decree", write_json(tmp_path / "k.json", data))
    assert _has(exc.problems, "considering[2]:", f"{MAX_TEXT + 1} characters", str(MAX_TEXT))


# -- file-level problems ------------------------------------------------------------------------

def _decree_file_refused(app: Archiva, path: Path, *words: str) -> DataFileError:
    exc = refused(app, "decree", path)
    assert len(exc.problems) == 1
    for w in words:
        assert w in exc.problems[0], (w, exc.problems)
    return exc


def test_empty_file(val_app: Archiva, tmp_path: Path) -> None:
    path = tmp_path / "kosong.yaml"
    path.write_bytes(b"")
    _decree_file_refused(val_app, path, "empty")


@pytest.mark.parametrize("content", ["   \n# hanya komentar\n", "- satu\n- dua\n", "teks saja\n"])
def test_yaml_without_fields(val_app: Archiva, tmp_path: Path, content: str) -> None:
    path = tmp_path / "k.yaml"
    path.write_text(content, "utf-8")
    _decree_file_refused(val_app, path, "expected an object with named fields")


def test_invalid_json_names_the_line(val_app: Archiva, tmp_path: Path) -> None:
    path = tmp_path / "k.json"
    path.write_text('{\n  "classification": "OT.02.02",\n  "date": 2026-11-10,\n}\n', "utf-8")
    _decree_file_refused(val_app, path, "not valid JSON", "line 3")


def test_invalid_yaml_names_the_line(val_app: Archiva, tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("classification: OT.02.02\ndate: 2026-11-10\nsubject: [tidak ditutup\n"
                    "considering:\n  - a\n", "utf-8")
    exc = _decree_file_refused(val_app, path, "not valid YAML", "line ")
    line = int(exc.problems[0].split("line ")[1].split(":")[0])
    assert 3 <= line <= 6


def test_yaml_tab_indentation(val_app: Archiva, tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_text("classification: OT.02.02\nconsidering:\n\t- bahwa\n", "utf-8")
    _decree_file_refused(val_app, path, "not valid YAML", "line 3")


def test_not_utf8(val_app: Archiva, tmp_path: Path) -> None:
    path = tmp_path / "k.yaml"
    path.write_bytes("subject: Pelaksana Kegiatan Pendampingan\nplace: Bogor\xa0\xe9\n"
                     .encode("cp1252") + b"\xff\xfe\x81")
    _decree_file_refused(val_app, path, "not UTF-8")


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "k.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"subject": "Tes"}).encode())
    assert load_mapping(path) == {"subject": "Tes"}


def test_directory_instead_of_file(val_app: Archiva, tmp_path: Path) -> None:
    folder = tmp_path / "data.yaml"
    folder.mkdir()
    _decree_file_refused(val_app, folder, "folder")


def test_missing_file(val_app: Archiva, tmp_path: Path) -> None:
    _decree_file_refused(val_app, tmp_path / "tidak-ada.yaml", "does not exist")


@pytest.mark.parametrize("name", ["keputusan.txt", "keputusan.docx", "keputusan"])
def test_unknown_extension(val_app: Archiva, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text((EXAMPLES / "keputusan.yaml").read_text("utf-8"), "utf-8")
    _decree_file_refused(val_app, path, "unknown file type", ".json, .yaml or .yml")


def test_yml_extension_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "k.YML"
    path.write_text("subject: Tes\n", "utf-8")
    assert load_mapping(path) == {"subject": "Tes"}


def test_huge_file(val_app: Archiva, tmp_path: Path) -> None:
    path = tmp_path / "besar.yaml"
    line = "# " + "x" * 1000 + "\n"
    example = (EXAMPLES / "keputusan.yaml").read_text("utf-8")
    path.write_text(example + line * (MAX_BYTES // len(line) + 1), "utf-8")
    assert path.stat().st_size > 5 * 1024 * 1024
    _decree_file_refused(val_app, path, str(path.stat().st_size), "bytes")


def test_python_object_tag_is_refused_not_executed(val_app: Archiva, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    path = tmp_path / "jahat.yaml"
    path.write_text(
        (EXAMPLES / "keputusan.yaml").read_text("utf-8")
        + f"extra: !!python/object/apply:os.system ['touch {marker}']\n"
        + "other: !!python/object:archiva.errors.ArchivaError {message: x}\n",
        "utf-8",
    )
    exc = _decree_file_refused(val_app, path, "not valid YAML", "python/object")
    assert not marker.exists()
    tag_line = len((EXAMPLES / "keputusan.yaml").read_text("utf-8").splitlines()) + 1
    assert f"at line {tag_line}:" in exc.problems[0]


# -- Fields, the validation helper ----------------------------------------------------------------

def test_fields_control_characters_dropped_and_text_types() -> None:
    f = Fields({"a": " Baris\x07satu\x0c\x1b \t", "b": 12, "c": 1.5, "d": Decimal("2.50"),
                "e": "tab\tdan\nbaris\x7f"})
    assert f.text("a") == "Barissatu"
    assert f.text("b") == "12"
    assert f.text("c") == "1.5"
    assert f.text("d") == "2.50"
    assert f.text("e") == "tab\tdan\nbaris"
    assert f.problems == []


def test_fields_missing_and_optional() -> None:
    f = Fields({"a": "", "b": None, "c": [], "d": "  "}, prefix="x.")
    assert f.text("a") == ""
    assert f.text("b", optional=True, default="kosong") == "kosong"
    assert f.texts("c", optional=True) == []
    assert f.date("z", optional=True) is None
    assert f.text("d", optional=True, default="bawaan") == "bawaan"
    assert f.problems == ["x.a: missing; expected text"]


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-02-28", dt.date(2026, 2, 28)),
    (dt.date(2026, 2, 28), dt.date(2026, 2, 28)),
    (dt.datetime(2026, 2, 28, 9, 30), dt.date(2026, 2, 28)),
    (" 2026-02-28 ", dt.date(2026, 2, 28)),
])
def test_fields_date_ok(value: Any, expected: dt.date) -> None:
    f = Fields({"d": value})
    assert f.date("d") == expected
    assert f.problems == []


@pytest.mark.parametrize("value", ["2026-02-30", "28-02-2026", "28 Februari 2026", True, [1]])
def test_fields_date_bad(value: Any) -> None:
    f = Fields({"d": value})
    assert f.date("d") is None
    assert len(f.problems) == 1
    assert f.problems[0].startswith("d: expected a date YYYY-MM-DD")


@pytest.mark.parametrize(("value", "expected"), [
    (15000000, Decimal(15000000)), ("1_500_000", Decimal(1500000)), ("2500.50", Decimal("2500.50")),
    (0, Decimal(0)),
])
def test_fields_amount_ok(value: Any, expected: Decimal) -> None:
    f = Fields({"a": value})
    assert f.amount("a") == expected
    assert f.problems == []


@pytest.mark.parametrize("value", [-1, "Rp1.500.000", True, "NaN", "Infinity", "1e400000x"])
def test_fields_amount_bad(value: Any) -> None:
    f = Fields({"a": value})
    assert f.amount("a") is None
    assert f.problems and f.problems[0].startswith("a: expected an amount")


def test_fields_nested_problems_share_one_list() -> None:
    f = Fields({"p": {"q": [{"r": True}, "s"]}})
    p = f.obj("p")
    assert p is not None
    items = p.objects("q", lambda g: g.text("r"))
    assert items == [""]
    assert f.problems == ["p.q[1].r: expected text, found a yes/no value; put the text in "
                          'quotes, e.g. "No"', "p.q[2]: expected an object with named fields"]


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_fields_text_never_keeps_control_characters(value: str) -> None:
    out = Fields({"t": value}).text("t", optional=True)
    assert not any(ord(c) < 32 and c not in "\t\n" for c in out)
    assert "\x7f" not in out
    kept = "".join(c for c in value if c in "\t\n" or (ord(c) >= 32 and ord(c) != 127))
    assert out == kept.strip()


def test_deeply_nested_data_is_refused_by_name(tmp_path: Path) -> None:
    from archiva.documents.datafile import load_mapping
    from archiva.errors import DataFileError

    path = tmp_path / "nested.json"
    path.write_text('{"subject": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    with pytest.raises(DataFileError, match="nested too deeply"):
        load_mapping(path)
