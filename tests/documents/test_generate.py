"""Decrees, agreements and reports through `Archiva.generate`, read back from the real files:
DOCX with python-docx and LibreOffice, PDF with pypdf (text, PDF/A-3b metadata, embedded fonts)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from archiva import indonesian
from archiva.config import BUNDLED_TEMPLATES, Settings
from archiva.documents.generate import GeneratedDocument
from archiva.errors import RenderError
from archiva.service import Archiva
from tests.conftest import EXAMPLES, make_home
from tests.documents.helpers import (
    CONTROL,
    CONTROL_CLEAN,
    LITERALS,
    LONG,
    LONG_END,
    LONG_START,
    MARKUP,
    TEMPLATE_TAG,
    TEMPLATE_VAR,
    collapse,
    docx_lines,
    docx_tables,
    docx_text,
    docx_xml,
    in_pdf,
    libreoffice_text,
    load_example,
    number_file_stem,
    pdf_text,
    pdfa_identification,
    sha256,
    squash,
    unembedded_fonts,
    write_json,
    write_yaml,
)

TAKES_EFFECT = "Keputusan ini mulai berlaku pada tanggal ditetapkan."
SERIES_FOLDER = {"decree": "decree", "mou": "agreement", "report": "letter"}  # demo profile
FORMATS = {"decree": ["docx", "pdf"], "mou": ["docx", "pdf"], "report": ["pdf"]}

HOSTILE_SUBJECT = f"Uji {TEMPLATE_VAR} {TEMPLATE_TAG} {MARKUP}"

# Two attachments: 3 and 5 columns, hostile cells in the first.
ATTACHMENT_3 = {
    "title": f"DAFTAR {MARKUP}",
    "columns": ["No", "Nama", "Keterangan"],
    "rows": [["1", TEMPLATE_VAR, MARKUP], ["2", TEMPLATE_TAG, CONTROL], ["3", "Budi", LONG]],
}
ATTACHMENT_5 = {
    "title": "STANDAR PELAYANAN",
    "columns": ["No", "Komponen", "Uraian", "Waktu", "Biaya"],
    "rows": [["1", "Persyaratan", "Surat permohonan", "1 hari", "Tidak dipungut biaya"],
             ["2", "Prosedur", "Permohonan diterima ULT", "2 hari", "Rp0"],
             ["3", "Produk", "Keputusan", "5 hari", "Rp0"]],
}


def _clean(s: str) -> str:
    return CONTROL_CLEAN if s == CONTROL else s


def hostile_decree() -> dict[str, Any]:
    d = load_example("keputusan.yaml")
    d["date"] = "2026-12-01"  # after the examples: no inserted number
    d["subject"] = HOSTILE_SUBJECT
    d["considering"] = [f"bahwa {MARKUP};", TEMPLATE_VAR, TEMPLATE_TAG, LONG, CONTROL]
    d["legal_basis"] = [*d["legal_basis"], MARKUP]
    d["decisions"] = [MARKUP, TEMPLATE_VAR, LONG, CONTROL, TEMPLATE_TAG]
    d["attachments"] = [ATTACHMENT_3, ATTACHMENT_5]
    return d


def hostile_mou() -> dict[str, Any]:
    m = load_example("perjanjian.yaml")
    m["date"] = "2026-12-02"
    m["subject"] = HOSTILE_SUBJECT
    m["partner"] = {"institution": f"Dinas {MARKUP}", "official": f"Pejabat {TEMPLATE_VAR}",
                    "position": f"Kepala {TEMPLATE_TAG}", "address": CONTROL,
                    "number": "421/<b>&</b>/2026"}
    m["considerations"] = [MARKUP, LONG]
    m["articles"] = [
        {"title": f"Judul {MARKUP}", "clauses": [TEMPLATE_VAR, TEMPLATE_TAG, LONG, CONTROL]},
        {"title": "Penutup", "clauses": [MARKUP]},
    ]
    m["funding"]["source"] = MARKUP
    return m


def hostile_report() -> dict[str, Any]:
    r = load_example("laporan.yaml")
    r["date"] = "2026-12-03"
    r["subject"] = HOSTILE_SUBJECT
    r["basis"] = [MARKUP, TEMPLATE_VAR]
    r["sections"] = [
        {"title": f"Latar {MARKUP}",
         "paragraphs": [TEMPLATE_VAR, TEMPLATE_TAG, MARKUP, LONG, CONTROL]},
        {"title": "Penutup", "paragraphs": ["Demikian laporan ini."]},
    ]
    r["participants"] = [{"institution": MARKUP, "count": 5}, {"institution": CONTROL, "count": 7}]
    r["evaluation"][0]["question"] = TEMPLATE_TAG
    return r


# -- module-scoped archive and documents (LibreOffice is slow: generate each document once) ----

@pytest.fixture(scope="module")
def gen_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archiva]:
    settings = make_home(tmp_path_factory.mktemp("generate") / "home")
    with Archiva.open(settings) as app:
        yield app


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def docs(gen_app: Archiva, data_dir: Path) -> dict[str, GeneratedDocument]:
    """Every kind from the examples and from hostile data; the JSON forms of data are used
    for two of them so both loaders feed a real generation."""
    plain_decree = load_example("keputusan.yaml")
    plain_decree.pop("attachments")
    plain_decree["date"] = "2026-12-04"
    plain_decree["decisions"] = [*plain_decree["decisions"],
                                 "Keputusan ini Mulai Berlaku sejak tanggal ditetapkan."]
    return {
        "decree": gen_app.generate("decree", EXAMPLES / "keputusan.yaml"),
        "mou": gen_app.generate("mou", EXAMPLES / "perjanjian.yaml"),
        "report": gen_app.generate("report", EXAMPLES / "laporan.yaml"),
        "decree_hostile": gen_app.generate(
            "decree", write_yaml(data_dir / "decree_hostile.yaml", hostile_decree())),
        "mou_hostile": gen_app.generate(
            "mou", write_json(data_dir / "mou_hostile.json", hostile_mou())),
        "report_hostile": gen_app.generate(
            "report", write_json(data_dir / "report_hostile.json", hostile_report())),
        "decree_plain": gen_app.generate(
            "decree", write_yaml(data_dir / "decree_plain.yaml", plain_decree)),
    }


def _file(app: Archiva, doc: GeneratedDocument, fmt: str) -> Path:
    [entry] = [f for f in doc.record.files if f.format == fmt]
    return app.settings.home / entry.path


@pytest.fixture(scope="module")
def lo_text(gen_app: Archiva, docs: dict[str, GeneratedDocument],
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, str | None]:
    """Every generated DOCX opened by LibreOffice (one run) and saved as plain text."""
    paths = {name: _file(gen_app, d, "docx") for name, d in docs.items()
             if any(f.format == "docx" for f in d.record.files)}
    texts = libreoffice_text(list(paths.values()), tmp_path_factory.mktemp("lo"))
    return {name: texts.get(p) for name, p in paths.items()}


ALL_DOCS = ["decree", "mou", "report", "decree_hostile", "mou_hostile", "report_hostile",
            "decree_plain"]
DOCX_DOCS = ["decree", "mou", "decree_hostile", "mou_hostile", "decree_plain"]


def _kind(name: str) -> str:
    return name.split("_")[0]


# -- 1. every kind generated, the --json shape, where files are --------------------------------

@pytest.mark.parametrize("name", ALL_DOCS)
def test_json_output_lists_the_real_files(gen_app: Archiva, docs: dict[str, GeneratedDocument],
                                          name: str) -> None:
    doc = docs[name]
    data = doc.to_json()
    assert set(data) == {"number", "record_id", "files"}
    assert data["number"] == doc.record.number
    assert re.fullmatch(r"\d{4}/C7\.15/[A-Z]{2}(\.\d{2}){1,3}/2026", data["number"])
    assert [f["format"] for f in data["files"]] == FORMATS[_kind(name)]
    folder = f"archive/2026/{SERIES_FOLDER[_kind(name)]}/"
    for f in data["files"]:
        assert set(f) == {"path", "format", "sha256"}
        path = gen_app.settings.home / f["path"]
        assert path.is_file()
        assert f["sha256"] == sha256(path)
        assert f["path"] == folder + f"{number_file_stem(data['number'])}.{f['format']}"
        assert "/" not in path.name
    rec = gen_app.show(data["number"])
    assert rec.id == data["record_id"]
    assert rec.status == "filed"
    assert [(f.path, f.sha256) for f in rec.files] == [(f["path"], f["sha256"])
                                                       for f in data["files"]]


def test_each_generation_takes_the_next_number(docs: dict[str, GeneratedDocument]) -> None:
    # decree, agreement and report share the demo profile's "umum" counter
    seqs = [int(docs[n].record.number.split("/")[0]) for n in ALL_DOCS]
    assert seqs == list(range(1, len(ALL_DOCS) + 1))


@pytest.mark.parametrize("name", ["decree", "mou"])
def test_docx_has_number_and_subject_in_capitals(gen_app: Archiva,
                                                 docs: dict[str, GeneratedDocument],
                                                 name: str) -> None:
    doc = docs[name]
    lines = docx_lines(_file(gen_app, doc, "docx"))
    number = doc.record.number
    assert (f"NOMOR {number}" if name == "decree" else f"NOMOR: {number}") in lines
    assert doc.record.subject.upper() in lines
    assert doc.record.subject.upper() != doc.record.subject


def test_mou_docx_names_the_partner(gen_app: Archiva, docs: dict[str, GeneratedDocument]) -> None:
    partner = load_example("perjanjian.yaml")["partner"]
    text = docx_text(_file(gen_app, docs["mou"], "docx"))
    lines = text.splitlines()
    assert partner["institution"].upper() in lines  # the title block
    assert f"atas nama {partner['institution']}, selanjutnya disebut PIHAK KEDUA." in text
    assert partner["official"] in lines


def test_decree_docx_attachment_table(gen_app: Archiva,
                                      docs: dict[str, GeneratedDocument]) -> None:
    att = load_example("keputusan.yaml")["attachments"][0]
    tables = docx_tables(_file(gen_app, docs["decree"], "docx"))
    assert tables == [[att["columns"], *att["rows"]]]


@pytest.mark.parametrize("name", ALL_DOCS)
def test_pdf_has_number_and_subject(gen_app: Archiva, docs: dict[str, GeneratedDocument],
                                    name: str) -> None:
    doc = docs[name]
    text = pdf_text(_file(gen_app, doc, "pdf"))
    assert in_pdf(doc.record.number, text)
    assert in_pdf(doc.record.subject.upper(), text)


def test_register_keeps_the_mou_parties(docs: dict[str, GeneratedDocument]) -> None:
    parties = docs["mou"].record.parties
    assert [p["role"] for p in parties] == ["PIHAK KESATU", "PIHAK KEDUA"]
    assert parties[1]["institution"] == "Dinas Pendidikan dan Kebudayaan Kabupaten Lebak"
    assert parties[1]["number"] == "421/1234/Disdikbud/2026"


# -- 2. PDF/A-3b with embedded fonts --------------------------------------------------------

@pytest.mark.parametrize("name", ALL_DOCS)
def test_pdf_is_pdfa_3b(gen_app: Archiva, docs: dict[str, GeneratedDocument], name: str) -> None:
    assert pdfa_identification(_file(gen_app, docs[name], "pdf")) == ("3", "B")


@pytest.mark.parametrize("name", ALL_DOCS)
def test_pdf_fonts_are_embedded(gen_app: Archiva, docs: dict[str, GeneratedDocument],
                                name: str) -> None:
    assert unembedded_fonts(_file(gen_app, docs[name], "pdf")) == []


def test_the_pdf_checks_can_fail(tmp_path: Path) -> None:
    """A PDF with a standard font that is not embedded and no XMP: both checks object."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    path = tmp_path / "plain.pdf"
    with path.open("wb") as f:
        writer.write(f)
    assert unembedded_fonts(path) == ["page 1: /Helvetica: no FontDescriptor (subtype /Type1)"]
    assert pdfa_identification(path) == (None, None)


# -- 3. hostile data comes out literally ---------------------------------------------------

@pytest.mark.parametrize("name", ["decree_hostile", "mou_hostile"])
def test_hostile_text_is_literal_in_docx(gen_app: Archiva, docs: dict[str, GeneratedDocument],
                                         name: str) -> None:
    path = _file(gen_app, docs[name], "docx")
    text = docx_text(path)
    for literal in (*LITERALS, LONG, HOSTILE_SUBJECT.upper()):
        assert literal in text, literal[:40]
    xml = docx_xml(path)
    assert "\a" not in xml
    assert "\f" not in xml
    assert "&lt;b&gt;bold&lt;/b&gt;" in xml  # escaped text, not markup
    assert "<b>" not in xml


def test_hostile_decree_fields_in_docx(gen_app: Archiva,
                                       docs: dict[str, GeneratedDocument]) -> None:
    path = _file(gen_app, docs["decree_hostile"], "docx")
    lines = docx_lines(path)
    considering = [f"bahwa {MARKUP};", TEMPLATE_VAR, TEMPLATE_TAG, LONG, CONTROL_CLEAN]
    for label, item in zip("abcde", considering, strict=True):
        assert any(line.endswith(f"\t{label}.\t{item}") for line in lines), item[:40]
    decisions = [MARKUP, TEMPLATE_VAR, LONG, CONTROL_CLEAN, TEMPLATE_TAG, TAKES_EFFECT]
    labels = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM"]
    for label, item in zip(labels, decisions, strict=True):
        assert f"{label}\t:\t{item}" in lines
    assert any(line.endswith(f"\t4.\t{MARKUP}") for line in lines)  # legal basis
    tables = docx_tables(path)
    assert tables[0] == [ATTACHMENT_3["columns"],
                         *[[_clean(c) for c in row] for row in ATTACHMENT_3["rows"]]]
    assert f"DAFTAR {MARKUP}" in lines


def test_hostile_mou_fields_in_docx(gen_app: Archiva, docs: dict[str, GeneratedDocument]) -> None:
    text = docx_text(_file(gen_app, docs["mou_hostile"], "docx"))
    lines = text.splitlines()
    assert f"DINAS {MARKUP.upper()}" in lines
    assert f"Pejabat {TEMPLATE_VAR}" in lines
    assert f"Kepala {TEMPLATE_TAG}, berkedudukan di {CONTROL_CLEAN}, dalam hal ini bertindak " \
           f"untuk dan atas nama Dinas {MARKUP}, selanjutnya disebut PIHAK KEDUA." in lines
    assert "NOMOR: 421/<b>&</b>/2026" in lines
    assert f"a.\t{MARKUP}" in lines
    assert f"b.\t{LONG}" in lines
    assert f"JUDUL {MARKUP.upper()}" in lines
    for label, clause in zip(["(1)", "(2)", "(3)", "(4)"],
                             [TEMPLATE_VAR, TEMPLATE_TAG, LONG, CONTROL_CLEAN], strict=True):
        assert f"{label}\t{clause}" in lines
    assert MARKUP in lines  # the single clause of Pasal 2 has no label
    assert any(line.endswith(f"bersumber dari {MARKUP}.") for line in lines)


@pytest.mark.parametrize("name", ["decree_hostile", "mou_hostile", "report_hostile"])
def test_hostile_text_is_literal_in_pdf(gen_app: Archiva, docs: dict[str, GeneratedDocument],
                                        name: str) -> None:
    text = pdf_text(_file(gen_app, docs[name], "pdf"))
    for literal in (*LITERALS, LONG_START, LONG_END, HOSTILE_SUBJECT.upper()):
        assert in_pdf(literal, text), literal
    assert "\a" not in text
    assert "\f" not in text


def test_hostile_report_fields_in_pdf(gen_app: Archiva,
                                      docs: dict[str, GeneratedDocument]) -> None:
    text = collapse(pdf_text(_file(gen_app, docs["report_hostile"], "pdf")))
    assert in_pdf(f"I. LATAR {MARKUP.upper()}", text)
    assert in_pdf(f"1 {MARKUP} 5", text)  # participants table row
    assert in_pdf(f"2 {CONTROL_CLEAN} 7", text)
    assert in_pdf("Jumlah 12", text)
    assert in_pdf(TEMPLATE_TAG, text)
    # the 3,000-character paragraph (it crosses a page break, so check its two ends)
    assert squash(text).count(squash(LONG_START)) == 1
    assert squash(text).count(squash(LONG_END)) == 1


def test_hostile_subject_kept_literally_in_register(docs: dict[str, GeneratedDocument]) -> None:
    for name in ("decree_hostile", "mou_hostile", "report_hostile"):
        assert docs[name].record.subject == HOSTILE_SUBJECT


@pytest.mark.parametrize("name", DOCX_DOCS)
def test_libreoffice_opens_each_docx(docs: dict[str, GeneratedDocument],
                                     lo_text: dict[str, str | None], name: str) -> None:
    text = lo_text[name]
    assert text is not None, "LibreOffice could not open the DOCX"
    assert docs[name].record.number in text
    if name.endswith("_hostile"):
        assert MARKUP in text
        assert TEMPLATE_VAR in text
        assert LONG in collapse(text)


# -- 4. decree and agreement details ----------------------------------------------------------

def test_decree_decision_labels_and_takes_effect(gen_app: Archiva,
                                                 docs: dict[str, GeneratedDocument]) -> None:
    decisions = load_example("keputusan.yaml")["decisions"]
    lines = docx_lines(_file(gen_app, docs["decree"], "docx"))
    labelled = [line for line in lines if re.match(r"KE[A-Z ]+\t:\t", line)]
    assert [line.split("\t")[0] for line in labelled] == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT"]
    assert [line.split("\t", 2)[2] for line in labelled] == [*decisions, TAKES_EFFECT]
    pdf = pdf_text(_file(gen_app, docs["decree"], "pdf"))
    assert in_pdf(f"KEEMPAT : {TAKES_EFFECT}", pdf)


def test_decree_takes_effect_not_repeated(gen_app: Archiva,
                                          docs: dict[str, GeneratedDocument]) -> None:
    lines = docx_lines(_file(gen_app, docs["decree_plain"], "docx"))
    labelled = [line for line in lines if re.match(r"KE[A-Z ]+\t:\t", line)]
    assert len(labelled) == 4
    assert labelled[-1] == "KEEMPAT\t:\tKeputusan ini Mulai Berlaku sejak tanggal ditetapkan."
    assert sum("mulai berlaku" in line.lower() for line in lines) == 1


def test_decree_lampiran_pages(gen_app: Archiva, docs: dict[str, GeneratedDocument]) -> None:
    doc = docs["decree_hostile"]
    path = _file(gen_app, doc, "docx")
    lines = docx_lines(path)
    number, subject = doc.record.number, HOSTILE_SUBJECT.upper()
    for label in ("I", "II"):
        i = lines.index(f"LAMPIRAN {label}")
        assert lines[i + 1] == "KEPUTUSAN KEPALA BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN"
        assert lines[i + 2] == f"NOMOR {number}"
        assert lines[i + 3] == f"TANGGAL {indonesian.date_text(doc.record.doc_date).upper()}"
        assert lines[i + 4] == f"TENTANG {subject}"
    tables = docx_tables(path)
    assert [len(t[0]) for t in tables] == [3, 5]
    assert tables[1] == [ATTACHMENT_5["columns"], *ATTACHMENT_5["rows"]]
    pdf = pdf_text(_file(gen_app, doc, "pdf"))
    assert in_pdf("LAMPIRAN II", pdf)
    assert in_pdf("STANDAR PELAYANAN", pdf)
    assert in_pdf("2 Prosedur Permohonan diterima ULT 2 hari Rp0", collapse(pdf))


def test_decree_without_attachments_has_no_lampiran(gen_app: Archiva,
                                                    docs: dict[str, GeneratedDocument]) -> None:
    doc = docs["decree_plain"]
    path = _file(gen_app, doc, "docx")
    # ("Lampiran" in lower case is in the example's first decision: that is no heading)
    assert "LAMPIRAN" not in docx_text(path)
    assert docx_tables(path) == []
    assert "LAMPIRAN" not in pdf_text(_file(gen_app, doc, "pdf"))
    # the decree with one attachment does have it, unnumbered (the check above can fail)
    lines = docx_lines(_file(gen_app, docs["decree"], "docx"))
    assert "LAMPIRAN" in lines
    assert "LAMPIRAN I" not in lines


def test_mou_opening_day_and_date_in_words(gen_app: Archiva,
                                           docs: dict[str, GeneratedDocument]) -> None:
    date = dt.date.fromisoformat(str(load_example("perjanjian.yaml")["date"]))
    expected = f"Pada hari ini {indonesian.date_in_words(date)}"
    # independently: 12 November 2026 is a Thursday
    assert expected == ("Pada hari ini Kamis tanggal dua belas bulan November tahun "
                        "dua ribu dua puluh enam")
    lines = docx_lines(_file(gen_app, docs["mou"], "docx"))
    assert any(line.startswith(expected + ", bertempat di Serang") for line in lines)
    assert in_pdf(expected, pdf_text(_file(gen_app, docs["mou"], "pdf")))


def test_mou_both_number_lines_and_funding(gen_app: Archiva,
                                          docs: dict[str, GeneratedDocument]) -> None:
    doc = docs["mou"]
    lines = docx_lines(_file(gen_app, doc, "docx"))
    nomor = [line for line in lines if line.startswith("NOMOR: ")]
    assert nomor == [f"NOMOR: {doc.record.number}", "NOMOR: 421/1234/Disdikbud/2026"]
    funding = "Rp15.000.000,00 (lima belas juta rupiah)"
    assert any(f"sebesar {funding} bersumber dari DIPA" in line for line in lines)
    assert any("\tPerjanjian kerja sama ini berlaku sejak tanggal 12 November 2026 sampai "
               "dengan tanggal 11 November 2027" in line for line in lines)
    pdf = pdf_text(_file(gen_app, doc, "pdf"))
    assert in_pdf(funding, pdf)
    assert in_pdf(f"NOMOR: {doc.record.number}", pdf)
    assert in_pdf("NOMOR: 421/1234/Disdikbud/2026", pdf)


def test_report_pdf_content(gen_app: Archiva, docs: dict[str, GeneratedDocument]) -> None:
    text = collapse(pdf_text(_file(gen_app, docs["report"], "pdf")))
    assert in_pdf("LAPORAN HASIL KEGIATAN", text)
    for basis in load_example("laporan.yaml")["basis"]:
        assert in_pdf(basis, text)
    assert in_pdf("I. LATAR BELAKANG", text)
    assert in_pdf("V. PENUTUP", text)
    assert in_pdf("Jumlah 120", text)  # participants total
    signed = load_example("laporan.yaml")["date"]  # the example's date, whatever it is
    assert in_pdf(f"Serang, {indonesian.date_text(dt.date.fromisoformat(str(signed)))}", text)


# -- 6. a render failure after the number was taken -------------------------------------------

def _broken_templates(home: Settings, tmp_path: Path) -> Path:
    tdir = tmp_path / "templates-copy"
    shutil.copytree(BUNDLED_TEMPLATES, tdir)
    with home.profile_path.open("a", encoding="utf-8") as f:
        f.write(f'\n[templates]\ndir = "{tdir}"\n')
    return tdir


def _assert_voided_and_next(app: Archiva, failed_number: str, kind: str, data: Path) -> None:
    rec = app.show(failed_number)
    assert rec.status == "void"
    assert rec.void_reason.startswith("generation failed")
    assert rec.files == []
    stem = number_file_stem(failed_number)
    assert [p for p in app.settings.archive_dir.rglob("*") if stem in p.name] == []
    ok = app.generate(kind, data)
    seq = int(failed_number.split("/")[0])
    assert int(ok.record.number.split("/")[0]) == seq + 1
    numbers = [r.number for r in app.list_numbers()]
    assert len(numbers) == len(set(numbers))
    assert [int(n.split("/")[0]) for n in numbers] == list(range(1, len(numbers) + 1))
    assert [r.status for r in app.list_numbers()][-2:] == ["void", "filed"]


def test_a_broken_template_costs_no_number(home: Settings, tmp_path: Path) -> None:
    tdir = _broken_templates(home, tmp_path)
    report = tdir / "reports" / "laporan.html"
    report.write_text(report.read_text("utf-8").replace(
        "</body>", "<p>{{ no_such_field }}</p></body>"), "utf-8")
    with Archiva.open(home) as app:
        with pytest.raises(RenderError) as info:
            app.generate("report", EXAMPLES / "laporan.yaml")
        assert info.value.exit_code == 1
        assert "no_such_field" in info.value.message
        assert app.list_numbers() == []  # checked with a placeholder before a number was taken


def test_failure_after_the_number_is_taken_voids_it(home: Settings,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import archiva.render.office as office

    def broken(*_args: object, **_kw: object) -> list[Path]:
        raise RenderError("LibreOffice could not convert the file to PDF (exit 81).")

    real = office.convert_to_pdfa
    monkeypatch.setattr(office, "convert_to_pdfa", broken)
    with Archiva.open(home) as app:
        app.issue_number("letter", "OT.01.00", "surat sebelum keputusan", dt.date(2026, 11, 2))
        with pytest.raises(RenderError) as info:
            app.generate("decree", EXAMPLES / "keputusan.yaml")
        exc = info.value
        assert exc.exit_code == 1
        [failed] = [r for r in app.list_numbers() if r.status == "void"]
        assert failed.number == "0002/C7.15/OT.02.02/2026"
        assert f"The number {failed.number} was voided" in exc.message
        assert "exit 81" in failed.void_reason
        monkeypatch.setattr(office, "convert_to_pdfa", real)
        _assert_voided_and_next(app, failed.number, "decree", EXAMPLES / "keputusan.yaml")


def _break_decree_template(tdir: Path) -> tuple[Path, str]:
    """Point the decree manifest at a file that is not a DOCX; returns (manifest, old text)."""
    (tdir / "decrees" / "rusak.docx").write_text("this is not a DOCX", "utf-8")
    manifest = tdir / "decrees" / "manifest.toml"
    good = manifest.read_text("utf-8")
    manifest.write_text(good.replace('"keputusan.docx"', '"rusak.docx"'), "utf-8")
    return manifest, good


def test_docx_template_that_is_not_a_docx_is_a_render_error(home: Settings,
                                                            tmp_path: Path) -> None:
    _break_decree_template(_broken_templates(home, tmp_path))
    with Archiva.open(home) as app:
        with pytest.raises(RenderError) as info:
            app.generate("decree", EXAMPLES / "keputusan.yaml")
        assert app.list_numbers() == []
    assert info.value.exit_code == 1
    assert "is not a readable DOCX file" in info.value.message
