"""Indonesian text analysis for search, independent of the search engine: tokens, folding
(lower case, accents removed), the stop list, stems.

The engine builds its analyzers from these functions, so snippets and the benchmark's SQLite
FTS5 peer see exactly the terms the index holds."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from archiva.search import stemming

ANALYZER_VERSION = 1  # bump when the tokenising, folding or stop rules change
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"  # keeps codes such as c7.15 and ot.02.02 whole
MIN_STEMMED_LENGTH = 2  # one-letter words (list markers "a.", "b.") are not indexed stemmed
_TOKEN = re.compile(TOKEN_PATTERN)
DATA = Path(__file__).resolve().parent / "data"


def _word_list(path: Path) -> frozenset[str]:
    words = set()
    for line in path.read_text("utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)


STOP_WORDS = _word_list(DATA / "stopwords-id.txt")


@functools.lru_cache(maxsize=200_000)  # a text repeats its words: fold each once
def fold(word: str) -> str:
    """Lower case without accents: `Pendidikán` and `pendidikan` are one word."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """(folded word, start, end) for each word of the text."""
    for m in _TOKEN.finditer(text):
        yield fold(m.group()), m.start(), m.end()


def exact_terms(text: str) -> list[str]:
    """Terms of the unstemmed fields: every word, folded."""
    return [t for t, _, _ in tokens(text)]


def stemmed_terms(text: str, stem: Callable[[str], str] = stemming.stem) -> list[str]:
    """Terms of the stemmed fields: stop words dropped, the rest stemmed."""
    return [stem(t) for t, _, _ in tokens(text)
            if t not in STOP_WORDS and len(t) >= MIN_STEMMED_LENGTH]


def is_stop_word(word: str) -> bool:
    return fold(word) in STOP_WORDS


def fingerprint() -> str:
    """Identifies the analysis: stored with the index, which is rebuilt when it changes."""
    h = hashlib.sha256(f"{ANALYZER_VERSION}|{TOKEN_PATTERN}|".encode())
    h.update("\n".join(sorted(STOP_WORDS)).encode())
    h.update(stemming.fingerprint().encode())
    return h.hexdigest()[:12]
