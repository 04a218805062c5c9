"""The office profile (archiva.toml) and settings."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from archiva.config import (
    BUNDLED_TEMPLATES,
    DATABASE_NAME,
    KINDS,
    PROFILE_NAME,
    Profile,
    Settings,
    example_profile_text,
    load_profile,
    parse_profile,
)
from archiva.errors import EXIT_BAD_INPUT, BadInputError, ProfileError
from archiva.render.emblem import emblem_png

EXAMPLE: dict[str, Any] = tomllib.loads(example_profile_text())
# The demo profile names a logo that `archiva init` writes beside it; PATH has none.
DEMO_LOGO = EXAMPLE["office"].pop("logo")
PATH = Path("/srv/archiva/archiva.toml")


def example() -> dict[str, Any]:
    return copy.deepcopy(EXAMPLE)


def problems_of(data: dict[str, Any], path: Path = PATH) -> list[str]:
    """The problem lines of the ProfileError that parsing `data` must raise."""
    with pytest.raises(ProfileError) as info:
        parse_profile(path, data)
    lines = info.value.message.splitlines()
    found = [line.removeprefix("  - ") for line in lines[1:]]
    assert lines[0] == f"The office profile {path} has {len(found)} problem(s):"
    return found


def settings_for(home: Path) -> Settings:
    return Settings(home=home, database_url="sqlite://", user="t")


# --- the shipped example ---------------------------------------------------------------------


def test_example_profile_parses():
    profile = parse_profile(PATH, example())
    assert isinstance(profile, Profile)
    assert profile.path == PATH
    assert set(profile.series) == {"letter", "decree", "agreement", "certificate", "incoming"}
    assert set(profile.documents) == set(KINDS)
    assert len(profile.documents) == 4


def test_example_profile_values():
    profile = parse_profile(PATH, example())
    assert profile.office.city == "Serang"
    assert profile.office.unit_code == "C7.15"
    assert profile.office.logo is None
    assert DEMO_LOGO == "logo.png"
    assert profile.head.nip == "197001011995121001"
    cert = profile.series["certificate"]
    assert cert.format == "{seq:05d}/Sertifikat/{office_code}/{year}"
    assert cert.counter == "sertifikat"
    assert profile.series["letter"].counter == profile.series["decree"].counter == "umum"
    assert profile.documents["report"].series == "letter"
    assert profile.documents["decree"].template == "keputusan"
    assert profile.verify_url == "https://bpmpbanten.example.go.id/verifikasi/{code}"
    assert profile.templates_dir == BUNDLED_TEMPLATES


def test_series_title_and_counter_default_to_the_name():
    data = example()
    data["series"]["letter"] = {"format": "{seq}/{unit}/{year}"}
    letter = parse_profile(PATH, data).series["letter"]
    assert letter.title == "letter"
    assert letter.counter == "letter"


def test_values_are_stripped():
    data = example()
    data["office"]["city"] = "  Serang  "
    assert parse_profile(PATH, data).office.city == "Serang"


def test_series_named_unknown_lists_the_series():
    profile = parse_profile(PATH, example())
    assert profile.series_named("decree").title == "Keputusan"
    with pytest.raises(BadInputError) as info:
        profile.series_named("memo")
    assert "memo" in info.value.message
    assert "agreement, certificate, decree, incoming, letter" in info.value.hint


# --- messages name the full key --------------------------------------------------------------


def test_missing_office_key():
    data = example()
    del data["office"]["city"]
    assert problems_of(data) == ["office.city: missing; expected a text value"]


def test_empty_text_counts_as_missing():
    data = example()
    data["head"]["name"] = ""
    assert problems_of(data) == ["head.name: missing; expected a text value"]


def test_optional_office_keys_may_be_absent():
    data = example()
    for key in ("phone", "email", "website"):
        del data["office"][key]
    assert parse_profile(PATH, data).office.phone == ""


def test_text_value_of_wrong_type():
    data = example()
    data["office"]["city"] = 5
    assert problems_of(data) == ["office.city: expected text in quotes, found 5"]


@pytest.mark.parametrize("nip", ["12345", "19700101199512100A", "1970010119951210011"])
def test_nip_must_have_18_digits(nip):
    data = example()
    data["head"]["nip"] = nip
    assert problems_of(data) == [f"head.nip: expected 18 digits, found {nip!r}"]


def test_nip_written_as_a_number():
    data = example()
    data["head"]["nip"] = 197001011995121001
    assert problems_of(data) == ["head.nip: expected text in quotes, found 197001011995121001"]


def test_nip_must_be_ascii_digits():
    data = example()
    data["head"]["nip"] = "１" * 18
    assert any(p.startswith("head.nip:") for p in problems_of(data))


def test_series_format_problems_name_the_key():
    data = example()
    data["series"]["letter"]["format"] = "{seq}/{division}"
    found = problems_of(data)
    assert len(found) == 2
    assert all(p.startswith("series.letter.format: ") for p in found)
    assert any("unknown field(s) {division}" in p for p in found)
    assert any("must contain {year}" in p for p in found)


def test_series_format_missing():
    data = example()
    del data["series"]["certificate"]["format"]
    assert problems_of(data) == ["series.certificate.format: missing; expected a text value"]


def test_series_entry_not_a_table():
    data = example()
    data["series"]["memo"] = "{seq}/{year}"
    assert problems_of(data) == ["series.memo: expected a section [series.memo]"]


def test_document_kind_names_unknown_series():
    data = example()
    data["documents"]["report"]["series"] = "laporan"
    assert problems_of(data) == [
        "documents.report.series: expected one of agreement, certificate, decree, incoming, "
        "letter, found 'laporan'"
    ]


def test_document_kind_section_missing():
    data = example()
    del data["documents"]["mou"]
    assert problems_of(data) == ["documents.mou: the section [documents.mou] is missing"]


def test_document_template_missing():
    data = example()
    del data["documents"]["certificate"]["template"]
    assert problems_of(data) == ["documents.certificate.template: missing; expected a text value"]


def test_verify_url_needs_code():
    data = example()
    data["certificates"]["verify_url"] = "https://example.go.id/verifikasi"
    assert problems_of(data) == [
        "certificates.verify_url: expected a web address containing {code}"
    ]


def test_certificates_section_is_optional():
    data = example()
    del data["certificates"]
    assert parse_profile(PATH, data).verify_url == ""


def test_templates_dir_must_exist(tmp_path):
    data = example()
    data["templates"] = {"dir": "no-such-folder"}
    (found,) = problems_of(data, tmp_path / PROFILE_NAME)
    assert found.startswith("templates.dir: expected an existing folder")


def test_templates_dir_is_relative_to_the_profile(tmp_path):
    (tmp_path / "mine").mkdir()
    data = example()
    data["templates"] = {"dir": "mine"}
    profile = parse_profile(tmp_path / PROFILE_NAME, data)
    assert profile.templates_dir == (tmp_path / "mine").resolve()


def test_logo_must_exist(tmp_path):
    data = example()
    data["office"]["logo"] = "logo.png"
    (found,) = problems_of(data, tmp_path / PROFILE_NAME)
    assert found.startswith("office.logo: expected an image file")


def test_logo_is_relative_to_the_profile(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    data = example()
    data["office"]["logo"] = "logo.png"
    profile = parse_profile(tmp_path / PROFILE_NAME, data)
    assert profile.office.logo == (tmp_path / "logo.png").resolve()


@pytest.mark.parametrize("logo", ["../../../../etc/passwd", "/etc/passwd", "../outside.png",
                                  "link.png"])
def test_a_logo_outside_the_home_is_refused(tmp_path, logo):
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (home / "link.png").symlink_to(tmp_path / "outside.png")
    data = example()
    data["office"]["logo"] = logo
    (found,) = problems_of(data, home / PROFILE_NAME)
    assert found.startswith("office.logo:") and "outside the archive home" in found


def test_a_logo_that_is_not_a_png_or_jpeg_is_refused(tmp_path):
    (tmp_path / "logo.png").write_text("root:x:0:0:root:/root:/bin/bash\n")
    data = example()
    data["office"]["logo"] = "logo.png"
    (found,) = problems_of(data, tmp_path / PROFILE_NAME)
    assert "is not a PNG or JPEG image" in found


def test_all_problems_are_reported_at_once():
    data = example()
    del data["office"]["city"]
    data["head"]["nip"] = "123"
    data["documents"]["report"]["series"] = "laporan"
    found = problems_of(data)
    assert len(found) == 3
    keys = [p.split(":")[0] for p in found]
    assert keys == ["office.city", "head.nip", "documents.report.series"]


def test_profile_error_hint_points_to_doctor():
    data = example()
    del data["office"]["city"]
    with pytest.raises(ProfileError) as info:
        parse_profile(PATH, data)
    assert "archiva doctor" in info.value.hint


# --- missing sections ------------------------------------------------------------------------


@pytest.mark.parametrize("section", ["office", "head", "documents"])
def test_missing_section_gives_one_message(section):
    data = example()
    del data[section]
    assert problems_of(data) == [f"[{section}]: the section is missing"]


def test_missing_series_section_gives_one_message():
    data = example()
    del data["series"]
    assert problems_of(data) == ["[series]: the section is missing"]


def test_empty_profile_names_each_required_section_once():
    assert problems_of({}) == [
        "[office]: the section is missing",
        "[head]: the section is missing",
        "[series]: the section is missing",
        "[documents]: the section is missing",
    ]


def test_section_that_is_not_a_table():
    data = example()
    data["office"] = "BPMP Banten"
    assert problems_of(data) == ["[office]: expected a section (table), found 'BPMP Banten'"]


# --- series that would clash -----------------------------------------------------------------


def test_same_format_on_different_counters_is_refused():
    data = example()
    data["series"]["certificate"]["format"] = data["series"]["letter"]["format"]
    found = problems_of(data)
    assert len(found) == 1
    assert found[0].startswith("series.certificate: produces the same numbers as series.letter")


def test_same_format_on_one_counter_is_fine():
    profile = parse_profile(PATH, example())
    letter, decree = profile.series["letter"], profile.series["decree"]
    assert letter.format == decree.format
    assert letter.counter == decree.counter


def test_equivalent_formats_on_different_counters_are_refused():
    data = example()
    data["series"]["letter"]["format"] = "{seq}/{unit}/{year}"
    data["series"]["certificate"]["format"] = "{seq:d}/{unit}/{year}"
    assert any("same numbers" in p for p in problems_of(data))


@pytest.mark.parametrize("other", [
    "{seq:03d}/{unit}/{classification}/{year}",   # meets {seq:04d} from 1000 on
    "{seq}/{unit}/{classification}/{year}",
    "{seq:04d} {unit}/{classification}/{year}",   # a space folds to '/' in the register
])
def test_formats_giving_the_same_register_keys_are_refused(other: str) -> None:
    data = example()
    data["series"]["certificate"]["format"] = other
    assert any(p.startswith("series.certificate: produces the same numbers as series.")
               for p in problems_of(data))


# --- blank values ----------------------------------------------------------------------------


def test_blank_required_value_is_missing():
    data = example()
    data["office"]["city"] = "   "
    assert problems_of(data) == ["office.city: missing; expected a text value"]


def test_blank_series_format_is_refused():
    data = example()
    data["series"]["letter"]["format"] = "   "
    assert any(p.startswith("series.letter.format") for p in problems_of(data))


# --- load_profile ----------------------------------------------------------------------------


def test_load_example_profile(tmp_path):
    (tmp_path / PROFILE_NAME).write_text(example_profile_text(), "utf-8")
    (tmp_path / DEMO_LOGO).write_bytes(emblem_png())
    profile = load_profile(settings_for(tmp_path))
    assert profile.office.logo == tmp_path / DEMO_LOGO
    assert profile.path == tmp_path / PROFILE_NAME
    assert len(profile.series) == 5
    assert len(profile.documents) == 4


def test_missing_profile_file(tmp_path):
    with pytest.raises(ProfileError) as info:
        load_profile(settings_for(tmp_path))
    assert str(tmp_path / PROFILE_NAME) in info.value.message
    assert "archiva init" in info.value.hint


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / PROFILE_NAME
    path.write_text('[office]\ncity = "Serang\n', "utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(settings_for(tmp_path))
    assert str(path) in info.value.message
    assert "not a valid TOML file" in info.value.message


@pytest.mark.parametrize("text", ["", "  \n\n\t"])
def test_empty_profile_names_the_file(tmp_path, text):
    path = tmp_path / PROFILE_NAME
    path.write_text(text, "utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(settings_for(tmp_path))
    assert str(path) in info.value.message
    assert "empty" in info.value.message


def test_non_utf8_profile_names_the_file(tmp_path):
    path = tmp_path / PROFILE_NAME
    path.write_bytes(b'[office]\ncity = "Serang\xff"\n')
    with pytest.raises(ProfileError) as info:
        load_profile(settings_for(tmp_path))
    assert str(path) in info.value.message


def test_load_reports_validation_problems_with_the_file(tmp_path):
    path = tmp_path / PROFILE_NAME
    path.write_text(example_profile_text().replace('city = "Serang"', ""), "utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(settings_for(tmp_path))
    assert str(path) in info.value.message
    assert "office.city: missing" in info.value.message


def test_profile_error_exit_code(tmp_path):
    assert ProfileError.exit_code == EXIT_BAD_INPUT == 2
    assert issubclass(ProfileError, BadInputError)
    with pytest.raises(ProfileError) as info:
        load_profile(settings_for(tmp_path))
    assert info.value.exit_code == 2


# --- Settings.resolve ------------------------------------------------------------------------


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("ARCHIVA_HOME", "ARCHIVA_DATABASE_URL", "ARCHIVA_USER"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_resolve_from_environment(clean_env, tmp_path):
    clean_env.setenv("ARCHIVA_HOME", str(tmp_path))
    clean_env.setenv("ARCHIVA_DATABASE_URL", "postgresql+psycopg://archiva@db/archiva")
    clean_env.setenv("ARCHIVA_USER", "siti")
    s = Settings.resolve()
    assert s.home == tmp_path.resolve()
    assert s.database_url == "postgresql+psycopg://archiva@db/archiva"
    assert s.user == "siti"
    assert s.profile_path == tmp_path.resolve() / PROFILE_NAME


def test_resolve_defaults_to_sqlite_in_home(clean_env, tmp_path):
    clean_env.setenv("ARCHIVA_HOME", str(tmp_path))
    s = Settings.resolve()
    assert s.database_url == f"sqlite:///{tmp_path.resolve() / DATABASE_NAME}"


def test_resolve_defaults_to_current_folder(clean_env, tmp_path):
    clean_env.chdir(tmp_path)
    s = Settings.resolve()
    assert s.home == tmp_path.resolve()
    assert s.user  # the login name, whatever it is here


def test_resolve_arguments_win_over_environment(clean_env, tmp_path):
    other = tmp_path / "other"
    clean_env.setenv("ARCHIVA_HOME", str(tmp_path))
    clean_env.setenv("ARCHIVA_USER", "siti")
    s = Settings.resolve(home=other, user="budi")
    assert s.home == other.resolve()
    assert s.user == "budi"
    assert s.database_url == f"sqlite:///{other.resolve() / DATABASE_NAME}"


def test_resolve_relative_home_is_made_absolute(clean_env, tmp_path):
    clean_env.chdir(tmp_path)
    clean_env.setenv("ARCHIVA_HOME", "kantor")
    s = Settings.resolve()
    assert s.home == (tmp_path / "kantor").resolve()
    assert s.home.is_absolute()


def test_settings_folders(tmp_path):
    s = settings_for(tmp_path)
    assert s.archive_dir == tmp_path / "archive"
    assert s.quarantine_dir == tmp_path / "quarantine"


# --- intake settings, letter types, holidays -------------------------------------------------


def test_example_intake_settings_and_letter_types():
    profile = parse_profile(PATH, example())
    assert profile.intake.series == "incoming"
    assert profile.intake.max_bytes == 50 * 1024 * 1024
    kemitraan = profile.letter_types["permohonan_kemitraan"]
    assert "pendampingan" in kemitraan.keywords and kemitraan.classification == "KS.01.00"
    assert [t.name for t in profile.letter_types.values() if not t.keywords] == ["lainnya"]
    assert len(profile.holidays) >= 5


def test_intake_and_letter_type_problems_name_their_keys():
    data = example()
    data["intake"]["settle_seconds"] = -1
    data["intake"]["series"] = "nope"
    data["letter_types"]["pengaduan"]["keywords"] = []  # a second type without keywords
    data["letter_types"]["undangan"]["classification"] = "undangan"
    data["calendar"]["holidays"] = ["2026-02-30"]
    found = problems_of(data)
    assert any(p.startswith("intake.settle_seconds: expected a number") for p in found)
    assert any(p.startswith("intake.series: expected one of") for p in found)
    assert any(p.startswith("letter_types: expected exactly one type without keywords")
               for p in found)
    assert any(p.startswith("letter_types.undangan.classification") for p in found)
    assert any(p.startswith("calendar.holidays: '2026-02-30'") for p in found)


def test_profiles_written_before_intake_still_load():
    data = example()
    for key in ("intake", "letter_types", "calendar"):
        del data[key]
    profile = parse_profile(PATH, data)
    assert profile.letter_types == {} and profile.intake.settle_seconds == 5
