"""LibreOffice (headless) turns rendered DOCX files into PDF/A-3b, several files per call.

One source, two formats: the PDF is made from the very DOCX that is filed, so they say the same
thing. Each call gets its own LibreOffice profile so concurrent calls do not collide."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from archiva.errors import RenderError

# SelectPdfVersion 3 = PDF/A-3b in LibreOffice's writer_pdf_Export filter.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"3"}}'
TIMEOUT_S = 300


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RenderError("LibreOffice is not installed, so PDFs cannot be made from DOCX.",
                          "Run the README's set-up command (it installs libreoffice-writer-nogui).")
    return exe


def convert_to_pdfa(docx_files: list[Path], outdir: Path) -> list[Path]:
    """Convert in one LibreOffice run; returns the PDFs in the order given."""
    if not docx_files:
        return []
    with tempfile.TemporaryDirectory(prefix="archiva-lo-") as profile:
        cmd = [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--nologo", "--nodefault", "--convert-to", PDFA_FILTER, "--outdir", str(outdir),
               *map(str, docx_files)]
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
