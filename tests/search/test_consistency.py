"""The index never drifts from the catalogue for long: a writer killed in the middle of an
index commit, and processes filing, generating, voiding and searching at the same time."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from archiva.config import Settings
from archiva.search.results import SearchRequest
from archiva.service import Archiva
from tests.conftest import EXAMPLES, REPO, child_env, make_home
from tests.intake.test_pipeline import letter_pdf, settled
from tests.test_recovery import _kill, _start, _wait_for

BAD_WORDS = ("LockError", "writer is closed", "Traceback", "Error:")


def cli(home: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "archiva", *args], cwd=REPO,
                          env=child_env(home), capture_output=True, text=True, timeout=600)


def numbers_found(app: Archiva, query: str) -> set[str]:
    return {h.record.number for h in app.search(SearchRequest(query, limit=1000)).hits}


def kill_in_index_commit(home: Settings, subject: str) -> None:
    proc = _start(home, "hang_in_index_commit", subject)
    _wait_for(proc, "COMMITTING")
    _kill(proc)


def test_kill_9_in_an_index_commit_is_found_by_the_check_and_repaired(
        any_home: Settings) -> None:
    with Archiva.open(any_home) as app:
        app.issue_number("letter", "OT.02.02", "Surat sebelumnya")
    kill_in_index_commit(any_home, "Surat yang terputus")

    check = cli(any_home, "reindex", "--check", "--json")
    assert check.returncode == 1, check.stderr  # drift is reported, as a failure
    report = json.loads(check.stdout)
    assert not report["in_sync"]
    assert [m["number"] for m in report["missing"]] == ["0002/C7.15/OT.02.02/2026"]
    assert report["pending"] >= 1  # the change is still queued: nothing was lost
    assert "archiva reindex" in cli(any_home, "reindex", "--check").stdout

    rebuilt = cli(any_home, "reindex", "--json")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert json.loads(rebuilt.stdout)["records"] == 2
    after = cli(any_home, "reindex", "--check", "--json")
    assert after.returncode == 0 and json.loads(after.stdout)["in_sync"]
    with Archiva.open(any_home) as app:
        assert numbers_found(app, "terputus") == {"0002/C7.15/OT.02.02/2026"}


def test_after_a_kill_in_a_commit_the_next_update_catches_up_by_itself(home: Settings) -> None:
    kill_in_index_commit(home, "Surat yang terputus")
    with Archiva.open(home) as app:
        assert app.catalogue.outbox_size() >= 1
        # the half-written segment does not damage the index; the queued change is applied
        assert numbers_found(app, "terputus") == {"0001/C7.15/OT.02.02/2026"}
        assert app.check_index().in_sync
        assert app.catalogue.outbox_size() == 0


@pytest.mark.slow
def test_filing_generating_voiding_and_searching_at_once(tmp_path: Path) -> None:
    home = make_home(tmp_path / "home")
    letters = [letter_pdf(home.home / "inbox" / f"surat-{i:02d}.pdf", i) for i in range(24)]
    settled(home)
    data = tmp_path / "laporan.yaml"  # dated today, like the numbers issued alongside
    data.write_text(re.sub(r"(?m)^date: .*$", f"date: {dt.date.today().isoformat()}",
                           (EXAMPLES / "laporan.yaml").read_text("utf-8")), "utf-8")
    env = child_env(home)

    def start(*args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", *args], cwd=REPO, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    procs = [
        start("archiva", "file-scans", "--json"),
        start("archiva", "file-scans", "--json"),
        start("tests.procs", "issue_and_void", "40"),
        start("archiva", "generate", "report", "--data", str(data), "--json"),
        start("archiva", "generate", "certificates", "--event", str(EXAMPLES / "kegiatan.yaml"),
              "--participants", str(EXAMPLES / "peserta.csv"), "--json"),
        start("tests.procs", "search_loop", "20"),
        start("tests.procs", "search_loop", "20"),
    ]
    outputs: list[tuple[str, str]] = []
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, (p.args, err[-2000:])
        outputs.append((out, err))
    for _, err in outputs:
        for word in BAD_WORDS:
            assert word not in err, err[-2000:]
    searches = sum(int(out.strip()) for out, _ in outputs[-2:])
    assert searches > 10  # the searchers really ran alongside

    filed: list[dict[str, Any]] = [f for out, _ in outputs[:2] for f in json.loads(out)["filed"]]
    assert len(filed) == len(letters)
    with Archiva.open(home) as app:
        # what every writer committed is in the index, each record once
        report = app.check_index()
        assert report.in_sync, report.to_json()
        every = app.search(SearchRequest("", kind="masuk", limit=1000))
        assert sorted(h.record.number for h in every.hits) == sorted(
            f["agenda_number"] for f in filed)
        assert len(numbers_found(app, "serentak")) == 40
        assert len(numbers_found(app, "status:batal serentak")) == 14
        assert len(numbers_found(app, "jenis:sertifikat")) == 4
        assert len(numbers_found(app, "jenis:laporan Malingping")) == 1
