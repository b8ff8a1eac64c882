import pytest

from workbench.core.anchoring import anchor_quote
from workbench.core.errors import InvalidInputError
from workbench.core.model import ClaimDraft, SourceMeta
from workbench.services.project import create_project
from workbench.services.search import search

DOCS = {
    "en": "Washington tightened export controls on advanced chips. Nvidia designed the H20 for China.",
    "ru": "Ещё в 2024 году Сбер представил новую версию GigaChat. Объём инвестиций вырос.",
    "ru_stress": "Приве\u0301т из Москвы: санкции против поставщиков.",
    "zh": "华为昇腾910B芯片被视为英伟达的替代品。美国出口管制限制了先进芯片的销售。",
    "zh2": "中国数据中心使用国产芯片。",
}


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "s") as project:
        ids = {}
        for key, text in DOCS.items():
            ids[key] = project.sources.add(SourceMeta(key), text, text.encode(), "text/plain").id
        claim_text = DOCS["en"]
        project.claims.add(ids["en"], anchor_quote(claim_text, "Nvidia designed the H20"),
                           ClaimDraft(statement="A China-only accelerator", note="see 88 FR 73458"))
        project.ids = ids
        yield project


def titles(hits, kind="source"):
    return {h.title for h in hits if h.kind == kind}


@pytest.mark.parametrize("query, expected", [
    ("export controls", {"en"}),
    ("EXPORT", {"en"}),
    ("chip*", {"en"}),
    ('"advanced chips"', {"en"}),
    ('"chips advanced"', set()),
    ("еще", {"ru"}), ("ЕЩЁ", {"ru"}), ("ещё", {"ru"}), ("объем", {"ru"}), ("ОБЪЁМ", {"ru"}),
    ("привет", {"ru_stress"}), ("ПРИВЕ\u0301Т", {"ru_stress"}), ("санкции", {"ru_stress"}),
    ("芯", {"zh", "zh2"}),  # one character: plain scan
    ("芯片", {"zh", "zh2"}),  # two characters: plain scan
    ("出口管制", {"zh"}),  # trigram index
    ("昇腾 910B", {"zh"}),
    ("910b", {"zh"}),  # Latin inside Chinese text is still a word
    ("英伟达的替代品", {"zh"}),
    ("数据中心", {"zh2"}),
    ("nothing-like-this", set()),
])
def test_search_languages(project, query, expected):
    assert titles(search(project, query)) == expected


def test_claims_are_found_by_quote_statement_and_note(project):
    for query in ("designed", "china-only accelerator", "73458"):
        hits = search(project, query)
        claim_hits = [h for h in hits if h.kind == "claim"]
        assert len(claim_hits) == 1, query
        assert claim_hits[0].start == DOCS["en"].index("Nvidia designed")


def test_snippet_marks_the_original_text(project):
    hit = next(h for h in search(project, "объем") if h.kind == "source")
    assert "**Объём**" in hit.marked_snippet() and "**" not in hit.snippet
    assert DOCS["ru"][hit.start:hit.end] == "Объём"
    zh = next(h for h in search(project, "出口管制"))
    assert DOCS["zh"][zh.start:zh.end] == "出口管制" and "**出口管制**" in zh.marked_snippet()


def test_ranking_prefers_more_matches(project):
    text = "chips chips chips everywhere"
    project.sources.add(SourceMeta("many"), text, text.encode(), "text/plain")
    hits = search(project, "chips")
    assert hits[0].title == "many"


def test_limit_and_bad_queries(project):
    assert len(search(project, "芯片", limit=1)) == 1
    for bad in ("", "   ", "!!!", '""'):
        with pytest.raises(InvalidInputError):
            search(project, bad)
    with pytest.raises(InvalidInputError):
        search(project, "chips", limit=0)


def test_search_index_follows_edits_and_deletes(project):
    claim = next(h for h in search(project, "designed") if h.kind == "claim")
    project.claims.update(claim.id, ClaimDraft(statement="renamed statement"))
    assert not [h for h in search(project, "accelerator") if h.kind == "claim"]
    assert [h for h in search(project, "renamed") if h.kind == "claim"]
    project.sources.delete(project.ids["zh"])
    assert titles(search(project, "出口管制")) == set()
    assert titles(search(project, "芯片")) == {"zh2"}


@pytest.mark.parametrize("query", ["A股", "a股"])
def test_short_cjk_query_with_latin_letters_ignores_case(project, query):
    text = "A股市场今年上涨。"
    project.sources.add(SourceMeta("shares"), text, text.encode(), "text/plain")
    assert titles(search(project, query)) == {"shares"}


@pytest.mark.parametrize("query", ["ガス", "ガ"])
def test_short_kana_query_finds_voiced_kana(project, query):
    # Folding takes the voicing mark off kana (ガ→カ) as it takes accents off Latin letters.
    text = "天然ガスの価格が上がった。"
    project.sources.add(SourceMeta("gas"), text, text.encode(), "text/plain")
    assert titles(search(project, query)) == {"gas"}


def test_short_cjk_query_finds_source_titles_and_claim_notes(project):
    text = "正文没有那个词。"
    source = project.sources.add(SourceMeta("芯片报告"), text, text.encode(), "text/plain")
    project.claims.add(source.id, anchor_quote(text, "正文"), ClaimDraft(note="关于A股"))
    assert "芯片报告" in titles(search(project, "芯片"))
    assert len([h for h in search(project, "a股") if h.kind == "claim"]) == 1


@pytest.mark.parametrize("query", ["カ\u3099ス", "天然カ\u3099ス"])
def test_decomposed_query_finds_composed_text(project, query):
    # Input methods and macOS file names may give "ガ" as カ plus a combining voicing mark.
    text = "天然ガスの価格が上がった。"
    project.sources.add(SourceMeta("gas"), text, text.encode(), "text/plain")
    assert titles(search(project, query)) == {"gas"}


def test_snippet_offsets_survive_markdown_asterisks(tmp_path):
    """A Markdown source's own ** must not be mistaken for the match marker."""
    text = "**Export** rules: the **chips** rule of 2022 restricted chips."
    with create_project(tmp_path / "md") as project:
        project.sources.add(SourceMeta("md"), text, text.encode(), "text/markdown")
        hit = search(project, "restricted")[0]
    start, end = hit.snippet_hit
    assert hit.snippet[start:end] == "restricted"
    assert hit.snippet.count("**") == text.count("**")
