"""Corroboration, contradictions and confidence over a project with planted agreements and disagreements."""

import json

import pytest

from workbench.core.model import ClaimDraft, SourceMeta
from workbench.services.annotate import add_claim_by_quote
from workbench.services.commands import DeleteClaim, perform
from workbench.services.intelligence.analysis import BOTH_RIGHT, CONTESTED, CORROBORATED, SINGLE_SOURCE, analyse
from workbench.services.intelligence.confidence import Level, confidence_of
from workbench.services.intelligence.figures import SpokenDate, dates_in, figure_of, normalise_unit
from workbench.services.intelligence.judging import BreakGroup, ConfirmGroup, JudgeConflict
from workbench.services.intelligence.membership import Gazetteer, statements_of
from workbench.services.intelligence.origins import containment, sketch_of
from workbench.storage.judgements import JudgementRepository, read_claim_facts

from .intel_project import INTERFAX, REPRINT, build_intel_project


@pytest.fixture
def planted(tmp_path):
    project, claims, sources = build_intel_project(tmp_path / "planted.wbproj")
    yield project, claims, sources
    project.close()


def _labelled(claims, ids):
    label = {v: k for k, v in claims.items()}
    return {label[i] for i in ids}


def _conflicts(analysis, claims):
    label = {v: k for k, v in claims.items()}
    return {(c.conflict.kind, frozenset((label[c.conflict.claim_a], label[c.conflict.claim_b]))): c
            for c in analysis.conflicts}


def test_groups_join_agreements_across_languages_and_keep_decoys_apart(planted):
    project, claims, _ = planted
    analysis = analyse(project)
    groups = [_labelled(claims, g) for g in analysis.groups]
    assert {"budget_en", "budget_copy", "budget_ru"} in groups
    assert {"package_en", "package_wire"} in groups
    everything_grouped = set().union(*groups)
    assert not everything_grouped & {"budget_high", "profit_sber", "profit_gazprom", "chips"}


def test_a_reprint_is_one_origin_and_does_not_count_twice(planted):
    project, claims, sources = planted
    analysis = analyse(project)
    assert analysis.origins.origin(sources["reprint"]) == analysis.origins.origin(sources["interfax"])
    assert analysis.origins.origin(sources["rbc"]) != analysis.origins.origin(sources["interfax"])
    ru = analysis.standing(claims["budget_ru"])
    assert ru.status == CORROBORATED and ru.independent_sources == 2  # three sources, two origins
    assert _labelled(claims, ru.others) == {"budget_en", "budget_copy"}
    assert analysis.standing(claims["profit_sber"]).status == SINGLE_SOURCE
    assert analysis.standing(claims["chips"]).status == SINGLE_SOURCE


def test_sketch_containment_tells_copies_from_independent_texts():
    assert containment(sketch_of(INTERFAX), sketch_of(REPRINT)) > 0.8
    excerpt = INTERFAX[:len(INTERFAX) // 2]
    assert containment(sketch_of(excerpt), sketch_of(INTERFAX)) > 0.6
    assert containment(sketch_of(INTERFAX), sketch_of("An unrelated note about chip exports to India. " * 5)) < 0.1


def test_contradictions_of_each_kind_are_found(planted):
    project, claims, _ = planted
    found = _conflicts(analyse(project), claims)
    value = found[("value", frozenset({"budget_en", "budget_high"}))].conflict
    assert "10.8 trillion RUB" in value.detail and "11.2 trillion RUB" in value.detail
    assert ("value", frozenset({"budget_ru", "budget_high"})) not in found  # worded in another language
    date = found[("date", frozenset({"joined_dec", "joined_jan"}))].conflict
    assert {date.date_a, date.date_b} == {"2024-12", "2025-01-06"}
    assert not any(kind == "value" and pair & {"profit_sber", "profit_gazprom"} for kind, pair in found)


def test_membership_is_judged_at_the_date_each_source_speaks_of(planted):
    project, claims, _ = planted
    analysis = analyse(project)
    found = _conflicts(analysis, claims)
    both = found[("membership", frozenset({"expanded", "non_member"}))].conflict
    assert both.apparent and both.assessment.startswith("each right at its date")
    assert "2025-01-06" in both.assessment
    real = found[("membership", frozenset({"expanded", "not_member_2025"}))].conflict
    assert real.backed == claims["expanded"]
    assert analysis.standing(claims["not_member_2025"]).status == CONTESTED
    assert analysis.standing(claims["expanded"]).status != CONTESTED
    assert analysis.standing(claims["non_member"]).status != CONTESTED


def test_membership_statements_in_russian_with_a_date_in_the_sentence(planted):
    project, _, _ = planted
    gazetteer = Gazetteer(read_claim_facts(project.db.conn))
    said = statements_of(1, 1, "Индонезия стала членом БРИКС в январе 2025 года", None, gazetteer)
    assert [(s.country, s.alliance, s.member, s.date, s.date_from) for s in said] == [
        ("country:ID", "alliance:brics", True, SpokenDate(2025, 1), "sentence")]
    said = statements_of(1, 1, "Малайзия и Индонезию пока не являются членами БРИКС", SpokenDate(2024, 9), gazetteer)
    assert {(s.country, s.member) for s in said} == {("country:MY", False), ("country:ID", False)}


def test_figures_and_dates_are_normalised():
    assert normalise_unit("трлн рублей") == normalise_unit("trillion RUB") == (1e12, "RUB")
    assert normalise_unit("$ bn") == (1e9, "USD")
    assert normalise_unit("per cent") == (1.0, "%")
    assert figure_of(11.2, "трлн руб.", 2024).key == figure_of(11_200_000_000_000, "RUB", None, 2024).key
    assert dates_in("on 6 January 2025, not in December 2024 (2023-10-07); в декабре 2024 года") == [
        SpokenDate(2025, 1, 6), SpokenDate(2024, 12), SpokenDate(2023, 10, 7), SpokenDate(2024, 12)]
    assert not SpokenDate(2024).differs_from(SpokenDate(2024, 5))
    assert SpokenDate(2024, 12).differs_from(SpokenDate(2025, 1, 6))


@pytest.mark.parametrize(("reliability", "credibility", "independent", "contested", "level"), [
    ("A", 1, 2, False, Level.HIGH),
    ("B", 2, 3, False, Level.HIGH),
    ("A", 1, 2, True, Level.LOW),
    ("A", 1, 1, False, Level.MODERATE),
    ("C", 3, 2, False, Level.MODERATE),
    ("D", 2, 3, False, Level.LOW),
    ("B", 5, 2, False, Level.LOW),
    (None, None, 1, False, Level.LOW),
    (None, None, 2, False, Level.MODERATE),
    ("F", 6, 1, False, Level.LOW),
])
def test_confidence_rule(reliability, credibility, independent, contested, level):
    found = confidence_of(reliability, credibility, independent, contested)
    assert found.level is level
    assert found.explain().startswith(level.value.capitalize() + " confidence: ")


def test_judging_a_conflict_is_undoable_and_settles_the_claims(planted):
    project, claims, _ = planted
    first, second = claims["budget_high"], claims["budget_en"]
    command = JudgeConflict(first, second, "second", "The draft was superseded by the law.")
    changes = perform(project, command)
    assert {first, second} <= changes.claims.changed
    analysis = analyse(project)
    judged = _conflicts(analysis, claims)[("value", frozenset({"budget_en", "budget_high"}))]
    assert judged.judgement.note == "The draft was superseded by the law."
    assert judged.contests(first) and not judged.contests(second)
    perform(project, command, undo=True)
    assert JudgementRepository(project.db).list() == []
    perform(project, command)
    assert len(JudgementRepository(project.db).list("conflict")) == 1
    perform(project, JudgeConflict(first, second, "both"))
    stored = JudgementRepository(project.db).get(first, second, "conflict")
    assert stored.verdict == BOTH_RIGHT and stored.note == ""


def test_confirming_and_breaking_groups_are_undoable(planted):
    project, claims, _ = planted
    # The analyst says the two decoys are the same statement after all: a confirmed group.
    pair = (claims["profit_sber"], claims["profit_gazprom"])
    confirm = ConfirmGroup(pair)
    changes = perform(project, confirm)
    assert set(pair) <= changes.claims.changed and changes.claim_links.added
    assert _labelled(claims, analyse(project).standing(pair[0]).others) == {"profit_gazprom"}
    perform(project, confirm, undo=True)
    assert analyse(project).standing(pair[0]).group_id is None
    group = tuple(claims[k] for k in ("budget_en", "budget_copy", "budget_ru"))
    breaking = BreakGroup(group, "different budget lines")
    perform(project, breaking)
    assert all(analyse(project).standing(c).group_id is None for c in group)
    perform(project, breaking, undo=True)
    assert analyse(project).standing(group[0]).group_id == min(group)
    assert JudgementRepository(project.db).list() == []


def test_a_deleted_claim_comes_back_with_its_judgements(planted):
    project, claims, _ = planted
    perform(project, JudgeConflict(claims["joined_dec"], claims["joined_jan"], "second", "official announcement"))
    delete = DeleteClaim(claims["joined_dec"])
    perform(project, delete)
    assert JudgementRepository(project.db).list() == []
    perform(project, delete, undo=True)
    assert JudgementRepository(project.db).get(claims["joined_dec"], claims["joined_jan"], "conflict").note == \
        "official announcement"


def test_cli_claims_json_and_conflicts(cli, planted):
    project, claims, _ = planted
    path = project.path
    uuids = {label: project.claims.get(claim_id).uuid for label, claim_id in claims.items()}
    project.close()
    code, out, err = cli("claims", path, "--json")
    assert code == 0, err
    records = {r["id"]: r for r in json.loads(out)}
    ru = records[uuids["budget_ru"]]
    assert ru["corroboration"]["status"] == "corroborated"
    assert set(ru["corroboration"]["claims"]) == {uuids["budget_en"], uuids["budget_copy"]}
    assert ru["corroboration"]["independent_sources"] == 2 and len(ru["corroboration"]["sources"]) == 2
    assert ru["confidence"]["level"] == "high"
    assert records[uuids["chips"]]["corroboration"] == {
        "status": "single source", "group": None, "independent_sources": 1, "claims": [], "sources": [],
        "conflicts_with": []}
    assert records[uuids["budget_high"]]["corroboration"]["status"] == "contested"
    code, out, err = cli("conflicts", path, "--json")
    assert code == 0, err
    found = json.loads(out)
    value = next(c for c in found if c["kind"] == "value" and {s["id"] for s in c["claims"]} == {
        uuids["budget_en"], uuids["budget_high"]})
    assert {"id", "quote", "source_id", "source_title", "published", "date"} <= set(value["claims"][0])
    assert value["judgement"] is None
    code, out, err = cli("conflicts", path, "judge", uuids["budget_high"][:8], uuids["budget_en"][:8],
                         "--verdict", "second", "--note", "law passed")
    assert code == 0, err
    code, out, _ = cli("conflicts", path, "--json", "--kind", "value")
    judged = next(c for c in json.loads(out) if {s["id"] for s in c["claims"]} == {
        uuids["budget_en"], uuids["budget_high"]})["judgement"]
    assert judged["right"] == [uuids["budget_en"]] and judged["note"] == "law passed"
    code, out, _ = cli("conflicts", path)
    assert "membership" in out and "each right at its date" in out
    code, _, err = cli("conflicts", path, "judge", uuids["budget_en"][:8], "--verdict", "first")
    assert code == 1 and "two claim ids" in err


def test_figures_written_in_quotes_match_across_languages_when_none_were_stored(planted):
    project, claims, _ = planted
    added = []
    for title, text, language, quote in (
            ("ФНБ", "Фонд национального благосостояния составил 13,1 трлн рублей в 2024 году.\n", "ru",
             "Фонд национального благосостояния составил 13,1 трлн рублей в 2024 году"),
            ("NWF", "Russia's National Wealth Fund stood at 13.1 trillion rubles in 2024, the ministry said.\n", "en",
             "Russia's National Wealth Fund stood at 13.1 trillion rubles in 2024")):
        source = project.sources.add(SourceMeta(title, language=language), text, text.encode(), "text/plain")
        added.append(add_claim_by_quote(project, source.uuid, quote, ClaimDraft()).id)
    standing = analyse(project).standing(added[0])
    assert standing.others == (added[1],) and standing.status == CORROBORATED
