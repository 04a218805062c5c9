"""Field-by-field validation of data files that reports every problem at once, by field name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

T = TypeVar("T")
# Control characters other than tab and newline mean nothing in a document, and docxtpl turns
# some into paragraph or page breaks (\a, \f), so they are dropped from user text.
_CONTROL = dict.fromkeys(c for c in range(32) if chr(c) not in "\t\n")
_CONTROL[127] = None
# Bidirectional controls reorder what follows them: U+202E in a name makes a certificate show
# "Budi" where the register says "iduB" (spoofing). Indonesian text never needs them.
_CONTROL.update(dict.fromkeys([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F),
                               *range(0x2066, 0x206A)]))
MAX_TEXT = 20_000  # characters in one field: long paragraphs yes, whole books no


class Fields:
    """Reads typed values from a mapping; problems are collected in a list shared with nested
    readers so one message can list them all ("articles[2].title: missing")."""

    def __init__(self, data: Mapping[str, Any], prefix: str = "",
                 problems: list[str] | None = None) -> None:
        self.data = data
        self.prefix = prefix
        self.problems: list[str] = [] if problems is None else problems

    def _name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def problem(self, key: str, what: str) -> None:
        self.problems.append(f"{self._name(key)}: {what}")

    def _present(self, key: str, optional: bool, expected: str) -> bool:
        value = self.data.get(key)
        if value is None or value == "" or value == []:
            if not optional:
                self.problem(key, f"missing; expected {expected}")
            return False
        return True

    def text(self, key: str, optional: bool = False, default: str = "") -> str:
        if not self._present(key, optional, "text"):
            return default
        return self._as_text(self.data[key], key) or default

    def _as_text(self, value: Any, key: str) -> str:
        if isinstance(value, bool):
            # YAML reads an unquoted No, Yes, On or Off as true/false.
            self.problem(key, "expected text, found a yes/no value; put the text in quotes, "
                              'e.g. "No"')
            return ""
        if not isinstance(value, str | int | float | Decimal):
            self.problem(key, f"expected text, found {type(value).__name__}")
            return ""
        s = str(value).translate(_CONTROL).strip()
        if len(s) > MAX_TEXT:
            self.problem(key, f"is {len(s)} characters long; at most {MAX_TEXT} are allowed")
            return s[:MAX_TEXT]
        return s

    def date(self, key: str, optional: bool = False) -> dt.date | None:
        if not self._present(key, optional, "a date YYYY-MM-DD"):
            return None
        value = self.data[key]
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.problem(key, f"expected a date YYYY-MM-DD, found {value!r}")
            return None

    def amount(self, key: str, optional: bool = False) -> Decimal | None:
        if not self._present(key, optional, "an amount in rupiah"):
            return None
        value = self.data[key]
        try:
            if isinstance(value, bool):
                raise InvalidOperation
            d = Decimal(str(value).replace("_", ""))
            if not d.is_finite() or d < 0:
                raise InvalidOperation
            return d
        except InvalidOperation:
            self.problem(key, f"expected an amount such as 1500000, found {value!r}")
            return None

    def whole_number(self, key: str, optional: bool = False, minimum: int = 0) -> int | None:
        if not self._present(key, optional, "a whole number"):
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.problem(key, f"expected a whole number, found {value!r}")
            return None
        try:
            n = int(str(value).strip())
        except ValueError:
            self.problem(key, f"expected a whole number, found {value!r}")
            return None
        if n < minimum:
            self.problem(key, f"expected at least {minimum}, found {n}")
            return None
        return n

    def texts(self, key: str, optional: bool = False, keep_positions: bool = False) -> list[str]:
        """A list of texts; empty items are dropped unless positions matter (table columns)."""
        items = self._list(key, optional, "a list of texts")
        out = [self._as_text(v, f"{key}[{i + 1}]") for i, v in enumerate(items)]
        return out if keep_positions else [t for t in out if t]

    def objects(self, key: str, parse: Callable[[Fields], T], optional: bool = False) -> list[T]:
        out = []
        for i, item in enumerate(self._list(key, optional, "a list of objects")):
            name = f"{key}[{i + 1}]"
            if not isinstance(item, Mapping):
                self.problem(name, "expected an object with named fields")
                continue
            out.append(parse(Fields(item, f"{self._name(name)}.", self.problems)))
        return out

    def obj(self, key: str, optional: bool = False) -> Fields | None:
        if not self._present(key, optional, "an object with named fields"):
            return None
        value = self.data[key]
        if not isinstance(value, Mapping):
            self.problem(key, "expected an object with named fields")
            return None
        return Fields(value, f"{self._name(key)}.", self.problems)

    def _list(self, key: str, optional: bool, expected: str) -> list[Any]:
        if not self._present(key, optional, expected):
            return []
        value = self.data[key]
        if not isinstance(value, list):
            self.problem(key, f"expected {expected}, found {type(value).__name__}")
            return []
        return value
