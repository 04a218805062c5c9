"""kill -9 between taking a number and filing its document: the invariant survives.

Every allocated number must end as a filed document or a void with a reason, whatever moment the
process dies at, and the next start settles it automatically."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archiva import filing
from archiva.config import Settings
from archiva.documents.certificates import WINDOW_PER_WORKER
from archiva.service import Archiva
from tests.conftest import EXAMPLES, REPO, child_env


def _start(settings: Settings, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.procs", *args], cwd=REPO,
                            env=child_env(settings), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for(proc: subprocess.Popen[str], word: str) -> None:
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if line != word:
        proc.kill()
        raise AssertionError(f"child said {line!r}, stderr: {proc.communicate()[1]}")


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.kill()  # SIGKILL: no cleanup code runs
    proc.wait(timeout=30)


def _archive_files(settings: Settings) -> list[Path]:
    """Finished files in the archive. A worker killed in the middle of a write leaves a hidden
    temporary file (`.<name>.<hex>.tmp`), never a finished name; `doctor` removes those."""
    return sorted(p for p in settings.archive_dir.rglob("*")
                  if p.is_file() and not (p.name.startswith(".") and p.name.endswith(".tmp")))


@pytest.mark.slow
def test_killed_while_rendering_voids_the_number(any_home: Settings) -> None:
    proc = _start(any_home, "hang_while_rendering", "decree", str(EXAMPLES / "keputusan.yaml"))
    _wait_for(proc, "RENDERING")
    _kill(proc)

    with Archiva.open(any_home) as app:  # recovery runs at start
        [rec] = app.list_numbers()
        assert rec.status == "void"
        assert "interrupted" in rec.void_reason
        assert rec.number == "0001/C7.15/OT.02.02/2026"
        nxt = app.issue_number("decree", "OT.02.02", "after the crash",
                               rec.doc_date)
        assert nxt.seq == 2  # the void number is not reused and nothing is skipped
    assert _archive_files(any_home) == []


@pytest.mark.slow
def test_killed_after_placing_files_files_the_document(home: Settings) -> None:
    proc = _start(home, "hang_before_marking_filed", "report", str(EXAMPLES / "laporan.yaml"))
    _wait_for(proc, "PLACED")
    _kill(proc)

    with Archiva.open(home) as app:
        [rec] = app.list_numbers()
        assert rec.status == "filed"
        [entry] = rec.files
        assert entry.sha256 == filing.sha256_of(home.home / entry.path)
        assert [h["action"] for h in app.history(rec)][-1] == "recover"


@pytest.mark.slow
def test_recovery_leaves_a_live_process_alone(home: Settings) -> None:
    proc = _start(home, "hang_while_rendering", "report", str(EXAMPLES / "laporan.yaml"))
    try:
        _wait_for(proc, "RENDERING")
        with Archiva.open(home) as app:
            report = app.recover()
            assert report.still_running == ["0001/C7.15/DT.02.00/2026"]
            assert app.list_numbers()[0].status == "reserved"
    finally:
        _kill(proc)
    with Archiva.open(home) as app:
        assert app.list_numbers()[0].status == "void"


def _people(tmp_path: Path, count: int) -> Path:
    people = tmp_path / "peserta.csv"
    people.write_text("name,institution\n" + "".join(
        f"Peserta {i},SD Negeri {i} Serang\n" for i in range(1, count + 1)), encoding="utf-8")
    return people


def _wait_for_marker(proc: subprocess.Popen[str], marker: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while not (marker.exists() and marker.stat().st_size >= count):
        assert time.monotonic() < deadline, "the batch never got going"
        assert proc.poll() is None, proc.communicate()[1]
        time.sleep(0.05)


@pytest.mark.slow
def test_killed_in_the_middle_of_a_certificate_batch(home: Settings, tmp_path: Path) -> None:
    people = _people(tmp_path, 30)
    marker = tmp_path / "marker"
    proc = _start(home, "hang_during_certificates", str(EXAMPLES / "kegiatan.yaml"),
                  str(people), str(marker), "6")
    _wait_for_marker(proc, marker, 6)
    _kill(proc)
    time.sleep(0.5)  # workers die with their parent (PR_SET_PDEATHSIG)

    with Archiva.open(home) as app:
        recs = app.list_numbers("certificate")
        # Numbers are taken a few at a time as certificates are rendered: the kill leaves
        # only the few it held, not a run of the whole list.
        assert 6 <= len(recs) < 30
        assert sorted(r.seq for r in recs) == list(range(1, len(recs) + 1))
        filed = [r for r in recs if r.status == "filed"]
        void = [r for r in recs if r.status == "void"]
        assert len(filed) + len(void) == len(recs)
        # the sixth render hangs before its file is written
        assert len(filed) >= 5, "certificates rendered before the kill should have been filed"
        assert len(void) <= min(os.cpu_count() or 1, 8) * WINDOW_PER_WORKER
        for r in filed:
            assert filing.sha256_of(home.home / r.files[0].path) == r.files[0].sha256
        filed_paths = {home.home / r.files[0].path for r in filed}
        # Nothing in the archive that the catalogue does not know as filed.
        assert set(_archive_files(home)) == filed_paths

        # The same batch again finishes it: nobody gets a second certificate.
        result = app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
        assert len(result.skipped) == len(filed)
        assert len(result.certificates) == 30 - len(filed)
        standing = [r for r in app.list_numbers("certificate") if r.status == "filed"]
        assert sorted(r.parties[0]["name"] for r in standing) == sorted(
            f"Peserta {i}" for i in range(1, 31))


@pytest.mark.slow
def test_ctrl_c_finishes_what_it_holds_and_the_same_command_completes_the_batch(
        home: Settings, tmp_path: Path) -> None:
    import signal

    people = _people(tmp_path, 20)
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.procs", "slow_certificates_cli",
         str(EXAMPLES / "kegiatan.yaml"), str(people), str(marker)],
        cwd=REPO, env=child_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True)
    try:
        _wait_for_marker(proc, marker, 4)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    with Archiva.open(home) as app:
        recs = app.list_numbers("certificate")
        assert recs and all(r.status == "filed" for r in recs), "Ctrl-C voided numbers"
        assert len(recs) < 20
        for r in recs:  # each one filed is listed with its number
            assert f"{r.number}  {r.parties[0]['name']}" in out
        assert f"{len(recs)} of 20 done, {20 - len(recs)} not issued yet" in out
        assert "Run the same command again" in out

        result = app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
        assert len(result.skipped) == len(recs)
        recs = app.list_numbers("certificate")
        assert len(recs) == 20
        assert {r.status for r in recs} == {"filed"}
        assert sorted(r.seq for r in recs) == list(range(1, 21))
        assert len({r.parties[0]["name"] for r in recs}) == 20


def test_doctor_removes_scratch_of_dead_processes_only(app: Archiva) -> None:
    import socket

    from archiva import owner

    home = app.settings.home
    dead = home / ".work" / f"{socket.gethostname()}:999999999:1-dead"
    alive = home / ".work" / f"{owner.current()}-alive"
    elsewhere = home / ".work" / "another-host:1:1-theirs"  # cannot be judged from here
    for d in (dead, alive, elsewhere):
        d.mkdir(parents=True)
        (d / "x.docx").write_bytes(b"partial")
    folder = app.settings.archive_dir / "2026" / "decree"
    folder.mkdir(parents=True)
    old_tmp, new_tmp = folder / ".a.pdf.1.tmp", folder / ".b.pdf.2.tmp"
    old_tmp.write_bytes(b"half")
    new_tmp.write_bytes(b"half")
    os.utime(old_tmp, (time.time() - 7200, time.time() - 7200))
    report = app.recover()
    app.clean_scratch(report)
    assert not dead.exists() and alive.exists() and elsewhere.exists()
    assert not old_tmp.exists() and new_tmp.exists()
    assert len(report.scratch_removed) == 2


def test_a_file_already_in_the_archive_is_never_moved_or_claimed(app: Archiva) -> None:
    """A catalogue restored from an older backup: the archive already holds the file the next
    number would get. Generation fails and voids the number; the old file stays put."""
    from archiva.errors import RenderError

    old = app.settings.archive_dir / "2026" / "letter" / "0001_C7.15_DT.02.00_2026.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.7 an older document\n%%EOF\n")
    os.utime(old, (time.time() - 86400, time.time() - 86400))
    with pytest.raises(RenderError, match="never overwrites"):
        app.generate("report", EXAMPLES / "laporan.yaml")
    assert old.read_bytes().startswith(b"%PDF-1.7 an older document")
    [rec] = app.list_numbers()
    assert rec.status == "void"
    assert [(f.path, f.problem) for f in app.fixity().findings] == [
        (str(old.relative_to(app.settings.home)), "untracked")]


def test_recovery_does_not_take_an_older_file_for_a_new_number(home: Settings) -> None:
    proc = _start(home, "hang_while_rendering", "report", str(EXAMPLES / "laporan.yaml"))
    _wait_for(proc, "RENDERING")
    old = home.archive_dir / "2026" / "letter" / "0001_C7.15_DT.02.00_2026.pdf"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"%PDF-1.7 an older document\n%%EOF\n")
    os.utime(old, (time.time() - 86400, time.time() - 86400))
    _kill(proc)
    with Archiva.open(home) as app:
        [rec] = app.list_numbers()
        assert rec.status == "void" and rec.files == []
    assert old.exists()
