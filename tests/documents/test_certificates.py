"""Participant certificates: a batch of numbered PDFs with verification codes, read back with
pypdf, and the verification of those codes (service and CLI)."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiva.cli import cli
from archiva.config import BUNDLED_TEMPLATES, Settings
from archiva.documents.certificates import BatchResult, raise_if_failed
from archiva.errors import DataFileError, RenderError
from archiva.service import Archiva
from tests.conftest import EXAMPLES, make_home
from tests.documents.helpers import (
    CONTROL,
    CONTROL_CLEAN,
    LONG,
    LONG_END,
    MARKUP,
    TEMPLATE_TAG,
    TEMPLATE_VAR,
    in_pdf,
    load_example,
    number_file_stem,
    pdf_text,
    pdfa_identification,
    sha256,
    unembedded_fonts,
    write_csv,
    write_yaml,
)

# Codes use letters and digits that cannot be confused: no 0/O, no 1/I.
CODE = re.compile(r"[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}")
ACTIVITY = f"Bimbingan Teknis {MARKUP}"

# name, institution, role as written in the CSV; the name as it must come out
PEOPLE_6 = [
    ("Dewi Lestari, S.Pd.", "SD Negeri 1 Rangkasbitung", "peserta"),
    (f"Ahmad {TEMPLATE_VAR} Fauzi", "SMP Negeri 2 Malingping", "peserta"),
    (f"Rina {TEMPLATE_TAG} Marlina", "SMA Negeri 1 Rangkasbitung", "narasumber"),
    (MARKUP, "Dinas & Kebudayaan <i>Lebak</i>", "panitia"),
    (CONTROL, "SD Negeri 4 Serang", "moderator"),
    ("Yusuf Hidayat", LONG[:200 - len(LONG_END)] + LONG_END, "fasilitator"),
]
ROLE_LABELS = ["Peserta", "Peserta", "Narasumber", "Panitia", "Moderator", "Fasilitator"]


def _clean(s: str) -> str:
    return CONTROL_CLEAN if s == CONTROL else s


def _event(path: Path) -> Path:
    data = load_example("kegiatan.yaml")
    data["activity"] = ACTIVITY
    return write_yaml(path, data)


@pytest.fixture(scope="module")
def cert_home(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_home(tmp_path_factory.mktemp("certificates") / "home")


@pytest.fixture(scope="module")
def cert_app(cert_home: Settings) -> Iterator[Archiva]:
    with Archiva.open(cert_home) as app:
        yield app


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cert-data")


@pytest.fixture(scope="module")
def batch6(cert_app: Archiva, data_dir: Path) -> BatchResult:
    people = write_csv(data_dir / "peserta6.csv",
                       [["nama", "instansi", "peran"], *map(list, PEOPLE_6)])
    return cert_app.generate_certificates(_event(data_dir / "kegiatan.yaml"), people)


PEOPLE_10 = [(f"Peserta Nomor {i} bin Fulan", f"SD Negeri {i} Lebak") for i in range(1, 11)]


@pytest.fixture(scope="module")
def batch10(cert_app: Archiva, data_dir: Path, batch6: BatchResult) -> BatchResult:
    """More than four participants: rendered by the process pool."""
    people = write_csv(data_dir / "peserta10.csv", [["name", "institution"], *map(list, PEOPLE_10)],
                       delimiter=";")
    seen: list[int] = []
    result = cert_app.generate_certificates(EXAMPLES / "kegiatan.yaml", people,
                                            progress=seen.append)
    assert seen == [1] * 10
    return result


def _pdf(app: Archiva, cert_files: list[dict[str, str]]) -> Path:
    [f] = cert_files
    assert f["format"] == "pdf"
    return app.settings.home / f["path"]


# -- the batch ---------------------------------------------------------------------------------

def test_six_participants_six_numbers(batch6: BatchResult) -> None:
    assert batch6.failed == []
    numbers = [c.record.number for c in batch6.certificates]
    assert numbers == [f"{i:05d}/Sertifikat/BPMPBANTEN/2026" for i in range(1, 7)]
    assert [c.name for c in batch6.certificates] == [_clean(p[0]) for p in PEOPLE_6]
    for c, person in zip(batch6.certificates, PEOPLE_6, strict=True):
        rec = c.record
        assert (rec.kind, rec.series, rec.status) == ("certificate", "certificate", "filed")
        assert rec.subject == ACTIVITY
        assert rec.parties == [{"role": person[2], "name": _clean(person[0]),
                                "institution": _clean(person[1])}]


def test_batch_json_lists_the_real_files(cert_app: Archiva, batch6: BatchResult) -> None:
    data = batch6.to_json()
    assert set(data) == {"certificates", "failed", "skipped", "total", "interrupted", "remaining"}
    assert data["failed"] == []
    for item, cert in zip(data["certificates"], batch6.certificates, strict=True):
        assert set(item) == {"number", "record_id", "name", "verification_code", "files"}
        assert item["record_id"] == cert.record.id
        assert item["verification_code"] == cert.record.verification_code
        [f] = item["files"]
        assert set(f) == {"path", "format", "sha256"}
        assert f["path"] == f"archive/2026/certificate/{number_file_stem(item['number'])}.pdf"
        path = cert_app.settings.home / f["path"]
        assert f["sha256"] == sha256(path)
        assert "/" not in path.name
    assert json.loads(json.dumps(data)) == data


def test_each_pdf_has_name_number_and_code(cert_app: Archiva, batch6: BatchResult) -> None:
    for item, person, role in zip(batch6.to_json()["certificates"], PEOPLE_6, ROLE_LABELS,
                                  strict=True):
        text = pdf_text(_pdf(cert_app, item["files"]))
        assert in_pdf(_clean(person[0]), text), person[0][:30]
        assert in_pdf(item["number"], text)
        assert in_pdf(item["verification_code"], text)
        assert in_pdf(f"sebagai {role} pada kegiatan {ACTIVITY}", text)
        assert in_pdf("17 s.d. 20 November 2026", text)
        assert in_pdf("32 JP", text)
        assert in_pdf(person[1], text)
        assert "\a" not in text and "\f" not in text


def test_three_thousand_character_institution_is_refused(app: Archiva, tmp_path: Path) -> None:
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi"], ["Yusuf Hidayat", LONG]])
    with pytest.raises(DataFileError) as info:
        app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
    assert info.value.problems == [
        f"row 2: institution: is {len(LONG)} characters; a certificate has room for 200"]
    assert not app.list_numbers()


def test_text_that_overflows_the_page_voids_the_number(app: Archiva, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The limits are checked again after rendering: a certificate needing two pages is never
    filed as genuine with its verification code cut off."""
    from archiva.documents import participants

    monkeypatch.setitem(participants.LIMITS, "institution", 10_000)
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi"], ["Yusuf Hidayat", LONG]])
    result = app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
    assert result.certificates == []
    [(number, name, why)] = result.failed
    assert name == "Yusuf Hidayat" and "does not fit" in why
    [rec] = app.list_numbers()
    assert (rec.number, rec.status) == (number, "void")
    assert rec.void_reason.startswith("generation failed: The text does not fit")
    assert not list(app.settings.archive_dir.rglob("*.pdf"))


def test_a_certificate_has_only_its_own_participant(cert_app: Archiva,
                                                    batch6: BatchResult) -> None:
    text = pdf_text(_pdf(cert_app, batch6.to_json()["certificates"][0]["files"]))
    assert in_pdf("Dewi Lestari", text)
    assert not in_pdf("Yusuf Hidayat", text)


def test_certificate_pdfs_are_pdfa_with_embedded_fonts(cert_app: Archiva,
                                                       batch6: BatchResult) -> None:
    for item in batch6.to_json()["certificates"]:
        path = _pdf(cert_app, item["files"])
        assert pdfa_identification(path) == ("3", "B")
        assert unembedded_fonts(path) == []


def test_verification_codes_unique_and_unambiguous(batch6: BatchResult,
                                                   batch10: BatchResult) -> None:
    codes = [c.record.verification_code or "" for c in [*batch6.certificates,
                                                        *batch10.certificates]]
    assert len(codes) == 16
    assert len(set(codes)) == 16
    for code in codes:
        assert CODE.fullmatch(code), code
        assert len(code.replace("-", "")) == 16


def test_process_pool_batch_of_ten(cert_app: Archiva, batch10: BatchResult) -> None:
    assert batch10.failed == []
    numbers = [c.record.number for c in batch10.certificates]
    assert numbers == [f"{i:05d}/Sertifikat/BPMPBANTEN/2026" for i in range(7, 17)]
    for item, (name, institution) in zip(batch10.to_json()["certificates"], PEOPLE_10,
                                         strict=True):
        assert item["name"] == name
        text = pdf_text(_pdf(cert_app, item["files"]))
        assert in_pdf(name, text)
        assert in_pdf(institution, text)
        assert in_pdf(item["verification_code"], text)
    statuses = {r.status for r in cert_app.list_numbers(series="certificate")}
    assert statuses <= {"filed", "void"}  # nothing left reserved


def test_certificates_do_not_use_the_general_counter(cert_app: Archiva,
                                                     batch10: BatchResult) -> None:
    assert batch10.certificates
    rec = cert_app.issue_number("letter", "DT.02.00", "surat undangan")
    assert rec.number.startswith("0001/C7.15/DT.02.00/")


# -- verification ------------------------------------------------------------------------------

def test_verify_genuine(cert_app: Archiva, batch6: BatchResult) -> None:
    cert = batch6.certificates[0]
    code = cert.record.verification_code or ""
    v = cert_app.verify_certificate(code)
    assert v.status == "genuine"
    data = v.to_json()
    assert data["genuine"] is True
    assert data["code"] == code
    assert data["number"] == cert.record.number
    assert data["name"] == "Dewi Lestari, S.Pd."
    assert data["institution"] == "SD Negeri 1 Rangkasbitung"
    assert data["role"] == "peserta"
    assert data["activity"] == ACTIVITY
    assert (data["start_date"], data["end_date"]) == ("2026-11-17", "2026-11-20")
    assert data["void_reason"] is None


@pytest.mark.parametrize("variant", [str.lower, lambda c: c.replace("-", ""),
                                     lambda c: c.replace("-", "").lower(),
                                     lambda c: f"  {c.replace('-', ' ')} "],
                         ids=["lower", "no-dash", "lower-no-dash", "spaces"])
def test_verify_tolerates_how_people_type_codes(cert_app: Archiva, batch6: BatchResult,
                                                variant: Callable[[str], str]) -> None:
    cert = batch6.certificates[1]
    code = cert.record.verification_code or ""
    typed = variant(code)
    assert typed != code
    v = cert_app.verify_certificate(typed)
    assert v.status == "genuine"
    assert v.record is not None and v.record.number == cert.record.number
    assert v.code == code


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKLM-NPQR", "", "----", "abcd", "0000-0000"])
def test_verify_unknown(cert_app: Archiva, batch6: BatchResult, code: str) -> None:
    assert batch6.certificates
    v = cert_app.verify_certificate(code)
    assert v.status == "unknown"
    assert v.record is None
    data = v.to_json()
    assert data["genuine"] is False
    assert data["name"] is None  # the shape is the same as for a genuine code


def test_verify_void(cert_app: Archiva, batch10: BatchResult) -> None:
    cert = batch10.certificates[-1]
    code = cert.record.verification_code or ""
    reason = "Peserta tidak hadir penuh; sertifikat ditarik"
    cert_app.void(cert.record.number, reason)
    v = cert_app.verify_certificate(code.lower())
    assert v.status == "void"
    data = v.to_json()
    assert data["genuine"] is False
    assert data["void_reason"] == reason
    assert data["name"] == PEOPLE_10[-1][0]
    assert cert_app.verify_certificate(batch10.certificates[0].record.verification_code
                                       or "").status == "genuine"


def _cli_verify(home: Settings, code: str) -> tuple[int, dict[str, object]]:
    runner = CliRunner(env={"ARCHIVA_DATABASE_URL": home.database_url, "ARCHIVA_USER": "tester"})
    result = runner.invoke(cli, ["--home", str(home.home), "verify-certificate", code, "--json"])
    return result.exit_code, json.loads(result.stdout)


def test_cli_verify_certificate(cert_home: Settings, batch6: BatchResult) -> None:
    cert = batch6.certificates[3]
    code = cert.record.verification_code or ""
    exit_code, data = _cli_verify(cert_home, code.replace("-", "").lower())
    assert exit_code == 0
    assert data["status"] == "genuine"
    assert data["number"] == cert.record.number
    assert data["name"] == MARKUP
    assert data["activity"] == ACTIVITY

    genuine_keys = set(data)
    exit_code, data = _cli_verify(cert_home, "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    assert exit_code == 1
    assert data["status"] == "unknown"
    assert data["genuine"] is False
    assert set(data) == genuine_keys  # one shape for every answer, unknown fields null
    assert data["number"] is None and data["name"] is None


def test_cli_verify_void_certificate(cert_app: Archiva, cert_home: Settings,
                                     batch6: BatchResult) -> None:
    cert = batch6.certificates[4]
    cert_app.void(cert.record.number, "nama salah tulis")
    exit_code, data = _cli_verify(cert_home, cert.record.verification_code or "")
    assert exit_code == 1
    assert data["status"] == "void"
    assert data["void_reason"] == "nama salah tulis"


# -- nothing issued on bad input; a render failure voids with the reason ---------------------

def test_bad_event_takes_no_number(cert_app: Archiva, data_dir: Path, tmp_path: Path) -> None:
    data = load_example("kegiatan.yaml")
    data["end_date"] = "2026-11-01"
    del data["hours"], data["activity"]
    before = [(r.number, r.status) for r in cert_app.list_numbers()]
    with pytest.raises(DataFileError) as info:
        cert_app.generate_certificates(write_yaml(tmp_path / "kegiatan.yaml", data),
                                       EXAMPLES / "peserta.csv")
    problems = info.value.problems
    assert any(p.startswith("end_date: is before start_date") for p in problems)
    assert any(p.startswith("hours: missing") for p in problems)
    assert any(p.startswith("activity: missing") for p in problems)
    assert info.value.exit_code == 2
    assert [(r.number, r.status) for r in cert_app.list_numbers()] == before


def test_bad_participants_take_no_number(cert_app: Archiva, tmp_path: Path) -> None:
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi", "peran"],
                                            ["Dewi", "SDN 1", "peserta"],
                                            ["Ahmad", "", "tamu"]])
    before = [(r.number, r.status) for r in cert_app.list_numbers()]
    with pytest.raises(DataFileError) as info:
        cert_app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
    assert [p.split(":")[0:2] for p in info.value.problems] == [["row 3", " institution"],
                                                                ["row 3", " role"]]
    assert [(r.number, r.status) for r in cert_app.list_numbers()] == before


def test_a_broken_template_costs_no_number(home: Settings, tmp_path: Path) -> None:
    tdir = tmp_path / "templates-copy"
    shutil.copytree(BUNDLED_TEMPLATES, tdir)
    html = tdir / "certificates" / "sertifikat.html"
    html.write_text(html.read_text("utf-8").replace("</body>", "{{ no_such_field }}</body>"),
                    "utf-8")
    with home.profile_path.open("a", encoding="utf-8") as f:
        f.write(f'\n[templates]\ndir = "{tdir}"\n')
    with Archiva.open(home) as app:
        with pytest.raises(RenderError, match="no_such_field") as info:
            app.generate_certificates(EXAMPLES / "kegiatan.yaml", EXAMPLES / "peserta.csv")
        assert info.value.exit_code == 1
        assert app.list_numbers() == []


def test_workers_that_cannot_start_void_the_numbers_they_held_with_the_reason(
        app: Archiva, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import archiva.documents.certificates as certs

    def no_start(template: str, home: str, in_process: bool = False) -> None:
        raise OSError("no fonts available")

    monkeypatch.setattr(certs, "_init_worker", no_start)
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi"]] +
                       [[f"Peserta {i}", "SD Negeri 1"] for i in range(30)])
    with pytest.raises(RenderError, match="batch stopped") as info:
        app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
    assert info.value.exit_code == 1
    assert "no number was taken for the rest of the list" in info.value.message
    recs = app.list_numbers()
    # Only the few numbers taken for the certificates in flight, not one per participant.
    assert 0 < len(recs) <= min(os.cpu_count() or 1, 8) * certs.WINDOW_PER_WORKER
    assert {r.status for r in recs} == {"void"}
    assert all("batch stopped" in r.void_reason for r in recs)
    assert not list(app.settings.archive_dir.rglob("*.pdf"))


def test_one_failing_certificate_does_not_stop_the_batch(
        app: Archiva, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from archiva.render.pdf import HtmlRenderer

    real = HtmlRenderer.render

    def picky(self: HtmlRenderer, context: dict, max_pages: int | None = None) -> bytes:
        if context["participant"]["name"] == "Peserta 2":
            raise RenderError("simulated failure")
        return real(self, context, max_pages)

    monkeypatch.setattr(HtmlRenderer, "render", picky)
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi"]] +
                       [[f"Peserta {i}", "SD Negeri 1"] for i in range(4)])
    result = app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
    assert [c.name for c in result.certificates] == ["Peserta 0", "Peserta 1", "Peserta 3"]
    [(number, name, why)] = result.failed
    assert (name, why) == ("Peserta 2", "simulated failure")
    assert app.show(number).status == "void"
    with pytest.raises(RenderError) as info:
        raise_if_failed(result)
    assert "1 certificate(s) could not be produced" in info.value.message
