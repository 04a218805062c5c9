"""`archiva watch` with real files arriving: slow writers, bursts, other processes at once."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiva.config import Settings
from archiva.service import Archiva
from tests.conftest import REPO, child_env, make_home
from tests.intake.test_pipeline import letter_docx, letter_pdf


def _fast_profile(home: Settings) -> None:
    text = home.profile_path.read_text("utf-8")
    text = text.replace("settle_seconds = 5 ", "settle_seconds = 1 ").replace(
        "rescan_seconds = 60 ", "rescan_seconds = 3 ")
    home.profile_path.write_text(text, "utf-8")


_STARTED: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _no_watch_left_running() -> Iterator[None]:
    """A test that fails half-way must not leave its `archiva watch` running."""
    yield
    while _STARTED:
        proc = _STARTED.pop()
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=30)


def _start_watch(home: Settings, *extra: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "archiva", "watch", *extra], cwd=REPO,
                            env=child_env(home), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    _STARTED.append(proc)
    time.sleep(1.5)  # let it start watching
    return proc


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    return out


def _wait_filed(home: Settings, count: int, timeout: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with Archiva.open(home) as app:
            filed = [r.details["original_name"] for r, _ in app.catalogue.letters()
                     if r.status == "filed"]
        if len(filed) >= count:
            return filed
        time.sleep(0.3)
    raise AssertionError(f"only {len(filed)} of {count} letters filed in {timeout} s")


@pytest.fixture
def watched(tmp_path: Path) -> Settings:
    home = make_home(tmp_path / "home")
    _fast_profile(home)
    return home


@pytest.mark.slow
@pytest.mark.parametrize("mode", [[], ["--polling"]])
def test_a_slow_writer_with_a_long_stall_is_not_taken_early(watched: Settings,
                                                             tmp_path: Path,
                                                             mode: list[str]) -> None:
    whole = letter_pdf(tmp_path / "whole.pdf", 7).read_bytes()
    proc = _start_watch(watched, *mode)
    target = watched.home / "inbox" / "lambat.pdf"
    with target.open("wb") as f:
        f.write(whole[: len(whole) // 2])
        f.flush()
        time.sleep(3.0)  # a stall three times the settle delay
        f.write(whole[len(whole) // 2:])
    [name] = _wait_filed(watched, 1)
    out = _stop(proc)
    assert name == "lambat.pdf"
    assert "lambat.pdf: filed as 0001/SM/2026" in out
    assert not list(watched.quarantine_dir.rglob("*.pdf"))
    with Archiva.open(watched) as app:
        [entry] = app.show("0001/SM/2026").files
    assert entry.sha256 == hashlib.sha256(whole).hexdigest()  # the complete file, not half


@pytest.mark.slow
def test_a_burst_with_watch_and_two_file_scans_files_each_once(watched: Settings) -> None:
    proc = _start_watch(watched)
    inbox = watched.home / "inbox"
    names = []
    for i in range(200):
        letter_docx(inbox / f"surat-{i:03d}.docx", i)
        names.append(f"surat-{i:03d}.docx")
    time.sleep(1.2)
    scans = [subprocess.Popen([sys.executable, "-m", "archiva", "file-scans", "--json"],
                              cwd=REPO, env=child_env(watched), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for s in scans:
        out, err = s.communicate(timeout=300)
        assert s.returncode == 0, err
        json.loads(out)
    filed = _wait_filed(watched, 200, timeout=180)
    _stop(proc)
    assert sorted(filed) == names
    with Archiva.open(watched) as app:
        recs = app.list_numbers("incoming")
    assert sorted(r.seq for r in recs) == list(range(1, 201))
    assert not [p for p in inbox.rglob("*") if p.is_file()]  # (an empty staging folder may stay)
    assert not [p for p in watched.quarantine_dir.rglob("*") if p.is_file()]


def test_the_watcher_leaves_files_in_hidden_folders_alone(tmp_path: Path) -> None:
    """Another intake process's claimed files sit in the inbox's hidden staging folder: the
    watcher taking one from there pulled it out from under that process (a crash, and a
    letter set aside as a duplicate of itself)."""
    from watchdog.events import FileCreatedEvent, FileMovedEvent

    from archiva.intake.watcher import _Queue

    queue = _Queue(tmp_path)
    staged = tmp_path / ".archiva-staging" / "vm:1:2" / "abc" / "surat.pdf"
    queue.on_any_event(FileMovedEvent(str(tmp_path / "surat.pdf"), str(staged)))
    queue.on_any_event(FileCreatedEvent(str(tmp_path / "sub" / ".tmp-surat.pdf")))
    queue.on_any_event(FileCreatedEvent(str(tmp_path / "sub" / "balasan.pdf")))
    assert queue.take() == {tmp_path / "surat.pdf", tmp_path / "sub" / "balasan.pdf"}


def test_watching_a_missing_inbox_says_so(watched: Settings, tmp_path: Path) -> None:
    proc = _start_watch(watched, "--inbox", str(tmp_path / "tidak-ada"))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert f"The inbox {tmp_path / 'tidak-ada'} does not exist." in err
    assert "unexpected" not in err and "Watching" not in err
