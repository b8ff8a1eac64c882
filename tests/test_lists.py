"""Sanctions-list import on the real sample files (and hand-written EU, UK, OpenSanctions CSV files)."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import project_snapshot
from workbench.core.errors import InvalidInputError
from workbench.services.project import create_project
from workbench.services.screening.lists import import_list, list_history
from workbench.storage.lists import ListRepository

SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "sanctions"
if not SHARED.is_dir():  # a CI clone has shared/ beside the repository
    SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "sanctions"
OWN = Path(__file__).parent / "fixtures" / "lists"
OFAC = sorted((SHARED / "ofac-sample").glob("*.csv"))


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "lists.wbproj") as p:
        yield p


def entry(project, list_name, key):
    repo = ListRepository(project.db)
    return repo.entry(repo.find(list_name).id, key)


def test_ofac_set_imports_with_aliases_programmes_and_identifiers(project):
    summary = import_list(project, OFAC, "ofac", version_date="2024-06-01")
    assert (summary.list_name, summary.entries, summary.version_date) == ("OFAC SDN", 17, "2024-06-01")
    iran = entry(project, "OFAC SDN", "11195")
    assert iran.programmes == ("NPWMD", "IFSR", "IRAN-CON-ARMS-EO")
    assert "HESA TRADE CENTER" in iran.names and "SHAHIN CO." in iran.names  # from alt.csv and from remarks
    assert ("National ID", "10100722073") in iran.identifiers
    vessel = entry(project, "OFAC SDN", "47371")
    assert vessel.kind == "vessel" and ("IMO", "9339301") in vessel.identifiers and "Gabon" in vessel.countries
    assert entry(project, "OFAC SDN", "29702").countries == ("Russia",)  # from add.csv
    # sdn_comments.csv continues the remarks of entry 33151
    assert "SUCCESSFUL EXCHANGE" in entry(project, "OFAC SDN", "33151").names
    # rows of alt.csv/add.csv naming entries absent from sdn.csv are reported by line, not dropped silently
    assert [str(p) for p in summary.problems][:2] == ["alt.csv line 1: entry 10416 is not in the list's main file",
                                                       "alt.csv line 6: entry 11935 is not in the list's main file"]
    assert len(summary.problems) == 6


def test_ofac_end_of_file_mark_and_malformed_row(project, tmp_path):
    folder = tmp_path / "ofac"
    folder.mkdir()
    for path in OFAC:
        shutil.copy(path, folder / path.name)
    sdn = folder / "sdn.csv"
    data = sdn.read_bytes()
    sdn.write_bytes(data + b'99999,"BROKEN ROW",-0- \r\n' + b"\x1a")
    summary = import_list(project, sorted(folder.glob("*.csv")), "ofac")
    assert summary.entries == 17
    assert "sdn.csv line 18: expected 12 fields, found 3" in [str(p) for p in summary.problems]


def test_ofac_remarks_cut_into_sdn_comments_are_read_whole(project, tmp_path):
    # OFAC cuts long remarks anywhere: here inside a registration number, and inside an a.k.a.
    def sdn_row(key, name, remarks):
        return f'{key},"{name}",-0- ,"RUSSIA-EO14024",{"-0- ," * 7}"{remarks}"\r\n'

    (tmp_path / "sdn.csv").write_bytes((sdn_row(90001, "VOSTOK CHIP TRADING LLC", "Registration Number 10277")
                                        + sdn_row(90003, "ZAPAD LLC", "a.k.a. 'ZAPAD MICRO")).encode())
    (tmp_path / "sdn_comments.csv").write_bytes(
        b'90001,"00132195 (Russia)."\r\n90003,"ELECTRONICS\'."\r\n90002,"orphan overflow"\r\n\x1a')
    summary = import_list(project, [tmp_path / "sdn.csv", tmp_path / "sdn_comments.csv"], "ofac")
    vostok = entry(project, "OFAC SDN", "90001")
    assert vostok.remarks == "Registration Number 1027700132195 (Russia)."
    assert vostok.identifiers == (("Registration", "1027700132195"),)
    assert "ZAPAD MICROELECTRONICS" in entry(project, "OFAC SDN", "90003").names
    assert [str(p) for p in summary.problems] == ["sdn_comments.csv line 3: entry 90002 is not in the list's main file"]


def test_csl_source_column_names_the_list(project):
    summary = import_list(project, [SHARED / "csl-sample" / "consolidated.csv"], "csl")
    assert summary.entries == 13 and not summary.problems
    bank = entry(project, "Consolidated Screening List", "18283")
    assert bank.programmes[0].startswith("Sectoral Sanctions Identifications List (SSI)")
    assert "JSC SME BANK" in bank.names and bank.countries == ("RU",)
    assert ("Public Registration Number", "1027739108649") in bank.identifiers
    assert not any(scheme == "Gender" for scheme, _ in entry(project, "Consolidated Screening List", "26182").identifiers)


def test_ftm_json_lines_skip_addresses_and_report_bad_lines(project, tmp_path):
    path = tmp_path / "entities.ftm.json"
    path.write_bytes((SHARED / "ftm-sample" / "entities.ftm.json").read_bytes().rstrip(b"\n") + b"\n{not json\n")
    summary = import_list(project, [path], "ftm", name="OpenSanctions EU FSF")
    assert summary.entries == 6 and summary.skipped == {"Address (not a named party)": 1}
    assert [str(p) for p in summary.problems] == ["entities.ftm.json line 8: not valid JSON (unexpected character, "
                                                  "expected a string key)"]
    person = entry(project, "OpenSanctions EU FSF", "NK-2Ka3UvopqbpZmVDFjWd4LA")
    assert "Виталий Юрьевич КУЗЬМЕНКО" in person.names and ("Tax ID", "366510784303") in person.identifiers


@pytest.mark.parametrize("fmt, name, expected", [
    ("opensanctions-csv", "targets.simple.csv", ("OpenSanctions", 3, "targets.simple.csv line 5: expected 15 fields")),
    ("eu", "eu_fsf.csv", ("EU financial sanctions", 2, "eu_fsf.csv line 7: expected 35 fields")),
    ("uk", "uk_sanctions_list.csv", ("UK Sanctions List", 3, "uk_sanctions_list.csv line 7: expected 31 fields")),
])
def test_csv_formats_without_real_samples(project, fmt, name, expected):
    summary = import_list(project, [OWN / name], fmt)
    assert (summary.list_name, summary.entries) == expected[:2]
    assert [str(p) for p in summary.problems][0].startswith(expected[2])


def test_eu_rows_of_one_entity_merge_and_carry_the_file_date(project):
    summary = import_list(project, [OWN / "eu_fsf.csv"], "eu")
    assert summary.version_date == "2024-10-28"
    plant = entry(project, "EU financial sanctions", "9001")
    assert set(plant.names) == {"Joint Stock Company Test Microelectronics Plant", "AO TZM",
                                "АО «Тестовый завод микроэлектроники»"}
    assert ("INN", "7735000001") in plant.identifiers and plant.listed_on == "2023-06-24"


def test_uk_names_join_and_aliases(project):
    summary = import_list(project, [OWN / "uk_sanctions_list.csv"], "uk")
    assert summary.version_date == "2025-03-14"
    assert entry(project, "UK Sanctions List", "RUS9002").names == ("Sidor Sidorovich SIDOROV",)
    tcs = entry(project, "UK Sanctions List", "RUS9001")
    assert "TCS JSC" in tcs.names and "АО «Тестовые вычислительные системы»" in tcs.names
    assert entry(project, "UK Sanctions List", "RUS9003").kind == "vessel"


def test_reimport_reports_added_and_removed(project, tmp_path):
    import_list(project, [SHARED / "csl-sample" / "consolidated.csv"], "csl", version_date="2024-01-01")
    lines = (SHARED / "csl-sample" / "consolidated.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    newer = tmp_path / "consolidated.csv"
    dropped = next(line for line in lines if '"SME BANK"' in line)
    added = dropped.replace('"18283"', '"77777"').replace("SME BANK", "NEW TEST BANK")
    newer.write_text("".join(line for line in lines if line is not dropped) + added, encoding="utf-8")
    summary = import_list(project, [newer], "csl", version_date="2024-02-01")
    assert (summary.previous_version, summary.added, summary.removed) == ("2024-01-01", 1, 1)
    assert summary.added_sample == ("NEW TEST BANK",) and summary.removed_sample == ("SME BANK",)
    assert [h["entries"] for h in list_history(project, "Consolidated Screening List")] == [13, 13]


def test_failed_import_leaves_project_unchanged(project, tmp_path):
    import_list(project, [SHARED / "csl-sample" / "consolidated.csv"], "csl")
    before = project_snapshot(project.path)
    with pytest.raises(InvalidInputError, match="no column"):
        import_list(project, [OWN / "eu_fsf.csv"], "csl")
    with pytest.raises(InvalidInputError, match="not a file of the OFAC CSV set"):
        import_list(project, [SHARED / "csl-sample" / "consolidated.csv"], "ofac")
    with pytest.raises(InvalidInputError, match="list format must be one of"):
        import_list(project, [OWN / "eu_fsf.csv"], "xml")

    def cancel(fraction, message):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_list(project, [SHARED / "csl-sample" / "consolidated.csv"], "csl", progress=cancel)
    assert project_snapshot(project.path) == before


def test_progress_is_reported(project):
    seen = []
    import_list(project, [SHARED / "ftm-sample" / "entities.ftm.json"], "ftm", progress=lambda f, m: seen.append(f))
    assert seen[-1] == 1.0 and all(0 <= f <= 1 for f in seen)
