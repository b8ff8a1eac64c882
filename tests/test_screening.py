"""Screening: transliteration, legal forms, identifiers first, look-alikes kept apart, decisions kept."""

import json

import pytest

from tests.test_lists import OFAC, OWN, SHARED
from workbench.core.matching import STRONG_SCORE, compare_names
from workbench.core.model import EntityKind
from workbench.core.names import identifier_key, name_tokens, prepare_name
from workbench.services import screening
from workbench.services.project import create_project
from workbench.services.screening.lists import import_list


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "screen.wbproj") as p:
        import_list(p, OFAC, "ofac", version_date="2024-06-01")
        import_list(p, [SHARED / "csl-sample" / "consolidated.csv"], "csl")
        import_list(p, [OWN / "targets.simple.csv"], "opensanctions-csv")
        import_list(p, [OWN / "eu_fsf.csv"], "eu")
        yield p


def by_entity(candidates):
    found = {}
    for c in candidates:
        found.setdefault(c.entity_label, []).append(c)
    return found


def test_names_are_transliterated_and_stripped_of_legal_forms():
    assert name_tokens("ООО «Байкал Электроникс»") == ("baykal", "elektroniks")
    assert name_tokens("Public Joint Stock Company Sberbank of Russia") == ("sberbank", "of", "russia")
    assert name_tokens("Общество с ограниченной ответственностью “Интер Тобако”") == ("inter", "tobako")
    assert name_tokens("LLC") == ("llc",)  # a name that is only a legal form keeps it
    assert identifier_key("IMO 9339301") == identifier_key("9339301") == "9339301"


@pytest.mark.parametrize("query, listed, strong", [
    ("АО «Байкал Электроникс»", "Baikal Electronics JSC", True),
    ("ООО «Байкал Электроникс»", "Baikal Electronics JSC", False),  # ООО is not АО: another legal person
    ("Путин Владимир Владимирович", "PUTIN, Vladimir Vladimirovich", True),
    ("Baikal", "Baikal Electronics JSC", False),  # one shared word is not a match
    ("Sber Logistics", "Sberbank", False),
    ("Elbrus Hotel", "Elbrus", False),
    ("Sber Bank", "Sberbank", True),
])
def test_one_shared_word_is_never_strong(query, listed, strong):
    result = compare_names(prepare_name(query), prepare_name(listed))
    assert (result.score >= STRONG_SCORE) is strong, result.explain()


def test_screening_finds_listed_names_aliases_and_transliterations(project):
    add = project.entities.add
    add("Дмитрий Юрьевич Хорошев", EntityKind.PERSON)  # OFAC lists KHOROSHEV, Dmitry Yuryevich
    add("MSP Bank", EntityKind.COMPANY)  # a CSL alias of SME BANK, with its legal form "AO" dropped
    add("АО «Байкал Электроникс»", EntityKind.COMPANY)
    add("Baikal", EntityKind.COMPANY, note="the arms brand")
    add("Elbrus Hotel", EntityKind.FACILITY)
    found = by_entity(screening.run_screening(project))
    assert found["Дмитрий Юрьевич Хорошев"][0].entry_key == "48603" and found["Дмитрий Юрьевич Хорошев"][0].strong
    assert found["MSP Bank"][0].entry_caption == "SME BANK" and found["MSP Bank"][0].strong
    baikal_electronics = found["АО «Байкал Электроникс»"][0]
    assert baikal_electronics.entry_key == "NK-test-baikal" and baikal_electronics.strong
    assert "baykal" in baikal_electronics.reason
    assert not any(c.strong for c in found.get("Baikal", []))
    assert not any(c.strong for c in found.get("Elbrus Hotel", []))


def test_identifier_decides_before_names(project):
    tanker = project.entities.add("Unnamed tanker", EntityKind.OTHER)
    screening.add_entity_identifier(project, tanker.id, "IMO", "IMO 9339301")
    # same name as a listed entry, but a different registration number: ruled down
    other = project.entities.add("Test Microelectronics Plant", EntityKind.COMPANY)
    screening.add_entity_identifier(project, other.id, "INN", "7700000000")
    found = by_entity(screening.run_screening(project, min_score=0))
    hit = found["Unnamed tanker"][0]
    assert (hit.method, hit.entry_caption, hit.score, hit.strong) == ("identifier", "NS LEADER", 100.0, True)
    ruled_down = found["Test Microelectronics Plant"][0]
    assert ruled_down.score <= 50 and "different INN" in ruled_down.reason and not ruled_down.strong


def test_decisions_survive_reimport_and_feed_confirmed_matches(project):
    person = project.entities.add("Khoroshev Dmitrii", EntityKind.PERSON)
    candidate = next(c for c in screening.run_screening(project) if c.entity_id == person.id)
    screening.decide(project, candidate.code[:6], "confirmed", "same DOB in source")
    import_list(project, OFAC, "ofac", version_date="2024-07-01")  # a newer version replaces the entries
    again = next(c for c in screening.run_screening(project) if c.entity_id == person.id)
    assert (again.code, again.decision, again.decision_note) == (candidate.code, "confirmed", "same DOB in source")
    matches = screening.confirmed_matches(project)
    assert [(m.list_name, m.entry_key, m.still_listed, m.programmes) for m in matches[person.id]] == [
        ("OFAC SDN", "48603", True, ("CYBER2",))]


def test_decide_rejects_bad_input_and_changes_nothing(project):
    from tests.conftest import project_snapshot
    from workbench.core.errors import InvalidInputError, NotFoundError

    project.entities.add("MSP Bank", EntityKind.COMPANY)
    screening.run_screening(project)
    before = project_snapshot(project.path)
    with pytest.raises(NotFoundError):
        screening.decide(project, "ffffffff", "confirmed")
    with pytest.raises(InvalidInputError):
        screening.decide(project, "ab", "confirmed")
    assert project_snapshot(project.path) == before


def test_cli_import_screen_decide(cli, tmp_path):
    path = tmp_path / "cli.wbproj"
    assert cli("new", path)[0] == 0
    code, out, err = cli("lists", "import", path, *OFAC, "--format", "ofac", "--date", "2024-06-01")
    assert code == 0 and "OFAC SDN (2024-06-01): 17 entries" in out and "alt.csv line 1:" in err
    code, out, _ = cli("lists", path, "--json")
    assert json.loads(out)[0]["entries"] == 17
    from workbench.services.project import open_project
    with open_project(path) as project:
        project.entities.add("Ирис Макран", EntityKind.OTHER)
    code, out, _ = cli("screen", path, "--json")
    found = json.loads(out)["candidates"]
    assert found[0]["entry"] == "IRIS MAKRAN" and found[0]["strong"]
    code, out, _ = cli("screen", "decide", path, found[0]["code"], "--reject", "--note", "a ship's name in a novel")
    assert code == 0 and out.startswith("rejected")
    assert json.loads(cli("screen", path, "--json")[1])["candidates"][0]["decision"] == "rejected"
    code, _, err = cli("lists", "import", path, OWN / "eu_fsf.csv", "--format", "bogus")
    assert code == 1 and "list format must be one of" in err


def test_csl_legal_formulas_are_not_part_of_listed_names(project):
    project.entities.add("Sinobright Import and Export Company", EntityKind.COMPANY)
    project.entities.add("CETC Research Institute 13", EntityKind.ORGANISATION)
    found = by_entity(screening.run_screening(project))
    sinobright = found["Sinobright Import and Export Company"][0]
    assert sinobright.strong and sinobright.entry_caption.endswith("or subsidiary thereof")  # shown as listed
    assert found["CETC Research Institute 13"][0].strong
