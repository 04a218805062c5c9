"""The Whoosh adapter on a real index on disk: analysis, fields, numbers, dates, typos,
sorting and snippets. Documents are built from records as the catalogue would hold them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archiva.models import FILED, VOID, IndexSource
from archiva.search import analysis, engine, stemming
from archiva.search.documents import search_document
from archiva.search.query import Vocabulary, parse, with_filters
from archiva.search.snippets import snippet
from tests.search.test_documents import letter, record

TODAY = dt.date(2026, 12, 2)
VOCAB = Vocabulary({"pengaduan": "Pengaduan", "undangan": "Undangan", "lainnya": "Lainnya"})

MOU_LEBAK = ("PERJANJIAN KERJA SAMA ANTARA BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN "
             "DAN DINAS PENDIDIKAN KABUPATEN LEBAK tentang pendampingan penyusunan kurikulum. "
             "Para pihak sepakat atas hal-hal yang dijanjikan dalam Pasal 1 sampai Pasal 9.")


def sources() -> list[IndexSource]:
    def mou(rid: int, partner: str, year: int, number: str, body: str) -> IndexSource:
        return IndexSource(record(
            id=rid, kind="mou", series="agreement", number=number, classification="KS.01.00",
            doc_date=dt.date(year, 5, 2), year=year, subject=f"Kerja sama dengan {partner}",
            parties=[{"role": "PIHAK KESATU", "institution": "BALAI PENJAMINAN MUTU"},
                     {"role": "PIHAK KEDUA", "institution": partner,
                      "number": f"421/{rid}/Disdik/{year}"}],
            details={"signatory": "Dr. Ahmad Suryadi, M.Pd."}), None, body, None)

    def incoming(rid: int, **kw: Any) -> IndexSource:
        answer = kw.pop("answer", None)
        status = kw.pop("status", FILED)
        rec = record(id=rid, kind="incoming", series="incoming", number=f"{rid:04d}/SM/2026",
                     classification="HM.02.00", doc_date=dt.date(2026, 3, 2), year=2026,
                     status=status, subject=kw.get("subject", ""))
        return IndexSource(rec, letter(**kw), kw.get("text", ""), answer)

    return [
        mou(1, "Dinas Pendidikan Kabupaten Lebak", 2024, "0180/C7.15/KS.01.00/2024", MOU_LEBAK),
        mou(2, "Dinas Pendidikan Kabupaten Lebak", 2023, "0090/C7.15/KS.01.00/2023",
            MOU_LEBAK.replace("kurikulum", "asesmen")),
        mou(3, "Dinas Pendidikan Kabupaten Pandeglang", 2024, "0181/C7.15/KS.01.00/2024",
            MOU_LEBAK.replace("LEBAK", "PANDEGLANG")),
        IndexSource(record(id=4, number="2209 C7.15/DT.02.00/2023", classification="DT.02.00",
                           doc_date=dt.date(2023, 11, 20), year=2023,
                           subject="Pelaksana Kegiatan Bimbingan Teknis"), None,
                    "KEPUTUSAN KEPALA BALAI tentang pelaksana kegiatan bimbingan teknis. "
                    "Menetapkan: KESATU ... mulai berlaku pada tanggal ditetapkan.", None),
        IndexSource(record(id=5, number="0012/C7.15/OT.02.02/2026",
                           subject="Panitia rapat koordinasi"), None,
                    "KEPUTUSAN tentang panitia rapat koordinasi penjaminan mutu.", None),
        incoming(6, subject="Pengaduan layanan sertifikat", due_date=dt.date(2026, 3, 9),
                 progress="selesai", answer=dt.date(2026, 3, 20),
                 sender="SMA Negeri 1 Rangkasbitung", their_number="421/123/Disdik/2026",
                 text="Kami sampaikan pengaduan bahwa sertifikat kegiatan belum diterima."),
        incoming(7, subject="Pengaduan keterlambatan layanan", due_date=dt.date(2026, 3, 9),
                 progress="selesai", answer=dt.date(2026, 3, 5), their_number="800/7/X/2026",
                 sender="SMK Negeri 2 Pandeglang", text="Kami sampaikan keluhan layanan."),
        incoming(8, subject="Pengaduan yang belum dijawab", due_date=dt.date(2026, 11, 20),
                 progress="diproses", their_number="800/8/X/2026",
                 sender="SD Negeri 3 Serang", text="Pengaduan kedua belum dijawab."),
        incoming(9, subject="Undangan rapat", letter_type="undangan",
                 due_date=dt.date(2026, 12, 20), their_number="005/9/Y/2026",
                 sender="Dinas Pendidikan Kota Serang", text="Kami mengundang Bapak/Ibu.",
                 status=VOID),
        IndexSource(record(id=10, kind="number", series="letter", number="0013/C7.15/OT.02.02/2026",
                           doc_date=dt.date(2026, 7, 1), subject="Surat tugas narasumber"),
                    None, "", None),
    ]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[engine.Index]:
    path = tmp_path_factory.mktemp("index")
    engine.create(path)
    ix = engine.Index(path)
    ix.write([search_document(s) for s in sources()], fresh=True)
    yield ix
    ix.close()


def ids(ix: engine.Index, query: str, **filters: Any) -> list[int]:
    sort = filters.pop("sort", "relevance")
    tree = with_filters(parse(query, VOCAB), **filters)
    return [rid for rid, _ in ix.search(tree, TODAY, sort, limit=50).hits]


def test_stemming_matches_other_forms_of_a_word(index: engine.Index) -> None:
    # "perjanjian" and "dijanjikan" share the root janji
    assert set(ids(index, "perjanjian lebak")) == {1, 2}
    assert set(ids(index, "janji")) == {1, 2, 3}
    assert set(ids(index, "menetapkan")) == set(ids(index, "ditetapkan")) == {4}


def test_phrases_match_exact_words_in_order(index: engine.Index) -> None:
    assert set(ids(index, '"kabupaten lebak"')) == {1, 2}
    assert ids(index, '"lebak kabupaten"') == []
    assert set(ids(index, '"dijanjikan"')) == {1, 2, 3}
    assert ids(index, '"perjanjian dijanjikan"') == []  # not stemmed: no such phrase


def test_stop_words_do_not_restrict(index: engine.Index) -> None:
    assert ids(index, "perjanjian dengan lebak") == ids(index, "perjanjian lebak")


def test_fields(index: engine.Index) -> None:
    assert set(ids(index, "pengirim:Rangkasbitung")) == {6}
    assert set(ids(index, "mitra:Pandeglang")) == {3, 7}  # partner or sender
    assert set(ids(index, "perihal:rapat")) == {5, 9}
    assert set(ids(index, "isi:keluhan")) == {7}
    assert set(ids(index, "penandatangan:Suryadi")) == {1, 2, 3}
    assert set(ids(index, "jenis:pks")) == {1, 2, 3}
    assert set(ids(index, "tipe:pengaduan")) == {6, 7, 8}
    assert set(ids(index, "status:batal")) == {9}
    assert set(ids(index, "proses:selesai")) == {6, 7}
    assert set(ids(index, "klasifikasi:KS")) == {1, 2, 3}
    assert set(ids(index, "klasifikasi:DT.02")) == {4}


def test_dates_years_and_filters(index: engine.Index) -> None:
    assert set(ids(index, "jenis:perjanjian tahun:2024")) == {1, 3}
    assert set(ids(index, "tahun:2023..2024 jenis:pks")) == {1, 2, 3}
    assert set(ids(index, "tanggal:2024-05")) == {1, 3}
    assert set(ids(index, "tanggal:..2023-12-31")) == {2, 4}
    assert set(ids(index, "perjanjian", kind="pks", year=2024, sender="Lebak")) == {1}
    assert set(ids(index, "", date_from=dt.date(2026, 6, 1))) == {10}
    assert set(ids(index, "tenggat:2026-03")) == {6, 7}


def test_or_and_not(index: engine.Index) -> None:
    assert set(ids(index, "mitra:lebak OR mitra:pandeglang")) == {1, 2, 3, 7}
    assert set(ids(index, "perjanjian -pandeglang")) == {1, 2}
    assert 9 not in ids(index, "-status:batal")
    assert len(ids(index, "-status:batal")) == 9


def test_numbers_in_every_spelling_and_by_their_segments(index: engine.Index) -> None:
    for spelling in ("2209 C7.15/DT.02.00/2023", "2209/C7.15/DT.02.00/2023",
                     "2209/c7.15/dt.02.00/2023", "nomor:2209/C7.15/DT.02.00/2023"):
        assert ids(index, spelling)[0] == 4, spelling
    assert set(ids(index, "C7.15/KS.01")) == {1, 2, 3}
    assert set(ids(index, "C7.15/DT.02")) == {4}
    assert set(ids(index, "180/C7.15/KS.01.00/2024")) == {1}  # leading zeros optional
    assert ids(index, "421/123/Disdik/2026") == [6]  # the sender's own number
    assert ids(index, "421/3/Disdik/2024") == [3]  # the partner's number of an agreement
    assert set(ids(index, "agenda:0006/SM/2026")) == {6}
    assert ids(index, "agenda:0180/C7.15/KS.01.00/2024") == []  # not an agenda number


def test_typos_in_names_find_close_spellings(index: engine.Index) -> None:
    assert ids(index, "Rangkasbitug") == [6]
    assert ids(index, "pengirim:Rangksbitung") == [6]
    tree = parse("Pandeglng")
    result = index.search(tree, TODAY)
    assert {rid for rid, _ in result.hits} == {3, 7}
    assert result.fuzzy == ["pandeglng"]
    # a word that exists is not widened to its neighbours
    assert index.search(parse("lebak"), TODAY).fuzzy == []


def test_late_answers_and_open_letters_past_due(index: engine.Index) -> None:
    assert set(ids(index, "tipe:pengaduan terlambat:ya")) == {6, 8}  # answered late; overdue
    assert set(ids(index, "tipe:pengaduan terlambat:tidak")) == {7}


def test_sort_by_date_newest_first(index: engine.Index) -> None:
    order = ids(index, "jenis:pks", sort="date")
    assert set(order[:2]) == {1, 3} and order[2] == 2  # both of 2024, then 2023


def test_total_counts_every_match_beyond_the_limit(index: engine.Index) -> None:
    result = index.search(parse("jenis:pks"), TODAY, limit=1)
    assert result.total == 3 and len(result.hits) == 1


def test_only_stop_words_is_reported_empty(index: engine.Index) -> None:
    assert index.search(parse("yang dan di"), TODAY).empty


def test_snippets_mark_stemmed_and_exact_matches(index: engine.Index) -> None:
    result = index.search(parse("perjanjian lebak"), TODAY)
    stemmed = result.terms.get("title", set()) | result.terms.get("text", set())
    exact = result.terms.get("party", set()) | result.terms.get("body_exact", set())
    text = snippet(MOU_LEBAK, stemmed, exact, stemming.stem)
    assert "**PERJANJIAN**" in text and "**LEBAK**" in text
    later = snippet("Para pihak sepakat atas hal-hal yang dijanjikan.", stemmed, exact,
                    stemming.stem)
    assert later == "Para pihak sepakat atas hal-hal yang **dijanjikan**."
    assert snippet("Tidak ada yang cocok di sini.", stemmed, exact, stemming.stem) == (
        "Tidak ada yang cocok di sini.")  # no match: the opening, unmarked


def test_the_pure_analysis_gives_the_index_terms() -> None:
    text = ("Menetapkan: KESATU Pelaksana kegiatan di Kabupaten Lebak, Nomor "
            "0179/C7.15/OT.02.02/2026, a. bahwa PENDIDIKÁN dan para peserta bersama-sama")
    assert engine.stemmed_terms(text) == analysis.stemmed_terms(text)
    assert "c7.15" in analysis.exact_terms(text)
    assert "pendidikan" in analysis.exact_terms(text)  # accents folded


def test_every_failure_inside_whoosh_is_an_engine_error(tmp_path: Path) -> None:
    with pytest.raises(engine.EngineError):
        engine.Index(tmp_path / "nowhere")
    engine.create(tmp_path / "ix")
    for f in (tmp_path / "ix").glob("*.toc"):
        f.write_bytes(b"garbage")
    with pytest.raises(engine.EngineError):
        engine.Index(tmp_path / "ix").count()


@pytest.mark.parametrize("query", [
    "perjanjian", "perjanjian lebak", "lebak OR pandeglang", "perjanjian -pandeglang",
    "-status:batal", "jenis:pks tahun:2024", '"kabupaten lebak"', "C7.15/KS.01",
    "Rangkasbitug", "tipe:pengaduan terlambat:ya", "NOT lebak", "(lebak OR serang) kegiatan",
])
def test_the_total_is_what_whoosh_counts(index: engine.Index, query: str) -> None:
    # Totals are counted by set algebra over the query's parts; Whoosh's own count agrees.
    searcher = index._current_searcher()
    translated = engine._Translator(searcher.reader(), index._schema, TODAY).node(parse(query))
    assert index.search(parse(query), TODAY).total == len(searcher.search(translated,
                                                                          limit=None))


def test_totals_leave_out_replaced_and_deleted_entries(tmp_path: Path) -> None:
    import dataclasses

    engine.create(tmp_path)
    ix = engine.Index(tmp_path)
    docs = [search_document(s) for s in sources()]
    ix.write(docs, fresh=True)
    ix.write([dataclasses.replace(docs[0], title="diganti")])  # replaced: a deletion inside
    ix.write([], deletes=[docs[1].record_id])
    assert ix.search(parse("jenis:pks"), TODAY).total == 2
    assert ix.search(parse("-status:batal"), TODAY).total == 8
    assert ix.search(parse("diganti"), TODAY).total == 1
    ix.close()


def test_equal_scores_come_newest_first_however_the_index_was_written(tmp_path: Path) -> None:
    """Many records scoring the same (every certificate for "sertifikat"): the latest record
    first, also past the limit, whether the entries were updated in place or built fresh."""
    import dataclasses

    base = search_document(IndexSource(record(id=1, subject="Sertifikat peserta"), None,
                                       "Diberikan kepada peserta.", None))
    docs = [dataclasses.replace(base, record_id=rid) for rid in range(1, 61)]
    updated, fresh = tmp_path / "updated", tmp_path / "fresh"
    for path in (updated, fresh):
        engine.create(path)
    ix = engine.Index(updated)
    ix.write(docs[30:], fresh=True)  # the later records first: lower internal numbers
    ix.write(docs[:30])
    ix.write([docs[59], docs[2]])  # replaced entries go to the end of the index
    rebuilt = engine.Index(fresh)
    rebuilt.write(docs, fresh=True)
    for index in (ix, rebuilt):
        result = index.search(parse("sertifikat"), TODAY, limit=10)
        assert [rid for rid, _ in result.hits] == list(range(60, 50, -1))
        assert result.total == 60
        index.close()


@pytest.mark.parametrize("query", ["kurikulum", "pendampingan lebak", '"kabupaten lebak"',
                                   "pengaduan OR undangan", "jenis:masuk"])
def test_scores_are_whooshs_bm25f_plus_the_tie_breaker(index: engine.Index, query: str) -> None:
    reopened = engine.Index(index.path)  # a fresh process's first search, then a later one
    first, again = ({rid: score for rid, score in reopened.search(parse(query), TODAY,
                                                                  limit=50).hits}
                    for _ in range(2))
    reopened.close()
    plain = index._ix.searcher()  # Whoosh's own BM25F, reading lengths from disk
    try:
        tree = engine._Translator(plain.reader(), index._schema, TODAY).node(parse(query))
        theirs = {int(h["record_id"]): h.score for h in plain.search(tree, limit=50)}
    finally:
        plain.close()
    for ours in (first, again):
        assert ours.keys() == theirs.keys()
        for rid, score in ours.items():
            assert 0 < score - theirs[rid] <= 4 * engine.TIE_SHARE, rid


def test_a_search_reads_what_it_opened_while_another_process_merges_it_away(
        tmp_path: Path) -> None:
    """Whoosh opens a segment's columns (stored fields, record ids, lengths) only when first
    read, and a writer in another process deletes the files of segments it merged away right
    after its commit: a search that had opened the index just before then found no stored
    fields (TypeError) and the index was rebuilt for nothing. A searcher holds every file of
    the generation it opened."""
    from whoosh import index as whoosh_index

    engine.create(tmp_path)
    ix = engine.Index(tmp_path)
    docs = [search_document(s) for s in sources()]
    for doc in docs:  # one segment each
        ix.write([doc])
    searcher = ix._current_searcher()
    assert len(searcher.reader().leaf_readers()) > 1
    other = whoosh_index.open_dir(str(tmp_path)).writer(compound=False)
    other.commit(optimize=True)  # another process merges every segment into one
    segments = {f.name.split(".")[0] for f in tmp_path.iterdir() if f.suffix == ".col"}
    assert len(segments) == 1  # and the files of the old ones are gone
    searcher.up_to_date = lambda: True  # the commit landed while this search was running
    result = ix.search(parse("pengaduan"), TODAY, limit=50)
    assert sorted(rid for rid, _ in result.hits) == [6, 7, 8]
    assert ix.search(parse("lebak"), TODAY, sort="date").total == 2
    ix.close()
