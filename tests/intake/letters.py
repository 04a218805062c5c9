"""Sample Indonesian official letters (surat masuk) with known details, for the intake tests.

`samples()` builds letters deterministically from a seed in several LAYOUTS that differ the way
real letters do: a regional office's letterhead over two to four lines, a school under its
provincial office, a university (with or without a faculty line), a teachers' association, a
private school under its foundation, and the BPMP itself writing out. The Nomor block is on the
left with the date on the same line or above it; "Hal" or "Perihal"; "Yth." or "Kepada Yth." or an
addressee column on the right; with or without Lampiran; one- or two-line subjects; signers with
a NIP, with another ID (NIY, NIDN) or with none.

Writers turn a sample into real files: `write_pdf` (WeasyPrint, text layer, right column placed
by CSS so extraction sees it the way a born-digital letter gives it), `write_docx` (one paragraph
per line, a tab before the right column), `write_scan` (a skewed, noisy grayscale image). `noisy`
applies OCR-like damage to the text without making the truth unknowable.
"""

from __future__ import annotations

import datetime as dt
import html
import random
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")

LAYOUTS = (
    "pemda_sameline",  # PEMERINTAH / DINAS / address / phone; Nomor and date on one line; Yth.
    "pemda_twocol",  # date on the Nomor line, "Kepada / Yth. ... / di / Serang" on the right
    "school_date_above",  # PEMERINTAH PROVINSI / DINAS / school; date line above; Kepada Yth.
    "university",  # ministry / university [/ faculty]; Hal; no Lampiran; rector with NIP
    "association",  # association name wrapped over two lines; date above the signature; no NIP
    "private_school",  # foundation / school; No. / Lamp.; numeric date; NIY instead of NIP
    "ministry",  # KEMENTERIAN / BPMP; Sifat line; no "Dengan hormat"; tembusan
)
FIELDS = ("sender", "number", "date", "place", "subject", "addressee", "attachments",
          "attachment_count", "signer", "signer_nip")

WIDTH = 90  # characters of a text line
RIGHT_COL = 52  # where the right column starts in text()

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
MONTH_VARIANTS = {2: "Pebruari", 11: "Nopember"}  # older spellings still seen on letters
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
BPMP = "Kepala BPMP Provinsi Banten"
BPMP_LONG = "Kepala Balai Penjaminan Mutu Pendidikan Provinsi Banten"


@dataclass(frozen=True)
class Row:
    """One line of a letter: a left column, a right column, or a centred letterhead line."""

    left: str = ""
    right: str = ""
    center: bool = False

    @property
    def rule(self) -> bool:
        """The letterhead's rule: characters in text, a drawn line in PDFs and scans."""
        return len(self.left) > 10 and set(self.left) <= set("=_-")


@dataclass(frozen=True)
class SampleLetter:
    layout: str
    sender: str
    number: str
    date: dt.date
    place: str
    subject: str
    addressee: str
    attachments: str
    attachment_count: int | None
    signer: str
    signer_nip: str
    rows: tuple[Row, ...] = field(default=(), repr=False)

    def text(self) -> str:
        return "\n".join(_row_text(r) for r in self.rows) + "\n"

    def truth(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


def _row_text(row: Row) -> str:
    if row.center:
        return row.left.center(WIDTH).rstrip()
    if not row.right:
        return row.left
    gap = max(RIGHT_COL - len(row.left), 4)
    return row.left + " " * gap + row.right


# -- data ----------------------------------------------------------------------------------------

REGIONS = (  # government line, office, date place, address, contact, number code, head of region
    ("PEMERINTAH KABUPATEN LEBAK", "DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN LEBAK", "Lebak",
     "Jalan Abdi Negara Nomor 3 Rangkasbitung 42314",
     "Telepon (0252) 201234, Pos-el disdikbud@lebakkab.go.id", "Disdikbud", "Bupati Lebak"),
    ("PEMERINTAH KABUPATEN PANDEGLANG", "DINAS PENDIDIKAN KABUPATEN PANDEGLANG", "Pandeglang",
     "Jalan Mayor Widagdo Nomor 1 Pandeglang 42211",
     "Telp. (0253) 201456 Laman: disdik.pandeglangkab.go.id", "Disdik", "Bupati Pandeglang"),
    ("PEMERINTAH KOTA SERANG", "DINAS PENDIDIKAN DAN KEBUDAYAAN KOTA SERANG", "Serang",
     "Jalan Jenderal Sudirman Nomor 5 Kota Serang 42118",
     "Telepon (0254) 220011, Surel: dindikbud@serangkota.go.id", "Dindikbud", "Wali Kota Serang"),
    ("PEMERINTAH KOTA CILEGON", "DINAS PENDIDIKAN DAN KEBUDAYAAN KOTA CILEGON", "Cilegon",
     "Jalan Jenderal Ahmad Yani Nomor 12 Cilegon 42414",
     "Telepon (0254) 391122 Faks. (0254) 391123", "Dindikbud", "Wali Kota Cilegon"),
    ("PEMERINTAH KABUPATEN TANGERANG", "DINAS PENDIDIKAN KABUPATEN TANGERANG", "Tigaraksa",
     "Jalan Raya Tigaraksa Nomor 2 Tigaraksa, Tangerang 15720",
     "Telepon (021) 5991234, Pos-el: disdik@tangerangkab.go.id", "Disdik", "Bupati Tangerang"),
)
SCHOOLS = (  # name, number code, date place, address, contact
    ("SMA NEGERI 1 RANGKASBITUNG", "SMAN1-RKB", "Rangkasbitung",
     "Jalan Multatuli Nomor 1 Rangkasbitung, Lebak 42311",
     "NPSN 20600123, Telepon (0252) 201111, Pos-el: sman1rkb@gmail.com"),
    ("SMK NEGERI 2 PANDEGLANG", "SMKN2-PDG", "Pandeglang",
     "Jalan Raya Labuan Km. 5 Pandeglang 42252", "NPSN 20601234, Telepon (0253) 203344"),
    ("SMA NEGERI 4 KOTA SERANG", "SMAN4-SRG", "Serang",
     "Jalan Raya Petir Km. 2 Kota Serang 42117", "Laman: sman4kotaserang.sch.id"),
    ("SMK NEGERI 1 CILEGON", "SMKN1-CLG", "Cilegon",
     "Jalan Eks Jalan Tol Cibeber, Cilegon 42426", "Telepon (0254) 380123"),
)
UNIVERSITIES = (  # ministry line or "", university, faculty or "", unit code, place, address
    ("KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI", "UNIVERSITAS SULTAN AGENG TIRTAYASA",
     "", "UN43", "Serang", "Jalan Raya Palka Km. 3 Sindangsari, Pabuaran, Serang 42163"),
    ("KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI", "UNIVERSITAS SULTAN AGENG TIRTAYASA",
     "FAKULTAS KEGURUAN DAN ILMU PENDIDIKAN", "UN43.1", "Serang",
     "Jalan Raya Ciwaru Nomor 25 Serang 42117"),
    ("", "UNIVERSITAS MATHLA'UL ANWAR BANTEN", "", "UNMA", "Pandeglang",
     "Jalan Raya Labuan Km. 23 Cikaliung, Saketi, Pandeglang 42273"),
)
ASSOCIATIONS = (  # first line, second line or "", number code, place, sender truth
    ("MUSYAWARAH KERJA KEPALA SEKOLAH (MKKS) SMP", "KABUPATEN PANDEGLANG", "MKKS-SMP/PDG",
     "Pandeglang"),
    ("PERSATUAN GURU REPUBLIK INDONESIA (PGRI)", "PENGURUS KABUPATEN LEBAK", "PGRI-LBK",
     "Rangkasbitung"),
    ("MUSYAWARAH GURU MATA PELAJARAN (MGMP) MATEMATIKA SMA", "KOTA SERANG", "MGMP-MTK/SRG",
     "Serang"),
    ("IKATAN GURU INDONESIA (IGI) WILAYAH BANTEN", "", "IGI-BTN", "Serang"),
)
PRIVATE_SCHOOLS = (  # foundation, school, accreditation line, address, code, place
    ("YAYASAN PENDIDIKAN ISLAM AL-HIDAYAH", "SMK AL-HIDAYAH CILEGON",
     "Terakreditasi A, NPSN 20623456", "Jalan Raya Merak Km. 4 Cilegon 42438", "SMK-AH", "Cilegon"),
    ("YAYASAN NURUL FIKRI", "SMP ISLAM TERPADU NURUL FIKRI SERANG",
     "Terakreditasi A, NSS 202286004012", "Jalan Lingkar Selatan Nomor 9 Kota Serang 42182",
     "SMPIT-NF", "Serang"),
)

MEN = ("Dr. H. Asep Saepudin, S.Pd., M.M.", "Drs. Ahmad Fauzi, M.Si.",
       "H. Ujang Rohman, S.Ag., M.Pd.I.", "Dedi Supriadi, S.Kom., M.T.",
       "Prof. Dr. Ir. Fatah Sulaiman, S.T., M.T.", "Dr. Agus Setiawan, M.Pd.",
       "Budi Santoso, S.Pd., M.Si.", "H. Muhammad Ridwan, Lc., M.A.")
WOMEN = ("Hj. Euis Komariah, S.Pd., M.Pd.", "Nurhayati, S.Pd.", "Rina Marlina, M.Pd.",
         "Dr. Siti Aminah, M.Hum.", "Dra. Tati Suryati, M.M.", "Ika Kartika, S.E., M.Ak.")
RANKS = ("Pembina Utama Muda", "Pembina Tingkat I", "Pembina", "Penata Tingkat I",
         "Pembina Utama Madya", "Pembina Tk. I (IV/b)")

SUBJECTS = {
    "kemitraan": ("Permohonan Narasumber",
                  "Permohonan Narasumber Kegiatan In House Training Kurikulum Merdeka",
                  "Permohonan Pendampingan Penyusunan Kurikulum Operasional Satuan Pendidikan",
                  "Permohonan Kerja Sama Peningkatan Kompetensi Guru dan Tenaga Kependidikan",
                  "Permohonan Pendampingan Perencanaan Berbasis Data",
                  "Permohonan Kerja Sama"),
    "pengaduan": ("Pengaduan Layanan Penerbitan Sertifikat Kegiatan",
                  "Pengaduan Keterlambatan Layanan"),
    "informasi": ("Permohonan Informasi Data Rapor Pendidikan",
                  "Permohonan Informasi Jadwal Kegiatan Penjaminan Mutu Tahun Berjalan"),
    "undangan": ("Undangan Rapat Koordinasi Implementasi Kurikulum Merdeka",
                 "Undangan Pembukaan Lokakarya"),
}
MINISTRY_SUBJECTS = ("Pemberitahuan Jadwal Pendampingan Satuan Pendidikan",
                     "Undangan Rapat Koordinasi Penjaminan Mutu Pendidikan Tingkat Provinsi",
                     "Penyampaian Hasil Pemetaan Mutu")
ATTACHMENTS = (("1 (satu) berkas", 1), ("2 (dua) lembar", 2), ("1 (satu) bendel", 1),
               ("-", 0), ("Satu berkas", 1), ("3 (tiga) berkas", 3))
VENUES = ("Aula SMA Negeri 1 Rangkasbitung", "Gedung Serbaguna Dinas Pendidikan",
          "Hotel Le Dian Serang", "Aula Kampus Pakupatan", "Ruang Rapat Utama")
TOPICS = ("pembelajaran mendalam", "asesmen formatif", "pemanfaatan Rapor Pendidikan",
          "penyusunan modul ajar", "pembelajaran berdiferensiasi")


# -- building blocks -----------------------------------------------------------------------------


def date_words(d: dt.date, rng: random.Random, pad: bool = False) -> str:
    month = MONTHS[d.month - 1]
    if d.month in MONTH_VARIANTS and rng.random() < 0.5:
        month = MONTH_VARIANTS[d.month]
    day = f"{d.day:02d}" if pad else str(d.day)
    return f"{day} {month} {d.year}"


def _nip(rng: random.Random, woman: bool) -> str:
    born = dt.date(rng.randint(1966, 1986), rng.randint(1, 12), rng.randint(1, 28))
    hired = (born.year + rng.randint(22, 29), rng.randint(1, 12))
    return f"{born:%Y%m%d}{hired[0]}{hired[1]:02d}{2 if woman else 1}{rng.randint(1, 12):03d}"


def _nip_text(nip: str, rng: random.Random) -> str:
    spaced = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return rng.choice((f"NIP. {spaced}", f"NIP {nip}", f"NIP. {nip}", f"NIP {spaced}"))


def _person(rng: random.Random) -> tuple[str, bool]:
    woman = rng.random() < 0.4
    return rng.choice(WOMEN if woman else MEN), woman


def _wrap_subject(label: str, subject: str, width: int) -> list[Row]:
    """'Hal      : first part' and continuation lines aligned under the value."""
    pad = " " * len(label)
    parts = textwrap.wrap(subject, width)
    return [Row(label + parts[0])] + [Row(pad + p) for p in parts[1:]]


def _body(kind: str, d: dt.date, rng: random.Random, org: str, indent: str) -> list[Row]:
    start = d + dt.timedelta(days=rng.randint(30, 50))
    end = start + dt.timedelta(days=rng.randint(0, 2))
    period = (f"{start.day} s.d. {end.day} {MONTHS[end.month - 1]} {end.year}"
              if start.month == end.month and start != end
              else f"{start.day} {MONTHS[start.month - 1]} {start.year}")
    venue, topic = rng.choice(VENUES), rng.choice(TOPICS)
    people = rng.randint(30, 120)
    who = rng.choice(("Sdr. Dedi", "Ibu Yuli", "Bapak Rahmat"))
    contact = f"{who} (0812-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)})"
    paragraphs: list[str | list[Row]]
    if kind == "kemitraan":
        paragraphs = [
            f"Dalam rangka meningkatkan kompetensi guru dalam {topic}, {org} akan "
            f"menyelenggarakan kegiatan peningkatan kompetensi bagi {people} orang guru yang "
            f"akan dilaksanakan pada tanggal {period} bertempat di {venue}.",
            "Sehubungan dengan hal tersebut, kami mohon kesediaan Bapak/Ibu untuk menugaskan "
            f"{rng.randint(2, 4)} orang widyaprada sebagai narasumber dan pendamping kegiatan "
            f"dimaksud dengan materi {topic} selama {rng.choice((24, 32, 40))} JP. Biaya "
            "kegiatan dibebankan pada anggaran penyelenggara.",
            "Sebagai bahan pertimbangan, bersama ini kami lampirkan kerangka acuan kegiatan, "
            f"jadwal, dan draf naskah perjanjian kerja sama. Narahubung kegiatan: {contact}.",
        ]
    elif kind == "pengaduan":
        paragraphs = [
            f"Kami sampaikan bahwa sertifikat kegiatan {topic} yang dilaksanakan pada tanggal "
            f"{period} sampai dengan saat ini belum diterima oleh {people} orang peserta dari "
            "satuan pendidikan kami, padahal sertifikat tersebut diperlukan untuk pengembangan "
            "keprofesian berkelanjutan.",
            "Untuk itu kami mohon Bapak/Ibu berkenan menindaklanjuti hal ini dan memberikan "
            f"informasi waktu penerbitan sertifikat dimaksud melalui narahubung kami, {contact}.",
        ]
    elif kind == "informasi":
        paragraphs = [
            "Dalam rangka penyusunan rencana kerja dan anggaran satuan pendidikan tahun "
            f"{d.year + 1}, kami memerlukan data dan informasi mengenai {topic} serta hasil "
            "Rapor Pendidikan pada wilayah kami.",
            "Sehubungan dengan hal tersebut, kami mohon Bapak/Ibu berkenan memberikan data "
            f"dimaksud paling lambat tanggal {period}. Informasi lebih lanjut dapat "
            f"menghubungi {contact}.",
        ]
    else:
        day = DAYS[start.weekday()]
        paragraphs = [
            f"Dalam rangka koordinasi pelaksanaan {topic} di wilayah kami, dengan hormat kami "
            "mengundang Bapak/Ibu untuk hadir pada kegiatan yang akan dilaksanakan pada:",
            [Row(f"{indent}    Hari/tanggal   :  {day}, {start.day} {MONTHS[start.month - 1]} "
                 f"{start.year}"),
             Row(f"{indent}    Waktu          :  08.00 WIB s.d. selesai"),
             Row(f"{indent}    Tempat         :  {venue}")],
            "Mengingat pentingnya kegiatan tersebut, kami mohon kehadiran Bapak/Ibu tepat waktu.",
        ]
    paragraphs.append("Demikian surat ini kami sampaikan. Atas perhatian dan kerja sama "
                      "Bapak/Ibu, kami ucapkan terima kasih.")
    rows: list[Row] = []
    for p in paragraphs:
        if isinstance(p, list):
            rows += p
        else:
            rows += [Row(line) for line in textwrap.wrap(p, WIDTH - 4, initial_indent=indent)]
        rows.append(Row())
    return rows


def _signature(title: list[str], name: str, extra: list[str]) -> list[Row]:
    return ([Row(right=t) for t in title] + [Row(), Row(), Row()] + [Row(right=name)]
            + [Row(right=e) for e in extra])


# -- layouts -------------------------------------------------------------------------------------


@dataclass
class _Draft:
    """What a layout decides; `SampleLetter` is built from it."""

    sender: str
    number: str
    place: str
    date_text: str
    subject: str
    addressee: str
    attachments: tuple[str, int] | None
    signer: str
    signer_nip: str
    rows: list[Row]


def _lampiran(rng: random.Random, p: float = 0.75) -> tuple[str, int] | None:
    return rng.choice(ATTACHMENTS) if rng.random() < p else None


def _kind(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(("kemitraan", "kemitraan", "pengaduan", "informasi", "undangan"))
    return kind, rng.choice(SUBJECTS[kind])


def _pemda(rng: random.Random, d: dt.date, cycle: int, twocol: bool) -> _Draft:
    gov, office, place, address, contact, code, head = _pick(REGIONS, cycle)
    kind, subject = _kind(rng)
    if twocol:  # the left column must leave room for the addressee column
        subject = rng.choice([s for s in SUBJECTS["kemitraan"] if len(s) <= 36])
    number = _pick((f"421/{rng.randint(10, 999)}/{code}/{d.year}",
                         f"800/{rng.randint(100, 2999):04d}-{code}/{d.year}",
                    f"421.3/{rng.randint(1, 300):03d}/{code}/{ROMAN[d.month - 1]}/{d.year}"), cycle)
    date_text = f"{place}, {date_words(d, rng)}"
    head_rows = [Row(gov, center=True), Row(office, center=True)]
    head_rows += [Row(x, center=True) for x in (address, contact)[: rng.randint(0, 2)]]
    lamp = _lampiran(rng)
    addressee = rng.choice((BPMP, BPMP_LONG))
    name, woman = _person(rng)
    nip = _nip(rng, woman)
    rows = [*head_rows, Row("=" * WIDTH), Row()]
    if twocol:
        rows += [Row(f"Nomor    : {number}", date_text),
                 Row(f"Lampiran : {lamp[0] if lamp else '-'}", "Kepada"),
                 Row(f"Perihal  : {subject}", f"Yth. {addressee}"),
                 Row(right="di"), Row(right="    Serang"), Row()]
        lamp = lamp or ("-", 0)
    else:
        rows.append(Row(f"Nomor    : {number}", date_text))
        if lamp:
            rows.append(Row(f"Lampiran : {lamp[0]}"))
        rows += _wrap_subject("Hal      : ", subject, rng.choice((34, 60)))
        rows += [Row(), Row(f"Yth. {addressee}"), Row("di"), Row("    Serang"), Row()]
    rows += [Row("Dengan hormat,"), *_body(kind, d, rng, "kami", "    ")]
    title = (["a.n. Kepala Dinas", "Sekretaris,"] if rng.random() < 0.3 else ["Kepala Dinas,"])
    extra = ([rng.choice(RANKS)] if rng.random() < 0.7 else []) + [_nip_text(nip, rng)]
    rows += _signature(title, name, extra)
    if rng.random() < 0.5:
        rows += [Row(), Row("Tembusan:"), Row(f"1. {head} (sebagai laporan);"), Row("2. Arsip.")]
    return _Draft(office, number, place, date_text, subject, addressee, lamp, name, nip, rows)


def _school(rng: random.Random, d: dt.date, cycle: int) -> _Draft:
    name_line, code, place, address, contact = _pick(SCHOOLS, cycle)
    kind, subject = _kind(rng)
    number = _pick((f"{rng.randint(1, 300):03d}/{code}/{ROMAN[d.month - 1]}/{d.year}",
                    f"421.3/{rng.randint(1, 300):03d}/{code}/{d.year}"), cycle)
    date_text = f"{place}, {date_words(d, rng, pad=rng.random() < 0.4)}"
    lamp = _lampiran(rng)
    name, woman = _person(rng)
    nip = _nip(rng, woman)
    rows = [Row("PEMERINTAH PROVINSI BANTEN", center=True),
            Row("DINAS PENDIDIKAN DAN KEBUDAYAAN", center=True),
            Row(name_line, center=True), Row(address, center=True), Row(contact, center=True),
            Row("_" * WIDTH), Row(), Row(right=date_text), Row(),
            Row(f"Nomor    : {number}")]
    if lamp:
        rows.append(Row(f"Lampiran : {lamp[0]}"))
    rows += _wrap_subject("Perihal  : ", subject, rng.choice((38, 60)))
    rows += [Row(), Row("Kepada Yth."), Row(BPMP), Row("di Tempat"), Row(), Row("Dengan hormat,")]
    rows += _body(kind, d, rng, "sekolah kami", "")
    extra = ([rng.choice(RANKS)] if rng.random() < 0.5 else []) + [_nip_text(nip, rng)]
    rows += _signature(["Kepala Sekolah,"], name, extra)
    return _Draft(name_line, number, place, date_text, subject, BPMP, lamp, name, nip, rows)


def _university(rng: random.Random, d: dt.date, cycle: int) -> _Draft:
    ministry, univ, faculty, code, place, address = _pick(UNIVERSITIES, cycle)
    kind, subject = _kind(rng)
    number = _pick((f"B-{rng.randint(10, 999)}/{code}/KS.00/{d.year}",
                    f"{rng.randint(100, 9999)}/{code}/TU.00.01/{d.year}"), cycle // 3)
    date_text = f"{place}, {date_words(d, rng)}"
    rows = ([Row(ministry, center=True)] if ministry else []) + [Row(univ, center=True)]
    rows += ([Row(faculty, center=True)] if faculty else [])
    rows += [Row(address, center=True), Row(f"Laman: www.{code.lower()}.ac.id", center=True),
             Row("=" * WIDTH), Row(), Row(f"Nomor : {number}", date_text)]
    rows += _wrap_subject("Hal   : ", subject, rng.choice((40, 70)))
    rows += [Row(), Row(f"Yth. {BPMP}"), Row("Jalan Raya Pandeglang Km. 3, Karundang"),
             Row("Serang"), Row(), Row("Dengan hormat,")]
    rows += _body(kind, d, rng, "kami", "")
    name, woman = _person(rng)
    public = bool(ministry)
    nip = _nip(rng, woman) if public else ""
    ident = _nip_text(nip, rng) if public else f"NIDN {rng.randint(400000000, 499999999):010d}"
    rows += _signature(["Dekan," if faculty else "Rektor,"], name, [ident])
    # A faculty is registered with its university: every university has a "FKIP".
    sender = f"{faculty} {univ}" if faculty else univ
    return _Draft(sender, number, place, date_text, subject, BPMP, None, name, nip, rows)


def _association(rng: random.Random, d: dt.date, cycle: int) -> _Draft:
    first, second, code, place = _pick(ASSOCIATIONS, cycle)
    kind, subject = _kind(rng)
    number = f"{rng.randint(1, 120):03d}/{code}/{ROMAN[d.month - 1]}/{d.year}"
    date_text = f"{place}, {date_words(d, rng)}"
    lamp = _lampiran(rng, 0.5)
    rows = [Row(first, center=True)] + ([Row(second, center=True)] if second else [])
    rows += [Row(f"Sekretariat: Jalan Pendidikan Nomor {rng.randint(1, 40)} {place}", center=True),
             Row("-" * WIDTH), Row(), Row(f"Nomor    : {number}")]
    if lamp:
        rows.append(Row(f"Lampiran : {lamp[0]}"))
    rows += _wrap_subject("Perihal  : ", subject, 60)
    rows += [Row(), Row("Kepada"), Row(f"Yth. {BPMP}"), Row("di Serang"), Row(),
             Row("Dengan hormat,")]
    rows += _body(kind, d, rng, "kami", "    ")
    name, _ = _person(rng)
    rows += [Row(right=date_text), *_signature(["Ketua,"], name, [])]
    sender = f"{first} {second}" if second else first
    return _Draft(sender, number, place, date_text, subject, BPMP, lamp, name, "", rows)


def _private_school(rng: random.Random, d: dt.date, cycle: int) -> _Draft:
    foundation, school, accreditation, address, code, place = _pick(PRIVATE_SCHOOLS, cycle)
    kind, subject = _kind(rng)
    number = f"{rng.randint(1, 200):03d}/{code}/{ROMAN[d.month - 1]}/{d.year}"
    date_text = f"{place}, {d.day:02d}-{d.month:02d}-{d.year}"
    lamp = _lampiran(rng, 0.5)
    rows = [Row(foundation, center=True), Row(school, center=True),
            Row(accreditation, center=True), Row(address, center=True), Row("=" * WIDTH),
            Row(right=date_text), Row(), Row(f"No.      : {number}")]
    if lamp:
        rows.append(Row(f"Lamp.    : {lamp[0]}"))
    rows += _wrap_subject("Perihal  : ", subject, 60)
    rows += [Row(), Row("Kepada Yth."), Row(BPMP_LONG), Row("di Tempat"), Row(),
             Row("Assalamu'alaikum Wr. Wb.")]
    rows += _body(kind, d, rng, "sekolah kami", "")
    rows.append(Row("Wassalamu'alaikum Wr. Wb."))
    name, _ = _person(rng)
    niy = f"NIY. {rng.randint(2005, 2020)}.{rng.randint(1, 12):02d}.{rng.randint(1, 99):03d}"
    rows += _signature(["Kepala Sekolah,"], name, [niy])
    return _Draft(school, number, place, date_text, subject, BPMP_LONG, lamp, name, "", rows)


def _ministry(rng: random.Random, d: dt.date, cycle: int) -> _Draft:
    number = ("2209 C7.15/DT.02.00/2023" if cycle == 0
              else f"{rng.randint(1, 3000):04d}/C7.15/{rng.choice(('KS.00.01', 'DT.02.00'))}"
                   f"/{d.year}")
    subject = rng.choice(MINISTRY_SUBJECTS)
    date_text = f"Serang, {date_words(d, rng)}"
    addressee = rng.choice(("Kepala Dinas Pendidikan dan Kebudayaan Kabupaten Lebak",
                            "Kepala SMA Negeri 1 Rangkasbitung",
                            "Rektor Universitas Sultan Ageng Tirtayasa"))
    sender = "BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN"
    rows = [Row("KEMENTERIAN PENDIDIKAN DASAR DAN MENENGAH", center=True),
            Row(sender, center=True),
            Row("Jalan Raya Pandeglang Km. 3, Karundang, Kota Serang 42118", center=True),
            Row("Telepon (0254) 200123, Laman: bpmpbanten.kemendikdasmen.go.id", center=True),
            Row("=" * WIDTH), Row(), Row(f"Nomor    : {number}", date_text),
            Row("Sifat    : Biasa"), Row("Lampiran : -")]
    rows += _wrap_subject("Hal      : ", subject, 45)
    rows += [Row(), Row(f"Yth. {addressee}"), Row()]
    rows += _body(rng.choice(("undangan", "informasi")), d, rng, "BPMP Provinsi Banten", "")
    name, woman = _person(rng)
    nip = _nip(rng, woman)
    rows += _signature(["Kepala,"], name, [_nip_text(nip, rng)])
    rows += [Row(), Row("Tembusan:"), Row("Direktur Jenderal Pendidikan Anak Usia Dini, "
                                          "Pendidikan Dasar, dan Pendidikan Menengah")]
    return _Draft(sender, number, "Serang", date_text, subject, addressee, ("-", 0), name, nip,
                  rows)


def _pick(table: tuple[_T, ...], cycle: int) -> _T:
    """Entities and number shapes in turn, so that a few samples already cover them all."""
    return table[cycle % len(table)]


def _draft(layout: str, rng: random.Random, d: dt.date, cycle: int) -> _Draft:
    if layout.startswith("pemda"):
        return _pemda(rng, d, cycle, twocol=layout == "pemda_twocol")
    if layout == "school_date_above":
        return _school(rng, d, cycle)
    if layout == "university":
        return _university(rng, d, cycle)
    if layout == "association":
        return _association(rng, d, cycle)
    if layout == "private_school":
        return _private_school(rng, d, cycle)
    return _ministry(rng, d, cycle)


def samples(n: int = 28, seed: int = 20260303) -> list[SampleLetter]:
    """n letters, cycling through LAYOUTS; the same seed gives the same letters."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        layout = LAYOUTS[i % len(LAYOUTS)]
        cycle = i // len(LAYOUTS)
        if layout == "ministry" and cycle == 0:  # the decree number of the domain brief
            d = dt.date(2023, 11, 20)
        else:
            d = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randint(0, 1450))
        dr = _draft(layout, rng, d, cycle)
        out.append(SampleLetter(
            layout=layout, sender=dr.sender, number=dr.number, date=d, place=dr.place,
            subject=dr.subject, addressee=dr.addressee,
            attachments=dr.attachments[0] if dr.attachments else "",
            attachment_count=dr.attachments[1] if dr.attachments else None,
            signer=dr.signer, signer_nip=dr.signer_nip, rows=tuple(dr.rows)))
    return out


# -- OCR-like damage -----------------------------------------------------------------------------

_LABEL_LINE = re.compile(r"^(\s*)(Nomor|No\.|Lampiran|Lamp\.|Perihal|Hal|Sifat)(\s*):")
_LABEL_NOISE = {
    "Nomor": ("Nomer", "N0mor", "Nornor", "No.", "N omor", "Nomor"),
    "Lampiran": ("Lamplran", "Larnpiran", "Lampiran"),
    "Perihal": ("Perlhal", "Perihai", "Pcrihal", "Per ihal"),
    "Hal": ("HaI", "Hai", "Hal"),
}
_SEPARATORS = (":", ";", ".", "", " :", ":")
_NIP_LINE = re.compile(r"^(\s*)NIP(\.? )([0-9 ]+)$")
_DATE_YEAR = re.compile(r"(?<=[0-9] )([A-Z][a-z]+ )20(?=[0-9]{2}\b)")
_MONTH_NOISE = {"Maret": "Marct", "Agustus": "Agusius", "Desember": "Desernber",
                "Oktober": "0ktober", "Juli": "JuIi"}
_SINGLE_SPACE = re.compile(r"(?<=\S) (?=\S)")


def _noisy_label(line: str, rng: random.Random) -> str:
    m = _LABEL_LINE.match(line)
    if not m:
        return line
    label = rng.choice(_LABEL_NOISE.get(m[2], (m[2],)))
    rest = line[m.end():]
    if m[2] in ("Nomor", "No."):  # a zero read as the letter O in the year
        left, gap, right = rest.partition("    ")
        if rng.random() < 0.4:
            left = re.sub(r"20([0-9]{2})\s*$", r"2O\1", left)
        rest = left + gap + right
    return f"{m[1]}{label}{m[3]}{rng.choice(_SEPARATORS)}{rest}"


def _noisy_line(line: str, rng: random.Random) -> str:
    line = _noisy_label(line, rng)
    m = _NIP_LINE.match(line)
    if m and rng.random() < 0.6:
        digits = m[3].replace("1", "l", 1) if rng.random() < 0.5 else m[3]
        line = f"{m[1]}{rng.choice(('NlP', 'N1P', 'Nip'))}{m[2]}{digits}"
    if rng.random() < 0.3:  # '3 Maret 2O26'
        line = _DATE_YEAR.sub(r"\g<1>2O", line)
    if "Yth." in line and rng.random() < 0.6:
        line = line.replace("Yth.", rng.choice(("Yth", "Yth,", "Ytb.", "Yth :")), 1)
    for month, damaged in _MONTH_NOISE.items():
        if month in line and rng.random() < 0.4:
            line = line.replace(month, damaged)
    return _SINGLE_SPACE.sub(lambda _: "  " if rng.random() < 0.06 else " ", line)


def _break_after_label(lines: list[str], rng: random.Random) -> list[str]:
    """OCR sometimes puts a label's value on its own line: 'Lampiran :' / '1 (satu) berkas'."""
    out: list[str] = []
    for line in lines:
        m = re.match(r"^(\s*(?:Lampiran|Lamp\.|Hal|Perihal)\s*:)\s*(\S.*)$", line)
        if m and "   " not in m[2] and rng.random() < 0.3:
            out += [m[1], m[2]]
        else:
            out.append(line)
    return out


def noisy(text: str, rng: random.Random) -> str:
    """A copy of the letter text with OCR-like damage that leaves every detail knowable: label
    words misread, ':' read as ';' or '.' or lost, a 0 read as O in a year, 1 as l in a NIP,
    month names misspelt, doubled spaces, values broken onto the next line, indentation and
    blank lines lost."""
    lines = _break_after_label(text.splitlines(), rng)
    lines = [_noisy_line(line, rng) for line in lines]
    if rng.random() < 0.5:
        lines = [line.lstrip() for line in lines]
    if rng.random() < 0.5:
        lines = [line for line in lines if line.strip()]
    return "\n".join(lines) + "\n"


# -- files ---------------------------------------------------------------------------------------

_PDF_CSS = """
@page { size: A4; margin: 2cm 2cm 2cm 2.5cm; }
body { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 10.5pt; }
.row { position: relative; white-space: pre; min-height: 1.2em; line-height: 1.2em; }
.c { text-align: center; font-weight: bold; }
.r { position: absolute; left: 9.3cm; top: 0; }
.rule { border-bottom: 3px double black; margin-bottom: 0.3em; }
"""


def _html_row(row: Row) -> str:
    if row.rule:
        return '<div class="rule"></div>'
    if row.center:
        return f'<div class="row c">{html.escape(row.left)}</div>'
    right = f'<span class="r">{html.escape(row.right)}</span>' if row.right else ""
    return f'<div class="row">{html.escape(row.left)}{right}</div>'


def write_pdf(sample: SampleLetter, path: Path) -> Path:
    """A born-digital PDF: real text, the right column placed by CSS (not by spaces)."""
    from weasyprint import HTML  # slow to import; only the PDF tests need it

    body = "".join(_html_row(r) for r in sample.rows)
    page = f"<html><head><meta charset='utf-8'><style>{_PDF_CSS}</style></head>" \
           f"<body>{body}</body></html>"
    HTML(string=page).write_pdf(path)
    return path


def write_docx(sample: SampleLetter, path: Path) -> Path:
    """One paragraph per line; a tab before the right column; letterhead centred."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc = Document()
    for row in sample.rows:
        if row.center:
            para = doc.add_paragraph(row.left)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif row.right:
            para = doc.add_paragraph(f"{row.left}\t{row.right}")
            para.paragraph_format.tab_stops.add_tab_stop(Cm(9.3))
        else:
            para = doc.add_paragraph(row.left)
        para.paragraph_format.space_after = 0
    doc.save(str(path))
    return path


def _font_file() -> str:
    for family in ("Liberation Serif", "DejaVu Serif"):
        if shutil.which("fc-match"):
            out = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True,
                                 text=True, check=False).stdout.strip()
            if out and Path(out).exists():
                return out
    return "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def write_scan(sample: SampleLetter, path: Path, dpi: int = 300, skew_deg: float = 0.0,
               noise: float = 0.0, seed: int = 0) -> Path:
    """A scanned page: the letter drawn in grayscale at dpi, rotated by skew_deg, with a share
    `noise` of pixels flipped to black or white (salt and pepper). PNG, TIFF or JPEG by the
    path's extension; one tall page when the letter does not fit on A4."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(_font_file(), size=round(10.5 / 72 * dpi))
    line_h = round(10.5 * 1.35 / 72 * dpi)
    margin = round(2 / 2.54 * dpi)
    width = round(8.27 * dpi)
    height = max(round(11.69 * dpi), 2 * margin + line_h * len(sample.rows))
    right_x = margin + round(9.3 / 2.54 * dpi)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    for i, row in enumerate(sample.rows):
        y = margin + i * line_h
        if row.rule:
            draw.line((margin, y + line_h // 2, width - margin, y + line_h // 2), fill=0,
                      width=max(2, dpi // 60))
            continue
        if row.center:
            w = draw.textlength(row.left, font=font)
            draw.text(((width - w) / 2, y), row.left, font=font, fill=0)
            continue
        indent = len(row.left) - len(row.left.lstrip(" "))
        x = margin + draw.textlength(" " * indent, font=font)
        draw.text((x, y), row.left.lstrip(" "), font=font, fill=0)
        if row.right:
            draw.text((right_x, y), row.right, font=font, fill=0)
    if skew_deg:
        img = img.rotate(skew_deg, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if noise > 0:
        img = _salt_and_pepper(img, noise, random.Random(seed))
    fmt = {".png": "PNG", ".tif": "TIFF", ".tiff": "TIFF", ".jpg": "JPEG", ".jpeg": "JPEG"}
    kind = fmt[Path(path).suffix.lower()]
    options: dict[str, object] = {"JPEG": {"quality": 85}, "TIFF": {"compression": "tiff_lzw"},
                                  "PNG": {}}[kind]
    img.save(path, kind, dpi=(dpi, dpi), **options)
    return path


def _salt_and_pepper(img, share: float, rng: random.Random):  # type: ignore[no-untyped-def]
    from PIL import Image

    cut = round(share * 255 / 2)
    speck = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
    black = speck.point(lambda v: 255 if v < cut else 0)  # mask: where pepper falls
    white = speck.point(lambda v: 255 if v > 255 - cut else 0)
    img = Image.composite(Image.new("L", img.size, 0), img, black)
    return Image.composite(Image.new("L", img.size, 255), img, white)
