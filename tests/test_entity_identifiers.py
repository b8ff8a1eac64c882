"""Identifiers given to entities from the command line: checked, stored, listed, and used by screening."""

import json

import pytest

from tests.conftest import project_snapshot
from tests.test_lists import OFAC
from workbench.core.errors import InvalidInputError
from workbench.core.identifiers import check_identifier, parse_identifier
from workbench.services import screening
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.screening.lists import import_list


@pytest.fixture
def sample(tmp_path):
    return build_sample(tmp_path / "sample.wbproj")


def _entities(cli, path):
    code, out, err = cli("entity", "list", path, "--json")
    assert code == 0, err
    return {e["name"]: e for e in json.loads(out)}


@pytest.mark.parametrize("text, expected", [
    ("INN=7707083893", ("INN", "7707083893")),  # Sberbank's INN, 10 digits with a valid check digit
    ("inn: 500100732259", ("INN", "500100732259")),  # 12 digits, both check digits valid
    ("OGRN=1027700132195", ("OGRN", "1027700132195")),
    ("IMO=IMO 9339301", ("IMO", "IMO 9339301")),
    ("LEI=5493001KJTIIGC8Y1R12", ("LEI", "5493001KJTIIGC8Y1R12")),  # checked by python-stdnum (ISO 17442)
    ("swift=SABRRUMM", ("SWIFT", "SABRRUMM")),  # Sberbank's BIC
    ("National ID=10100722073", ("National ID", "10100722073")),  # unchecked scheme: taken as given
])
def test_good_identifiers_are_tidied(text, expected):
    assert parse_identifier(text) == expected


@pytest.mark.parametrize("text, message", [
    ("INN7707083893", "write SCHEME=VALUE"),
    ("=7707083893", "bad identifier scheme"),
    ("1NN=7707083893", "bad identifier scheme"),
    ("INN=", "needs a value"),
    ("INN=7707083894", "check digit is wrong"),
    ("INN=77070838", "10 digits"),
    ("OGRN=1027700132196", "check digit is wrong"),
    ("IMO=9339302", "check digit is wrong"),
    ("LEI=5493001KJTIIGC8Y1R13", "check digit is wrong"),
    ("BIC=SABR", "8 or 11"),
])
def test_bad_identifiers_are_refused_in_one_line(text, message):
    with pytest.raises(InvalidInputError, match=message) as caught:
        parse_identifier(text)
    assert "\n" not in str(caught.value)


def test_check_identifier_keeps_unknown_schemes_as_written():
    assert check_identifier(" Registration Number ", " 26740 ") == ("Registration Number", "26740")


def test_entity_add_and_edit_with_identifiers(cli, sample):
    code, out, err = cli("entity", "add", sample, "Sber Test Bank", "--kind", "company",
                         "--id", "INN=7707083893", "--id", "OGRN=1027700132195")
    assert code == 0, err
    listed = _entities(cli, sample)["Sber Test Bank"]
    assert listed["identifiers"] == [{"scheme": "INN", "value": "7707083893"},
                                     {"scheme": "OGRN", "value": "1027700132195"}]
    code, out, err = cli("entity", "list", sample)
    assert "[INN=7707083893, OGRN=1027700132195]" in out
    assert cli("entity", "edit", sample, "Sber Test Bank", "--id", "IMO=9339301")[0] == 0
    assert _entities(cli, sample)["Sber Test Bank"]["identifiers"] == [{"scheme": "IMO", "value": "9339301"}]
    assert cli("entity", "edit", sample, "Sber Test Bank", "--note", "kept ids")[0] == 0  # no --id: ids stay
    assert _entities(cli, sample)["Sber Test Bank"]["identifiers"] == [{"scheme": "IMO", "value": "9339301"}]
    assert cli("entity", "edit", sample, "Sber Test Bank", "--id", "")[0] == 0  # --id '' clears them
    assert _entities(cli, sample)["Sber Test Bank"]["identifiers"] == []


@pytest.mark.parametrize("args", [
    ("entity", "add", "{p}", "Bad Id Co", "--kind", "company", "--id", "INN7707083893"),
    ("entity", "add", "{p}", "Bad Id Co", "--kind", "company", "--id", "INN="),
    ("entity", "add", "{p}", "Bad Id Co", "--kind", "company", "--id", "INN=7707083893", "--id", "IMO=123"),
    ("entity", "edit", "{p}", "Huawei", "--name", "Huawei Renamed", "--id", "OGRN="),
    ("entity", "edit", "{p}", "Huawei", "--id", "=5"),
])
def test_bad_identifier_leaves_the_project_unchanged(cli, sample, args):
    before = project_snapshot(sample)
    code, out, err = cli(*[a.format(p=sample) if isinstance(a, str) else a for a in args])
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and any(word in err for word in ("identifier", "IMO", "OGRN"))
    assert project_snapshot(sample) == before


def test_an_identifier_given_on_the_command_line_decides_screening(cli, sample):
    with open_project(sample) as project:
        import_list(project, OFAC, "ofac", version_date="2024-06-01")
    assert cli("entity", "add", sample, "Unnamed tanker", "--kind", "other", "--id", "IMO=9339301")[0] == 0
    with open_project(sample) as project:
        hit = next(c for c in screening.run_screening(project) if c.entity_label == "Unnamed tanker")
    assert (hit.method, hit.entry_caption, hit.score) == ("identifier", "NS LEADER", 100.0)
