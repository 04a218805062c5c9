"""The Whoosh adapter: the only module that imports Whoosh.

It turns SearchDocuments into index entries and query trees (archiva.search.query) into Whoosh
queries, and returns plain results. Every failure inside Whoosh comes out as EngineError, so no
Whoosh type or exception leaks into the rest of Archiva."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring, sorting
from whoosh.analysis import Filter, RegexTokenizer, StemFilter, StopFilter
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.util.numeric import byte_to_length

from archiva.errors import ArchivaError
from archiva.search import analysis, stemming
from archiva.search import query as q
from archiva.search.documents import SearchDocument, search_key

FUZZY_MIN_LENGTH = 5  # shorter words have too many neighbours one letter away
WRITER_MEMORY_MB = 128  # an update's writer
BUILD_MEMORY_MB = 1024  # a new index: postings sorted in memory rather than spilled to disk
OPEN_ATTEMPTS = 20  # a searcher opened while other processes commit, one after another

# A word typed without a field must be in `text` (every word of the record, stemmed: one
# posting list to walk); where else it is adds to the score.
RANKING_FIELDS = (("title", 1.5, True), ("party", 1.0, False), ("signer", 0.5, False))
PHRASE_FIELDS = (("title_exact", 2.0), ("body_pairs", 1.0), ("party", 2.0), ("signer", 1.5))
FIELD_OF_TEXT = {"subject": ("title", "title_exact"), "text": ("text", "body_exact"),
                 "party": ("party", "party"), "signer": ("signer", "signer")}
PHRASE_FIELD_OF_TEXT = {"subject": "title_exact", "text": "body_pairs", "party": "party",
                        "signer": "signer"}
NUMBER_FIELDS = {"any": (("numbers", 3.0), ("other_numbers", 2.0), ("cited_numbers", 1.0)),
                 "number": (("numbers", 3.0), ("other_numbers", 2.0)),
                 "agenda": (("numbers", 1.0),)}
KEYWORD_FIELDS = {"kind": "kind", "series": "series", "status": "status",
                  "type": "letter_type", "progress": "progress",
                  "classification": "classification"}
DATE_FIELDS = {"date": "date", "letter_date": "letter_date", "due": "due"}


class EngineError(Exception):
    """Whoosh failed: a damaged or unreadable index, a full disk, a lock held elsewhere."""


@dataclass
class EngineResult:
    total: int
    hits: list[tuple[int, float | None]]  # (record id, score), best first
    terms: dict[str, set[str]] = field(default_factory=dict)  # field -> matched index terms
    fuzzy: list[str] = field(default_factory=list)  # words matched by close spellings
    empty: bool = False  # the query had only stop words


class _Fold(Filter):
    """Lower case without accents, exactly as archiva.search.analysis.fold."""

    def __call__(self, tokens: Iterable[Any]) -> Iterator[Any]:
        for t in tokens:
            t.text = analysis.fold(t.text)
            yield t


class _Pairs(Filter):
    """Adjacent words joined ("satuan pendidikan"), at the first word's position; a text of
    one word gives that word. (Whoosh's BiWordFilter fails on an empty text.)"""

    def __call__(self, tokens: Iterable[Any]) -> Iterator[Any]:
        previous: tuple[str, int, int] | None = None
        pairs = 0
        token = None
        for token in tokens:  # Whoosh passes one Token object along, changed each time
            here = (token.text, token.pos if token.positions else 0,
                    token.startchar if token.chars else 0)
            if previous is not None:
                token.text = f"{previous[0]} {here[0]}"
                if token.positions:
                    token.pos = previous[1]
                if token.chars:
                    token.startchar = previous[2]
                pairs += 1
                yield token
            previous = here
        if token is not None and not pairs:
            yield token


def _analyzer(stem: Callable[[str], str] | None, pairs: bool = False) -> Any:
    chain = RegexTokenizer(analysis.TOKEN_PATTERN) | _Fold()
    if pairs:
        return chain | _Pairs()
    if stem is None:
        return chain
    return (chain | StopFilter(stoplist=analysis.STOP_WORDS, minsize=analysis.MIN_STEMMED_LENGTH)
            | StemFilter(stemfn=stem, cachesize=200_000))


def schema(stemmer: str = "archiva") -> Schema:
    """The index's fields. `stemmer` is one of stemming.STEMMERS (the benchmark compares
    them); Archiva's own index always uses "archiva"."""
    stemmed = _analyzer(stemming.STEMMERS[stemmer])
    exact = _analyzer(None)
    return Schema(
        record_id=ID(stored=True, unique=True),
        rid=NUMERIC(int, bits=32, sortable=True),  # the record id again, to break ties
        stamp=STORED(),
        numbers=KEYWORD(scorable=True),
        other_numbers=KEYWORD(scorable=True),
        cited_numbers=KEYWORD(scorable=True),
        kind=ID(),
        series=ID(),
        status=ID(),
        letter_type=ID(),
        progress=ID(),
        flags=KEYWORD(),
        classification=KEYWORD(),
        title=TEXT(analyzer=stemmed, phrase=False),
        title_exact=TEXT(analyzer=exact),
        party=TEXT(analyzer=exact),
        signer=TEXT(analyzer=exact),
        text=TEXT(analyzer=stemmed, phrase=False),  # subject, parties, signer and body
        body_exact=TEXT(analyzer=exact, phrase=False),
        # Pairs of adjacent words ("satuan pendidikan"), with positions: an exact phrase of
        # the text is one term (two words) or consecutive pairs, far fewer candidates to check
        # than positions of single words (10x faster on common words, measured)
        body_pairs=TEXT(analyzer=_analyzer(None, pairs=True)),
        date=NUMERIC(int, bits=32, sortable=True),
        letter_date=NUMERIC(int, bits=32),
        due=NUMERIC(int, bits=32),
        year=NUMERIC(int, bits=32),
    )


@contextmanager
def _engine_errors(what: str) -> Iterator[None]:
    try:
        yield
    except (ArchivaError, EngineError, KeyboardInterrupt):
        raise
    except Exception as exc:
        raise EngineError(f"{what}: {type(exc).__name__}: {exc}") from exc


def _day(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def _fields(d: SearchDocument) -> dict[str, Any]:
    out: dict[str, Any] = {
        "record_id": str(d.record_id), "rid": d.record_id, "stamp": d.stamp,
        "title": d.title, "title_exact": d.title, "party": d.party, "signer": d.signer,
        "text": "\n".join((d.title, d.party, d.signer, d.body)),
        "body_exact": d.body, "body_pairs": d.body,
    }
    for name, terms in (("numbers", d.numbers), ("other_numbers", d.other_numbers),
                        ("cited_numbers", d.cited_numbers), ("flags", d.flags),
                        ("classification", d.classification)):
        if terms:
            out[name] = " ".join(terms)
    for name, value in (("kind", d.kind), ("series", d.series), ("status", d.status),
                        ("letter_type", d.letter_type), ("progress", d.progress)):
        if value:
            out[name] = value
    for name, day in (("date", d.date), ("letter_date", d.letter_date), ("due", d.due_date)):
        if day is not None:
            out[name] = _day(day)
    if d.year is not None:
        out["year"] = d.year
    return out


def create(path: Path, stemmer: str = "archiva") -> None:
    path.mkdir(parents=True, exist_ok=True)
    with _engine_errors(f"creating the index in {path}"):
        whoosh_index.create_in(str(path), schema(stemmer))


def exists(path: Path) -> bool:
    return whoosh_index.exists_in(str(path))


def stemmed_terms(text: str, stemmer: str = "archiva") -> list[str]:
    """The stemmed field's terms for a text, as the index holds them (the benchmark feeds
    SQLite FTS5 the very same terms)."""
    analyzer = schema(stemmer)["text"].analyzer
    return [t.text for t in analyzer(text)]


class Index:
    """One index folder, opened for reading and writing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with _engine_errors(f"opening the index in {path}"):
            self._ix = whoosh_index.open_dir(str(path))
            self._schema = self._ix.schema
        self._searcher: Any = None
        self._weighting = _Ranking()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    # -- writing -----------------------------------------------------------------------------

    def write(self, docs: Iterable[SearchDocument], deletes: Iterable[int] = (),
              fresh: bool = False, procs: int = 1) -> int:
        """Add or replace documents and remove deleted records in one commit; all or nothing.
        `fresh` (a new index being built) adds without looking for older entries."""
        with _engine_errors(f"writing to the index in {self.path}"):
            memory = BUILD_MEMORY_MB if fresh else WRITER_MEMORY_MB
            # compound=False: Whoosh opens a compound segment by copying each of its files
            # into memory (BytesIO over the mmap), 0.5 s for every process opening 100,000
            # records; separate files are read where they lie (measured: a whole `archiva
            # search` on 30,000 records 0.58 -> 0.41 s, warm queries unchanged)
            if procs > 1:
                writer = self._ix.writer(procs=procs, multisegment=True, compound=False,
                                         limitmb=memory // procs)
            else:
                writer = self._ix.writer(limitmb=memory, compound=False)
            count = 0
            try:
                for rid in deletes:
                    writer.delete_by_term("record_id", str(rid))
                for d in docs:
                    if fresh:
                        writer.add_document(**_fields(d))
                    else:
                        writer.update_document(**_fields(d))
                    count += 1
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        return count

    # -- reading -----------------------------------------------------------------------------

    def _current_searcher(self) -> Any:
        if self._searcher is not None and not self._searcher.up_to_date():
            # A fresh searcher, never Searcher.refresh(): in whoosh-reloaded 2.7.5 a refreshed
            # reader keeps segments merged away since and old deletion sets (duplicate and
            # deleted entries come back), and fails outright on an index that was empty.
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = self._held_searcher()
            self._weighting.keep_only(self._searcher.reader())
        return self._searcher

    def _held_searcher(self) -> Any:
        """A searcher holding every file of the segments it opened. Whoosh opens a segment's
        columns (stored fields, record ids, lengths) only when first read, and a writer in
        another process deletes the files of the segments it merged away right after its
        commit: a search running then found no stored fields. Held open, the files stay
        readable after they are deleted. A segment's files go only once a newer generation
        leaves it out, so segments still in the latest generation after their files are held
        were held whole; otherwise a newer generation is there to open instead."""
        for attempt in range(OPEN_ATTEMPTS):
            searcher = self._ix.searcher(weighting=self._weighting)
            try:
                readers = [r for r, _ in searcher.reader().leaf_readers()]
                files = self._ix.storage.list()
                for reader in readers:
                    _hold_columns(reader, files)
                if searcher.up_to_date() or _segment_ids(readers) <= {
                        s.segment_id() for s in self._ix._segments()}:
                    return searcher
            except OSError:
                pass  # a file went between listing and opening, or the latest TOC did
            searcher.close()
            time.sleep(0.001 * attempt)  # let the writers in between finish
        raise EngineError(f"the index changed {OPEN_ATTEMPTS} times while it was being opened")

    def count(self) -> int:
        with _engine_errors(f"reading the index in {self.path}"):
            return int(self._current_searcher().doc_count())

    def stamps(self) -> dict[int, str]:
        """record id -> stamp of every entry (for the drift check)."""
        with _engine_errors(f"reading the index in {self.path}"):
            reader = self._current_searcher().reader()
            out = {}
            # (reader.all_stored_fields() fails on a segment reader in whoosh-reloaded 2.7.5)
            for docnum in range(reader.doc_count_all()):
                if not reader.is_deleted(docnum):
                    fields = reader.stored_fields(docnum)
                    out[int(fields["record_id"])] = fields.get("stamp", "")
            return out

    def search(self, node: q.Node, today: dt.date, sort: str = "relevance",
               limit: int = 10) -> EngineResult:
        with _engine_errors(f"searching the index in {self.path}"):
            searcher = self._current_searcher()
            translate = _Translator(searcher.reader(), self._schema, today)
            query = translate.node(node)
            if query is None:
                return EngineResult(0, [], empty=True)
            if sort == "date":  # newest first; on one day, the latest record first
                order = sorting.MultiFacet([sorting.FieldFacet("date", reverse=True),
                                            sorting.FieldFacet("rid", reverse=True)])
                results = searcher.search(query, limit=limit, sortedby=order)
                hits = [(int(h["record_id"]), None) for h in results]  # ordered, not scored
            else:
                results = searcher.search(query, limit=limit)
                hits = [(int(h["record_id"]), float(h.score or 0.0)) for h in results]
            return EngineResult(_count(query, searcher), hits,
                                _matched_terms(query, searcher.reader()), translate.fuzzy)


SNIPPET_FIELDS = ("title", "text", "title_exact", "body_exact", "body_pairs", "party",
                  "signer")
# Equal scores, latest record first. Whoosh orders ties by its internal document numbers,
# which differ between an updated and a rebuilt index, and a common word can tie thousands of
# records (every certificate for "sertifikat"): so the record id goes into the score itself, as
# a fraction of TIE_SHARE, far below any real difference and above a double's rounding.
TIE_SHARE = 1e-4
TIE_RANGE = 2**24  # record ids up to 16.7 million
LENGTH_OF_BYTE = [byte_to_length(b) if b else 0 for b in range(256)]  # Whoosh stores a byte


class _Ranking(scoring.BM25F):
    """Whoosh's BM25F with the record id breaking ties, computed over arrays read once per
    segment (a segment never changes): each document's field length and tie-breaker. Whoosh
    reads the length from disk for every document it scores; on 100,000 records the arrays
    made common words 1.5x faster (term queries p95 127 -> 83 ms, the same hits). Reading one
    costs about 35 ms per 50,000 documents, so a field's arrays are read the second time this
    process scores it: a one-shot `archiva search` reads none."""

    def __init__(self) -> None:
        super().__init__()
        self._arrays: dict[tuple[str | None, str], array[Any]] = {}
        self._scored: set[tuple[str | None, str]] = set()

    def scorer(self, searcher: Any, fieldname: str, text: Any, qf: int = 1) -> Any:
        reader = searcher.reader()
        segment = _segment_id(reader)
        again = (segment, fieldname) in self._scored
        self._scored.add((segment, fieldname))
        if not again:
            rids = reader.column_reader("rid")
            return _TieBreaking(super().scorer(searcher, fieldname, text, qf=qf),
                                lambda doc: _tie(rids[doc]))
        ties = self._array(segment, "rid", lambda: array(
            "d", map(_tie, reader.column_reader("rid"))))
        lengths = (self._array(segment, fieldname, lambda: _lengths(reader, fieldname))
                   if searcher.schema[fieldname].scorable else None)
        if not lengths:  # a field without lengths, or a reader of another kind
            return _TieBreaking(super().scorer(searcher, fieldname, text, qf=qf),
                                ties.__getitem__)
        parent = searcher.get_parent()  # the statistics are the whole index's
        idf = parent.idf(fieldname, text)
        average = parent.avg_field_length(fieldname) or 1
        info = searcher.term_info(fieldname, text)
        return _BM25(idf, average, self.B, self.K1, lengths, ties,
                     scoring.bm25(idf, info.max_weight(), info.min_length(), average, self.B,
                                  self.K1))

    def _array(self, segment: str | None, name: str,
               read: Callable[[], array[Any] | None]) -> array[Any]:
        if (segment, name) not in self._arrays:
            self._arrays[segment, name] = read() or array("i")
        return self._arrays[segment, name]

    def keep_only(self, reader: Any) -> None:
        """Forget segments merged away (called with each new searcher's reader)."""
        live = {_segment_id(r) for r, _ in reader.leaf_readers()}
        self._arrays = {k: v for k, v in self._arrays.items() if k[0] in live}
        self._scored = {k for k in self._scored if k[0] in live}


class _HeldColumns(W3PerDocReader):
    """A segment's per-document columns, every file opened at once; a column is there when
    its file was there then, whether or not it has been deleted since."""

    def __init__(self, storage: Any, segment: Any, files: Iterable[str]) -> None:
        super().__init__(storage, segment)
        prefix = segment.make_filename(".")
        for name in files:
            if name.startswith(prefix) and name.endswith(W3Codec.COLUMN_EXT):
                column = name[len(prefix):-len(W3Codec.COLUMN_EXT)]
                self._colfiles[column] = self._get_column_file(column)

    def has_column(self, fieldname: str) -> bool:
        return fieldname in self._colfiles


def _hold_columns(reader: Any, files: list[str]) -> None:
    perdoc = getattr(reader, "_perdoc", None)
    # A compound segment's one file is opened with its reader; a plain one's columns are not.
    if type(perdoc) is W3PerDocReader and not reader._segment.is_compound():
        reader._perdoc = _HeldColumns(reader._storage, reader._segment, files)
        perdoc.close()


def _segment_ids(readers: list[Any]) -> set[str]:
    ids = {_segment_id(r) for r in readers}
    return {i for i in ids if i is not None}


def _tie(rid: int) -> float:
    """What a record id adds to each matched term's score: below TIE_SHARE, more when newer."""
    return TIE_SHARE * (rid % TIE_RANGE) / TIE_RANGE


def _segment_id(reader: Any) -> str | None:
    segment = reader.segment() if hasattr(reader, "segment") else None
    return None if segment is None else str(segment.segment_id())  # None: an empty index


def _lengths(reader: Any, fieldname: str) -> array[int] | None:
    perdoc = getattr(reader, "_perdoc", None)  # the whoosh3 codec's per-document columns
    column = f"_{fieldname}_len"
    if perdoc is None or not perdoc.has_column(column):
        return None
    return array("i", (LENGTH_OF_BYTE[b] for b in perdoc.column_reader(column, LENGTHS_COLUMN)))


class _TieBreaking(scoring.BaseScorer):
    """Any other scorer, plus the tie-breaker of each document."""

    def __init__(self, inner: Any, tie: Callable[[int], float]) -> None:
        self.inner = inner
        self.tie = tie

    def supports_block_quality(self) -> bool:
        return bool(self.inner.supports_block_quality())

    def max_quality(self) -> float:
        return float(self.inner.max_quality()) + TIE_SHARE

    def block_quality(self, matcher: Any) -> float:
        return float(self.inner.block_quality(matcher)) + TIE_SHARE

    def score(self, matcher: Any) -> float:
        return float(self.inner.score(matcher)) + self.tie(matcher.id())


class _BM25(scoring.BaseScorer):
    """Whoosh's bm25() for one term over the arrays, plus the tie-breaker."""

    def __init__(self, idf: float, average: float, b: float, k1: float, lengths: array[int],
                 ties: array[float], best: float) -> None:
        self.idf, self.lengths, self.ties, self.best = idf, lengths, ties, best
        self.k1 = k1 + 1
        self.k = k1 * (1 - b)
        self.kb = k1 * b / average

    def _bm25(self, weight: float, length: float) -> float:
        return self.idf * weight * self.k1 / (weight + self.k + self.kb * length)

    def supports_block_quality(self) -> bool:
        return True

    def max_quality(self) -> float:
        return self.best + TIE_SHARE

    def block_quality(self, matcher: Any) -> float:
        return self._bm25(matcher.block_max_weight(), matcher.block_min_length()) + TIE_SHARE

    def score(self, matcher: Any) -> float:  # the hot path: no calls it can do without
        doc = matcher.id()
        w = matcher.weight()
        return (self.idf * w * self.k1 / (w + self.k + self.kb * self.lengths[doc])
                + self.ties[doc])


def _conjunction(parts: list[Any]) -> Any:
    """AND of the parts. Words come as AndMaybe(what must match, what adds to the score):
    their required parts are intersected as plain terms and the scoring parts join one
    optional OR, which Whoosh walks 2-3x faster than an AND of AndMaybes (measured)."""
    if not parts:
        return None
    if all(isinstance(p, wq.Not) for p in parts):
        parts = [wq.Every(), *parts]  # only exclusions: from everything
    if len(parts) == 1:
        return parts[0]
    required = [p.a if isinstance(p, wq.AndMaybe) else p for p in parts]
    scoring = [p.b for p in parts if isinstance(p, wq.AndMaybe)]
    match = wq.And(required)
    return wq.AndMaybe(match, wq.Or(scoring)) if scoring else match


def _count(query: Any, searcher: Any) -> int:
    """How many documents the query matches."""
    if isinstance(query, wq.AndMaybe):
        return _count(query.a, searcher)
    if isinstance(query, wq.Term) and not searcher.reader().has_deletions():
        return int(searcher.doc_frequency(query.fieldname, query.text))  # no walk at all
    return len(_docs(query, searcher))


def _docs(query: Any, searcher: Any) -> set[int]:
    """Every document the query matches, by set algebra over its parts. Counting the total
    this way is 3-5x faster than Whoosh's len(results), which walks the whole query's matcher
    tree again in Python (measured on 10,000 records)."""
    if isinstance(query, wq.And):
        keep = [c for c in query.subqueries if not isinstance(c, wq.Not)]
        drop = [c.query for c in query.subqueries if isinstance(c, wq.Not)]
        found = _all(searcher) if not keep else None
        for part in sorted(keep, key=_cheap_first):
            docs = _docs(part, searcher)
            found = docs if found is None else found & docs
            if not found:
                return set()
        assert found is not None
        for part in drop:
            found -= _docs(part, searcher)
        return found
    if isinstance(query, wq.Or):
        return set().union(*(_docs(c, searcher) for c in query.subqueries))
    if isinstance(query, wq.AndMaybe):  # the optional part only adds to the score
        return _docs(query.a, searcher)
    if isinstance(query, wq.Not):
        return _all(searcher) - _docs(query.query, searcher)
    if isinstance(query, wq.Every):
        return _all(searcher)
    return set(query.docs(searcher))


def _cheap_first(query: Any) -> int:
    """Narrow terms before wide ones, so an AND's intersection shrinks early."""
    return 0 if isinstance(query, wq.Term) else 1


def _all(searcher: Any) -> set[int]:
    return set(searcher.reader().all_doc_ids())


def _matched_terms(query: Any, reader: Any) -> dict[str, set[str]]:
    """The text terms of the query that are in the index (fuzzy and prefix terms expanded),
    by field. (Whoosh's own Query.existing_terms reuses a variable and skips the fields after
    the first one, so the leaves are walked here.)"""
    out: dict[str, set[str]] = {}
    for leaf in query.leaves():
        for fieldname, text in leaf.expanded_terms(reader):
            if fieldname in SNIPPET_FIELDS and (fieldname, text) in reader:
                word = text.decode("utf-8") if isinstance(text, bytes) else str(text)
                if fieldname == "body_pairs":  # the words of a matched pair
                    out.setdefault("body_exact", set()).update(word.split(" "))
                else:
                    out.setdefault(fieldname, set()).add(word)
    return out


class _Translator:
    """A query tree as a Whoosh query. Each word is analysed with the analyzer of every field
    it is looked for in, so queries and documents meet on the same terms."""

    def __init__(self, reader: Any, schema_: Schema, today: dt.date) -> None:
        self.reader = reader
        self.schema = schema_
        self.today = today
        self.fuzzy: list[str] = []

    def node(self, n: q.Node) -> Any:
        if isinstance(n, q.Words):
            return self.phrase(n) if n.phrase else self.words(n)
        if isinstance(n, q.Number):
            return self.number(n)
        if isinstance(n, q.Keyword):
            return wq.Term(KEYWORD_FIELDS[n.field], n.value)
        if isinstance(n, q.DateRange):
            return wq.NumericRange(DATE_FIELDS[n.field], _day(n.start) if n.start else None,
                                   _day(n.end) if n.end else None)
        if isinstance(n, q.YearRange):
            return wq.NumericRange("year", n.start, n.end)
        if isinstance(n, q.Late):
            return self.late(n.value)
        if isinstance(n, q.AllOf):
            return self.all_of(n.items)
        if isinstance(n, q.AnyOf):
            parts = [p for p in map(self.node, n.items) if p is not None]
            return wq.Or(parts) if parts else None
        if isinstance(n, q.Not):
            inner = self.node(n.item)
            return None if inner is None else wq.Not(inner)
        return wq.Every()

    def all_of(self, items: tuple[q.Node, ...]) -> Any:
        parts = [p for p in map(self.node, items) if p is not None]
        return _conjunction(parts)

    # -- words -----------------------------------------------------------------------------

    def _analysed(self, fieldname: str, text: str) -> list[str]:
        return list(self.schema[fieldname].process_text(text, mode="query"))

    def words(self, n: q.Words) -> Any:
        per_word = []
        for token in self._analysed("body_exact", n.text):
            stems = self._analysed("text", token)
            stem = stems[0] if stems else None
            if stem is None and n.field in (None, "subject", "text"):
                continue  # a stop word restricts nothing
            per_word.append(self.word(n.field, token, stem, n.fuzzy))
        return _conjunction(per_word)

    def word(self, fieldname: str | None, token: str, stem: str | None, fuzzy: bool) -> Any:
        ranking: list[Any] = []
        if fieldname is None:
            required = [wq.Term("text", stem)] if stem else []
            if any(ch.isdigit() for ch in token):
                required.append(wq.Term("numbers", search_key(token), boost=1.5))
            for name, boost, stemmed in RANKING_FIELDS:
                if stemmed and stem:
                    ranking.append(wq.Term(name, stem, boost=boost))
                elif not stemmed:
                    ranking.append(wq.Term(name, token, boost=boost))
            fuzzy_fields: tuple[str, ...] = ("party", "signer", "title_exact", "body_exact")
        else:
            stemmed_name, exact_name = FIELD_OF_TEXT[fieldname]
            required = [wq.Term(stemmed_name, stem)] if stemmed_name != exact_name and stem \
                else []
            if exact_name != "body_exact" or not required:
                required.append(wq.Term(exact_name, token))
            fuzzy_fields = (exact_name,)
        if fuzzy or (len(token) >= FUZZY_MIN_LENGTH and token.isalpha()
                     and not self.known(required + ranking)):
            self.fuzzy.append(token)
            distance = 1 if len(token) < 8 else 2
            required += [wq.FuzzyTerm(name, token, boost=0.5, maxdist=distance, prefixlength=1)
                         for name in fuzzy_fields]
        match = required[0] if len(required) == 1 else wq.Or(required)
        return wq.AndMaybe(match, wq.Or(ranking)) if ranking else match

    def known(self, clauses: list[Any]) -> bool:
        """Whether any of these terms is in the index at all (else: close spellings)."""
        return any(self.reader.doc_frequency(c.fieldname, c.text) > 0 for c in clauses)

    def phrase(self, n: q.Words) -> Any:
        words = self._analysed("body_exact", n.text)
        if not words:
            return None
        fields = PHRASE_FIELDS if n.field is None else ((PHRASE_FIELD_OF_TEXT[n.field], 1.0),)
        clauses = [self.exact_phrase(name, words, boost) for name, boost in fields]
        return clauses[0] if len(clauses) == 1 else wq.Or(clauses)

    def exact_phrase(self, fieldname: str, words: list[str], boost: float) -> Any:
        """Words in this order in one field: a word alone is a term; in the text, pairs of
        adjacent words (one term for two words, consecutive pairs for more)."""
        if len(words) == 1:
            unigram = "body_exact" if fieldname == "body_pairs" else fieldname
            return wq.Term(unigram, words[0], boost=boost)
        if fieldname == "body_pairs":
            pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
            return (wq.Term(fieldname, pairs[0], boost=boost) if len(pairs) == 1
                    else wq.Phrase(fieldname, pairs, boost=boost))
        return wq.Phrase(fieldname, words, boost=boost)

    # -- numbers, flags ----------------------------------------------------------------------

    def number(self, n: q.Number) -> Any:
        whole = self.number_match(n.field, n.text)
        if not n.lead:
            return whole
        # "2209 C7.15/DT.02.00/2023": one number typed with a space, or a word and a number.
        joined = self.number_match(n.field, f"{n.lead}/{n.text}")
        word = self.words(q.Words(None, n.lead))
        return wq.Or([joined, wq.And([word, whole])]) if word is not None else joined

    def number_match(self, fieldname: str, text: str) -> Any:
        key = search_key(text)
        clauses = [wq.Or([wq.Term(name, key), wq.Prefix(name, key + "/"),
                          wq.Prefix(name, key + ".")], boost=boost)
                   for name, boost in NUMBER_FIELDS[fieldname]]
        if fieldname == "any":  # also where the number is only written in a text
            words = self._analysed("body_exact", text)
            if len(words) > 1:
                clauses.append(self.exact_phrase("body_pairs", words, 0.5))
        match = clauses[0] if len(clauses) == 1 else wq.Or(clauses)
        if fieldname == "agenda":
            return wq.And([match, wq.Term("kind", "incoming")])
        return match

    def late(self, value: bool) -> Any:
        yesterday = _day(self.today - dt.timedelta(days=1))
        late = wq.Or([wq.Term("flags", "late"),
                      wq.And([wq.Term("flags", "open"), wq.NumericRange("due", None,
                                                                        yesterday)])])
        if value:
            return late
        return wq.And([wq.Term("kind", "incoming"), wq.Term("status", "filed"),
                       wq.Not(late)])
