"""Nested numbered points of a decree: read from data, every problem named, flattened into
lines with markers by depth."""

from __future__ import annotations

from typing import Any

import pytest

from archiva.documents.fields import Fields
from archiva.documents.points import MAX_DEPTH, Point, flatten, parse_points


def parse(decisions: Any) -> tuple[list[Point], list[str]]:
    f = Fields({"decisions": decisions})
    return parse_points(f, "decisions"), f.problems


def lines(decisions: Any) -> list[tuple[int, str, str, str]]:
    points, problems = parse(decisions)
    assert problems == []
    return [(line.depth, line.marker, line.text, line.context("KEDUA")["label"])
            for group in flatten(points) for line in group]


def test_plain_texts_are_one_paragraph_each_and_a_newline_starts_another() -> None:
    assert lines(["Satu.", "Dua baris pertama.\nDua baris kedua.\n\n"]) == [
        (0, "", "Satu.", "KEDUA"),
        (0, "", "Dua baris pertama.", "KEDUA"),
        (0, "", "Dua baris kedua.", ""),
    ]


def test_the_real_decrees_kedua() -> None:
    kedua = {"text": "Standar pelayanan meliputi:", "numbering": "A.", "items": [
        {"text": "Service Delivery", "numbering": "a.", "items": ["Persyaratan;", "Biaya."]},
        {"text": "Manufacturing", "numbering": "1.", "items": ["Dasar hukum;", "Sarana."]},
    ]}
    assert lines([kedua]) == [
        (0, "", "Standar pelayanan meliputi:", "KEDUA"),
        (1, "A.", "Service Delivery", ""), (2, "a.", "Persyaratan;", ""),
        (2, "b.", "Biaya.", ""),
        (1, "B.", "Manufacturing", ""), (2, "1.", "Dasar hukum;", ""), (2, "2.", "Sarana.", ""),
    ]


def test_default_markers_follow_the_tata_naskah_order_and_closing_returns_left() -> None:
    deep: Any = "paling dalam"
    for _ in range(5):
        deep = {"text": "butir", "items": [deep]}
    out = lines([{**deep, "closing": ["Penutup diktum."]}])
    assert [(d, m) for d, m, _, _ in out] == [(0, ""), (1, "a."), (2, "1."), (3, "a)"),
                                              (4, "1)"), (5, "(a)"), (0, "")]
    assert out[-1][2] == "Penutup diktum."


@pytest.mark.parametrize(("style", "third"), [("A.", "C."), ("I.", "III."), ("(1)", "(3)"),
                                               ("-", "-"), ("a)", "c)")])
def test_numbering_styles(style: str, third: str) -> None:
    out = lines([{"text": "x", "numbering": style, "items": ["p", "q", "r"]}])
    assert out[3][1] == third


def test_problems_are_named_by_field() -> None:
    too_deep: Any = "x"
    for _ in range(MAX_DEPTH + 1):
        too_deep = {"text": "t", "items": [too_deep]}
    _, problems = parse([
        {"text": "a", "numbering": "Z."},
        {"txt": "typo"},
        {"items": "not a list", "text": "b"},
        too_deep,
        True,
    ])
    assert any(p.startswith("decisions[1].numbering: 'Z.' is not a numbering style")
               for p in problems)
    assert "decisions[2].txt: unknown field; a point has text, items, numbering and closing" \
        in problems
    assert "decisions[2].text: missing; a point needs a text or items" in problems
    assert "decisions[3].items: expected a list, found str" in problems
    assert any(p.endswith(f"items: points may be nested {MAX_DEPTH} levels deep at most")
               for p in problems)
    assert any(p.startswith("decisions[5]: expected text, found a yes/no value")
               for p in problems)


def test_not_a_list_and_missing() -> None:
    assert parse({"text": "x"})[1] == [
        "decisions: expected a list of texts or of points {text, items}, found dict"]
    assert parse([])[1] == [
        "decisions: missing; expected a list of texts or of points {text, items}"]
