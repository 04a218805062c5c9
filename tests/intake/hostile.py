"""Hostile files for intake tests, generated (no binaries in the repository)."""

from __future__ import annotations

import zlib
from pathlib import Path

_DRAW = b"0 0 m 1 1 l S\n"  # a line, drawn again and again: compresses about 1000 to 1


def pdf_bomb(path: Path, inflated_mb: int) -> Path:
    """A one-page PDF whose content stream inflates to `inflated_mb` MB (800 MB from 1.6 MB)."""
    comp = zlib.compressobj(9)
    block = _DRAW * (1 << 16)
    chunks = [comp.compress(block) for _ in range(inflated_mb * (1 << 20) // len(block))]
    stream = b"".join(chunks) + comp.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
