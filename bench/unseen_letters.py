"""Twenty Indonesian official letters with their ground truth, written without the extractor.

The letters follow real letterheads: district and city governments (PEMERINTAH KABUPATEN/KOTA …
/ DINAS …), the province and its branch office (cabang dinas), state schools under the
province, private schools under a foundation (YAYASAN …), madrasah under the Ministry of
Religious Affairs, a university faculty and the teachers' association (PGRI). Half are written
as born-digital PDFs (WeasyPrint, with a text layer), half as 300 dpi grayscale page scans
(Pillow, with skew, blur and noise).

Everything is deterministic: the same files (and the same truth) on every run.

    write_all(folder) -> [(path, truth), …]

A truth holds the letter details as a clerk would register them: `sender` (the unit with its
government), `number`, `date` (ISO), `place`, `subject`, `addressee`, `attachments`,
`attachment_count` (int or None), `signer`, `signer_nip` (18 digits or None). Two more keys
help the scoring: `sender_parts` (groups of alternatives that a looser sender must all
contain) and `kind` ("pdf" or "scan").
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

SEED = 20261124
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
DPI = 300
PX_PER_CM = DPI / 2.54
PAGE_W_CM, PAGE_H_CM = 21.0, 29.7
LEFT_CM, RIGHT_CM, TOP_CM = 2.5, 2.0, 1.5
TEXT_W = PAGE_W_CM - LEFT_CM - RIGHT_CM  # 16.5 cm
LOGO_CM = 2.3
LABEL_X, COLON_X, VALUE_X = 0.0, 2.5, 2.8  # the Nomor / Lampiran / Hal block
RIGHT_X = 9.6  # the right column: the addressee block, the date
SIGN_X = 8.6  # the signature block
BODY_PT = 12.0
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

# -- the page as rows: one model for both writers -------------------------------------------------


@dataclass(frozen=True)
class Cell:
    x: float  # cm from the left margin where the cell's box starts
    text: str
    bold: bool = False
    underline: bool = False
    align: str = "left"  # "right": the box runs to the right margin, text flush right


@dataclass(frozen=True)
class Line:
    cells: tuple[Cell, ...]
    size: float = BODY_PT


@dataclass(frozen=True)
class Center:
    text: str
    size: float = BODY_PT
    bold: bool = False


@dataclass(frozen=True)
class Para:
    text: str
    indent: float = 1.25  # first-line indent, cm
    x: float = 0.0


@dataclass(frozen=True)
class Gap:
    lines: float = 1.0


@dataclass(frozen=True)
class Rule:
    pass


Row = Line | Center | Para | Gap | Rule


def line(*cells: Cell, size: float = BODY_PT) -> Line:
    return Line(tuple(cells), size)


# -- the letters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    titles: tuple[str, ...]
    name: str
    nip: str | None = None  # 18 digits
    nip_style: str = "plain"  # "plain": NIP 1970…; "spaced": NIP. 19700707 199403 1 005
    rank: str | None = None  # Pembina Utama Muda …
    witness: tuple[tuple[str, ...], str] | None = None  # "Mengetahui," block on the left


@dataclass(frozen=True)
class Spec:
    slug: str
    kind: str  # "pdf" | "scan"
    head: tuple[tuple[str, float, bool], ...]  # letterhead lines: text, pt, bold
    sender: str
    sender_parts: tuple[tuple[str, ...], ...]
    number: str
    place: str
    date: dt.date
    date_style: str  # "long" | "dash" | "slash"
    date_at: str  # "number" (same line, right) | "above" | "signature"
    subject: tuple[str, ...]  # as wrapped on the page
    addressee: tuple[str, ...]  # after "Yth.", as wrapped on the page
    address_style: str  # "yth" | "kepada" (Kepada Yth. / …) | "right"
    opening: str
    signature: Signature
    where: str = "Serang"  # "di …" under the addressee; "Tempat" for "di Tempat"
    attachments: str | None = "-"
    sifat: str | None = None
    hal_label: str = "Hal"
    event: tuple[tuple[str, str], ...] = ()
    tembusan: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()  # paragraphs after the event block


def ddate(spec: Spec) -> str:
    d = spec.date
    if spec.date_style == "dash":
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if spec.date_style == "slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def long_date(d: dt.date, weekday: bool = False) -> str:
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{DAYS[d.weekday()]}, {text}" if weekday else text


def roman(month: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[month - 1]


def count_of(attachments: str | None) -> int | None:
    if not attachments or not attachments[0].isdigit():
        return None
    return int(attachments.split()[0])


def truth_of(spec: Spec) -> dict[str, Any]:
    return {
        "sender": spec.sender,
        "number": spec.number,
        "date": spec.date.isoformat(),
        "place": spec.place,
        "subject": " ".join(spec.subject),
        "addressee": " ".join(spec.addressee),
        "attachments": spec.attachments,
        "attachment_count": count_of(spec.attachments),
        "signer": spec.signature.name,
        "signer_nip": spec.signature.nip,
        "sender_parts": [list(p) for p in spec.sender_parts],
        "kind": spec.kind,
    }


# -- composing a letter's rows --------------------------------------------------------------------


def nip_text(sig: Signature) -> str | None:
    if sig.nip is None:
        return None
    n = sig.nip
    if sig.nip_style == "spaced":
        return f"NIP. {n[:8]} {n[8:14]} {n[14]} {n[15:]}"
    return f"NIP {n}"


def address_lines(spec: Spec) -> list[str]:
    first, *rest = spec.addressee
    where = ["di", "Tempat"] if spec.where == "Tempat" else ["di", f"     {spec.where}"]
    if spec.address_style == "kepada":
        return ["Kepada Yth.", first, *rest, *where]
    if spec.address_style == "right":
        return ["Kepada", f"Yth. {first}", *rest, *where]
    return [f"Yth. {first}", *rest, *where]


def number_block(spec: Spec) -> list[Row]:
    fields: list[tuple[str, str]] = [("Nomor", spec.number)]
    if spec.sifat:
        fields.append(("Sifat", spec.sifat))
    if spec.attachments is not None:
        fields.append(("Lampiran", spec.attachments))
    fields.append((spec.hal_label, spec.subject[0]))
    fields += [("", more) for more in spec.subject[1:]]
    right: list[Cell | None] = []
    dated = f"{spec.place}, {ddate(spec)}"
    if spec.date_at == "number":
        right.append(Cell(RIGHT_X - 0.4, dated, align="right"))
    if spec.address_style == "right":
        right += [Cell(RIGHT_X, text) for text in address_lines(spec)]
    fields += [("", "")] * max(0, len(right) - len(fields))
    rows: list[Row] = []
    for i, (label, value) in enumerate(fields):
        cells = [Cell(LABEL_X, label), Cell(COLON_X, ":" if label else ""), Cell(VALUE_X, value)]
        if i < len(right) and right[i] is not None:
            cells.append(right[i])
        rows.append(Line(tuple(c for c in cells if c.text)))
    return rows


def signature_rows(spec: Spec) -> list[Row]:
    sig = spec.signature
    right = [*sig.titles, "", "", "", sig.name]
    extra = [t for t in (sig.rank, nip_text(sig)) if t]
    rows: list[Row] = []
    if spec.date_at == "signature":
        rows.append(line(Cell(SIGN_X, f"{spec.place}, {ddate(spec)}")))
    left: list[str] = []
    if sig.witness:
        titles, name = sig.witness
        depth = max(len(titles), len(sig.titles))
        left = [*titles, *[""] * (depth - len(titles)), "", "", "", name]
        right = [*sig.titles, *[""] * (depth - len(sig.titles)), "", "", "", sig.name]
    for i, text in enumerate([*right, *extra]):
        is_name = i == len(right) - 1
        cells = []
        if i < len(left) and left[i]:
            cells.append(Cell(0.0, left[i], bold=is_name, underline=is_name))
        if text:
            cells.append(Cell(SIGN_X, text, bold=is_name, underline=is_name))
        rows.append(Line(tuple(cells)) if cells else Gap())
    return rows


def event_rows(spec: Spec) -> list[Row]:
    return [line(Cell(1.25, label), Cell(4.5, ":"), Cell(4.8, value))
            for label, value in spec.event]


def compose(spec: Spec, rng: random.Random) -> tuple[list[Center], list[Row]]:
    head = [Center(text, size, bold) for text, size, bold in spec.head]
    rows: list[Row] = [Rule(), Gap(0.6)]
    if spec.date_at == "above":
        rows += [line(Cell(RIGHT_X, f"{spec.place}, {ddate(spec)}", align="right")), Gap(0.6)]
    rows += number_block(spec)
    if spec.address_style != "right":
        rows.append(Gap())
        rows += [line(Cell(0.0, text)) for text in address_lines(spec)]
    rows.append(Gap())
    if rng.random() < 0.5:
        rows += [line(Cell(0.0, "Dengan hormat,")), Gap(0.4)]
    rows.append(Para(spec.opening))
    if spec.event:
        rows += [Gap(0.4), *event_rows(spec)]
    for text in spec.extra:
        rows += [Gap(0.4), Para(text)]
    rows += [Gap(0.4), Para(rng.choice(CLOSINGS)), Gap()]
    rows += signature_rows(spec)
    if spec.tembusan:
        rows += [Gap(1.2), line(Cell(0.0, "Tembusan:"), size=11)]
        rows += [line(Cell(0.0, f"{i}. {t}"), size=11) for i, t in enumerate(spec.tembusan, 1)]
    return head, rows


CLOSINGS = (
    "Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami "
    "ucapkan terima kasih.",
    "Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
    "Atas perhatian dan kerja sama yang baik, kami sampaikan terima kasih.",
)

# -- fonts and fitting ----------------------------------------------------------------------------


@cache
def font(size_pt: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), round(size_pt * DPI / 72))


def width_cm(text: str, size: float, bold: bool = False) -> float:
    return font(size, bold).getlength(text) / PX_PER_CM


def cell_left(cell: Cell, size: float) -> float:
    if cell.align == "right":
        return TEXT_W - width_cm(cell.text, size, cell.bold)
    return cell.x


def check_fits(slug: str, rows: list[Row]) -> None:
    """Refuse a layout whose cells would run into each other or past the margin."""
    for row in rows:
        if not isinstance(row, Line):
            continue
        lefts = [cell_left(c, row.size) for c in row.cells]
        for i, cell in enumerate(row.cells):
            end = lefts[i] + width_cm(cell.text, row.size, cell.bold)
            limit = lefts[i + 1] - 0.1 if i + 1 < len(row.cells) else TEXT_W
            if end > limit + 1e-6:
                raise ValueError(f"{slug}: {cell.text!r} does not fit ({end:.2f} > {limit:.2f} cm)")


# -- the logo -------------------------------------------------------------------------------------


def logo_image(px: int) -> Image.Image:
    """A plain emblem (shield, circle, star) standing for the institution's logo."""
    img = Image.new("L", (px, px), 255)
    d = ImageDraw.Draw(img)
    w = max(2, px // 40)
    d.polygon([(px * 0.1, px * 0.08), (px * 0.9, px * 0.08), (px * 0.9, px * 0.55),
               (px * 0.5, px * 0.95), (px * 0.1, px * 0.55)], outline=0, width=w)
    d.ellipse([px * 0.3, px * 0.22, px * 0.7, px * 0.62], outline=60, width=w)
    cx, cy, r = px * 0.5, px * 0.42, px * 0.13
    star = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.45
        a = k * math.pi / 5 - math.pi / 2
        star.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    d.polygon(star, fill=40)
    return img


# -- born-digital PDF (WeasyPrint) ----------------------------------------------------------------

CSS = f"""
@page {{ size: A4; margin: {TOP_CM}cm {RIGHT_CM}cm 2cm {LEFT_CM}cm; }}
body {{ font-family: "Liberation Serif"; font-size: {BODY_PT}pt; line-height: 1.3; margin: 0; }}
.head {{ width: 100%; border-collapse: collapse; }}
.head td {{ vertical-align: middle; padding: 0; }}
.head .c {{ text-align: center; line-height: 1.2; }}
.rule {{ border-top: 3px solid black; border-bottom: 1px solid black; height: 2px;
         margin-top: 4px; }}
.row {{ white-space: nowrap; }}
.cell {{ display: inline-block; white-space: nowrap; vertical-align: top; }}
.b {{ font-weight: bold; }}
.u {{ text-decoration: underline; }}
p {{ margin: 0; text-align: justify; }}
"""


def html_cell(cell: Cell, width: float | None) -> str:
    cls = "cell" + (" b" if cell.bold else "") + (" u" if cell.underline else "")
    style = f"width:{width:.2f}cm;" if width is not None else ""
    if cell.align == "right":
        style = f"width:{TEXT_W - cell.x:.2f}cm;text-align:right;"
    return f'<span class="{cls}" style="{style}">{html.escape(cell.text)}</span>'


def html_row(row: Row) -> str:
    if isinstance(row, Gap):
        return f'<div style="height:{row.lines * 1.3 * BODY_PT:.1f}pt"></div>'
    if isinstance(row, Rule):
        return '<div class="rule"></div>'
    if isinstance(row, Para):
        return (f'<p style="text-indent:{row.indent}cm;margin-left:{row.x}cm">'
                f"{html.escape(row.text)}</p>")
    if isinstance(row, Center):
        cls = "c b" if row.bold else "c"
        return f'<div class="{cls}" style="font-size:{row.size}pt">{html.escape(row.text)}</div>'
    parts, x = [], 0.0
    for i, cell in enumerate(row.cells):
        if cell.x > x + 1e-6:
            parts.append(f'<span class="cell" style="width:{cell.x - x:.2f}cm"></span>')
        nxt = row.cells[i + 1].x if i + 1 < len(row.cells) else None
        width = nxt - cell.x if nxt is not None else None
        parts.append(html_cell(cell, width))
        x = nxt if nxt is not None else TEXT_W
    return f'<div class="row" style="font-size:{row.size}pt">{"".join(parts)}</div>'


def letter_html(head: list[Center], rows: list[Row]) -> str:
    buf = io.BytesIO()
    logo_image(400).save(buf, "PNG")
    logo = base64.b64encode(buf.getvalue()).decode()
    head_html = "".join(
        f'<div class="{"b" if c.bold else ""}" style="font-size:{c.size}pt">'
        f"{html.escape(c.text)}</div>" for c in head)
    return (
        f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
        f'<table class="head"><tr><td style="width:{LOGO_CM + 0.3}cm">'
        f'<img src="data:image/png;base64,{logo}" style="width:{LOGO_CM}cm"></td>'
        f'<td class="c">{head_html}</td></tr></table>'
        + "".join(html_row(r) for r in rows) + "</body></html>")


def write_pdf(path: Path, head: list[Center], rows: list[Row]) -> None:
    from weasyprint import HTML

    HTML(string=letter_html(head, rows)).write_pdf(path)


# -- scanned page (Pillow) ------------------------------------------------------------------------


def px(cm: float) -> int:
    return round(cm * PX_PER_CM)


def line_px(size: float) -> int:
    return round(size * 1.3 * DPI / 72)


def wrap(text: str, size: float, width: float, indent: float) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        room = width - (indent if not lines else 0.0)
        if current and width_cm(candidate, size) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def draw_head(d: ImageDraw.ImageDraw, page: Image.Image, head: list[Center], y: int) -> int:
    left = px(LEFT_CM)
    heights = [line_px(c.size) * 0.95 for c in head]
    top = y
    logo = logo_image(px(LOGO_CM))
    text_left, text_w = LEFT_CM + LOGO_CM + 0.3, TEXT_W - LOGO_CM - 0.3
    for c, h in zip(head, heights, strict=True):
        w = width_cm(c.text, c.size, c.bold)
        d.text((px(text_left + (text_w - w) / 2), y), c.text, font=font(c.size, c.bold), fill=15)
        y += round(h)
    page.paste(logo, (left, top + max(0, (y - top - logo.height) // 2)))
    return max(y, top + logo.height)


def draw_line(d: ImageDraw.ImageDraw, row: Line, y: int) -> None:
    for cell in row.cells:
        f = font(row.size, cell.bold)
        x = px(LEFT_CM + cell_left(cell, row.size))
        d.text((x, y), cell.text, font=f, fill=15)
        if cell.underline:
            base = y + round(f.size * 1.02)
            d.line([(x, base), (x + round(f.getlength(cell.text)), base)], fill=15,
                   width=max(2, f.size // 18))


def draw_rows(d: ImageDraw.ImageDraw, rows: list[Row], y: int) -> None:
    for row in rows:
        if isinstance(row, Gap):
            y += round(row.lines * line_px(BODY_PT))
        elif isinstance(row, Rule):
            y += px(0.15)
            d.rectangle([px(LEFT_CM), y, px(LEFT_CM + TEXT_W), y + 7], fill=0)
            d.rectangle([px(LEFT_CM), y + 13, px(LEFT_CM + TEXT_W), y + 15], fill=0)
            y += 16
        elif isinstance(row, Para):
            for i, text in enumerate(wrap(row.text, BODY_PT, TEXT_W - row.x, row.indent)):
                x = LEFT_CM + row.x + (row.indent if i == 0 else 0.0)
                d.text((px(x), y), text, font=font(BODY_PT), fill=15)
                y += line_px(BODY_PT)
        elif isinstance(row, Center):
            w = width_cm(row.text, row.size, row.bold)
            d.text((px(LEFT_CM + (TEXT_W - w) / 2), y), row.text, font=font(row.size, row.bold),
                   fill=15)
            y += line_px(row.size)
        else:
            draw_line(d, row, y)
            y += line_px(row.size)


def age_like_a_scan(page: Image.Image, rng: random.Random) -> Image.Image:
    """Skew 0.3-1.5 degrees, a little blur, paper tone, grain and specks."""
    angle = rng.uniform(0.3, 1.5) * rng.choice((-1, 1))
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    w, h = page.size
    grain = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(lambda v: v * 28 // 255)
    page = ImageChops.subtract(page, grain)
    d = ImageDraw.Draw(page)
    for _ in range(rng.randint(150, 400)):  # dust
        x, y, r = rng.randrange(w), rng.randrange(h), rng.uniform(0.8, 2.5)
        d.ellipse([x - r, y - r, x + r, y + r], fill=rng.randint(60, 160))
    return page.point(lambda v: 12 + v * 230 // 255)


def write_scan(path: Path, head: list[Center], rows: list[Row], rng: random.Random) -> None:
    page = Image.new("L", (px(PAGE_W_CM), px(PAGE_H_CM)), 255)
    d = ImageDraw.Draw(page)
    y = draw_head(d, page, head, px(TOP_CM))
    draw_rows(d, rows, y)
    age_like_a_scan(page, rng).save(path, dpi=(DPI, DPI), optimize=True)


# -- the twenty letters ---------------------------------------------------------------------------

BPMP = ("Kepala Balai Penjaminan Mutu Pendidikan Provinsi Banten",)
BPMP_SHORT = ("Kepala BPMP Provinsi Banten",)
BPMP_TWO = ("Kepala Balai Penjaminan Mutu", "Pendidikan Provinsi Banten")
D = dt.date


def gov(*lines: str, unit: tuple[str, ...] = (), address: tuple[str, ...] = ()
        ) -> tuple[tuple[str, float, bool], ...]:
    """A letterhead: government lines, unit lines (larger), address lines (small)."""
    return (tuple((t, 14.0, True) for t in lines) + tuple((t, 15.0, True) for t in unit)
            + tuple((t, 10.0, False) for t in address))


SPECS: tuple[Spec, ...] = (
    Spec(
        slug="disdikbud_pandeglang", kind="pdf",
        head=gov("PEMERINTAH KABUPATEN PANDEGLANG", unit=("DINAS PENDIDIKAN DAN KEBUDAYAAN",),
                 address=("Jalan Raya Labuan Km. 3, Pandeglang, Banten 42212",
                          "Telepon (0253) 201045, Laman: disdikbud.pandeglangkab.go.id")),
        sender="Dinas Pendidikan dan Kebudayaan Kabupaten Pandeglang",
        sender_parts=(("Dinas Pendidikan dan Kebudayaan",), ("Kabupaten Pandeglang",)),
        number="421.2/567/Disdikbud/2026", place="Pandeglang", date=D(2026, 11, 24),
        date_style="long", date_at="number", sifat="Biasa", attachments="1 (satu) berkas",
        subject=("Permohonan Narasumber",), addressee=BPMP, address_style="yth",
        opening="Dalam rangka peningkatan mutu pembelajaran di satuan pendidikan jenjang "
                "sekolah dasar, Dinas Pendidikan dan Kebudayaan Kabupaten Pandeglang akan "
                "menyelenggarakan Bimbingan Teknis Pembelajaran Mendalam bagi guru kelas. "
                "Sehubungan dengan hal tersebut, kami mohon Bapak/Ibu berkenan menugaskan "
                "2 (dua) orang widyaprada sebagai narasumber pada kegiatan dimaksud, yang "
                "akan dilaksanakan pada:",
        event=(("Hari/tanggal", "Selasa, 8 Desember 2026"), ("Waktu", "08.00 WIB s.d. selesai"),
               ("Tempat", "Aula Dinas Pendidikan dan Kebudayaan")),
        signature=Signature(("Kepala Dinas Pendidikan dan Kebudayaan", "Kabupaten Pandeglang,"),
                            "Dr. H. Ahmad Sudrajat, M.Pd.", "196905121993031004",
                            rank="Pembina Utama Muda"),
        tembusan=("Bupati Pandeglang (sebagai laporan);", "Arsip."),
    ),
    Spec(
        slug="dindik_lebak", kind="scan",
        head=gov("PEMERINTAH KABUPATEN LEBAK", unit=("DINAS PENDIDIKAN",),
                 address=("Jalan Abdi Negara No. 3, Rangkasbitung, Lebak, Banten 42312",
                          "Telepon (0252) 201234, Pos-el: dindik@lebakkab.go.id")),
        sender="Dinas Pendidikan Kabupaten Lebak",
        sender_parts=(("Dinas Pendidikan",), ("Kabupaten Lebak",)),
        number="005/1187/Dindik/2026", place="Rangkasbitung", date=D(2026, 11, 3),
        date_style="long", date_at="above", attachments="-", hal_label="Perihal",
        subject=("Permohonan Pendampingan", "Implementasi Kurikulum"),
        addressee=("Kepala BPMP", "Provinsi Banten"), address_style="right",
        opening="Menindaklanjuti surat Kepala Balai Penjaminan Mutu Pendidikan Provinsi Banten "
                "Nomor 1873/C7.15/KS.01.00/2026 tanggal 12 Oktober 2026 perihal penawaran "
                "program kemitraan, bersama ini kami mengajukan permohonan pendampingan "
                "implementasi kurikulum bagi 40 (empat puluh) sekolah menengah pertama di "
                "Kabupaten Lebak.",
        extra=("Rencana kegiatan dan daftar sekolah sasaran akan kami sampaikan kemudian "
               "setelah rapat koordinasi dengan para pengawas sekolah.",),
        signature=Signature(("Plt. Kepala Dinas Pendidikan", "Kabupaten Lebak,"),
                            "H. Asep Saepudin, S.Pd., M.Si.", "197208171997021002",
                            nip_style="spaced", rank="Pembina Tingkat I"),
        tembusan=("Bupati Lebak;", "Sekretaris Daerah Kabupaten Lebak."),
    ),
    Spec(
        slug="disdikbud_kota_serang", kind="pdf",
        head=gov("PEMERINTAH KOTA SERANG", unit=("DINAS PENDIDIKAN DAN KEBUDAYAAN",),
                 address=("Jalan Jenderal Sudirman No. 5, Kota Serang, Banten 42116",
                          "Telepon (0254) 218765, Laman: dindikbud.serangkota.go.id")),
        sender="Dinas Pendidikan dan Kebudayaan Kota Serang",
        sender_parts=(("Dinas Pendidikan dan Kebudayaan",), ("Kota Serang",)),
        number="421/2214-Dindikbud/X/2026", place="Serang", date=D(2026, 10, 12),
        date_style="dash", date_at="number", attachments="2 (dua) lembar",
        subject=("Undangan Rapat Koordinasi",), addressee=BPMP_SHORT, address_style="kepada",
        where="Tempat",
        opening="Dalam rangka penyusunan program peningkatan mutu pendidikan Kota Serang tahun "
                "2027, kami mengundang Bapak/Ibu atau pejabat yang ditunjuk untuk hadir pada "
                "rapat koordinasi yang akan dilaksanakan pada:",
        event=(("Hari/tanggal", "Kamis, 22 Oktober 2026"), ("Pukul", "09.00 WIB"),
               ("Tempat", "Ruang Rapat Dindikbud Kota Serang"), ("Acara", "Rapat Koordinasi")),
        signature=Signature(("a.n. Kepala Dinas Pendidikan", "dan Kebudayaan Kota Serang",
                             "Sekretaris,"),
                            "Hj. Rina Marlina, S.E., M.M.", "197803252003122005",
                            rank="Pembina Tingkat I"),
    ),
    Spec(
        slug="disdik_tangsel", kind="scan",
        head=gov("PEMERINTAH KOTA TANGERANG SELATAN", unit=("DINAS PENDIDIKAN",),
                 address=("Jalan Pahlawan Seribu, Serpong, Tangerang Selatan, Banten 15322",
                          "Telepon (021) 53120456, Laman: dindik.tangerangselatankota.go.id")),
        sender="Dinas Pendidikan Kota Tangerang Selatan",
        sender_parts=(("Dinas Pendidikan",), ("Kota Tangerang Selatan",)),
        number="400.3.2/3051/Disdik/2026", place="Tangerang Selatan", date=D(2026, 11, 5),
        date_style="slash", date_at="above", attachments="1 (satu) eksemplar",
        subject=("Permohonan Data Rapor Pendidikan",), addressee=BPMP, address_style="yth",
        opening="Sehubungan dengan penyusunan perencanaan berbasis data pada satuan pendidikan "
                "di Kota Tangerang Selatan, kami mohon bantuan Bapak/Ibu untuk memberikan data "
                "Rapor Pendidikan tahun 2026 jenjang SD dan SMP beserta analisis capaian "
                "indikator prioritas.",
        signature=Signature(("Kepala Dinas Pendidikan", "Kota Tangerang Selatan,"),
                            "Drs. Deden Deni, M.M.", "196812141994031006"),
    ),
    Spec(
        slug="disdikbud_banten", kind="pdf",
        head=gov("PEMERINTAH PROVINSI BANTEN", unit=("DINAS PENDIDIKAN DAN KEBUDAYAAN",),
                 address=("Kawasan Pusat Pemerintahan Provinsi Banten (KP3B)",
                          "Jalan Syech Nawawi Al-Bantani, Palima, Serang 42171, "
                          "Telepon (0254) 267053")),
        sender="Dinas Pendidikan dan Kebudayaan Provinsi Banten",
        sender_parts=(("Dinas Pendidikan dan Kebudayaan",), ("Provinsi Banten",)),
        number="421.5/4410-Disdikbud/2026", place="Serang", date=D(2026, 11, 18),
        date_style="long", date_at="number", sifat="Penting", attachments="-",
        subject=("Penyampaian Hasil Verifikasi Data Sekolah Penggerak",
                 "Tahun 2026"),
        addressee=BPMP_TWO, address_style="yth", where="Tempat",
        opening="Berdasarkan hasil verifikasi dan validasi data satuan pendidikan pelaksana "
                "program sekolah penggerak jenjang SMA, SMK dan SLB di Provinsi Banten, bersama "
                "ini kami sampaikan bahwa terdapat 12 (dua belas) satuan pendidikan yang "
                "memerlukan pendampingan lanjutan pada semester genap tahun pelajaran "
                "2026/2027.",
        signature=Signature(("Kepala Dinas Pendidikan dan Kebudayaan", "Provinsi Banten,"),
                            "Drs. H. Muhammad Yusuf Hidayat, M.Pd.", "196704211992031003",
                            rank="Pembina Utama Madya"),
        tembusan=("Gubernur Banten (sebagai laporan);", "Sekretaris Daerah Provinsi Banten."),
    ),
    Spec(
        slug="cabdin_lebak", kind="scan",
        head=(("PEMERINTAH PROVINSI BANTEN", 14.0, True),
              ("DINAS PENDIDIKAN DAN KEBUDAYAAN", 14.0, True),
              ("CABANG DINAS PENDIDIKAN DAN KEBUDAYAAN", 13.0, True),
              ("WILAYAH KABUPATEN LEBAK", 13.0, True),
              ("Jalan Multatuli No. 12, Rangkasbitung, Lebak 42311", 10.0, False)),
        sender="Cabang Dinas Pendidikan dan Kebudayaan Wilayah Kabupaten Lebak",
        sender_parts=(("Cabang Dinas Pendidikan dan Kebudayaan",), ("Kabupaten Lebak",)),
        number="421/0789/KCD-LBK/XI/2026", place="Rangkasbitung", date=D(2026, 11, 10),
        date_style="long", date_at="number", sifat="Biasa", attachments="1 (satu) bendel",
        subject=("Permohonan Fasilitator", "Bimbingan Teknis"),
        addressee=("Kepala BPMP", "Provinsi Banten"), address_style="right",
        opening="Dalam rangka meningkatkan kompetensi guru SMA dan SMK di wilayah Kabupaten "
                "Lebak dalam penyusunan asesmen berbasis kompetensi, kami mohon kesediaan "
                "Bapak/Ibu untuk menugaskan fasilitator pada bimbingan teknis yang akan "
                "dilaksanakan pada tanggal 1 sampai dengan 3 Desember 2026 di SMA Negeri 1 "
                "Rangkasbitung.",
        signature=Signature(("Kepala Cabang Dinas,",), "Dra. Hj. Euis Kurniasih, M.M.",
                            "196910101994122002", rank="Pembina Tingkat I, IV/b"),
    ),
    Spec(
        slug="sman1_pandeglang", kind="scan",
        head=(("PEMERINTAH PROVINSI BANTEN", 13.0, True),
              ("DINAS PENDIDIKAN DAN KEBUDAYAAN", 13.0, True),
              ("SMA NEGERI 1 PANDEGLANG", 16.0, True),
              ("Jalan Bhayangkara No. 1, Pandeglang, Banten 42211, Telepon (0253) 201123",
               10.0, False),
              ("NPSN 20601234, Pos-el: sman1pandeglang@gmail.com", 10.0, False)),
        sender="SMA Negeri 1 Pandeglang",
        sender_parts=(("SMA Negeri 1 Pandeglang",),),
        number="421.3/123/SMAN1-PDG/XI/2026", place="Pandeglang", date=D(2026, 11, 24),
        date_style="long", date_at="above", attachments="-",
        subject=("Permohonan Narasumber In House Training",), addressee=BPMP_SHORT,
        address_style="kepada",
        opening="Dalam rangka pelaksanaan In House Training (IHT) penguatan pembelajaran "
                "mendalam bagi pendidik SMA Negeri 1 Pandeglang, kami mohon Bapak/Ibu "
                "berkenan menugaskan narasumber pada kegiatan tersebut yang akan "
                "dilaksanakan pada:",
        event=(("Hari/tanggal", "Sabtu, 5 Desember 2026"), ("Waktu", "08.00 - 15.00 WIB"),
               ("Tempat", "Aula SMA Negeri 1 Pandeglang")),
        signature=Signature(("Kepala Sekolah,",), "Hj. Siti Nurjanah, S.Pd., M.Pd.",
                            "197604122000122003", nip_style="spaced", rank="Pembina Tk. I"),
    ),
    Spec(
        slug="smkn2_kota_serang", kind="pdf",
        head=(("PEMERINTAH PROVINSI BANTEN", 13.0, True),
              ("DINAS PENDIDIKAN DAN KEBUDAYAAN", 13.0, True),
              ("SMK NEGERI 2 KOTA SERANG", 16.0, True),
              ("Jalan Kitapa No. 21, Kota Serang, Banten 42111, Telepon (0254) 200456",
               10.0, False)),
        sender="SMK Negeri 2 Kota Serang",
        sender_parts=(("SMK Negeri 2 Kota Serang",),),
        number="800/215/SMKN2-SRG/X/2026", place="Serang", date=D(2026, 10, 27),
        date_style="slash", date_at="number", attachments="1 (satu) berkas",
        subject=("Permohonan Pendampingan Teaching Factory",), addressee=BPMP,
        address_style="yth",
        opening="Sehubungan dengan pengembangan program Teaching Factory pada kompetensi "
                "keahlian Teknik Komputer dan Jaringan, kami mengajukan permohonan "
                "pendampingan dari Balai Penjaminan Mutu Pendidikan Provinsi Banten. Bersama "
                "ini kami lampirkan proposal kegiatan beserta rencana anggaran.",
        signature=Signature(("Kepala SMK Negeri 2 Kota Serang,",), "Ir. Bambang Sutrisno, M.T.",
                            "197111061998021001"),
    ),
    Spec(
        slug="smp_alhikmah", kind="pdf",
        head=(("YAYASAN PENDIDIKAN ISLAM AL-HIKMAH", 13.0, True),
              ("SMP ISLAM AL-HIKMAH", 17.0, True),
              ("TERAKREDITASI A", 11.0, True),
              ("Jalan KH. Wasyid No. 45, Cilegon, Banten 42411, Telepon 0812-8765-4321",
               10.0, False)),
        sender="SMP Islam Al-Hikmah",
        sender_parts=(("SMP Islam Al-Hikmah",),),
        number="045/SMPI-AH/XI/2026", place="Cilegon", date=D(2026, 11, 2),
        date_style="long", date_at="number", attachments="-", hal_label="Perihal",
        subject=("Permohonan Kerja Sama Pelatihan Guru",), addressee=BPMP, address_style="yth",
        opening="Dengan ini kami mengajukan permohonan kerja sama pelatihan guru dalam "
                "penyusunan modul ajar dan asesmen formatif bagi 24 (dua puluh empat) guru "
                "SMP Islam Al-Hikmah. Kegiatan direncanakan pada bulan Januari 2027 dengan "
                "pembiayaan dari dana yayasan.",
        signature=Signature(("Kepala Sekolah,",), "Ahmad Fauzi, S.Pd.I., M.Pd."),
    ),
    Spec(
        slug="smk_bina_bangsa", kind="scan",
        head=(("YAYASAN BINA BANGSA MANDIRI", 13.0, True),
              ("SMK BINA BANGSA", 17.0, True),
              ("Jalan Raya Serang-Pandeglang Km. 8, Baros, Kabupaten Serang, Banten 42173",
               10.0, False)),
        sender="SMK Bina Bangsa",
        sender_parts=(("SMK Bina Bangsa",),),
        number="112/SMK-BB/X/2026", place="Baros", date=D(2026, 10, 19),
        date_style="long", date_at="signature", attachments="1 (satu) berkas",
        subject=("Permohonan Pendampingan Akreditasi",), addressee=BPMP_SHORT,
        address_style="yth", where="Tempat",
        opening="Dalam rangka persiapan akreditasi sekolah tahun 2027, kami mohon Bapak/Ibu "
                "berkenan memberikan pendampingan penyusunan dokumen evaluasi diri sekolah. "
                "Profil sekolah kami lampirkan bersama surat ini.",
        signature=Signature(("Kepala Sekolah,",), "Rudi Hartono, S.Kom., M.Pd.",
                            witness=(("Mengetahui,", "Ketua Yayasan,"), "H. Abdul Karim, Lc.")),
    ),
    Spec(
        slug="man1_serang", kind="pdf",
        head=(("KEMENTERIAN AGAMA REPUBLIK INDONESIA", 13.0, True),
              ("KANTOR KEMENTERIAN AGAMA KABUPATEN SERANG", 13.0, True),
              ("MADRASAH ALIYAH NEGERI 1 SERANG", 15.0, True),
              ("Jalan Raya Petir Km. 2, Kabupaten Serang, Banten 42151", 10.0, False),
              ("Telepon (0254) 280123, Pos-el: man1serang@kemenag.go.id", 10.0, False)),
        sender="Madrasah Aliyah Negeri 1 Serang",
        sender_parts=(("Madrasah Aliyah Negeri 1 Serang", "MAN 1 Serang"),),
        number="B-1234/Ma.28.04.01/PP.00.6/11/2026", place="Serang", date=D(2026, 11, 16),
        date_style="long", date_at="above", sifat="Biasa", attachments="-",
        subject=("Permohonan Narasumber Workshop Penyusunan Modul Ajar",),
        addressee=BPMP_SHORT, address_style="yth",
        opening="Dalam rangka meningkatkan kompetensi guru dalam menyusun modul ajar, Madrasah "
                "Aliyah Negeri 1 Serang akan menyelenggarakan workshop penyusunan modul ajar. "
                "Untuk itu kami mohon Bapak/Ibu berkenan menugaskan 1 (satu) orang narasumber "
                "pada:",
        event=(("Hari/tanggal", "Rabu, 2 Desember 2026"), ("Waktu", "07.30 WIB s.d. selesai"),
               ("Tempat", "Aula MAN 1 Serang")),
        signature=Signature(("Kepala,",), "Drs. H. Mahmudin, M.Pd.I.", "196807071995031002"),
    ),
    Spec(
        slug="kemenag_cilegon", kind="scan",
        head=(("KEMENTERIAN AGAMA REPUBLIK INDONESIA", 14.0, True),
              ("KANTOR KEMENTERIAN AGAMA KOTA CILEGON", 14.0, True),
              ("Jalan Jenderal Ahmad Yani No. 80, Cilegon, Banten 42414", 10.0, False),
              ("Telepon (0254) 391234, Laman: cilegon.kemenag.go.id", 10.0, False)),
        sender="Kantor Kementerian Agama Kota Cilegon",
        sender_parts=(("Kantor Kementerian Agama",), ("Kota Cilegon",)),
        number="B-2345/Kk.28.10/PP.00/10/2026", place="Cilegon", date=D(2026, 10, 8),
        date_style="long", date_at="above", attachments="1 (satu) berkas",
        subject=("Permohonan Pendampingan Penguatan", "Moderasi Beragama di Madrasah"),
        addressee=BPMP, address_style="kepada",
        opening="Dalam rangka penguatan moderasi beragama dan peningkatan mutu layanan "
                "pendidikan di madrasah, kami mohon dukungan pendampingan bagi 15 (lima belas) "
                "madrasah ibtidaiyah dan tsanawiyah di wilayah Kota Cilegon.",
        signature=Signature(("Kepala,",), "H. Mulyadi, S.Ag., M.Si.", "197105151998031002"),
        tembusan=("Kepala Kantor Wilayah Kementerian Agama Provinsi Banten.",),
    ),
    Spec(
        slug="mtsn2_lebak", kind="scan",
        head=(("KEMENTERIAN AGAMA REPUBLIK INDONESIA", 13.0, True),
              ("KANTOR KEMENTERIAN AGAMA KABUPATEN LEBAK", 13.0, True),
              ("MADRASAH TSANAWIYAH NEGERI 2 LEBAK", 15.0, True),
              ("Jalan Raya Malingping Km. 1, Malingping, Lebak, Banten 42391", 10.0, False)),
        sender="Madrasah Tsanawiyah Negeri 2 Lebak",
        sender_parts=(("Madrasah Tsanawiyah Negeri 2 Lebak", "MTsN 2 Lebak"),),
        number="B-456/Mts.28.02.02/PP.01.1/09/2026", place="Malingping", date=D(2026, 9, 21),
        date_style="dash", date_at="above", attachments="1 (satu) berkas",
        subject=("Permohonan Narasumber", "Kegiatan MGMP Madrasah"),
        addressee=("Kepala BPMP", "Provinsi Banten"), address_style="right",
        opening="Sehubungan dengan kegiatan Musyawarah Guru Mata Pelajaran (MGMP) tingkat "
                "madrasah, kami mohon Bapak/Ibu berkenan menugaskan narasumber dengan materi "
                "pembelajaran berdiferensiasi. Jadwal kegiatan terlampir.",
        signature=Signature(("Kepala Madrasah,",), "Nurhasanah, S.Ag., M.Pd.",
                            "197803032005012007", nip_style="spaced"),
    ),
    Spec(
        slug="fkip_untirta", kind="pdf",
        head=(("KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI", 12.0, True),
              ("UNIVERSITAS SULTAN AGENG TIRTAYASA", 15.0, True),
              ("FAKULTAS KEGURUAN DAN ILMU PENDIDIKAN", 13.0, True),
              ("Jalan Ciwaru Raya No. 25, Serang, Banten 42117", 10.0, False),
              ("Telepon (0254) 8280330, Laman: fkip.untirta.ac.id", 10.0, False)),
        sender="Fakultas Keguruan dan Ilmu Pendidikan Universitas Sultan Ageng Tirtayasa",
        sender_parts=(("Fakultas Keguruan dan Ilmu Pendidikan",),
                      ("Universitas Sultan Ageng Tirtayasa",)),
        number="3456/UN43.3/KS/2026", place="Serang", date=D(2026, 10, 14),
        date_style="long", date_at="number", attachments="1 (satu) berkas",
        subject=("Permohonan Kerja Sama Program Praktik Lapangan Persekolahan",),
        addressee=BPMP, address_style="yth",
        opening="Dalam rangka pelaksanaan Program Pengenalan Lapangan Persekolahan (PLP) "
                "mahasiswa Fakultas Keguruan dan Ilmu Pendidikan semester ganjil tahun "
                "akademik 2026/2027, kami mengajukan permohonan kerja sama dengan Balai "
                "Penjaminan Mutu Pendidikan Provinsi Banten. Draf naskah perjanjian kerja sama "
                "kami lampirkan.",
        signature=Signature(("Dekan,",), "Prof. Dr. Dedi Supriadi, M.Pd.", "197003121995121001",
                            nip_style="spaced"),
    ),
    Spec(
        slug="pgri_banten", kind="scan",
        head=(("PERSATUAN GURU REPUBLIK INDONESIA (PGRI)", 14.0, True),
              ("PENGURUS PROVINSI BANTEN", 15.0, True),
              ("Sekretariat: Jalan Ahmad Yani No. 118, Serang, Banten 42118", 10.0, False)),
        sender="PGRI Provinsi Banten",
        sender_parts=(("PGRI", "Persatuan Guru Republik Indonesia"), ("Banten",)),
        number="145/Um/PGRI-BTN/XI/2026", place="Serang", date=D(2026, 11, 9),
        date_style="long", date_at="number", attachments="-", hal_label="Perihal",
        subject=("Undangan Seminar Pendidikan",), addressee=BPMP_SHORT, address_style="yth",
        where="Tempat",
        opening="Dalam rangka memperingati Hari Guru Nasional dan HUT ke-81 PGRI, Pengurus "
                "Provinsi PGRI Banten akan menyelenggarakan Seminar Pendidikan Nasional. Kami "
                "mengundang Bapak/Ibu untuk hadir sekaligus menjadi pembicara kunci pada:",
        event=(("Hari/tanggal", "Rabu, 25 November 2026"), ("Pukul", "08.00 WIB"),
               ("Tempat", "Gedung PGRI Provinsi Banten")),
        signature=Signature(("Ketua,",), "Dr. H. Supriyadi, M.Pd."),
    ),
    Spec(
        slug="pgri_kab_tangerang", kind="pdf",
        head=(("PERSATUAN GURU REPUBLIK INDONESIA", 14.0, True),
              ("PENGURUS KABUPATEN TANGERANG", 15.0, True),
              ("Jalan Raya Tigaraksa No. 9, Tigaraksa, Kabupaten Tangerang, Banten 15720",
               10.0, False)),
        sender="PGRI Kabupaten Tangerang",
        sender_parts=(("PGRI", "Persatuan Guru Republik Indonesia"), ("Kabupaten Tangerang",)),
        number="067/PK-PGRI/Kab.Tng/X/2026", place="Tigaraksa", date=D(2026, 10, 28),
        date_style="long", date_at="above", attachments="1 (satu) lembar",
        subject=("Permohonan Narasumber", "Konferensi Kerja"),
        addressee=("Kepala BPMP", "Provinsi Banten"), address_style="right", where="Tempat",
        opening="Pengurus Kabupaten PGRI Kabupaten Tangerang akan melaksanakan Konferensi Kerja "
                "tahun 2026. Kami mohon Bapak/Ibu berkenan menjadi narasumber dengan materi "
                "kebijakan penjaminan mutu pendidikan. Susunan acara kami lampirkan.",
        signature=Signature(("Ketua,",), "H. Saepul Anwar, S.Pd., M.M.", "196901011990031012",
                            nip_style="spaced"),
    ),
    Spec(
        slug="disdikbud_cilegon", kind="scan",
        head=gov("PEMERINTAH KOTA CILEGON", unit=("DINAS PENDIDIKAN DAN KEBUDAYAAN",),
                 address=("Jalan Jenderal Sudirman No. 2, Cilegon, Banten 42417",
                          "Telepon (0254) 392200, Pos-el: dindikbud@cilegon.go.id")),
        sender="Dinas Pendidikan dan Kebudayaan Kota Cilegon",
        sender_parts=(("Dinas Pendidikan dan Kebudayaan",), ("Kota Cilegon",)),
        number="421/1502/Dindikbud/2026", place="Cilegon", date=D(2026, 11, 30),
        date_style="long", date_at="number", sifat="Segera", attachments="3 (tiga) berkas",
        subject=("Permohonan Fasilitasi Peningkatan Kompetensi Kepala Sekolah",),
        addressee=BPMP, address_style="yth",
        opening="Dalam rangka peningkatan kompetensi kepala sekolah jenjang SD dan SMP, kami "
                "mohon fasilitasi Bapak/Ibu berupa penugasan fasilitator dan bahan ajar. "
                "Bersama ini kami lampirkan kerangka acuan kegiatan, daftar peserta dan "
                "jadwal kegiatan.",
        signature=Signature(("Kepala Dinas Pendidikan dan Kebudayaan", "Kota Cilegon,"),
                            "Dr. Heni Anita Susila, M.Si.", "197105121996032004",
                            rank="Pembina Utama Muda"),
        tembusan=("Wali Kota Cilegon;", "Inspektur Kota Cilegon;", "Arsip."),
    ),
    Spec(
        slug="disdikbud_kab_serang", kind="pdf",
        head=gov("PEMERINTAH KABUPATEN SERANG", unit=("DINAS PENDIDIKAN DAN KEBUDAYAAN",),
                 address=("Jalan Veteran No. 1, Serang, Banten 42112",
                          "Telepon (0254) 200321, Laman: disdikbud.serangkab.go.id")),
        sender="Dinas Pendidikan dan Kebudayaan Kabupaten Serang",
        sender_parts=(("Dinas Pendidikan dan Kebudayaan",), ("Kabupaten Serang",)),
        number="421.1/3380/Disdikbud/2026", place="Serang", date=D(2026, 11, 20),
        date_style="long", date_at="above", sifat="Segera", attachments="2 (dua) lembar",
        subject=("Penyampaian Daftar Peserta", "Bimbingan Teknis Perencanaan",
                 "Berbasis Data"),
        addressee=("Kepala BPMP", "Provinsi Banten"), address_style="right",
        opening="Menindaklanjuti surat Bapak/Ibu Nomor 2011/C7.15/DT.02.00/2026 tanggal 2 "
                "November 2026, bersama ini kami sampaikan daftar peserta bimbingan teknis "
                "perencanaan berbasis data dari 30 (tiga puluh) satuan pendidikan di "
                "Kabupaten Serang sebagaimana terlampir.",
        signature=Signature(("a.n. Kepala Dinas Pendidikan dan", "Kebudayaan Kabupaten Serang",
                             "Sekretaris,"),
                            "H. Encep Safrudin, S.Sos., M.Si.", "197506152000031004",
                            nip_style="spaced", rank="Pembina"),
    ),
    Spec(
        slug="disdik_kota_tangerang", kind="scan",
        head=gov("PEMERINTAH KOTA TANGERANG", unit=("DINAS PENDIDIKAN",),
                 address=("Jalan Satria Sudirman No. 1, Kota Tangerang, Banten 15111",
                          "Telepon (021) 5523456, Laman: disdik.tangerangkota.go.id")),
        sender="Dinas Pendidikan Kota Tangerang",
        sender_parts=(("Dinas Pendidikan",), ("Kota Tangerang",)),
        number="400.3/2780-Disdik/2026", place="Tangerang", date=D(2026, 11, 16),
        date_style="slash", date_at="number", attachments=None, hal_label="Perihal",
        subject=("Permohonan Pendampingan Penyusunan Rencana", "Kegiatan dan Anggaran Sekolah"),
        addressee=BPMP, address_style="kepada",
        opening="Dalam rangka meningkatkan kualitas perencanaan dan penganggaran di satuan "
                "pendidikan, kami mohon Bapak/Ibu berkenan memberikan pendampingan penyusunan "
                "Rencana Kegiatan dan Anggaran Sekolah (RKAS) berbasis Rapor Pendidikan bagi "
                "sekolah dasar negeri di Kota Tangerang.",
        signature=Signature(("Kepala Dinas Pendidikan", "Kota Tangerang,"),
                            "Jamaludin, S.Sos., M.M.", "197007071994031005", nip_style="spaced"),
    ),
    Spec(
        slug="sdn2_labuan", kind="pdf",
        head=(("PEMERINTAH KABUPATEN PANDEGLANG", 13.0, True),
              ("DINAS PENDIDIKAN DAN KEBUDAYAAN", 13.0, True),
              ("SD NEGERI 2 LABUAN", 16.0, True),
              ("Jalan Raya Carita No. 14, Labuan, Pandeglang, Banten 42264", 10.0, False)),
        sender="SD Negeri 2 Labuan",
        sender_parts=(("SD Negeri 2 Labuan",),),
        number="421.2/041/SDN2-LBN/IX/2026", place="Labuan", date=D(2026, 9, 29),
        date_style="long", date_at="number", attachments="1 (satu) berkas",
        subject=("Permohonan Pendampingan Sekolah Penggerak",), addressee=BPMP_SHORT,
        address_style="yth",
        opening="Sehubungan dengan penetapan SD Negeri 2 Labuan sebagai sekolah pelaksana "
                "program sekolah penggerak, kami mohon Bapak/Ibu berkenan memberikan "
                "pendampingan dalam penyusunan kurikulum operasional satuan pendidikan.",
        signature=Signature(("Kepala Sekolah,",), "Iis Rohayati, S.Pd.SD", "197909092006042011",
                            rank="Penata Tk. I, III/d"),
    ),
)


# -- writing --------------------------------------------------------------------------------------


def check_specs(specs: tuple[Spec, ...]) -> None:
    """The ground truth must agree with itself: Roman months, NIP length, unique names."""
    slugs = [s.slug for s in specs]
    if len(set(slugs)) != len(slugs):
        raise ValueError("duplicate letter slugs")
    for s in specs:
        segments = s.number.replace("-", "/").split("/")
        romans = [x for x in segments if x in {roman(m) for m in range(1, 13)}]
        if romans and romans != [roman(s.date.month)]:
            raise ValueError(f"{s.slug}: Roman month {romans} is not {roman(s.date.month)}")
        nip = s.signature.nip
        if nip is not None and (len(nip) != 18 or not nip.isdigit()):
            raise ValueError(f"{s.slug}: NIP {nip!r} is not 18 digits")


def write_all(folder: Path | str) -> list[tuple[Path, dict[str, Any]]]:
    """Write the 20 letters into `folder`; return each file with its ground truth."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    check_specs(SPECS)
    rng = random.Random(SEED)
    out: list[tuple[Path, dict[str, Any]]] = []
    for i, spec in enumerate(SPECS, 1):
        head, rows = compose(spec, rng)
        check_fits(spec.slug, rows)
        suffix = "pdf" if spec.kind == "pdf" else "png"
        path = folder / f"{i:02d}_{spec.slug}.{suffix}"
        if spec.kind == "pdf":
            write_pdf(path, head, rows)
        else:
            write_scan(path, head, rows, random.Random(f"{SEED}-{spec.slug}"))
        out.append((path, truth_of(spec)))
    return out


if __name__ == "__main__":
    import json
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "unseen_letters")
    for path, truth in write_all(target):
        print(path, json.dumps(truth, ensure_ascii=False))
