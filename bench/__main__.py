"""Archiva benchmarks with their baselines measured in the same run.

  certificates  N certificates end to end (numbers, QR, PDF/A, filing) vs a naive loop of one
                fresh WeasyPrint HTML(...).write_pdf() per certificate in one process
  decree        decree end to end (number, DOCX, PDF via LibreOffice, filing) vs a bare docxtpl
                render+save of the same template, with where the time goes
  numbers       `archiva number issue` as a whole process (median wall time) vs bare Python,
                and allocations/s with 8 concurrent processes
"""

from __future__ import annotations

import argparse
import json
import os
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

from archiva.config import Settings
from archiva.service import Archiva, init_home

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
ARCHIVA = str(Path(sys.executable).parent / "archiva")


def new_home(root: Path) -> Settings:
    s = Settings(home=root, database_url=f"sqlite:///{root / 'archiva.db'}", user="bench")
    init_home(s)
    return s


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# -- certificates --------------------------------------------------------------------------------

def bench_certificates(n: int, tmp: Path) -> dict[str, Any]:
    from archiva.documents import kinds
    from archiva.documents.certificates import new_code
    from archiva.documents.datafile import load_mapping
    from archiva.documents.fields import Fields
    from archiva.render.qr import qr_png_data_uri
    from archiva.render.templates import template_for

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

        # Naive baseline: same template and data, one fresh HTML(...).write_pdf() each.
        import jinja2
        from weasyprint import HTML

        template = template_for(app.profile, "certificate")
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template.path.parent)),
                                 autoescape=True)
        tpl = env.get_template(template.path.name)
        event = kinds.parse_event(Fields(load_mapping(EXAMPLES / "kegiatan.yaml")), app.profile)
        out = tmp / "naive"
        out.mkdir()
        t0 = time.perf_counter()
        for i in range(1, n + 1):
            code = new_code()
            ctx = kinds.certificate_context(
                event, app.profile, f"{i:05d}/Sertifikat/X/2026",
                {"name": f"Peserta Bimtek Nomor {i}", "institution": "SD Negeri", "role": ""},
                code, "")
            html = tpl.render(**ctx, qr=qr_png_data_uri(code))
            pdf = HTML(string=html, base_url=str(template.path.parent)).write_pdf()
            (out / f"{i}.pdf").write_bytes(pdf)
        naive = time.perf_counter() - t0
    return {
        "count": n, "ours_s": round(ours, 2), "naive_s": round(naive, 2),
        "ours_per_cert_ms": round(1000 * ours / n, 1),
        "naive_per_cert_ms": round(1000 * naive / n, 1),
        "speedup_vs_naive": round(naive / ours, 2),
        "size_kb_mean": round(statistics.mean(sizes) / 1024, 1),
        "size_kb_max": round(max(sizes) / 1024, 1),
        "cores": os.cpu_count(),
    }


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
            for _ in range(n):
                t0 = time.perf_counter()
                app.generate("decree", data)
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


def main() -> None:
    parser = argparse.ArgumentParser(prog="bash bench.sh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--decrees", type=int, default=10)
    parser.add_argument("--runs", type=int, default=20, help="process runs for `number issue`")
    parser.add_argument("--only", choices=["certificates", "decree", "numbers"])
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
