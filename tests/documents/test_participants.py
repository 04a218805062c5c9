"""Participant lists as offices keep them: CSV (comma, semicolon, BOM, cp1252) and XLSX."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiva.documents.participants import Participant, read_participants
from archiva.errors import DataFileError
from tests.conftest import EXAMPLES
from tests.documents.helpers import write_csv, write_xlsx

NIP = "198807152019031004"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataFileError) as info:
        read_participants(path)
    assert info.value.exit_code == 2
    assert str(path) in info.value.message
    return info.value.problems


def test_example_csv_with_commas() -> None:
    people = read_participants(EXAMPLES / "peserta.csv")
    assert people == [
        Participant("Dewi Lestari, S.Pd.", "SD Negeri 1 Rangkasbitung", "peserta",
                    "dewi@example.sch.id", ""),
        Participant("Ahmad Fauzi", "SMP Negeri 2 Malingping", "peserta", "", NIP),
        Participant("Rina Marlina, M.Pd.", "SMA Negeri 1 Rangkasbitung", "narasumber", "", ""),
        Participant("Yusuf Hidayat", "BPMP Provinsi Banten", "panitia", "", ""),
    ]


def test_semicolon_csv_with_indonesian_headers(tmp_path: Path) -> None:
    # Excel with the Indonesian locale saves "CSV" with semicolons
    path = tmp_path / "peserta.csv"
    path.write_text("Nama;Instansi;Peran;NIP\r\n"
                    "Dewi Lestari, S.Pd.;SD Negeri 1, Rangkasbitung;Peserta;\r\n"
                    f"Ahmad Fauzi;SMP Negeri 2 Malingping;NARASUMBER;{NIP}\r\n", "utf-8")
    assert read_participants(path) == [
        Participant("Dewi Lestari, S.Pd.", "SD Negeri 1, Rangkasbitung", "peserta"),
        Participant("Ahmad Fauzi", "SMP Negeri 2 Malingping", "narasumber", nip=NIP),
    ]


@pytest.mark.parametrize("header", [["nama lengkap", "asal sekolah", "sebagai"],
                                    ["Nama Peserta", "Unit Kerja", "Peran"],
                                    ["NAMA", "ASAL INSTANSI", "SEBAGAI"],
                                    [" name ", "institution", "role"]])
def test_header_spellings(tmp_path: Path, header: list[str]) -> None:
    path = write_csv(tmp_path / "p.csv", [header, ["Siti Aminah", "SDN 3 Serang", "panitia"]])
    assert read_participants(path) == [Participant("Siti Aminah", "SDN 3 Serang", "panitia")]


def test_utf8_bom(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["nama", "instansi"], ["Ni Luh Putu Ayu", "SMKN 1"]],
                     encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert read_participants(path) == [Participant("Ni Luh Putu Ayu", "SMKN 1")]


def test_cp1252_from_windows_excel(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["nama", "instansi"],
                                          ["Ma’ruf Hidayat", "SMA “Harapan” Bangsa"],
                                          ["José Müller", "Café Literasi"]],
                     delimiter=";", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert read_participants(path) == [Participant("Ma’ruf Hidayat", "SMA “Harapan” Bangsa"),
                                       Participant("José Müller", "Café Literasi")]


def test_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "peserta.xlsx", [
        ["Nama", "Asal Instansi", "Peran", "E-mail", "NIP"],
        ["Dewi Lestari, S.Pd.", "SD Negeri 1 Rangkasbitung", "Peserta", "dewi@example.sch.id",
         None],
        [None, None, None, None, None],
        ["Ahmad Fauzi", "SMP Negeri 2 Malingping", "narasumber", None, NIP],
        ["Budi Santoso", 2026, None, None, None],  # a number cell is read as text
    ])
    assert read_participants(path) == [
        Participant("Dewi Lestari, S.Pd.", "SD Negeri 1 Rangkasbitung", "peserta",
                    "dewi@example.sch.id"),
        Participant("Ahmad Fauzi", "SMP Negeri 2 Malingping", "narasumber", nip=NIP),
        Participant("Budi Santoso", "2026"),
    ]


def test_xlsx_nip_typed_as_a_number_is_refused(tmp_path: Path) -> None:
    # Excel keeps numbers as doubles: an 18-digit NIP typed as a number has lost digits
    path = write_xlsx(tmp_path / "peserta.xlsx", [["nama", "instansi", "nip"],
                                                  ["Budi", "SMK 1", int(NIP)]])
    [problem] = problems_of(path)
    assert problem.startswith("row 2: nip: expected 18 digits")


def test_corrupt_xlsx_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(os.urandom(2048))
    [problem] = problems_of(path)
    assert "not a readable Excel (.xlsx) file" in problem


def test_csv_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "salah.xlsx"
    path.write_bytes((EXAMPLES / "peserta.csv").read_bytes())
    [problem] = problems_of(path)
    assert "Excel" in problem


def test_missing_header_column_lists_what_was_found(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["Nama", "Email", "Jabatan"],
                                          ["Siti", "s@example.id", "Guru"]])
    with pytest.raises(DataFileError) as info:
        read_participants(path)
    [problem] = info.value.problems
    assert "'institution'" in problem
    assert "'name'" not in problem
    assert "found: Nama, Email, Jabatan" in problem
    assert "nama, instansi" in info.value.hint


def test_data_without_header_row(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["Siti Aminah", "SDN 3 Serang"]])
    [problem] = problems_of(path)
    assert "'name', 'institution'" in problem
    assert "found: Siti Aminah, SDN 3 Serang" in problem


def test_all_row_problems_at_once_with_row_numbers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [
        ["nama", "instansi", "peran", "nip"],
        ["Dewi", "SDN 1", "peserta", ""],            # row 2: fine
        ["", "SDN 2", "peserta", ""],                # row 3: no name
        ["Ahmad", "SMPN 2", "pembicara", ""],        # row 4: unknown role
        ["Rina", "SMAN 1", "narasumber", "12345"],   # row 5: bad NIP
        ["Yusuf", "", "panitia", f"{NIP}x"],         # row 6: no institution and bad NIP
    ])
    problems = problems_of(path)
    assert problems[0].startswith("row 3: name: missing")
    assert problems[1].startswith("row 4: role: unknown role 'pembicara'")
    assert "narasumber" in problems[1] and "peserta" in problems[1]
    assert problems[2] == "row 5: nip: expected 18 digits, found '12345'"
    assert problems[3].startswith("row 6: institution: missing")
    assert problems[4].startswith("row 6: nip: expected 18 digits")
    assert len(problems) == 5


def test_row_numbers_count_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("nama,instansi,peran\nDewi,SDN 1,peserta\n,,\nAhmad,SMPN 2,pembicara\n",
                    "utf-8")
    [problem] = problems_of(path)
    assert problem.startswith("row 4: role:")


def test_empty_rows_skipped(tmp_path: Path) -> None:
    comma = tmp_path / "koma.csv"
    comma.write_text("\nnama,instansi\n\n,\nDewi,SDN 1\n , \n\n,,\nAhmad,SMPN 2\n\n", "utf-8")
    assert [p.name for p in read_participants(comma)] == ["Dewi", "Ahmad"]
    # Excel writes an empty row of a two-column sheet as ";"
    semicolon = tmp_path / "titik-koma.csv"
    semicolon.write_text("nama;instansi\r\n;\r\nDewi;SDN 1\r\n ; \r\n;\r\nAhmad;SMPN 2\r\n;\r\n",
                         "utf-8")
    assert [p.name for p in read_participants(semicolon)] == ["Dewi", "Ahmad"]


def test_header_only(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["nama", "instansi"], ["", ""]])
    assert problems_of(path) == ["no participants below the header row"]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(b"")
    assert problems_of(path) == ["the file is empty"]


def test_blank_file(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("\n \n,,\n", "utf-8")
    [problem] = problems_of(path)
    assert "no rows" in problem


@pytest.mark.parametrize("name", ["peserta.txt", "peserta.xls", "peserta"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes((EXAMPLES / "peserta.csv").read_bytes())
    [problem] = problems_of(path)
    assert "unknown file type" in problem
    assert ".csv or .xlsx" in problem


def test_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "tidak-ada.csv") == ["the file does not exist"]


def test_boolean_xlsx_cell_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [["nama", "instansi"], [True, "SDN 1"]])
    [problem] = problems_of(path)
    assert problem.startswith("row 2: name: expected text, found a yes/no value")


def test_control_characters_dropped_from_names(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["nama", "instansi"], ["Dewi\aLestari\f", "SDN\x1b 1"]])
    assert read_participants(path) == [Participant("DewiLestari", "SDN 1")]


def test_quotes_and_apostrophes_inside_cells(tmp_path: Path) -> None:
    rows = [["nama", "instansi"], ["Ma'ruf Hidayat", 'SMA "Harapan" Bangsa'],
            ['Ahmad "Andi" Fauzi', "Yayasan Al-Falah, Cabang Lebak"]]
    for delimiter in ",;":
        path = write_csv(tmp_path / "p.csv", rows, delimiter=delimiter)
        assert [(p.name, p.institution) for p in read_participants(path)] == \
            [tuple(r) for r in rows[1:]]


@pytest.mark.parametrize("text", [
    "nama;instansi\r\nDewi;SDN 1\r\n\r\nAhmad;SMPN 2\r\n",
    'nama;instansi\r\nDewi;"Yayasan Al-Falah; Cabang Lebak"\r\nAhmad;SMPN 2\r\n',
], ids=["blank-line", "semicolon-in-cell"])
def test_semicolon_csv_that_the_sniffer_cannot_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "p.csv"
    path.write_text(text, "utf-8")
    assert [p.name for p in read_participants(path)] == ["Dewi", "Ahmad"]


# Letters of any script and the punctuation names and institutions carry. Straight quotes and
# semicolons are left out: they meet the sniffer bugs marked above.
NAME_CHARS = st.one_of(st.characters(categories=("L", "M", "Nd")),
                       st.sampled_from(" .,’-/()&"))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.text(NAME_CHARS, min_size=1, max_size=30).filter(str.strip),
                          st.text(NAME_CHARS, min_size=1, max_size=30).filter(str.strip)),
                min_size=1, max_size=5),
       st.sampled_from([",", ";"]))
def test_any_names_round_trip(tmp_path: Path, people: list[tuple[str, str]],
                              delimiter: str) -> None:
    path = write_csv(tmp_path / "p.csv", [["nama", "instansi"], *map(list, people)],
                     delimiter=delimiter)
    got = read_participants(path)
    assert [(p.name, p.institution) for p in got] == [(n.strip(), i.strip()) for n, i in people]


def test_bidirectional_controls_are_dropped_from_names(tmp_path: Path) -> None:
    """U+202E in a name shows "Budi" on the certificate where the register holds "iduB"."""
    path = write_csv(tmp_path / "p.csv", [["nama", "instansi"],
                                          ["\u202eiduB\u202c Santoso\u200f", "SD\u2066N 1\u2069"]])
    assert read_participants(path) == [Participant("iduB Santoso", "SDN 1")]


def test_an_xlsx_zip_bomb_is_refused_as_such(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b" " * (1 << 20)
            for _ in range(300):  # 300 MB of spaces: a few hundred kilobytes zipped
                f.write(block)
    assert path.stat().st_size < 2 * 2**20
    [problem] = problems_of(path)
    assert "unpacks to 300 MB" in problem and "hostile" in problem
