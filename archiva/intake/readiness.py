"""Is a file in the inbox finished? Pure decisions over observations, testable without the OS.

A file is ready when its size and mtime have not changed for the settle delay AND its content
is complete (a PDF ends with %%EOF and parses, an image decodes, a DOCX opens): a quiet period
alone was fooled by a writer that stalled for two seconds."""

from __future__ import annotations

from dataclasses import dataclass, field

IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".swp", ".reason.txt")

IGNORE = "ignore"
WAITING = "waiting"
READY = "ready"
STALE = "stale"


def ignored_name(name: str) -> bool:
    """Hidden files and names of files still being written are left until renamed."""
    return name.startswith(".") or name.lower().endswith(IGNORED_SUFFIXES) or name.startswith("~$")


@dataclass(frozen=True)
class Observation:
    size: int
    mtime: float


@dataclass
class Tracker:
    """Remembers when each file last changed, across the scans of one long-running process.
    A one-shot scan (cron) uses the file's mtime as the time of its last change."""

    settle_seconds: float
    stale_seconds: float
    seen: dict[str, tuple[Observation, float]] = field(default_factory=dict)

    def decide(self, key: str, obs: Observation, now: float,
               content_complete: bool | None) -> tuple[str, str]:
        """(state, why). `content_complete` is None when the content was not checked yet
        (it is only checked once the file is quiet)."""
        last = self.seen.get(key)
        if last is not None and last[0] == obs:
            changed_at = last[1]
        else:
            # First sight: it last changed at its mtime (cron sees old files as quiet). Seen
            # changing between two looks: it changed by now, whatever its mtime says.
            changed_at = obs.mtime if last is None else now
            self.seen[key] = (obs, changed_at)
        quiet_for = now - max(changed_at, obs.mtime)
        if quiet_for < self.settle_seconds:
            return WAITING, f"still being written (changed {quiet_for:.0f} s ago)"
        if content_complete is None:
            return WAITING, "quiet; content not checked yet"
        if content_complete:
            return READY, ""
        if quiet_for >= self.stale_seconds:
            return STALE, (f"incomplete and unchanged for {quiet_for:.0f} s "
                           f"(limit {self.stale_seconds:.0f} s)")
        return WAITING, f"incomplete; waiting up to {self.stale_seconds:.0f} s for the rest"

    def forget(self, key: str) -> None:
        self.seen.pop(key, None)
