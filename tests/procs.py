"""Entry points run in child processes by the concurrency and kill -9 tests.

Each reads its archive home from ARCHIVA_HOME / ARCHIVA_DATABASE_URL (see conftest.child_env)."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from archiva.config import Settings
from archiva.service import Archiva

FOREVER = 3600


def issue_many(count: str, series: str = "letter") -> None:
    """Issue `count` numbers, one transaction each, all dated the same day."""
    with Archiva.open(Settings.resolve()) as app:
        for i in range(int(count)):
            rec = app.issue_number(series, "OT.02.02", f"concurrent {i}", dt.date(2026, 6, 1))
            print(rec.number, flush=True)


def _announce(what: str) -> None:
    print(what, flush=True)


def hang_while_rendering(kind: str, data: str) -> None:
    """Reserve a number, then hang inside rendering until killed (the steps after the
    template check that runs before a number is taken)."""
    import archiva.render.office as office
    import archiva.render.pdf as pdf

    def hang(*_args: Any, **_kw: Any) -> Any:
        _announce("RENDERING")
        time.sleep(FOREVER)

    office.convert_to_pdfa = hang  # type: ignore[assignment]
    pdf.HtmlRenderer.render = hang  # type: ignore[method-assign]
    with Archiva.open(Settings.resolve()) as app:
        app.generate(kind, Path(data))


def hang_before_marking_filed(kind: str, data: str) -> None:
    """Render and place every file in the archive, then hang before the catalogue says FILED."""
    from archiva.catalogue.store import Catalogue

    def hang(self: Catalogue, *_args: Any, **_kw: Any) -> Any:
        _announce("PLACED")
        time.sleep(FOREVER)

    Catalogue.mark_filed = hang  # type: ignore[method-assign]
    with Archiva.open(Settings.resolve()) as app:
        app.generate(kind, Path(data))


def hang_during_certificates(event: str, participants: str, marker: str, after: str) -> None:
    """Certificate batch whose renders hang after `after` certificates (in any worker); a marker
    file tells the test when that point is reached."""
    import archiva.render.pdf as pdf

    real = pdf.HtmlRenderer.render
    done = Path(marker)

    def slow(self: Any, context: dict[str, Any], max_pages: int | None = None) -> bytes:
        out = real(self, context, max_pages)
        with done.open("a") as f:
            f.write("x")
        if done.stat().st_size >= int(after):
            time.sleep(FOREVER)
        return out

    pdf.HtmlRenderer.render = slow  # type: ignore[method-assign]
    with Archiva.open(Settings.resolve()) as app:
        app.generate_certificates(Path(event), Path(participants))


def slow_certificates_cli(event: str, participants: str, marker: str) -> None:
    """`archiva generate certificates` whose renders take 0.3 s each (a marker file counts
    them), so the test can press Ctrl-C in the middle of the batch."""
    import archiva.render.pdf as pdf
    from archiva.cli import main

    real = pdf.HtmlRenderer.render
    done = Path(marker)

    def slow(self: Any, context: dict[str, Any], max_pages: int | None = None) -> bytes:
        time.sleep(0.3)
        with done.open("a") as f:
            f.write("x")
        return real(self, context, max_pages)

    pdf.HtmlRenderer.render = slow  # type: ignore[method-assign]
    sys.argv = ["archiva", "generate", "certificates", "--event", event, "--participants",
                participants]
    main()


def hang_in_index_commit(subject: str) -> None:
    """Issue a number; its index update hangs inside the engine's commit, after the new
    segment's files are written and before the index's table of contents names them."""
    import whoosh.writing

    def hang(*_args: Any, **_kw: Any) -> Any:
        _announce("COMMITTING")
        time.sleep(FOREVER)

    whoosh.writing.SegmentWriter._commit_toc = hang  # type: ignore[method-assign]
    with Archiva.open(Settings.resolve()) as app:
        app.issue_number("letter", "OT.02.02", subject)


def search_loop(seconds: str) -> None:
    """Search the archive over and over for `seconds`, as a user at the web UI would."""
    from archiva.search.results import SearchRequest

    deadline = time.monotonic() + float(seconds)
    queries = ["surat", "undangan rapat", "tipe:pengaduan", "status:batal", "C7.15/OT.02",
               "jenis:masuk tahun:2026", '"kerja sama"', "Rangkasbitug"]
    count = 0
    with Archiva.open(Settings.resolve()) as app:
        while time.monotonic() < deadline:
            app.search(SearchRequest(queries[count % len(queries)], limit=20))
            count += 1
    print(count, flush=True)


def issue_and_void(count: str) -> None:
    """Issue numbers and void every third one."""
    with Archiva.open(Settings.resolve()) as app:
        for i in range(int(count)):
            rec = app.issue_number("letter", "OT.02.02", f"Surat serentak {i}")
            if i % 3 == 0:
                app.void(rec.number, f"dibatalkan serentak {i}")
            print(rec.number, flush=True)


def read_for_ever(pid_file: str) -> None:
    """A reader process whose read starts a program and never ends (killed by the test)."""
    from archiva.intake.reader import Limits, Reader
    from tests.intake.test_reader import _start_sleeper_and_wait

    Reader(Limits(512 * 2**20, FOREVER)).call(_start_sleeper_and_wait, pid_file)


if __name__ == "__main__":
    globals()[sys.argv[1]](*sys.argv[2:])
