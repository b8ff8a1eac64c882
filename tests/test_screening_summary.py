"""Every screening run says what it checked (entities, names, lists and their versions) and what it
left out and why, also when it found nothing: "0 candidates" alone cannot be told from "looked at nothing"."""

import json

import pytest

from tests.test_lists import OFAC
from workbench.core.model import EntityKind, new_uuid, utc_now
from workbench.services import network, screening
from workbench.services.project import create_project, open_project
from workbench.services.screening.lists import import_list
from workbench.storage.entity_details import EntityDetailRepository
from workbench.storage.taxonomy import name_key


def add_empty_list(project, name):
    """A list with no entries (as a list whose every row was refused would be); the importer never writes one."""
    with project.db.transaction() as conn:
        conn.execute("INSERT INTO sanctions_list (uuid, name, name_key, format, version_date, imported_at) "
                     "VALUES (?, ?, ?, 'csl', '2024-05-01', ?)", (new_uuid(), name, name_key(name), utc_now()))


def fill_without_matches(project):
    """Entities that match nothing on the OFAC sample, of kinds screened and not, and one with no usable name."""
    import_list(project, OFAC, "ofac", version_date="2024-06-01")
    add_empty_list(project, "Withdrawn list")
    add = project.entities.add
    add("Quiet Meadow Bakery", EntityKind.COMPANY, aliases=("QMB Bakeries", "Quiet Meadow"))
    add("Tallinn Fjord Consultancy", EntityKind.ORGANISATION)
    add("Russia", EntityKind.COUNTRY)
    add("China", EntityKind.COUNTRY)
    add("H100", EntityKind.CHIP)
    add("«—»", EntityKind.COMPANY)  # nothing left once punctuation is folded away
    nameless_with_number = add("( )", EntityKind.OTHER)
    EntityDetailRepository(project.db).add_identifier(nameless_with_number.id, "INN", "7707083893")
    add("Pale Harbour Shipping", EntityKind.COMPANY, aliases=("...",))


@pytest.fixture
def quiet_project(tmp_path):
    path = tmp_path / "quiet.wbproj"
    with create_project(path) as project:
        fill_without_matches(project)
    return path


def test_a_run_without_candidates_says_what_it_checked_and_skipped(quiet_project):
    with open_project(quiet_project) as project:
        run = screening.screen_project(project, 60)
    summary = run.summary
    assert run.candidates == [] and summary.candidates == 0
    # the bakery (3 names), the consultancy, the shipping firm (its "..." alias folds away) and the
    # nameless entity that has an INN, which is compared by identifier
    assert (summary.entities_checked, summary.names_checked, summary.identifiers_checked) == (4, 5, 1)
    assert summary.unusable_names == 2  # "( )" and "..."
    assert summary.no_usable_name == 1  # «—» has neither a name nor an identifier
    assert summary.skipped_kinds == (("country", 2), ("chip", 1))
    assert [(item.name, item.version_date, item.entries) for item in summary.lists] == [("OFAC SDN", "2024-06-01", 17)]
    assert summary.lists[0].names > 17  # aliases of the entries are screened too
    assert summary.empty_lists == ("Withdrawn list",)
    text = screening.summary_text(summary)
    assert text.startswith("0 candidates at score 60 or more. Checked 4 entities (5 names and aliases, 1 identifier) "
                           "against 1 list: OFAC SDN (2024-06-01, 17 entries).")
    assert "3 entities of kinds not screened (2 country, 1 chip)" in text
    assert "1 entity with no usable name or identifier" in text
    assert "1 list with no entries (Withdrawn list)" in text


def test_a_project_without_lists_says_so(tmp_path):
    with create_project(tmp_path / "nolists.wbproj") as project:
        project.entities.add("Quiet Meadow Bakery", EntityKind.COMPANY)
        summary = screening.screen_project(project).summary
    assert summary.lists == () and summary.entities_checked == 1
    assert "against no list (import a sanctions list first)" in screening.checked_text(summary)
    assert screening.skipped_text(summary) == ""


def test_candidates_of_an_entity_no_longer_screened_are_dropped(tmp_path):
    with create_project(tmp_path / "renamed.wbproj") as project:
        import_list(project, OFAC, "ofac", version_date="2024-06-01")
        ship = project.entities.add("Ирис Макран", EntityKind.OTHER)
        assert screening.screen_project(project, 60).summary.candidates >= 1
        network.edit_entity(project, ship.uuid, name="—")
        run = screening.screen_project(project, 60)
    assert run.candidates == [] and run.summary.no_usable_name == 1


def test_cli_screen_says_what_it_checked_in_text_and_json(cli, quiet_project):
    code, out, err = cli("screen", quiet_project)
    assert code == 0 and err == ""
    assert ("0 candidates at score 60 or more. Checked 4 entities (5 names and aliases, 1 identifier) against 1 list: "
            "OFAC SDN (2024-06-01, 17 entries).") in out
    assert "Skipped 3 entities of kinds not screened (2 country, 1 chip); 1 entity with no usable name" in out
    code, out, _ = cli("screen", quiet_project, "--json", "--min-score", "70")
    report = json.loads(out)
    assert code == 0 and report["candidates"] == []
    checked = report["checked"]
    assert (checked["entities_checked"], checked["names_checked"], checked["min_score"]) == (4, 5, 70)
    assert checked["lists"][0]["name"] == "OFAC SDN" and checked["lists"][0]["version_date"] == "2024-06-01"
    assert checked["skipped"] == {"kinds_not_screened": {"country": 2, "chip": 1}, "no_usable_name": 1,
                                  "unusable_names": 2, "empty_lists": ["Withdrawn list"]}


def test_screening_tab_status_line_shows_the_counts_of_a_run_with_no_candidates(qtbot, quiet_project):
    from workbench.ui.screening.screening_view import ScreeningView

    project = open_project(quiet_project)
    view = ScreeningView()
    qtbot.addWidget(view)
    view.set_project(project)
    view.show()
    try:
        view.run_button.click()
        qtbot.waitUntil(lambda: view.task is None, timeout=20000)
        assert view.last_error == ""
        status = view.status.text()
        assert status.startswith("0 candidate(s), 0 strong, 0 decided · showing 0")
        assert "Checked 4 entities (5 names and aliases, 1 identifier) against 1 list: OFAC SDN (2024-06-01" in status
        assert "3 entities of kinds not screened (2 country, 1 chip)" in status
        assert "1 list with no entries (Withdrawn list)" in status
        view.min_score.setValue(80)  # changing the filter keeps the run's record on the line
        assert "Checked 4 entities" in view.status.text()
    finally:
        view.wait()
        project.close()
