"""List format detection, and screening decisions as undoable commands (no Qt)."""

import json

import pytest

from tests.test_lists import OFAC, OWN, SHARED
from workbench.core.errors import NotFoundError
from workbench.core.lists import ListFormat
from workbench.core.model import EntityKind
from workbench.services import screening
from workbench.services.project import create_project
from workbench.services.screening.decisions import DecideCandidate
from workbench.services.screening.formats.detect import detect_format, with_ofac_companions
from workbench.services.screening.lists import import_list


@pytest.mark.parametrize("path, fmt", [
    (SHARED / "ofac-sample" / "sdn.csv", ListFormat.OFAC),
    (SHARED / "ofac-sample" / "alt.csv", ListFormat.OFAC),
    (SHARED / "csl-sample" / "consolidated.csv", ListFormat.CSL),
    (SHARED / "ftm-sample" / "entities.ftm.json", ListFormat.FTM),
    (OWN / "targets.simple.csv", ListFormat.OPENSANCTIONS_CSV),
    (OWN / "eu_fsf.csv", ListFormat.EU),
    (OWN / "uk_sanctions_list.csv", ListFormat.UK),
    (OWN / "README.md", None),
])
def test_formats_are_told_from_the_first_bytes(path, fmt):
    assert detect_format([path]) == fmt


def test_ofac_companions_are_added_to_a_chosen_sdn_file():
    found = with_ofac_companions([SHARED / "ofac-sample" / "sdn.csv"])
    assert sorted(p.name for p in found) == sorted(p.name for p in OFAC)
    assert with_ofac_companions([SHARED / "csl-sample" / "consolidated.csv"]) == [
        SHARED / "csl-sample" / "consolidated.csv"]


@pytest.fixture
def screened(tmp_path):
    with create_project(tmp_path / "decide.wbproj") as project:
        import_list(project, OFAC, "ofac", version_date="2024-06-01")
        project.entities.add("Дмитрий Юрьевич Хорошев", EntityKind.PERSON)
        project.entities.add("Iran Aircraft Manufacturing Industries", EntityKind.COMPANY)
        candidates = screening.run_screening(project)
        yield project, {c.entity_label: c for c in candidates}


def test_decide_undo_redo_restores_the_exact_earlier_state(screened):
    project, found = screened
    code = found["Дмитрий Юрьевич Хорошев"].code
    first = DecideCandidate(code, "rejected", "namesake")
    first.do(project)
    stored = screening.find_candidate(project, code)
    assert (stored.decision, stored.decision_note) == ("rejected", "namesake")
    second = DecideCandidate(code, "confirmed", "same DOB")
    second.do(project)
    assert "Confirm sanctions match" in second.text and second.entity_id == found[stored.entity_label].entity_id
    assert set(screening.confirmed_matches(project)) == {stored.entity_id}
    second.undo(project)
    back = screening.find_candidate(project, code)
    assert (back.decision, back.decision_note) == ("rejected", "namesake")
    assert screening.confirmed_matches(project) == {}
    first.undo(project)
    assert screening.find_candidate(project, code).decision == ""
    first.do(project)
    second.do(project)  # redo: the same decision as before
    assert screening.find_candidate(project, code).decision == "confirmed"
    screening.run_screening(project)  # a re-screening keeps it
    assert screening.find_candidate(project, code).decision == "confirmed"


def test_deciding_an_unknown_candidate_changes_nothing(screened):
    project, _ = screened
    with pytest.raises(NotFoundError):
        DecideCandidate("ffffffffff", "confirmed").do(project)
    assert all(c.decision == "" for c in screening.list_candidates(project))


def test_the_command_line_reads_the_format_from_the_files_when_none_is_given(tmp_path, cli):
    project = tmp_path / "p.wbproj"
    assert cli("new", project)[0] == 0
    code, out, err = cli("lists", "import", project, SHARED / "ofac-sample" / "sdn.csv")  # companions come along
    assert code == 0, err
    assert "format: ofac" in err and "OFAC" in out
    code, out, err = cli("lists", "import", project, SHARED / "csl-older" / "csl.csv")
    assert code == 0 and "format: csl" in err
    code, out, _ = cli("lists", project, "--json")
    assert sorted(item["format"] for item in json.loads(out)) == ["csl", "ofac"]
    stray = tmp_path / "notes.txt"
    stray.write_text("just some text\n", encoding="utf-8")
    code, _, err = cli("lists", "import", project, stray)
    assert code != 0 and "give --format F" in err and len(err.strip().splitlines()) == 1
