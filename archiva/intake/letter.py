"""Details of an Indonesian official letter (surat dinas) read from its plain text.

The text comes from a PDF text layer, a DOCX or OCR, so the parser works line by line, splits a
line into columns at tabs or runs of 3+ spaces (the Nomor block on the left, the date or the
addressee on the right) and accepts OCR-damaged labels ('Nomer', 'N0mor', 'Perlhal', ';' for ':').
A field that is not found stays empty and is named in `missing`: a person reviews it; nothing is
guessed. Pure logic: no I/O, standard library only. Every regex is applied to one line of at most
_MAX_LINE characters and has no nested unbounded repetition, so hostile input stays linear.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from archiva.indonesian import MONTHS

FIELDS = ("sender", "number", "date", "subject", "addressee", "attachments", "signer",
          "signer_nip")


@dataclass(frozen=True)
class LetterDetails:
    sender: str = ""
    number: str = ""
    date: dt.date | None = None
    place: str = ""
    subject: str = ""
    addressee: str = ""
    attachments: str = ""
    attachment_count: int | None = None
    signer: str = ""
    signer_nip: str = ""
    missing: tuple[str, ...] = ()
    doubts: tuple[str, ...] = ()  # "field: why" for values found but corrected or doubtful


# -- dates ---------------------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "january": 1, "februari": 2, "pebruari": 2, "february": 2, "maret": 3,
    "march": 3, "april": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7,
    "agustus": 8, "augustus": 8, "august": 8, "september": 9, "sepember": 9, "oktober": 10,
    "october": 10, "november": 11, "nopember": 11, "desember": 12, "december": 12,
}
# OCR damages the tail of a long word more often than its start; three letters decide the month.
_MONTH_PREFIXES = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7,
    "agu": 8, "agt": 8, "ags": 8, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11,
    "des": 12, "dec": 12,
}
_DAY_NAMES = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}
_NOT_PLACES = _DAY_NAMES | {"tanggal", "tgl", "hari", "pada", "sejak", "sampai", "hingga"}

# Digits as OCR reads them: O for 0, l/I/| for 1. Accepted only where the token has real digits.
_D = "[0-9OoIl|]"
_DATE_WORDS = (
    rf"(?<![0-9A-Za-z])(?P<d>{_D}{{1,2}}) ?(?P<m>[A-Za-z0][A-Za-z01]{{2,9}})\.? ?(?P<y>{_D}{{4}})"
    r"(?![0-9A-Za-z])"
)
_DATE_NUMERIC = (
    rf"(?<![0-9A-Za-z])(?P<nd>{_D}{{1,2}}) ?[-/.] ?(?P<nm>{_D}{{1,2}}) ?[-/.] ?(?P<ny>{_D}{{4}})"
    r"(?![0-9A-Za-z])"
)
_DATE_ISO = r"(?<![0-9])(?P<iy>(?:19|20)[0-9]{2})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})(?![0-9])"
_DATE = f"(?:{_DATE_WORDS}|{_DATE_NUMERIC}|{_DATE_ISO})"
_DATE_RE = re.compile(_DATE)
_BARE_DATE_RE = re.compile(rf"{_DATE}\s*")
_PLACE = r"(?P<place>[A-Z][A-Za-z'.\-]*(?: [A-Z][A-Za-z'.\-]*){0,3}) ?[,.;]? ?"
_PLACE_DATE_RE = re.compile(rf"{_PLACE}{_DATE}\s*")  # a whole column: "Lebak, 3 Maret 2026"
# A date line glued to the end of another value once the column gap is lost.
_TRAILING_PLACE_DATE_RE = re.compile(rf"(?:(?<=\s)|^){_PLACE}{_DATE}\s*$")


def _digits(token: str, min_real: int) -> str | None:
    """The token as digits if OCR letter-for-digit confusions are the only non-digits."""
    if sum(ch.isdigit() for ch in token) < min_real:
        return None
    fixed = token.translate(_DIGIT_FIX)
    return fixed if fixed.isdigit() else None


_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


def _month(word: str) -> int | None:
    if sum(ch.isalpha() for ch in word) < 2:
        return None
    key = word.lower().replace("0", "o")
    if key in _MONTHS:
        return _MONTHS[key]
    for guess in (key, key.replace("1", "i"), key.replace("i", "l").replace("1", "l")):
        if guess[:3] in _MONTH_PREFIXES:  # 'JuIi' -> 'jul', 'Apri1' -> 'apr'
            return _MONTH_PREFIXES[guess[:3]]
    return None


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    if m["y"] is not None:
        day, month, year = _digits(m["d"], 1), _month(m["m"]), _digits(m["y"], 2)
    elif m["ny"] is not None:
        day, year = _digits(m["nd"], 1), _digits(m["ny"], 2)
        month = int(mm) if (mm := _digits(m["nm"], 1)) else None
    else:
        day, month, year = m["id"], int(m["im"]), m["iy"]
    if day is None or month is None or year is None or not 1900 <= int(year) <= 2100:
        return None
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def parse_indonesian_date(s: str) -> dt.date | None:
    """The first valid date in s: '3 Maret 2026', 'Lebak, 03-03-2026', '2026-03-03', '3 Nopember
    2025', OCR-damaged '3 Marct 2O26'. None when there is none (never a guess)."""
    for m in _DATE_RE.finditer(_clip(s)):
        found = _date_from_match(m)
        if found:
            return found
    return None


# -- lines and columns ---------------------------------------------------------------------------

_MAX_LINE = 1000  # letters never have longer lines; the cap keeps hostile input cheap
# Details sit on the first page and the signature at the end: a long text (a letter with
# attachments, or no letter at all) is read only there, which bounds the work on any input.
_HEAD_LINES = 300
_TAIL_LINES = 100
_RIGHT_COL = 20  # a line indented this far holds only the right column (date, addressee, signer)
_PIECE_RE = re.compile(r"[^\t ](?:[^\t ]| {1,2}(?=[^\t ]))*")  # words joined by 1-2 spaces
_ODD_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " "})


def _clip(s: str) -> str:
    return s[:_MAX_LINE]


def _norm(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True)
class _Piece:
    col: int  # character column; anything after a tab counts as right column
    text: str


@dataclass(frozen=True)
class _Line:
    raw: str
    pieces: tuple[_Piece, ...]

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces)

    @property
    def right_only(self) -> bool:
        return bool(self.pieces) and self.pieces[0].col >= _RIGHT_COL


def _pieces(s: str, offset: int = 0) -> tuple[_Piece, ...]:
    out = []
    tabs, seen = 0, 0
    for m in _PIECE_RE.finditer(s):
        tabs += s.count("\t", seen, m.start())
        seen = m.end()
        out.append(_Piece(offset + m.start() + 100 * tabs, " ".join(m.group().split())))
    return tuple(out)


def _lines(text: str) -> list[_Line]:
    raw_lines = text.translate(_ODD_SPACES).splitlines()
    if len(raw_lines) > _HEAD_LINES + _TAIL_LINES:  # attachments, or not a letter at all
        raw_lines = raw_lines[:_HEAD_LINES] + raw_lines[-_TAIL_LINES:]
    return [_Line(raw, _pieces(raw)) for raw in (_clip(r.rstrip()) for r in raw_lines)]


# -- labels (Nomor, Lampiran, Hal/Perihal, Sifat, Tanggal) ---------------------------------------


def _spaced(*letters: str) -> str:
    """A label word as OCR reads it: each letter a small class, stray spaces between them."""
    return " {0,2}".join(letters)


_LABEL_RE = re.compile(
    r"^[ \t]*(?:"
    rf"(?P<nomor>{_spaced('n', '[o0]', '(?:m|rn|nn)', '[o0e]', 'r')}|n[o0] ?\.|n[o0](?=[ \t]*[:;]))"
    rf"|(?P<lampiran>{_spaced('l', '[a4]', '(?:m|rn)', 'p', '[i1l!]', 'r', '[a4]', 'n')}"
    r"|l[a4]mp ?\.)"
    rf"|(?P<hal>{_spaced('p', '[e3c]', 'r', '[i1l!]', 'h', '[a4]', '[l1i]')}"
    rf"|{_spaced('h', '[a4]', '[l1i]')})"
    rf"|(?P<sifat>{_spaced('s', '[i1l]', 'f', '[a4]', 't')})"
    rf"|(?P<tanggal>{_spaced('t', '[a4]', 'n', 'g', 'g', '[a4]', '[l1]')}|tgl ?\.)"
    # OCR reads a table rule or smudge before the colon as a dash or bar: 'Hal — : ...'
    r")(?![a-z0-9])[ \t]*(?:[\u2013\u2014|]+[ \t]*(?=[:;]))?(?P<sep>[:;.,]?)[ \t]*(?P<value>.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Label:
    name: str
    index: int  # line index
    value: tuple[_Piece, ...]  # pieces of the value: the first is the left column


def _label(line: _Line, index: int) -> _Label | None:
    m = _LABEL_RE.match(line.raw)
    if not m:
        return None
    name = next(k for k in ("nomor", "lampiran", "hal", "sifat", "tanggal") if m[k])
    value = _pieces(m["value"], m.start("value"))
    first = value[0].text if value else ""
    # 'Hal ini ...' in running text is no label: without a separator the value must not start
    # like a sentence's next word.
    if not m["sep"] and first[:1].islower():
        return None
    if name == "tanggal" and not m["sep"]:
        return None
    return _Label(name, index, value)


def _labels(lines: list[_Line], end: int) -> dict[str, _Label]:
    found: dict[str, _Label] = {}
    for i, line in enumerate(lines[:end]):
        lab = _label(line, i)
        if lab and lab.name not in found:
            found[lab.name] = lab
    return found


# -- markers -------------------------------------------------------------------------------------

_YTH = r"(?:y ?[t1l] ?[hb](?![a-z])\.?|yang\s+terhormat\b)"
_YTH_RE = re.compile(rf"(?:^|(?<=\s))(?:kepada\s*[:.,]?\s*)?{_YTH}\s*[:.,]?\s*(?P<rest>.*)$",
                     re.IGNORECASE)
_KEPADA_RE = re.compile(r"^kepada\s*[:.,]?\s*(?P<rest>.*)$", re.IGNORECASE)
_SALUTATION_RE = re.compile(r"^(?:dengan\s+hormat|assalamu)", re.IGNORECASE)
_TEMBUSAN_RE = re.compile(r"^t ?e ?m ?b ?u ?s ?a ?n\b", re.IGNORECASE)
_RULE_RE = re.compile(r"^[\s=_\-\u2013\u2014~*#.]{5,}$")
_DI_RE = re.compile(r"^di(?:\s+tempat)?\.?$", re.IGNORECASE)  # 'di' / 'di Tempat' under Yth


def _is_date_line(line: _Line) -> bool:
    return _date_in_line(line) is not None


def _is_stop(line: _Line) -> bool:
    """A line that ends a label value's continuation (or the letterhead)."""
    t = line.text
    return (not line.pieces or _label(line, 0) is not None or bool(_YTH_RE.match(t))
            or bool(_KEPADA_RE.match(t)) or bool(_SALUTATION_RE.match(t))
            or _is_date_line(line))


def _body_start(lines: list[_Line]) -> int:
    for i, line in enumerate(lines):
        if _SALUTATION_RE.match(line.text):
            return i
    return len(lines)


# -- date line -----------------------------------------------------------------------------------


def _place_date(m: re.Match[str] | None) -> tuple[str, dt.date] | None:
    if not m or m["place"].lower().strip(".") in _NOT_PLACES:
        return None
    found = _date_from_match(m)
    return (m["place"].strip(" .,;"), found) if found else None


def _date_in_line(line: _Line) -> tuple[str, dt.date] | None:
    """A date line: 'Lebak, 3 Maret 2026' as a column, or a bare date as the whole line."""
    if len(line.pieces) == 1 and (m := _BARE_DATE_RE.fullmatch(line.pieces[0].text)):
        found = _date_from_match(m)
        if found:
            return "", found
    for k, piece in enumerate(line.pieces):
        if k and line.pieces[k - 1].text.endswith(":"):
            continue  # 'Hari/tanggal :   Senin, 20 April' is an event, not the letter date
        # OCR's stray marks around a column ('- Serang, 10 November 2026 -') are not part of it
        hit = _place_date(_PLACE_DATE_RE.fullmatch(piece.text.strip(_EDGE_JUNK)))
        if hit:
            return hit
    return None


def _letter_date(lines: list[_Line], labels: dict[str, _Label]) -> tuple[str, dt.date | None]:
    glued = {lab.index: lab for lab in labels.values() if lab.value}
    for i, line in enumerate(lines):
        lab = glued.get(i)
        if lab and lab.name == "tanggal":
            found = parse_indonesian_date(lab.value[0].text)
            if found:
                return "", found
        hit = _date_in_line(line)
        if hit:
            return hit
        if lab:
            hit = _place_date(_TRAILING_PLACE_DATE_RE.search(lab.value[0].text))
            if hit:
                return hit
    return "", None


# -- Nomor, Lampiran, Hal ------------------------------------------------------------------------

_AROUND_SLASH_RE = re.compile(r"\s*/\s*")
# The addressee column glued on once the gap was lost: '... Yth. Kepala BPMP' or '... Kepada'.
_INLINE_ADDRESSEE_RE = re.compile(rf"\s(?:(?:kepada\s+)?{_YTH}(?:\s.*)?|kepada)$", re.IGNORECASE)
_NUMBER_TOKEN_RE = re.compile(r"[^/.\-\s]+")


def _value_text(lines: list[_Line], lab: _Label) -> str:
    """The left-column value; on the next line when OCR broke the line after the label."""
    if lab.value:
        return lab.value[0].text
    nxt = lab.index + 1
    if nxt < len(lines) and lines[nxt].pieces and not _is_stop(lines[nxt]):
        return lines[nxt].pieces[0].text
    return ""


def _fix_number_digits(number: str) -> str:
    """'2O26' -> '2026', 'l23' -> '123': only tokens that are otherwise all digits."""
    def fix(m: re.Match[str]) -> str:
        return _digits(m.group(), 1) or m.group()
    return _NUMBER_TOKEN_RE.sub(fix, number)


def _number(lines: list[_Line], labels: dict[str, _Label]) -> str:
    lab = labels.get("nomor")
    if not lab:
        return ""
    value = _value_text(lines, lab).strip(_EDGE_JUNK)  # OCR's stray marks off its ends
    m = _TRAILING_PLACE_DATE_RE.search(value)
    if _place_date(m):  # the date column glued on once the gap was lost
        value = value[: m.start()]
    value = _INLINE_ADDRESSEE_RE.sub("", value)
    value = _fix_number_digits(_AROUND_SLASH_RE.sub("/", _norm(value))).strip(_EDGE_JUNK)
    return value if any(ch.isdigit() for ch in value) else ""


_ROMAN_MONTHS = {r: n for n, r in enumerate(
    ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"), 1)}
_ROMAN_LIKE_RE = re.compile(r"(?<=/)[IVXl1|]{1,5}(?=/)")


def _roman_month(number: str, date: dt.date | None) -> tuple[str, list[str]]:
    """A Roman month in the number, as OCR misreads it ('X1', 'XI1' for XI), put right and
    checked against the letter's date; each correction or disagreement noted for review."""
    notes: list[str] = []

    def fix(m: re.Match[str]) -> str:
        seen = m.group()
        if not any(c in "IVX" for c in seen):
            return seen  # digits only: a plain number segment
        candidates = [seen.translate(str.maketrans("l1|", "III")),
                      "".join(c for c in seen if c in "IVX")]
        valid = [c for c in candidates if c in _ROMAN_MONTHS]
        if not valid:
            return seen
        matching = [c for c in valid if date and _ROMAN_MONTHS[c] == date.month]
        best = (matching or valid)[0]
        if best != seen:
            notes.append(f"number: the month {seen!r} was read as {best}; check it")
        if date and _ROMAN_MONTHS[best] != date.month:
            notes.append(f"number: its month {best} is not the month of the letter's date "
                         f"({MONTHS[date.month - 1]})")
        return best

    return _ROMAN_LIKE_RE.sub(fix, number), notes


_COUNT_WORDS = {
    "se": 1, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10,
}
_COUNT_RE = re.compile(r"^(?:(?P<n>[0-9]{1,4})|(?P<w>[a-z]+))\b", re.IGNORECASE)
_NONE_RE = re.compile(r"^(?:[-\u2013\u2014]+|tidak\s+ada|nihil|tanpa)", re.IGNORECASE)


def _attachments(lines: list[_Line], labels: dict[str, _Label]) -> tuple[str, int | None]:
    lab = labels.get("lampiran")
    if not lab:
        return "", None
    raw = _norm(_INLINE_ADDRESSEE_RE.sub("", _value_text(lines, lab))).strip(" :;")
    # OCR's stray marks off both ends; a lone dash is the value itself ("none")
    value = raw.strip(_EDGE_JUNK) or ("-" if raw and set(raw) <= set("-\u2013\u2014 ") else "")
    if not value:
        return "", None
    if _NONE_RE.match(value) or value == "0":
        return value, 0
    m = _COUNT_RE.match(value)
    if not m:
        return value, None
    if m["n"]:
        return value, int(m["n"])
    return value, _COUNT_WORDS.get(m["w"].lower())


_MAX_SUBJECT_LINES = 4


def _subject(lines: list[_Line], labels: dict[str, _Label]) -> str:
    lab = labels.get("hal")
    if not lab:
        return ""
    parts = [_value_text(lines, lab)]
    if not parts[0]:
        return ""
    start = lab.index + (1 if lab.value else 2)
    taken, blank = 0, False
    for line in lines[start:]:
        if not line.pieces and not blank:
            blank = True  # OCR puts a blank line between the wrapped lines of a subject
            continue
        if taken >= _MAX_SUBJECT_LINES or _is_stop(line) or line.right_only \
                or _DI_RE.match(line.pieces[0].text):
            break
        parts.append(line.pieces[0].text)
        taken, blank = taken + 1, False
    subject = _INLINE_ADDRESSEE_RE.sub("", _norm(" ".join(p for p in parts if p)))
    return subject.strip(_EDGE_JUNK + "?!&")


# -- addressee -----------------------------------------------------------------------------------


def _next_piece(lines: list[_Line], index: int, right: bool) -> str:
    """The same column's text on the next non-empty line."""
    return _next_piece_at(lines, index, right)[0]


def _next_piece_at(lines: list[_Line], index: int, right: bool) -> tuple[str, int]:
    for j in range(index + 1, min(index + 4, len(lines))):
        if lines[j].pieces:
            return (lines[j].pieces[-1] if right else lines[j].pieces[0]).text, j
    return "", index


# An addressee wrapped onto the next line: 'Kepala Balai Penjaminan Mutu' / 'Pendidikan
# Provinsi Banten'. Only such words continue it; a place ('Serang') or 'di' does not.
_ADDRESSEE_GOES_ON_RE = re.compile(r"^(?:provinsi|kabupaten|kota|pendidikan|penjaminan|mutu)\b",
                                   re.IGNORECASE)


def _addressee(lines: list[_Line], end: int) -> str:
    for i, line in enumerate(lines[:end]):
        for k, piece in enumerate(line.pieces):
            m = _YTH_RE.search(piece.text) or _KEPADA_RE.match(piece.text)
            if not m or (m.re is _KEPADA_RE and not m["rest"][:1].isupper() and m["rest"]):
                continue  # 'Kepada peserta ...' in prose is no addressee
            right = k > 0
            rest, at = (m["rest"], i) if m["rest"] else _next_piece_at(lines, i, right)
            again = _YTH_RE.match(rest)  # 'Kepada' then 'Yth. ...' on the next line
            if again:
                rest, at = (again["rest"], at) if again["rest"] else \
                    _next_piece_at(lines, at, right)
            more, nxt = _next_piece_at(lines, at, right)
            if more and nxt == at + 1 and _ADDRESSEE_GOES_ON_RE.match(more.strip(_EDGE_JUNK)):
                rest = f"{rest} {more}"
            return _norm(rest).strip(_EDGE_JUNK)
    return ""


# -- sender (letterhead) -------------------------------------------------------------------------

_CONTACT_RE = re.compile(
    r"\b(?:jalan|jln|jl|telp|telepon|tlp|fax|faks|faksimile|e-?mail|surel|pos-?el|laman|website"
    r"|web|www|http|https|kode\s*pos|npsn|nss|nsm|hp|wa|whatsapp|kec|kab|kel|desa|kampus"
    r"|sekretariat|akreditasi|terakreditasi|no\.?\s*izin|sk\s+pendirian)\b|@|\.(?:id|com|org)\b",
    re.IGNORECASE,
)
_INSTITUTION_RE = re.compile(
    r"\b(?:dinas|badan|balai|kantor|lembaga|pusat|kementerian|universitas|institut|politeknik"
    r"|sekolah|akademi|fakultas|yayasan|madrasah|sma|smk|smp|sd|mts|ma|min|pkbm|musyawarah"
    r"|persatuan|ikatan|asosiasi|forum|perkumpulan|kelompok|komite|dewan|himpunan)\b",
    re.IGNORECASE,
)
_CONTINUATION_RE = re.compile(r"^(?:kabupaten|kota|provinsi|kecamatan|dan|pengurus|wilayah)\b",
                              re.I)
_TITLE_LINE_RE = re.compile(r"^(?:surat|nota|kop)\b", re.IGNORECASE)
_MAX_HEAD_LINES = 25


def _letterhead(lines: list[_Line]) -> list[str]:
    """Lines above the first label, date, addressee or rule line; none if no such line."""
    head = []
    for line in lines[:_MAX_HEAD_LINES]:
        if _RULE_RE.match(line.raw) and line.raw.strip():
            return head
        if _is_stop(line) and line.pieces:
            return head
        if line.pieces:
            head.append(line.text.strip(" ,;:*#~|"))
    return []  # no structure found: a letterhead cannot be told from prose


def _letters(s: str) -> list[str]:
    return [ch for ch in s if ch.isalpha()]


def _institution_line(t: str, caps: bool) -> bool:
    letters = _letters(t)
    if len(letters) < 4 or len(t.split()) < 2 or _CONTACT_RE.search(t):
        return False
    if _TITLE_LINE_RE.match(t):
        return False
    if caps:
        return sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    return bool(_INSTITUTION_RE.search(t))


# "PEMERINTAH KABUPATEN PANDEGLANG" over "DINAS PENDIDIKAN DAN KEBUDAYAAN": every district's
# office has the same unit name, so the sender is the unit with the government it belongs to.
_GOVERNMENT_RE = re.compile(r"^pemerintah\s+(?P<region>(?:kabupaten|kota|provinsi)\s+.+)$",
                            re.IGNORECASE)
_UNIVERSITY_RE = re.compile(r"^(?:universitas|institut|politeknik|sekolah tinggi)\b",
                            re.IGNORECASE)
_FACULTY_RE = re.compile(r"^(?:fakultas|program pascasarjana|lembaga penelitian)\b",
                         re.IGNORECASE)
_GOVERNMENT_BODY_RE = re.compile(r"^(?:dinas|badan|kantor|cabang|unit pelaksana|upt|upt[dt]"
                                 r"|sekretariat|inspektorat|bagian|satuan)\b", re.IGNORECASE)
_REGION_RE = re.compile(r"\b(?:kabupaten|kota|provinsi|kab\.)\s", re.IGNORECASE)
_EDGE_JUNK = " -\u2013\u2014_.,;:|*#~'\"$"


def _sender(lines: list[_Line]) -> str:
    head = [_norm(t).strip(_EDGE_JUNK).lstrip("&()!? ") for t in _letterhead(lines)]
    for caps in (True, False):
        picks = [i for i, t in enumerate(head) if _institution_line(t, caps)]
        if picks:
            last = picks[-1]
            name = head[last]
            # a name wrapped over two lines: 'MKKS SMP' / 'KABUPATEN PANDEGLANG'
            if _CONTINUATION_RE.match(name) and last - 1 in picks:
                name = f"{head[last - 1]} {name}"
            return _with_its_parent(name, head[:last])
    return ""


def _with_its_parent(unit: str, above: list[str]) -> str:
    """The unit with the government or university above it, unless its name has it."""
    if _FACULTY_RE.match(unit):
        university = next((t for t in reversed(above) if _UNIVERSITY_RE.match(t)), "")
        return f"{unit} {university}".strip()
    if _REGION_RE.search(unit) or not _GOVERNMENT_BODY_RE.match(unit):
        return unit  # a school or association is known by its own name
    for t in reversed(above):
        m = _GOVERNMENT_RE.match(t)
        if m:
            return f"{unit} {m['region']}"
    return unit


# -- signer --------------------------------------------------------------------------------------

_ID_RE = re.compile(
    r"(?:^|(?<=\s))(?P<kind>N ?[I1l|] ?P(?:PPK)?|NIY|NIK|NIDN|NUPTK|NRP|NIA)(?![A-Za-z])\.?"
    r" ?[:;.]? ?(?P<num>[0-9OoIl| .]*)",
    re.IGNORECASE,
)
_RANK_RE = re.compile(
    r"^(?:pembina|penata|pengatur|juru|golongan|gol\b|pangkat)|\b[IV]{1,3} ?/ ?[a-e]\b",
    re.IGNORECASE,
)
_STAMP_RE = re.compile(r"^[(\[]?\s*(?:ttd|cap|stempel|materai|meterai|tanda\s+tangan)\b",
                       re.IGNORECASE)
_NAME_STRIP = " ()[]_*\"'"
_SIGNATURE_WINDOW = 40  # lines from the end where a signature block can be


def _nip(m: re.Match[str]) -> str:
    kind = m["kind"].upper().replace(" ", "").translate(str.maketrans("1L|", "III"))
    if kind != "NIP":
        return ""
    raw = re.sub(r"[ .]", "", m["num"])
    fixed = _digits(raw, 14)
    return fixed if fixed and len(fixed) == 18 else ""


def _looks_like_name(t: str) -> bool:
    if not 3 <= len(t) <= 80 or ":" in t or t.endswith(",") or not t[0].isalpha():
        return False
    if not (t[0].isupper() or t.startswith(("dr.", "drg."))):  # 'dr.' is a physician's title
        return False
    if _SALUTATION_RE.match(t) or _TEMBUSAN_RE.match(t):
        return False
    words = [w for w in t.split() if any(ch.isalpha() for ch in w)]
    if not words or len(words) > 12:
        return False
    capitalised = sum(w.lstrip("(\"'")[:1].isupper() for w in words)
    return capitalised >= 0.75 * len(words)


def _name_near(lines: list[_Line], indices: range) -> str:
    for i in indices:
        if not 0 <= i < len(lines) or not lines[i].pieces:
            continue
        t = lines[i].pieces[-1].text
        if _RANK_RE.search(t) or _STAMP_RE.match(t) or not _letters(t):
            continue
        name = _norm(t.strip(_NAME_STRIP))
        return name if _looks_like_name(name) else ""
    return ""


def _is_closing_title(t: str) -> bool:
    """'Kepala Dinas,' / 'Ketua,' / 'Hormat kami,': the line the signature hangs from."""
    return (len(t) <= 60 and t.endswith(",") and t[0].isupper()
            and not _SALUTATION_RE.match(t) and ":" not in t)


def _signer(lines: list[_Line]) -> tuple[str, str]:
    end = next((i for i, ln in enumerate(lines) if _TEMBUSAN_RE.match(ln.text)), len(lines))
    body = _body_start(lines)
    start = max(body + 1 if body < len(lines) else 0, end - _SIGNATURE_WINDOW)
    nip = ""
    for i in range(end - 1, start - 1, -1):
        pieces = lines[i].pieces
        m = _ID_RE.match(pieces[-1].text) if pieces else None
        if not m or not any(ch.isdigit() for ch in m["num"]):
            continue  # 'Nia Kurniasih' is a name, 'NIP -' no number
        nip = nip or _nip(m)
        name = _name_near(lines, range(i - 1, i - 6, -1))
        if name:  # an ID under no name ('Nama : ...' / 'NIK : ...' in prose) is skipped
            return name, _nip(m)
    for i in range(end - 1, start - 1, -1):
        pieces = lines[i].pieces
        if pieces and _is_closing_title(pieces[-1].text):
            return _name_near(lines, range(i + 1, i + 8)), nip
    return "", nip


# -- the whole letter ----------------------------------------------------------------------------


def extract_letter(text: str) -> LetterDetails:
    """The details of one letter; fields not found are empty and listed in `missing`."""
    lines = _lines(text)
    body = _body_start(lines)
    labels = _labels(lines, body)
    place, date = _letter_date(lines, labels)
    attachments, count = _attachments(lines, labels)
    signer, nip = _signer(lines)
    tembusan = next((i for i, ln in enumerate(lines) if _TEMBUSAN_RE.match(ln.text)), len(lines))
    found = {
        "sender": _sender(lines),
        "number": _number(lines, labels),
        "date": date,
        "subject": _subject(lines, labels),
        "addressee": _addressee(lines, min(body, tembusan)),
        "attachments": attachments,
        "signer": signer,
        "signer_nip": nip,
    }
    found["number"], doubts = _roman_month(str(found["number"]), date)
    doubts += _doubts(found, lines)
    missing = tuple(name for name in FIELDS if not found[name])
    return LetterDetails(place=place if date else "", attachment_count=count, missing=missing,
                         doubts=tuple(doubts), **found)


_MAX_SUBJECT_WORDS = 20


def _doubts(found: dict[str, Any], lines: list[_Line]) -> list[str]:
    """Values found that a clerk should look at before relying on them."""
    out = []
    subject = str(found["subject"])
    if len(subject.split()) > _MAX_SUBJECT_WORDS:
        out.append(f"subject: {len(subject.split())} words, unusually long; check where it ends")
    sender = str(found["sender"])
    if sender and _GOVERNMENT_BODY_RE.match(sender) and not _REGION_RE.search(sender):
        out.append("sender: the government it belongs to (kabupaten, kota or provinsi) was "
                   "not found in the letterhead; add it")
    if found["signer"] and _ID_RE.match(str(found["signer"])):
        out.append("signer: looks like an identity number, not a name")
    return out
