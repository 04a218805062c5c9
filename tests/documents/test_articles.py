"""An agreement's articles: the data's own, with the template's defaults for the standard ones
it leaves out, each in its standard place."""

from __future__ import annotations

from pathlib import Path

import pytest

from archiva.config import BUNDLED_TEMPLATES
from archiva.documents.articles import Article, complete, load_standards, standard_of
from archiva.errors import ProfileError

STANDARDS = load_standards(BUNDLED_TEMPLATES / "mou" / "pasal.yaml")
ORDER = ["purpose", "scope", "implementation", "rights", "funding", "duration", "monitoring",
         "force_majeure", "disputes", "amendment", "closing"]


def given(*titles: str) -> list[Article]:
    return [Article(t, [f"isi {t}"], standard_of(t, STANDARDS)) for t in titles]


def test_the_shipped_defaults_list_the_standard_articles_in_order() -> None:
    assert [s.key for s in STANDARDS] == ORDER


def test_titles_are_recognised() -> None:
    assert standard_of("Maksud dan Tujuan", STANDARDS) == "purpose"
    assert standard_of("PEMBIAYAAN KEGIATAN", STANDARDS) == "funding"
    assert standard_of("Keadaan Memaksa (Force Majeure)", STANDARDS) == "force_majeure"
    assert standard_of("Lain-lain", STANDARDS) == ""


def test_missing_standard_articles_are_added_in_their_places() -> None:
    out = complete(given("Maksud dan Tujuan", "Ruang Lingkup", "Hak dan Kewajiban",
                         "Penyelesaian Perselisihan"), STANDARDS, "PERJANJIAN KERJA SAMA",
                   {"funding": "Biaya sebesar Rp1,00."})
    assert [a.key for a in out] == ORDER
    funding = out[ORDER.index("funding")]
    assert funding.clauses[0] == "Biaya sebesar Rp1,00."  # written from the data first
    closing = out[-1]
    assert closing.clauses[0].startswith("Perjanjian kerja sama ini dibuat rangkap 2 (dua)")


def test_the_datas_own_articles_keep_their_words_and_order() -> None:
    out = complete(given("Ruang Lingkup", "Maksud dan Tujuan", "Lain-lain", "Pembiayaan"),
                   STANDARDS, "NOTA KESEPAHAMAN", {"funding": "dari data"})
    titles = [a.title for a in out]
    assert titles[:3] == ["Ruang Lingkup", "Maksud dan Tujuan", "Pelaksanaan"]
    assert titles.index("Lain-lain") < titles.index("Pembiayaan")
    assert out[titles.index("Pembiayaan")].clauses == ["isi Pembiayaan"]
    assert "Nota kesepahaman ini" in " ".join(out[-1].clauses)


def test_a_broken_defaults_file_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "pasal.yaml"
    bad.write_text("articles:\n  - title: Tanpa kunci\n", "utf-8")
    with pytest.raises(ProfileError, match=r"pasal.yaml: articles\[1\] needs key"):
        load_standards(bad)
