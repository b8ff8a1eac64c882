"""Screening a file of names (CSV, XLSX, text) from the command line: every row against every list,
nothing added to the project, one JSON object per candidate."""

import json

import pytest
from openpyxl import Workbook

from tests.conftest import project_snapshot
from tests.test_lists import OFAC, OWN, SHARED
from workbench.services.project import create_project, open_project
from workbench.services.screening.lists import import_list
from workbench.services.screening.names_file import read_names, screen_names

FIELDS = {"query", "list", "entry", "entry_name", "score", "band", "reasons"}


@pytest.fixture
def listed(tmp_path):
    path = tmp_path / "names.wbproj"
    with create_project(path) as project:
        import_list(project, OFAC, "ofac", version_date="2024-06-01")
        import_list(project, [SHARED / "csl-sample" / "consolidated.csv"], "csl")
        import_list(project, [OWN / "targets.simple.csv"], "opensanctions-csv")
    return path


def by_query(records):
    found = {}
    for record in records:
        found.setdefault(record["query"], []).append(record)
    return found


def test_csv_rows_are_screened_with_kind_country_and_identifiers(listed, tmp_path, cli):
    names = tmp_path / "counterparties.csv"
    names.write_text("Name,Kind,Country,INN\n"
                     "Дмитрий Юрьевич Хорошев,person,ru,\n"
                     "АО «Байкал Электроникс»,company,ru,\n"
                     "Baikal,company,ru,\n"
                     "Some Unrelated Bakery,company,fr,\n"
                     "Registered Name Unknown,company,ir,10100722073\n", encoding="utf-8")
    before = project_snapshot(listed)
    code, out, err = cli("screen", listed, "--names", names, "--json")
    assert code == 0, err
    records = json.loads(out)
    assert records and all(FIELDS <= set(r) for r in records)
    assert {r["band"] for r in records} <= {"strong", "possible"}
    found = by_query(records)
    khoroshev = found["Дмитрий Юрьевич Хорошев"][0]
    assert (khoroshev["list"], khoroshev["entry"], khoroshev["band"]) == ("OFAC SDN", "48603", "strong")
    assert khoroshev["entry_name"].upper().startswith("KHOROSHEV") and 0 <= khoroshev["score"] <= 100
    assert khoroshev["reasons"]
    assert found["АО «Байкал Электроникс»"][0]["band"] == "strong"
    assert not any(r["band"] == "strong" for r in found.get("Baikal", []))
    assert "Some Unrelated Bakery" not in found
    by_number = found["Registered Name Unknown"][0]  # the INN column decides before any name
    assert (by_number["entry"], by_number["band"], by_number["method"]) == ("11195", "strong", "identifier")
    assert project_snapshot(listed) == before  # nothing was added


def test_xlsx_and_text_files_give_the_same_candidates(listed, tmp_path, cli):
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "country"])
    sheet.append(["Дмитрий Юрьевич Хорошев", "ru"])
    sheet.append([None, None])  # a blank row is skipped
    sheet.append(["MSP Bank", "ru"])
    book.save(tmp_path / "names.xlsx")
    (tmp_path / "names.txt").write_text("Дмитрий Юрьевич Хорошев\n\nMSP Bank\n", encoding="utf-8")
    results = []
    for name in ("names.xlsx", "names.txt"):
        code, out, err = cli("screen", listed, "--names", tmp_path / name, "--json")
        assert code == 0, err
        results.append(sorted((r["query"], r["list"], r["entry"], r["band"]) for r in json.loads(out)))
    assert results[0] == results[1]
    assert ("MSP Bank", "Consolidated Screening List", results[0][0][2], "strong") in results[0] or any(
        q == "MSP Bank" and band == "strong" for q, _, _, band in results[0])
    code, out, _ = cli("screen", listed, "--names", tmp_path / "names.txt")
    assert code == 0 and "2 names screened" in out and "nothing was added" in out


def test_a_file_without_a_name_column_is_refused_naming_what_it_has(listed, tmp_path, cli):
    names = tmp_path / "wrong.csv"
    names.write_text("company,country\nBaikal,ru\n", encoding="utf-8")
    code, _out, err = cli("screen", listed, "--names", names)
    assert code != 0 and "no column 'name'" in err and "company, country" in err


def test_service_reads_rows_with_their_line_numbers(listed, tmp_path):
    names = tmp_path / "lines.csv"
    names.write_text("name,kind\nMSP Bank,company\n,company\nPutin Vladimir,person\n", encoding="utf-8")
    queries = read_names(names)
    assert [(q.name, q.line) for q in queries] == [("MSP Bank", 2), ("Putin Vladimir", 4)]
    with open_project(listed, writable=False) as project:
        hits = screen_names(project, queries)
    assert all(h.line in (2, 4) for h in hits)


def test_a_text_file_heading_is_not_screened_as_a_name(tmp_path):
    from workbench.services.screening.names_file import read_names

    listed = tmp_path / "names.txt"
    listed.write_text("Name\nDmitry Khoroshev\n\nBel Kap Steel\n", encoding="utf-8")
    assert [(q.name, q.line) for q in read_names(listed)] == [("Dmitry Khoroshev", 2), ("Bel Kap Steel", 4)]


@pytest.mark.parametrize("heading", ["names", "NAME", "  Names  "])
def test_a_text_file_heading_in_any_case_is_not_screened_from_the_command_line(listed, tmp_path, cli, heading):
    names = tmp_path / "names.txt"
    names.write_text(f"{heading}\nDmitry Khoroshev\nBel Kap Steel\n", encoding="utf-8")
    code, out, err = cli("screen", listed, "--names", names)
    assert code == 0, err
    assert "2 names screened" in out  # the heading line is neither counted nor screened


def test_a_text_file_whose_first_line_is_a_name_keeps_it(tmp_path):
    listed = tmp_path / "names.txt"
    listed.write_text("Name Holdings Ltd\nBel Kap Steel\n", encoding="utf-8")
    assert [q.name for q in read_names(listed)] == ["Name Holdings Ltd", "Bel Kap Steel"]
