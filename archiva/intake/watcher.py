"""`archiva watch`: the inbox watcher. watchdog is imported here only.

Events only cut latency; the periodic full rescan is the source of truth (a watcher can miss
events: overflowing queues, network shares, an observer restarted)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from archiva.intake.pipeline import Intake, IntakeReport
from archiva.intake.readiness import ignored_name

log = logging.getLogger("archiva.intake")
TICK_SECONDS = 0.5


class _Queue(FileSystemEventHandler):
    """Paths that something happened to, for the main loop to look at."""

    def __init__(self, inbox: Path) -> None:
        self.inbox = inbox
        self.paths: set[Path] = set()
        self.lock = threading.Lock()
        self.wake = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                path = Path(raw.decode() if isinstance(raw, bytes) else raw)
                if self._wanted(path):
                    with self.lock:
                        self.paths.add(path)
        self.wake.set()

    def _wanted(self, path: Path) -> bool:
        """As a full scan sees the inbox: no hidden files, nothing inside hidden folders (the
        staging folders where other intake processes hold the files they claimed)."""
        try:
            folders = path.relative_to(self.inbox).parts[:-1]
        except ValueError:
            return False
        return not ignored_name(path.name) and not any(f.startswith(".") for f in folders)

    def take(self) -> set[Path]:
        with self.lock:
            paths, self.paths = self.paths, set()
        return paths


def _observer(inbox: Path, handler: _Queue, polling: bool) -> tuple[object, str]:
    if not polling:
        try:
            obs = Observer()
            obs.schedule(handler, str(inbox), recursive=True)
            obs.start()
            return obs, "inotify"
        except OSError as exc:  # inotify limits reached, or a file system without inotify
            log.warning("inotify is unavailable (%s); polling the inbox instead", exc)
    obs = PollingObserver(timeout=1)
    obs.schedule(handler, str(inbox), recursive=True)
    obs.start()
    return obs, "polling"


def watch(intake: Intake, polling: bool, stop: threading.Event,
          report: Callable[[IntakeReport], None]) -> str:
    """Run until `stop` is set; returns how the inbox was watched."""
    intake.check_inbox()
    intake.reader.cancel = stop  # a read under way is given up when asked to stop
    handler = _Queue(intake.inbox)
    observer, how = _observer(intake.inbox, handler, polling)
    log.info("watching %s (%s, full rescan every %.0f s)", intake.inbox, how,
             intake.settings.rescan_seconds)
    pending: set[Path] = set()
    next_rescan = 0.0
    intake.app.index.ensure()  # a missing or outdated index is rebuilt before watching
    try:
        while not stop.is_set():
            now = time.monotonic()
            if now >= next_rescan:
                report(intake.scan())
                pending.clear()
                next_rescan = now + intake.settings.rescan_seconds
            pending |= handler.take()
            if pending:
                out = IntakeReport()
                with intake.app.index.batch():
                    for path in sorted(pending):
                        intake.consider(path, out)
                waiting = {intake.inbox / w["file"] for w in out.waiting}
                pending = {p for p in pending if p in waiting and p.exists()}
                if out.filed or out.duplicates or out.quarantined:
                    report(out)
            intake.app.index.flush()  # retries an update another writer held up
            handler.wake.wait(TICK_SECONDS)
            handler.wake.clear()
    finally:
        observer.stop()  # type: ignore[attr-defined]
        observer.join(timeout=5)  # type: ignore[attr-defined]
    return how
