"""Snippets: a short extract of a record's text around the words that matched, marked **so**.

Pure: works from the text and the index terms a search matched, with the same analysis
functions the index uses."""

from __future__ import annotations

from collections.abc import Callable

from archiva.search import analysis

WINDOW_WORDS = 24  # words in a snippet
LEAD_CHARS = 160  # the opening shown when no word of the text matched
MARK = "**"


def snippet(text: str, stemmed: set[str], exact: set[str],
            stem: Callable[[str], str]) -> str:
    """The window of the text holding the most different matched words, with those words
    marked; the text's opening when none of them is in it."""
    words = list(analysis.tokens(text))
    hits = [i for i, (w, _, _) in enumerate(words) if _matches(w, stemmed, exact, stem)][:500]
    if not hits:
        return _one_line(text[:LEAD_CHARS]) + ("…" if len(text) > LEAD_CHARS else "")
    start = _best_window(words, hits) if len(words) > WINDOW_WORDS else 0
    end = min(len(words), start + WINDOW_WORDS)
    marked = set(hits)
    out = []
    pos = words[start][1] if start > 0 else 0
    for i in range(start, end):
        _, a, b = words[i]
        out.append(text[pos:a])
        out.append(f"{MARK}{text[a:b]}{MARK}" if i in marked else text[a:b])
        pos = b
    if end == len(words):
        out.append(text[pos:])  # the closing punctuation
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(words) else ""
    return lead + _one_line("".join(out)) + tail


def _matches(word: str, stemmed: set[str], exact: set[str], stem: Callable[[str], str]) -> bool:
    if word in exact:
        return True
    return (word not in analysis.STOP_WORDS and len(word) >= analysis.MIN_STEMMED_LENGTH
            and stem(word) in stemmed)


def _best_window(words: list[tuple[str, int, int]], hits: list[int]) -> int:
    """Start of the window with the most distinct matched words, a little before the first."""
    best, best_score = hits[0], -1
    for first in hits:
        inside = {words[i][0] for i in hits if first <= i < first + WINDOW_WORDS - 4}
        if len(inside) > best_score:
            best, best_score = first, len(inside)
    return max(0, best - 4)


def _one_line(text: str) -> str:
    return " ".join(text.split())
