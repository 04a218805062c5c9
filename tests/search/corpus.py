"""Deterministic catalogue records in realistic Indonesian, for search tests and benchmarks.

`corpus(n, seed)` yields a background mix the way BPMP Provinsi Banten's catalogue would hold it:
incoming letters (surat masuk) from regional offices, schools, universities and associations;
participant certificates in batches per activity; decrees (keputusan), agreements (perjanjian
kerja sama) and activity reports that belong to one partnership programme; bare outgoing numbers
and a few numbers recorded from other offices. Texts are composed from many sentence templates
with slot values, so term frequencies and affix variants look like real documents. Corpora of
SAMPLES_FROM records or more also hold each fitting letter of tests.intake.letters.samples()
once, at its date. `average_words` measures the text a benchmark indexes.

`relevance_targets(seed)` plants records and the queries that must find them (written for the
query language of archiva.search.query); `relevance_set` puts them on top of a background.

Separation from the background is by construction:
- target numbers use sequence numbers the background skips (9000-9999 for outgoing letters,
  decrees, agreements, reports, numbers and the incoming agenda; 90000-99999 for certificates)
  and unit C7.22, which the background never uses for its external records;
- the numbers target letters and partners carry themselves (`421/123/Disdik/2026`) are listed in
  `RESERVED_FOREIGN` and never produced by the background;
- target keys never start with "bg-";
- the words in `RESERVED_WORDS` (Kabupaten Lebak and its places, planted people, programmes and
  phrases) never occur in the background, so queries naming them see only targets;
- background complaints received in 2026 are always answered on time, so
  `tipe:pengaduan terlambat:ya tahun:2026` sees only the planted late complaints.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tests.intake.letters import (
    ASSOCIATIONS,
    DAYS,
    MEN,
    MONTHS,
    PRIVATE_SCHOOLS,
    REGIONS,
    ROMAN,
    SCHOOLS,
    SUBJECTS,
    TOPICS,
    UNIVERSITIES,
    VENUES,
    WOMEN,
    SampleLetter,
    date_words,
    samples,
)

# -- records -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusLetter:
    """An incoming letter's details (kind "incoming" only)."""

    original_name: str
    sender: str
    their_number: str
    letter_date: dt.date | None
    subject: str
    addressee: str
    attachments: str
    signer: str
    signer_nip: str
    letter_type: str  # permohonan_kemitraan | pengaduan | permintaan_informasi | undangan | lainnya
    progress: str  # baru | diproses | selesai
    due_date: dt.date
    received: dt.datetime  # tz-aware UTC
    closed_on: dt.date | None  # when set to selesai
    answered_by: str | None  # key of a corpus record answering it
    text: str  # the letter's full text


@dataclass(frozen=True)
class CorpusRecord:
    key: str
    kind: str  # decree | mou | report | certificate | number | external | incoming
    series: str  # decree | agreement | letter | certificate | incoming
    number: str
    classification: str
    date: dt.date  # register date (incoming: day received)
    subject: str
    status: str  # filed | issued | recorded | void
    void_reason: str
    parties: list[dict[str, object]]
    details: dict[str, object]
    body: str
    verification_code: str | None
    letter: CorpusLetter | None


@dataclass(frozen=True)
class RelevanceQuery:
    query: str
    expected: frozenset[str]  # keys that must all be in the top 10
    note: str
    options: dict[str, object] = field(default_factory=dict)  # kind, year, date_from, ...


SERIES = {"decree": "decree", "mou": "agreement", "report": "letter", "number": "letter",
          "external": "letter", "certificate": "certificate", "incoming": "incoming"}

# -- the office ----------------------------------------------------------------------------------

OFFICE = "BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN"
OFFICE_TITLE = "Balai Penjaminan Mutu Pendidikan Provinsi Banten"
OFFICE_SHORT = "BPMP Provinsi Banten"
HEAD = "Dr. Ahmad Suryadi, M.Pd."
HEAD_NIP = "197103152000121003"
UNIT = "C7.15"
ADDRESS = "Jalan Raya Pandeglang Km. 3, Karundang, Kota Serang 42118"
LETTERHEAD = ("KEMENTERIAN PENDIDIKAN DASAR DAN MENENGAH\n" + OFFICE + "\n" + ADDRESS + "\n"
              "Telepon (0254) 200123, Laman: bpmpbanten.kemendikdasmen.go.id\n"
              + "=" * 78 + "\n")
FIRST_DAY = dt.date(2023, 1, 2)
LAST_DAY = dt.date(2026, 11, 30)
TODAY = dt.date(2026, 12, 1)  # the day the catalogue is looked at (due dates before it are past)
WIB = dt.timedelta(hours=7)

TARGET_SEQ = 9000  # outgoing and agenda sequence numbers 9000-9999 belong to targets
TARGET_CERT_SEQ = 90000  # certificate sequence numbers 90000-99999 belong to targets
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
SAMPLES_FROM = 1000  # corpora of this size include the intake tests' sample letters

# Words the background never writes: they identify planted targets.
RESERVED_WORDS = frozenset({
    "lebak", "rangkasbitung", "malingping", "bayah", "leuwidamar", "warunggunung", "cipanas",
    "pesisir", "tangguh", "kemaritiman", "kalimantan", "nenden", "sukaesih", "sasmita",
    "mulyadi", "jubaedi", "sumarna", "tatang", "karlina", "lilis", "sopandi", "cucu", "sumiati",
    "baduy", "saepuloh", "kusnadi", "maryani", "darmawan",
})
# Numbers letters and partners of targets carry themselves; the background never writes them.
RESERVED_FOREIGN = (
    "421/123/Disdik/2026", "421/132/Disdik/2026", "421/123/Disdik/2025",
    "119/PKS-Disdikbud/II/2024", "421/077/Disdikbud/2023", "119/PKS-Disdikbud/III/2026",
    "421.3/214/Disdikbud/II/2024", "800/0412-Disdik/2024", "045/SMAN1-MLP/V/2025",
    "046/SMAN1-MLP/V/2025", "027/SMKN1-BYH/VI/2025", "005/SMPN3-BYH/I/2026",
    "012/SDN2-WRG/IV/2026", "031/MGMP-IPA/LWD/X/2026", "018/SMAN1-CPN/V/2026",
    "044/SMPN3-BYH/VIII/2025", "061/SMAN2-RKB/IX/2025", "009/PGRI-LBK/XI/2026",
)
_SEPARATORS = re.compile(r"[\s/]+")
_LEADING_ZEROS = re.compile(r"^0+(?=[0-9])")


def fold_number(number: str) -> str:
    """A number as the register compares it: upper case, runs of whitespace and '/' as one '/'."""
    return "/".join(s for s in _SEPARATORS.split(number.strip().upper()) if s)


def search_key(number: str) -> str:
    """As the search index compares numbers: folded and without leading zeros of segments."""
    return "/".join(_LEADING_ZEROS.sub("", s) for s in fold_number(number).split("/"))


_RESERVED_KEYS = frozenset(search_key(n) for n in RESERVED_FOREIGN)

# -- vocabulary ----------------------------------------------------------------------------------


def _clean(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(x for x in items if not any(w in x.lower() for w in RESERVED_WORDS))


FIRST_NAMES_M = ("Ahmad", "Asep", "Dedi", "Agus", "Budi", "Hendra", "Rudi", "Yusuf", "Iwan",
                 "Dadang", "Ujang", "Rahmat", "Fajar", "Eko", "Rizal", "Hasan", "Ade", "Arif",
                 "Andri", "Jajang", "Ridwan", "Taufik", "Wahyu", "Irfan", "Dodi", "Endang",
                 "Heri", "Yayan", "Acep", "Supriyadi", "Bambang", "Joko")
FIRST_NAMES_F = ("Siti", "Rina", "Euis", "Nurhayati", "Dewi", "Yuli", "Ika", "Tati", "Neneng",
                 "Rini", "Sri", "Eneng", "Lina", "Wati", "Ani", "Fitri", "Ratna", "Nining",
                 "Iis", "Dian", "Yeni", "Mega", "Anisa", "Rohmah")
LAST_NAMES_F = ("Komariah", "Marlina", "Aminah", "Nurjanah", "Fauziah", "Rahayu", "Lestari",
                "Wulandari", "Safitri", "Rosita", "Susanti", "Mulyani", "Fadilah", "Rahmawati",
                "Handayani", "Yuliani")
LAST_NAMES_M = ("Saepudin", "Hidayat", "Setiawan", "Santoso", "Rohman", "Supriadi", "Kurniawan",
                "Hermawan", "Maulana", "Ramdani", "Suryana", "Permana", "Gunawan", "Firmansyah",
                "Hakim", "Wijaya", "Pratama", "Haryanto", "Nugraha", "Sulaeman", "Iskandar",
                "Syahputra")
TITLES_BEFORE = ("", "", "", "", "Drs. ", "Dra. ", "Dr. ", "H. ", "Hj. ")
TITLES_AFTER = (", S.Pd.", ", S.Pd., M.Pd.", ", M.Pd.", ", S.Pd.I.", ", S.Si., M.Si.",
                ", S.E., M.M.", ", M.Si.", ", S.Kom.", ", S.Pd., M.M.", ", M.Hum.", "")
BG_MEN = _clean(MEN)
BG_WOMEN = _clean(WOMEN)

BG_PLACES = (  # place, region phrase, region abbreviation
    ("Pandeglang", "Kabupaten Pandeglang", "PDG"), ("Labuan", "Kabupaten Pandeglang", "PDG"),
    ("Menes", "Kabupaten Pandeglang", "PDG"), ("Saketi", "Kabupaten Pandeglang", "PDG"),
    ("Serang", "Kota Serang", "SRG"), ("Kasemen", "Kota Serang", "SRG"),
    ("Ciruas", "Kabupaten Serang", "KSR"), ("Kragilan", "Kabupaten Serang", "KSR"),
    ("Anyer", "Kabupaten Serang", "KSR"), ("Cilegon", "Kota Cilegon", "CLG"),
    ("Merak", "Kota Cilegon", "CLG"), ("Tigaraksa", "Kabupaten Tangerang", "TNG"),
    ("Balaraja", "Kabupaten Tangerang", "TNG"), ("Cikupa", "Kabupaten Tangerang", "TNG"),
    ("Tangerang", "Kota Tangerang", "KTG"), ("Ciledug", "Kota Tangerang", "KTG"),
    ("Pamulang", "Kota Tangerang Selatan", "TSL"), ("Serpong", "Kota Tangerang Selatan", "TSL"),
    ("Ciputat", "Kota Tangerang Selatan", "TSL"),
)
# Regional offices: record sender, letterhead lines, date place, number code, head's title.
EXTRA_REGIONS = (
    ("PEMERINTAH KABUPATEN SERANG", "DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN SERANG", "Serang",
     "Jalan Veteran Nomor 1 Kota Serang 42111", "Telepon (0254) 200321", "Disdikbud",
     "Bupati Serang"),
    ("PEMERINTAH KOTA TANGERANG", "DINAS PENDIDIKAN KOTA TANGERANG", "Tangerang",
     "Jalan Satria Sudirman Nomor 1 Kota Tangerang 15111", "Telepon (021) 5584321", "Disdik",
     "Wali Kota Tangerang"),
    ("PEMERINTAH KOTA TANGERANG SELATAN", "DINAS PENDIDIKAN DAN KEBUDAYAAN KOTA TANGERANG SELATAN",
     "Tangerang Selatan", "Jalan Maruga Raya Nomor 1 Ciputat 15411", "Telepon (021) 7470123",
     "Dindikbud", "Wali Kota Tangerang Selatan"),
    ("PEMERINTAH PROVINSI BANTEN", "DINAS PENDIDIKAN DAN KEBUDAYAAN PROVINSI BANTEN", "Serang",
     "Kawasan Pusat Pemerintahan Provinsi Banten, Jalan Syekh Nawawi Al Bantani, Curug, Serang",
     "Telepon (0254) 267123", "Dindikbud", "Gubernur Banten"),
    ("PEMERINTAH KABUPATEN BOGOR", "DINAS PENDIDIKAN KABUPATEN BOGOR", "Cibinong",
     "Jalan Bersih, Komplek Perkantoran Pemda, Cibinong 16914", "Telepon (021) 8765432",
     "Disdik", "Bupati Bogor"),
    ("PEMERINTAH KOTA BANDAR LAMPUNG", "DINAS PENDIDIKAN DAN KEBUDAYAAN KOTA BANDAR LAMPUNG",
     "Bandar Lampung", "Jalan Dokter Susilo Nomor 2 Bandar Lampung 35214",
     "Telepon (0721) 481234", "Disdikbud", "Wali Kota Bandar Lampung"),
    ("PEMERINTAH KABUPATEN SUKABUMI", "DINAS PENDIDIKAN KABUPATEN SUKABUMI", "Palabuhanratu",
     "Jalan Jalur Lingkar Selatan, Palabuhanratu 43364", "Telepon (0266) 431234", "Disdik",
     "Bupati Sukabumi"),
)
BG_REGIONS = (*(r for r in REGIONS if "LEBAK" not in r[1]), *EXTRA_REGIONS)
BG_UNIVERSITIES = (
    *UNIVERSITIES,
    ("", "UNIVERSITAS PAMULANG", "", "UNPAM", "Tangerang Selatan",
     "Jalan Surya Kencana Nomor 1 Pamulang, Tangerang Selatan 15417"),
    ("KEMENTERIAN AGAMA REPUBLIK INDONESIA", "UNIVERSITAS ISLAM NEGERI SULTAN MAULANA HASANUDDIN "
     "BANTEN", "", "Un.17", "Serang", "Jalan Jenderal Sudirman Nomor 30 Serang 42118"),
    ("", "UNIVERSITAS SERANG RAYA", "", "UNSERA", "Serang",
     "Jalan Raya Cilegon Km. 5 Taman Drangong, Serang 42162"),
)
BG_ASSOCIATIONS = (
    *(a for a in ASSOCIATIONS if "LEBAK" not in a[1]),
    ("MUSYAWARAH KERJA KEPALA SEKOLAH (MKKS) SMA", "KOTA CILEGON", "MKKS-SMA/CLG", "Cilegon"),
    ("MUSYAWARAH GURU MATA PELAJARAN (MGMP) BAHASA INDONESIA SMP", "KABUPATEN TANGERANG",
     "MGMP-BIND/TNG", "Tigaraksa"),
    ("KELOMPOK KERJA GURU (KKG) GUGUS 3", "KECAMATAN CIRUAS KABUPATEN SERANG", "KKG-G3/CRS",
     "Ciruas"),
    ("PERSATUAN GURU REPUBLIK INDONESIA (PGRI)", "PENGURUS KOTA TANGERANG SELATAN", "PGRI-TSL",
     "Tangerang Selatan"),
    ("HIMPUNAN PENDIDIK DAN TENAGA KEPENDIDIKAN ANAK USIA DINI (HIMPAUDI)", "KABUPATEN PANDEGLANG",
     "HIMPAUDI-PDG", "Pandeglang"),
)
BG_PRIVATE = (
    *PRIVATE_SCHOOLS,
    ("YAYASAN PENDIDIKAN AL-KHAIRIYAH", "SMA AL-KHAIRIYAH CILEGON",
     "Terakreditasi B, NPSN 20623999", "Jalan Raya Anyer Nomor 12 Cilegon 42446", "SMA-AK",
     "Cilegon"),
)
BG_SCHOOLS = _clean(s[0] for s in SCHOOLS)
BG_VENUES = (
    *_clean(VENUES),
    "Aula BPMP Provinsi Banten", "Hotel Mahadria Serang", "Aula Dinas Pendidikan Kota Cilegon",
    "Ruang Pertemuan Hotel Forbis Serang", "Aula SMK Negeri 2 Pandeglang",
    "Gedung Pendopo Kabupaten Tangerang", "Aula Universitas Pamulang",
)
BG_TOPICS = (
    *_clean(TOPICS),
    "implementasi Kurikulum Merdeka", "penguatan literasi dan numerasi",
    "perencanaan berbasis data", "penyusunan kurikulum operasional satuan pendidikan",
    "penguatan projek profil pelajar Pancasila", "pendidikan inklusif",
    "transisi PAUD ke SD yang menyenangkan", "pencegahan dan penanganan kekerasan di satuan "
    "pendidikan", "kepemimpinan pembelajaran kepala sekolah", "penguatan komunitas belajar",
    "pemanfaatan teknologi dalam pembelajaran", "penilaian hasil belajar",
    "pengembangan sekolah ramah anak", "supervisi akademik berbasis data",
)
ACTIVITY_KINDS = ("Pendampingan", "Bimbingan Teknis", "Lokakarya", "Pelatihan",
                  "In House Training", "Workshop", "Diseminasi Praktik Baik", "Sosialisasi")
LEVELS = ("SD", "SMP", "SMA", "SMK")
SCHOOL_LEVEL_GOV = {"SD": "kab", "SMP": "kab", "SMA": "prov", "SMK": "prov"}
CLASSIFICATIONS = {
    "decree": ("OT.02.02", "OT.02.02", "KP.09.00", "DT.02.00", "KS.01.00"),
    "mou": ("KS.01.00", "KS.01.00", "KS.00.01"),
    "report": ("DT.02.00", "KS.01.00", "PR.03.00"),
    "number": ("TU.01.00", "HM.02.00", "KS.01.00", "DT.02.00", "OT.01.00", "KP.06.00",
               "PR.01.00", "KU.01.00", "HM.01.00"),
    "certificate": ("DT.02.00",),
}
LETTER_CLASS = {"permohonan_kemitraan": "KS.01.00", "pengaduan": "HM.02.00",
                "permintaan_informasi": "HM.01.00", "undangan": "TU.01.00",
                "lainnya": "TU.01.00"}
SERVICE_DAYS = {"permohonan_kemitraan": 10, "pengaduan": 5, "permintaan_informasi": 2,
                "undangan": 3, "lainnya": 7}
VOID_REASONS = ("Nomor ganda karena kesalahan input pada buku agenda",
                "Kegiatan dibatalkan oleh penyelenggara",
                "Salah kode klasifikasi; diganti dengan nomor baru",
                "Naskah tidak jadi diterbitkan karena perubahan jadwal",
                "Nomor diambil untuk naskah yang kemudian digabung")
LEGAL_BASES = (  # (in force from, text), in the order of the hierarchy of regulations
    (2003, "Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional (Lembaran "
           "Negara Republik Indonesia Tahun 2003 Nomor 78, Tambahan Lembaran Negara Republik "
           "Indonesia Nomor 4301)"),
    (2005, "Undang-Undang Nomor 14 Tahun 2005 tentang Guru dan Dosen"),
    (2009, "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"),
    (2009, "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan"),
    (2024, "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara"),
    (2010, "Peraturan Pemerintah Nomor 17 Tahun 2010 tentang Pengelolaan dan Penyelenggaraan "
           "Pendidikan sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 66 Tahun 2010 "
           "tentang Perubahan atas Peraturan Pemerintah Nomor 17 Tahun 2010"),
    (2012, "Peraturan Pemerintah Nomor 28 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 43 "
           "Tahun 2009 tentang Kearsipan"),
    (2021, "Peraturan Pemerintah Nomor 57 Tahun 2021 tentang Standar Nasional Pendidikan "
           "sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 4 Tahun 2022"),
    (2021, "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil"),
    (2025, "Peraturan Presiden Nomor 188 Tahun 2024 tentang Kementerian Pendidikan Dasar dan "
           "Menengah"),
    (2014, "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 "
           "Tahun 2014 tentang Pedoman Standar Pelayanan"),
    (2020, "Peraturan Menteri Pendidikan dan Kebudayaan Nomor 22 Tahun 2020 tentang Rencana "
           "Strategis Kementerian Pendidikan dan Kebudayaan Tahun 2020-2024"),
    (2022, "Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nomor 5 Tahun 2022 "
           "tentang Standar Kompetensi Lulusan pada Pendidikan Anak Usia Dini, Jenjang Pendidikan "
           "Dasar, dan Jenjang Pendidikan Menengah"),
    (2022, "Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nomor 9 Tahun 2022 "
           "tentang Evaluasi Sistem Pendidikan oleh Pemerintah Pusat dan Pemerintah Daerah"),
    (2022, "Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nomor 14 Tahun 2022 "
           "tentang Organisasi dan Tata Kerja Balai Besar Penjaminan Mutu Pendidikan dan Balai "
           "Penjaminan Mutu Pendidikan"),
    (2023, "Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nomor 46 Tahun 2023 "
           "tentang Pencegahan dan Penanganan Kekerasan di Lingkungan Satuan Pendidikan"),
    (2024, "Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi Nomor 12 Tahun 2024 "
           "tentang Kurikulum pada Pendidikan Anak Usia Dini, Jenjang Pendidikan Dasar, dan "
           "Jenjang Pendidikan Menengah"),
    (2023, "Peraturan Menteri Keuangan Nomor 83 Tahun 2022 tentang Standar Biaya Masukan Tahun "
           "Anggaran 2023"),
)
DIPA = "Daftar Isian Pelaksanaan Anggaran (DIPA) Balai Penjaminan Mutu Pendidikan Provinsi Banten"
MATERIALS = ("Kebijakan Penjaminan Mutu Pendidikan", "Pemanfaatan Rapor Pendidikan",
             "Perencanaan Berbasis Data", "Penyusunan Modul Ajar", "Asesmen Formatif",
             "Pembelajaran Berdiferensiasi", "Praktik Baik Komunitas Belajar",
             "Penyusunan Rencana Tindak Lanjut", "Refleksi dan Evaluasi Pembelajaran",
             "Kurikulum Operasional Satuan Pendidikan", "Projek Penguatan Profil Pelajar "
             "Pancasila", "Supervisi Akademik", "Literasi dan Numerasi Lintas Mata Pelajaran")
RATINGS = ("sangat baik", "baik", "cukup", "kurang", "sangat kurang")

_ONES = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "sebelas")
ORDINALS = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH")


def terbilang(n: int) -> str:
    """A number in Indonesian words: 1500000 -> 'satu juta lima ratus ribu'."""
    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        return f"{_ONES[n // 10]} puluh {terbilang(n % 10)}".strip()
    if n < 200:
        return f"seratus {terbilang(n - 100)}".strip()
    if n < 1000:
        return f"{_ONES[n // 100]} ratus {terbilang(n % 100)}".strip()
    if n < 2000:
        return f"seribu {terbilang(n - 1000)}".strip()
    if n < 1_000_000:
        return f"{terbilang(n // 1000)} ribu {terbilang(n % 1000)}".strip()
    if n < 1_000_000_000:
        return f"{terbilang(n // 1_000_000)} juta {terbilang(n % 1_000_000)}".strip()
    return f"{terbilang(n // 1_000_000_000)} miliar {terbilang(n % 1_000_000_000)}".strip()


def rupiah(n: int) -> str:
    return f"Rp{n:,}".replace(",", ".") + f",00 ({terbilang(n)} rupiah)"


def long_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def period_text(start: dt.date, end: dt.date) -> str:
    if start == end:
        return long_date(start)
    if start.month == end.month and start.year == end.year:
        return f"{start.day} s.d. {end.day} {MONTHS[end.month - 1]} {end.year}"
    return f"{long_date(start)} s.d. {long_date(end)}"


def add_workdays(d: dt.date, days: int) -> dt.date:
    while days > 0:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            days -= 1
    return d


def weekday_on_or_before(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def verification_code(counter: int) -> str:
    """A unique code for a counter: an odd multiplier and an xor-shift are bijections of
    80-bit integers, so distinct counters give distinct codes."""
    mask = (1 << 80) - 1
    v = (counter * 0x9E3779B97F4A7C15F39D + 0x5DEECE66D1CE4E5B9) & mask
    v ^= v >> 41
    v = (v * 0xC2B2AE3D27D4EB4F1657) & mask
    chars = []
    for _ in range(16):
        chars.append(CODE_ALPHABET[v & 31])
        v >>= 5
    s = "".join(chars)
    return f"{s[:4]}-{s[4:8]}-{s[8:12]}-{s[12:]}"


def nip(rng: random.Random, woman: bool = False, hired_after: int = 1990) -> str:
    born = rng.randint(1965, 1992)
    hired = max(born + rng.randint(22, 30), hired_after)
    return (f"{born}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{hired}{rng.randint(1, 12):02d}"
            f"{2 if woman else 1}{rng.randint(1, 15):03d}")


def person(rng: random.Random) -> tuple[str, bool]:
    """A background person's name with degrees; never a reserved name."""
    if rng.random() < 0.25:
        woman = rng.random() < 0.4
        return rng.choice(BG_WOMEN if woman else BG_MEN), woman
    woman = rng.random() < 0.45
    first = rng.choice(FIRST_NAMES_F if woman else FIRST_NAMES_M)
    before = rng.choice(TITLES_BEFORE)
    if woman and before in ("Drs. ", "H. "):
        before = {"Drs. ": "Dra. ", "H. ": "Hj. "}[before]
    elif not woman and before in ("Dra. ", "Hj. "):
        before = {"Dra. ": "Drs. ", "Hj. ": "H. "}[before]
    after = "" if before in ("Drs. ", "Dra. ") else rng.choice(TITLES_AFTER)
    last = rng.choice(LAST_NAMES_F if woman else LAST_NAMES_M)
    return f"{before}{first} {last}{after}", woman


def wrap(text: str, width: int = 86, indent: str = "") -> str:
    """Greedy wrapping of a letter paragraph (textwrap is too slow for a benchmark corpus)."""
    lines: list[str] = []
    cur: list[str] = []
    size = start = len(indent)
    for w in text.split():
        if cur and size + len(w) + 1 > width:
            lines.append(indent + " ".join(cur))
            cur = [w]
            size = start + len(w)
        else:
            size += len(w) + (1 if cur else 0)
            cur.append(w)
    if cur:
        lines.append(indent + " ".join(cur))
    return "\n".join(lines)


# -- activities, partners, senders ---------------------------------------------------------------


@dataclass(frozen=True)
class Activity:
    """A partnership activity that decrees, agreements, reports and certificates refer to."""

    kind: str  # Pendampingan, Bimbingan Teknis, ...
    topic: str
    region: str  # "Kabupaten Pandeglang"
    partner: str  # the partner institution (title case)
    venue: str
    start: dt.date
    end: dt.date
    participants: int
    hours: int
    year: int

    @property
    def title(self) -> str:
        return f"{self.kind} {_title_case(self.topic)} di {self.region}"


@dataclass(frozen=True)
class Partner:
    institution: str  # title case, as an agreement names it
    official: str
    position: str
    address: str
    place: str
    code: str  # used in the partner's own numbers
    region: str


@dataclass(frozen=True)
class Sender:
    name: str  # as the catalogue records it (upper case, as on the letterhead)
    head: tuple[str, ...]  # letterhead lines
    place: str  # date place
    style: str  # pemda | school | university | association | private
    code: str
    signer_title: tuple[str, ...]
    region: str


_SMALL = {"dan", "di", "ke", "dari", "untuk", "dengan", "yang", "pada", "dalam", "bagi", "serta",
          "atas"}
ACRONYMS = {"SD", "SMP", "SMA", "SMK", "PAUD", "PGRI", "MKKS", "MGMP", "KKG", "IGI", "HIMPAUDI",
            "IPA", "IPS", "BPMP", "ULT", "DIPA", "NPSN", "UIN", "PKS", "SK"}


def _title_case(text: str) -> str:
    """'DINAS PENDIDIKAN DAN KEBUDAYAAN KOTA SERANG' -> 'Dinas Pendidikan dan Kebudayaan Kota
    Serang'; acronyms (SMA, PGRI, (MKKS)) stay upper case."""
    out = []
    for i, w in enumerate(text.split()):
        bare = w.strip("(),.'")
        if bare.upper() in ACRONYMS:
            out.append(w.upper())
        elif i and w.lower() in _SMALL:
            out.append(w.lower())
        else:
            out.append(w[:1].upper() + w[1:].lower() if w.isupper() or w.islower() else
                       w[:1].upper() + w[1:])
    return " ".join(out)


def _region_sender(row: tuple[str, ...]) -> Sender:
    gov, office, place, address, contact, code, _head = row
    if " KABUPATEN " in office:
        region = "Kabupaten " + _title_case(office.split(" KABUPATEN ", 1)[1].lower())
    elif " KOTA " in office:
        region = "Kota " + _title_case(office.split(" KOTA ", 1)[1].lower())
    else:
        region = "Provinsi Banten"
    return Sender(office, (gov, office, address, contact), place, "pemda", code,
                  ("Kepala Dinas,",), region)


def _school_sender(rng: random.Random, places: tuple[tuple[str, str, str], ...]) -> Sender:
    if rng.random() < 0.15 and BG_SCHOOLS:
        name = rng.choice(BG_SCHOOLS)
        place = name.split()[-1].title()
        region = "Provinsi Banten"
        abbr = place[:3].upper()
    else:
        place, region, abbr = rng.choice(places)
        level = rng.choice(LEVELS)
        name = f"{level} NEGERI {rng.randint(1, 12)} {place.upper()}"
    level = name.split()[0]
    code = f"{level}N{name.split()[2]}-{abbr}"
    if SCHOOL_LEVEL_GOV.get(level) == "prov":
        head = ("PEMERINTAH PROVINSI BANTEN", "DINAS PENDIDIKAN DAN KEBUDAYAAN", name)
    else:
        head = (f"PEMERINTAH {region.upper()}", "DINAS PENDIDIKAN", name)
    npsn = f"NPSN {rng.randint(20600000, 20699999)}"
    head += (f"Jalan {rng.choice(STREETS)} Nomor {rng.randint(1, 99)} {place}", npsn)
    return Sender(name, head, place, "school", code, ("Kepala Sekolah,",), region)


STREETS = ("Pendidikan", "Ki Hajar Dewantara", "Veteran", "Siliwangi", "Merdeka",
           "Sudirman", "Pahlawan", "Juanda", "Syekh Nawawi", "Maulana Yusuf", "Ahmad Yani",
           "Pramuka", "Kartini", "Diponegoro", "Cut Nyak Dien", "Sultan Hasanuddin")


def _university_sender(row: tuple[str, ...]) -> Sender:
    ministry, univ, faculty, code, place, address = row
    head = tuple(x for x in (ministry, univ, faculty, address, f"Laman: www.{code.lower()}.ac.id")
                 if x)
    return Sender(faculty or univ, head, place, "university", code,
                  ("Dekan," if faculty else "Rektor,",), "")


def _association_sender(row: tuple[str, ...]) -> Sender:
    first, second, code, place = row
    name = f"{first} {second}" if second else first
    head = (first, second) if second else (first,)
    return Sender(name, (*head, f"Sekretariat: Jalan Pendidikan {place}"), place, "association",
                  code, ("Ketua,",), "")


def _private_sender(row: tuple[str, ...]) -> Sender:
    foundation, school, accreditation, address, code, place = row
    return Sender(school, (foundation, school, accreditation, address), place, "private", code,
                  ("Kepala Sekolah,",), "")


FIXED_SENDERS = (tuple(_region_sender(r) for r in BG_REGIONS)
                 + tuple(_university_sender(r) for r in BG_UNIVERSITIES)
                 + tuple(_association_sender(r) for r in BG_ASSOCIATIONS)
                 + tuple(_private_sender(r) for r in BG_PRIVATE))
REGION_SENDERS = tuple(s for s in FIXED_SENDERS if s.style == "pemda")


def partner_of(sender: Sender, rng: random.Random) -> Partner:
    """The sender of a partnership request as the agreement's PIHAK KEDUA."""
    institution = _title_case(sender.name.lower())
    official, _ = person(rng)
    position = {"pemda": f"Kepala {institution}", "school": f"Kepala {institution}",
                "university": "Rektor" if sender.signer_title == ("Rektor,",) else "Dekan",
                "association": f"Ketua {institution}",
                "private": f"Kepala {institution}"}[sender.style]
    if sender.style == "university":
        position = f"{position} {institution}"
    address = sender.head[-2] if len(sender.head) > 2 else sender.place
    region = sender.region or _region_of_place(sender.place)
    return Partner(institution, official, position, address, sender.place, sender.code, region)


def _region_of_place(place: str) -> str:
    for p, region, _ in BG_PLACES:
        if p == place:
            return region
    return "Provinsi Banten"


# -- text composers ------------------------------------------------------------------------------


def _pick(rng: random.Random, pool: tuple[str, ...], k: int, slots: dict[str, object],
          ) -> list[str]:
    """k different sentences of a pool with their slots filled."""
    return [t.format_map(slots) for t in rng.sample(pool, min(k, len(pool)))]


def _one(rng: random.Random, pool: tuple[str, ...], slots: dict[str, object]) -> str:
    return rng.choice(pool).format_map(slots)


CLOSINGS = (
    "Demikian surat ini kami sampaikan. Atas perhatian dan kerja sama Bapak/Ibu, kami ucapkan "
    "terima kasih.",
    "Demikian permohonan ini kami sampaikan. Atas perhatian dan kerjasama yang baik, kami "
    "sampaikan terima kasih.",
    "Atas perhatian dan perkenan Bapak/Ibu, kami ucapkan terima kasih.",
    "Demikian disampaikan, atas perhatiannya diucapkan terima kasih.",
    "Besar harapan kami Bapak/Ibu berkenan memenuhi permohonan ini. Atas perhatiannya kami "
    "ucapkan terima kasih.",
    "Demikian surat ini dibuat untuk dapat dipergunakan sebagaimana mestinya. Atas perhatian "
    "Bapak/Ibu kami ucapkan terima kasih.",
)
LETTER_BASIS = (
    "Berdasarkan program kerja {org} tahun {year} dan hasil analisis Rapor Pendidikan, "
    "peningkatan mutu {topic} menjadi salah satu prioritas yang perlu segera ditindaklanjuti.",
    "Menindaklanjuti hasil rapat koordinasi penjaminan mutu pendidikan tingkat daerah, {org} "
    "telah menyusun rencana kegiatan yang berfokus pada {topic}.",
    "Sesuai dengan rencana kerja dan anggaran tahun {year}, {org} mengalokasikan kegiatan "
    "peningkatan kapasitas guru dan kepala sekolah dalam {topic}.",
    "Dalam rangka mewujudkan layanan pendidikan yang bermutu dan merata, diperlukan dukungan "
    "berbagai pihak, termasuk BPMP Provinsi Banten, dalam {topic}.",
    "Hasil refleksi bersama komunitas belajar menunjukkan bahwa guru masih memerlukan "
    "penguatan dalam {topic}, terutama pada tahap perencanaan dan asesmen.",
    "Memperhatikan capaian indikator mutu pada Rapor Pendidikan tahun {prev}, sebagian satuan "
    "pendidikan di wilayah kami masih berada pada kategori kurang dalam {topic}.",
)
LETTER_CONTEXT = (
    "Upaya tersebut sejalan dengan kebijakan peningkatan mutu pembelajaran yang menekankan "
    "pembelajaran bermakna, asesmen yang berpihak pada peserta didik, dan budaya refleksi.",
    "Sebagian besar guru di wilayah kami telah mengikuti pelatihan mandiri melalui platform "
    "daring, namun masih memerlukan pendampingan langsung untuk menerapkannya di kelas.",
    "Kami juga telah berkoordinasi dengan pengawas sekolah dan kepala sekolah agar hasil "
    "kegiatan dapat ditindaklanjuti di setiap satuan pendidikan.",
    "Keterbatasan jumlah narasumber yang kompeten di daerah menjadi kendala utama dalam "
    "pelaksanaan program peningkatan kompetensi selama ini.",
    "Pada tahun sebelumnya kegiatan serupa telah dilaksanakan dan mendapat tanggapan positif "
    "dari peserta, sehingga perlu dilanjutkan dengan cakupan yang lebih luas.",
    "Data hasil asesmen nasional menunjukkan kesenjangan capaian antara satuan pendidikan di "
    "perkotaan dan di daerah yang lebih jauh dari pusat kabupaten.",
    "Komunitas belajar guru di tingkat kecamatan telah terbentuk dan siap menjadi wadah "
    "keberlanjutan hasil kegiatan.",
)
LETTER_REMARKS = (
    "Sebagai informasi, surat ini juga kami sampaikan melalui pos-el resmi layanan BPMP "
    "Provinsi Banten agar dapat segera diproses oleh petugas layanan terpadu.",
    "Apabila terdapat persyaratan administrasi yang belum lengkap, kami siap melengkapinya sesuai "
    "dengan ketentuan standar pelayanan yang berlaku.",
    "Kami menyadari padatnya jadwal layanan BPMP Provinsi Banten, oleh karena itu kami terbuka "
    "untuk menyesuaikan waktu sesuai dengan kesepakatan bersama.",
    "Untuk kelancaran komunikasi, kami telah menunjuk petugas penghubung yang akan "
    "berkoordinasi dengan tim layanan BPMP Provinsi Banten.",
    "Salinan surat ini kami sampaikan pula kepada pengawas pembina dan kepala satuan pendidikan "
    "terkait sebagai bahan koordinasi.",
)
KEMITRAAN_OPENING = (
    "Dalam rangka meningkatkan mutu pembelajaran di {org}, khususnya dalam {topic}, kami "
    "bermaksud menyelenggarakan kegiatan {activity} bagi {people} orang {audience}.",
    "Sehubungan dengan program peningkatan mutu pendidikan tahun {year}, {org} merencanakan "
    "kegiatan {topic} yang akan dilaksanakan pada tanggal {period} bertempat di {venue}.",
    "Berdasarkan hasil Rapor Pendidikan tahun {prev} yang menunjukkan perlunya perbaikan pada "
    "aspek {topic}, {org} memandang perlu melakukan langkah perbaikan secara terencana dan "
    "berkelanjutan.",
    "Menindaklanjuti hasil koordinasi dengan tim kemitraan BPMP Provinsi Banten, {org} "
    "bermaksud menjalin kerja sama dalam {topic}.",
)
KEMITRAAN_ASK = (
    "Sehubungan dengan hal tersebut, kami mohon kesediaan Bapak/Ibu untuk menugaskan "
    "{speakers} orang widyaprada sebagai narasumber dengan materi {topic} selama {hours} JP.",
    "Untuk itu kami mengajukan permohonan pendampingan dari BPMP Provinsi Banten agar satuan "
    "pendidikan yang mengikuti kegiatan didampingi secara langsung oleh widyaprada yang "
    "kompeten di bidangnya.",
    "Kami mohon Bapak/Ibu berkenan menjalin kerja sama dalam bentuk perjanjian kerja sama "
    "sehingga kegiatan dapat dilaksanakan secara terencana, terukur, dan berkelanjutan.",
    "Sehubungan dengan itu, kami mengharapkan BPMP Provinsi Banten dapat mendampingi "
    "pelaksanaan kegiatan mulai dari tahap perencanaan, pelaksanaan, hingga evaluasi.",
    "Kami memohon fasilitasi BPMP Provinsi Banten berupa penugasan fasilitator yang akan "
    "mendampingi guru dalam menyusun rencana tindak lanjut di satuan pendidikan masing-masing.",
)
KEMITRAAN_HOPE = (
    "Kami berharap kegiatan ini dapat meningkatkan kompetensi pendidik sehingga berdampak "
    "langsung pada kualitas layanan pembelajaran bagi peserta didik.",
    "Melalui kerja sama ini diharapkan terbangun budaya mutu di satuan pendidikan dan "
    "komunitas belajar yang aktif berbagi praktik baik.",
    "Hasil kegiatan akan kami tindaklanjuti dengan pendampingan mandiri oleh pengawas sekolah "
    "dan pemantauan berkala oleh dinas.",
    "Permohonan ini telah kami sampaikan sekurang-kurangnya satu bulan sebelum pelaksanaan "
    "kegiatan sesuai dengan standar pelayanan kemitraan yang berlaku.",
)
AUDIENCES = ("guru dan kepala sekolah", "guru SD dan SMP", "guru mata pelajaran",
             "kepala sekolah dan pengawas sekolah", "guru dan tenaga kependidikan",
             "pendidik PAUD", "operator dan kepala sekolah")
FUNDS = ("APBD Tahun Anggaran {year}", "Dana BOS Kinerja Tahun {year}",
         "anggaran penyelenggara", "swadaya anggota", "DIPA Dinas Tahun Anggaran {year}")
COMPLAINT_CASES = {  # what went wrong, and what the letter tells about it
    "sertifikat": (
        ("sertifikat kegiatan {topic} yang dilaksanakan pada tanggal {held} sampai dengan saat "
         "ini belum diterima oleh {people} orang peserta dari satuan pendidikan kami",
         "terdapat kesalahan penulisan nama dan gelar pada sertifikat yang diterbitkan untuk "
         "peserta kegiatan {topic} dari satuan pendidikan kami"),
        ("Kegiatan tersebut telah selesai dilaksanakan pada tanggal {held}. Peserta telah mengisi "
         "daftar hadir dan menyelesaikan tugas mandiri, namun sertifikat belum dapat diunduh "
         "melalui laman yang diinformasikan panitia.",
         "Kami telah menghubungi petugas layanan melalui telepon dan pos-el pada tanggal "
         "{contacted}, tetapi belum memperoleh jawaban yang jelas mengenai tindak lanjutnya.",
         "Daftar nama peserta beserta data yang benar telah kami sampaikan kepada panitia pada "
         "tanggal {contacted}.",
         "Sertifikat tersebut diperlukan sebagai bukti kegiatan pengembangan keprofesian "
         "berkelanjutan dalam pengusulan angka kredit guru.")),
    "jadwal": (
        ("jadwal pendampingan {topic} yang telah disepakati beberapa kali berubah tanpa "
         "pemberitahuan sebelumnya sehingga mengganggu kegiatan belajar mengajar",
         "pendampingan {topic} yang dijadwalkan pada tanggal {held} tidak terlaksana tanpa "
         "pemberitahuan kepada satuan pendidikan kami"),
        ("Para guru telah menyesuaikan jadwal mengajar untuk mengikuti kegiatan, sehingga "
         "perubahan mendadak menimbulkan kerugian waktu dan biaya perjalanan.",
         "Pemberitahuan perubahan jadwal baru kami terima pada tanggal {contacted} melalui pesan "
         "singkat, bukan melalui surat resmi.",
         "Sebanyak {people} orang peserta telah hadir di lokasi kegiatan sesuai dengan jadwal "
         "semula.",
         "Kami telah menanyakan jadwal pengganti kepada petugas layanan, namun belum mendapatkan "
         "kepastian.")),
    "layanan": (
        ("layanan konsultasi {topic} yang kami ajukan belum mendapatkan tanggapan meskipun telah "
         "melewati waktu layanan yang dijanjikan",
         "tautan unduhan bahan ajar kegiatan {topic} yang dilaksanakan pada tanggal {held} tidak "
         "dapat diakses oleh peserta sejak kegiatan berakhir"),
        ("Permohonan layanan telah kami sampaikan melalui ULT pada tanggal {contacted} dan telah "
         "diterima oleh petugas front office.",
         "Pada survei kepuasan layanan, sebagian besar guru kami memberikan penilaian kurang "
         "karena informasi yang diterima tidak lengkap dan sering berubah.",
         "Kami telah beberapa kali menghubungi narahubung yang tercantum, namun nomor tersebut "
         "tidak dapat dihubungi.",
         "Keterlambatan ini menghambat penyusunan program satuan pendidikan yang harus segera "
         "diselesaikan.")),
}
COMPLAINT_EFFECT = (
    "Hal tersebut sangat kami perlukan untuk keperluan pengembangan keprofesian berkelanjutan "
    "dan pengusulan angka kredit guru.",
    "Kondisi ini menimbulkan kerugian bagi guru yang membutuhkan bukti kegiatan untuk "
    "pemenuhan beban kerja.",
    "Kami menilai layanan tersebut kurang sesuai dengan standar pelayanan yang diumumkan oleh "
    "BPMP Provinsi Banten.",
    "Kejadian serupa juga dialami oleh beberapa satuan pendidikan lain di wilayah kami, sehingga "
    "kami memandang perlu menyampaikannya secara resmi.",
    "Para guru dan orang tua peserta didik menanyakan hal ini kepada sekolah, sehingga kami "
    "memerlukan kepastian untuk menjawabnya.",
    "Kami memahami padatnya jadwal layanan, namun kepastian informasi sangat kami butuhkan agar "
    "perencanaan sekolah tidak terganggu.",
)
COMPLAINT_HOPE = (
    "Kami berharap BPMP Provinsi Banten dapat memberikan penjelasan tertulis mengenai penyebab "
    "keterlambatan dan langkah perbaikan yang akan dilakukan.",
    "Apabila memungkinkan, kami mohon layanan ulang diberikan secara prioritas kepada peserta "
    "yang dirugikan.",
    "Kami juga mengusulkan agar informasi status layanan dapat dipantau secara daring oleh "
    "pengguna layanan.",
    "Pengaduan ini kami sampaikan sebagai bentuk kepedulian agar layanan kepada satuan "
    "pendidikan semakin baik.",
)
COMPLAINT_ASK = (
    "Untuk itu kami mohon Bapak/Ibu berkenan menindaklanjuti pengaduan ini dan memberikan "
    "penjelasan melalui narahubung kami, {contact}.",
    "Kami berharap pengaduan ini dapat segera ditindaklanjuti dan menjadi bahan perbaikan "
    "layanan. Narahubung: {contact}.",
    "Kami mohon keluhan ini ditangani sesuai dengan standar pelayanan dan kami diberi kabar "
    "tertulis atas penyelesaiannya. Narahubung: {contact}.",
)
INFO_OPENING = (
    "Dalam rangka penyusunan rencana kerja dan anggaran tahun {next}, kami memerlukan data dan "
    "informasi mengenai {topic} serta hasil Rapor Pendidikan pada wilayah kami.",
    "Sehubungan dengan kegiatan evaluasi program {topic}, kami membutuhkan informasi jadwal dan "
    "persyaratan layanan kemitraan BPMP Provinsi Banten.",
    "Untuk keperluan penelitian dan pengembangan, kami memerlukan informasi mengenai capaian "
    "mutu pendidikan dan pelaksanaan {topic}.",
)
INFO_ITEMS = ("capaian literasi dan numerasi per satuan pendidikan",
              "indeks karakter dan iklim keamanan sekolah", "kualitas pembelajaran",
              "jumlah satuan pendidikan yang telah didampingi", "jadwal pendampingan tahun {year}",
              "persyaratan pengajuan kerja sama", "daftar narasumber yang tersedia",
              "rekapitulasi hasil survei kepuasan layanan", "data partisipasi pelatihan guru")
INFO_MORE = (
    "Data tersebut akan kami gunakan sebagai dasar penyusunan program prioritas dan penentuan "
    "sasaran pendampingan pada tahun anggaran berikutnya.",
    "Selain data, kami juga memerlukan penjelasan mengenai cara membaca dan memanfaatkan "
    "indikator mutu bagi perencanaan satuan pendidikan.",
    "Apabila data yang diminta bersifat terbatas, kami mohon petunjuk mengenai prosedur "
    "permohonan yang harus ditempuh.",
    "Kami siap menugaskan operator data untuk berkoordinasi langsung dengan petugas layanan "
    "BPMP Provinsi Banten.",
)
INFO_ASK = (
    "Sehubungan dengan hal tersebut, kami mohon Bapak/Ibu berkenan memberikan data dimaksud "
    "paling lambat tanggal {due}.",
    "Kami mohon informasi tersebut dapat disampaikan dalam bentuk salinan elektronik melalui "
    "pos-el resmi kami.",
    "Data yang diberikan akan kami gunakan sebatas untuk keperluan perencanaan dan tidak "
    "disebarluaskan kepada pihak lain.",
)
INVITE_OPENING = (
    "Dalam rangka koordinasi pelaksanaan {topic} di wilayah kami, dengan hormat kami mengundang "
    "Bapak/Ibu untuk hadir pada kegiatan yang akan dilaksanakan pada:",
    "Sehubungan dengan {subject_lower}, kami mengharapkan kehadiran Bapak/Ibu atau pejabat yang "
    "ditunjuk pada:",
    "Dengan hormat, kami mengundang Bapak/Ibu untuk menjadi narasumber sekaligus peserta "
    "kegiatan yang akan diselenggarakan pada:",
)
INVITE_MORE = (
    "Kegiatan ini akan dihadiri oleh kepala satuan pendidikan, pengawas sekolah, dan perwakilan "
    "komunitas belajar guru.",
    "Bahan paparan kami mohon dapat dikirimkan paling lambat dua hari sebelum kegiatan untuk "
    "digandakan oleh panitia.",
    "Hasil kegiatan akan menjadi dasar penyusunan rencana kerja bersama antara dinas, satuan "
    "pendidikan, dan mitra.",
    "Panitia telah menyiapkan akomodasi dan konsumsi bagi narasumber dan peserta selama "
    "kegiatan berlangsung.",
)
AGENDA_ITEMS = ("Pembukaan", "Sambutan Kepala Dinas", "Paparan kebijakan penjaminan mutu",
                "Paparan hasil Rapor Pendidikan", "Diskusi kelompok", "Berbagi praktik baik",
                "Penyusunan rencana tindak lanjut", "Penutup dan doa")
OTHER_OPENING = (
    "Bersama ini kami sampaikan laporan pelaksanaan {topic} di {org} sebagai tindak lanjut "
    "pendampingan yang telah dilaksanakan.",
    "Kami sampaikan ucapan terima kasih atas pendampingan {topic} yang telah dilaksanakan oleh "
    "BPMP Provinsi Banten pada tanggal {period}.",
    "Dengan hormat kami beritahukan bahwa {org} telah menyelesaikan program {topic} dengan hasil "
    "yang baik.",
)
OTHER_MORE = (
    "Laporan lengkap beserta dokumentasi kegiatan kami lampirkan dalam surat ini.",
    "Kami berharap kerja sama yang telah terjalin dapat dilanjutkan pada tahun berikutnya.",
    "Hasil kegiatan menunjukkan peningkatan pemahaman guru dalam merancang pembelajaran.",
    "Sebanyak {people} orang guru telah menerapkan hasil pendampingan di kelas masing-masing.",
    "Kendala yang masih dihadapi adalah keterbatasan waktu guru dan jaringan internet di "
    "beberapa sekolah.",
)


def _contact(rng: random.Random) -> str:
    name = rng.choice(("Sdr. Dedi", "Ibu Yuli", "Bapak Rahmat", "Sdri. Fitri", "Bapak Arif",
                       "Ibu Ratna", "Sdr. Irfan"))
    return (f"{name} ({rng.choice(('0812', '0813', '0857', '0878'))}-{rng.randint(1000, 9999)}-"
            f"{rng.randint(1000, 9999)})")


def letter_paragraphs(rng: random.Random, letter_type: str, subject: str, topic: str,
                      d: dt.date, org: str, venue: str) -> list[str]:
    """The body of an incoming letter of a type, from sentence templates."""
    start = d + dt.timedelta(days=rng.randint(20, 60))
    end = start + dt.timedelta(days=rng.randint(0, 3))
    past = d - dt.timedelta(days=rng.randint(10, 40))
    people = rng.randint(25, 160)
    slots: dict[str, object] = {
        "org": org, "topic": topic, "year": d.year, "prev": d.year - 1, "next": d.year + 1,
        "period": period_text(start, end), "venue": venue, "people": people,
        "audience": rng.choice(AUDIENCES), "speakers": rng.randint(2, 5),
        "hours": rng.choice((16, 24, 32, 40)), "contact": _contact(rng),
        "activity": rng.choice(ACTIVITY_KINDS).lower(), "past": long_date(past),
        "due": long_date(add_workdays(d, 10)), "subject_lower": subject.lower()}
    closing = _one(rng, LETTER_REMARKS, slots) + " " + rng.choice(CLOSINGS)
    if letter_type == "permohonan_kemitraan":
        mats = rng.sample(MATERIALS, 3)
        block = "\n".join((
            "Adapun rincian rencana kegiatan sebagai berikut:",
            f"1. Nama kegiatan : {rng.choice(ACTIVITY_KINDS)} {_title_case(topic)}",
            f"2. Waktu pelaksanaan : {slots['period']}", f"3. Tempat : {venue}",
            f"4. Peserta : {people} orang {slots['audience']}",
            f"5. Narasumber yang dimohon : {slots['speakers']} orang",
            "6. Materi : " + "; ".join(f"{m} ({rng.choice((4, 6, 8))} JP)" for m in mats),
            f"7. Sumber dana : {rng.choice(FUNDS).format(year=d.year)}",
            f"8. Narahubung : {slots['contact']}"))
        return [" ".join(_pick(rng, LETTER_BASIS, 2, slots)),
                _one(rng, KEMITRAAN_OPENING, slots) + " "
                + " ".join(_pick(rng, LETTER_CONTEXT, 2, slots)),
                _one(rng, KEMITRAAN_ASK, slots), block,
                " ".join(_pick(rng, KEMITRAAN_HOPE, 2, slots)),
                "Sebagai bahan pertimbangan, bersama ini kami lampirkan kerangka acuan kegiatan, "
                "jadwal, draf naskah perjanjian kerja sama, dan rencana anggaran biaya.",
                closing]
    if letter_type == "pengaduan":
        case = ("sertifikat" if "Sertifikat" in subject else
                "jadwal" if "Jadwal" in subject or "Pendampingan" in subject else "layanan")
        held_end = d - dt.timedelta(days=rng.randint(20, 60))
        held_start = weekday_on_or_before(held_end - dt.timedelta(days=rng.randint(0, 2)))
        slots["held"] = period_text(held_start, held_end)
        slots["contacted"] = long_date(held_end + dt.timedelta(
            days=rng.randint(3, max((d - held_end).days - 2, 3))))
        whats, story = COMPLAINT_CASES[case]
        what = _one(rng, whats, slots)
        opening = rng.choice((f"Kami sampaikan bahwa {what}.",
                              f"Bersama surat ini kami menyampaikan pengaduan bahwa {what}.",
                              f"Melalui surat ini kami menyampaikan keluhan atas layanan, yaitu "
                              f"{what}."))
        return [opening, " ".join(_pick(rng, story, 3, slots)),
                " ".join(_pick(rng, COMPLAINT_EFFECT, 2, slots)),
                " ".join(_pick(rng, COMPLAINT_HOPE, 2, slots)),
                _one(rng, COMPLAINT_ASK, slots), closing]
    if letter_type == "permintaan_informasi":
        items = _pick(rng, INFO_ITEMS, rng.randint(3, 5), slots)
        listing = "Data dan informasi yang kami perlukan meliputi:\n" + "\n".join(
            f"{'abcde'[i]}. {x};" for i, x in enumerate(items))
        return [" ".join(_pick(rng, LETTER_BASIS, 2, slots)),
                _one(rng, INFO_OPENING, slots) + " " + _one(rng, LETTER_CONTEXT, slots),
                listing, " ".join(_pick(rng, INFO_MORE, 2, slots)),
                " ".join(_pick(rng, INFO_ASK, 2, slots)),
                f"Informasi lebih lanjut dapat menghubungi {slots['contact']}.", closing]
    if letter_type == "undangan":
        day = DAYS[start.weekday()]
        agenda = rng.sample(AGENDA_ITEMS[1:-1], 3)
        return [
            _one(rng, LETTER_BASIS, slots) + " " + " ".join(_pick(rng, LETTER_CONTEXT, 2, slots)),
            _one(rng, INVITE_OPENING, slots),
            f"Hari/tanggal : {day}, {long_date(start)}\nWaktu : "
            f"{rng.choice(('08.00', '08.30', '09.00', '13.00'))} WIB s.d. selesai\n"
            f"Tempat : {venue}\nAcara : {subject}",
            "Susunan acara:\n" + "\n".join(
                f"{i + 1}. {x}" for i, x in enumerate([AGENDA_ITEMS[0], *agenda,
                                                        AGENDA_ITEMS[-1]])),
            rng.choice(("Mengingat pentingnya kegiatan tersebut, kami mohon kehadiran Bapak/Ibu "
                        "tepat waktu.",
                        "Kami juga mohon kesediaan Bapak/Ibu untuk menyampaikan paparan "
                        "kebijakan penjaminan mutu pendidikan selama 30 menit.")),
            " ".join(_pick(rng, INVITE_MORE, 2, slots)),
            f"Konfirmasi kehadiran dapat disampaikan kepada {slots['contact']}.", closing]
    return [_one(rng, OTHER_OPENING, slots), " ".join(_pick(rng, OTHER_MORE, 3, slots)),
            " ".join(_pick(rng, LETTER_BASIS, 2, slots)),
            " ".join(_pick(rng, LETTER_CONTEXT, 2, slots)), closing]


SUBJECT_TEMPLATES = {
    "permohonan_kemitraan": (
        "Permohonan Narasumber Kegiatan {kind} {Topic}",
        "Permohonan Pendampingan {Topic}",
        "Permohonan Kerja Sama {Topic}",
        "Permohonan Kerjasama Peningkatan Kompetensi Guru dalam {Topic}",
        "Permohonan Narasumber",
        "Permohonan Pendampingan Satuan Pendidikan",
        "Permohonan Fasilitasi {kind} {Topic}",
    ),
    "pengaduan": (
        "Pengaduan Layanan Penerbitan Sertifikat Kegiatan",
        "Pengaduan Keterlambatan Layanan",
        "Keluhan atas Layanan Pendampingan",
        "Pengaduan Kesalahan Data Sertifikat",
        "Keluhan Perubahan Jadwal {kind}",
    ),
    "permintaan_informasi": (
        "Permohonan Informasi Data Rapor Pendidikan",
        "Permohonan Informasi Jadwal Kegiatan Penjaminan Mutu",
        "Permohonan Data {Topic}",
        "Permintaan Informasi Layanan Kemitraan",
    ),
    "undangan": (
        "Undangan Rapat Koordinasi {Topic}",
        "Undangan Pembukaan {kind} {Topic}",
        "Undangan Narasumber Seminar Pendidikan",
        "Undangan Rapat Evaluasi Program Sekolah",
    ),
    "lainnya": (
        "Penyampaian Laporan Pelaksanaan {Topic}",
        "Ucapan Terima Kasih",
        "Pemberitahuan Perubahan Alamat Pos-el",
        "Penyampaian Hasil {kind} {Topic}",
    ),
}
LETTER_TYPES = ("permohonan_kemitraan", "permohonan_kemitraan", "permohonan_kemitraan",
                "pengaduan", "permintaan_informasi", "permintaan_informasi", "undangan",
                "undangan", "lainnya")


def letter_subject(rng: random.Random, letter_type: str, topic: str) -> str:
    t = rng.choice(SUBJECT_TEMPLATES[letter_type])
    return t.format(kind=rng.choice(ACTIVITY_KINDS), Topic=_title_case(topic))


def their_number(rng: random.Random, sender: Sender, d: dt.date) -> str:
    """The sender's own number in one of the shapes its kind of office uses."""
    code, y, roman = sender.code, d.year, ROMAN[d.month - 1]
    n = rng.randint(1, 999)
    if sender.style == "pemda":
        shape = rng.randrange(4)
        if shape == 0:
            out = f"421/{n}/{code}/{y}"
        elif shape == 1:
            out = f"800/{n:04d}-{code}/{y}"
        elif shape == 2:
            out = f"421.3/{n:03d}/{code}/{roman}/{y}"
        else:
            out = f"400.3.{rng.randint(1, 9)}/{n}/{code}/{y}"
    elif sender.style == "school":
        out = rng.choice((f"{n:03d}/{code}/{roman}/{y}", f"421.3/{n:03d}/{code}/{y}",
                          f"400.3/{n:03d}/{code}/{y}"))
    elif sender.style == "university":
        out = rng.choice((f"B-{n}/{code}/KS.00/{y}", f"{n * 7}/{code}/TU.00.01/{y}"))
    else:
        out = f"{n:03d}/{code}/{roman}/{y}"
    if search_key(out) in _RESERVED_KEYS:  # planted letters' numbers are theirs alone
        out = out.replace(f"/{y}", f"/{roman}/{y}", 1) if sender.style == "pemda" else out + "a"
    return out


def compose_letter(rng: random.Random, sender: Sender, number: str, d: dt.date | None,
                   subject: str, paragraphs: list[str], signer: str, signer_nip: str,
                   attachments: str, addressee: str) -> str:
    """The letter as text extraction gives it: letterhead, Nomor block, addressee, body,
    signature."""
    date_line = f"{sender.place}, {date_words(d, rng) if d else '         ' + str(LAST_DAY.year)}"
    lines = [*sender.head, "=" * 78, ""]
    label = rng.choice(("Hal      : ", "Perihal  : "))
    if sender.style in ("pemda", "university"):
        lines.append(f"Nomor    : {number}{' ' * 8}{date_line}")
    else:
        lines += [f"{' ' * 50}{date_line}", "", f"Nomor    : {number}"]
    if attachments:
        lines.append(f"Lampiran : {attachments}")
    lines += [label + subject, "", rng.choice(("Yth. ", "Kepada Yth. ")) + addressee,
              rng.choice(("di Serang", "di Tempat", "di\n    Serang")), "",
              "Assalamu'alaikum Wr. Wb." if sender.style in ("private", "association")
              and rng.random() < 0.5 else "Dengan hormat,"]
    for p in paragraphs:
        lines += [p if "\n" in p else wrap(p), ""]
    lines += [" " * 50 + t for t in sender.signer_title]
    lines += ["", "", " " * 50 + signer]
    if signer_nip:
        lines.append(" " * 50 + f"NIP {signer_nip}")
    if sender.style == "pemda" and rng.random() < 0.6:
        lines += ["", "Tembusan:", "1. Kepala Dinas Pendidikan dan Kebudayaan Provinsi Banten;",
                  "2. Arsip."]
    return "\n".join(lines) + "\n"


CONSIDERING = (
    "bahwa dalam rangka pelaksanaan kegiatan {what}, perlu menetapkan pelaksana kegiatan yang "
    "memiliki kompetensi dan tanggung jawab;",
    "bahwa untuk menjamin kelancaran dan ketertiban penyelenggaraan {what}, perlu dibentuk tim "
    "pelaksana kegiatan;",
    "bahwa dalam rangka meningkatkan mutu layanan penjaminan mutu pendidikan di Provinsi Banten, "
    "perlu dilakukan penetapan pelaksana tugas secara tertib;",
    "bahwa Balai Penjaminan Mutu Pendidikan Provinsi Banten mempunyai tugas melaksanakan "
    "penjaminan mutu pendidikan anak usia dini, pendidikan dasar, dan pendidikan menengah di "
    "provinsi;",
    "bahwa nama-nama yang tercantum dalam Lampiran Keputusan ini dipandang cakap dan mampu untuk "
    "melaksanakan tugas sebagai pelaksana kegiatan;",
    "bahwa pelaksanaan kegiatan perlu didukung oleh sumber daya manusia yang memadai sesuai "
    "dengan tugas dan fungsi masing-masing;",
    "bahwa kerja sama dengan pemerintah daerah dan satuan pendidikan perlu dilaksanakan secara "
    "terencana, terukur, dan akuntabel;",
    "bahwa berdasarkan hasil pemetaan mutu pendidikan, satuan pendidikan memerlukan "
    "pendampingan yang berkelanjutan;",
)
TASKS = (
    "menyusun rencana kegiatan, jadwal, dan instrumen pemantauan",
    "melaksanakan kegiatan sesuai dengan kerangka acuan yang telah ditetapkan",
    "mendampingi satuan pendidikan dalam menyusun rencana tindak lanjut",
    "mengoordinasikan pelaksanaan kegiatan dengan dinas pendidikan dan mitra",
    "menyiapkan bahan ajar, lembar kerja, dan media pembelajaran",
    "melakukan pemantauan dan evaluasi terhadap pelaksanaan kegiatan",
    "menyusun dan menyampaikan laporan hasil kegiatan kepada Kepala",
    "mengelola administrasi, daftar hadir, dan penerbitan sertifikat peserta",
)
ROLE_DUTIES = {
    "Penanggung Jawab": "memberikan arahan, menetapkan kebijakan pelaksanaan, dan "
                        "bertanggung jawab atas keseluruhan kegiatan",
    "Ketua": "memimpin dan mengoordinasikan seluruh tahapan kegiatan serta melaporkan "
             "pelaksanaannya kepada penanggung jawab",
    "Sekretaris": "menyiapkan administrasi, persuratan, notula, dan dokumen pertanggungjawaban",
    "Narasumber": "menyampaikan materi sesuai dengan struktur program dan menilai tugas peserta",
    "Fasilitator": "memandu diskusi kelompok, mendampingi peserta, dan mencatat hasil kerja",
    "Anggota": "membantu ketua dalam persiapan, pelaksanaan, dan evaluasi kegiatan",
    "Pendamping": "mendampingi satuan pendidikan dalam penerapan hasil kegiatan",
}
IMPLEMENTER_ROLES = ("Penanggung Jawab", "Ketua", "Sekretaris", "Narasumber", "Narasumber",
                     "Fasilitator", "Fasilitator", "Anggota", "Anggota", "Anggota", "Pendamping")
GRADES = ("Pembina Utama Muda (IV/c)", "Pembina Tingkat I (IV/b)", "Pembina (IV/a)",
          "Penata Tingkat I (III/d)", "Penata (III/c)", "Penata Muda Tingkat I (III/b)")
POSITIONS = ("Widyaprada Ahli Madya", "Widyaprada Ahli Muda", "Widyaprada Ahli Pertama",
             "Analis Kebijakan Ahli Muda", "Pranata Komputer Ahli Pertama",
             "Arsiparis Ahli Pertama", "Pengelola Keuangan", "Kepala Subbagian Umum")


def decree_text(rng: random.Random, number: str, subject: str, d: dt.date, signer: str,
                signer_nip: str, activity: Activity | None, implementers: list[str],
                standard: bool = False) -> str:
    """KEPUTUSAN KEPALA ... NOMOR ... TENTANG ...; Menimbang; Mengingat; MEMUTUSKAN; KESATU...;
    Ditetapkan di Serang; signature; LAMPIRAN."""
    upper = subject.upper()
    slots: dict[str, object] = {"what": activity.title if activity else subject}
    considering = _pick(rng, CONSIDERING, rng.randint(3, 5), slots)
    letters = "abcdefg"
    considering.append(
        f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a sampai dengan huruf "
        f"{letters[len(considering) - 1]}, perlu menetapkan Keputusan Kepala {OFFICE_TITLE} "
        f"tentang {subject};")
    in_force = [i for i, (since, _) in enumerate(LEGAL_BASES) if since <= d.year]
    chosen = sorted(rng.sample(in_force, min(len(in_force), rng.randint(8, 14))))
    bases = [LEGAL_BASES[i][1] for i in chosen] + [f"{DIPA} Tahun Anggaran {d.year}"]
    parts = [LETTERHEAD, f"KEPUTUSAN KEPALA {OFFICE}", f"NOMOR {number}", "TENTANG", upper, "",
             f"KEPALA {OFFICE},", "", "Menimbang :"]
    parts += [f"{letters[i]}. {c}" for i, c in enumerate(considering)]
    parts.append("Mengingat :")
    parts += [f"{i + 1}. {b};" for i, b in enumerate(bases)]
    parts += ["", "MEMUTUSKAN:", f"Menetapkan : KEPUTUSAN KEPALA {OFFICE} TENTANG {upper}."]
    if standard:
        decisions = [
            f"Menetapkan {subject} sebagaimana tercantum dalam Lampiran yang merupakan bagian "
            "tidak terpisahkan dari Keputusan ini.",
            "Standar pelayanan sebagaimana dimaksud dalam Diktum KESATU wajib dilaksanakan oleh "
            "seluruh pegawai dan menjadi acuan penilaian kinerja unit layanan terpadu.",
            "Pengaduan masyarakat atas pelaksanaan standar pelayanan ditindaklanjuti paling lama "
            "5 (lima) hari kerja sejak pengaduan diterima, dan hasil survei kepuasan dengan "
            "penilaian kurang atau sangat kurang ditelaah oleh petugas back office.",
            "Standar pelayanan ditinjau secara berkala paling sedikit 1 (satu) kali dalam setahun "
            "dengan melibatkan pengguna layanan.",
        ]
    else:
        tasks = rng.sample(TASKS, rng.randint(4, 6))
        decisions = [
            rng.choice(("Menetapkan pelaksana kegiatan sebagaimana tercantum dalam Lampiran I "
                        "yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
                        "Membentuk tim pelaksana dengan susunan keanggotaan sebagaimana "
                        "tercantum dalam Lampiran I Keputusan ini.")),
            "Pelaksana kegiatan sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas: "
            + "; ".join(f"{letters[i]}. {t}" for i, t in enumerate(tasks))
            + ", dengan rincian tugas sebagaimana tercantum dalam Lampiran II.",
            f"Dalam melaksanakan tugasnya, pelaksana kegiatan bertanggung jawab kepada Kepala "
            f"{OFFICE_TITLE} dan berkoordinasi dengan "
            f"{activity.partner if activity else 'unit kerja terkait'}.",
        ]
        if activity:
            decisions.append(
                f"Kegiatan {activity.title} dilaksanakan pada tanggal "
                f"{period_text(activity.start, activity.end)} bertempat di {activity.venue} "
                f"dengan jumlah peserta {activity.participants} orang dan beban belajar "
                f"{activity.hours} JP.")
        decisions.append(rng.choice((
            f"Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada DIPA "
            f"{OFFICE_TITLE} Tahun Anggaran {d.year}.",
            "Biaya pelaksanaan kegiatan dibebankan pada anggaran mitra sesuai dengan perjanjian "
            "kerja sama, sedangkan biaya perjalanan dinas dibebankan pada DIPA "
            f"{OFFICE_TITLE} Tahun Anggaran {d.year}.")))
    decisions.append(rng.choice((
        "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di "
        "kemudian hari terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya.",
        "Keputusan ini mulai berlaku pada tanggal ditetapkan.")))
    parts += [f"{ORDINALS[i]} : {text}" for i, text in enumerate(decisions)]
    parts += ["", "Ditetapkan di Serang", f"pada tanggal {long_date(d)}", "Kepala,", "", "",
              signer, f"NIP {signer_nip}"]
    if rng.random() < 0.5:
        parts += ["", "Salinan Keputusan ini disampaikan kepada:",
                  "1. Direktur Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar, dan "
                  "Pendidikan Menengah;", "2. Yang bersangkutan untuk dilaksanakan."]
    head = f"KEPUTUSAN KEPALA {OFFICE}\nNOMOR {number}\nTENTANG {upper}"
    if standard:
        parts += ["", f"LAMPIRAN\n{head}", "", "No | Komponen | Uraian"]
        rows = (("Dasar hukum", "peraturan perundang-undangan yang menjadi dasar layanan"),
                ("Persyaratan", "surat permohonan yang ditandatangani pimpinan instansi dan "
                                "ditujukan kepada Kepala paling lambat satu bulan sebelum "
                                "kegiatan"),
                ("Sistem, mekanisme, dan prosedur", "permohonan diterima front office, dibahas "
                 "tim kemitraan, disepakati dalam perjanjian, dilaksanakan, dan dilaporkan"),
                ("Jangka waktu penyelesaian", f"{rng.randint(2, 14)} hari kerja"),
                ("Biaya/tarif", "tidak dipungut biaya"),
                ("Produk pelayanan", "perjanjian kerja sama, keputusan pelaksana, sertifikat, "
                 "laporan hasil kegiatan"),
                ("Penanganan pengaduan, saran, dan masukan", "melalui ULT, pos-el, laman, dan "
                 "kotak saran; ditindaklanjuti paling lama 5 hari kerja"),
                ("Sarana dan prasarana", "ruang layanan, komputer, jaringan internet, dan ruang "
                 "tunggu"),
                ("Kompetensi pelaksana", "memahami standar pelayanan dan mampu berkomunikasi "
                 "dengan baik"),
                ("Jaminan pelayanan", "pelayanan diberikan sesuai standar dan dijamin keabsahan "
                 "sertifikat bagi peserta"))
        parts += [f"{i + 1} | {a} | {b}" for i, (a, b) in enumerate(rows)]
    elif implementers:
        parts += ["", f"LAMPIRAN I\n{head}", "", "DAFTAR PELAKSANA KEGIATAN",
                  "No | Nama | NIP | Pangkat/Golongan | Jabatan | Kedudukan dalam Kegiatan"]
        roles = []
        for i, name in enumerate(implementers):
            role = IMPLEMENTER_ROLES[min(i, len(IMPLEMENTER_ROLES) - 1)]
            roles.append(role)
            parts.append(f"{i + 1} | {name} | {nip(rng)} | {rng.choice(GRADES)} | "
                         f"{rng.choice(POSITIONS)} | {role}")
        parts += ["", f"LAMPIRAN II\n{head}", "", "RINCIAN TUGAS PELAKSANA KEGIATAN"]
        for i, role in enumerate(dict.fromkeys(roles)):
            parts.append(f"{i + 1}. {role}: {ROLE_DUTIES[role]}.")
        if activity:
            parts += ["", f"LAMPIRAN III\n{head}", "", "JADWAL KEGIATAN",
                      "Hari | Waktu | Kegiatan | Penanggung Jawab"]
            parts += schedule_rows(rng, activity)
        parts += ["", "Kepala,", "", signer]
    return "\n".join(parts) + "\n"


SESSIONS = ("Registrasi dan pembukaan", "Kebijakan penjaminan mutu pendidikan",
            "Analisis Rapor Pendidikan satuan pendidikan", "Identifikasi akar masalah",
            "Penyusunan rencana perbaikan", "Praktik penyusunan perangkat ajar",
            "Diskusi kelompok dan presentasi", "Refleksi dan umpan balik",
            "Penyusunan rencana tindak lanjut", "Evaluasi dan penutupan")


def schedule_rows(rng: random.Random, activity: Activity) -> list[str]:
    days = (activity.end - activity.start).days + 1
    rows = []
    for i in range(days):
        for time in ("08.00-10.00", "10.15-12.00", "13.00-15.00", "15.15-16.30"):
            rows.append(f"{i + 1} | {time} | {rng.choice(SESSIONS)} | "
                        f"{rng.choice(('Narasumber', 'Fasilitator', 'Panitia', 'Ketua Tim'))}")
    return rows


MOU_DEFINITIONS = (
    "Perjanjian adalah Perjanjian Kerja Sama antara PIHAK KESATU dan PIHAK KEDUA.",
    "Kegiatan adalah {kind} {topic} yang dilaksanakan berdasarkan Perjanjian ini.",
    "Narasumber adalah widyaprada atau pegawai PIHAK KESATU yang ditugaskan menyampaikan "
    "materi.",
    "Peserta adalah pendidik dan tenaga kependidikan yang ditetapkan oleh PIHAK KEDUA.",
    "Satuan pendidikan sasaran adalah satuan pendidikan di {region} yang didampingi dalam "
    "Kegiatan.",
    "Rencana tindak lanjut adalah rencana perbaikan yang disusun peserta setelah Kegiatan.",
)
MOU_RIGHTS_1 = (
    "memperoleh data dan informasi yang diperlukan dari PIHAK KEDUA",
    "memperoleh laporan pelaksanaan rencana tindak lanjut dari satuan pendidikan sasaran",
    "menggunakan data hasil Kegiatan untuk keperluan pemetaan mutu dengan tetap menjaga "
    "kerahasiaan",
    "mempublikasikan praktik baik hasil Kegiatan atas persetujuan PIHAK KEDUA",
)
MOU_DUTIES_1 = (
    "menugaskan narasumber dan fasilitator yang kompeten",
    "menyiapkan bahan ajar dan instrumen evaluasi",
    "menerbitkan sertifikat bagi peserta yang memenuhi ketentuan",
    "menyusun laporan hasil Kegiatan dan menyampaikannya kepada PIHAK KEDUA",
    "melakukan pendampingan daring setelah Kegiatan luring",
)
MOU_RIGHTS_2 = (
    "memperoleh pendampingan sesuai dengan ruang lingkup Perjanjian ini",
    "memperoleh bahan ajar, hasil evaluasi, dan laporan hasil Kegiatan",
    "mengusulkan penyesuaian jadwal Kegiatan secara tertulis",
)
MOU_DUTIES_2 = (
    "menetapkan dan menyiapkan peserta Kegiatan",
    "menyediakan tempat, sarana, dan prasarana Kegiatan",
    "menanggung biaya penyelenggaraan sesuai dengan Pasal Pembiayaan",
    "menyampaikan daftar hadir dan dokumentasi Kegiatan",
    "memastikan satuan pendidikan sasaran melaksanakan rencana tindak lanjut",
)


def agreement_text(rng: random.Random, number: str, partner: Partner, subject: str,
                   d: dt.date, activity: Activity, amount: int, months: int,
                   note: str = "") -> str:
    """PERJANJIAN KERJA SAMA ANTARA ... DAN ...; NOMOR lines; Pada hari ini ...; PIHAK KESATU
    and PIHAK KEDUA; considerations; Pasal 1..n; signatures."""
    ch = rng.choice
    slots: dict[str, object] = {"kind": activity.kind, "topic": activity.topic,
                                "region": activity.region}
    day = DAYS[d.weekday()]
    opening = (f"Pada hari ini {day} tanggal {terbilang(d.day)} bulan {MONTHS[d.month - 1]} "
               f"tahun {terbilang(d.year)}, bertempat di {ch(('Serang', partner.place))}, kami "
               "yang bertanda tangan di bawah ini:")
    p1 = (f"1. {HEAD}, Kepala {OFFICE_TITLE}, berkedudukan di {ADDRESS}, dalam hal ini "
          f"bertindak untuk dan atas nama {OFFICE_TITLE}, selanjutnya disebut PIHAK KESATU.")
    p2 = (f"2. {partner.official}, {partner.position}, berkedudukan di {partner.address}, dalam "
          f"hal ini bertindak untuk dan atas nama {partner.institution}, selanjutnya disebut "
          "PIHAK KEDUA.")
    considerations = [
        "bahwa PIHAK KESATU merupakan unit pelaksana teknis yang melaksanakan penjaminan mutu "
        "pendidikan di Provinsi Banten;",
        ch((f"bahwa PIHAK KEDUA memerlukan dukungan dalam {activity.topic} bagi satuan "
            f"pendidikan di {activity.region};",
            f"bahwa PIHAK KEDUA berkomitmen meningkatkan mutu pendidikan melalui "
            f"{activity.topic};")),
        f"bahwa PIHAK KEDUA telah menyampaikan permohonan kerja sama kepada PIHAK KESATU "
        f"dengan surat tertanggal {long_date(d - dt.timedelta(days=rng.randint(7, 30)))};",
        "bahwa PARA PIHAK sepakat untuk saling mendukung dalam peningkatan mutu pendidikan "
        "sesuai dengan tugas dan kewenangan masing-masing;",
        "bahwa kerja sama ini dilaksanakan berdasarkan prinsip kesetaraan, saling menguntungkan, "
        "transparansi, akuntabilitas, dan keberlanjutan;",
    ]
    listing = "; ".join
    articles: list[tuple[str, list[str]]] = [
        ("Ketentuan Umum", ["Dalam Perjanjian ini yang dimaksud dengan: " + " ".join(
            f"{i + 1}. {x}" for i, x in enumerate(_pick(rng, MOU_DEFINITIONS, 6, slots)))]),
        ("Maksud dan Tujuan", [
            f"Maksud Perjanjian ini adalah sebagai pedoman bagi PARA PIHAK dalam melaksanakan "
            f"kerja sama {subject}.",
            ch((f"Tujuan Perjanjian ini adalah meningkatkan kompetensi pendidik dan tenaga "
                f"kependidikan dalam {activity.topic}.",
                "Tujuan Perjanjian ini adalah terwujudnya peningkatan mutu layanan pendidikan "
                f"di {activity.region} secara berkelanjutan.")),
        ]),
        ("Ruang Lingkup", [
            "Ruang lingkup Perjanjian ini meliputi: a. penyediaan narasumber dan fasilitator; "
            f"b. pendampingan satuan pendidikan dalam {activity.topic}; c. penyusunan rencana "
            "tindak lanjut; d. pemantauan pelaksanaan rencana tindak lanjut; dan e. evaluasi "
            "dan pelaporan hasil kegiatan.",
        ]),
        ("Pelaksanaan", [
            f"Kegiatan {activity.kind.lower()} dilaksanakan pada tanggal "
            f"{period_text(activity.start, activity.end)} bertempat di {activity.venue}.",
            f"Peserta kegiatan berjumlah {activity.participants} orang yang terdiri atas guru, "
            "kepala sekolah, dan pengawas sekolah.",
            ch(("Pelaksanaan kegiatan dapat disesuaikan berdasarkan kesepakatan PARA PIHAK yang "
                "dituangkan secara tertulis.",
                "Rincian jadwal pelaksanaan disusun bersama oleh PARA PIHAK dan menjadi bagian "
                "tidak terpisahkan dari Perjanjian ini.")),
            *([note] if note else []),
        ]),
        ("Tata Cara Pelaksanaan", [
            "Kegiatan diawali dengan rapat persiapan PARA PIHAK untuk menyepakati kerangka acuan, "
            "jadwal, peserta, dan pembagian tugas.",
            "Kegiatan luring dilanjutkan dengan pendampingan daring dan kunjungan ke satuan "
            "pendidikan sasaran sesuai dengan kebutuhan.",
            "Setiap tahapan kegiatan didokumentasikan dan dilaporkan secara tertulis oleh pihak "
            "yang bertanggung jawab.",
        ]),
        ("Hak dan Kewajiban PIHAK KESATU", [
            "PIHAK KESATU berhak: " + listing(_pick(rng, MOU_RIGHTS_1, 3, slots)) + ".",
            "PIHAK KESATU berkewajiban: " + listing(_pick(rng, MOU_DUTIES_1, 4, slots))
            + f", dengan beban narasumber {activity.hours} JP.",
        ]),
        ("Hak dan Kewajiban PIHAK KEDUA", [
            "PIHAK KEDUA berhak: " + listing(_pick(rng, MOU_RIGHTS_2, 2, slots)) + ".",
            "PIHAK KEDUA berkewajiban: " + listing(_pick(rng, MOU_DUTIES_2, 4, slots)) + ".",
        ]),
        ("Pembiayaan", [
            ch((f"Biaya pelaksanaan kegiatan sebesar {rupiah(amount)} dibebankan pada anggaran "
                "PIHAK KEDUA.",
                "Biaya perjalanan dinas narasumber dibebankan pada DIPA PIHAK KESATU, sedangkan "
                f"biaya penyelenggaraan sebesar {rupiah(amount)} dibebankan pada anggaran "
                "PIHAK KEDUA.")),
            "Pembayaran dilaksanakan sesuai dengan ketentuan peraturan perundang-undangan dan "
            "tidak dapat dialihkan kepada pihak lain.",
        ]),
        ("Jangka Waktu", [
            f"Perjanjian ini berlaku selama {months} ({terbilang(months)}) bulan terhitung sejak "
            "tanggal ditandatangani.",
            "Perjanjian ini dapat diperpanjang atau diakhiri sebelum jangka waktunya berakhir "
            "atas kesepakatan PARA PIHAK yang dituangkan secara tertulis.",
        ]),
        ("Pemantauan dan Evaluasi", [
            "PARA PIHAK melakukan pemantauan dan evaluasi atas pelaksanaan Perjanjian ini paling "
            "sedikit 1 (satu) kali selama jangka waktu Perjanjian.",
            "Hasil pemantauan dan evaluasi digunakan sebagai bahan perbaikan dan perencanaan "
            "kerja sama berikutnya.",
        ]),
        ("Keadaan Kahar", [
            "Keadaan kahar adalah keadaan di luar kemampuan PARA PIHAK, antara lain bencana alam, "
            "wabah penyakit, kebakaran, dan kebijakan pemerintah yang berakibat langsung pada "
            "pelaksanaan Perjanjian ini.",
            "Pihak yang mengalami keadaan kahar wajib memberitahukan secara tertulis kepada pihak "
            "lainnya paling lambat 7 (tujuh) hari sejak terjadinya keadaan kahar.",
        ]),
        ("Pengakhiran", [
            "Perjanjian ini berakhir apabila jangka waktunya telah habis, seluruh kegiatan telah "
            "dilaksanakan, atau PARA PIHAK sepakat mengakhirinya lebih awal.",
            "Pengakhiran Perjanjian tidak menghapus kewajiban PARA PIHAK yang belum diselesaikan "
            "sebelum tanggal pengakhiran.",
        ]),
        ("Penyelesaian Perselisihan", [
            "Apabila terjadi perselisihan dalam pelaksanaan Perjanjian ini, PARA PIHAK sepakat "
            "menyelesaikannya secara musyawarah untuk mufakat.",
            "Apabila musyawarah tidak mencapai mufakat, PARA PIHAK sepakat menyelesaikannya "
            "sesuai dengan ketentuan peraturan perundang-undangan.",
        ]),
        ("Pelaporan", [
            "PIHAK KESATU menyampaikan laporan hasil kegiatan kepada PIHAK KEDUA paling lambat "
            "30 (tiga puluh) hari setelah kegiatan berakhir.",
            "PIHAK KEDUA menyampaikan laporan pelaksanaan rencana tindak lanjut satuan pendidikan "
            "sasaran kepada PIHAK KESATU paling lambat 3 (tiga) bulan setelah kegiatan.",
        ]),
        ("Hak atas Kekayaan Intelektual", [
            "Bahan ajar, modul, dan instrumen yang disusun dalam Kegiatan merupakan milik "
            "bersama PARA PIHAK dan dapat dimanfaatkan untuk kepentingan pendidikan.",
            "Penggunaan hasil Kegiatan untuk kepentingan komersial hanya dapat dilakukan atas "
            "persetujuan tertulis PARA PIHAK.",
        ]),
        ("Kerahasiaan", [
            "PARA PIHAK wajib menjaga kerahasiaan data pribadi peserta dan data satuan pendidikan "
            "yang diperoleh dalam pelaksanaan Perjanjian ini.",
            "Data sebagaimana dimaksud pada ayat (1) hanya dapat digunakan untuk kepentingan "
            "peningkatan mutu pendidikan dan tidak diberikan kepada pihak lain tanpa "
            "persetujuan tertulis.",
        ]),
        ("Korespondensi", [
            f"Surat-menyurat kepada PIHAK KESATU ditujukan ke {ADDRESS}, dan kepada PIHAK KEDUA "
            f"ditujukan ke {partner.address}.",
        ]),
    ]
    if rng.random() < 0.6:
        articles.append(("Perubahan", [
            "Hal-hal yang belum diatur atau perubahan atas Perjanjian ini akan diatur kemudian "
            "dalam adendum yang disepakati PARA PIHAK dan merupakan bagian tidak terpisahkan dari "
            "Perjanjian ini.",
        ]))
    articles.append(("Penutup", [
        "Perjanjian ini dibuat rangkap dua, masing-masing bermeterai cukup dan mempunyai kekuatan "
        "hukum yang sama setelah ditandatangani oleh PARA PIHAK.",
    ]))
    parts = [LETTERHEAD, "PERJANJIAN KERJA SAMA", "ANTARA", OFFICE, "DAN",
             partner.institution.upper(), "TENTANG", subject.upper(), "",
             f"NOMOR: {number}", f"NOMOR: {partner.code}", "", opening, p1, p2,
             "PIHAK KESATU dan PIHAK KEDUA yang selanjutnya secara bersama-sama disebut PARA "
             "PIHAK, terlebih dahulu menerangkan hal-hal sebagai berikut:"]
    parts += [f"{'abcde'[i]}. {c}" for i, c in enumerate(considerations)]
    parts.append("Berdasarkan hal-hal tersebut di atas, PARA PIHAK sepakat untuk mengadakan "
                 f"Perjanjian Kerja Sama tentang {subject} dengan ketentuan sebagai berikut:")
    for i, (head, clauses) in enumerate(articles):
        parts += ["", f"Pasal {i + 1}", head]
        if len(clauses) == 1:
            parts.append(clauses[0])
        else:
            parts += [f"({j + 1}) {c}" for j, c in enumerate(clauses)]
    parts += ["", "PIHAK KEDUA,", partner.position + ",", "", "", partner.official, "",
              "PIHAK KESATU,", f"Kepala {OFFICE_SHORT},", "", "", HEAD, f"NIP {HEAD_NIP}", "",
              "LAMPIRAN PERJANJIAN KERJA SAMA", f"NOMOR: {number}", f"NOMOR: {partner.code}",
              "RENCANA PELAKSANAAN KEGIATAN", "Hari | Waktu | Kegiatan | Penanggung Jawab",
              *schedule_rows(rng, activity)]
    return "\n".join(parts) + "\n"


BACKGROUND = (
    "Hasil Rapor Pendidikan {region} menunjukkan bahwa capaian {topic} masih perlu "
    "ditingkatkan. Oleh karena itu, {partner} bersama BPMP Provinsi Banten melaksanakan "
    "kegiatan {kind_lower} bagi guru dan kepala sekolah.",
    "Peningkatan mutu pendidikan menuntut pendidik yang mampu merancang dan melaksanakan "
    "pembelajaran yang bermakna. Sejalan dengan hal tersebut, {partner} mengajukan permohonan "
    "kerja sama kepada BPMP Provinsi Banten dalam {topic}.",
    "Kegiatan ini merupakan tindak lanjut perjanjian kerja sama yang telah disepakati dan "
    "dilaksanakan sesuai dengan standar pelayanan kemitraan.",
    "Melalui pendampingan yang terencana, satuan pendidikan diharapkan mampu melakukan "
    "perbaikan secara mandiri dan berkelanjutan.",
    "Perencanaan berbasis data menjadi pendekatan utama agar program yang disusun satuan "
    "pendidikan sesuai dengan kebutuhan peserta didik.",
    "Pengalaman pendampingan sebelumnya menunjukkan bahwa guru lebih mudah menerapkan hasil "
    "pelatihan apabila didampingi secara langsung di satuan pendidikan.",
)
OBJECTIVES = (
    "meningkatkan pemahaman peserta tentang {topic}",
    "mendampingi satuan pendidikan dalam menyusun rencana tindak lanjut berbasis data",
    "mengembangkan praktik baik yang dapat didiseminasikan kepada satuan pendidikan lain",
    "memperkuat peran kepala sekolah sebagai pemimpin pembelajaran",
    "membangun komunitas belajar yang aktif di {region}",
    "menghasilkan produk pembelajaran yang dapat langsung diterapkan di kelas",
)
RESULTS = (
    "Seluruh peserta telah menyusun rencana tindak lanjut {topic} di satuan pendidikan "
    "masing-masing.",
    "Sebanyak {pct} persen peserta menyelesaikan seluruh rangkaian kegiatan dan tugas mandiri.",
    "Hasil tes awal dan tes akhir menunjukkan kenaikan rata-rata nilai dari {pre} menjadi "
    "{post}.",
    "Peserta menghasilkan produk berupa modul ajar, instrumen asesmen, dan rencana perbaikan "
    "pembelajaran yang telah diverifikasi oleh narasumber.",
    "Diskusi kelompok menghasilkan daftar kendala yang dihadapi guru beserta alternatif "
    "pemecahannya.",
    "Kepala sekolah peserta berkomitmen melaksanakan supervisi akademik untuk memastikan "
    "rencana tindak lanjut dilaksanakan.",
)
ISSUES = (
    "Aspek yang perlu diperbaiki adalah ketepatan waktu penyampaian bahan dan kualitas jaringan "
    "internet pada sesi daring.",
    "Peserta mengharapkan pendampingan lanjutan di satuan pendidikan agar rencana tindak lanjut "
    "dapat dilaksanakan dengan baik.",
    "Sebagian peserta terlambat hadir karena jarak tempuh yang jauh, sehingga jadwal sesi "
    "pertama disesuaikan.",
    "Waktu diskusi dirasakan kurang sehingga perlu ditambah pada kegiatan berikutnya.",
)
MATERIAL_RESULTS = (
    "peserta mampu mengidentifikasi masalah utama satuan pendidikan dan merumuskan akar "
    "masalahnya.",
    "sebagian besar peserta telah menyusun rancangan yang memenuhi kriteria yang ditetapkan "
    "narasumber.",
    "peserta berlatih secara berkelompok dan mempresentasikan hasil kerja untuk mendapatkan "
    "umpan balik.",
    "peserta masih memerlukan pendampingan lanjutan terutama dalam menyusun instrumen.",
    "diskusi berlangsung aktif dan menghasilkan contoh praktik yang dapat diterapkan di kelas.",
)
COMMENTS = ("Materi sangat bermanfaat dan langsung dapat diterapkan di kelas.",
            "Narasumber menyampaikan materi dengan jelas dan memberi contoh nyata.",
            "Waktu praktik perlu ditambah agar hasil kerja lebih matang.",
            "Kami berharap ada pendampingan lanjutan ke sekolah.",
            "Bahan ajar sebaiknya dibagikan sebelum kegiatan dimulai.",
            "Pelayanan panitia baik dan ramah.",
            "Jaringan internet di lokasi kurang stabil saat sesi daring.")
EVAL_ASPECTS = ("Relevansi materi dengan kebutuhan", "Penguasaan materi narasumber",
                "Metode penyampaian", "Ketersediaan bahan ajar", "Sarana dan prasarana",
                "Ketepatan waktu pelaksanaan", "Layanan panitia")
RECOMMENDATIONS = (
    "dinas pendidikan melakukan pemantauan pelaksanaan rencana tindak lanjut",
    "kegiatan serupa dilaksanakan bagi satuan pendidikan yang belum terjangkau",
    "komunitas belajar difasilitasi untuk berbagi praktik baik secara berkala",
    "hasil kegiatan dimanfaatkan sebagai bahan perencanaan program tahun berikutnya",
    "pendampingan daring dilanjutkan selama tiga bulan setelah kegiatan",
)


def report_text(rng: random.Random, activity: Activity, basis: list[str], d: dt.date,
                institutions: list[tuple[str, int]], signer: str) -> str:
    """Activity report: Dasar, Latar Belakang, Tujuan, Pelaksanaan, Hasil, Evaluasi, Penutup."""
    total = sum(c for _, c in institutions)
    very_good, good, poor, very_poor = (rng.randint(30, 60), rng.randint(25, 45),
                                        rng.randint(0, 5), rng.randint(0, 2))
    shares = [very_good, good, 100 - very_good - good - poor - very_poor, poor, very_poor]
    slots: dict[str, object] = {
        "region": activity.region, "topic": activity.topic, "partner": activity.partner,
        "kind_lower": activity.kind.lower(), "pct": rng.randint(70, 98),
        "pre": rng.randint(50, 65), "post": rng.randint(72, 90)}
    mats = rng.sample(MATERIALS, 4)
    days = (activity.end - activity.start).days + 1
    parts = [LETTERHEAD, "LAPORAN HASIL KEGIATAN", activity.title.upper(), OFFICE,
             f"TAHUN {activity.year}", "", "BAB I PENDAHULUAN", "A. Dasar"]
    parts += [f"{i + 1}. {b};" for i, b in enumerate(basis)]
    parts += [f"{len(basis) + 1}. DIPA {OFFICE_TITLE} Tahun Anggaran {activity.year}.",
              "B. Latar Belakang", *_pick(rng, BACKGROUND, 4, slots), "C. Tujuan"]
    parts += [f"{i + 1}. {x};" for i, x in enumerate(_pick(rng, OBJECTIVES, 4, slots))]
    parts += ["D. Ruang Lingkup",
              f"Ruang lingkup kegiatan meliputi persiapan, pelaksanaan {activity.kind.lower()} "
              f"secara luring di {activity.venue}, pendampingan daring, pemantauan rencana "
              "tindak lanjut, serta evaluasi dan pelaporan.",
              "E. Hasil yang Diharapkan",
              "Tersusunnya rencana tindak lanjut satuan pendidikan dan meningkatnya kompetensi "
              f"peserta dalam {activity.topic}.",
              "", "BAB II PELAKSANAAN KEGIATAN", "A. Waktu dan Tempat",
              f"Kegiatan dilaksanakan selama {days} hari pada tanggal "
              f"{period_text(activity.start, activity.end)} bertempat di {activity.venue} dengan "
              f"beban {activity.hours} JP.", "B. Peserta",
              f"Peserta kegiatan berjumlah {total} orang dari satuan pendidikan berikut:",
              "No | Instansi | Jumlah"]
    parts += [f"{i + 1} | {name} | {count}" for i, (name, count) in enumerate(institutions)]
    parts += [f"Jumlah | | {total}", "C. Jadwal", "Hari | Waktu | Kegiatan | Penanggung Jawab",
              *schedule_rows(rng, activity), "D. Materi dan Narasumber",
              "No | Materi | JP | Narasumber"]
    parts += [f"{i + 1} | {m} | {activity.hours // 4} | {person(rng)[0]}"
              for i, m in enumerate(mats)]
    parts += ["Materi disampaikan oleh widyaprada BPMP Provinsi Banten yang didampingi "
              f"fasilitator dari {activity.partner} melalui metode ceramah interaktif, diskusi "
              "kelompok, praktik, dan presentasi hasil kerja.",
              "", "BAB III HASIL KEGIATAN", *_pick(rng, RESULTS, 4, slots),
              *(f"Pada materi {m}, {_one(rng, MATERIAL_RESULTS, slots)}" for m in mats),
              "", "BAB IV EVALUASI",
              "Survei kepuasan peserta menunjukkan hasil: " + "; ".join(
                  f"{r} {s} persen" for r, s in zip(RATINGS, shares, strict=True)) + ".",
              "Aspek | Skor rata-rata (1-4)",
              *(f"{a} | {rng.randint(300, 395) / 100:.2f}" for a in EVAL_ASPECTS),
              "Tanggapan peserta pada survei antara lain:",
              *(f"- \"{c}\"" for c in rng.sample(COMMENTS, 3)),
              "Kendala dan Solusi", *_pick(rng, ISSUES, 3, slots),
              "Tindak Lanjut",
              f"Hasil kegiatan akan ditindaklanjuti melalui pendampingan daring selama "
              f"{rng.choice(('dua', 'tiga', 'empat'))} bulan, kunjungan ke satuan pendidikan "
              f"sasaran, dan pertemuan komunitas belajar yang difasilitasi {activity.partner}. "
              "Perkembangan pelaksanaan rencana tindak lanjut dipantau melalui laporan bulanan "
              "kepala sekolah.",
              "", "BAB V PENUTUP", "A. Kesimpulan",
              f"Kegiatan {activity.title} telah dilaksanakan dengan baik dan lancar serta "
              "mencapai tujuan yang ditetapkan.", "B. Rekomendasi"]
    parts += [f"{i + 1}. {x};" for i, x in enumerate(_pick(rng, RECOMMENDATIONS, 3, slots))]
    parts += ["Demikian laporan ini disusun sebagai bentuk pertanggungjawaban pelaksanaan "
              "kegiatan. Kami menyampaikan terima kasih kepada semua pihak yang telah membantu.",
              "", f"Serang, {long_date(d)}", "Kepala,", "", "", signer, f"NIP {HEAD_NIP}", "",
              "LAMPIRAN: 1. Daftar hadir peserta; 2. Dokumentasi kegiatan; 3. Rekapitulasi "
              "survei kepuasan; 4. Salinan Keputusan dan Perjanjian Kerja Sama.", "",
              "DOKUMENTASI KEGIATAN",
              f"Gambar 1. Pembukaan kegiatan {activity.title} oleh Kepala {OFFICE_SHORT}.",
              "Gambar 2. Narasumber menyampaikan materi kepada peserta.",
              "Gambar 3. Peserta berdiskusi dalam kelompok kerja.",
              "Gambar 4. Presentasi rencana tindak lanjut satuan pendidikan."]
    return "\n".join(parts) + "\n"


def certificate_text(rng: random.Random, number: str, name: str, institution: str, role: str,
                     activity: Activity, d: dt.date, code: str) -> str:
    """SERTIFIKAT: participant, role, activity, dates, place, hours; program structure."""
    mats = rng.sample(MATERIALS, rng.randint(4, 6))
    hours = [activity.hours // len(mats)] * len(mats)
    hours[0] += activity.hours - sum(hours)
    rows = [f"{i + 1} | {m} | {h}" for i, (m, h) in enumerate(zip(mats, hours, strict=True))]
    return "\n".join([
        "KEMENTERIAN PENDIDIKAN DASAR DAN MENENGAH", OFFICE, "", "SERTIFIKAT",
        f"Nomor: {number}", "", "diberikan kepada", name, institution, "",
        f"sebagai {role.upper()}",
        f"dalam kegiatan {activity.title} yang diselenggarakan oleh {OFFICE_TITLE} bekerja sama "
        f"dengan {activity.partner} pada tanggal {period_text(activity.start, activity.end)} "
        f"bertempat di {activity.venue} dengan beban belajar {activity.hours} JP.",
        rng.choice(("Sertifikat ini diberikan atas partisipasi aktif dan penyelesaian seluruh "
                    "tugas dalam kegiatan tersebut.",
                    "Atas partisipasi dan kontribusinya dalam kegiatan tersebut, kami "
                    "menyampaikan terima kasih dan penghargaan.")),
        "", f"Serang, {long_date(d)}", "Kepala,", "", HEAD, f"NIP {HEAD_NIP}", "",
        f"Kode verifikasi: {code}",
        "Pindai kode QR untuk memeriksa keabsahan sertifikat ini melalui laman layanan "
        "verifikasi BPMP Provinsi Banten.", "",
        "STRUKTUR PROGRAM", "No | Materi | JP", *rows, f"Jumlah | | {activity.hours}",
        "Kompetensi yang dikembangkan: " + "; ".join(
            _pick(rng, OBJECTIVES, 2, {"topic": activity.topic, "region": activity.region})) + ".",
        rng.choice(("Sertifikat ini sah tanpa tanda tangan basah karena telah ditandatangani "
                    "secara elektronik.",
                    "Sertifikat ini diberikan sebagai bukti keikutsertaan dalam kegiatan "
                    "pengembangan keprofesian berkelanjutan.")),
    ]) + "\n"


# -- record builders -----------------------------------------------------------------------------


def outgoing_number(seq: int, classification: str, year: int) -> str:
    return f"{seq:04d}/{UNIT}/{classification}/{year}"


def certificate_number(seq: int, year: int) -> str:
    return f"{seq:05d}/Sertifikat/BPMPBANTEN/{year}"


def agenda_number(seq: int, year: int) -> str:
    return f"{seq:04d}/SM/{year}"


def mou_record(rng: random.Random, key: str, number: str, d: dt.date, partner: Partner,
               partner_number: str, activity: Activity, classification: str = "KS.01.00",
               status: str = "filed", void_reason: str = "", subject: str = "",
               note: str = "") -> CorpusRecord:
    subject = subject or activity.title
    months = rng.choice((3, 6, 6, 12, 12, 24))
    amount = rng.randint(20, 300) * 500_000
    p = Partner(partner.institution, partner.official, partner.position, partner.address,
                partner.place, partner_number, partner.region)
    body = agreement_text(rng, number, p, subject, d, activity, amount, months, note)
    return CorpusRecord(
        key=key, kind="mou", series="agreement", number=number, classification=classification,
        date=d, subject=subject, status=status, void_reason=void_reason,
        parties=[{"role": "PIHAK KESATU", "institution": OFFICE, "official": HEAD},
                 {"role": "PIHAK KEDUA", "institution": partner.institution,
                  "official": partner.official, "position": partner.position,
                  "number": partner_number}],
        details={"signatory": HEAD, "activity": activity.title, "start_date": d.isoformat(),
                 "end_date": (d + dt.timedelta(days=30 * months)).isoformat(),
                 "amount": amount},
        body=body, verification_code=None, letter=None)


def decree_record(rng: random.Random, key: str, number: str, d: dt.date, subject: str,
                  activity: Activity | None, implementers: list[str],
                  classification: str = "OT.02.02", signer: str = HEAD,
                  signer_nip: str = HEAD_NIP, status: str = "filed", void_reason: str = "",
                  standard: bool = False) -> CorpusRecord:
    body = decree_text(rng, number, subject, d, signer, signer_nip, activity, implementers,
                       standard)
    details: dict[str, object] = {"signatory": signer, "place": "Serang"}
    if implementers:
        details["implementers"] = implementers
    return CorpusRecord(
        key=key, kind="decree", series="decree", number=number, classification=classification,
        date=d, subject=subject, status=status, void_reason=void_reason, parties=[],
        details=details, body=body, verification_code=None, letter=None)


def report_record(rng: random.Random, key: str, number: str, d: dt.date, activity: Activity,
                  decree_number: str, decree_subject: str, mou_number: str,
                  institutions: list[tuple[str, int]], classification: str = "KS.01.00",
                  ) -> CorpusRecord:
    basis = [f"Keputusan Kepala {OFFICE_SHORT} Nomor {decree_number} tentang {decree_subject}",
             f"Perjanjian Kerja Sama antara {OFFICE_TITLE} dan {activity.partner} Nomor "
             f"{mou_number}"]
    body = report_text(rng, activity, basis, d, institutions, HEAD)
    return CorpusRecord(
        key=key, kind="report", series="letter", number=number, classification=classification,
        date=d, subject=f"Laporan Hasil Kegiatan {activity.title}", status="filed",
        void_reason="", parties=[],
        details={"signatory": HEAD, "basis": basis, "activity": activity.title,
                 "start_date": activity.start.isoformat(), "end_date": activity.end.isoformat(),
                 "place": activity.venue, "participants": sum(c for _, c in institutions)},
        body=body, verification_code=None, letter=None)


def certificate_record(rng: random.Random, key: str, number: str, d: dt.date,
                       activity: Activity, name: str, institution: str, role: str,
                       code: str) -> CorpusRecord:
    body = certificate_text(rng, number, name, institution, role, activity, d, code)
    return CorpusRecord(
        key=key, kind="certificate", series="certificate", number=number,
        classification="DT.02.00", date=d,
        subject=f"Sertifikat {role.capitalize()} {activity.title}", status="filed",
        void_reason="", parties=[{"role": role, "name": name, "institution": institution}],
        details={"signatory": HEAD, "activity": activity.title,
                 "start_date": activity.start.isoformat(), "end_date": activity.end.isoformat(),
                 "place": activity.venue, "hours": f"{activity.hours} JP",
                 "participant": {"name": name, "institution": institution, "role": role}},
        body=body, verification_code=code, letter=None)


def number_record(key: str, number: str, classification: str, d: dt.date, subject: str,
                  status: str = "issued", void_reason: str = "") -> CorpusRecord:
    return CorpusRecord(
        key=key, kind="number", series="letter", number=number, classification=classification,
        date=d, subject=subject, status=status, void_reason=void_reason, parties=[], details={},
        body="", verification_code=None, letter=None)


def external_record(key: str, number: str, classification: str, d: dt.date, subject: str,
                    issuer: str) -> CorpusRecord:
    return CorpusRecord(
        key=key, kind="external", series="letter", number=number, classification=classification,
        date=d, subject=subject, status="recorded", void_reason="", parties=[],
        details={"issuer": issuer, "source": "SRIKANDI"}, body="", verification_code=None,
        letter=None)


def incoming_record(rng: random.Random, key: str, agenda: str, received: dt.datetime,
                    sender: Sender, letter_type: str, subject: str, number: str,
                    letter_date: dt.date | None, progress: str, closed_on: dt.date | None,
                    answered_by: str | None, topic: str, signer: str, signer_nip: str,
                    venue: str, due_date: dt.date | None = None,
                    extra: list[str] | None = None,
                    sample: SampleLetter | None = None) -> CorpusRecord:
    """An incoming letter; its text is composed, or taken from a tests.intake sample."""
    day = received.date()
    due = due_date or add_workdays(day, SERVICE_DAYS[letter_type])
    if sample is not None:
        text, attachments, addressee = sample.text(), sample.attachments, sample.addressee
    else:
        org = rng.choice(("kami", "instansi kami", "satuan pendidikan kami")) \
            if sender.style != "pemda" else rng.choice(("kami", "dinas kami",
                                                        "pemerintah daerah"))
        paragraphs = letter_paragraphs(rng, letter_type, subject, topic, letter_date or day,
                                       org, venue)
        if extra:
            paragraphs[1:1] = extra
        attachments = rng.choice(("1 (satu) berkas", "2 (dua) lembar", "1 (satu) bendel", "-",
                                  ""))
        addressee = rng.choice(("Kepala BPMP Provinsi Banten",
                                "Kepala Balai Penjaminan Mutu Pendidikan Provinsi Banten"))
        text = compose_letter(rng, sender, number, letter_date, subject, paragraphs, signer,
                              signer_nip, attachments, addressee)
    ext = rng.choice(("pdf", "pdf", "pdf", "jpg", "tif", "docx"))
    letter = CorpusLetter(
        original_name=f"{rng.choice(('scan', 'surat', 'SM', 'dokumen'))}_{day:%Y%m%d}_"
                      f"{rng.randint(1, 999):03d}.{ext}",
        sender=sender.name, their_number=number, letter_date=letter_date, subject=subject,
        addressee=addressee, attachments=attachments, signer=signer, signer_nip=signer_nip,
        letter_type=letter_type, progress=progress, due_date=due, received=received,
        closed_on=closed_on, answered_by=answered_by, text=text)
    return CorpusRecord(
        key=key, kind="incoming", series="incoming", number=agenda,
        classification=LETTER_CLASS[letter_type], date=day, subject=subject, status="filed",
        void_reason="", parties=[{"role": "pengirim", "institution": sender.name}], details={},
        body="", verification_code=None, letter=letter)


SAMPLE_TYPES = {"kemitraan": "permohonan_kemitraan", "pengaduan": "pengaduan",
                "informasi": "permintaan_informasi", "undangan": "undangan"}


@functools.cache
def reused_samples() -> tuple[SampleLetter, ...]:
    """The intake tests' sample letters that fit the background (not written by the office
    itself, no reserved word, dated in the corpus period), by date."""
    out = []
    for sample in samples(84):
        words = set(re.findall(r"\w+", sample.text().lower()))
        if (sample.layout == "ministry" or words & RESERVED_WORDS
                or search_key(sample.number) in _RESERVED_KEYS
                or not FIRST_DAY <= sample.date <= LAST_DAY - dt.timedelta(days=7)):
            continue
        out.append(sample)
    return tuple(sorted(out, key=lambda x: x.date))


def sample_type(sample: SampleLetter) -> str:
    for kind, subjects in SUBJECTS.items():
        if sample.subject in subjects:
            return SAMPLE_TYPES[kind]
    return "lainnya"


def received_at(rng: random.Random, day: dt.date) -> dt.datetime:
    local = dt.datetime(day.year, day.month, day.day, rng.randint(7, 15), rng.randint(0, 59),
                        rng.randint(0, 59))
    return (local - WIB).replace(tzinfo=dt.UTC)


# -- the background ------------------------------------------------------------------------------

KIND_WEIGHTS = (("incoming", 0.40), ("certificate", 0.28), ("number", 0.06),
                ("decree", 0.08), ("mou", 0.07), ("report", 0.07), ("external", 0.04))
_CUMULATIVE = tuple(
    (kind, sum(w for _, w in KIND_WEIGHTS[: i + 1])) for i, (kind, _) in enumerate(KIND_WEIGHTS))
EXTERNAL_OFFICES = (  # unit code, issuer, classification, subject
    ("C7.9", "BPMP Provinsi Kepulauan Riau", "OT.01.00",
     "Prosedur Operasional Standar Layanan Kemitraan BPMP Provinsi Kepulauan Riau"),
    ("C7.7", "BPMP Provinsi Sumatera Utara", "KS.01.00",
     "Surat Pemberitahuan Kegiatan Diseminasi Praktik Baik Antarbalai"),
    ("C7", "Direktorat Jenderal Pendidikan Anak Usia Dini, Pendidikan Dasar, dan Pendidikan "
     "Menengah", "PR.01.00", "Surat Edaran Pelaksanaan Program Penjaminan Mutu Tahun Berjalan"),
    ("C7.2", "BPMP Provinsi Jawa Barat", "DT.02.00",
     "Undangan Rapat Koordinasi Penjaminan Mutu Regional Wilayah Barat"),
)
NUMBER_SUBJECTS = (
    "Surat Tugas Pendampingan {Topic} di {region}", "Undangan Rapat Koordinasi {Topic}",
    "Permohonan Data Peserta {kind} {Topic}", "Surat Pengantar Sertifikat Peserta {kind}",
    "Nota Dinas Penyiapan Bahan {kind} {Topic}", "Surat Keterangan Narasumber",
    "Pemberitahuan Jadwal Pendampingan Satuan Pendidikan di {region}",
    "Penyampaian Hasil Pemetaan Mutu {region}", "Surat Tugas Narasumber {kind} {Topic}",
)


class _Counters:
    """Yearly sequences: one outgoing sequence shared by letters, decrees, agreements, reports
    and numbers; certificates and the incoming agenda run their own. The background skips the
    ranges that belong to targets."""

    def __init__(self) -> None:
        self.outgoing: dict[int, int] = {}
        self.certificate: dict[int, int] = {}
        self.agenda: dict[int, int] = {}
        self.external: dict[tuple[str, int], int] = {}

    @staticmethod
    def _next(table: dict[int, int], year: int, reserved: int) -> int:
        seq = table.get(year, 0) + 1
        if reserved <= seq < reserved * 10 // 9:  # 9000-9999 or 90000-99999
            seq = reserved * 10 // 9
        table[year] = seq
        return seq

    def out(self, year: int) -> int:
        return self._next(self.outgoing, year, TARGET_SEQ)

    def cert(self, year: int) -> int:
        return self._next(self.certificate, year, TARGET_CERT_SEQ)

    def agenda_seq(self, year: int) -> int:
        return self._next(self.agenda, year, TARGET_SEQ)

    def ext(self, unit: str, year: int) -> int:
        seq = self.external.get((unit, year), 0) + 1
        self.external[(unit, year)] = seq
        return seq


@dataclass
class _Programme:
    activity: Activity
    partner: Partner
    mou_number: str = ""
    decree_number: str = ""
    decree_subject: str = ""


class _Background:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.count = _Counters()
        self.programmes: list[_Programme] = []
        self.cert_activity: Activity | None = None
        self.cert_left = 0
        self.cert_counter = 0
        self.span = (LAST_DAY - FIRST_DAY).days

    def day(self, i: int) -> dt.date:
        d = FIRST_DAY + dt.timedelta(days=i * self.span // max(self.n - 1, 1))
        if d.weekday() == 6:
            d += dt.timedelta(days=1)
        elif d.weekday() == 5:
            d -= dt.timedelta(days=1)
        return d

    def sender(self) -> Sender:
        rng = self.rng
        u = rng.random()
        if u < 0.45:
            return _school_sender(rng, BG_PLACES)
        if u < 0.75:
            return rng.choice(REGION_SENDERS)
        return rng.choice(FIXED_SENDERS)

    def activity(self, d: dt.date, partner: Partner | None = None) -> Activity:
        rng = self.rng
        start = d + dt.timedelta(days=rng.randint(7, 40))
        start = weekday_on_or_before(start)
        end = start + dt.timedelta(days=rng.randint(0, min(3, 4 - start.weekday())))
        region = partner.region if partner else rng.choice(BG_PLACES)[1]
        name = partner.institution if partner else f"Dinas Pendidikan {region}"
        return Activity(rng.choice(ACTIVITY_KINDS), rng.choice(BG_TOPICS), region, name,
                        rng.choice(BG_VENUES), start, end, rng.randint(30, 180),
                        rng.choice((16, 24, 32, 32, 40)), start.year)

    def implementers(self) -> list[str]:
        return [person(self.rng)[0] for _ in range(self.rng.randint(8, 18))]

    def __iter__(self) -> Iterator[CorpusRecord]:
        i = 0
        rng = self.rng
        # the intake tests' letters, each once, when the corpus is large enough to hide them
        reused = list(reused_samples()) if self.n >= SAMPLES_FROM else []
        while i < self.n:
            d = self.day(i)
            if reused and reused[0].date <= d:
                made = self.incoming(d, i, i == self.n - 1, reused.pop(0))
            else:
                u = rng.random()
                kind = next(k for k, c in _CUMULATIVE if u <= c) if u < 1 else "external"
                made = self.make(kind, d, i, last=i == self.n - 1)
            yield from made
            i += len(made)

    def key(self, i: int) -> str:
        return f"bg-{i:06d}"

    def make(self, kind: str, d: dt.date, i: int, last: bool) -> list[CorpusRecord]:
        rng = self.rng
        if kind == "report":
            ready = [p for p in self.programmes if p.mou_number and p.decree_number]
            if not ready:
                kind = "decree" if any(p.mou_number for p in self.programmes) else "mou"
        if kind == "decree" and rng.random() < 0.75:
            waiting = [p for p in self.programmes if p.mou_number and not p.decree_number]
            if not waiting:
                kind = "mou"
        if kind == "incoming":
            return self.incoming(d, i, last)
        if kind == "certificate":
            return [self.certificate(d, i)]
        if kind == "number":
            cls = rng.choice(CLASSIFICATIONS["number"])
            number = outgoing_number(self.count.out(d.year), cls, d.year)
            place = rng.choice(BG_PLACES)
            subject = rng.choice(NUMBER_SUBJECTS).format(
                Topic=_title_case(rng.choice(BG_TOPICS)), region=place[1],
                kind=rng.choice(ACTIVITY_KINDS))
            if rng.random() < 0.04:
                return [number_record(self.key(i), number, cls, d, subject, "void",
                                      rng.choice(VOID_REASONS))]
            return [number_record(self.key(i), number, cls, d, subject)]
        if kind == "external":
            unit, issuer, cls, subject = rng.choice(EXTERNAL_OFFICES)
            seq = self.count.ext(unit, d.year)
            number = f"{seq:03d}/{unit}/{cls}/{d.year}"
            return [external_record(self.key(i), number, cls, d, subject, issuer)]
        if kind == "mou":
            sender = rng.choice(REGION_SENDERS) if rng.random() < 0.6 else \
                _school_sender(rng, BG_PLACES)
            return [self.mou(d, i, partner_of(sender, rng))]
        if kind == "decree":
            return [self.decree(d, i)]
        return [self.report(d, i)]

    def mou(self, d: dt.date, i: int, partner: Partner) -> CorpusRecord:
        rng = self.rng
        activity = self.activity(d, partner)
        cls = rng.choice(CLASSIFICATIONS["mou"])
        number = outgoing_number(self.count.out(d.year), cls, d.year)
        roman = ROMAN[d.month - 1]
        own = rng.choice((f"{rng.randint(1, 899):03d}/PKS-{partner.code}/{roman}/{d.year}",
                          f"421/{rng.randint(1, 899)}/{partner.code}/{d.year}",
                          f"800/{rng.randint(1, 899):04d}-{partner.code}/{d.year}"))
        if search_key(own) in _RESERVED_KEYS:
            own += "a"
        prog = _Programme(activity, partner, mou_number=number)
        self.programmes.append(prog)
        if len(self.programmes) > 12:
            self.programmes.pop(0)
        return mou_record(rng, self.key(i), number, d, partner, own, activity, cls)

    def decree(self, d: dt.date, i: int) -> CorpusRecord:
        rng = self.rng
        cls = rng.choice(CLASSIFICATIONS["decree"])
        number = outgoing_number(self.count.out(d.year), cls, d.year)
        waiting = [p for p in self.programmes if p.mou_number and not p.decree_number]
        status, reason = ("void", rng.choice(VOID_REASONS)) if rng.random() < 0.03 else \
            ("filed", "")
        if waiting:
            prog = waiting[0]
            subject = rng.choice((
                "Pelaksana Kegiatan {t} Tahun {y}", "Tim Pelaksana {t} Tahun {y}",
                "Narasumber dan Fasilitator {t}", "Penetapan Pelaksana {t}",
            )).format(t=prog.activity.title, y=prog.activity.year)
            if status == "filed":
                prog.decree_number, prog.decree_subject = number, subject
            return decree_record(rng, self.key(i), number, d, subject, prog.activity,
                                 self.implementers(), cls, status=status, void_reason=reason)
        u = rng.random()
        if u < 0.25:
            subject = f"Standar Pelayanan Unit Layanan Terpadu Tahun {d.year}"
            return decree_record(rng, self.key(i), number, d, subject, None, [], cls,
                                 status=status, void_reason=reason, standard=True)
        subject = rng.choice((
            "Tim Kerja Penjaminan Mutu Pendidikan Tahun {y}",
            "Tim Kemitraan {o} Tahun {y}",
            "Panitia Penyelenggara Rapat Koordinasi Penjaminan Mutu Tahun {y}",
            "Pengelola Arsip Dinamis {o} Tahun {y}",
            "Tim Penanganan Pengaduan Layanan Tahun {y}",
        )).format(y=d.year, o=OFFICE_SHORT)
        return decree_record(rng, self.key(i), number, d, subject, None, self.implementers(),
                             cls, status=status, void_reason=reason)

    def report(self, d: dt.date, i: int) -> CorpusRecord:
        rng = self.rng
        prog = next(p for p in self.programmes if p.mou_number and p.decree_number)
        self.programmes.remove(prog)
        cls = rng.choice(CLASSIFICATIONS["report"])
        number = outgoing_number(self.count.out(d.year), cls, d.year)
        local = [p for p in BG_PLACES if p[1] == prog.activity.region]
        places = [rng.choice(local or BG_PLACES) for _ in range(rng.randint(3, 6))]
        institutions = [(f"{rng.choice(LEVELS)} Negeri {rng.randint(1, 9)} {p[0]}",
                         rng.randint(4, 30)) for p in places]
        return report_record(rng, self.key(i), number, d, prog.activity, prog.decree_number,
                             prog.decree_subject, prog.mou_number, institutions, cls)

    def certificate(self, d: dt.date, i: int) -> CorpusRecord:
        rng = self.rng
        if self.cert_left <= 0 or self.cert_activity is None:
            self.cert_activity = self.activity(d - dt.timedelta(days=45))
            self.cert_left = rng.randint(4, 25)
        self.cert_left -= 1
        act = self.cert_activity
        number = certificate_number(self.count.cert(d.year), d.year)
        u = rng.random()
        role = "peserta" if u < 0.85 else ("narasumber" if u < 0.94 else "panitia")
        name = person(rng)[0]
        if role == "peserta":
            place = rng.choice(BG_PLACES)[0]
            institution = f"{rng.choice(LEVELS)} Negeri {rng.randint(1, 12)} {place}"
        else:
            institution = OFFICE_TITLE
        self.cert_counter += 1
        code = verification_code(self.cert_counter)
        return certificate_record(rng, self.key(i), number, d, act, name, institution, role,
                                  code)

    def incoming(self, d: dt.date, i: int, last: bool,
                 sample: SampleLetter | None = None) -> list[CorpusRecord]:
        rng = self.rng
        topic = rng.choice(BG_TOPICS)
        if sample is not None:
            sender = Sender(sample.sender, (), sample.place, "sample", "", (), "")
            letter_type, subject = sample_type(sample), sample.subject
            letter_date: dt.date | None = sample.date
            arrives = sample.date + dt.timedelta(days=rng.randint(0, 5))
            while arrives.weekday() >= 5:
                arrives += dt.timedelta(days=1)
            d = min(arrives, d)
        else:
            sender = self.sender()
            letter_type = rng.choice(LETTER_TYPES)
            subject = letter_subject(rng, letter_type, topic)
            letter_date = max(d - dt.timedelta(days=rng.randint(0, 9)), FIRST_DAY) \
                if rng.random() > 0.03 else None
        received = received_at(rng, d)
        due = add_workdays(d, SERVICE_DAYS[letter_type])
        age = (TODAY - d).days
        if age < 10 and rng.random() < 0.6:
            progress = rng.choice(("baru", "diproses"))
        elif age < 60 and rng.random() < 0.15:
            progress = "diproses"
        else:
            progress = "selesai"
        if letter_type == "pengaduan" and d.year == 2026:
            progress = "selesai"  # background complaints of 2026 are always answered in time
        closed_on = None
        if progress == "selesai":
            if letter_type == "pengaduan" and d.year == 2026:
                limit = (due - d).days
            else:
                limit = (due - d).days + (rng.randint(1, 15) if rng.random() < 0.2 else 0)
            closed_on = min(d + dt.timedelta(days=rng.randint(0, max(limit, 0))), LAST_DAY)
        if sample is not None:
            signer, signer_nip, number = sample.signer, sample.signer_nip, sample.number
        else:
            signer, woman = person(rng)
            signer_nip = nip(rng, woman) if sender.style in ("pemda", "school") or \
                rng.random() < 0.3 else ""
            number = their_number(rng, sender, letter_date or d)
        agenda = agenda_number(self.count.agenda_seq(d.year), d.year)
        answered_by = None
        answer: CorpusRecord | None = None
        if closed_on is not None and not last and rng.random() < 0.3:
            answered_by = self.key(i + 1)
            if letter_type == "permohonan_kemitraan" and sender.style in ("pemda", "school") \
                    and rng.random() < 0.5:
                answer = self.mou(closed_on, i + 1, partner_of(sender, rng))
            else:
                cls = rng.choice(("HM.01.00", "HM.02.00", "KS.01.00", "TU.01.00"))
                answer = number_record(
                    answered_by, outgoing_number(self.count.out(closed_on.year), cls,
                                                 closed_on.year),
                    cls, closed_on, f"Jawaban atas Surat {_title_case(sender.name)} Nomor "
                                    f"{number} perihal {subject}")
        rec = incoming_record(rng, self.key(i), agenda, received, sender, letter_type, subject,
                              number, letter_date, progress, closed_on, answered_by, topic,
                              signer, signer_nip, rng.choice(BG_VENUES), due, sample=sample)
        return [rec, answer] if answer else [rec]


def corpus(n: int, seed: int = 1) -> Iterator[CorpusRecord]:
    """n background records in register-date order (a reply follows the letter it answers)."""
    yield from _Background(n, seed)


# -- planted targets -----------------------------------------------------------------------------


def relevance_targets(seed: int = 7) -> tuple[list[CorpusRecord], list[RelevanceQuery]]:
    """Planted records and the queries that must find them."""
    return _Planter(seed).build()


def relevance_set(background: int = 2000, seed: int = 7,
                  ) -> tuple[list[CorpusRecord], list[RelevanceQuery]]:
    """A background of corpus(background) with the planted targets on top."""
    targets, queries = relevance_targets(seed)
    return list(corpus(background)) + targets, queries


def average_words(records: Iterable[CorpusRecord]) -> float:
    """Mean number of words over body and letter text."""
    total = count = 0
    for r in records:
        count += 1
        total += len(r.body.split())
        if r.letter:
            total += len(r.letter.text.split())
    return total / count if count else 0.0


def _planted_school(name: str, place: str, code: str, address: str) -> Sender:
    level = name.split()[0]
    if SCHOOL_LEVEL_GOV[level] == "prov":
        head = ("PEMERINTAH PROVINSI BANTEN", "DINAS PENDIDIKAN DAN KEBUDAYAAN", name, address)
    else:
        head = ("PEMERINTAH KABUPATEN LEBAK", "DINAS PENDIDIKAN DAN KEBUDAYAAN", name, address)
    return Sender(name, head, place, "school", code, ("Kepala Sekolah,",), "Kabupaten Lebak")


LEBAK = _region_sender(REGIONS[0])  # DINAS PENDIDIKAN DAN KEBUDAYAAN KABUPATEN LEBAK
PANDEGLANG = _region_sender(REGIONS[1])  # DINAS PENDIDIKAN KABUPATEN PANDEGLANG
PGRI_LEBAK = _association_sender(next(a for a in ASSOCIATIONS if "LEBAK" in a[1]))
SMAN2_RKB = _planted_school("SMA NEGERI 2 RANGKASBITUNG", "Rangkasbitung", "SMAN2-RKB",
                            "Jalan Raya Rangkasbitung-Cikande Km. 3 Rangkasbitung, Lebak 42317")
SMAN1_MLP = _planted_school("SMA NEGERI 1 MALINGPING", "Malingping", "SMAN1-MLP",
                            "Jalan Raya Malingping-Bayah Km. 2 Malingping, Kabupaten Lebak 42391")
SMKN1_BYH = _planted_school("SMK NEGERI 1 BAYAH", "Bayah", "SMKN1-BYH",
                            "Jalan Raya Bayah-Cibareno Nomor 8 Bayah, Kabupaten Lebak 42393")
SMPN3_BYH = _planted_school("SMP NEGERI 3 BAYAH", "Bayah", "SMPN3-BYH",
                            "Jalan Raya Bayah Nomor 17 Bayah, Kabupaten Lebak 42393")
SDN2_WRG = _planted_school("SD NEGERI 2 WARUNGGUNUNG", "Warunggunung", "SDN2-WRG",
                           "Jalan Raya Rangkasbitung-Pandeglang Km. 6 Warunggunung, Lebak 42352")
SMAN1_CPN = _planted_school("SMA NEGERI 1 CIPANAS", "Cipanas", "SMAN1-CPN",
                            "Jalan Raya Cipanas-Warungbanten Km. 1 Cipanas, Lebak 42372")
MGMP_LWD = _association_sender((
    "MUSYAWARAH GURU MATA PELAJARAN (MGMP) IPA SMP", "KECAMATAN LEUWIDAMAR KABUPATEN LEBAK",
    "MGMP-IPA/LWD", "Leuwidamar"))

JUBAEDI = "Drs. H. Saepuloh Jubaedi, M.Si."
SASMITA = "Drs. Mulyadi Sasmita, M.M."
SUMARNA = "Dr. Tatang Sumarna, M.Pd."
KARLINA = "Lilis Karlina, S.E."
NENDEN = "Nenden Sukaesih, S.Pd."
YAYAN = "Yayan Kusnadi, S.Pd."
SUMIATI = "Hj. Cucu Sumiati, S.Pd., M.Pd."
MARYANI = "Dra. Euis Maryani, M.Pd."
DARMAWAN = "Darmawan Sopandi, S.Pd., M.Pd."


def _partner(sender: Sender, official: str, place: str) -> Partner:
    institution = _title_case(sender.name)
    position = f"Kepala {institution}"
    return Partner(institution, official, position, sender.head[-2] if sender.style == "pemda"
                   else sender.head[-1], place, sender.code, sender.region)


class _Planter:
    """Builds the planted records with numbers from the ranges the background skips."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.records: list[CorpusRecord] = []
        self.queries: list[RelevanceQuery] = []
        self.code_counter = 1 << 60  # background certificates count from 1

    def add(self, rec: CorpusRecord) -> CorpusRecord:
        self.records.append(rec)
        return rec

    def q(self, query: str, expected: Iterable[str], note: str, **options: object) -> None:
        self.queries.append(RelevanceQuery(query, frozenset(expected), note, dict(options)))

    def out(self, seq: int, cls: str, year: int) -> str:
        assert TARGET_SEQ < seq < TARGET_SEQ * 10 // 9
        return outgoing_number(seq, cls, year)

    def letter(self, key: str, sender: Sender, agenda: int, day: dt.date, their: str,
               letter_date: dt.date | None, letter_type: str, subject: str, topic: str,
               progress: str, closed_on: dt.date | None, answered_by: str | None,
               signer: str, signer_nip: str = "", extra: list[str] | None = None,
               venue: str = "Aula SMA Negeri 2 Rangkasbitung") -> CorpusRecord:
        assert search_key(their) in _RESERVED_KEYS, their
        assert TARGET_SEQ < agenda < TARGET_SEQ * 10 // 9
        return self.add(incoming_record(
            self.rng, key, agenda_number(agenda, day.year), received_at(self.rng, day), sender,
            letter_type, subject, their, letter_date, progress, closed_on, answered_by, topic,
            signer, signer_nip, venue, extra=extra))

    def certificate(self, key: str, seq: int, d: dt.date, activity: Activity, name: str,
                    institution: str, role: str) -> CorpusRecord:
        assert TARGET_CERT_SEQ < seq < TARGET_CERT_SEQ * 10 // 9
        self.code_counter += 1
        return self.add(certificate_record(
            self.rng, key, certificate_number(seq, d.year), d, activity, name, institution, role,
            verification_code(self.code_counter)))

    def build(self) -> tuple[list[CorpusRecord], list[RelevanceQuery]]:
        self.lebak()
        self.letters_and_complaints()
        self.south_coast()
        self.numbers()
        self.more_queries()
        for rec in self.records:  # what the background must never produce
            assert not rec.key.startswith("bg-"), rec.key
            for p in rec.parties:
                assert "number" not in p or search_key(str(p["number"])) in _RESERVED_KEYS, p
        return self.records, self.queries

    # -- Kabupaten Lebak: agreements 2023, 2024, 2026, decrees, report, certificates -----------

    def lebak(self) -> None:
        rng = self.rng
        partner = _partner(LEBAK, JUBAEDI, "Rangkasbitung")
        a23 = Activity("Bimbingan Teknis", "perencanaan berbasis data", "Kabupaten Lebak",
                       partner.institution, "Pendopo Kabupaten Lebak, Rangkasbitung",
                       dt.date(2023, 5, 15), dt.date(2023, 5, 17), 90, 24, 2023)
        a24 = Activity("Pendampingan", "implementasi Kurikulum Merdeka", "Kabupaten Lebak",
                       partner.institution, "Aula SMA Negeri 1 Rangkasbitung",
                       dt.date(2024, 4, 22), dt.date(2024, 4, 25), 120, 32, 2024)
        a25 = Activity("Lokakarya", "penguatan komunitas belajar", "Kabupaten Lebak",
                       partner.institution, "Gedung Serbaguna Dinas Pendidikan Kabupaten Lebak",
                       dt.date(2025, 8, 4), dt.date(2025, 8, 6), 75, 24, 2025)
        a26 = Activity("Lokakarya", "pembelajaran mendalam", "Kabupaten Lebak",
                       partner.institution, "Aula SMA Negeri 2 Rangkasbitung",
                       dt.date(2026, 4, 20), dt.date(2026, 4, 23), 100, 32, 2026)
        staff = [SUMARNA, KARLINA] + [person(rng)[0] for _ in range(6)]

        self.add(mou_record(rng, "mou-lebak-2023", self.out(9001, "KS.01.00", 2023),
                            dt.date(2023, 3, 13), partner, "421/077/Disdikbud/2023", a23))
        self.add(decree_record(
            rng, "sk-lebak-2023", self.out(9002, "OT.02.02", 2023), dt.date(2023, 3, 20),
            f"Pelaksana Kegiatan {a23.title} Tahun 2023", a23,
            [person(rng)[0] for _ in range(7)]))

        self.letter("ltr-lebak-2024", LEBAK, 9001, dt.date(2024, 2, 14),
                    "421.3/214/Disdikbud/II/2024", dt.date(2024, 2, 12), "permohonan_kemitraan",
                    "Permohonan Kerja Sama Pendampingan Implementasi Kurikulum Merdeka",
                    "implementasi Kurikulum Merdeka", "selesai", dt.date(2024, 2, 26),
                    "mou-lebak-2024", JUBAEDI, "196805121994031007")
        self.add(mou_record(rng, "mou-lebak-2024", self.out(9001, "KS.01.00", 2024),
                            dt.date(2024, 2, 26), partner, "119/PKS-Disdikbud/II/2024", a24))
        sk24 = self.add(decree_record(
            rng, "sk-lebak-2024", self.out(9002, "OT.02.02", 2024), dt.date(2024, 3, 4),
            f"Pelaksana Kegiatan {a24.title} Tahun 2024", a24, staff))
        pdg = _partner(PANDEGLANG, "Dr. H. Asep Saepudin, S.Pd., M.M.", "Pandeglang")
        apdg = Activity("Pendampingan", "implementasi Kurikulum Merdeka", "Kabupaten Pandeglang",
                        pdg.institution, "Aula SMK Negeri 2 Pandeglang", dt.date(2024, 5, 13),
                        dt.date(2024, 5, 16), 110, 32, 2024)
        self.add(mou_record(
            rng, "mou-pdg-2024", self.out(9003, "KS.01.00", 2024), dt.date(2024, 4, 15), pdg,
            "800/0412-Disdik/2024", apdg,
            note="Satuan pendidikan di perbatasan dengan Kabupaten Lebak dapat diikutsertakan "
                 "sebagai peserta imbas atas persetujuan PARA PIHAK."))
        for key, seq, name, inst, role in (
                ("cert-lebak24-nenden", 90001, NENDEN, "SMA Negeri 2 Rangkasbitung", "peserta"),
                ("cert-lebak24-yayan", 90002, YAYAN, "SMP Negeri 1 Malingping", "peserta"),
                ("cert-lebak24-tatang", 90003, SUMARNA, OFFICE_TITLE, "narasumber"),
                ("cert-lebak24-lilis", 90004, KARLINA, OFFICE_TITLE, "panitia")):
            self.certificate(key, seq, dt.date(2024, 4, 26), a24, name, inst, role)
        self.add(report_record(
            rng, "rpt-lebak-2024", self.out(9004, "KS.01.00", 2024), dt.date(2024, 5, 13), a24,
            sk24.number, sk24.subject, "9001/C7.15/KS.01.00/2024",
            [("SMA Negeri 2 Rangkasbitung", 28), ("SMP Negeri 1 Malingping", 31),
             ("SMK Negeri 1 Bayah", 24), ("SD Negeri 2 Warunggunung", 37)]))

        subject25 = f"Pelaksana Kegiatan {a25.title} Tahun 2025"
        self.add(decree_record(
            rng, "sk-lebak-2025-void", self.out(9004, "OT.02.02", 2025), dt.date(2025, 7, 7),
            subject25, a25, [SUMARNA, *staff[2:5]], status="void",
            void_reason="Nomor ganda karena kesalahan penulisan tahun anggaran; diganti dengan "
                        "Keputusan Nomor 9005/C7.15/OT.02.02/2025"))
        self.add(decree_record(
            rng, "sk-lebak-2025", self.out(9005, "OT.02.02", 2025), dt.date(2025, 7, 8),
            subject25, a25, [SUMARNA, *staff[2:5]]))

        self.add(mou_record(rng, "mou-lebak-2026", self.out(9003, "KS.01.00", 2026),
                            dt.date(2026, 3, 9), partner, "119/PKS-Disdikbud/III/2026", a26))
        self.certificate("cert-lebak26-nenden", 90001, dt.date(2026, 4, 24), a26, NENDEN,
                         "SMA Negeri 2 Rangkasbitung", "peserta")
        self.add(number_record(
            "num-void-2026", self.out(9005, "KS.01.00", 2026), "KS.01.00", dt.date(2026, 4, 13),
            f"Surat Tugas Pendampingan {a26.title}", status="void",
            void_reason="Kegiatan dijadwalkan ulang; surat tugas tidak jadi diterbitkan"))
        self.letter("ltr-pgri-lebak-2026", PGRI_LEBAK, 9007, dt.date(2026, 11, 25),
                    "009/PGRI-LBK/XI/2026", dt.date(2026, 11, 23), "undangan",
                    "Undangan Peringatan Hari Guru Nasional Tingkat Kabupaten",
                    "penguatan komunitas belajar", "baru", None, None,
                    "Drs. Ahmad Fauzi, M.Si.")
        self.letter("ltr-rkb-2025", SMAN2_RKB, 9004, dt.date(2025, 9, 15),
                    "061/SMAN2-RKB/IX/2025", dt.date(2025, 9, 11), "undangan",
                    "Undangan Lokakarya Hasil Belajar Kurikulum Merdeka",
                    "implementasi Kurikulum Merdeka", "selesai", dt.date(2025, 9, 17), None,
                    MARYANI, "196903141995122002")

        q = self.q
        q('perjanjian "Kabupaten Lebak" tahun:2024', ["mou-lebak-2024"],
          "the agreement with Dinas Pendidikan Kabupaten Lebak from 2024; mou-pdg-2024 "
          "(same year, other partner) names Kabupaten Lebak too")
        q("perjanjian kerja sama Dinas Pendidikan Kabupaten Lebak 2024", ["mou-lebak-2024"],
          "the same agreement in plain words")
        q("jenis:perjanjian mitra:Lebak tahun:2024", ["mou-lebak-2024"],
          "partner field and year; 2023 and 2026 agreements are the same partner other years")
        q('jenis:keputusan "pelaksana kegiatan" Lebak',
          ["sk-lebak-2023", "sk-lebak-2024", "sk-lebak-2025", "sk-lebak-2025-void",
           "sk-byh-2025"], "decrees about pelaksana kegiatan for activities in Lebak")
        q("keputusan pelaksana kegiatan Lebak 2024", ["sk-lebak-2024"],
          "decree on implementers in plain words; the 2024 report cites it")
        q("seri:agreement mitra:Lebak", ["mou-lebak-2023", "mou-lebak-2024", "mou-lebak-2026"],
          "series field")
        q("klasifikasi:KS mitra:Lebak tahun:2024", ["mou-lebak-2024", "ltr-lebak-2024"],
          "classification level prefix KS lists KS.01.00")
        q("klasifikasi:OT.02.02 Lebak",
          ["sk-lebak-2023", "sk-lebak-2024", "sk-lebak-2025", "sk-lebak-2025-void",
           "sk-byh-2025"], "full classification code")
        q("tanggal:2024-02 Lebak", ["ltr-lebak-2024", "mou-lebak-2024"],
          "register month; the decree of 4 March 2024 is outside")
        q("tanggal:2024-01-01..2024-03-31 jenis:perjanjian Lebak", ["mou-lebak-2024"],
          "date range; mou-pdg-2024 names Lebak but is dated April")
        q("tanggal:..2023-12-31 mitra:Lebak", ["mou-lebak-2023"], "open-start date range")
        q("tanggal:>=2026-01-01 jenis:perjanjian mitra:Lebak", ["mou-lebak-2026"],
          "date from")
        q("tahun:2023..2024 jenis:perjanjian mitra:Lebak", ["mou-lebak-2023", "mou-lebak-2024"],
          "year range")
        q("jenis:perjanjian mitra:Lebak -tahun:2023", ["mou-lebak-2024", "mou-lebak-2026"],
          "NOT on a field")
        q("nomor:119/PKS-Disdikbud/II/2024", ["mou-lebak-2024"], "a partner's own number")
        q("119/PKS-Disdikbud", ["mou-lebak-2024", "mou-lebak-2026"],
          "segment prefix of the partner's numbers")
        q("nomor:9001/C7.15/KS.01.00/2024", ["mou-lebak-2024"], "own number by field")
        q("agenda:9001/SM/2024", ["ltr-lebak-2024"], "incoming agenda number")
        q("penandatangan:Jubaedi", ["ltr-lebak-2024"], "letter signer")
        q('peserta:"Nenden Sukaesih"', ["cert-lebak24-nenden", "cert-lebak26-nenden"],
          "certificates by participant name")
        q("Nenden Sukaesih tahun:2026", ["cert-lebak26-nenden"], "participant and year")
        q("Nenden Sukaesi", ["cert-lebak24-nenden", "cert-lebak26-nenden"],
          "typo in a person's name (Sukaesih)")
        q("Nenden Sukaesih BUKAN Lokakarya", ["cert-lebak24-nenden"], "NOT on a word")
        q("Tatang Sumarna", ["sk-lebak-2024", "sk-lebak-2025", "sk-lebak-2025-void",
                             "cert-lebak24-tatang"], "an implementer named in decree annexes")
        q("Tatang Sumarma", ["sk-lebak-2024", "sk-lebak-2025", "sk-lebak-2025-void",
                             "cert-lebak24-tatang"], "typo in a surname (Sumarna)")
        q("jenis:sertifikat Lebak",
          ["cert-lebak24-nenden", "cert-lebak24-yayan", "cert-lebak24-tatang",
           "cert-lebak24-lilis", "cert-lebak26-nenden"], "kind field")
        q("Rangkasbitung", ["cert-lebak24-nenden", "cert-lebak24-yayan", "cert-lebak24-tatang",
                            "cert-lebak24-lilis"], "option kind and year",
          kind="certificate", year=2024)
        q("Rangkasbitug tipe:undangan", ["ltr-rkb-2025", "ltr-pgri-lebak-2026"],
          "typo in a place name (Rangkasbitung)")
        q("status:batal Lebak", ["sk-lebak-2025-void", "num-void-2026"], "void records")
        q('jenis:keputusan "komunitas belajar" Lebak NOT status:batal', ["sk-lebak-2025"],
          "the replacement of a voided decree")
        q("proses:baru pengirim:Lebak", ["ltr-pgri-lebak-2026"], "progress field")
        q("Kurikulum Merdeka Lebak", ["mou-lebak-2024"], "options kind and year",
          kind="mou", year=2024)
        q("Lebak", ["ltr-lebak-2024", "mou-lebak-2024"], "options date_from/date_to",
          date_from=dt.date(2024, 2, 1), date_to=dt.date(2024, 2, 29))
        q("laporan hasil kegiatan pendampingan Kurikulum Merdeka Lebak 2024", ["rpt-lebak-2024"],
          "activity report in plain words")
        q("jenis:laporan didampingi Warunggunung", ["rpt-lebak-2024"],
          "affix variant: didampingi for pendampingan")

    # -- letters by number, complaints answered late ------------------------------------------

    def letters_and_complaints(self) -> None:
        rng = self.rng
        self.letter("ltr-pdg-123-2026", PANDEGLANG, 9002, dt.date(2026, 3, 5),
                    "421/123/Disdik/2026", dt.date(2026, 3, 2), "permintaan_informasi",
                    "Permohonan Informasi Data Rapor Pendidikan Jenjang SMP",
                    "pemanfaatan Rapor Pendidikan", "selesai", dt.date(2026, 3, 9),
                    "num-pdg-answer-2026", "Drs. Ahmad Fauzi, M.Si.", "197002101996031004",
                    venue="Aula SMK Negeri 2 Pandeglang")
        self.add(number_record(
            "num-pdg-answer-2026", self.out(9002, "HM.01.00", 2026), "HM.01.00",
            dt.date(2026, 3, 9), "Jawaban atas Permohonan Informasi Data Rapor Pendidikan "
                                 "Jenjang SMP"))
        self.letter("ltr-pdg-132-2026", PANDEGLANG, 9003, dt.date(2026, 3, 19),
                    "421/132/Disdik/2026", dt.date(2026, 3, 17), "undangan",
                    "Undangan Rapat Koordinasi Pemanfaatan Rapor Pendidikan",
                    "pemanfaatan Rapor Pendidikan", "selesai", dt.date(2026, 3, 20), None,
                    "Drs. Ahmad Fauzi, M.Si.", "197002101996031004",
                    venue="Aula SMK Negeri 2 Pandeglang")
        self.letter("ltr-pdg-123-2025", PANDEGLANG, 9001, dt.date(2025, 3, 6),
                    "421/123/Disdik/2025", dt.date(2025, 3, 3), "permohonan_kemitraan",
                    "Permohonan Narasumber Kegiatan Bimbingan Teknis Asesmen Formatif",
                    "asesmen formatif", "selesai", dt.date(2025, 3, 14), None,
                    "Drs. Ahmad Fauzi, M.Si.", "197002101996031004",
                    venue="Aula SMK Negeri 2 Pandeglang")

        self.letter("cmp-bayah-2026", SMPN3_BYH, 9001, dt.date(2026, 1, 12),
                    "005/SMPN3-BYH/I/2026", dt.date(2026, 1, 8), "pengaduan",
                    "Pengaduan Layanan Penerbitan Sertifikat Kegiatan",
                    "implementasi Kurikulum Merdeka", "selesai", dt.date(2026, 1, 27),
                    "num-cmp-bayah-2026", SUMIATI, "197406222000032003")
        self.add(number_record(
            "num-cmp-bayah-2026", self.out(9001, "HM.02.00", 2026), "HM.02.00",
            dt.date(2026, 1, 27), "Jawaban atas Pengaduan Layanan Penerbitan Sertifikat "
                                  "SMP Negeri 3 Bayah"))
        self.letter("cmp-wrg-2026", SDN2_WRG, 9004, dt.date(2026, 4, 6),
                    "012/SDN2-WRG/IV/2026", dt.date(2026, 4, 2), "pengaduan",
                    "Keluhan atas Layanan Pendampingan", "asesmen formatif", "selesai",
                    dt.date(2026, 4, 22), None, "Iis Rosita, S.Pd.", "198104152008012011")
        self.letter("cmp-lwd-2026", MGMP_LWD, 9006, dt.date(2026, 10, 19),
                    "031/MGMP-IPA/LWD/X/2026", dt.date(2026, 10, 15), "pengaduan",
                    "Pengaduan Perubahan Jadwal Pendampingan", "pembelajaran mendalam",
                    "diproses", None, None, "Acep Hidayat, S.Pd.")
        self.letter("cmp-cpn-2026", SMAN1_CPN, 9005, dt.date(2026, 5, 4),
                    "018/SMAN1-CPN/V/2026", dt.date(2026, 4, 30), "pengaduan",
                    "Pengaduan Kesalahan Data Sertifikat", "pembelajaran berdiferensiasi",
                    "selesai", dt.date(2026, 5, 7), "num-cmp-cpn-2026",
                    "Drs. Endang Permana", "196811021994121001")
        self.add(number_record(
            "num-cmp-cpn-2026", self.out(9004, "HM.02.00", 2026), "HM.02.00",
            dt.date(2026, 5, 7), "Jawaban atas Pengaduan Kesalahan Data Sertifikat"))
        self.letter("cmp-bayah-2025", SMPN3_BYH, 9003, dt.date(2025, 8, 4),
                    "044/SMPN3-BYH/VIII/2025", dt.date(2025, 7, 31), "pengaduan",
                    "Keluhan Perubahan Jadwal Pendampingan", "implementasi Kurikulum Merdeka",
                    "selesai", dt.date(2025, 8, 25), None, SUMIATI, "197406222000032003")
        del rng

        q = self.q
        q("nomor:421/123/Disdik/2026", ["ltr-pdg-123-2026"],
          "the letter numbered 421/123/Disdik/2026 (421/132 and the 2025 letter are near)")
        q("421/123/Disdik/2026", ["ltr-pdg-123-2026"], "a sender's number typed bare")
        q("421/123/disdik/2026", ["ltr-pdg-123-2026"], "case folded")
        q("tipe:pengaduan terlambat:ya tahun:2026", ["cmp-bayah-2026", "cmp-wrg-2026",
                                                    "cmp-lwd-2026"],
          "complaints answered late this year: by a late answer, closed late, still open past "
          "due; cmp-cpn-2026 was on time, cmp-bayah-2025 is another year")
        q("tipe:pengaduan", ["cmp-bayah-2026", "cmp-bayah-2025"], "option sender",
          sender="Bayah")
        q("Cucu Sumiyati", ["cmp-bayah-2026", "cmp-bayah-2025"],
          "typo in a signer's name (Sumiati)")
        q("tanggal_surat:2026-01-08 pengirim:Bayah", ["cmp-bayah-2026"], "letter date field")
        q("tenggat:2026-04-01..2026-04-30 Warunggunung", ["cmp-wrg-2026"], "due date field")
        q("proses:diproses Leuwidamar", ["cmp-lwd-2026"], "progress field")
        q("tipe:pengaduan tahun:2026 (Cipanas OR Bayah)", ["cmp-cpn-2026", "cmp-bayah-2026"],
          "OR in parentheses")
        q("jenis:masuk terlambat:ya pengirim:Bayah", ["cmp-bayah-2026", "cmp-bayah-2025"],
          "late letters from one sender over the years")
        q("hal:keluhan pengirim:Bayah tahun:2025", ["cmp-bayah-2025"], "subject field")

    # -- the south coast programme 2025 (Malingping, Bayah) -----------------------------------

    def south_coast(self) -> None:
        rng = self.rng
        mlp = _partner(SMAN1_MLP, DARMAWAN, "Malingping")
        byh = _partner(SMKN1_BYH, "Drs. Kusnadi, M.M.", "Bayah")
        amlp = Activity("Pendampingan", "literasi kemaritiman", "Kabupaten Lebak",
                        mlp.institution, "Aula SMA Negeri 1 Malingping", dt.date(2025, 7, 14),
                        dt.date(2025, 7, 17), 60, 32, 2025)
        abyh = Activity("Lokakarya", "program Sekolah Pesisir Tangguh", "Kabupaten Lebak",
                        byh.institution, "Aula SMK Negeri 1 Bayah", dt.date(2025, 7, 21),
                        dt.date(2025, 7, 23), 80, 24, 2025)
        self.letter("ltr-mlp-2025", SMAN1_MLP, 9002, dt.date(2025, 5, 12),
                    "045/SMAN1-MLP/V/2025", dt.date(2025, 5, 8), "permohonan_kemitraan",
                    "Permohonan Pendampingan Literasi Kemaritiman", "literasi kemaritiman",
                    "selesai", dt.date(2025, 5, 22), "mou-mlp-2025", DARMAWAN,
                    "197907072005011009", venue="Aula SMA Negeri 1 Malingping")
        self.add(mou_record(rng, "mou-mlp-2025", self.out(9001, "KS.01.00", 2025),
                            dt.date(2025, 5, 22), mlp, "046/SMAN1-MLP/V/2025", amlp))
        self.add(mou_record(
            rng, "mou-byh-2025", self.out(9002, "KS.01.00", 2025), dt.date(2025, 6, 16), byh,
            "027/SMKN1-BYH/VI/2025", abyh,
            note="Materi lokakarya memadukan kemaritiman dan literasi lingkungan pesisir "
                 "dengan mitigasi bencana di satuan pendidikan."))
        sk = self.add(decree_record(
            rng, "sk-byh-2025", self.out(9003, "OT.02.02", 2025), dt.date(2025, 6, 23),
            f"Pelaksana Kegiatan {abyh.title} Tahun 2025", abyh,
            [person(rng)[0] for _ in range(8)], signer=SASMITA, signer_nip="196907171994031002"))
        self.add(report_record(
            rng, "rpt-byh-2025", self.out(9006, "DT.02.00", 2025), dt.date(2025, 8, 18), abyh,
            sk.number, sk.subject, "9002/C7.15/KS.01.00/2025",
            [("SMK Negeri 1 Bayah", 34), ("SMA Negeri 1 Cihara", 21), ("SMK Negeri 1 Panggarangan",
                                                                       25)],
            classification="DT.02.00"))
        q = self.q
        q('"Sekolah Pesisir Tangguh"', ["mou-byh-2025", "sk-byh-2025", "rpt-byh-2025"],
          "exact phrase")
        q('perihal:"Sekolah Pesisir Tangguh"', ["mou-byh-2025", "sk-byh-2025", "rpt-byh-2025"],
          "phrase in the subject field")
        q('"literasi kemaritiman"', ["mou-mlp-2025", "ltr-mlp-2025"],
          "exact phrase; mou-byh-2025 has 'kemaritiman dan literasi' (other order)")
        q("kemaritiman literasi", ["mou-mlp-2025", "ltr-mlp-2025", "mou-byh-2025"],
          "the same words in any order")
        q("dijanjikan kemaritiman", ["mou-mlp-2025", "mou-byh-2025"],
          "affix variant: dijanjikan for perjanjian")
        q("isi:kemaritiman jenis:perjanjian", ["mou-mlp-2025", "mou-byh-2025"], "text field")
        q("mitra:Malingping", ["mou-mlp-2025", "ltr-mlp-2025", "cert-lebak24-yayan"],
          "partner, sender and participant institution")
        q("(Malingping OR Bayah) jenis:perjanjian", ["mou-mlp-2025", "mou-byh-2025"], "OR")
        q("penandatangan:Sasmita", ["sk-byh-2025"], "signatory of a decree (Plh.)")
        q("Sasmitha jenis:keputusan", ["sk-byh-2025"], "typo in a signer's name (Sasmita)")
        q("jenis:laporan Pesisir", ["rpt-byh-2025"], "report kind")
        q("tipe:permohonan_kemitraan Lebak", ["ltr-lebak-2024", "ltr-mlp-2025"],
          "letter type field")

    # -- number lookups -----------------------------------------------------------------------

    def numbers(self) -> None:
        rng = self.rng
        self.add(decree_record(
            rng, "sk-dt-2025", self.out(9209, "DT.02.00", 2025), dt.date(2025, 11, 3),
            "Narasumber Bimbingan Teknis Asesmen Formatif Tahun 2025", None,
            [person(rng)[0] for _ in range(6)], classification="DT.02.00"))
        self.add(number_record(
            "num-9209-2026", self.out(9209, "HM.02.00", 2026), "HM.02.00", dt.date(2026, 6, 1),
            "Surat Tugas Narasumber Bimbingan Teknis Asesmen Formatif"))
        self.add(external_record(
            "ext-kalteng-2023", "0179/C7.22/OT.02.02/2023", "OT.02.02", dt.date(2023, 11, 6),
            "Keputusan Kepala BPMP Provinsi Kalimantan Tengah tentang Prosedur Operasional "
            "Standar Layanan Kemitraan", "BPMP Provinsi Kalimantan Tengah"))
        self.add(external_record(
            "ext-kalteng-2024", "0213/C7.22/OT.02.01/2024", "OT.02.01", dt.date(2024, 8, 12),
            "Prosedur Operasional Standar Penanganan Pengaduan BPMP Provinsi Kalimantan Tengah",
            "BPMP Provinsi Kalimantan Tengah"))
        q = self.q
        q("9209/C7.15/DT.02.00/2025", ["sk-dt-2025"], "own number as written")
        q("9209 C7.15/DT.02.00/2025", ["sk-dt-2025"], "missing slash (typing slip)")
        q("09209/c7.15//dt.02.00/2025", ["sk-dt-2025"], "case, leading zero, doubled slash")
        q("9209/C7.15", ["sk-dt-2025", "num-9209-2026"], "segment prefix: one sequence number "
                                                         "in two years")
        q("179/C7.22/OT.02.02/2023", ["ext-kalteng-2023"],
          "another office's number without its leading zero")
        q("C7.22/OT.02", ["ext-kalteng-2023", "ext-kalteng-2024"],
          "unit and classification prefix")
        q("status:tercatat Kalimantan", ["ext-kalteng-2023", "ext-kalteng-2024"],
          "recorded external numbers")

    def more_queries(self) -> None:
        q = self.q
        q("jenis:nomor Lebak", ["num-void-2026"], "bare numbers")
        q("pihak:Jubaedi", ["mou-lebak-2023", "mou-lebak-2024", "mou-lebak-2026"],
          "the partner's official on agreements")
        q("kind:mou partner:Malingping year:2025", ["mou-mlp-2025"], "English field names")
        q('status:terbit "Jawaban atas Pengaduan"', ["num-cmp-bayah-2026", "num-cmp-cpn-2026"],
          "issued numbers answering complaints (the background says 'Jawaban atas Surat')")
        q("sender:Leuwidamar OR sender:Warunggunung", ["cmp-lwd-2026", "cmp-wrg-2026"],
          "OR of two fields")
        q("Nenden", ["cert-lebak26-nenden"], "options kind and date_from",
          kind="certificate", date_from=dt.date(2026, 1, 1))
        q("jenis:keputusan dilaksanakan komunitas belajar Lebak",
          ["sk-lebak-2025", "sk-lebak-2025-void"], "affix variant: dilaksanakan")
