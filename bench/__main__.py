"""Archiva benchmarks with their baselines measured in the same run.

  certificates  N certificates end to end (numbers, QR, PDF/A, filing) vs a naive loop of one
                fresh WeasyPrint HTML(...).write_pdf() per certificate in one process
  decree        decree end to end (number, DOCX, PDF via LibreOffice, filing) vs a bare docxtpl
                render+save of the same template, with where the time goes
  numbers       `archiva number issue` as a whole process (median wall time) vs bare Python,
                and allocations/s with 8 concurrent processes
  intake        born-digital letters/s in one `file-scans` pass; scanned pages through the
                pipeline vs plain ocrmypdf on the same files; latency from a file's write
                finishing to its record existing under `watch`
  fixity        `archiva fixity`'s check over an archive of small and large files (GB/s, warm
                cache) vs `sha256sum` of the same files
  search        a generated corpus of Indonesian records: index build docs/s (one process and
                all cores), size, query p50/p95 against SQLite FTS5 over the same analysed
                terms, whole `archiva search` processes, filed -> searchable latency, recall@10
                and MRR of the relevance set, stemmer accuracy (see bench/search.py)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from archiva.service import Archiva
from bench.common import ARCHIVA, new_home, percentile

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


# -- certificates --------------------------------------------------------------------------------

def bench_certificates(n: int, tmp: Path) -> dict[str, Any]:
    people = tmp / "participants.csv"
    people.write_text("name,institution,role\n" + "".join(
        f"Peserta Bimtek Nomor {i},SD Negeri {i % 97 + 1} Rangkasbitung,peserta\n"
        for i in range(1, n + 1)), encoding="utf-8")
    settings = new_home(tmp / "home")

    with Archiva.open(settings) as app:
        t0 = time.perf_counter()
        result = app.generate_certificates(EXAMPLES / "kegiatan.yaml", people)
        ours = time.perf_counter() - t0
        assert len(result.certificates) == n, result.failed
        sizes = [f.size for c in result.certificates for f in c.record.files]
        naive = _naive_certificates(app, [c.record for c in result.certificates], tmp / "naive")
    return {
        "count": n, "ours_s": round(ours, 2), "naive_s": round(naive, 2),
        "ours_per_cert_ms": round(1000 * ours / n, 1),
        "naive_per_cert_ms": round(1000 * naive / n, 1),
        "speedup_vs_naive": round(naive / ours, 2),
        "size_kb_mean": round(statistics.mean(sizes) / 1024, 1),
        "size_kb_max": round(max(sizes) / 1024, 1),
        "cores": os.cpu_count(),
    }


def _naive_certificates(app: Archiva, records: list[Any], out: Path) -> float:
    """Seconds for the naive loop: the same template filled with the very context each of our
    certificates had (its number, participant, code, QR payload), then one fresh
    HTML(...).write_pdf() per certificate in one process: no shared fonts, stylesheets or
    images, no workers."""
    import jinja2
    from weasyprint import HTML

    from archiva.documents import kinds
    from archiva.documents.datafile import load_mapping
    from archiva.documents.fields import Fields
    from archiva.render.qr import qr_png_data_uri
    from archiva.render.templates import template_for

    template = template_for(app.profile, "certificate")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template.path.parent)),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    tpl = env.get_template(template.path.name)
    event = kinds.parse_event(Fields(load_mapping(EXAMPLES / "kegiatan.yaml")), app.profile)
    out.mkdir()
    t0 = time.perf_counter()
    for i, rec in enumerate(records):
        code = rec.verification_code or ""
        url = app.profile.verify_url.replace("{code}", code) if app.profile.verify_url else ""
        ctx = kinds.certificate_context(event, app.profile, rec.number,
                                        rec.details["participant"], code, url)
        html = tpl.render(**ctx, qr=qr_png_data_uri(url or code))
        pdf = HTML(string=html, base_url=str(template.path.parent)).write_pdf()
        (out / f"{i}.pdf").write_bytes(pdf)
    return time.perf_counter() - t0


# -- decree --------------------------------------------------------------------------------------

@contextmanager
def timed(obj: Any, name: str, totals: dict[str, float]) -> Iterator[None]:
    """Wrap obj.name so its time is added to totals[name] (benchmark instrumentation only)."""
    real: Callable[..., Any] = getattr(obj, name)

    def wrapper(*args: Any, **kw: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return real(*args, **kw)
        finally:
            totals[name] += time.perf_counter() - t0

    setattr(obj, name, wrapper)
    try:
        yield
    finally:
        setattr(obj, name, real)


def bench_decree(n: int, tmp: Path) -> dict[str, Any]:
    import archiva.documents.generate as gen
    import archiva.render.docx as docx_adapter
    import archiva.render.office as office
    from archiva import filing
    from archiva.documents.datafile import load_mapping
    from archiva.documents.fields import Fields
    from archiva.documents.kinds import decree_context, parse_decree
    from archiva.render.templates import template_for

    settings = new_home(tmp / "decree-home")
    data = EXAMPLES / "keputusan.yaml"
    totals: dict[str, float] = defaultdict(float)
    walls = []
    with Archiva.open(settings) as app:
        with (timed(Archiva, "allocate", totals), timed(docx_adapter, "render_docx", totals),
              timed(office, "convert_to_pdfa", totals), timed(filing, "place_file", totals),
              timed(app.catalogue, "mark_filed", totals), timed(gen, "load_data", totals)):
            for i in range(n):
                t0 = time.perf_counter()
                app.generate("decree", data, again=i > 0)  # the same data each time, on purpose
                walls.append(time.perf_counter() - t0)
        # Baseline: bare docxtpl render + save of the same template and context.
        import jinja2
        from docxtpl import DocxTemplate

        template = template_for(app.profile, "decree")
        ctx = decree_context(parse_decree(Fields(load_mapping(data)), app.profile), app.profile,
                             "0001/C7.15/OT.02.02/2026")
        bare = []
        for i in range(n):
            t0 = time.perf_counter()
            doc = DocxTemplate(str(template.path))
            doc.render(ctx, jinja2.Environment(autoescape=True))
            doc.save(str(tmp / f"bare-{i}.docx"))
            bare.append(time.perf_counter() - t0)
    ours = statistics.median(walls)
    base = statistics.median(bare)
    where = {k: round(1000 * v / n, 1) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}
    where["other"] = round(1000 * (sum(walls) - sum(totals.values())) / n, 1)
    return {"count": n, "ours_median_ms": round(1000 * ours, 1),
            "bare_docxtpl_median_ms": round(1000 * base, 1),
            "ratio_to_bare_docxtpl": round(ours / base, 1), "where_ms_per_decree": where}


# -- fixity --------------------------------------------------------------------------------------

def bench_fixity(megabytes: int, rounds: int, tmp: Path) -> dict[str, Any]:
    """Half the bytes in certificate-sized files (100 KB), half in a few scans (16 MB); both
    checks read the page cache (warmed first), alternating round by round."""
    import hashlib

    from archiva.fixity import FiledFile, check

    home = tmp / "fixity-home"
    archive = home / "archive"
    archive.mkdir(parents=True)
    half = megabytes * 1024 * 1024 // 2
    sizes = [100 * 1024] * (half // (100 * 1024)) + [16 * 1024 * 1024] * max(1, half // (16 << 20))
    filed, seed = [], os.urandom(1 << 20)
    for i, size in enumerate(sizes):
        path = archive / f"{i:05d}.pdf"
        data = (seed * (size // len(seed) + 1))[:size - 8] + i.to_bytes(8, "big")
        path.write_bytes(data)
        filed.append(FiledFile(str(path.relative_to(home)), hashlib.sha256(data).hexdigest(),
                               size, f"{i}"))
    paths = [str(home / f.path) for f in filed]
    total = sum(sizes)

    def tool(*cmd: str) -> Callable[[], float]:
        def run() -> float:
            t0 = time.perf_counter()
            subprocess.run(["xargs", "-0", *cmd], input="\0".join(paths).encode(),
                           check=True, capture_output=True)
            return time.perf_counter() - t0
        return run

    sha256sum, openssl = tool("sha256sum"), tool("openssl", "dgst", "-sha256")

    def ours() -> float:
        t0 = time.perf_counter()
        report = check(home, archive, filed)
        assert report.ok, report.findings[:3]
        return time.perf_counter() - t0

    sha256sum()  # warm the page cache
    theirs, mine, ssl = [], [], []
    for _ in range(rounds):
        theirs.append(sha256sum())
        mine.append(ours())
        ssl.append(openssl())
    ours_s, base_s = statistics.median(mine), statistics.median(theirs)
    ssl_s = statistics.median(ssl)
    return {"files": len(sizes), "megabytes": round(total / 1e6), "rounds": rounds,
            "ours_s": round(ours_s, 3), "sha256sum_s": round(base_s, 3),
            "ours_gb_per_s": round(total / ours_s / 1e9, 2),
            "sha256sum_gb_per_s": round(total / base_s / 1e9, 2),
            "speed_vs_sha256sum": round(base_s / ours_s, 2),
            # One process with OpenSSL's SHA-256 (CPU instructions coreutils does not use).
            "openssl_dgst_gb_per_s": round(total / ssl_s / 1e9, 2),
            "speed_vs_openssl_dgst": round(ssl_s / ours_s, 2), "cores": os.cpu_count()}


# -- numbers -------------------------------------------------------------------------------------

def _wall(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        out.append(time.perf_counter() - t0)
    return out


def bench_numbers(runs: int, tmp: Path) -> dict[str, Any]:
    settings = new_home(tmp / "numbers-home")
    env = dict(os.environ, ARCHIVA_HOME=str(settings.home),
               ARCHIVA_DATABASE_URL=settings.database_url, PYTHONPATH=str(REPO))
    issue = [ARCHIVA, "number", "issue", "--series", "letter", "--classification", "OT.02.02",
             "--subject", "Undangan rapat koordinasi", "--date", "2026-06-01"]
    _wall(issue, env, 2)  # warm the page cache and .pyc files
    cli = _wall(issue, env, runs)
    python = _wall([sys.executable, "-c", "pass"], env, runs)
    sqlalchemy = _wall([sys.executable, "-c", "import sqlalchemy"], env, runs)

    procs, per = 8, 50
    t0 = time.perf_counter()
    children = [subprocess.Popen([sys.executable, "-m", "tests.procs", "issue_many", str(per),
                                  "decree"], cwd=REPO, env=env, stdout=subprocess.DEVNULL)
                for _ in range(procs)]
    for c in children:
        assert c.wait() == 0
    wall = time.perf_counter() - t0
    return {
        "runs": runs,
        "number_issue_median_s": round(statistics.median(cli), 3),
        "number_issue_p95_s": round(percentile(cli, 0.95), 3),
        "bare_python_median_s": round(statistics.median(python), 3),
        "import_sqlalchemy_median_s": round(statistics.median(sqlalchemy), 3),
        "concurrent_processes": procs, "numbers_per_process": per,
        "concurrent_allocations_per_s": round(procs * per / wall, 1),
    }


# -- intake ---------------------------------------------------------------------------------------

def _letters(n: int) -> list[Any]:
    from tests.intake.letters import samples

    return samples(n=n)


def bench_intake(letters: int, scans: int, arrivals: int, tmp: Path) -> dict[str, Any]:
    from archiva.intake.pipeline import Intake

    out: dict[str, Any] = {}
    # 1. born-digital two-page letters, one file-scans pass
    from tests.intake.letters import write_pdf

    home = new_home(tmp / "intake-home")
    inbox = home.home / "inbox"
    two_page = tmp / "two-page"
    two_page.mkdir()
    for i, sample in enumerate(_letters(letters)):
        one = write_pdf(sample, two_page / f"{i}.pdf")
        from pypdf import PdfReader, PdfWriter

        w = PdfWriter()
        for _ in range(2):
            w.add_page(PdfReader(one).pages[0])
        with (inbox / f"surat-{i:04d}.pdf").open("wb") as f:
            w.write(f)
    old = time.time() - 600
    for p in inbox.iterdir():
        os.utime(p, (old, old))
    cmd = [ARCHIVA, "file-scans", "--json"]
    env = dict(os.environ, ARCHIVA_HOME=str(home.home), ARCHIVA_DATABASE_URL=home.database_url)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    filed = len(json.loads(done.stdout)["filed"])
    assert filed == letters, done.stdout[-500:]
    out["digital_letters"] = letters
    out["digital_seconds"] = round(wall, 2)
    out["digital_letters_per_s"] = round(letters / wall, 1)

    # 2. scanned pages: the pipeline against plain ocrmypdf on the same files
    import ocrmypdf

    from tests.intake.letters import write_scan

    scans_dir = tmp / "scans"
    scans_dir.mkdir()
    files = []
    for i, sample in enumerate(_letters(scans)):
        files.append(write_scan(sample, scans_dir / f"scan-{i:03d}.png", dpi=300,
                                skew_deg=1.0, noise=0.01, seed=i))
    raw_out = tmp / "raw"
    raw_out.mkdir()
    scan_home = new_home(tmp / "scan-home")
    raw = ours = 0.0
    filed = 0
    # Interleaved file by file, so the machine's drift during the run affects both alike.
    with Archiva.open(scan_home) as app:
        intake = Intake(app)
        for f in files:
            t0 = time.perf_counter()
            ocrmypdf.ocr(f, raw_out / (f.stem + ".pdf"), language=["ind"], output_type="pdfa",
                         image_dpi=300, progress_bar=False, jobs=os.cpu_count())
            raw += time.perf_counter() - t0
            arrived = shutil.copy(f, scan_home.home / "inbox" / f.name)
            t0 = time.perf_counter()
            filed += len(intake.take_now([Path(arrived)]).filed)
            ours += time.perf_counter() - t0
    assert filed == scans
    out["scanned_pages"] = scans
    out["scan_pipeline_s"] = round(ours, 2)
    out["scan_plain_ocrmypdf_s"] = round(raw, 2)
    out["scan_ratio_to_plain_ocrmypdf"] = round(ours / raw, 2)

    # 3. latency under watch: write finished -> record exists
    watch_home = new_home(tmp / "watch-home")
    profile = watch_home.profile_path.read_text("utf-8")
    watch_home.profile_path.write_text(profile.replace("settle_seconds = 5 ",
                                                       "settle_seconds = 1 "), "utf-8")
    env = dict(os.environ, ARCHIVA_HOME=str(watch_home.home),
               ARCHIVA_DATABASE_URL=watch_home.database_url)
    watcher = subprocess.Popen([ARCHIVA, "watch"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(2)
    latencies = []
    try:
        with Archiva.open(watch_home) as app:
            for i, sample in enumerate(_letters(arrivals)):
                src = write_pdf(sample, tmp / f"arrival-{i}.pdf")
                dest = watch_home.home / "inbox" / f"masuk-{i}.pdf"
                shutil.copy(src, dest)
                finished = time.perf_counter()
                while not any(r.details.get("original_name") == dest.name
                              for r, _ in app.catalogue.letters() if r.status == "filed"):
                    if time.perf_counter() - finished > 60:
                        raise RuntimeError(f"{dest.name} was not filed within 60 s")
                    time.sleep(0.02)
                latencies.append(time.perf_counter() - finished)
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    out["watch_settle_seconds"] = 1
    out["watch_latency_median_s"] = round(statistics.median(latencies), 2)
    out["watch_latency_p95_s"] = round(percentile(latencies, 0.95), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="bash bench.sh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--decrees", type=int, default=10)
    parser.add_argument("--runs", type=int, default=20, help="process runs for `number issue`")
    parser.add_argument("--letters", type=int, default=200, help="born-digital intake letters")
    parser.add_argument("--scans", type=int, default=8, help="scanned pages for the OCR part")
    parser.add_argument("--arrivals", type=int, default=20, help="files timed under watch")
    parser.add_argument("--records", type=int, default=100_000, help="search corpus size")
    parser.add_argument("--rounds", type=int, default=5, help="search query rounds (warm)")
    parser.add_argument("--search-runs", type=int, default=20,
                        help="whole `archiva search` processes timed")
    parser.add_argument("--search-arrivals", type=int, default=20,
                        help="letters timed from filed to searchable")
    parser.add_argument("--fixity-mb", type=int, default=1024, help="archive size for fixity")
    parser.add_argument("--only", choices=["certificates", "decree", "numbers", "intake",
                                           "fixity", "search"])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="archiva-bench-") as d:
        tmp = Path(d)
        if args.only in (None, "numbers"):
            results["numbers"] = bench_numbers(args.runs, tmp)
            _show("numbers", results["numbers"], args.json)
        if args.only in (None, "decree"):
            results["decree"] = bench_decree(args.decrees, tmp)
            _show("decree", results["decree"], args.json)
        if args.only in (None, "certificates"):
            results["certificates"] = bench_certificates(args.certificates, tmp)
            _show("certificates", results["certificates"], args.json)
        if args.only in (None, "intake"):
            results["intake"] = bench_intake(args.letters, args.scans, args.arrivals, tmp)
            _show("intake", results["intake"], args.json)
        if args.only in (None, "fixity"):
            results["fixity"] = bench_fixity(args.fixity_mb, args.rounds, tmp)
            _show("fixity", results["fixity"], args.json)
        if args.only in (None, "search"):
            from bench.search import bench_search

            results["search"] = bench_search(
                args.records, args.rounds, args.search_runs, args.search_arrivals, tmp,
                progress=(lambda _m: None) if args.json else print)
            _show("search", results["search"], args.json)
    if args.json:
        print(json.dumps(results, indent=2))


def _show(name: str, data: dict[str, Any], quiet: bool) -> None:
    if quiet:
        return
    print(f"\n== {name}")
    for k, v in data.items():
        print(f"  {k:32} {v}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
