"""Fixity: filed files changed, missing or untracked are named, by the full check (checksums)
and by the quick one `doctor` runs (existence and size); real files in a real archive."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiva.cli import cli
from archiva.config import Settings
from archiva.fixity import Problem
from archiva.service import Archiva
from tests.conftest import EXAMPLES


@pytest.fixture
def filed(home: Settings) -> list[Path]:
    """An archive with four certificates filed."""
    with Archiva.open(home) as app:
        app.generate_certificates(EXAMPLES / "kegiatan.yaml", EXAMPLES / "peserta.csv")
        return [home.home / f.path for f in app.filed_files()]


def _findings(home: Settings, quick: bool = False) -> list[tuple[str, Problem]]:
    with Archiva.open(home) as app:
        return [(f.path, f.problem) for f in app.fixity(quick=quick).findings]


def _rel(home: Settings, p: Path) -> str:
    return str(p.relative_to(home.home))


def test_an_untouched_archive_is_all_well(home: Settings, filed: list[Path]) -> None:
    with Archiva.open(home) as app:
        report = app.fixity()
    assert report.ok and report.checked == len(filed) == 4
    assert report.bytes_read == sum(p.stat().st_size for p in filed)


def test_changed_missing_and_untracked_files_are_named(home: Settings,
                                                       filed: list[Path]) -> None:
    appended, deleted, overwritten, linked = filed
    with appended.open("ab") as f:
        f.write(b"\n%% tambahan")
    deleted.unlink()
    data = bytearray(overwritten.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one byte, same size: only the checksum sees it
    overwritten.write_bytes(bytes(data))
    copy = linked.with_name("elsewhere.pdf")
    linked.rename(copy)
    linked.symlink_to(copy)  # the same bytes, but no longer the filed file
    (home.archive_dir / "2026" / "stray.txt").write_text("?")
    (home.archive_dir / "2026" / ".00009_x.pdf.tmp").write_text("a write in progress")
    expected = {(_rel(home, appended), Problem.CHANGED), (_rel(home, deleted), Problem.MISSING),
                (_rel(home, overwritten), Problem.CHANGED), (_rel(home, linked), Problem.CHANGED),
                (_rel(home, copy), Problem.UNTRACKED),
                ("archive/2026/stray.txt", Problem.UNTRACKED)}
    assert set(_findings(home)) == expected
    assert set(_findings(home, quick=True)) == expected - {(_rel(home, overwritten),
                                                            Problem.CHANGED)}


def test_an_unreadable_file_is_named_not_a_crash(home: Settings, filed: list[Path]) -> None:
    if os.geteuid() == 0:
        filed[0].unlink()
        filed[0].mkdir()  # root reads any file; a folder in its place cannot be read either
    else:
        filed[0].chmod(0)
    assert _findings(home) == [(_rel(home, filed[0]), Problem.CHANGED if os.geteuid() == 0
                                else Problem.MISSING)]


def test_the_command_exits_1_and_names_them(home: Settings, filed: list[Path]) -> None:
    runner = CliRunner()
    base = ["--home", str(home.home)]
    ok = runner.invoke(cli, [*base, "fixity"])
    assert ok.exit_code == 0, ok.output
    assert "Every filed file is as it was filed" in ok.stdout
    filed[1].write_bytes(b"%PDF-1.7 diganti\n")
    result = runner.invoke(cli, [*base, "fixity", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["checked"] == 4
    assert [f["path"] for f in data["changed"]] == [_rel(home, filed[1])]
    assert data["changed"][0]["number"] == "00002/Sertifikat/BPMPBANTEN/2026"
    assert data["missing"] == data["untracked"] == []
    human = runner.invoke(cli, [*base, "fixity"])
    assert f"Changed since it was filed: {_rel(home, filed[1])}" in human.stdout
    assert "Restore changed and missing files from the backup" in human.stdout


def test_doctor_runs_the_quick_check_and_points_to_fixity(home: Settings,
                                                          filed: list[Path]) -> None:
    runner = CliRunner()
    base = ["--home", str(home.home)]
    assert "were filed with" in runner.invoke(cli, [*base, "doctor"]).stdout
    filed[2].unlink()
    result = runner.invoke(cli, [*base, "doctor"])
    assert result.exit_code == 1
    assert f"Missing from the archive: {_rel(home, filed[2])}" in result.stdout
    assert "run `archiva fixity`" in result.stdout
    data = json.loads(runner.invoke(cli, [*base, "doctor", "--json"]).stdout)
    assert data["files"]["quick"] is True
    assert [f["path"] for f in data["files"]["missing"]] == [_rel(home, filed[2])]
