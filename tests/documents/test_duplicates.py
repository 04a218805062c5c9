"""No silent duplicates: the same data twice, or a person certified twice for one activity, is
refused with the earlier number unless asked for; and dates far ahead are refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from archiva.config import Settings
from archiva.errors import BadInputError, DuplicateDocumentError
from archiva.service import FUTURE_DAYS, Archiva
from tests.conftest import EXAMPLES
from tests.documents.helpers import load_example, write_csv, write_json, write_yaml
from tests.test_cli import run


def test_the_same_report_data_twice_is_refused_naming_the_earlier_number(
        app: Archiva, tmp_path: Path) -> None:
    first = app.generate("report", EXAMPLES / "laporan.yaml")
    # The same content spelled differently (JSON, other key order) is the same data.
    data = load_example("laporan.yaml")
    same = write_json(tmp_path / "same.json", dict(reversed(list(data.items()))))
    with pytest.raises(DuplicateDocumentError) as info:
        app.generate("report", same)
    assert first.record.number in info.value.message
    assert "--again" in info.value.hint
    assert len(app.list_numbers()) == 1  # the refusal took no number

    again = app.generate("report", same, again=True)
    assert again.record.number != first.record.number
    # Other data is another document.
    data["subject"] += " Tahap II"
    other = app.generate("report", write_yaml(tmp_path / "other.yaml", data))
    assert other.record.status == "filed"


def test_a_voided_document_does_not_block_its_data(app: Archiva) -> None:
    first = app.generate("report", EXAMPLES / "laporan.yaml")
    app.void(first.record.number, "salah tanggal")
    second = app.generate("report", EXAMPLES / "laporan.yaml")
    assert second.record.status == "filed"


@pytest.mark.slow
def test_the_same_decree_twice_from_the_command_line(home: Settings) -> None:
    code, out, _ = run(home, "generate", "decree", "--data", str(EXAMPLES / "keputusan.yaml"))
    assert code == 0, out
    code, out, err = run(home, "generate", "decree", "--data", str(EXAMPLES / "keputusan.yaml"))
    assert code == 1
    assert "A decree from the same data was already made as 0001/C7.15/OT.02.02/2026" in err
    assert "--again" in err


def test_certificates_twice_skip_everyone_already_certified(app: Archiva,
                                                            tmp_path: Path) -> None:
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi"], ["Siti Aminah", "SD 1"],
                                            ["Budi", "SD 2"]])
    first = app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
    assert len(first.certificates) == 2
    numbers = {c.name: c.record.number for c in first.certificates}

    # Again, with a third person and the first spelled with other case and spacing.
    more = write_csv(tmp_path / "q.csv", [["nama", "instansi"], ["siti  AMINAH", "SD 1"],
                                          ["Budi", "SD 2"], ["Dewi", "SD 3"]])
    second = app.generate_certificates(EXAMPLES / "kegiatan.yaml", more)
    assert [c.name for c in second.certificates] == ["Dewi"]
    assert second.skipped == [
        ("siti  AMINAH", f"already certified: {numbers['Siti Aminah']} (TERARSIP)"),
        ("Budi", f"already certified: {numbers['Budi']} (TERARSIP)"),
    ]
    assert len(app.list_numbers("certificate")) == 3

    forced = app.generate_certificates(EXAMPLES / "kegiatan.yaml", people, again=True)
    assert len(forced.certificates) == 2 and not forced.skipped


def test_a_person_listed_twice_gets_one_certificate(app: Archiva, tmp_path: Path) -> None:
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi"], ["Siti", "SD 1"],
                                            ["Siti", "SD 1"]])
    result = app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
    assert len(result.certificates) == 1
    assert result.skipped == [("Siti", "listed more than once in the participants file")]


def test_another_activity_or_role_is_another_certificate(app: Archiva, tmp_path: Path) -> None:
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi", "peran"],
                                            ["Siti", "SD 1", "peserta"],
                                            ["Siti", "SD 1", "panitia"]])
    assert len(app.generate_certificates(EXAMPLES / "kegiatan.yaml", people).certificates) == 2
    event = load_example("kegiatan.yaml")
    event["activity"] += " Angkatan II"
    other = write_yaml(tmp_path / "other.yaml", event)
    assert len(app.generate_certificates(other, people).certificates) == 2


def test_show_names_a_certificates_holder(home: Settings, tmp_path: Path) -> None:
    people = write_csv(tmp_path / "p.csv", [
        ["nama", "instansi", "peran"], ["Dra. Siti Aminah, M.Pd.", "SD Negeri 1", "narasumber"]])
    code, out, _ = run(home, "generate", "certificates", "--event",
                       str(EXAMPLES / "kegiatan.yaml"), "--participants", str(people))
    assert code == 0, out
    code, out, _ = run(home, "show", "00001/Sertifikat/BPMPBANTEN/2026")
    assert "Holder:         Dra. Siti Aminah, M.Pd. (SD Negeri 1), narasumber" in out


# -- dates ahead ---------------------------------------------------------------------------------

def test_a_date_more_than_a_week_ahead_is_refused_unless_allowed(app: Archiva) -> None:
    today = dt.date.today()
    ahead = today + dt.timedelta(days=FUTURE_DAYS + 1)
    with pytest.raises(BadInputError) as info:
        app.issue_number("letter", "OT.02.02", "Undangan", ahead)
    assert ahead.isoformat() in info.value.message
    assert "inserted" in info.value.message
    assert "--allow-future" in info.value.hint
    assert app.list_numbers() == []
    week = app.issue_number("letter", "OT.02.02", "Undangan", today + dt.timedelta(FUTURE_DAYS))
    assert week.status == "issued"
    later = app.issue_number("letter", "OT.02.02", "Undangan", ahead, allow_future=True)
    assert later.doc_date == ahead


def test_a_document_dated_a_year_ahead_is_refused_before_a_number_is_taken(
        app: Archiva, tmp_path: Path) -> None:
    data = load_example("laporan.yaml")
    data["date"] = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    path = write_yaml(tmp_path / "ahead.yaml", data)
    with pytest.raises(BadInputError, match="days ahead"):
        app.generate("report", path)
    assert app.list_numbers() == []
    assert app.generate("report", path, allow_future=True).record.status == "filed"


def test_the_command_line_takes_allow_future(home: Settings) -> None:
    ahead = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    args = ("number", "issue", "--series", "letter", "--classification", "OT.02.02",
            "--subject", "Undangan", "--date", ahead)
    code, _, err = run(home, *args)
    assert code == 2 and "--allow-future" in err
    code, out, _ = run(home, *args, "--allow-future")
    assert code == 0 and "issued" in out
