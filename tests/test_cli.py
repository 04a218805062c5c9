"""The command line: help everywhere, exit codes, --json shapes, plain error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from archiva.cli import cli
from archiva.config import Settings
from tests.conftest import EXAMPLES, REPO, child_env


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out.extend(_all_commands(cmd, (*prefix, name)))
    return out


def run(home: Settings, *args: str) -> tuple[int, str, str]:
    runner = CliRunner(env={"ARCHIVA_DATABASE_URL": home.database_url, "ARCHIVA_USER": "cli"})
    result = runner.invoke(cli, ["--home", str(home.home), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("path", _all_commands(cli))
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    cmd: click.Command = cli
    for part in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[part]
    assert cmd.help, f"{' '.join(path)} has no help text"


def test_every_reporting_command_has_json() -> None:
    reporting = {("init",), ("number", "issue"), ("number", "void"), ("number", "record"),
                 ("number", "list"), ("show",), ("doctor",), ("verify-certificate",),
                 ("generate", "decree"), ("generate", "mou"), ("generate", "report"),
                 ("generate", "certificates"), ("search",), ("reindex",), ("file-scans",),
                 ("ingest",), ("intake", "list"), ("intake", "show"), ("intake", "set"),
                 ("intake", "retry"), ("fixity",)}
    for path in reporting:
        cmd: click.Command = cli
        for part in path:
            assert isinstance(cmd, click.Group)
            cmd = cmd.commands[part]
        assert "as_json" in {p.name for p in cmd.params}, path


def test_issue_show_void_list_with_json(home: Settings) -> None:
    code, out, _ = run(home, "number", "issue", "--series", "letter", "--classification",
                       "OT.02.02", "--subject", "Undangan", "--date", "2026-03-02", "--json")
    assert code == 0
    issued = json.loads(out)
    assert issued["number"] == "0001/C7.15/OT.02.02/2026"
    assert issued["date"] == "2026-03-02"
    assert issued["created_by"] == "cli"
    code, out, _ = run(home, "show", "0001/C7.15/OT.02.02/2026", "--json")
    shown = json.loads(out)
    assert shown["record_id"] == issued["record_id"]
    assert [h["action"] for h in shown["history"]] == ["allocate"]
    code, out, _ = run(home, "number", "void", issued["number"], "--reason", "dobel", "--json")
    assert code == 0 and json.loads(out)["status"] == "void"
    code, out, _ = run(home, "number", "list", "--json")
    [entry] = json.loads(out)["numbers"]
    assert entry["void_reason"] == "dobel"
    code, out, _ = run(home, "number", "list")
    assert "BATAL" in out and "dobel" in out


def test_exit_codes_and_plain_messages(home: Settings) -> None:
    code, _, err = run(home, "number", "issue", "--series", "nope", "--classification",
                       "OT.02.02", "--subject", "x")
    assert code == 2
    assert err.startswith("Error: There is no number series called 'nope'.")
    assert "Traceback" not in err
    code, _, err = run(home, "show", "0404/C7.15/OT.02.02/2026")
    assert code == 1 and "is not in the register" in err
    code, _, err = run(home, "number", "issue", "--series", "letter")
    assert code == 2 and "Missing option" in err


def test_debug_shows_the_traceback(home: Settings) -> None:
    runner = CliRunner(env={"ARCHIVA_DATABASE_URL": home.database_url})
    result = runner.invoke(cli, ["--home", str(home.home), "--debug", "show", "0404/X/2026"])
    assert result.exit_code == 1
    assert result.exception is not None and type(result.exception).__name__ == "NotFoundError"


def test_bad_profile_names_file_key_and_exits_2(home: Settings) -> None:
    text = home.profile_path.read_text().replace('nip = "197001011995121001"', 'nip = "123"')
    home.profile_path.write_text(text)
    code, _, err = run(home, "number", "list")
    assert code == 2
    assert str(home.profile_path) in err and "head.nip: expected 18 digits" in err


def test_missing_profile_says_to_run_init(tmp_path: Path) -> None:
    runner = CliRunner(env={"ARCHIVA_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"})
    result = runner.invoke(cli, ["--home", str(tmp_path), "number", "list"])
    assert result.exit_code == 2 and "archiva init" in result.stderr


def test_init_is_idempotent_and_keeps_the_profile(tmp_path: Path) -> None:
    runner = CliRunner(env={"ARCHIVA_DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}"})
    first = runner.invoke(cli, ["--home", str(tmp_path), "init", "--json"])
    assert first.exit_code == 0 and json.loads(first.stdout)["profile_created"] is True
    (tmp_path / "archiva.toml").write_text((tmp_path / "archiva.toml").read_text() + "# mine\n")
    again = runner.invoke(cli, ["--home", str(tmp_path), "init", "--json"])
    assert json.loads(again.stdout) == {"home": str(tmp_path), "created": [],
                                        "profile_created": False}
    assert (tmp_path / "archiva.toml").read_text().endswith("# mine\n")
    for folder in ("archive", "inbox", "quarantine", "index"):
        assert (tmp_path / folder).is_dir()


def test_generate_and_doctor_json(home: Settings) -> None:
    code, out, err = run(home, "generate", "report", "--data", str(EXAMPLES / "laporan.yaml"),
                         "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) == {"number", "record_id", "files"}
    assert set(doc["files"][0]) == {"path", "format", "sha256"}
    code, out, _ = run(home, "doctor", "--json")
    assert code == 0 and json.loads(out)["records_by_status"] == {"filed": 1}


def test_number_issue_does_not_import_rendering_engines(home: Settings) -> None:
    probe = (
        "import sys; from archiva.cli import cli\n"
        "try:\n"
        "    cli(['number', 'issue', '--series', 'letter', '--classification', 'OT.02.02',"
        " '--subject', 'x'], standalone_mode=False)\n"
        "finally:\n"
        "    heavy = [m for m in ('weasyprint', 'docxtpl', 'docx', 'openpyxl', 'qrcode',"
        " 'alembic') if m in sys.modules]\n"
        "    print('HEAVY', heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], env=child_env(home), cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stderr


def test_search_and_reindex_from_the_command_line(home: Settings) -> None:
    code, out, _ = run(home, "number", "issue", "--series", "letter", "--classification",
                       "OT.02.02", "--subject", "Undangan rapat koordinasi Kabupaten Lebak")
    assert code == 0
    code, out, _ = run(home, "search", "--json", "rapat", "lebak")
    data = json.loads(out)
    assert code == 0 and data["total"] == 1
    assert data["hits"][0]["snippet"] == "Undangan **rapat** koordinasi Kabupaten **Lebak**"
    code, out, _ = run(home, "search", "-lebak")  # a leading minus is NOT, not an option
    assert code == 0 and "Nothing found" in out
    code, out, _ = run(home, "search", "rapat", "--sort", "date", "--limit", "5")
    assert code == 0 and "0001/C7.15/OT.02.02/2026" in out
    code, out, err = run(home, "search", '"rapat')
    assert code == 2 and "never closed" in err and "Traceback" not in err
    code, out, err = run(home, "search")
    assert code == 2 and "nothing to search for" in err
    code, out, _ = run(home, "reindex", "--check", "--json")
    assert code == 0 and json.loads(out)["in_sync"]
    code, out, _ = run(home, "reindex", "--json")
    assert code == 0 and json.loads(out)["records"] == 1
    code, out, _ = run(home, "doctor", "--json")
    assert json.loads(out)["search_index"] == {"state": "ok", "rebuilt": None, "pending": 0}


def test_a_date_in_another_form_is_explained(home: Settings) -> None:
    result = CliRunner().invoke(cli, ["--home", str(home.home), "number", "issue", "--series",
                                      "letter", "--classification", "OT.02.02", "--subject", "x",
                                      "--date", "24-11-2026"])
    assert result.exit_code == 2
    assert "'24-11-2026' is not a date written as YYYY-MM-DD, e.g. 2026-11-24" in result.stderr
    assert "%Y" not in result.stderr
