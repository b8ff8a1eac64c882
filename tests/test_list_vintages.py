"""Lists of every vintage: OFAC's SDN_ENHANCED.XML and older sdn.xml beside the legacy CSV set, the EU
file as XML and CSV, OFSI's consolidated list beside the UK Sanctions List, OpenSanctions CSV with its
columns in another order; detected by content, keyed alike across vintages, refused only for what is missing."""

import csv
from pathlib import Path

import pytest

from tests.test_lists import OFAC, OWN, SHARED, entry
from workbench.core.errors import InvalidInputError
from workbench.core.model import EntityKind
from workbench.services import screening
from workbench.services.project import create_project
from workbench.services.screening.formats.detect import detect_format
from workbench.services.screening.lists import import_list

DATA = Path(__file__).parent / "data" / "lists"


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "vintages.wbproj") as p:
        yield p


@pytest.mark.parametrize("path, fmt", [
    (DATA / "SDN_ENHANCED.XML", "ofac"), (DATA / "sdn.xml", "ofac"), (DATA / "eu_fsf_1_1.xml", "eu"),
    (DATA / "ConList.csv", "uk"), (OWN / "uk_sanctions_list.csv", "uk"), (OWN / "eu_fsf.csv", "eu"),
    (OWN / "targets.simple.csv", "opensanctions-csv"), (SHARED / "csl-sample" / "consolidated.csv", "csl"),
    (SHARED / "csl-older" / "csl.csv", "csl"), (SHARED / "ftm-sample" / "entities.ftm.json", "ftm"),
    (OFAC[0], "ofac"), (DATA / "UK_Sanctions_List.xml", "uk"), (DATA / "ConList.xml", "uk"),
])
def test_every_vintage_is_detected_by_its_content(path, fmt):
    assert detect_format([path]) == fmt


def test_ofac_enhanced_xml_reads_names_translations_documents_and_features(project):
    summary = import_list(project, [DATA / "SDN_ENHANCED.XML"], "ofac")
    assert (summary.list_name, summary.entries, summary.version_date) == ("OFAC SDN", 3, "2024-06-01")
    assert [p.message for p in summary.problems] == ["entity 90021: no id or no name"]
    person = entry(project, "OFAC SDN", "48603")
    assert person.caption == "KHOROSHEV, Dmitry Yuryevich" and person.kind == "person"
    assert {"ХОРОШЕВ, Дмитрий Юрьевич", "LOCKBITSUPP"} <= set(person.names)
    assert person.programmes == ("CYBER2", "SDN List") and person.listed_on == "2024-05-07"
    assert ("Passport", "2006801524") in person.identifiers and "Russia" in person.countries
    vessel = entry(project, "OFAC SDN", "15036")
    assert vessel.kind == "vessel" and "Tuvalu" in vessel.countries and ("IMO Number", "9185580") in vessel.identifiers


def test_ofac_vintages_share_entry_keys_so_a_reimport_changes_only_what_changed(project):
    import_list(project, [DATA / "sdn.xml"], "ofac")
    older = entry(project, "OFAC SDN", "48603")
    assert older.caption == "KHOROSHEV, Dmitry Yuryevich" and "LOCKBITSUPP" in older.names
    summary = import_list(project, [DATA / "SDN_ENHANCED.XML"], "ofac")
    assert (summary.added, summary.removed) == (1, 0) and summary.added_sample == (
        "JOINT STOCK COMPANY TEST MICROELECTRONICS PLANT",)
    import_list(project, OFAC, "ofac", name="OFAC SDN (CSV)", version_date="2024-06-01")
    project.entities.add("Дмитрий Юрьевич Хорошев", EntityKind.PERSON)
    found = {(c.list_name, c.entry_key) for c in screening.run_screening(project) if c.strong}
    assert {("OFAC SDN", "48603"), ("OFAC SDN (CSV)", "48603")} <= found


def test_eu_xml_and_csv_are_one_list_keyed_by_logical_id(project):
    import_list(project, [OWN / "eu_fsf.csv"], "eu")
    summary = import_list(project, [DATA / "eu_fsf_1_1.xml"], "eu")
    assert (summary.entries, summary.version_date, summary.removed) == (2, "2024-10-28", 0)
    assert [p.message for p in summary.problems] == ["sanctionEntity 3: no logicalId or no name"]
    plant = entry(project, "EU financial sanctions", "9001")
    assert plant.caption == "Joint Stock Company Test Microelectronics Plant" and plant.kind == "organisation"
    assert "АО «Тестовый завод микроэлектроники»" in plant.names and "TMP" in plant.names
    assert ("OGRN", "1027700000001") in plant.identifiers and plant.countries == ("RU",)
    assert plant.programmes == ("RUS", "2023/1214 (OJ L 159I)") and plant.listed_on == "2023-06-24"
    person = entry(project, "EU financial sanctions", "9002")
    assert person.kind == "person" and "Иван Петрович Тестов" in person.names


def test_ofsi_consolidated_list_groups_rows_by_group_id(project):
    summary = import_list(project, [DATA / "ConList.csv"], "uk", name="OFSI consolidated list")
    assert (summary.entries, summary.version_date) == (2, "2025-03-14")
    _check_ofsi_entries(project, "Anna Sergeyevna TESTOVA")


def _check_ofsi_entries(project, person_caption):
    """The company and the person of the OFSI samples (CSV and XML), each with its names grouped."""
    company = entry(project, "OFSI consolidated list", "16001")
    assert company.caption == "TEST COMPUTING SYSTEMS"
    assert {"ТЕСТ ВЫЧИСЛИТЕЛЬНЫЕ СИСТЕМЫ", "TECHSYSTEMS TEST"} <= set(company.names)
    person = entry(project, "OFSI consolidated list", "16002")
    assert person.kind == "person" and person.caption == person_caption
    assert ("Passport", "750000001") in person.identifiers and person.listed_on == "2022-03-15"


def test_opensanctions_csv_columns_are_found_by_name_in_any_order(project, tmp_path):
    lines = (OWN / "targets.simple.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines))
    order = [rows[0].index(c) for c in reversed(rows[0])]
    moved = tmp_path / "targets.simple.csv"
    with moved.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([rows[0][i] for i in order] + ["a_column_of_a_later_vintage"])
        writer.writerows([row[i] for i in order] + ["x"] for row in rows[1:] if len(row) == len(rows[0]))
    summary = import_list(project, [moved], "opensanctions-csv")
    full = [row for row in rows[1:] if len(row) == len(rows[0])]
    assert summary.entries == sum(row[1] != "Address" for row in full) and not summary.problems
    assert "АО «Байкал Электроникс»" in entry(project, "OpenSanctions", "NK-test-baikal").names


@pytest.mark.parametrize("fmt, header, missing", [
    ("uk", "Last Updated,Name 6,Name 1,Regime", "no column Unique ID or Group ID"),
    ("opensanctions-csv", "id,name,aliases,countries", "no column schema"),
    ("csl", "_id,source,entity_number,type,programs", "no column name"),
    ("eu", "fileGenerationDate;Entity_LogicalId;Entity_SubjectType", "no column NameAlias_WholeName"),
])
def test_a_file_without_the_columns_needed_is_refused_naming_them(project, tmp_path, fmt, header, missing):
    path = tmp_path / "list.csv"
    path.write_text(header + "\n" + ",".join("x" for _ in header.split(",")) + "\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=missing):
        import_list(project, [path], fmt, name="Refused")


def test_xml_of_another_list_is_refused_naming_its_root(project):
    with pytest.raises(InvalidInputError, match=r"not an OFAC SDN XML file \(its root element is <export>"):
        import_list(project, [DATA / "eu_fsf_1_1.xml"], "ofac")
    with pytest.raises(InvalidInputError, match=r"not an EU Financial Sanctions XML file"):
        import_list(project, [DATA / "SDN_ENHANCED.XML"], "eu")


def test_uk_sanctions_list_xml_reads_designations_with_the_csv_vintages_keys(project):
    summary = import_list(project, [DATA / "UK_Sanctions_List.xml"], "uk")
    assert (summary.list_name, summary.entries) == ("UK Sanctions List", 3)
    assert [p.message for p in summary.problems] == ["Designation RUS9004: no UniqueID or no name"]
    company = entry(project, "UK Sanctions List", "RUS9001")
    assert company.caption == "TEST COMPUTING SYSTEMS" and company.kind == "organisation"
    assert {"TCS JSC", "АО «Тестовые вычислительные системы»"} <= set(company.names)
    assert ("Registration", "1157700000002") in company.identifiers and company.listed_on == "2023-02-24"
    assert company.programmes == ("The Russia (Sanctions) (EU Exit) Regulations 2019",)
    person = entry(project, "UK Sanctions List", "RUS9002")
    assert person.kind == "person" and person.caption == "Sidor Sidorovich SIDOROV"
    assert "Sidor SIDOROFF" in person.names and ("Passport", "750000001") in person.identifiers
    assert "Russia" in person.countries
    ship = entry(project, "UK Sanctions List", "RUS9003")
    assert ship.kind == "vessel" and ("IMO", "9339301") in ship.identifiers
    # The CSV vintage of the same list keys its entries alike: re-importing it changes nothing shared.
    again = import_list(project, [OWN / "uk_sanctions_list.csv"], "uk")
    assert again.previous_version is not None and (again.added, again.removed) == (0, 0)


def test_ofsi_consolidated_list_xml_groups_names_by_group_id(project):
    assert detect_format([DATA / "ConList.xml"]) == "uk"
    summary = import_list(project, [DATA / "ConList.xml"], "uk", name="OFSI consolidated list")
    assert summary.entries == 2
    _check_ofsi_entries(project, "Sidor Sidorovich SIDOROV")
