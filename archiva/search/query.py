"""Archiva's query language, parsed into a small tree the search engine adapter translates.

    perjanjian "kerja sama" pengirim:Lebak tahun:2024 -batal
    2209 C7.15/DT.02.00/2023          a number, typed with the slip seen on real decrees
    tipe:pengaduan terlambat:ya (tahun:2026 OR tahun:2025)

Words must all match (AND); OR/ATAU, NOT/BUKAN or a leading '-', AND/DAN and parentheses
combine them; "quotes" make an exact phrase; `field:value` searches one field (English or
Indonesian names, see FIELDS). Anything with a slash is a reference number. The parser is pure
and engine-independent; every malformed query is a QueryError with a message for the user."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from archiva.errors import BadInputError

MAX_QUERY_LENGTH = 500
MAX_DEPTH = 8
MAX_TERMS = 40


class QueryError(BadInputError):
    def __init__(self, query: str, why: str, hint: str = "") -> None:
        shown = query if len(query) <= 80 else query[:77] + "..."
        super().__init__(
            f"The search {shown!r} cannot be read: {why}.",
            hint or 'For example: perjanjian "kerja sama" tahun:2024, pengirim:Lebak '
                    "tanggal:2026-03, or 2209/C7.15/DT.02.00/2023. The README's \"Searching\" "
                    "section lists every field.",
        )


# -- the tree -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """Words (or, with phrase, an exact phrase) in one text field, or in all (field None)."""

    field: str | None
    text: str
    phrase: bool = False
    fuzzy: bool = False


@dataclass(frozen=True)
class Number:
    """A reference number or a run of its segments. `lead` is a bare number typed before it
    with a space (`2209 C7.15/DT.02.00/2023`), which may belong to it or be a word of its own."""

    field: str  # any | number | agenda
    text: str
    lead: str = ""


@dataclass(frozen=True)
class Keyword:
    field: str  # kind | series | status | type | progress | classification
    value: str


@dataclass(frozen=True)
class DateRange:
    field: str  # date | letter_date | due
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class YearRange:
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Late:
    """Incoming letters answered after their due date, or still open past it."""

    value: bool = True


@dataclass(frozen=True)
class AllOf:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class Everything:
    """The empty query: every record (narrowed by filters)."""


Node = Words | Number | Keyword | DateRange | YearRange | Late | AllOf | AnyOf | Not | Everything


# -- fields and values ----------------------------------------------------------------------

FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("number", "nomor", "no"),
    "agenda": ("agenda",),
    "kind": ("kind", "jenis"),
    "series": ("series", "seri"),
    "classification": ("classification", "klasifikasi", "kode"),
    "subject": ("subject", "perihal", "title", "hal", "judul", "tentang"),
    "party": ("party", "pengirim", "sender", "partner", "mitra", "pihak", "peserta"),
    "signer": ("signer", "penandatangan"),
    "text": ("text", "isi", "teks"),
    "date": ("date", "tanggal", "tgl"),
    "letter_date": ("letter_date", "tanggal_surat"),
    "due": ("due", "tenggat"),
    "year": ("year", "tahun"),
    "type": ("type", "tipe", "jenis_surat"),
    "status": ("status",),
    "progress": ("progress", "proses"),
    "late": ("late", "terlambat"),
}
_FIELD_BY_NAME = {alias: name for name, aliases in FIELDS.items() for alias in aliases}
TEXT_FIELDS = ("subject", "party", "signer", "text")

KINDS: dict[str, tuple[str, ...]] = {
    "decree": ("decree", "keputusan", "sk"),
    "mou": ("mou", "perjanjian", "pks", "agreement", "kerja_sama", "kerjasama"),
    "report": ("report", "laporan"),
    "certificate": ("certificate", "sertifikat"),
    "number": ("number", "nomor"),
    "external": ("external", "tercatat", "eksternal"),
    "incoming": ("incoming", "masuk", "surat_masuk", "surat-masuk", "letter"),
}
STATUSES: dict[str, tuple[str, ...]] = {
    "filed": ("filed", "terarsip"),
    "issued": ("issued", "terbit"),
    "recorded": ("recorded", "tercatat"),
    "void": ("void", "batal"),
    "reserved": ("reserved", "dipesan"),
}
PROGRESS: dict[str, tuple[str, ...]] = {
    "baru": ("baru", "new"),
    "diproses": ("diproses", "proses", "processing"),
    "selesai": ("selesai", "done"),
}
YES = ("ya", "yes", "true", "1", "y")
NO = ("tidak", "no", "false", "0", "n", "bukan")
OPERATORS = {"OR": "OR", "ATAU": "OR", "AND": "AND", "DAN": "AND", "NOT": "NOT", "BUKAN": "NOT"}
MONTHS = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
          "september", "oktober", "november", "desember")
_MONTH_ALIASES = {"pebruari": 2, "nopember": 11, "agt": 8, "okt": 10, "des": 12}
CLASSIFICATION = re.compile(r"[A-Z]{2}(\.[0-9]{2}){0,3}")
_BARE_NUMBER = re.compile(r"[0-9]{1,6}[A-Za-z]?")


@dataclass(frozen=True)
class Vocabulary:
    """What the office's profile defines, for checking `tipe:` and `seri:` values."""

    letter_types: dict[str, str] = field(default_factory=dict)  # name -> label
    series: tuple[str, ...] = ()


# -- tokens ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # ( ) OP WORD PHRASE FIELD NUMBER
    text: str = ""
    at: int = 0
    name: str = ""  # FIELD: the canonical field
    value: _Token | None = None  # FIELD: its value (WORD, PHRASE or "(")
    lead: str = ""  # NUMBER: a bare number typed before it


def _lex(q: str) -> list[_Token]:
    out: list[_Token] = []
    i = 0
    while i < len(q):
        ch = q[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Token(ch, ch, i))
            i += 1
        elif ch == '"':
            start = i
            text, i = _phrase(q, i)
            out.append(_Token("PHRASE", text, start))
        elif ch == "-" and i + 1 < len(q) and not q[i + 1].isspace() and q[i + 1] != "-":
            out.append(_Token("OP", "NOT", i))
            i += 1
        else:
            start = i
            while i < len(q) and not q[i].isspace() and q[i] not in '()"':
                i += 1
            out.append(_word_token(q, q[start:i], start))
            if out[-1].kind == "FIELD" and out[-1].value is None:
                value, i = _field_value(q, i, out[-1])
                out[-1] = _Token("FIELD", out[-1].text, start, out[-1].name, value)
    return _merge_numbers(out)


def _phrase(q: str, i: int) -> tuple[str, int]:
    end = q.find('"', i + 1)
    if end < 0:
        raise QueryError(q, f"the quote opened at character {i + 1} is never closed",
                         'Close the quote ("kerja sama"), or search without quotes.')
    return q[i + 1:end], end + 1


def _word_token(q: str, word: str, at: int) -> _Token:
    if word in OPERATORS:
        return _Token("OP", OPERATORS[word], at)
    name, sep, rest = word.partition(":")
    if sep and name and re.fullmatch(r"[A-Za-z_]+", name):
        canonical = _FIELD_BY_NAME.get(name.lower())
        if canonical is None:
            raise QueryError(q, f"there is no field '{name}'",
                             "Fields: " + ", ".join(
                                 f"{aliases[1] if len(aliases) > 1 else aliases[0]}"
                                 for aliases in FIELDS.values()) +
                             '. To search for the text itself, put it in quotes.')
        value = _Token("WORD", rest, at + len(name) + 1) if rest else None
        return _Token("FIELD", name, at, canonical, value)
    if "/" in word.strip("/"):
        return _Token("NUMBER", word, at)
    return _Token("WORD", word, at)


def _field_value(q: str, i: int, token: _Token) -> tuple[_Token, int]:
    """The value after `name:` when it does not follow at once: a phrase, a group, or (as in
    `Perihal: undangan`, pasted from a letter) the next word."""
    while i < len(q) and q[i].isspace():
        i += 1
    if i >= len(q):
        raise QueryError(q, f"the field '{token.text}:' has no value",
                         f"Write the value right after the colon, e.g. {token.text}:2026.")
    if q[i] == '"':
        text, end = _phrase(q, i)
        return _Token("PHRASE", text, i), end
    if q[i] == "(":
        return _Token("(", "(", i), i + 1
    start = i
    while i < len(q) and not q[i].isspace() and q[i] not in '()"':
        i += 1
    return _Token("WORD", q[start:i], start), i


def _merge_numbers(tokens: list[_Token]) -> list[_Token]:
    out: list[_Token] = []
    for t in tokens:
        if (t.kind == "NUMBER" and out and out[-1].kind == "WORD"
                and _BARE_NUMBER.fullmatch(out[-1].text)):
            lead = out.pop()
            t = _Token("NUMBER", t.text, lead.at, lead=lead.text)
        out.append(t)
    return out


# -- the parser ------------------------------------------------------------------------------


class _Parser:
    def __init__(self, query: str, vocabulary: Vocabulary) -> None:
        self.query = query
        self.vocabulary = vocabulary
        self.tokens = _lex(query)
        self.pos = 0
        self.depth = 0
        self.terms = 0

    def fail(self, why: str, hint: str = "") -> QueryError:
        return QueryError(self.query, why, hint)

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        t = self.tokens[self.pos]
        self.pos += 1
        return t

    def parse(self) -> Node:
        if not self.tokens:
            return Everything()
        node = self.expression()
        extra = self.peek()
        if extra is not None:
            raise self.fail(f"the closing parenthesis at character {extra.at + 1} has no "
                            "opening one", "Remove it, or add the missing '('.")
        return node

    def expression(self) -> Node:
        items = [self.conjunction()]
        while (t := self.peek()) is not None and t.kind == "OP" and t.text == "OR":
            self.take()
            if self.peek() is None or self.peek().kind == ")":  # type: ignore[union-attr]
                raise self.fail("OR is not followed by anything",
                                "Write what may match on both sides: lebak OR pandeglang.")
            items.append(self.conjunction())
        return items[0] if len(items) == 1 else AnyOf(tuple(items))

    def conjunction(self) -> Node:
        items = [self.factor()]
        while (t := self.peek()) is not None and t.kind != ")" and not (
                t.kind == "OP" and t.text == "OR"):
            if t.kind == "OP" and t.text == "AND":
                self.take()
                if self.peek() is None:
                    raise self.fail("AND is not followed by anything")
                continue
            items.append(self.factor())
        return items[0] if len(items) == 1 else AllOf(tuple(items))

    def factor(self) -> Node:
        t = self.peek()
        if t is None:
            raise self.fail("it ends where a word was expected")
        if t.kind == "OP":
            self.take()
            if t.text == "NOT":
                if self.peek() is None:
                    raise self.fail("NOT (or '-') is not followed by anything",
                                    "Write what must not match right after it: -batal.")
                return Not(self.nested(self.factor))
            raise self.fail(f"{t.text} at character {t.at + 1} has nothing before it",
                            "Put words on both sides of AND and OR.")
        if t.kind == "(":
            self.take()
            node = self.nested(self.expression)
            self.expect_close(t)
            return node
        if t.kind == ")":
            raise self.fail(f"the parenthesis at character {t.at + 1} closes nothing")
        self.take()
        self.count()
        if t.kind == "FIELD":
            return self.field(t)
        if t.kind == "NUMBER":
            return Number("any", t.text, t.lead)
        if t.kind == "PHRASE":
            return self.words(None, t.text, phrase=True)
        return self.words(None, t.text)

    def nested(self, parse: Callable[[], Node]) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"it nests more than {MAX_DEPTH} levels deep",
                            "Write it with fewer parentheses.")
        try:
            return parse()
        finally:
            self.depth -= 1

    def expect_close(self, opening: _Token) -> None:
        t = self.peek()
        if t is None or t.kind != ")":
            raise self.fail(f"the parenthesis opened at character {opening.at + 1} is never "
                            "closed", "Add the missing ')'.")
        self.take()

    def count(self) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise self.fail(f"it has more than {MAX_TERMS} words and fields",
                            "Search with fewer, more telling words.")

    def words(self, name: str | None, text: str, phrase: bool = False) -> Node:
        fuzzy = not phrase and text.endswith("~") and len(text) > 1
        text = text[:-1] if fuzzy else text
        if not text.strip():
            raise self.fail("a phrase in quotes is empty" if phrase else "a word is empty")
        return Words(name, text, phrase=phrase, fuzzy=fuzzy)

    # -- field:value ---------------------------------------------------------------------

    def field(self, t: _Token) -> Node:
        value = t.value
        assert value is not None
        if value.kind == "(":
            return self.field_group(t)
        return self.field_value(t.name, t.text, value.text, value.kind == "PHRASE")

    def field_group(self, t: _Token) -> Node:
        """`jenis:(keputusan OR perjanjian)`: any of the values."""
        values: list[Node] = []
        while (v := self.peek()) is not None and v.kind != ")":
            self.take()
            if v.kind == "OP" and v.text == "OR":
                continue
            if v.kind not in ("WORD", "PHRASE", "NUMBER"):
                raise self.fail(f"inside {t.text}:( ... ) only values and OR may stand")
            self.count()
            values.append(self.field_value(t.name, t.text, v.text, v.kind == "PHRASE"))
        self.expect_close(t)
        if not values:
            raise self.fail(f"{t.text}:( ) holds no value")
        return values[0] if len(values) == 1 else AnyOf(tuple(values))

    def field_value(self, name: str, shown: str, value: str, phrase: bool) -> Node:
        if name in TEXT_FIELDS:
            return self.words(name, value, phrase)
        if name in ("number", "agenda"):
            return Number(name, value)
        if name in ("date", "letter_date", "due"):
            start, end = self.date_range(shown, value)
            return DateRange(name, start, end)
        if name == "year":
            return YearRange(*self.year_range(shown, value))
        if name == "late":
            return Late(self.yes_no(shown, value))
        return Keyword(name, self.keyword(name, shown, value))

    def keyword(self, name: str, shown: str, value: str) -> str:
        v = value.strip().lower()
        if name == "classification":
            code = value.strip().upper()
            if not CLASSIFICATION.fullmatch(code):
                raise self.fail(f"{code!r} is not a classification code",
                                "Write two letters and two-digit levels: KS, KS.01, "
                                "KS.01.00.")
            return code.lower()
        if name == "kind":
            return self.one_of(shown, v, KINDS)
        if name == "status":
            return self.one_of(shown, v, STATUSES)
        if name == "progress":
            return self.one_of(shown, v, PROGRESS)
        if name == "type":
            types = self.vocabulary.letter_types
            by_label = {k.lower(): k for k in types} | {
                lbl.lower().replace(" ", "_"): k for k, lbl in types.items()}
            found = by_label.get(v.replace(" ", "_"))
            if found is None and types:
                raise self.fail(f"there is no letter type {value!r}",
                                "Letter types: " + ", ".join(types) + ".")
            return found or v
        if name == "series":
            if self.vocabulary.series and v not in self.vocabulary.series:
                raise self.fail(f"there is no series {value!r}",
                                "Series: " + ", ".join(self.vocabulary.series) + ".")
            return v
        raise AssertionError(name)

    def one_of(self, shown: str, value: str, table: dict[str, tuple[str, ...]]) -> str:
        for canonical, aliases in table.items():
            if value in aliases:
                return canonical
        names = ", ".join(aliases[1] if len(aliases) > 1 else aliases[0]
                          for aliases in table.values())
        raise self.fail(f"{shown}:{value} is not one of the values it takes",
                        f"{shown} takes: {names}.")

    def yes_no(self, shown: str, value: str) -> bool:
        v = value.strip().lower()
        if v in YES:
            return True
        if v in NO:
            return False
        raise self.fail(f"{shown}: takes ya or tidak, not {value!r}")

    # -- dates ---------------------------------------------------------------------------

    def date_range(self, shown: str, value: str) -> tuple[dt.date | None, dt.date | None]:
        v = value.strip()
        try:
            for op in (">=", "<=", ">", "<"):
                if v.startswith(op):
                    start, end = _period(v[len(op):])
                    return {">=": (start, None), ">": (end + dt.timedelta(days=1), None),
                            "<=": (None, end), "<": (None, start - dt.timedelta(days=1))}[op]
            if ".." in v:
                low, _, high = v.partition("..")
                start = _period(low)[0] if low.strip() else None
                end = _period(high)[1] if high.strip() else None
                if start is None and end is None:
                    raise ValueError("neither end")
                if start and end and start > end:
                    raise self.fail(f"the range {v} ends before it starts",
                                    "Put the earlier date first: 2026-01-01..2026-03-31.")
                return start, end
            return _period(v)
        except (ValueError, OverflowError):
            raise self.fail(f"{shown}:{value} is not a date or a date range",
                            f"Write {shown}:2026, {shown}:2026-03, {shown}:2026-03-05, "
                            f'{shown}:2026-01-01..2026-03-31, {shown}:>=2026-03-01 or '
                            f'{shown}:"5 Maret 2026".') from None

    def year_range(self, shown: str, value: str) -> tuple[int | None, int | None]:
        v = value.strip()
        try:
            for op in (">=", "<=", ">", "<"):
                if v.startswith(op):
                    y = _year(v[len(op):])
                    return {">=": (y, None), "<=": (None, y), ">": (y + 1, None),
                            "<": (None, y - 1)}[op]
            if ".." in v:
                low, _, high = v.partition("..")
                start = _year(low) if low.strip() else None
                end = _year(high) if high.strip() else None
                if start is None and end is None:
                    raise ValueError("neither end")
                return start, end
            year = _year(v)
            return year, year
        except ValueError:
            raise self.fail(f"{shown}:{value} is not a year or a range of years",
                            f"Write {shown}:2024 or {shown}:2023..2025.") from None


def _year(text: str) -> int:
    t = text.strip()
    if not re.fullmatch(r"[0-9]{4}", t):
        raise ValueError(t)
    return int(t)


def _period(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of 2026, 2026-03, 2026-03-05, "5 Maret 2026" or "Maret 2026"."""
    t = text.strip().lower()
    if re.fullmatch(r"[0-9]{4}", t):
        y = int(t)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", t)
    if m:
        return _month(int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", t)
    if m:
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d, d
    words = t.split()
    if len(words) in (2, 3) and _month_number(words[-2]) and re.fullmatch(r"[0-9]{4}",
                                                                          words[-1]):
        month, year = _month_number(words[-2]), int(words[-1])
        if len(words) == 2:
            return _month(year, month)
        d = dt.date(year, month, int(words[0]))
        return d, d
    raise ValueError(text)


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    end = (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1))
    return start, end - dt.timedelta(days=1)


def _month_number(word: str) -> int:
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ALIASES.get(word, 0)


def parse(query: str, vocabulary: Vocabulary | None = None) -> Node:
    """The tree of a query; QueryError says what is wrong with a malformed one."""
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryError(query[:60], f"it is {len(query)} characters long; at most "
                                     f"{MAX_QUERY_LENGTH} are read",
                         "Search with fewer, more telling words.")
    cleaned = "".join(ch if ch.isprintable() else " " for ch in query)
    return _Parser(cleaned, vocabulary or Vocabulary()).parse()


def kind_named(value: str) -> str:
    """A kind given as an option (--kind keputusan), in English or Indonesian."""
    v = value.strip().lower()
    for canonical, aliases in KINDS.items():
        if v in aliases:
            return canonical
    raise BadInputError(f"--kind {value} is not a kind of record.",
                        "Kinds: " + ", ".join(f"{a[1]} ({a[0]})" for a in KINDS.values()) + ".")


def with_filters(node: Node, kind: str | None = None, year: int | None = None,
                 date_from: dt.date | None = None, date_to: dt.date | None = None,
                 sender: str | None = None) -> Node:
    """The query narrowed by the command's options (--kind, --year, --from, --to, --sender)."""
    items: list[Node] = [] if isinstance(node, Everything) else [node]
    if kind:
        items.append(Keyword("kind", kind_named(kind)))
    if year:
        items.append(YearRange(year, year))
    if date_from or date_to:
        items.append(DateRange("date", date_from, date_to))
    if sender and sender.strip():
        items.append(Words("party", sender.strip()))
    if not items:
        return Everything()
    return items[0] if len(items) == 1 else AllOf(tuple(items))
