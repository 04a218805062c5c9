"""Reading letters in a child process under limits of memory and time.

A PDF whose content stream inflates to gigabytes, or a scan that makes Ghostscript or Tesseract
run for ever, must not stall intake: the libraries that read and OCR files cannot be bounded
from inside, so they run in one long-lived child process (its own process group, an address
space limit inherited by the programs OCR starts). Past the time limit the whole group is
killed; a child that dies (out of memory) is restarted. Either way the file gets a reason,
and the pass goes on with the next one.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import os
import pickle
import resource
import select
import signal
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from archiva.errors import ArchivaError
from archiva.intake.content import Unreadable

T = TypeVar("T")
READY = "ready"
START_SECONDS = 120.0  # the fork server's first start loads pypdf and OCRmyPDF
PEAK_SHARE = 0.9  # an address space this near the limit: a failure is put down to memory
_CONTEXT = multiprocessing.get_context("forkserver")
# The child starts from a fork server that has these loaded: a restart costs a fork, not the
# imports (pypdf, ocrmypdf) again.
_CONTEXT.set_forkserver_preload(["archiva.intake.content", "archiva.intake.ocr"])


class ReaderError(ArchivaError):
    """The reader process itself cannot run (not a problem of any one file)."""


@dataclass(frozen=True)
class Limits:
    memory_bytes: int
    seconds: float


class Reader:
    """Runs module-level functions in the child, one at a time."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._child: _Child | None = None
        self._starting: threading.Thread | None = None
        # Set when intake is asked to stop (SIGTERM to `watch`): a read under way is given up
        # and its file left in the inbox, not read on until a kill counts it as a stall.
        self.cancel: threading.Event | None = None

    def start_soon(self) -> None:
        """Start the child in the background (the fork server's first start takes a second
        or so, loading the readers), so that it is ready when the first file is."""
        if self._child is None and self._starting is None:
            self._starting = threading.Thread(target=self._start_quietly,
                                              name="archiva-reader-start", daemon=True)
            self._starting.start()

    def _start_quietly(self) -> None:
        with contextlib.suppress(ReaderError):  # the first call tries again, and says why
            self._start()

    def call(self, fn: Callable[..., T], *args: Any, seconds: float | None = None,
             heartbeat: Path | None = None) -> T:
        """fn(*args) in the child. `heartbeat` is touched every second while it runs, so that
        after a kill one can tell how long it had been reading."""
        limit = seconds or self.limits.seconds
        if self._starting is not None:
            self._starting.join()
            self._starting = None
        child = self._child or self._start()
        try:
            child.conn.send((fn, args))
            answered = _wait(child.conn, limit, heartbeat, self.cancel)
            if answered is None:
                self.close()
                raise ReaderError("Reading was given up: intake is stopping.",
                                  "The file stays in the inbox and is taken at the next start.")
            if not answered:
                self.close()
                raise Unreadable("too-slow", f"reading it took longer than {limit:.0f} s, the "
                                             "limit; it was stopped so the other files go on")
            ok, value, ending = child.conn.recv()
        except (EOFError, OSError):
            code = self.close()
            mb = self.limits.memory_bytes // 2**20
            raise Unreadable("too-large", f"reading it stopped the reader (exit {code}): it needs "
                                          f"more than the {mb} MB of memory allowed, or the file "
                                          "crashes the reading library") from None
        except BaseException:
            self.close()  # interrupted (Ctrl-C): its answer must not reach the next call
            raise
        if ending:  # it gave its memory back by ending: the next call starts another
            self.close()
        if ok:
            return value  # type: ignore[no-any-return]
        raise value

    def close(self) -> int | None:
        """Stop the child and everything it started; returns its exit code."""
        child, self._child = self._child, None
        return child.stop() if child else None

    def _start(self) -> _Child:
        ours, theirs = _CONTEXT.Pipe()
        # Not a daemon: OCRmyPDF runs its pages in processes of its own, which a daemon may
        # not have. Stopped when this reader goes, or at exit (registered after
        # multiprocessing's own exit handler, so it runs before that one waits for it).
        process = _CONTEXT.Process(target=_serve, args=(theirs, self.limits.memory_bytes,
                                                        os.getpid()),
                                   name="archiva-reader", daemon=False)
        process.start()
        theirs.close()
        child = _Child(process, ours)
        child.finalizer = weakref.finalize(self, child.stop)
        atexit.register(child.stop)
        try:
            ready = ours.poll(START_SECONDS) and ours.recv() == READY
        except (EOFError, OSError):
            ready = False
        if not ready:  # not the file's fault: nothing can be read until this is fixed
            code = child.stop()
            raise ReaderError(f"The process that reads letters for intake could not start "
                              f"(exit {code}).",
                              "The files stay in the inbox. Run the set-up command again, "
                              "then `archiva doctor`; send `--debug` output to support if it "
                              "repeats.")
        self._child = child
        return child


def _wait(conn: Connection, seconds: float, heartbeat: Path | None,
          cancel: threading.Event | None) -> bool | None:
    """True when the child answered, False past the time limit, None when cancelled."""
    deadline = time.monotonic() + seconds
    beat = time.monotonic()
    while (left := deadline - time.monotonic()) > 0:
        if conn.poll(min(left, 0.25)):
            return True
        if cancel is not None and cancel.is_set():
            return None
        if heartbeat is not None and time.monotonic() - beat >= 1.0:
            beat = time.monotonic()
            with contextlib.suppress(OSError):
                os.utime(heartbeat)
    return False


@dataclass
class _Child:
    process: Any  # multiprocessing's Process of the fork-server context
    conn: Connection
    finalizer: Any = None
    stopped: bool = False

    def stop(self) -> int | None:
        """Once only: a second kill could reach another group that reused the pid."""
        if self.stopped:
            return self.process.exitcode  # type: ignore[no-any-return]
        self.stopped = True
        atexit.unregister(self.stop)
        if self.finalizer is not None:
            self.finalizer.detach()
        with contextlib.suppress(OSError):
            self.conn.close()
        pid = self.process.pid
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)  # OCR's programs with it
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)  # not yet in a group of its own
        self.process.join(10)
        return self.process.exitcode  # type: ignore[no-any-return]


def _serve(conn: Connection, memory_bytes: int, intake_pid: int) -> None:
    os.setpgid(0, 0)  # a group of its own, killed as one
    _die_with(intake_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to decide
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    conn.send(READY)
    too_much = Unreadable("too-large", "reading it needs more memory than the "
                                       f"{memory_bytes // 2**20} MB allowed")
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):
            return  # intake closed it
        try:
            result: tuple[bool, Any] = (True, fn(*args))
        except MemoryError:
            result = (False, too_much)
        except Exception as exc:
            result = (False, exc)
        # Libraries report a failed allocation in their own words (pikepdf's, turned by
        # OCRmyPDF into "cannot be read"): a failure after using most of the memory allowed
        # is put as what it is. The peak is this process's whole life, so it then ends,
        # giving its memory back; the next file gets a fresh one.
        spent = _near_the_limit(memory_bytes)
        if spent and not result[0]:
            result = (False, too_much)
        try:
            conn.send((*result, spent))
        except (pickle.PicklingError, TypeError, AttributeError):
            conn.send((False, RuntimeError(f"{type(result[1]).__name__}: {result[1]}"), spent))
        if spent:
            return


def _die_with(intake_pid: int) -> None:
    """End the whole group when intake ends, however it ends (kill -9 too). The fork server
    is this process's parent, not intake, so the kernel's parent-death signal would not do:
    a thread waits on intake's pidfd instead."""
    try:
        pidfd = os.pidfd_open(intake_pid)
    except OSError:
        os.killpg(0, signal.SIGKILL)  # intake is gone already
        return

    def watch() -> None:
        select.select([pidfd], [], [])
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="archiva-reader-watch", daemon=True).start()


def _near_the_limit(memory_bytes: int) -> bool:
    """Whether this process's address space (what the limit counts) has come close to the
    limit, or a program it ran has held half of it in memory."""
    children = 1024 * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return _vm_peak() > memory_bytes * PEAK_SHARE or children > memory_bytes / 2


def _vm_peak() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0
