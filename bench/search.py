"""Archive search benchmark: a generated corpus of Indonesian records, Archiva's Whoosh index
against SQLite FTS5 fed the very same analysed terms, measured in the same run.

  build      index build docs/s, one process and all cores (Archiva's rebuild), and FTS5
  size       index folder size, FTS5 database size
  queries    p50/p95 of term, phrase, field+date and number queries in a warm process: the
             engine alone against FTS5 (top 10 and the total), and Archiva's whole search call
             (with the catalogue read and snippets)
  process    p50/p95 of a whole `archiva search` command
  latency    filed -> searchable under `archiva watch`, seen by a reader that does not update
             the index itself
  relevance  recall@10 and MRR of the relevance set over the same corpus; and, over a small
             corpus, Archiva's stemmer against plain Snowball and no stemming
  stemming   accuracy on the held-out half of the gold list; words/s
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from archiva.config import Settings
from archiva.search import analysis, engine, stemming
from archiva.search.documents import SearchDocument, search_document
from archiva.search.query import parse, with_filters
from archiva.search.results import SearchRequest
from archiva.service import Archiva
from bench.common import ARCHIVA, new_home, percentile
from tests.search.corpus import RelevanceQuery, corpus, relevance_targets
from tests.search.loading import load
from tests.search.relevance import evaluate

TODAY = dt.date(2026, 12, 2)

TERMS = ("pendampingan", "kurikulum", "narasumber", "sertifikat", "pengaduan", "lebak",
         "pandeglang", "asesmen", "rapor", "koordinasi", "bimbingan", "undangan", "anggaran",
         "modul", "guru", "sekolah", "penjaminan", "pendidikan", "kegiatan", "permohonan",
         "cilegon", "universitas", "keterlambatan", "evaluasi", "diferensiasi", "ditetapkan",
         "dijanjikan", "widyaprada", "lokakarya", "tangerang")
PHRASES = ('"kerja sama"', '"satuan pendidikan"', '"kabupaten lebak"', '"rapor pendidikan"',
           '"bimbingan teknis"', '"penjaminan mutu"', '"modul ajar"', '"asesmen formatif"',
           '"rapat koordinasi"', '"kota serang"')
FIELD_DATE = ("pengirim:Cilegon tahun:2025", "jenis:masuk tanggal:2026-03",
              "tipe:pengaduan tahun:2026", "perihal:narasumber tanggal:2024-01..2024-06",
              "jenis:keputusan tahun:2023 pelaksana", "mitra:Tangerang tahun:2024..2025",
              "jenis:sertifikat tanggal:2025-08", "tipe:undangan tanggal:>=2026-10-01",
              "penandatangan:Suryadi tahun:2024", "klasifikasi:KS tahun:2026")


def ms(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(1000 * statistics.median(values), 1),
            "p95_ms": round(1000 * percentile(values, 0.95), 1)}


def secs(values: list[float]) -> dict[str, float]:
    return {"p50_s": round(statistics.median(values), 2),
            "p95_s": round(percentile(values, 0.95), 2)}


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# -- the query sets -----------------------------------------------------------------------------

def number_queries(numbers: list[str], rng: random.Random) -> list[str]:
    """Real numbers of the corpus as people type them: exactly, in lower case, with the space
    slip, without zero padding; and runs of segments (unit and classification)."""
    out = []
    for n in rng.sample(numbers, 24):
        first, _, rest = n.partition("/")
        out.append(rng.choice((n, n.lower(), f"{first} {rest}", f"{first.lstrip('0')}/{rest}")))
    return [*out, "C7.15/KS.01", "C7.15/DT.02", "C7.15/OT.02.02", "SM/2026", "C7.15/HM.02",
            "Sertifikat/BPMPBANTEN/2025"]


def query_sets(numbers: list[str], seed: int = 5) -> dict[str, list[str]]:
    rng = random.Random(seed)
    return {"term": list(TERMS), "phrase": list(PHRASES), "field_date": list(FIELD_DATE),
            "number": number_queries(numbers, rng)}


# -- SQLite FTS5 over the same analysed terms ------------------------------------------------------

FTS_COLUMNS = ("title", "title_exact", "party", "signer", "body", "body_exact", "numbers")


def fts_row(d: SearchDocument) -> tuple[Any, ...]:
    exact = analysis.exact_terms
    return (d.record_id, " ".join(engine.stemmed_terms(d.title)), " ".join(exact(d.title)),
            " ".join(exact(d.party)), " ".join(exact(d.signer)),
            " ".join(engine.stemmed_terms(d.body)), " ".join(exact(d.body)),
            " ".join(d.numbers + d.other_numbers + d.cited_numbers))


def build_fts(path: Path, docs: Iterable[SearchDocument]) -> tuple[sqlite3.Connection, float,
                                                                   float]:
    """(connection, seconds analysing, seconds inserting into FTS5)."""
    db = sqlite3.connect(path)
    db.execute(f"CREATE VIRTUAL TABLE docs USING fts5({', '.join(FTS_COLUMNS)}, "
               "tokenize = \"unicode61 tokenchars './'\")")
    db.execute("CREATE TABLE meta (rowid INTEGER PRIMARY KEY, kind TEXT, letter_type TEXT, "
               "date INTEGER, year INTEGER)")
    db.execute("CREATE INDEX meta_year ON meta(year)")
    analyse = insert = 0.0
    batch: list[tuple[Any, ...]] = []
    metas: list[tuple[Any, ...]] = []

    def flush() -> float:
        t0 = time.perf_counter()
        db.executemany(f"INSERT INTO docs(rowid, {', '.join(FTS_COLUMNS)}) "
                       f"VALUES ({', '.join('?' * (len(FTS_COLUMNS) + 1))})", batch)
        db.executemany("INSERT INTO meta VALUES (?, ?, ?, ?, ?)", metas)
        batch.clear()
        metas.clear()
        return time.perf_counter() - t0

    for d in docs:
        t0 = time.perf_counter()
        batch.append(fts_row(d))
        metas.append((d.record_id, d.kind, d.letter_type,
                      int(d.date.strftime("%Y%m%d")) if d.date else None, d.year))
        analyse += time.perf_counter() - t0
        if len(batch) >= 2000:
            insert += flush()
    insert += flush()
    t0 = time.perf_counter()
    db.commit()
    return db, analyse, insert + time.perf_counter() - t0


def fts_query(kind: str, text: str) -> tuple[str, str, list[Any]]:
    """The FTS5 counterpart of one benchmark query: (MATCH expression, extra WHERE, params)."""
    def words(t: str) -> str:
        stem = " ".join(engine.stemmed_terms(t))
        exact = " ".join(analysis.exact_terms(t))
        return f"({{title body}} : {stem} OR {{party signer}} : {exact})"

    if kind == "term":
        return words(text), "", []
    if kind == "phrase":
        phrase = " ".join(analysis.exact_terms(text.strip('"')))
        return f'{{title_exact body_exact party signer}} : "{phrase}"', "", []
    if kind == "number":
        from archiva.search.documents import search_key

        key = search_key(text)
        return f'numbers : "{key}" OR numbers : "{key}/" * OR numbers : "{key}." *', "", []
    # field + date: the same selections, written for FTS5 by hand
    table: dict[str, tuple[str, str, list[Any]]] = {
        "pengirim:Cilegon tahun:2025": ("party : cilegon", "m.year = ?", [2025]),
        "jenis:masuk tanggal:2026-03": ("", "m.kind = ? AND m.date BETWEEN ? AND ?",
                                        ["incoming", 20260301, 20260331]),
        "tipe:pengaduan tahun:2026": ("", "m.letter_type = ? AND m.year = ?",
                                      ["pengaduan", 2026]),
        "perihal:narasumber tanggal:2024-01..2024-06": (
            "{title title_exact} : narasumber", "m.date BETWEEN ? AND ?", [20240101, 20240630]),
        "jenis:keputusan tahun:2023 pelaksana": (words("pelaksana"),
                                                 "m.kind = ? AND m.year = ?", ["decree", 2023]),
        "mitra:Tangerang tahun:2024..2025": ("party : tangerang", "m.year BETWEEN ? AND ?",
                                             [2024, 2025]),
        "jenis:sertifikat tanggal:2025-08": ("", "m.kind = ? AND m.date BETWEEN ? AND ?",
                                             ["certificate", 20250801, 20250831]),
        "tipe:undangan tanggal:>=2026-10-01": ("", "m.letter_type = ? AND m.date >= ?",
                                               ["undangan", 20261001]),
        "penandatangan:Suryadi tahun:2024": ("signer : suryadi", "m.year = ?", [2024]),
        "klasifikasi:KS tahun:2026": ("", "m.year = ?", [2026]),
    }
    return table[text]


def run_fts(db: sqlite3.Connection, kind: str, text: str) -> int:
    """Top 10 and the total, as Archiva's search gives them."""
    match, where, params = fts_query(kind, text)
    if match:
        cond = "docs MATCH ?" + (f" AND {where}" if where else "")
        args = [match, *params]
        top = (f"SELECT docs.rowid FROM docs JOIN meta m ON m.rowid = docs.rowid WHERE {cond} "
               "ORDER BY rank LIMIT 10")
        count = f"SELECT count(*) FROM docs JOIN meta m ON m.rowid = docs.rowid WHERE {cond}"
    else:  # filters only: by date, as a list of records is read
        top = f"SELECT rowid FROM meta m WHERE {where} ORDER BY date DESC LIMIT 10"
        count = f"SELECT count(*) FROM meta m WHERE {where}"
        args = params
    db.execute(top, args).fetchall()
    return int(db.execute(count, args).fetchone()[0])


# -- the parts -----------------------------------------------------------------------------------

def build_corpus(home: Settings, records: int) -> tuple[dict[str, int], list[RelevanceQuery],
                                                        float]:
    targets, queries = relevance_targets()
    with Archiva.open(home) as app:
        t0 = time.perf_counter()
        ids = load(app.catalogue, itertools.chain(corpus(records), targets))
        return ids, queries, time.perf_counter() - t0


def bench_build(app: Archiva, total: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for label, procs in (("one_process", 1), ("all_cores", os.cpu_count() or 1)):
        report = app.index.rebuild(procs=procs, reason="benchmark")
        out[f"build_{label}_s"] = report.seconds
        out[f"build_{label}_docs_per_s"] = round(total / report.seconds)
    current = app.index.current()
    assert current is not None
    out["index_mb"] = round(du(current) / 2**20, 1)
    return out


def bench_queries(app: Archiva, db: sqlite3.Connection, sets: dict[str, list[str]],
                  rounds: int) -> dict[str, Any]:
    """Warm process: each query of each set `rounds` times, engine and FTS5 interleaved."""
    state, index = app.index._usable()
    assert index is not None, state
    out: dict[str, Any] = {}
    for kind, queries in sets.items():
        ours, full, peer = [], [], []
        for q in queries:  # warm-up: first touch of each query's postings
            index.search(parse(q), TODAY)
            run_fts(db, kind, q)
        for _ in range(rounds):
            for q in queries:
                tree = parse(q)
                ours.append(timed(lambda tree=tree: index.search(tree, TODAY)))
                peer.append(timed(lambda q=q, kind=kind: run_fts(db, kind, q)))
                full.append(timed(lambda q=q: app.search(SearchRequest(q))))
        out[kind] = {"archiva_engine": ms(ours), "fts5": ms(peer), "archiva_search_call":
                     ms(full), "ratio_p50_to_fts5": round(statistics.median(ours)
                                                          / statistics.median(peer), 1)}
    return out


def bench_process(home: Settings, runs: int) -> dict[str, Any]:
    env = dict(os.environ, ARCHIVA_HOME=str(home.home), ARCHIVA_DATABASE_URL=home.database_url)
    out: dict[str, Any] = {}
    for label, query in (("term", "pendampingan"), ("number", "C7.15/KS.01")):
        subprocess.run([ARCHIVA, "search", query], env=env, capture_output=True, check=True)
        walls = [timed(lambda q=query: subprocess.run([ARCHIVA, "search", q], env=env,
                                                      capture_output=True, check=True))
                 for _ in range(runs)]
        out[label] = ms(walls)
    python = [timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True))
              for _ in range(runs)]
    out["bare_python"] = ms(python)
    return out


def bench_latency(home: Settings, arrivals: int, tmp: Path) -> dict[str, Any]:
    """A letter filed by `archiva watch` (settle 1 s) -> found in the index by a reader that
    never writes it: the writer's own update is what makes it searchable."""
    from tests.intake.letters import samples, write_pdf

    text = home.profile_path.read_text("utf-8")
    home.profile_path.write_text(text.replace("settle_seconds = 5 ", "settle_seconds = 1 "),
                                 "utf-8")
    env = dict(os.environ, ARCHIVA_HOME=str(home.home), ARCHIVA_DATABASE_URL=home.database_url)
    watcher = subprocess.Popen([ARCHIVA, "watch"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    filed_to_found, written_to_found = [], []
    try:
        with Archiva.open(home) as app:
            time.sleep(3)
            for i, sample in enumerate(samples(n=arrivals, seed=99)):
                src = write_pdf(sample, tmp / f"arrival-{i}.pdf")
                dest = home.home / "inbox" / f"latency-{i}.pdf"
                shutil.copy(src, dest)
                written = time.perf_counter()
                number = _wait(lambda d=dest: _filed(app, d.name))
                filed = time.perf_counter()
                _wait(lambda n=number: _in_index(app, n))
                found = time.perf_counter()
                filed_to_found.append(found - filed)
                written_to_found.append(found - written)
    finally:
        watcher.terminate()
        watcher.wait(timeout=60)
    return {"arrivals": arrivals, "settle_seconds": 1,
            "filed_to_searchable": secs(filed_to_found),
            "written_to_searchable": secs(written_to_found)}


def _wait(probe: Callable[[], Any], limit: float = 120) -> Any:
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(0.01)
    raise RuntimeError("timed out")


def _filed(app: Archiva, name: str) -> str | None:
    from sqlalchemy import text

    with app.catalogue.engine.connect() as conn:
        return conn.execute(text(
            "SELECT r.number FROM records r JOIN letters l ON l.record_id = r.id "
            "WHERE l.original_name = :n AND r.status = 'filed'"), {"n": name}).scalar()


def _in_index(app: Archiva, number: str) -> bool:
    current = app.index.current()
    if current is None:
        return False
    index = engine.Index(current)  # a reader only: it never applies the outbox
    try:
        result = index.search(parse(f"agenda:{number} status:filed"), TODAY)
        return bool(result.hits)
    finally:
        index.close()


def relevance_search(app: Archiva) -> Callable[[RelevanceQuery], list[int]]:
    def search(rq: RelevanceQuery) -> list[int]:
        request = SearchRequest(rq.query, limit=10, **rq.options)
        return [h.record.id for h in app.search(request).hits]
    return search


def bench_stemmers(tmp: Path, background: int) -> dict[str, Any]:
    """The relevance set over a small corpus, indexed with each stemmer."""
    home = new_home(tmp / "stemmer-home")
    targets, queries = relevance_targets()
    out: dict[str, Any] = {}
    with Archiva.open(home) as app:
        ids = load(app.catalogue, itertools.chain(corpus(background, seed=3), targets))
        sources = app.catalogue.index_sources(sorted(ids.values()))
        docs = [search_document(s) for s in sources]
        for stemmer in stemming.STEMMERS:
            path = tmp / f"ix-{stemmer}"
            engine.create(path, stemmer)
            index = engine.Index(path)
            index.write(docs, fresh=True)

            def search(rq: RelevanceQuery, index: engine.Index = index) -> list[int]:
                tree = with_filters(parse(rq.query), **rq.options)
                return [rid for rid, _ in index.search(tree, TODAY, limit=10).hits]

            out[stemmer] = evaluate(search, queries, ids).to_json()
            index.close()
    return out


def bench_stemming() -> dict[str, Any]:
    gold = Path(__file__).resolve().parent.parent / "tests" / "search" / "stemming_gold.tsv"
    rows = [line.split("\t") for line in gold.read_text("utf-8").splitlines()
            if line and not line.startswith("#")][1:]
    held = [(w, r) for w, r, s in rows if s == "heldout" and "-" not in w]
    dev = [(w, r) for w, r, s in rows if s == "dev" and "-" not in w]
    out: dict[str, Any] = {"heldout_words": len(held), "dev_words": len(dev)}
    for name, fn in (("snowball", stemming.snowball), ("archiva", stemming.stem)):
        out[f"{name}_heldout"] = round(sum(fn(w) == r for w, r in held) / len(held), 3)
        out[f"{name}_dev"] = round(sum(fn(w) == r for w, r in dev) / len(dev), 3)
    words = [w for w, _ in held + dev] * 200
    t0 = time.perf_counter()
    for w in words:
        stemming.stem(w)
    out["archiva_words_per_s"] = round(len(words) / (time.perf_counter() - t0))
    return out


def bench_search(records: int, rounds: int, runs: int, arrivals: int, tmp: Path,
                 progress: Callable[[str], None] = print) -> dict[str, Any]:
    home = new_home(tmp / "search-home")
    ids, queries, load_s = build_corpus(home, records)
    total = len(ids)
    out: dict[str, Any] = {"records": total, "corpus_load_s": round(load_s, 1)}
    progress(f"  corpus of {total} records loaded in {load_s:.0f} s")
    with Archiva.open(home) as app:
        out.update(bench_build(app, total))
        progress(f"  index built: {out}")
        docs = (search_document(s) for chunk in _id_chunks(sorted(ids.values()))
                for s in app.catalogue.index_sources(chunk))
        db, analyse_s, insert_s = build_fts(tmp / "fts5.db", docs)
        out["fts5_insert_docs_per_s"] = round(total / insert_s)
        out["fts5_analyse_and_insert_docs_per_s"] = round(total / (analyse_s + insert_s))
        out["fts5_mb"] = round((tmp / "fts5.db").stat().st_size / 2**20, 1)
        numbers = [n for n, in app.catalogue.engine.connect().exec_driver_sql(
            "SELECT number FROM records WHERE kind != 'external'").fetchall()]
        out["queries"] = bench_queries(app, db, query_sets(numbers), rounds)
        progress("  queries measured")
        scores = evaluate(relevance_search(app), queries, ids)
        out["relevance"] = scores.to_json()
        out["relevance_misses"] = scores.misses
    out["process"] = bench_process(home, runs)
    out["latency"] = bench_latency(home, arrivals, tmp)
    out["stemmers_on_2000_records"] = bench_stemmers(tmp, 2000)
    out["stemming"] = bench_stemming()
    return out


def _id_chunks(ids: list[int], size: int = 1000) -> Iterable[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]
