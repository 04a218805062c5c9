"""LibreOffice (headless) turns rendered DOCX files into PDF/A-3b, several files per call.

One source, two formats: the PDF is made from the very DOCX that is filed, so they say the same
thing. LibreOffice needs a user profile; creating one costs ~0.3 s of a ~1.3 s conversion, so
profiles are kept in a small pool, each locked (flock) while one conversion uses it."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from archiva.errors import RenderError

# SelectPdfVersion 3 = PDF/A-3b in LibreOffice's writer_pdf_Export filter.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"3"}}'
TIMEOUT_S = 300
POOL_SIZE = 4


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RenderError("LibreOffice is not installed, so PDFs cannot be made from DOCX.",
                          "Run the README's set-up command (it installs libreoffice-writer-nogui).")
    return exe


@contextmanager
def _profile(pool: Path) -> Iterator[Path]:
    """A profile folder no other conversion is using; waits for the first if all are busy."""
    pool.mkdir(parents=True, exist_ok=True)
    handles: list[IO[str]] = []
    try:
        for n in [*range(POOL_SIZE), 0]:
            lock = (pool / f"{n}.lock").open("a")
            handles.append(lock)
            blocking = len(handles) > POOL_SIZE
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                continue
            yield pool / str(n)
            return
    finally:
        for h in handles:
            h.close()  # closing releases the lock


def convert_to_pdfa(docx_files: list[Path], outdir: Path, profiles: Path) -> list[Path]:
    """Convert in one LibreOffice run; returns the PDFs in the order given."""
    if not docx_files:
        return []
    with _profile(profiles) as profile:
        try:
            return _convert(docx_files, outdir, profile)
        except RenderError:
            # A profile left damaged by a killed conversion: start it afresh, once.
            shutil.rmtree(profile, ignore_errors=True)
            return _convert(docx_files, outdir, profile)


def _convert(docx_files: list[Path], outdir: Path, profile: Path) -> list[Path]:
    cmd = [soffice(), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
           "--norestore", "--nologo", "--nodefault", "--convert-to", PDFA_FILTER,
           "--outdir", str(outdir), *map(str, docx_files)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                              check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"LibreOffice did not finish converting to PDF in {TIMEOUT_S} s.",
            "Try again; if it repeats, check the DOCX opens in LibreOffice.",
        ) from None
    pdfs = [outdir / (f.stem + ".pdf") for f in docx_files]
    missing = [p.name for p in pdfs if not p.is_file() or p.stat().st_size == 0]
    if proc.returncode != 0 or missing:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise RenderError(f"LibreOffice could not convert {', '.join(missing) or 'the files'} to "
                          f"PDF (exit {proc.returncode}: {detail[0]}).",
                          "Open the DOCX in LibreOffice to see whether it is damaged.")
    return pdfs
