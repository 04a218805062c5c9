"""QR codes for certificates, as a tiny PNG (one pixel per module).

The certificate template shows it with `image-rendering: pixelated`, so it prints sharp at any
size. An SVG path looked the same but cost ~50 ms per certificate in WeasyPrint's SVG parser.

The `qrcode` package encodes the data (version, error correction codewords). Choosing the mask
is done here: the package draws the whole symbol eight times in Python to score the eight masks
(~7 ms a code). The symbol's fixed parts and the order of its data modules depend only on the
version, so they are worked out once per version; each mask is then an XOR of whole rows, scored
with the same rules and the same arithmetic as the package, so the chosen mask and the symbol
are the package's own, bit for bit (tests/documents/test_certificate_layout.py compares them).
"""

from __future__ import annotations

import base64
import functools
import itertools
import re
import struct
import zlib
from dataclasses import dataclass

import qrcode
from qrcode import util

ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
BORDER = 1  # modules of light margin in the image; the page around it is white as well
_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = re.compile(r"(?=10111010000|00001011101)")  # overlapping matches count


@dataclass(frozen=True)
class _Plan:
    """What one version's symbols share: fixed modules per mask (function patterns, format
    information) and where the data bits go."""

    size: int
    fixed: tuple[tuple[int, ...], ...]  # per mask: each row's dark fixed modules, bit per column
    scored: tuple[int, ...]  # the fixed modules the package scores masks with (format blank)
    order: tuple[tuple[int, int], ...]  # (row, bit) of each data module, in placement order
    masks: tuple[tuple[int, ...], ...]  # per mask: each row's data modules the mask inverts


def qr_png_data_uri(payload: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(payload)).decode("ascii")


def qr_png(payload: str) -> bytes:
    return _png(qr_rows(payload))


def qr_rows(payload: str) -> list[int]:
    """The symbol's rows (as many as it has columns), the most significant bit the leftmost
    module, 1 = dark."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECTION)
    qr.add_data(payload)
    version = qr.best_fit()
    plan = _plan(version, ERROR_CORRECTION)
    data = _place(plan, util.create_data(version, ERROR_CORRECTION, qr.data_list))
    best, best_score = 0, -1
    for mask in range(8):  # the first lowest score wins, as in the package
        rows = [f | (d ^ m) for f, d, m in zip(plan.scored, data, plan.masks[mask], strict=True)]
        score = _penalty(rows, plan.size)
        if best_score < 0 or score < best_score:
            best, best_score = mask, score
    return [f | (d ^ m) for f, d, m in zip(plan.fixed[best], data, plan.masks[best], strict=True)]


@functools.cache
def _plan(version: int, error_correction: int) -> _Plan:
    qr = qrcode.QRCode(version=version, error_correction=error_correction)
    n = qr.modules_count = version * 4 + 17
    qr.modules = [[None] * n for _ in range(n)]
    qr.setup_position_probe_pattern(0, 0)
    qr.setup_position_probe_pattern(n - 7, 0)
    qr.setup_position_probe_pattern(0, n - 7)
    qr.setup_position_adjust_pattern()
    qr.setup_timing_pattern()
    blank = [row[:] for row in qr.modules]
    # The package scores each mask with the format information left light (its "test" mode).
    qr.setup_type_info(True, 0)
    if version >= 7:
        qr.setup_type_number(True)
    scored = tuple(_bits([bool(v) for v in row]) for row in qr.modules)
    fixed = []
    for mask in range(8):
        qr.modules = [row[:] for row in blank]
        qr.setup_type_info(False, mask)
        if version >= 7:
            qr.setup_type_number(False)
        fixed.append(tuple(_bits([bool(v) for v in row]) for row in qr.modules))
    free = [[v is None for v in row] for row in qr.modules]
    order = tuple((r, n - 1 - c) for r, c in _placement(free))
    masks = []
    for mask in range(8):
        inverts = util.mask_func(mask)
        masks.append(tuple(_bits([free[r][c] and bool(inverts(r, c)) for c in range(n)])
                           for r in range(n)))
    return _Plan(n, tuple(fixed), scored, order, tuple(masks))


def _placement(free: list[list[bool]]) -> list[tuple[int, int]]:
    """Data module positions in the order the standard fills them (as QRCode.map_data does):
    two-column strips from the right, upwards then downwards, skipping the timing column."""
    n = len(free)
    out = []
    row, step = n - 1, -1
    for col in range(n - 1, 0, -2):
        if col <= 6:
            col -= 1
        while True:
            for c in (col, col - 1):
                if free[row][c]:
                    out.append((row, c))
            row += step
            if row < 0 or row >= n:
                row -= step
                step = -step
                break
    return out


def _place(plan: _Plan, data: list[int]) -> list[int]:
    rows = [0] * plan.size
    for i, (r, bit) in enumerate(plan.order[:len(data) * 8]):
        if (data[i >> 3] >> (7 - (i & 7))) & 1:
            rows[r] |= 1 << bit
    return rows


def _bits(values: list[bool]) -> int:
    out = 0
    for v in values:
        out = (out << 1) | v
    return out


def _penalty(rows: list[int], n: int) -> int:
    """The package's util.lost_point, on whole rows: runs of five or more, 2x2 blocks,
    finder-like patterns, the share of dark modules."""
    lines = [format(r, f"0{n}b") for r in rows]
    # Rows, then columns, in one string: the separator ends every run and pattern.
    text = " ".join(lines) + " " + " ".join(map("".join, zip(*lines, strict=True)))
    score = sum(len(run) - 2 for run in _RUN.findall(text))
    inner = (1 << (n - 1)) - 1  # a block at column k also needs column k+1
    for a, b in itertools.pairwise(rows):
        score += 3 * (~(a ^ b) & ~(a ^ (a >> 1)) & ~(b ^ (b >> 1)) & inner).bit_count()
    score += 40 * len(_FINDER_LIKE.findall(text))
    percent = float(sum(r.bit_count() for r in rows)) / (n ** 2)
    return score + int(abs(percent * 100 - 50) / 5) * 10


def _png(rows: list[int]) -> bytes:
    """A 1-bit greyscale PNG, one pixel per module, with the light border."""
    width = len(rows) + 2 * BORDER
    pad = -width % 8
    full = (1 << width) - 1
    light = [full] * BORDER
    lines = light + [~(r << BORDER) & full for r in rows] + light  # PNG: 1 is white
    raw = b"".join(b"\x00" + (v << pad).to_bytes((width + pad) // 8, "big") for v in lines)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + \
            struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, width, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))
