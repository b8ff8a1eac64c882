"""Entities, relations and measures edited through the command line and the services."""

import json

import pytest

from tests.conftest import project_snapshot
from workbench.core.dates import check_period, in_effect, parse_as_of, period_end
from workbench.core.errors import InvalidInputError
from workbench.services import network
from workbench.services.project import open_project
from workbench.services.sample import build_sample


@pytest.fixture
def sample(tmp_path):
    return build_sample(tmp_path / "sample.wbproj")


def _json(cli, *args):
    code, out, err = cli(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def _claim_ids(cli, path, n=2):
    return [c["id"] for c in _json(cli, "claims", path)[:n]]


def test_entity_add_list_edit_delete(cli, sample):
    code, out, err = cli("entity", "add", sample, "Cerebras", "--kind", "company", "--country", "us",
                         "--alias", "Cerebras Systems")
    assert code == 0, err
    listed = {e["name"]: e for e in _json(cli, "entity", "list", sample)}
    assert listed["Cerebras"] == {"id": out.split()[0], "name": "Cerebras", "kind": "company", "country": "US",
                                  "aliases": ["Cerebras Systems"], "note": "", "identifiers": []}
    assert cli("entity", "edit", sample, "cerebras systems", "--name", "Cerebras Inc", "--alias", "CS",
               "--kind", "chip")[0] == 0
    edited = {e["name"]: e for e in _json(cli, "entity", "list", sample)}["Cerebras Inc"]
    assert edited["aliases"] == ["CS"] and edited["kind"] == "chip" and edited["country"] == "US"
    assert cli("entity", "delete", sample, edited["id"][:8])[0] == 0
    assert "Cerebras Inc" not in {e["name"] for e in _json(cli, "entity", "list", sample)}


def test_deleting_an_entity_removes_its_relations_and_target_links(cli, sample):
    before = _json(cli, "relation", "list", sample)
    assert cli("entity", "delete", sample, "TSMC")[0] == 0
    after = _json(cli, "relation", "list", sample)
    assert len(after) == len(before) - 2 and all("TSMC" not in (r["subject"], r["object"]) for r in after)


def test_relation_with_dates_and_evidence(cli, sample):
    claims = _claim_ids(cli, sample)
    code, out, err = cli("relation", "add", sample, "Huawei", "supplies", "Russia", "--from", "2023-04",
                         "--to", "2024", "--evidence", claims[0][:8], "--evidence", claims[1])
    assert code == 0, err
    rel = next(r for r in _json(cli, "relation", "list", sample) if r["id"] == out.split()[0])
    assert (rel["subject"], rel["kind"], rel["object"]) == ("Huawei", "supplies", "Russia")
    assert (rel["valid_from"], rel["valid_to"]) == ("2023-04", "2024")
    assert sorted(rel["evidence"]) == sorted(claims)
    assert cli("relation", "edit", sample, rel["id"][:6], "--to", "", "--evidence", claims[1],
               "--kind", "depends_on")[0] == 0
    rel = next(r for r in _json(cli, "relation", "list", sample) if r["id"] == rel["id"])
    assert rel["valid_to"] == "" and rel["evidence"] == [claims[1]] and rel["kind"] == "depends_on"
    assert cli("relation", "delete", sample, rel["id"])[0] == 0
    assert rel["id"] not in {r["id"] for r in _json(cli, "relation", "list", sample)}


def test_measure_with_targets_dates_and_evidence(cli, sample):
    claims = _claim_ids(cli, sample, 1)
    code, out, err = cli("measure", "add", sample, "EU 12th package", "--kind", "sectoral_sanction",
                         "--authority", "EU Council", "--citation", "Regulation (EU) 2023/2878", "--from",
                         "2023-12-18", "--target", "Russia", "--target", "Belarus", "--evidence", claims[0])
    assert code == 0, err
    measure = next(m for m in _json(cli, "measure", "list", sample) if m["name"] == "EU 12th package")
    assert measure["targets"] == ["Russia", "Belarus"] and measure["evidence"] == claims
    assert measure["effective_from"] == "2023-12-18" and measure["authority"] == "EU Council"
    assert cli("measure", "edit", sample, "eu 12th package", "--to", "2030", "--target", "Iran")[0] == 0
    measure = next(m for m in _json(cli, "measure", "list", sample) if m["name"] == "EU 12th package")
    assert measure["targets"] == ["Iran"] and measure["effective_to"] == "2030"
    assert cli("measure", "delete", sample, measure["id"][:8])[0] == 0
    assert "EU 12th package" not in {m["name"] for m in _json(cli, "measure", "list", sample)}


@pytest.mark.parametrize(("args", "message"), [
    (("entity", "add", "{p}", "X", "--kind", "planet"), "bad entity kind 'planet'"),
    (("entity", "add", "{p}", "Российская Федерация", "--kind", "country", "--country", "RUS"), "bad country"),
    (("entity", "add", "{p}", "russian federation", "--kind", "country"), "already has the name or alias"),
    (("entity", "edit", "{p}", "Atlantis", "--kind", "country"), "no entity named 'Atlantis'"),
    (("entity", "delete", "{p}", "Atlantis"), "no entity named 'Atlantis'"),
    (("relation", "add", "{p}", "Russia", "buys", "Nvidia"), "bad relation kind 'buys'"),
    (("relation", "add", "{p}", "Russia", "supplies", "Atlantis"), "no entity named 'Atlantis'"),
    (("relation", "add", "{p}", "Russia", "supplies", "Russia"), "two different entities"),
    (("relation", "add", "{p}", "Russia", "supplies", "India", "--from", "2022-02-30"), "bad date '2022-02-30'"),
    (("relation", "add", "{p}", "Russia", "supplies", "India", "--from", "March 2022"), "bad date 'March 2022'"),
    (("relation", "add", "{p}", "Russia", "supplies", "India", "--from", "2023", "--to", "2022-06"),
     "starts (2023) after it ends (2022-06)"),
    (("relation", "add", "{p}", "Russia", "supplies", "India", "--evidence", "ffffffff"), "no claim with id"),
    (("relation", "edit", "{p}", "ffffffff", "--to", "2024"), "no relation with id 'ffffffff'"),
    (("relation", "delete", "{p}", "ab"), "too short"),
    (("measure", "add", "{p}", "M", "--kind", "embargo"), "bad measure kind 'embargo'"),
    (("measure", "add", "{p}", "M", "--kind", "other", "--target", "Atlantis"), "no entity named 'Atlantis'"),
    (("measure", "add", "{p}", " ", "--kind", "other"), "a measure needs a name"),
    (("measure", "edit", "{p}", "No such measure", "--to", "2024"), "no measure with id"),
    (("measure", "edit", "{p}", "US advanced computing rule (Oct 2022)", "--to", "2021"), "after it ends"),
])
def test_bad_input_is_one_line_and_leaves_project_unchanged(cli, sample, args, message):
    before = project_snapshot(sample)
    code, out, err = cli(*[a.replace("{p}", str(sample)) for a in args])
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1 and err.startswith("workbench: ")
    assert project_snapshot(sample) == before


def test_failed_edit_midway_writes_nothing(sample):
    """Evidence is checked after the entities are resolved: still nothing is written."""
    with open_project(sample) as project:
        relation = project.relations.list()[0]
        with pytest.raises(Exception, match="no claim"):
            network.edit_relation(project, relation.uuid, subject="India", evidence=["deadbeef"])
        assert project.relations.get(relation.id) == relation


def test_partial_dates_as_periods():
    assert check_period("2022", "2022") == ("2022", "2022")
    assert period_end("2024-02").isoformat() == "2024-02-29"
    assert in_effect("", "2022", parse_as_of("2022-12-31"))
    assert not in_effect("", "2022", parse_as_of("2023-01-01"))
    assert not in_effect("2023-04", "", parse_as_of("2023-03-31"))
    assert in_effect("2023-04", "", parse_as_of("2023-04"))
    with pytest.raises(InvalidInputError):
        check_period("2022-1", "")
