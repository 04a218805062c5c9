"""The participant certificate as a reader sees the page: generated through the real service
from short, longest-accepted and hostile data, then read back with `tests.documents.layout`
(positions of text lines and images), not just its text.

The limits are proven here: a name and an institution at the participant limits and an
activity, place and hours at `EVENT_LIMITS`, all in capitals (the widest realistic text: many
offices keep their lists in capitals), fit on one page with nothing overlapping."""

from __future__ import annotations

import functools
import random
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qrcode
from pypdf import PdfReader

from archiva.config import Settings
from archiva.documents import kinds, participants
from archiva.documents.certificates import BatchResult
from archiva.documents.fields import Fields
from archiva.errors import RenderError
from archiva.render.pdf import HtmlRenderer
from archiva.render.qr import qr_png, qr_rows
from archiva.service import Archiva
from tests.conftest import EXAMPLES, make_home
from tests.documents.helpers import (
    CONTROL,
    CONTROL_CLEAN,
    MARKUP,
    TEMPLATE_TAG,
    TEMPLATE_VAR,
    load_example,
    squash,
    write_csv,
    write_yaml,
)
from tests.documents.layout import MM, Line, PageLayout, find_lines, layout_problems, read_layout

# Inside the frame's border and padding (the page margin is 8 mm, the frame 1 mm, its padding
# 9 mm at the top, 18 mm at the sides and 8 mm at the bottom): top, right, bottom, left.
MARGINS_MM = (17.0, 26.0, 16.0, 26.0)
GAP_MM = 6.0  # the least white between the text and the signature block
SIGNING_SPACE_MM = 20.0  # room for the signature and the stamp
CENTRED_PT = 3.0
HEAD = "Dr. Ahmad Suryadi, M.Pd."
POSITION = "Kepala Balai Penjaminan Mutu Pendidikan Provinsi Banten,"
DATE = "Serang, 20 November 2026"


def _fill(words: str, n: int) -> str:
    """Words repeated to exactly n characters, like a long real title (no trailing space)."""
    text = " ".join([words] * (n // len(words) + 2))[:n]
    return text[:-1] + "A" if text.endswith(" ") else text


NAME_MAX = participants.LIMITS["name"]
INSTITUTION_MAX = participants.LIMITS["institution"]
CAPS_NAME = _fill("PROF. DR. HJ. RADEN AYU SITI NURHALIZA KUSUMANINGRUM WIJAYAKUSUMA "
                  "PRAWIRANEGARA, S.PD., M.PD., M.SI.", NAME_MAX)
CAPS_INSTITUTION = _fill("SEKOLAH MENENGAH KEJURUAN NEGERI 1 RANGKASBITUNG KABUPATEN LEBAK "
                         "PROVINSI BANTEN, CABANG DINAS PENDIDIKAN WILAYAH LEBAK",
                         INSTITUTION_MAX)
# Mixed case (a different person: a name is certified once per activity, in any case).
TITLE_NAME = _fill("Dra. Hj. Siti Rahmawati Kusumawardhani Prawiranegara, S.Pd., M.Pd. binti "
                   "Haji Abdurrahman", NAME_MAX)
TITLE_INSTITUTION = _fill("Sekolah Dasar Negeri 3 Cipanas, Kecamatan Cipanas, Kabupaten Lebak, "
                          "Provinsi Banten, Gugus Melati", INSTITUTION_MAX)
LONG_ACTIVITY = _fill(
    "BIMBINGAN TEKNIS PENGUATAN KAPASITAS KEPALA SEKOLAH DAN PENGAWAS DALAM IMPLEMENTASI "
    "KURIKULUM MERDEKA MELALUI PEMANFAATAN RAPOR PENDIDIKAN SERTA PERENCANAAN BERBASIS DATA "
    "TAHUN ANGGARAN 2026", kinds.EVENT_LIMITS["activity"])
LONG_PLACE = _fill("HOTEL LE DIAN SERANG, JALAN JENDERAL SUDIRMAN NOMOR 88, KELURAHAN "
                   "SUMURPECUNG, KECAMATAN SERANG, KOTA SERANG, PROVINSI BANTEN",
                   kinds.EVENT_LIMITS["place"])
LONG_HOURS = _fill("32 JP (TIGA PULUH DUA JAM PELAJARAN) @ 45 MENIT", kinds.EVENT_LIMITS["hours"])
# No break opportunity at all: the line must be broken inside the word.
WORD_NAME = ("NURHALIZAKUSUMANINGRUMWIJAYAKUSUMA" * 4)[:NAME_MAX]
WORD_INSTITUTION = ("SMKNEGERISATURANGKASBITUNGKABUPATENLEBAK" * 6)[:INSTITUTION_MAX]
HOSTILE_ACTIVITY = (f"Bimbingan Teknis {MARKUP} {TEMPLATE_VAR} {TEMPLATE_TAG} "
                    + "Pendampingansatuanpendidikantanpajeda" * 3)
HOSTILE_PLACE = "Aula <i>Utama</i> & Ruang {{ y }}, Serang"

# case id: (name, institution) as written in the CSV
SHORT_PEOPLE = {
    "tiny": ("Ani", "SD 1"),
    "typical": ("Dewi Lestari, S.Pd.", "SD Negeri 1 Rangkasbitung"),
    "template": (f"Ahmad {TEMPLATE_VAR} {TEMPLATE_TAG} Fauzi", MARKUP),
    "markup": (MARKUP, "Dinas & Kebudayaan <i>Lebak</i>"),
    "control": (CONTROL, "SD Negeri 4 Serang"),
}
LONG_PEOPLE = {
    "caps": (CAPS_NAME, CAPS_INSTITUTION),
    "title": (TITLE_NAME, TITLE_INSTITUTION),
    "words": (WORD_NAME, WORD_INSTITUTION),
    "short-in-long": ("Yusuf Hidayat", "SD Negeri 2 Lebak"),
}
HOSTILE_PEOPLE = {
    "hostile-event": (f"Rina {MARKUP}", WORD_INSTITUTION),
    "hostile-event-2": ("Budi Santoso", "SMA Negeri 1 Serang"),
}


Made = dict[str, tuple[Path, dict[str, Any]]]  # case id -> (the filed PDF, the record's details)


def _clean(s: str) -> str:
    return CONTROL_CLEAN if s == CONTROL else s


def _event(path: Path, **fields: str) -> Path:
    data = load_example("kegiatan.yaml")
    data.update(fields)
    return write_yaml(path, data)


def _batch(app: Archiva, folder: Path, tag: str, event: Path,
           people: dict[str, tuple[str, str]]) -> Made:
    csv = write_csv(folder / f"{tag}.csv", [["nama", "instansi"], *map(list, people.values())])
    result: BatchResult = app.generate_certificates(event, csv)
    assert result.failed == []
    by_name = {c.name: c for c in result.certificates}
    out = {}
    for case, (name, _) in people.items():
        rec = by_name[_clean(name)].record
        out[case] = (app.settings.home / rec.files[0].path, rec.details)
    return out


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """Every case's certificate: short data (through the worker pool), the longest accepted
    data, a hostile event, and a profile without a logo."""
    folder = tmp_path_factory.mktemp("certificate-layout")
    out: Made = {}
    with Archiva.open(make_home(folder / "home")) as app:
        out |= _batch(app, folder, "short", EXAMPLES / "kegiatan.yaml", SHORT_PEOPLE)
        longest = _event(folder / "longest.yaml", activity=LONG_ACTIVITY, place=LONG_PLACE,
                         hours=LONG_HOURS)
        out |= _batch(app, folder, "long", longest, LONG_PEOPLE)
        hostile = _event(folder / "hostile.yaml", activity=HOSTILE_ACTIVITY,
                         place=HOSTILE_PLACE, hours="32 JP & <b>4</b>")
        out |= _batch(app, folder, "hostile", hostile, HOSTILE_PEOPLE)
    bare = make_home(folder / "bare")
    profile = bare.profile_path.read_text("utf-8")
    assert 'logo = "logo.png"' in profile
    bare.profile_path.write_text(profile.replace('logo = "logo.png"', 'logo = ""'), "utf-8")
    with Archiva.open(bare) as app:
        out |= _batch(app, folder, "bare", EXAMPLES / "kegiatan.yaml",
                      {"no-logo": SHORT_PEOPLE["typical"]})
    return out


CASES = [*SHORT_PEOPLE, *LONG_PEOPLE, *HOSTILE_PEOPLE, "no-logo"]


@functools.cache  # each file is read once, however many tests look at it
def _page(pdf: Path) -> PageLayout:
    pages = read_layout(pdf)
    assert len(pages) == 1
    return pages[0]


def _one(page: PageLayout, needle: str) -> Line:
    [line] = find_lines([page], needle)
    return line


def _title(page: PageLayout) -> Line:
    """SERTIFIKAT, letter-spaced: read back as S E R T I F I K A T."""
    [line] = [line for line in page.lines if squash(line.text) == "SERTIFIKAT"]
    return line


def _name_lines(page: PageLayout) -> list[Line]:
    """The participant's name: the large bold lines below "diberikan kepada"."""
    given = _one(page, "diberikan kepada")
    return [line for line in page.lines
            if line.box.top > given.box.bottom and line.bold and line.size >= 18]


def _body_lines(page: PageLayout) -> list[Line]:
    first = find_lines([page], "sebagai")[0]
    last = find_lines([page], "beban belajar")[-1]
    return [line for line in page.lines if first.box.top <= line.box.top <= last.box.top
            and line.box.x1 > page.width * 0.3 and line.box.x0 < page.width * 0.7]


# -- the page --------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES)
def test_one_page_and_no_layout_problems(certificates: Made,
                                         case: str) -> None:
    pdf, _ = certificates[case]
    assert len(PdfReader(str(pdf)).pages) == 1
    assert layout_problems(pdf, MARGINS_MM) == []


def test_the_check_is_not_vacuous(certificates: Made) -> None:
    # The same file against margins wider than the frame's padding: the QR code and the
    # signature block sit in the bottom band, so they must be reported.
    assert layout_problems(certificates["typical"][0], (17, 26, 40, 26))


@pytest.mark.parametrize("case", CASES)
def test_qr_code_and_verification_code_bottom_left(
        certificates: Made, case: str) -> None:
    pdf, _ = certificates[case]
    page = _page(pdf)
    [qr] = [im for im in page.images if im.box.top > page.height / 2]
    assert qr.box.x1 < page.width / 2
    assert 20 * MM < qr.box.x1 - qr.box.x0 < 30 * MM  # big enough to scan from paper
    code = _one(page, "Kode verifikasi")
    scan = _one(page, "Pindai untuk memeriksa keabsahan")
    for line in (code, scan):
        assert line.box.x1 < page.width / 2 and line.box.top >= qr.box.bottom
    body = _body_lines(page)
    assert qr.box.top > body[-1].box.bottom


@pytest.mark.parametrize("case", CASES)
def test_signature_block_bottom_right_below_the_body(
        certificates: Made, case: str) -> None:
    pdf, _ = certificates[case]
    page = _page(pdf)
    date, position = _one(page, DATE), _one(page, POSITION)
    signer, nip = _one(page, HEAD), _one(page, "NIP 197001011995121001")
    assert signer.bold
    for line in (date, position, signer, nip):
        assert line.box.x0 > page.width / 2 and line.box.top > page.height / 2
    assert date.box.bottom <= position.box.top < position.box.bottom <= signer.box.top
    assert signer.box.top - position.box.bottom >= SIGNING_SPACE_MM * MM
    assert signer.box.bottom <= nip.box.top
    assert page.height - nip.box.bottom < 25 * MM  # at the foot of the page
    assert date.box.top - _body_lines(page)[-1].box.bottom >= GAP_MM * MM - 0.5


def test_the_bottom_blocks_stay_put_whatever_the_text_above(
        certificates: Made) -> None:
    """Fixed to the page, not to the text: the same place on the shortest and longest."""
    places = set()
    for case in CASES:
        page = _page(certificates[case][0])
        signer = _one(page, HEAD)
        [qr] = [im for im in page.images if im.box.top > page.height / 2]
        places.add((round(signer.box.x0), round(signer.box.top), round(qr.box.x0),
                    round(qr.box.top)))
    assert len(places) == 1, places


@pytest.mark.parametrize("case", CASES)
def test_name_large_centred_above_institution_and_body(
        certificates: Made, case: str) -> None:
    pdf, details = certificates[case]
    page = _page(pdf)
    person = details["participant"]
    names = _name_lines(page)
    assert squash(" ".join(line.text for line in names)) == squash(person["name"])
    for line in names:
        assert abs((line.box.x0 + line.box.x1) / 2 - page.width / 2) < CENTRED_PT
    institution = [line for line in page.lines if names[-1].box.bottom <= line.box.top
                   and line.box.bottom <= _body_lines(page)[0].box.top]
    assert squash(" ".join(line.text for line in institution)) == squash(person["institution"])
    body = _body_lines(page)
    assert names[0].box.top > _title(page).box.bottom
    assert names[-1].box.bottom < body[0].box.top
    assert body[0].text.startswith("sebagai Peserta pada kegiatan")


def test_type_shrinks_only_for_long_text(
        certificates: Made) -> None:
    def name_size(case: str) -> float:
        return _name_lines(_page(certificates[case][0]))[0].size

    assert name_size("typical") == name_size("tiny") == 28  # the full size
    assert name_size("short-in-long") < 28  # the long activity needed smaller type
    for case in ("caps", "title", "words"):
        assert name_size(case) >= 18  # the smallest step is still a title's size
        body = _body_lines(_page(certificates[case][0]))
        assert min(line.size for line in body) >= 10.5


@pytest.mark.parametrize("case", ["typical", "caps"])
def test_letterhead_logo_centred_above_ministry_and_office(
        certificates: Made, case: str) -> None:
    page = _page(certificates[case][0])
    [logo] = [im for im in page.images if im.box.bottom < page.height / 2]
    ministry = _one(page, "KEMENTERIAN PENDIDIKAN DASAR DAN MENENGAH")
    office = _one(page, "BALAI PENJAMINAN MUTU PENDIDIKAN PROVINSI BANTEN")
    assert logo.box.bottom <= ministry.box.top < office.box.top
    assert abs((logo.box.x0 + logo.box.x1) / 2 - page.width / 2) < CENTRED_PT
    assert office.bold and office.box.bottom < _title(page).box.top


def test_without_a_logo_the_letterhead_starts_at_the_top(
        certificates: Made) -> None:
    page = _page(certificates["no-logo"][0])
    assert [im for im in page.images if im.box.bottom < page.height / 2] == []
    ministry = _one(page, "KEMENTERIAN PENDIDIKAN DASAR DAN MENENGAH")
    assert ministry.box.top < 25 * MM


@pytest.mark.parametrize("case", CASES)
def test_pdf_title_is_the_documents_subject(
        certificates: Made, case: str) -> None:
    pdf, details = certificates[case]
    meta = PdfReader(str(pdf)).metadata
    assert meta is not None
    assert meta.title == f"Sertifikat {details['participant']['name']}: {details['activity']}"


def test_hostile_event_text_comes_out_literally(
        certificates: Made) -> None:
    page = _page(certificates["hostile-event"][0])
    body = squash(" ".join(line.text for line in _body_lines(page)))
    assert squash(HOSTILE_ACTIVITY) in body
    assert squash(HOSTILE_PLACE) in body
    assert squash("beban belajar 32 JP & <b>4</b>.") in body


# -- what does not fit is refused, never printed over ---------------------------------------------

def test_text_that_would_run_into_the_signature_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An activity far beyond the limit stays on one page (the frame has a fixed height) but
    would cover the signature block: the number is voided, no file is filed."""
    monkeypatch.setitem(kinds.EVENT_LIMITS, "activity", 10_000)
    home = make_home(tmp_path / "home")
    event = _event(tmp_path / "k.yaml", activity=_fill(LONG_ACTIVITY, 1500))
    people = write_csv(tmp_path / "p.csv", [["nama", "instansi"], [CAPS_NAME, CAPS_INSTITUTION]])
    with Archiva.open(home) as app:
        result = app.generate_certificates(event, people)
        assert result.certificates == []
        [(number, _, why)] = result.failed
        assert re.search("the text block runs into the (verification|signature) block", why)
        [rec] = app.list_numbers()
        assert (rec.number, rec.status) == (number, "void")
        assert not list(app.settings.archive_dir.rglob("*.pdf"))


def _regions_template(folder: Path, steps: int) -> Path:
    """Two regions: text growing down from the top, a block at the bottom; fit-1 makes the
    text small enough to clear the block."""
    (folder / "t.css").write_text(
        "@page { size: A6; margin: 5mm } .frame { position: relative; height: 138mm }"
        ".foot { position: absolute; bottom: 0; height: 20mm } .fit-1 .text { font-size: 6pt }",
        "utf-8")
    path = folder / "t.html"
    path.write_text(
        f'<html><head><meta name="archiva-fit-steps" content="{steps}">'
        '<link rel="stylesheet" href="t.css"></head><body class="fit-{{ fit|default(0) }}">'
        '<div class="frame"><p class="text" data-region="text">{{ text }}</p>'
        '<p class="foot" data-region="foot">Tanda tangan</p></div></body></html>', "utf-8")
    return path


def test_renderer_tries_smaller_type_then_refuses(tmp_path: Path) -> None:
    text = "kata " * 190  # at the default size it covers the bottom block, at 6 pt it does not
    with pytest.raises(RenderError, match="the text block runs into the foot block"):
        HtmlRenderer(_regions_template(tmp_path, 0)).render({"text": text}, max_pages=1)
    pdf = HtmlRenderer(_regions_template(tmp_path, 1)).render({"text": text}, max_pages=1)
    out = tmp_path / "out.pdf"
    out.write_bytes(pdf)
    assert layout_problems(out, (5, 5, 5, 5)) == []
    with pytest.raises(RenderError, match="does not fit"):
        HtmlRenderer(_regions_template(tmp_path, 1)).render({"text": text * 8}, max_pages=1)


def test_renderer_keeps_only_shared_images_between_documents(home: Settings) -> None:
    """The logo stays cached (encoded once); each certificate's QR code does not pile up."""
    from archiva.render.qr import qr_png_data_uri
    from archiva.render.templates import template_for

    with Archiva.open(home) as app:
        template = template_for(app.profile, "certificate")
        event = kinds.parse_event(Fields(load_example("kegiatan.yaml")), app.profile)
        logo = app.profile.office.logo
        assert logo is not None
        renderer = HtmlRenderer(template.path, [logo])
        sizes = []
        for i in range(3):
            ctx = kinds.certificate_context(event, app.profile, f"{i}/X", {"name": f"P {i}",
                                            "institution": "SD", "role": ""}, "C", "u")
            renderer.render({**ctx, "qr": qr_png_data_uri(f"payload {i}")}, max_pages=1)
            sizes.append(len(renderer.cache))
    assert sizes[0] == sizes[1] == sizes[2] > 0


# -- the QR code ----------------------------------------------------------------------------------

def _payloads() -> Iterator[str]:
    rnd = random.Random(7)
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    for _ in range(25):
        code = "-".join("".join(rnd.choice(alphabet) for _ in range(4)) for _ in range(4))
        yield f"https://bpmpbanten.example.go.id/verifikasi/{code}"
        yield code
    for _ in range(15):  # other versions and encodings, up to version 7+ (type information)
        yield "".join(rnd.choice(string.printable) for _ in range(rnd.randint(1, 200)))


def test_qr_symbol_is_the_qrcode_packages_own_bit_for_bit() -> None:
    """Our mask choice (rows as integers) must pick the package's mask and give its symbol."""
    for payload in _payloads():
        ref = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
        ref.add_data(payload)
        ref.make(fit=True)
        expected = [int("".join("1" if m else "0" for m in row), 2) for row in ref.modules]
        assert qr_rows(payload) == expected, payload


def test_qr_png_has_one_pixel_per_module_and_a_light_border() -> None:
    import io

    from PIL import Image

    payload = "https://bpmpbanten.example.go.id/verifikasi/ABCD-EFGH-JKLM-NPQR"
    ref = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=1, box_size=1)
    ref.add_data(payload)
    ref.make(fit=True)
    ours = Image.open(io.BytesIO(qr_png(payload))).convert("L")
    theirs = ref.make_image().get_image().convert("L")
    assert ours.size == theirs.size == (ref.modules_count + 2,) * 2
    assert ours.tobytes() == theirs.tobytes()


def test_one_character_over_an_event_limit_is_refused_before_any_number(tmp_path: Path) -> None:
    from archiva.errors import DataFileError

    limit = kinds.EVENT_LIMITS["activity"]
    with Archiva.open(make_home(tmp_path / "home")) as app:
        with pytest.raises(DataFileError) as info:
            app.generate_certificates(_event(tmp_path / "k.yaml", activity=LONG_ACTIVITY + "X"),
                                      EXAMPLES / "peserta.csv")
        assert f"activity: is {limit + 1} characters; a certificate has room for {limit}" in \
            info.value.problems
        assert app.list_numbers() == []
