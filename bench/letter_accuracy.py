"""Letter details on 20 unseen letters, through Archiva's real intake command line.

    .venv/bin/python -m bench.letter_accuracy [--json] [--keep]

Writes the letters of `bench/unseen_letters.py` (10 born-digital PDFs, 10 page scans) into a
temporary folder, makes a fresh archive home (`archiva init`), puts the letters in its inbox,
files them with one `archiva file-scans` pass and reads each one back with `archiva intake show`.
Each registered letter is matched to its ground truth by its original file name.

Per field it prints the accuracy (exact match after folding case and whitespace) for PDFs,
scans and all; for the sender also a looser score (the answer contains the unit and its
government). Then every wrong field, expected against got, and whether Archiva listed it for
review: a wrong value that is not listed for review is the worst case, and is counted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.unseen_letters import write_all

FIELDS = ("sender", "number", "date", "place", "subject", "addressee", "attachments",
          "attachment_count", "signer", "signer_nip")
OUTPUT_KEY = {"number": "their_number", "date": "letter_date"}  # the rest keep their names
KINDS = ("pdf", "scan")


def archiva_command() -> list[str]:
    exe = Path(sys.executable).parent / "archiva"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "archiva"]


def archiva(home: Path, *args: str) -> Any:
    """Run one `archiva --home HOME … --json` command and return its JSON."""
    done = subprocess.run([*archiva_command(), "--home", str(home), *args, "--json"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"archiva {' '.join(args)} exited {done.returncode}: "
                           f"{done.stderr.strip() or done.stdout.strip()}")
    return json.loads(done.stdout)


# -- intake ---------------------------------------------------------------------------------------


def file_letters(home: Path, letters: list[tuple[Path, dict[str, Any]]]) -> dict[str, Any]:
    """Put the letters in the inbox, settled (mtime a minute ago), and file them in one pass."""
    inbox = home / "inbox"
    past = time.time() - 60
    for path, _ in letters:
        target = inbox / path.name
        shutil.copyfile(path, target)
        os.utime(target, (past, past))
    return archiva(home, "file-scans")


def registered(home: Path) -> dict[str, dict[str, Any]]:
    """Each incoming letter by its original file name, as `intake show` gives it."""
    listing = archiva(home, "intake", "list")["letters"]
    return {row["original_name"]: archiva(home, "intake", "show", row["agenda_number"])
            for row in listing}


# -- scoring --------------------------------------------------------------------------------------


def norm(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split()).casefold()


def reported_fields(shown: dict[str, dict[str, Any]]) -> set[str]:
    """Fields that Archiva's output carries at all (for any letter)."""
    keys = {k for letter in shown.values() for k in letter}
    return {f for f in FIELDS if OUTPUT_KEY.get(f, f) in keys}


def review_entries(letter: dict[str, Any]) -> list[str]:
    out = []
    for entry in letter.get("review") or []:
        if isinstance(entry, dict):
            entry = entry.get("field") or entry.get("name") or json.dumps(entry)
        out.append(str(entry).strip())
    return out


def entry_field(entry: str) -> str:
    """The field an entry of the review list names ("subject", "text: read by OCR, …")."""
    return entry.split(":")[0].strip().casefold()


def flagged(letter: dict[str, Any], name: str) -> bool:
    named = {entry_field(e) for e in review_entries(letter)}
    return name in named or OUTPUT_KEY.get(name, name) in named


def letter_notes(letter: dict[str, Any]) -> list[str]:
    """Review entries about the whole letter rather than one field (e.g. read by OCR)."""
    fields = {*FIELDS, *OUTPUT_KEY.values()}
    return [e for e in review_entries(letter) if entry_field(e) not in fields]


def sender_loose(truth: dict[str, Any], got: Any) -> bool:
    answer = norm(got)
    return bool(answer) and all(any(norm(alt) in answer for alt in group)
                                for group in truth["sender_parts"])


@dataclass
class Failure:
    file: str
    kind: str
    field: str
    expected: Any
    got: Any
    problem: str  # "missing" (empty) or "wrong" (another value)
    flagged: bool  # the field itself is in the letter's review list
    notes: list[str]  # review entries about the whole letter


@dataclass
class Score:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def text(self) -> str:
        if not self.total:
            return "-"
        return f"{self.right}/{self.total} {100 * self.right / self.total:3.0f}%"


def score(letters: list[tuple[Path, dict[str, Any]]], shown: dict[str, dict[str, Any]]
          ) -> tuple[dict[str, dict[str, Score]], list[Failure], set[str]]:
    fields = reported_fields(shown)
    table = {f: {k: Score() for k in (*KINDS, "all")}
             for f in (*FIELDS[:1], "sender (loose)", *FIELDS[1:])}
    failures: list[Failure] = []
    for path, truth in letters:
        letter = shown.get(path.name, {})
        kind = truth["kind"]
        for name in FIELDS:
            if name not in fields:
                continue
            got = letter.get(OUTPUT_KEY.get(name, name))
            ok = bool(letter) and norm(got) == norm(truth[name])
            for k in (kind, "all"):
                table[name][k].add(ok)
            if not ok:
                failures.append(Failure(path.name, kind, name, truth[name], got,
                                        "missing" if norm(got) == "" else "wrong",
                                        flagged(letter, name), letter_notes(letter)))
        loose = sender_loose(truth, letter.get("sender"))
        for k in (kind, "all"):
            table["sender (loose)"][k].add(loose)
    return table, failures, set(FIELDS) - fields


# -- report ---------------------------------------------------------------------------------------


def counts(failures: list[Failure]) -> dict[str, int]:
    return {
        "wrong_fields": len(failures),
        "flagged_for_review": sum(f.flagged for f in failures),
        "wrong_value_not_flagged": sum(f.problem == "wrong" and not f.flagged for f in failures),
        "wrong_value_not_flagged_with_letter_note": sum(
            f.problem == "wrong" and not f.flagged and bool(f.notes) for f in failures),
        "missing_not_flagged": sum(f.problem == "missing" and not f.flagged for f in failures),
    }


def print_report(report: dict[str, Any], table: dict[str, dict[str, Score]],
                 failures: list[Failure]) -> None:
    n = report["letters"]
    print(f"Letter details on {n['total']} unseen letters "
          f"({n['pdf']} PDF, {n['scan']} scans); registered {n['registered']}")
    print(f"\n{'field':<18}{'PDF':>12}{'scans':>12}{'all':>12}")
    for name, row in table.items():
        if name in report["not_in_output"]:
            print(f"{name:<18}{'(not in Archiva output)':>36}")
            continue
        print(f"{name:<18}{row['pdf'].text():>12}{row['scan'].text():>12}{row['all'].text():>12}")
    print("\nWrong fields (expected -> got):")
    for f in failures:
        mark = "review" if f.flagged else ("NOT FLAGGED" if f.problem == "wrong" else "unflagged")
        note = f"; letter note: {'; '.join(f.notes)}" if f.notes and not f.flagged else ""
        print(f"  {f.file:<34} {f.field:<16} [{f.problem}, {mark}{note}]")
        print(f"      expected {f.expected!r}")
        print(f"      got      {f.got!r}")
    c = report["counts"]
    print(f"\n{c['wrong_fields']} wrong fields: {c['flagged_for_review']} listed for review, "
          f"{c['wrong_value_not_flagged']} wrong values NOT flagged (worst case; "
          f"{c['wrong_value_not_flagged_with_letter_note']} of them on letters with only a "
          f"whole-letter note), {c['missing_not_flagged']} empty and not flagged")
    for q in report["quarantined"]:
        print(f"quarantined: {q}")
    t = report["seconds"]
    print(f"time: letters {t['generate']:.1f} s, intake (file-scans) {t['intake']:.1f} s, "
          f"read back {t['read_back']:.1f} s, total {t['total']:.1f} s")


def run(keep: bool) -> tuple[dict[str, Any], dict[str, dict[str, Score]], list[Failure]]:
    start = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="archiva-unseen-"))
    try:
        letters = write_all(tmp / "letters")
        generated = time.perf_counter()
        home = tmp / "home"
        archiva(home, "init")
        scanned = file_letters(home, letters)
        filed = time.perf_counter()
        shown = registered(home)
        read = time.perf_counter()
    finally:
        if keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    table, failures, missing_fields = score(letters, shown)
    report = {
        "letters": {"total": len(letters), "registered": len(shown),
                    **{k: sum(t["kind"] == k for _, t in letters) for k in KINDS}},
        "accuracy": {name: {k: asdict(s) for k, s in row.items()}
                     for name, row in table.items() if name not in missing_fields},
        "not_in_output": sorted(missing_fields),
        "failures": [asdict(f) for f in failures],
        "counts": counts(failures),
        "quarantined": [f"{q['file']}: {q['reason']}" for q in scanned.get("quarantined", [])]
                       + [f"{w['file']}: waiting ({w['why']})" for w in scanned.get("waiting", [])],
        "seconds": {"generate": generated - start, "intake": filed - generated,
                    "read_back": read - filed, "total": read - start},
    }
    return report, table, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    report, table, failures = run(args.keep)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report, table, failures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
