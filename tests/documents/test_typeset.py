"""Measured text: titles broken evenly with no lone last word, and column widths that fit."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from archiva.documents.typeset import MAX_WORD_SHARE, balanced_lines, column_widths, width_cm

HEADING = "KEPUTUSAN KEPALA BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN"


def test_a_title_too_long_for_one_line_is_broken_evenly() -> None:
    assert width_cm(HEADING, 12, bold=True) > 15.0  # a greedy break leaves "BANTEN" alone
    lines = balanced_lines(HEADING, 15.0, 12, bold=True)
    assert len(lines) == 2
    assert " ".join(lines) == HEADING
    widths = [width_cm(line, 12, bold=True) for line in lines]
    assert max(widths) <= 15.0 and min(widths) > 0.6 * max(widths)


def test_a_title_that_fits_stays_on_one_line() -> None:
    assert balanced_lines("  STANDAR   PELAYANAN ", 15.0, 12) == ["STANDAR PELAYANAN"]
    assert balanced_lines("", 15.0, 12) == []


words = st.lists(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=14),
                 min_size=1, max_size=30)


@given(words)
def test_balanced_lines_keep_every_word_fit_and_use_no_more_lines_than_greedy(ws: list[str]
                                                                               ) -> None:
    text = " ".join(ws)
    lines = balanced_lines(text, 12.0, 12, bold=True)
    assert " ".join(lines) == text
    for line in lines:  # a line is over the width only when it is one word too long
        assert width_cm(line, 12, bold=True) <= 12.0 + 1e-6 or len(line.split()) == 1
    greedy, current = 0, ""
    for w in ws:
        trial = f"{current} {w}".strip()
        if current and width_cm(trial, 12, bold=True) > 12.0:
            greedy, current = greedy + 1, w
        else:
            current = trial
    assert len(lines) <= greedy + 1


def test_the_no_column_is_narrow_and_the_description_takes_the_space() -> None:
    widths = column_widths(["No", "Komponen", "Uraian"],
                           [["1.", "Persyaratan Pelayanan", "Surat permohonan " * 20]], 15.5, 11)
    assert abs(sum(widths) - 15.5) < 1e-9
    assert widths[0] < 1.3 and widths[2] > 10


def test_short_tables_spread_in_proportion_and_given_widths_win() -> None:
    widths = column_widths(["No", "Nama"], [["1", "Budi"]], 15.5, 11)
    assert abs(sum(widths) - 15.5) < 1e-9 and widths[0] < widths[1]
    assert column_widths(["a", "b", "c"], [], 10, 11, given=[1, 3, 6]) == [1.0, 3.0, 6.0]


def test_one_enormous_word_does_not_squeeze_the_other_columns() -> None:
    widths = column_widths(["No", "Nama", "Jabatan"],
                           [["1", "Z" * 90, "Penanggung Jawab"]], 15.5, 11)
    # The other columns keep room for their longest words; the enormous one breaks.
    assert widths[0] > width_cm("No", 11, bold=True) + 0.3
    assert widths[2] > width_cm("Penanggung", 11) + 0.3
    assert width_cm("Z" * 90, 11) > widths[1] >= 15.5 * MAX_WORD_SHARE
