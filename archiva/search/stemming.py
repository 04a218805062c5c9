"""Indonesian stemming: Snowball (PyStemmer, imported here only) with Archiva's corrections.

Snowball's Indonesian algorithm is fast but misreads some prefixes and endings, for example
`menetapkan -> etap` (should be `tetap`), `peserta -> serta`, `berlaku -> berla`. The words in
data/stem-exceptions.txt are stemmed from that list instead; it was written from measured errors
on the development half of tests/search/stemming_gold.tsv only (the benchmark reports accuracy on
the held-out half). The stem functions are module-level so a Whoosh schema can pickle them by
name: every process that opens the index imports this module."""

from __future__ import annotations

import hashlib
from pathlib import Path

import Stemmer

DATA = Path(__file__).resolve().parent / "data"
_SNOWBALL = Stemmer.Stemmer("indonesian")
MIN_STEM = 3  # a shorter result is an over-stemmed word, kept whole instead


def _corrections(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(word -> root, Snowball's output -> root): `word root`, `word` (kept whole) and
    `>stem root` lines."""
    words: dict[str, str] = {}
    outputs: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        if parts[0].startswith(">"):
            outputs[parts[0][1:]] = parts[1]
        else:
            words[parts[0]] = parts[1] if len(parts) > 1 else parts[0]
    return words, outputs


EXCEPTIONS, OUTPUT_CORRECTIONS = _corrections(DATA / "stem-exceptions.txt")


def stem(word: str) -> str:
    """The root Archiva indexes a (folded, lower-case) word under."""
    if len(word) <= MIN_STEM or not word.isalpha():
        return word  # numbers, codes (c7.15) and short words stay as they are
    root = EXCEPTIONS.get(word)
    if root is not None:
        return root
    out: str = _SNOWBALL.stemWord(word)
    out = OUTPUT_CORRECTIONS.get(out, out)
    return out if len(out) >= MIN_STEM else word


def snowball(word: str) -> str:
    """Plain Snowball, without Archiva's corrections (for the benchmark's comparison)."""
    if len(word) <= MIN_STEM or not word.isalpha():
        return word
    out: str = _SNOWBALL.stemWord(word)
    return out if len(out) >= MIN_STEM else word


def unstemmed(word: str) -> str:
    return word


STEMMERS = {"archiva": stem, "snowball": snowball, "none": unstemmed}


def fingerprint() -> str:
    """Changes whenever the corrections or the stemmer library change: the index must then
    be rebuilt, since its terms were stemmed the old way."""
    h = hashlib.sha256((DATA / "stem-exceptions.txt").read_bytes())
    h.update(str(getattr(Stemmer, "__version__", "")).encode())
    return h.hexdigest()[:12]
