"""The reader process: results and errors come back; past the time limit it is killed with
every program it started; past the memory limit, or crashing, it gives a reason; either way
the next call gets a fresh one."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from archiva.intake.content import Unreadable
from archiva.intake.reader import Limits, Reader, ReaderError


def _twice(x: int) -> int:
    return 2 * x


def _refuse() -> None:
    raise Unreadable("corrupt", "rusak")


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _start_sleeper_and_wait(pid_file: str) -> None:
    proc = subprocess.Popen(["sleep", "300"])
    Path(pid_file).write_text(str(proc.pid))
    time.sleep(300)


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 2**20))


def _crash() -> None:
    os.abort()


def _pid() -> int:
    return os.getpid()


@pytest.fixture
def reader() -> Iterator[Reader]:
    r = Reader(Limits(memory_bytes=512 * 2**20, seconds=30))
    yield r
    r.close()


def test_results_and_reasons_come_back(reader: Reader) -> None:
    assert reader.call(_twice, 21) == 42
    with pytest.raises(Unreadable) as err:
        reader.call(_refuse)
    assert (err.value.reason, err.value.detail) == ("corrupt", "rusak")
    assert reader.call(_pid) == reader.call(_pid) != os.getpid()  # one child, reused


def test_too_slow_is_killed_with_what_it_started(reader: Reader, tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    beat = tmp_path / ".reading"
    beat.write_text("0")
    os.utime(beat, (0, 0))
    started = time.monotonic()
    with pytest.raises(Unreadable) as err:
        reader.call(_start_sleeper_and_wait, str(pid_file), seconds=2, heartbeat=beat)
    assert err.value.reason == "too-slow" and "longer than 2 s" in err.value.detail
    assert time.monotonic() - started < 20
    assert beat.stat().st_mtime > 0  # touched while it ran
    sleeper = int(pid_file.read_text())
    for _ in range(100):  # the kernel reaps it a moment after the kill
        if not Path(f"/proc/{sleeper}").exists() or "Z" in _state(sleeper):
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"the program the reader started (pid {sleeper}) is still running")
    assert reader.call(_twice, 2) == 4  # a fresh child


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_too_much_memory_is_a_reason_not_a_crash(reader: Reader) -> None:
    with pytest.raises(Unreadable) as err:
        reader.call(_allocate, 1024)
    assert err.value.reason == "too-large" and "512 MB" in err.value.detail
    assert reader.call(_allocate, 64) == 64 * 2**20  # within the limit


def test_a_crashing_reader_is_a_reason_and_is_restarted(reader: Reader) -> None:
    first = reader.call(_pid)
    with pytest.raises(Unreadable) as err:
        reader.call(_crash)
    assert err.value.reason == "too-large" and "stopped the reader" in err.value.detail
    assert reader.call(_pid) != first


def test_closing_leaves_no_process(tmp_path: Path) -> None:
    r = Reader(Limits(memory_bytes=512 * 2**20, seconds=30))
    pid = r.call(_pid)
    r.close()
    assert _state(pid) in ("gone", "Z")


def test_a_reader_that_cannot_start_is_an_error_not_a_reason() -> None:
    """Every file of a pass was quarantined as "too large" when the reader could not start
    (it is not the files' fault: they stay in the inbox)."""
    r = Reader(Limits(memory_bytes="x", seconds=30))  # type: ignore[arg-type]  # no limit set
    r.start_soon()
    with pytest.raises(ReaderError, match="could not start"):
        r.call(_twice, 1)
    r.close()


def test_the_reader_and_what_it_started_end_when_intake_is_killed(tmp_path: Path) -> None:
    """After a kill -9 of intake, the reader (a child of the fork server, not of intake) and
    its programs went on for ever, out of every limit."""
    import signal
    import sys

    from tests.conftest import REPO

    pid_file = tmp_path / "pid"
    proc = subprocess.Popen([sys.executable, "-m", "tests.procs", "read_for_ever",
                             str(pid_file)], cwd=REPO)
    try:
        for _ in range(600):
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.05)
        sleeper = int(pid_file.read_text())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    for _ in range(200):
        if _state(sleeper) in ("gone", "Z"):
            break
        time.sleep(0.05)
    else:
        os.kill(sleeper, signal.SIGKILL)
        pytest.fail("the program the reader started outlived intake")


def test_a_cancelled_read_is_given_up_at_once(reader: Reader) -> None:
    """SIGTERM to `watch` sets the stop event: a long OCR is given up (the file stays in the
    inbox) instead of running on until systemd kills intake and the file counts as a stall."""
    import threading

    reader.cancel = threading.Event()
    threading.Timer(0.5, reader.cancel.set).start()
    started = time.monotonic()
    with pytest.raises(ReaderError, match="given up"):
        reader.call(_sleep, 60)
    assert time.monotonic() - started < 10
