"""Suggested claims: exact spans, split figures, footnote markers, actors in any case and script, accept
(undoable, entities created with their kind), dismiss (remembered per source), and the command line."""

from __future__ import annotations

import json

import pytest

from workbench.bench.suggest import DEFAULT_DATA, read_labelled
from workbench.core.model import ClaimDraft, ClaimKind, EntityKind
from workbench.services.annotate import add_claim_by_quote
from workbench.services.commands import perform
from workbench.services.ingest import import_file
from workbench.services.intelligence.actors import build_index
from workbench.services.intelligence.review import (
    AcceptSuggestions,
    DismissSuggestions,
    suggestions_for_source,
)
from workbench.services.intelligence.sentences import split_sentences
from workbench.services.intelligence.suggest import suggest_in_text
from workbench.services.project import create_project, open_project

ARTICLE = (
    "WASHINGTON — The U.S. Commerce Department added 20 Chinese companies from six nations to the Entity List "
    "in December 2024.\n\n"
    "There's a specific number you need to know: 11.2 trillion. That's how many rubles Russian exporters "
    "settled in 2024.\n\n"
    "Сбербанк направит 60 млрд рублей на ИИ к 2030 году. Доля Сбера составила 40%. Погода была хорошей.\n\n"
    "BRICS partners agreed to pool compute under the \"AI Alliance Network.\"1 The members pledged "
    "20 exaflops by 20303 and the Ministry of Digital Development said clusters were cheaper2 than before.\n\n"
    "Notes\n1. Kazan declaration, 23 October 2024.\n2. Ministry data, 2025.\n3. Strategy for AI to 2030.")


@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        import_file(project, path)
        assert project.sources.text(1) == ARTICLE
    return tmp_path / "p.wbproj"


def _suggested(project_path):
    with open_project(project_path, writable=False) as project:
        return suggestions_for_source(project, 1)


def test_each_suggestion_is_an_exact_span_with_its_figures_and_actors(project_path):
    found = _suggested(project_path)
    quotes = [s.quote for s in found]
    assert all(ARTICLE[s.start:s.end] == s.quote for s in found)
    assert quotes[0].startswith("The U.S. Commerce Department")  # the dateline is not part of the claim
    split = found[1]
    assert split.quote == ("There's a specific number you need to know: 11.2 trillion. That's how many rubles "
                           "Russian exporters settled in 2024.")
    assert [(q.value, q.unit, q.currency, q.year) for q in split.quantities] == [(11.2e12, "RUB", "RUB", 2024)]
    sber = found[2]
    assert (sber.kind, sber.entities) == (ClaimKind.FORECAST, ("Sber",))
    assert [(q.value, q.currency, q.year) for q in sber.quantities] == [(60e9, "RUB", 2030)]
    assert found[3].entities == ("Sber",)  # "Сбера"
    assert "Погода была хорошей." not in quotes
    first = found[0]
    assert [(q.value, q.unit) for q in first.quantities] == [(20.0, "companies"), (6.0, "nations")]
    assert first.entities[0] == "United States" and "Commerce Department" in first.entities
    assert any(not actor.known for actor in first.actors)


def test_footnote_markers_do_not_change_figures_or_dates_and_notes_are_not_suggested(project_path):
    found = _suggested(project_path)
    pledge = next(s for s in found if "exaflops" in s.quote)
    assert [(q.value, q.unit, q.year) for q in pledge.quantities] == [(20.0, "exaflops", 2030)]
    assert pledge.kind == ClaimKind.FORECAST
    assert not any("Kazan declaration" in s.quote for s in found)


def test_accept_makes_claims_in_one_undoable_step_and_creates_missing_entities(project_path):
    with open_project(project_path) as project:
        found = suggestions_for_source(project, 1)
        edited = ClaimDraft(statement="Sber's AI budget", kind=ClaimKind.FORECAST, entities=("Sber",))
        command = AcceptSuggestions([found[0], found[2]], [None, edited])
        perform(project, command)
        claims = project.claims.get_many(command.claim_ids)
        assert [c.anchor.quote for c in claims] == [found[0].quote, found[2].quote]
        assert claims[1].statement == "Sber's AI budget"
        assert [q.unit for q in claims[0].quantities] == ["companies", "nations"]
        assert project.entities.find("United States").kind == EntityKind.COUNTRY
        assert project.entities.find("Commerce Department").kind == EntityKind.ORGANISATION
        left = suggestions_for_source(project, 1)
        assert found[0].quote not in [s.quote for s in left]
        perform(project, command, undo=True)
        assert project.claims.count() == 0 and project.entities.find("United States") is None
        assert len(suggestions_for_source(project, 1)) == len(found)
        perform(project, command)
        assert project.claims.count() == 2 and project.entities.find("Sber") is not None


def test_dismissal_is_remembered_per_source_and_undone(project_path):
    with open_project(project_path) as project:
        found = suggestions_for_source(project, 1)
        command = DismissSuggestions([found[1]])
        perform(project, command)
    with open_project(project_path) as project:
        assert found[1].quote not in [s.quote for s in suggestions_for_source(project, 1)]
        perform(project, command, undo=True)
        assert found[1].quote in [s.quote for s in suggestions_for_source(project, 1)]


def test_a_claimed_sentence_is_not_suggested_again(project_path):
    with open_project(project_path) as project:
        add_claim_by_quote(project, project.sources.get(1).uuid, "Доля Сбера составила 40%.", ClaimDraft())
        assert "Доля Сбера составила 40%." not in [s.quote for s in suggestions_for_source(project, 1)]


def test_suggest_json_and_accept_all_by_kind(cli, project_path):
    code, out, err = cli("suggest", project_path, "--json")
    assert code == 0, err
    records = json.loads(out)
    for record in records:
        assert set(record) >= {"source", "start", "end", "quote", "kind", "quantities", "entities"}
        assert ARTICLE[record["start"]:record["end"]] == record["quote"]
        for quantity in record["quantities"]:
            assert set(quantity) >= {"value", "unit", "currency", "year"}
    assert {"value": 11200000000000.0, "unit": "RUB", "currency": "RUB", "year": 2024}.items() <= \
        records[1]["quantities"][0].items()
    code, out, err = cli("suggest", project_path, "--source", records[0]["source"], "--accept-all", "--kind",
                         "forecast", "--json")
    assert code == 0, err
    made = json.loads(out)
    assert made and {claim["kind"] for claim in made} == {"forecast"}
    code, out, err = cli("suggest", project_path, "--accept-all")
    assert code == 1 and "--source" in err


def test_sentences_keep_abbreviations_initials_and_decimals_together():
    text = ("The U.S. and the U.K. agreed. V. Putin met Mr. Modi on 5 Jan. 2024 to discuss 11.2 trillion. "
            "Т.е. речь идёт о 5 млрд руб. В 2024 г. Россия выросла.\nA heading\n“Quoted.” Next one!")
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "The U.S. and the U.K. agreed.", "V. Putin met Mr. Modi on 5 Jan. 2024 to discuss 11.2 trillion.",
        "Т.е. речь идёт о 5 млрд руб.", "В 2024 г. Россия выросла.", "A heading", "“Quoted.”", "Next one!"]


@pytest.mark.parametrize("text, name", [
    ("Сбербанк", "Sber"), ("Сбербанка", "Sber"), ("Сбером", "Sber"), ("Яндекса", "Yandex"), ("Хуавэй", "Huawei"),
    ("Китая", "China"), ("Индией", "India"), ("ЮАР", "South Africa"), ("Russia's", "Russia"), ("H20", "Nvidia H20"),
    ("Южно-Африканской Республики", "South Africa"), ("Банка России", "Central Bank of Russia"),
    ("Турции", "Turkey"), ("Hong Kong", "Hong Kong"), ("Грузии", "Georgia"),
])
def test_actors_in_any_case_and_script(text, name):
    from workbench.core.model import Entity
    index = build_index([Entity(1, "", "Central Bank of Russia", EntityKind.ORGANISATION, "RU",
                                ("Bank of Russia", "Банк России"))])
    assert [mention.actor.name for mention in index.find(text)] == [name]


@pytest.mark.parametrize("text", ["Кубок мира", "the sber of it", "Китайский"])
def test_a_shared_beginning_is_not_a_name(text):
    assert build_index([]).find(text) == []


def test_the_labelled_set_is_large_enough_and_every_mark_is_exact():
    items = [read_labelled(path) for path in sorted(DEFAULT_DATA.glob("*.txt"))]
    assert len(items) >= 20 and sum(len(item.claims) for item in items) >= 200
    assert {item.language for item in items} == {"en", "ru"}
    for item in items:
        for claim in item.claims:
            quote = item.text[claim.start:claim.end]
            assert quote == quote.strip() and "⟦" not in quote


def test_suggesting_in_text_needs_no_project():
    text = ("Exports rose 40% in 2024. In October 2024 the leaders created a partner category. "
            "The mood was calm in 2024.")
    found = suggest_in_text(text, build_index([]))
    assert [(s.quote, s.kind) for s in found] == [
        ("Exports rose 40% in 2024.", ClaimKind.STATISTIC),
        ("In October 2024 the leaders created a partner category.", ClaimKind.EVENT)]


@pytest.mark.parametrize("text, expected", [
    ("Published 2024-12-16. The strategy sets a target of 11.2 trillion rubles by 2030.",
     ["The strategy sets a target of 11.2 trillion rubles by 2030."]),
    ("Updated: 5 May 2025\n\nОбновлено 12 ноября 2025 г.", []),
    ("Sberbank opened a lab in Kazan on 5 May 2025.", ["Sberbank opened a lab in Kazan on 5 May 2025."]),
])
def test_a_dateline_is_not_a_suggested_claim(text, expected):
    assert [s.quote for s in suggest_in_text(text, build_index([]))] == expected
