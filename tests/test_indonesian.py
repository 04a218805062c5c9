"""Indonesian formatting: dates, day names, labels, numbers in words, rupiah."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiva.indonesian import (
    date_in_words,
    date_text,
    day_name,
    decision_label,
    letter_label,
    period_text,
    roman,
    rupiah,
    suffix_index,
    suffix_letters,
    words,
)

# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (dt.date(2023, 12, 18), "18 Desember 2023"),
        (dt.date(2026, 1, 1), "1 Januari 2026"),
        (dt.date(2024, 2, 29), "29 Februari 2024"),
        (dt.date(2026, 3, 5), "5 Maret 2026"),
        (dt.date(2026, 5, 31), "31 Mei 2026"),
        (dt.date(2026, 8, 17), "17 Agustus 2026"),
    ],
)
def test_date_text(d, expected):
    assert date_text(d) == expected


def test_date_text_has_no_zero_padding():
    assert date_text(dt.date(2026, 3, 5)).startswith("5 ")


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (dt.date(2026, 11, 20), "Jumat"),
        (dt.date(2023, 12, 18), "Senin"),
        (dt.date(2023, 12, 19), "Selasa"),
        (dt.date(2023, 12, 20), "Rabu"),
        (dt.date(2023, 12, 21), "Kamis"),
        (dt.date(2023, 12, 22), "Jumat"),
        (dt.date(2023, 12, 23), "Sabtu"),
        (dt.date(2023, 12, 24), "Minggu"),
        (dt.date(1945, 8, 17), "Jumat"),  # the proclamation of independence
        (dt.date(2000, 1, 1), "Sabtu"),
    ],
)
def test_day_name(d, expected):
    assert day_name(d) == expected


def test_date_in_words():
    assert date_in_words(dt.date(2026, 11, 20)) == (
        "Jumat tanggal dua puluh bulan November tahun dua ribu dua puluh enam"
    )


def test_date_in_words_single_digit_day_and_thousand():
    assert date_in_words(dt.date(2000, 1, 1)) == "Sabtu tanggal satu bulan Januari tahun dua ribu"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2026, 11, 18), dt.date(2026, 11, 20), "18 s.d. 20 November 2026"),
        (dt.date(2026, 11, 30), dt.date(2026, 12, 2), "30 November s.d. 2 Desember 2026"),
        (
            dt.date(2026, 12, 30),
            dt.date(2027, 1, 2),
            "30 Desember 2026 s.d. 2 Januari 2027",
        ),
        (dt.date(2026, 11, 20), dt.date(2026, 11, 20), "20 November 2026"),
        # Same month number in different years is not "same month".
        (dt.date(2025, 11, 18), dt.date(2026, 11, 20), "18 November 2025 s.d. 20 November 2026"),
    ],
)
def test_period_text(start, end, expected):
    assert period_text(start, end) == expected


# --- labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "KESATU"),
        (2, "KEDUA"),
        (3, "KETIGA"),
        (4, "KEEMPAT"),
        (10, "KESEPULUH"),
        (11, "KESEBELAS"),
        (12, "KEDUA BELAS"),
        (21, "KEDUA PULUH SATU"),
    ],
)
def test_decision_label(n, expected):
    assert decision_label(n) == expected


def test_decision_label_never_says_pertama():
    assert "PERTAMA" not in decision_label(1)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "a."), (2, "b."), (26, "z."), (27, "aa."), (28, "ab."), (52, "az."), (53, "ba.")],
)
def test_letter_label(n, expected):
    assert letter_label(n) == expected


@pytest.mark.parametrize(
    ("n", "letters"),
    [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (52, "az"), (702, "zz"), (703, "aaa")],
)
def test_suffix_letters_and_index(n, letters):
    assert suffix_letters(n) == letters
    assert suffix_index(letters) == n


@pytest.mark.parametrize("n", [0, -1])
def test_suffix_letters_refuses_non_positive(n):
    with pytest.raises(ValueError):
        suffix_letters(n)


@given(st.integers(min_value=1, max_value=100_000))
def test_suffix_round_trip(n):
    letters = suffix_letters(n)
    assert re.fullmatch(r"[a-z]+", letters)
    assert suffix_index(letters) == n


@given(st.integers(min_value=1, max_value=100_000))
def test_suffix_letters_sort_like_numbers(n):
    # Shorter first, then alphabetical: the order a register shows 024a, 024b, ..., 024z, 024aa.
    a, b = suffix_letters(n), suffix_letters(n + 1)
    assert (len(a), a) < (len(b), b)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "I"),
        (2, "II"),
        (4, "IV"),
        (5, "V"),
        (9, "IX"),
        (10, "X"),
        (12, "XII"),
        (14, "XIV"),
        (40, "XL"),
        (90, "XC"),
        (400, "CD"),
        (900, "CM"),
        (1994, "MCMXCIV"),
        (2023, "MMXXIII"),
    ],
)
def test_roman(n, expected):
    assert roman(n) == expected


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _from_roman(s: str) -> int:
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v:
            total -= v
        else:
            total += v
    return total


@given(st.integers(min_value=1, max_value=3999))
def test_roman_reads_back(n):
    text = roman(n)
    assert re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", text)
    assert _from_roman(text) == n


# --- numbers in words and rupiah --------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "nol"),
        (1, "satu"),
        (11, "sebelas"),
        (100, "seratus"),
        (1000, "seribu"),
        (2026, "dua ribu dua puluh enam"),
        (1_500_000, "satu juta lima ratus ribu"),
        (-5, "minus lima"),
    ],
)
def test_words(n, expected):
    assert words(n) == expected


def test_rupiah_example_from_the_standard():
    assert rupiah(1_500_000) == "Rp1.500.000,00 (satu juta lima ratus ribu rupiah)"


def test_rupiah_zero():
    assert rupiah(0) == "Rp0,00 (nol rupiah)"


def test_rupiah_small_amount_has_no_separator():
    assert rupiah(750) == "Rp750,00 (tujuh ratus lima puluh rupiah)"


def test_rupiah_cents():
    assert rupiah(Decimal("1500000.50")) == (
        "Rp1.500.000,50 (satu juta lima ratus ribu rupiah lima puluh sen)"
    )


def test_rupiah_rounds_half_up_to_cents():
    assert rupiah("12.345") == "Rp12,35 (dua belas rupiah tiga puluh lima sen)"


def test_rupiah_float_is_taken_by_its_shortest_text():
    assert rupiah(0.1 + 0.2) == "Rp0,30 (nol rupiah tiga puluh sen)"


def test_rupiah_string_amount():
    assert rupiah("2500000") == "Rp2.500.000,00 (dua juta lima ratus ribu rupiah)"


def test_rupiah_negative_figure():
    assert rupiah(-1_500_000).startswith("-Rp1.500.000,00 (")


def test_rupiah_negative_words_keep_the_sign():
    assert rupiah(-1_500_000) == "-Rp1.500.000,00 (minus satu juta lima ratus ribu rupiah)"
