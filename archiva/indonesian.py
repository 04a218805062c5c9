"""Indonesian formatting for official documents: dates, day names, numbers in words, rupiah."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_NIP = re.compile(r"[0-9]{18}")
_ORDINAL_ONES = {1: "KESATU"}  # official decrees say KESATU, not PERTAMA


def words(n: int) -> str:
    """Cardinal number in words: 1500000 -> 'satu juta lima ratus ribu'."""
    from num2words import num2words  # 30 ms to import; most commands never spell numbers

    if n < 0:
        return "minus " + words(-n)
    return num2words(n, lang="id")


def date_text(d: dt.date) -> str:
    """'18 Desember 2023'."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def day_name(d: dt.date) -> str:
    return DAYS[d.weekday()]


def date_in_words(d: dt.date) -> str:
    """'Jumat tanggal dua puluh bulan November tahun dua ribu dua puluh enam'."""
    return (
        f"{day_name(d)} tanggal {words(d.day)} bulan {MONTHS[d.month - 1]} "
        f"tahun {words(d.year)}"
    )


def period_text(start: dt.date, end: dt.date) -> str:
    """'18 s.d. 20 November 2026', '30 November s.d. 2 Desember 2026', or one date."""
    if start == end:
        return date_text(start)
    if start.year == end.year and start.month == end.month:
        return f"{start.day} s.d. {date_text(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} s.d. {date_text(end)}"
    return f"{date_text(start)} s.d. {date_text(end)}"


def decision_label(n: int) -> str:
    """Dictum labels of a decree: KESATU, KEDUA, ..., KESEBELAS, KEDUA BELAS."""
    if n in _ORDINAL_ONES:
        return _ORDINAL_ONES[n]
    return ("ke" + words(n)).upper()  # KEDUA, KESEBELAS, KEDUA BELAS


def letter_label(n: int) -> str:
    """List labels a., b., ..., z., aa., ab. (bijective base 26)."""
    return suffix_letters(n) + "."


def suffix_letters(n: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa': the letters of an inserted number."""
    if n < 1:
        raise ValueError("n must be positive")
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def suffix_index(s: str) -> int:
    """Inverse of suffix_letters: 'a' -> 1, 'aa' -> 27."""
    n = 0
    for ch in s:
        n = n * 26 + (ord(ch) - ord("a") + 1)
    return n


def nip_ok(nip: str) -> bool:
    """NIP (civil servant number): exactly 18 ASCII digits."""
    return bool(_NIP.fullmatch(nip))


def roman(n: int) -> str:
    """Roman numerals for attachment labels (LAMPIRAN II) and months in some number formats."""
    table = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, sym in table:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def rupiah(amount: Decimal | int | float | str) -> str:
    """'Rp1.500.000,00 (satu juta lima ratus ribu rupiah)'."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(abs(value) * 100, 100)
    digits = f"{int(whole):,}".replace(",", ".")
    sign = "-" if value < 0 else ""
    spoken = ("minus " if value < 0 else "") + words(int(whole)) + " rupiah"
    if cents:
        spoken += f" {words(int(cents))} sen"
    return f"{sign}Rp{digits},{int(cents):02d} ({spoken})"
