"""Command line: parses, calls the service layer, prints. Errors become exit codes here only."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from archiva import indonesian
from archiva.config import Settings
from archiva.errors import EXIT_FAILED, ArchivaError
from archiva.fixity import FixityReport
from archiva.models import STATUS_LABELS, Record


class _Date(click.DateTime):
    """A date typed as YYYY-MM-DD, with a message a clerk can act on (click quoted the
    strptime pattern '%Y-%m-%d')."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(f"{value!r} is not a date written as YYYY-MM-DD, e.g. 2026-11-24 for "
                      "24 November 2026.", param, ctx)


DATE = _Date(formats=["%Y-%m-%d"])


class ArchivaGroup(click.Group):
    """Turns Archiva errors into one or two plain lines and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ArchivaError as exc:
            if _debug(ctx):
                raise
            click.secho(f"Error: {exc.message}", err=True, fg="red")
            if exc.hint:
                click.echo(exc.hint, err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("Stopped. Anything half-done is settled at the next start.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # Whoever read the output went away (`| head`): the work is done, say nothing more
            # (Python would otherwise complain again when it flushes stdout at exit).
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(EXIT_FAILED)
        except Exception as exc:
            if _debug(ctx):
                raise
            click.secho(f"Error: unexpected failure: {type(exc).__name__}: {exc}", err=True,
                        fg="red")
            click.echo("Run the command again with --debug and send the output to support.",
                       err=True)
            ctx.exit(EXIT_FAILED)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.find_root().params.get("debug"))


@click.group(cls=ArchivaGroup)
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="ARCHIVA_HOME",
              help="Archive home folder (default: ARCHIVA_HOME or the current folder).")
@click.option("--user", help="Name recorded as who did it (default: ARCHIVA_USER or login).")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="archiva")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, user: str | None, debug: bool) -> None:
    """Archiva: numbered official documents, letter intake and archive search for a BPMP."""
    import logging

    # Results are printed as lines of their own; the library's log records show with --debug.
    log = logging.getLogger("archiva")
    if debug:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    else:
        log.addHandler(logging.NullHandler())
        log.propagate = False
    ctx.obj = Settings.resolve(home, user)


def _open(ctx: click.Context) -> Any:
    from archiva.service import Archiva

    app = Archiva.open(ctx.obj)
    ctx.call_on_close(app.close)
    return app


def _emit(as_json: bool, data: Any, human: Callable[[], None]) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        human()


json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
future_option = click.option(
    "--allow-future", is_flag=True,
    help="Accept a date more than a week ahead (it makes later numbers inserted ones).")
again_option = click.option(
    "--again", is_flag=True,
    help="Make it even though a document from the same data (or a certificate for the same "
         "person and activity) already stands.")


@cli.command()
@click.option("--example", is_flag=True, help="Only print the example profile and stop.")
@json_option
@click.pass_context
def init(ctx: click.Context, example: bool, as_json: bool) -> None:
    """Create the archive home layout and a demo office profile (safe to run again)."""
    from archiva.config import example_profile_text
    from archiva.service import init_home

    if example:
        click.echo(example_profile_text(), nl=False)
        return
    report = init_home(ctx.obj)

    def human() -> None:
        if report.created:
            click.echo(f"Created in {report.home}: {', '.join(report.created)}")
        else:
            click.echo(f"{report.home} is already set up; nothing changed.")
        if report.profile_created:
            click.echo("The profile archiva.toml describes a DEMO office: put your office's "
                       "data in it before real use.")

    _emit(as_json, {"home": str(report.home), "created": report.created,
                    "profile_created": report.profile_created}, human)


# -- the register ------------------------------------------------------------------------------

@cli.group()
def number() -> None:
    """The reference register (penomoran): issue, void, record and list numbers."""


def _record_line(r: Record) -> str:
    date = indonesian.date_text(r.doc_date) if r.doc_date else "-"
    status = STATUS_LABELS.get(r.status, r.status)
    extra = f"  [{r.void_reason}]" if r.void_reason else ""
    who = f"{r.parties[0]['name']}: " if r.kind == "certificate" and r.parties else ""
    return f"{r.number:<36} {status:<9} {date:<18} {who}{r.subject}{extra}"


@number.command("issue")
@click.option("--series", required=True, help="Series name from the profile, e.g. letter.")
@click.option("--classification", required=True, help="Classification code, e.g. OT.02.02.")
@click.option("--subject", required=True, help="What the document is about.")
@click.option("--date", "date_", type=DATE, help="Document date YYYY-MM-DD (default: today).")
@click.option("--reason", default="", help="Why, when the date makes it an inserted number.")
@future_option
@json_option
@click.pass_context
def number_issue(ctx: click.Context, series: str, classification: str, subject: str,
                 date_: dt.datetime | None, reason: str, allow_future: bool,
                 as_json: bool) -> None:
    """Take a number for a document drafted outside Archiva."""
    rec = _open(ctx).issue_number(series, classification, subject,
                                  date_.date() if date_ else None, reason, allow_future)

    def human() -> None:
        kind = "Inserted number (nomor sisipan)" if rec.inserted else "Number"
        click.echo(f"{kind} {rec.number} issued for {indonesian.date_text(rec.doc_date)}: "
                   f"{rec.subject}")

    _emit(as_json, rec.to_json(), human)


@number.command("void")
@click.argument("number_")
@click.option("--reason", required=True, help="Why the number is void (kept in the register).")
@json_option
@click.pass_context
def number_void(ctx: click.Context, number_: str, reason: str, as_json: bool) -> None:
    """Void a number (BATAL): it stays in the register and is never reused."""
    rec = _open(ctx).void(number_, reason)
    _emit(as_json, rec.to_json(),
          lambda: click.echo(f"{rec.number} is now void (BATAL): {rec.void_reason}"))


@number.command("record")
@click.argument("number_")
@click.option("--series", required=True, help="Series it belongs to, e.g. letter.")
@click.option("--classification", required=True, help="Classification code, e.g. OT.02.02.")
@click.option("--subject", required=True, help="What the document is about.")
@click.option("--date", "date_", type=DATE, help="Document date YYYY-MM-DD (default: today).")
@click.option("--source", default="", help="Where it was issued, e.g. SRIKANDI.")
@future_option
@json_option
@click.pass_context
def number_record(ctx: click.Context, number_: str, series: str, classification: str,
                  subject: str, date_: dt.datetime | None, source: str, allow_future: bool,
                  as_json: bool) -> None:
    """Record a number issued elsewhere (e.g. the national e-office) without using a counter."""
    rec = _open(ctx).record_external(number_, series, classification, subject,
                                     date_.date() if date_ else None, source, allow_future)
    _emit(as_json, rec.to_json(), lambda: click.echo(f"Recorded {rec.number}: {rec.subject}"))


@number.command("list")
@click.option("--series", help="Only this series.")
@click.option("--year", type=int, help="Only this year.")
@json_option
@click.pass_context
def number_list(ctx: click.Context, series: str | None, year: int | None, as_json: bool) -> None:
    """The register, voided and inserted numbers included."""
    recs = _open(ctx).list_numbers(series, year)

    def human() -> None:
        if not recs:
            click.echo("The register has no numbers for that selection.")
        for r in recs:
            click.echo(_record_line(r))

    _emit(as_json, {"numbers": [r.to_json() for r in recs]}, human)


@cli.command()
@click.argument("number_")
@json_option
@click.pass_context
def show(ctx: click.Context, number_: str, as_json: bool) -> None:
    """Everything the catalogue holds about one number."""
    app = _open(ctx)
    rec = app.show(number_)
    history = app.history(rec)

    def human() -> None:
        click.echo(f"Number:         {rec.number}")
        click.echo(f"Status:         {STATUS_LABELS.get(rec.status, rec.status)}"
                   + (f" ({rec.void_reason})" if rec.void_reason else ""))
        click.echo(f"Kind / series:  {rec.kind} / {rec.series or '-'}")
        click.echo(f"Classification: {rec.classification}")
        click.echo(f"Date:           "
                   f"{indonesian.date_text(rec.doc_date) if rec.doc_date else '-'}")
        click.echo(f"Subject:        {rec.subject}")
        if rec.inserted:
            click.echo(f"Inserted:       yes ({rec.reason})")
        for p in rec.parties:
            if rec.kind == "certificate":
                role = p.get("role") or "peserta"
                click.echo(f"Holder:         {p.get('name')} ({p.get('institution')}), {role}")
            else:
                click.echo(f"Party:          {p.get('institution') or p.get('name')}")
        click.echo(f"Issued by:      {rec.created_by}, {rec.created_at:%Y-%m-%d %H:%M} UTC")
        for f in rec.files:
            click.echo(f"File:           {f.path}  sha256 {f.sha256[:16]}…")
        for h in history:
            click.echo(f"History:        {h['at'][:19]} {h['action']} by {h['actor']}"
                       + (f": {h['detail']}" if h["detail"] else ""))

    data = rec.to_json()
    data["history"] = history
    _emit(as_json, data, human)


# -- documents ---------------------------------------------------------------------------------

@cli.group()
def generate() -> None:
    """Generate numbered documents from templates and file them in the archive."""


def _document_command(kind: str, label: str) -> None:
    @generate.command(kind, help=f"Generate a {label} from a JSON or YAML data file.")
    @click.option("--data", "data_path", required=True,
                  type=click.Path(dir_okay=False, path_type=Path),
                  help="Data file (.json, .yaml, .yml); fields are listed in the README.")
    @click.option("--reason", default="", help="Why, when its date gives an inserted number.")
    @again_option
    @future_option
    @json_option
    @click.pass_context
    def command(ctx: click.Context, data_path: Path, reason: str, again: bool,
                allow_future: bool, as_json: bool) -> None:
        doc = _open(ctx).generate(kind, data_path, reason, again=again,
                                  allow_future=allow_future)

        def human() -> None:
            click.echo(f"{label[0].upper()}{label[1:]} {doc.record.number} generated and filed:")
            for f in doc.record.files:
                click.echo(f"  {f.path}")

        _emit(as_json, doc.to_json(), human)


_document_command("decree", "decree (keputusan)")
_document_command("mou", "partnership agreement (PKS/MoU)")
_document_command("report", "activity report (laporan hasil kegiatan)")


@generate.command("certificates")
@click.option("--event", "event_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Activity data file (.json, .yaml).")
@click.option("--participants", "participants_path", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Participant list (.csv or .xlsx) with columns name, institution.")
@click.option("--reason", default="", help="Why, when the date gives inserted numbers.")
@again_option
@future_option
@json_option
@click.pass_context
def generate_certificates(ctx: click.Context, event_path: Path, participants_path: Path,
                          reason: str, again: bool, allow_future: bool, as_json: bool) -> None:
    """Generate one numbered certificate with a QR verification code per participant.

    People who already hold a certificate for the same activity are skipped (unless --again),
    so running a batch again after it was stopped finishes it."""
    from tqdm import tqdm

    from archiva.documents.certificates import raise_if_failed
    from archiva.documents.participants import read_participants

    app = _open(ctx)
    total = len(read_participants(participants_path))
    with tqdm(total=total, unit="cert", desc="Certificates", file=sys.stderr,
              disable=None) as bar:
        result = app.generate_certificates(event_path, participants_path, reason, bar.update,
                                           again=again, allow_future=allow_future)

    def human() -> None:
        for c in result.certificates:
            click.echo(f"{c.record.number}  {c.name}  code {c.record.verification_code}")
        for name, why in result.skipped:
            click.echo(f"skipped  {name}: {why}")
        click.echo(f"{len(result.certificates)} certificate(s) generated and filed"
                   + (f"; {len(result.skipped)} skipped" if result.skipped else "") + ".")
        if result.interrupted:
            click.echo(f"Stopped as asked: {len(result.certificates)} of {result.total} done, "
                       f"{len(result.remaining)} not issued yet (no number was taken for them). "
                       "Run the same command again to finish: people already certified are "
                       "skipped.")

    _emit(as_json, result.to_json(), human)
    raise_if_failed(result)
    if result.interrupted:
        ctx.exit(130)


@cli.command("verify-certificate")
@click.argument("code")
@json_option
@click.pass_context
def verify_certificate(ctx: click.Context, code: str, as_json: bool) -> None:
    """Say whether a certificate's verification code is genuine, and for whom."""
    v = _open(ctx).verify_certificate(code)
    data = v.to_json()

    def human() -> None:
        if v.status == "unknown":
            click.echo(f"Code {v.code} is NOT a certificate issued by this office.")
            return
        word = "GENUINE" if v.status == "genuine" else "VOID (BATAL)"
        click.echo(f"Certificate {data['number']} is {word}.")
        click.echo(f"  Name:     {data['name']} ({data['institution']})")
        click.echo(f"  Activity: {data['activity']}, {data['start_date']} to {data['end_date']}")
        if data["void_reason"]:
            click.echo(f"  Voided:   {data['void_reason']}")

    _emit(as_json, data, human)
    if v.status != "genuine":
        ctx.exit(EXIT_FAILED)


# -- letter intake -------------------------------------------------------------------------------

def _one_line(name: str) -> str:
    """A file name as one line: a newline in a name must not break or forge log lines."""
    return name.encode("unicode_escape").decode("ascii") if not name.isprintable() else name


def _intake_report(report: Any, as_json: bool, quiet: bool = False) -> None:
    def human() -> None:
        for f in report.filed:
            click.echo(f"{_one_line(f['file'])}: filed as {f['agenda_number']}")
        for d in report.duplicates:
            click.echo(f"{_one_line(d['file'])}: duplicate of {d['duplicate_of']}")
        for q in report.quarantined:
            click.echo(f"{_one_line(q['file'])}: quarantined: {q['reason']}")
        for w in [] if quiet else report.waiting:
            click.echo(f"{_one_line(w['file'])}: waiting: {w['why']}")
        if quiet:
            return
        if not (report.filed or report.duplicates or report.quarantined or report.waiting):
            click.echo("Nothing to file: the inbox is empty.")

    _emit(as_json, report.to_json(), human)


def _stop_like_ctrl_c_on_sigterm() -> None:
    """A timer's or shutdown's SIGTERM stops a pass as Ctrl-C does: the file being read goes
    back to the inbox, and is not later counted as one that stalled intake."""
    import signal

    def interrupt(*_: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


inbox_option = click.option("--inbox", type=click.Path(file_okay=False, path_type=Path),
                            help="Folder to take letters from (default: the home's inbox/).")


@cli.command("file-scans")
@inbox_option
@json_option
@click.pass_context
def file_scans(ctx: click.Context, inbox: Path | None, as_json: bool) -> None:
    """File every ready letter in the inbox once and exit (for cron or a systemd timer)."""
    _stop_like_ctrl_c_on_sigterm()
    from archiva.intake.pipeline import Intake

    _intake_report(Intake(_open(ctx), inbox).scan(), as_json)


@cli.command()
@inbox_option
@click.option("--polling", is_flag=True,
              help="Poll the folder instead of inotify (network shares).")
@click.pass_context
def watch(ctx: click.Context, inbox: Path | None, polling: bool) -> None:
    """Watch the inbox and file letters as they arrive, until stopped (Ctrl-C)."""
    import signal
    import threading

    from archiva.intake.pipeline import Intake
    from archiva.intake.watcher import watch as run

    intake_ = Intake(_open(ctx), inbox)
    intake_.check_inbox()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo(f"Watching {intake_.inbox}; stop with Ctrl-C.", err=True)
    try:
        run(intake_, polling, stop, lambda report: _intake_report(report, False, quiet=True))
    except KeyboardInterrupt:
        stop.set()
    click.echo("Stopped.", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@json_option
@click.pass_context
def ingest(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """Take the given letter files now (same steps as the inbox)."""
    from archiva.intake.pipeline import Intake

    _stop_like_ctrl_c_on_sigterm()
    _intake_report(Intake(_open(ctx)).take_now(list(files)), as_json)


@cli.group()
def intake() -> None:
    """The incoming register (agenda surat masuk): list, show and update letters."""


@intake.command("retry")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@json_option
@click.pass_context
def intake_retry(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Put a quarantined file back through intake (after fixing it, or to judge it again)."""
    from archiva.intake.pipeline import Intake

    _intake_report(Intake(_open(ctx)).retry(file), as_json)


@intake.command("list")
@click.option("--overdue", is_flag=True, help="Only letters past their due date, not done.")
@click.option("--type", "letter_type", help="Only this letter type (see the profile).")
@json_option
@click.pass_context
def intake_list(ctx: click.Context, overdue: bool, letter_type: str | None,
                as_json: bool) -> None:
    """The incoming register."""
    from archiva.intake.register import incoming

    rows = incoming(_open(ctx), overdue=overdue, letter_type=letter_type)

    def human() -> None:
        if not rows:
            click.echo("No letters for that selection.")
        for r in rows:
            click.echo(f"{r['agenda_number']:<14} {r['progress']:<9} due {r['due_date']}  "
                       f"{r['letter_type']:<22} {r['sender'] or '(sender not found)'}: "
                       f"{r['subject']}")

    _emit(as_json, {"letters": rows}, human)


@intake.command("show")
@click.argument("agenda")
@json_option
@click.pass_context
def intake_show(ctx: click.Context, agenda: str, as_json: bool) -> None:
    """Everything about one incoming letter."""
    from archiva.intake.register import letter_for

    data = letter_for(_open(ctx), agenda)

    def human() -> None:
        for key, value in data.items():
            if key not in ("files", "history"):
                click.echo(f"{key:<15} {value if value not in (None, '') else '-'}")
        for f in data["files"]:
            click.echo(f"{'file':<15} {f['path']}")

    _emit(as_json, data, human)


@intake.command("set")
@click.argument("agenda")
@click.option("--status", type=click.Choice(["baru", "diproses", "selesai"]),
              help="Progress of the letter.")
@click.option("--answered-by", help="Number of the outgoing document that answers it.")
@click.option("--field", "fields", multiple=True, metavar="NAME=VALUE",
              help="Correct an extracted detail, e.g. --field sender='Dinas …' (repeatable).")
@json_option
@click.pass_context
def intake_set(ctx: click.Context, agenda: str, status: str | None, answered_by: str | None,
               fields: tuple[str, ...], as_json: bool) -> None:
    """Update a letter's progress, its answer, or correct its details (recorded with who/when)."""
    from archiva.intake.register import update_letter

    data = update_letter(_open(ctx), agenda, status, answered_by, list(fields))
    _emit(as_json, data, lambda: click.echo(f"{data['agenda_number']} updated."))


# -- archive search ------------------------------------------------------------------------------

KIND_WORDS = {"decree": "keputusan", "mou": "perjanjian", "report": "laporan",
              "certificate": "sertifikat", "number": "nomor", "external": "tercatat",
              "incoming": "surat masuk"}


def _progress_bar(total: int, what: str, unit: str = "rec") -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, unit_scale=unit == "B", desc=what, file=sys.stderr,
                disable=None)


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, type=click.UNPROCESSED)
@click.option("--kind", help="Only this kind: keputusan, perjanjian, laporan, sertifikat, "
                             "nomor, tercatat, masuk (or decree, mou, ...).")
@click.option("--year", type=int, help="Only records of this year.")
@click.option("--from", "date_from", type=DATE, help="Dated on or after YYYY-MM-DD.")
@click.option("--to", "date_to", type=DATE, help="Dated on or before YYYY-MM-DD.")
@click.option("--sender", help="Sender, partner or participant (all its words).")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance",
              show_default=True, help="Best matches first, or newest first.")
@click.option("--limit", type=int, default=10, show_default=True, help="How many results.")
@json_option
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], kind: str | None, year: int | None,
           date_from: dt.datetime | None, date_to: dt.datetime | None, sender: str | None,
           sort: str, limit: int, as_json: bool) -> None:
    """Search the archive: words, "phrases", field:value, numbers (README: Searching)."""
    from archiva.search.results import SearchRequest

    app = _open(ctx)
    request = SearchRequest(" ".join(query), kind, year,
                            date_from.date() if date_from else None,
                            date_to.date() if date_to else None, sender, sort, limit)
    bar = None

    def progress(n: int) -> None:  # only when the index must be rebuilt first
        nonlocal bar
        if bar is None:
            click.echo("The search index is being rebuilt from the catalogue first.", err=True)
            bar = _progress_bar(app.catalogue.record_count(), "Index")
        bar.update(n)

    try:
        result = app.search(request, progress)
    finally:
        if bar is not None:
            bar.close()

    if result.repaired and not as_json:
        click.echo(f"The search index was rebuilt from the catalogue before answering: "
                   f"{result.repaired}.", err=True)

    def human() -> None:
        shown = request.query or "the filters given"
        if not result.hits:
            click.echo(f"Nothing found for {shown}.")
        else:
            click.echo(f"{result.total} record(s) found for {shown}"
                       + (f"; the first {len(result.hits)}:" if result.total > len(result.hits)
                          else ":"))
        for i, h in enumerate(result.hits, 1):
            r = h.record
            date = indonesian.date_text(r.doc_date) if r.doc_date else "-"
            status = f"  [{STATUS_LABELS.get(r.status, r.status)}]" if r.status != "filed" else ""
            click.echo(f"{i:>3}. {r.number}  {KIND_WORDS.get(r.kind, r.kind)}  {date}{status}")
            click.echo(f"     {h.title}")
            if h.snippet:
                click.echo(f"     {_marked(h.snippet)}")
        if result.fuzzy:
            click.echo("Close spellings were searched too for: " + ", ".join(result.fuzzy)
                       + ".")
        if result.pending:
            click.echo(f"Note: {result.pending} change(s) from the last moments are not in the "
                       "index yet (another process is updating it); search again shortly.")

    _emit(as_json, result.to_json(), human)


def _marked(snippet: str) -> str:
    """Matched words in bold on a terminal; kept as **word** when piped."""
    from archiva.search.snippets import MARK

    if not sys.stdout.isatty():
        return snippet
    parts = snippet.split(MARK)
    return "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(parts))


@cli.command()
@click.option("--check", is_flag=True,
              help="Only compare the index with the catalogue and report the differences.")
@json_option
@click.pass_context
def reindex(ctx: click.Context, check: bool, as_json: bool) -> None:
    """Rebuild the search index from the catalogue (or, with --check, report drift)."""
    app = _open(ctx)
    if check:
        report = app.check_index()

        def human_check() -> None:
            click.echo(f"Search index {report.index}: {report.state}; "
                       f"{report.index_documents} entries for {report.catalogue_records} "
                       "records.")
            if report.problem:
                click.echo(f"Problem: {report.problem}")
            for label, rows in (("Missing from the index", report.missing),
                                ("Out of date in the index", report.stale)):
                for rid, number in rows[:20]:
                    click.echo(f"{label}: {number} (record {rid})")
                if len(rows) > 20:
                    click.echo(f"{label}: … and {len(rows) - 20} more")
            for rid in report.orphaned[:20]:
                click.echo(f"In the index but not in the catalogue: record {rid}")
            if report.pending:
                click.echo(f"Queued for the index (not applied yet): {report.pending} change(s)")
            click.echo("In sync with the catalogue." if report.in_sync else
                       "Not in sync: run `archiva reindex` to rebuild it from the catalogue.")

        _emit(as_json, report.to_json(), human_check)
        if not report.in_sync:
            ctx.exit(EXIT_FAILED)
        return
    with _progress_bar(app.catalogue.record_count(), "Index") as bar:
        rebuilt = app.reindex(bar.update)
    _emit(as_json, rebuilt.to_json(),
          lambda: click.echo(f"Search index rebuilt from the catalogue: {rebuilt.records} "
                             f"records in {rebuilt.seconds} s ({rebuilt.index})."))


@cli.command()
@click.option("--force", is_flag=True,
              help="Also settle reservations held by processes on other machines.")
@json_option
@click.pass_context
def doctor(ctx: click.Context, force: bool, as_json: bool) -> None:
    """Check the profile and catalogue and settle interrupted work."""
    from archiva.service import Archiva

    app = Archiva.open(ctx.obj, recover=False)
    ctx.call_on_close(app.close)
    report = app.recover(force=force)
    app.clean_scratch(report)
    # A missing, damaged (every file hashed), stale or outdated index is rebuilt.
    rebuilt = app.index.ensure(full=True)
    synced = app.index.sync()
    files = app.fixity(quick=True)
    counts: dict[str, int] = {}
    for r in app.list_numbers():
        counts[r.status] = counts.get(r.status, 0) + 1
    data = {"home": str(ctx.obj.home), "profile": str(app.profile.path),
            "catalogue": app.catalogue.engine.url.render_as_string(hide_password=True),
            "recovered_filed": report.filed, "recovered_voided": report.voided,
            "still_running": report.still_running, "scratch_removed": report.scratch_removed,
            "files": files.to_json(), "records_by_status": counts,
            "search_index": {"state": app.index.state(), "rebuilt": rebuilt.reason if rebuilt
                             else None, "pending": app.catalogue.outbox_size()}}

    def human() -> None:
        click.echo(f"Profile {app.profile.path}: OK")
        click.echo(f"Catalogue {data['catalogue']}: OK")
        for n in report.filed:
            click.echo(f"Recovered: {n} was complete in the archive and is now filed.")
        for n in report.voided:
            click.echo(f"Recovered: {n} was interrupted and is now void (BATAL) with the reason.")
        for n in report.scratch_removed:
            click.echo(f"Removed leftover temporary file: {n}")
        for n in report.still_running:
            click.echo(f"In progress elsewhere: {n} (left alone).")
        _fixity_findings(files)
        click.echo(f"Archive: all {files.checked:,} filed file(s) there, with the sizes they "
                   "were filed with (`archiva fixity` checks their contents)." if files.ok else
                   "Archive: run `archiva fixity` to check every file's contents, then restore "
                   "what it names from the backup.")
        summary = ", ".join(f"{STATUS_LABELS.get(k, k)} {v}" for k, v in sorted(counts.items()))
        click.echo(f"Register: {summary or 'empty'}")
        if rebuilt:
            click.echo(f"Search index: rebuilt from the catalogue ({rebuilt.reason}), "
                       f"{rebuilt.records} records.")
        pending = data["search_index"]["pending"]
        click.echo(f"Search index: {data['search_index']['state']}"
                   + (f", {pending} change(s) still queued ({synced.detail or synced.state})"
                      if pending else ", up to date with the catalogue"))

    _emit(as_json, data, human)
    if not files.ok:
        ctx.exit(EXIT_FAILED)


def _size(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB"


def _fixity_findings(report: FixityReport) -> None:
    from archiva.fixity import PROBLEM_LABELS

    for f in report.findings:
        where = f" (record {f.number})" if f.number else ""
        detail = f": {f.detail}" if f.detail else ""
        click.echo(f"{PROBLEM_LABELS[f.problem].capitalize()}: {f.path}{where}{detail}")


@cli.command()
@json_option
@click.pass_context
def fixity(ctx: click.Context, as_json: bool) -> None:
    """Re-read every filed file and compare it with the checksum recorded when it was filed."""
    app = _open(ctx)
    total = sum(f.size for f in app.filed_files())
    with _progress_bar(total, "Fixity", unit="B") as bar:
        report = app.fixity(progress=bar.update)

    def human() -> None:
        _fixity_findings(report)
        click.echo(f"Checked {report.checked:,} filed file(s), {_size(report.bytes_read)} "
                   f"read in {report.seconds:.1f} s.")
        if report.ok:
            click.echo("Every filed file is as it was filed, and nothing else is in the archive.")
        else:
            click.echo(f"{len(report.findings)} problem(s). Restore changed and missing files from "
                       "the backup. A file in no record: compare it with `archiva show` before "
                       "moving it out of the archive.")

    _emit(as_json, report.to_json(), human)
    if not report.ok:
        ctx.exit(EXIT_FAILED)


def main() -> None:
    cli(prog_name="archiva")
