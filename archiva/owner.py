"""Who holds a reservation: host, pid and process start time, so a dead holder is recognised
even after its pid is reused."""

from __future__ import annotations

import os
import socket


def _start_ticks(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            stat = f.read()
    except OSError:
        return None
    # Field 22 (starttime); the command name in field 2 may contain spaces, so split after ')'.
    return stat.rsplit(")", 1)[1].split()[19]


def current() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_ticks(pid) or '0'}"


def is_dead(token: str | None) -> bool | None:
    """True when the holder is certainly gone, False when alive, None when it cannot be told
    (another host)."""
    if not token:
        return True
    try:
        host, pid_s, ticks = token.rsplit(":", 2)
        pid = int(pid_s)
    except ValueError:
        return True
    if host != socket.gethostname():
        return None
    return _start_ticks(pid) != ticks
