"""Every occurrence in context, word forms, the query language, and claims made of hits."""

import json
import subprocess
import sys

import pytest

from workbench.core.errors import InvalidInputError, NotFoundError
from workbench.core.model import ClaimDraft, SourceMeta
from workbench.services import commands
from workbench.services.project import create_project
from workbench.services.search.hits_to_claims import CreateClaimsFromHits, HitSpan, sentence_around
from workbench.services.search.occurrences import all_occurrences
from workbench.services.search.query import parse
from workbench.services.search.wordforms import ENGLISH, RUSSIAN, stemmer_for

EN = ("Sanctions were imposed in 2022. The sanctioned firms evaded the sanctions; a sanction is a tool.\n\n"
      "Export controls on advanced chips tightened. Huawei designs chips; Nvidia sells chips to China.")
RU = ("Новые санкции вступили в силу. Против санкций выступили поставщики.\n\n"
      "Рубль упал, рублей стало меньше. Приве\u0301т санкциям и ещё объём чипов.")
ZH = "华为昇腾910B芯片被视为英伟达的替代品。美国出口管制限制了先进芯片的销售。中国数据中心使用国产芯片。"


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "occ") as project:
        ids = {}
        for title, lang, published, text in (("en", "en", "2024-05-01", EN), ("ru", "ru", "2025", RU),
                                             ("zh", "zh", "2023-11", ZH)):
            ids[title] = project.sources.add(SourceMeta(title, published=published, language=lang), text,
                                             text.encode(), "text/plain").id
        project.ids = ids
        project.texts = {"en": EN, "ru": RU, "zh": ZH}
        yield project


def found(project, query, **kw):
    occ = all_occurrences(project, query, **kw)
    for o in occ:  # every occurrence: exact code-point offsets and its context
        text = project.sources.text(o.source_id)
        assert text[o.start:o.end] == o.match
        assert text[:o.start].endswith(o.left) and text[o.end:].startswith(o.right)
    return [(o.title, o.match) for o in occ]


def test_every_occurrence_is_listed_with_offsets_context_and_paragraph(project):
    occ = all_occurrences(project, "chips", context=12)
    assert [o.match for o in occ] == ["chips", "chips", "chips"]
    assert [EN[o.start:o.end] for o in occ] == ["chips"] * 3
    assert occ[0].left == "on advanced " and len(occ[0].right) == 12
    assert {o.paragraph for o in occ} == {2} and all(o.page is None for o in occ)
    assert len(all_occurrences(project, "chips", limit=2)) == 2


def test_offsets_are_code_points_with_emoji_and_combining_marks(tmp_path):
    text = "😀 rocket 🚀 sanctions: 𝔘 sanctions, приве\u0301т привет"
    with create_project(tmp_path / "cp") as project:
        project.sources.add(SourceMeta("emoji", language="en"), text, text.encode(), "text/plain")
        occ = all_occurrences(project, "sanctions")
        assert [(o.start, o.end) for o in occ] == [(11, 20), (24, 33)]
        stressed = all_occurrences(project, "привет")
        assert [text[o.start:o.end] for o in stressed] == ["приве\u0301т", "привет"]


def test_page_of_a_paged_source(tmp_path):
    text = "page one says chips\npage two says chips too"
    with create_project(tmp_path / "paged") as project:
        project.sources.add(SourceMeta("pdf"), text, text.encode(), "application/pdf", page_starts=[0, 20])
        assert [o.page for o in all_occurrences(project, "chips")] == [1, 2]


@pytest.mark.parametrize("paged", [False, True])
def test_places_and_neighbours_of_many_occurrences(tmp_path, paged):
    """Pages, paragraphs and the neighbours emphasised in each context, followed along the
    text in one pass, are what looking each one up gives."""
    import random

    from workbench.core.text import paragraph_starts, place_of
    rng = random.Random(5)
    words = ["chips", "of", "the", "chip", "market", "\n\n", "sanctions"]
    text = " ".join(rng.choice(words) for _ in range(3000))
    page_starts = sorted({0, *(rng.randrange(1, len(text)) for _ in range(30))}) if paged else []
    with create_project(tmp_path / "many") as project:
        project.sources.add(SourceMeta("t", language="en"), text, text.encode(), "text/plain", page_starts=page_starts)
        occurrences = all_occurrences(project, "chips OR market OR sanctions", context=25)
    assert len(occurrences) > 1000
    paragraphs = paragraph_starts(text)
    spans = [(o.start, o.end) for o in occurrences]
    for i, o in enumerate(occurrences):
        assert (o.page, o.paragraph) == place_of(o.start, page_starts, paragraphs)
        first, last = o.start - len(o.left), o.end + len(o.right)
        near = spans[max(0, i - 8):i + 9]
        assert o.others == tuple((s - first, e - first) for s, e in near if s >= first and e <= last and s != o.start)


EN_PAIRS = [("sanction", "sanctions"), ("sanction", "sanctioned"), ("sanction", "sanctioning"), ("control", "controls"),
            ("control", "controlled"), ("control", "controlling"), ("chip", "chips"), ("export", "exported"),
            ("export", "exporting"), ("export", "exports"), ("restrict", "restricted"), ("restrict", "restricting"),
            ("company", "companies"), ("supply", "supplies"), ("supply", "supplied"), ("design", "designed"),
            ("design", "designs"), ("license", "licensed"), ("license", "licenses"), ("produce", "produced"),
            ("produce", "produces"), ("depend", "depends"), ("depend", "depended"), ("invest", "invested"),
            ("invest", "investing"), ("country", "countries"), ("impose", "imposed"), ("evade", "evaded"),
            ("accelerate", "accelerated"), ("compute", "computing"), ("happy", "happiness"), ("die", "dying"),
            ("semiconductor", "semiconductors"), ("manufacture", "manufactured"), ("tighten", "tightened")]
RU_PAIRS = [("санкции", "санкций"), ("санкции", "санкциям"), ("санкции", "санкциями"), ("санкция", "санкцию"),
            ("рубль", "рублей"), ("рубль", "рубля"), ("рубль", "рублём"), ("чип", "чипов"), ("чип", "чипы"),
            ("чип", "чипами"), ("поставщик", "поставщиков"), ("поставщик", "поставщики"), ("экспорт", "экспорта"),
            ("экспорт", "экспортом"), ("контроль", "контроля"), ("контроль", "контролем"), ("компания", "компании"),
            ("компания", "компаний"), ("компания", "компаниям"), ("процессор", "процессоры"),
            ("процессор", "процессоров"), ("ограничение", "ограничения"), ("ограничение", "ограничений"),
            ("технология", "технологии"), ("технология", "технологий"), ("страна", "страны"), ("страна", "странами"),
            ("завод", "заводов"), ("завод", "заводе"), ("инвестиция", "инвестиций"), ("модель", "модели"),
            ("модель", "моделей"), ("оборудование", "оборудования"), ("производство", "производства"), ("ускоритель", "ускорителей")]


@pytest.mark.parametrize("query, form", EN_PAIRS)
def test_english_word_forms(tmp_path, query, form):
    text = f"Before {form.capitalize()} after, and unrelated words."
    with create_project(tmp_path / "en") as project:
        project.sources.add(SourceMeta("en", language="en"), text, text.encode(), "text/plain")
        if len(query) < 4:  # short words are matched exactly, but their long forms find them
            assert found(project, form) == [("en", form.capitalize())]
        else:
            assert found(project, query) == [("en", form.capitalize())]
        assert found(project, f"={form}") == [("en", form.capitalize())]
        assert found(project, f'"{query}"') == ([("en", form.capitalize())] if query == form else [])


@pytest.mark.parametrize("query, form", RU_PAIRS)
def test_russian_word_forms(tmp_path, query, form):
    text = f"Сначала {form.capitalize()} потом, и другие слова."
    with create_project(tmp_path / "ru") as project:
        project.sources.add(SourceMeta("ru", language="ru"), text, text.encode(), "text/plain")
        assert found(project, query) == [("ru", form.capitalize())]
        assert found(project, f"={query}") == []
        assert found(project, f"={form}") == [("ru", form.capitalize())]


def test_counts_of_inflection_pairs():
    assert len(EN_PAIRS) >= 30 and len(RU_PAIRS) >= 30


@pytest.mark.parametrize("family", [
    ("happy", "happiness", "happier", "happily"), ("hope", "hoping", "hoped", "hopes"),
    ("relate", "relational", "related", "relating"), ("probable", "probability", "probabilities", "probably"),
    ("sky", "skies"), ("die", "dying", "dies", "died"), ("chip", "chips", "chipped", "chipping"),
    ("control", "controlling", "controlled", "controls"), ("capable", "capability", "capabilities"),
    ("argue", "arguing", "argued", "argues"), ("general", "generally", "generalize"),
    ("sanction", "sanctions", "sanctioned", "sanctioning"), ("agree", "agreed", "agreeing", "agreement"),
])
def test_every_english_word_of_a_stem_begins_with_its_beginnings(family):
    """The index is asked for words that begin so; a word of the stem beginning otherwise would be lost."""
    for word in family:
        for other in family:
            if ENGLISH.stem(other) == ENGLISH.stem(word):
                assert other.startswith(ENGLISH.beginnings(word)), (word, other, ENGLISH.beginnings(word))
    assert ENGLISH.beginnings("chips") == ("chip",)  # not chi-: china, chinese, chief


def test_stemmer_is_chosen_by_source_language_and_script():
    assert stemmer_for("sanctions", "en") is ENGLISH and stemmer_for("sanctions", "") is ENGLISH
    assert stemmer_for("sanctions", "ru") is ENGLISH  # a Latin word in a Russian source
    assert stemmer_for("санкции", "ru-RU") is RUSSIAN and stemmer_for("санкции", "en") is RUSSIAN
    assert stemmer_for("sanções", "pt") is None and stemmer_for("санкції", "uk") is None
    assert stemmer_for("war", "en") is None  # too short to stem safely


def test_portuguese_source_is_not_stemmed_as_english(tmp_path):
    text = "As sanções e sancoes; controls e control."
    with create_project(tmp_path / "pt") as project:
        project.sources.add(SourceMeta("pt", language="pt"), text, text.encode(), "text/plain")
        assert found(project, "control") == [("pt", "control")]
        assert found(project, "sancoes") == [("pt", "sanções"), ("pt", "sancoes")]


@pytest.mark.parametrize("query, expected", [
    # English
    ("sanctions", [("en", "Sanctions"), ("en", "sanctioned"), ("en", "sanctions"), ("en", "sanction")]),
    ("=sanctions", [("en", "Sanctions"), ("en", "sanctions")]),
    ("sanction*", [("en", "Sanctions"), ("en", "sanctioned"), ("en", "sanctions"), ("en", "sanction")]),
    ('"sanctioned firms"', [("en", "sanctioned firms")]),
    ("huawei AND nvidia", [("en", "Huawei"), ("en", "Nvidia")]),
    ("huawei nvidia", [("en", "Huawei"), ("en", "Nvidia")]),
    ("huawei OR рубль", [("en", "Huawei"), ("ru", "Рубль"), ("ru", "рублей")]),
    ("huawei NOT nvidia", []),
    ("huawei -nvidia", []),
    ("(huawei OR nvidia) AND tool", [("en", "tool"), ("en", "Huawei"), ("en", "Nvidia")]),
    ("huawei NEAR/1 chips", [("en", "chips"), ("en", "Huawei"), ("en", "chips")]),  # either order
    ("export NEAR/0 controls", [("en", "Export"), ("en", "controls")]),
    ("huawei NEAR/0 nvidia", []),
    ("nvidia NEAR china", [("en", "Nvidia"), ("en", "China")]),
    ("chips lang:en date:2024", [("en", "chips")] * 3),
    ("chips date:2025..", []),
    ("chips source:EN", [("en", "chips")] * 3),
    ("chips NOT source:en", []),
    # Russian
    ("санкции", [("ru", "санкции"), ("ru", "санкций"), ("ru", "санкциям")]),
    ("санкц*", [("ru", "санкции"), ("ru", "санкций"), ("ru", "санкциям")]),
    ('"против санкций"', [("ru", "Против санкций")]),
    ('"против санкции"', []),
    ("рубль AND поставщик", [("ru", "поставщики"), ("ru", "Рубль"), ("ru", "рублей")]),
    ("рубль OR привет", [("ru", "Рубль"), ("ru", "рублей"), ("ru", "Приве\u0301т")]),
    ("рубль NOT поставщик", []),
    ("(рубль OR чип) NOT huawei", [("ru", "Рубль"), ("ru", "рублей"), ("ru", "чипов")]),
    ("рубль NEAR/1 упал", [("ru", "Рубль"), ("ru", "упал"), ("ru", "рублей")]),
    ("рубль NEAR/0 меньше", []),
    ("еще объем", [("ru", "ещё"), ("ru", "объём")]),
    ("ЕЩЁ lang:ru date:2024..2025", [("ru", "ещё")]),
    # Chinese: substrings of any length, each character a word for NEAR
    ("芯片", [("zh", "芯片"), ("zh", "芯片"), ("zh", "芯片")]),
    ("芯", [("zh", "芯"), ("zh", "芯"), ("zh", "芯")]),
    ("出口管制", [("zh", "出口管制")]),
    ('"昇腾 910b"', [("zh", "昇腾910B")]),
    ("910b", [("zh", "910B")]),
    ("出口管制 AND 数据中心", [("zh", "出口管制"), ("zh", "数据中心")]),
    ("出口管制 OR 英伟达", [("zh", "英伟达"), ("zh", "出口管制")]),
    ("芯片 NOT 出口", []),
    ("数据中心 NOT 出口管制", []),
    ("华为 NEAR/4 芯片", [("zh", "华为"), ("zh", "芯片")]),
    ("国产* lang:zh", [("zh", "国产")]),
    ("芯片 source:zh date:2023", [("zh", "芯片")] * 3),
])
def test_query_forms(project, query, expected):
    assert found(project, query) == expected


def test_claim_filters_keep_occurrences_inside_claims(project):
    start = EN.index("Huawei designs chips")
    project.claims.add(project.ids["en"], _anchor(EN, start, start + len("Huawei designs chips")),
                       ClaimDraft(tags=("region/china",), entities=("Huawei",)))
    assert found(project, "chips tag:region") == [("en", "chips")]
    assert found(project, "chips entity:huawei kind:fact") == [("en", "chips")]
    assert found(project, "chips in:claims") == [("en", "chips")]
    assert found(project, "chips NOT in:claims") == [("en", "chips")] * 2
    assert found(project, "chips NOT tag:region") == [("en", "chips")] * 2
    assert found(project, "chips kind:opinion") == []
    with pytest.raises(NotFoundError):
        found(project, "chips tag:nowhere")


def _anchor(text, start, end):
    from workbench.core.anchoring import anchor_at
    return anchor_at(text, start, end)


@pytest.mark.parametrize("query, message", [
    ("", "has no words"), ("   ", "has no words"), ("!!!", "no letters or digits"),
    ("(chips", "not closed"), ("chips)", "closes nothing"), ("()", "are empty"), ('"chips', "not closed"),
    ('""', "has no words"), ("chips AND", "needs a word after"), ("OR chips", "needs a word before"),
    ("chips OR OR x", "needs a word after"), ("NOT chips", "only says what to leave out"),
    ("chips NEAR", "needs a word after"), ("chips NEAR/3 NOT x", "needs a word before"), ("tga:x chips", "unknown field"),
    ("tag: chips", "needs a value"), ("chips in:everything", "in: takes"), ("chips date:last-year", "date: takes"),
    ("(chips OR tag:x)", "narrows the whole query"), ("tag:x", "only filters"), ("ch*ps", "stands only at the end"),
    ("санкции AND", "needs a word after"), ("(芯片", "not closed"), ("芯片 OR", "needs a word after"),
])
def test_malformed_queries_get_one_line_errors(query, message):
    with pytest.raises(InvalidInputError) as error:
        parse(query)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_operators_in_lower_case_are_words(project):
    assert parse("chips and china").tree.parts[1].text == "and"


def test_sentence_around_a_hit():
    text = "First one. The second sentence has chips in it! Third.\n\nNext paragraph"
    start = text.index("chips")
    begin, end = sentence_around(text, start, start + 5)
    assert text[begin:end] == "The second sentence has chips in it!"
    start = text.index("paragraph")
    assert text[slice(*sentence_around(text, start, start + 9))] == "Next paragraph"
    zh_start = ZH.index("出口")
    assert ZH[slice(*sentence_around(ZH, zh_start, zh_start + 2))] == "美国出口管制限制了先进芯片的销售。"


def test_make_claims_of_hits_is_one_undoable_step(project):
    hits = [HitSpan(o.source_id, o.start, o.end) for o in all_occurrences(project, "chips")]
    command = CreateClaimsFromHits(hits, ClaimDraft(tags=("topic/chips",), entities=("Huawei",)), sentence=True)
    changes = commands.perform(project, command)
    claims = [project.claims.get(i) for i in command.claim_ids]
    # Two hits share the sentence "Huawei designs chips; Nvidia sells chips to China.": one claim for both.
    assert [c.anchor.quote for c in claims] == ["Export controls on advanced chips tightened.",
                                                "Huawei designs chips; Nvidia sells chips to China."]
    assert all(c.tags == ("topic/chips",) and c.entities == ("Huawei",) for c in claims)
    assert set(changes.claims.added) == set(command.claim_ids)
    commands.perform(project, command, undo=True)
    assert project.claims.list() == []
    commands.perform(project, command)
    assert [c.anchor.quote for c in project.claims.list()] == [c.anchor.quote for c in claims]
    exact = CreateClaimsFromHits(hits[:1])
    commands.perform(project, exact)
    assert project.claims.get(exact.claim_ids[0]).anchor.quote == "chips"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True, timeout=120)


def test_cli_all_occurrences_json_and_make_claims(project, tmp_path):
    path = str(project.db.path)
    project.close()
    done = run_cli("search", path, "санкции OR chips", "--all-occurrences", "--json", "--context", "10")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 6
    texts = {"en": EN, "ru": RU}
    for row in rows:
        assert set(row) >= {"source_id", "start", "end", "left", "match", "right", "page"}
        assert texts[row["title"]][row["start"]:row["end"]] == row["match"] and len(row["left"]) <= 10
    limited = run_cli("search", path, "chips", "--all-occurrences", "--limit", "1")
    assert limited.returncode == 0 and "[chips]" in limited.stdout and len(limited.stdout.splitlines()) == 1
    made = run_cli("search", path, "рубль", "--make-claims", "--tag", "money", "--tag", "region/russia", "--sentence")
    assert made.returncode == 0 and "1 claim made of 2 hits" in made.stdout, made.stderr
    claims = json.loads(run_cli("claims", path, "--tag", "money", "--json").stdout)
    assert [c["quote"] for c in claims] == ["Рубль упал, рублей стало меньше."]
    bad = run_cli("search", path, "(chips", "--all-occurrences")
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "not closed" in bad.stderr


NOT_TEXTS = {
    "a": "Huawei was sanctioned in 2019.",  # "sanction" only as a word form
    "b": "Huawei sells chips.",
    "c": "Huawei and export controls; Nvidia sells chips.",
    "d": "Nvidia faces sanctions.",
}


@pytest.mark.parametrize("query, titles", [
    ("huawei NOT sanction", ["b", "c"]),  # the index is sure only of "sanction" itself; "sanctioned" is checked
    ("huawei NOT sanction*", ["b", "c"]),
    ('huawei NOT "export controls"', ["a", "b"]),
    ("huawei NOT (chips AND nvidia)", ["a", "b"]),
    ("huawei NOT (sanctioned OR nvidia)", ["b"]),
    ("huawei NOT (huawei NEAR/1 chips)", ["a", "c"]),
    ("huawei NOT (NOT chips)", ["b", "c"]),
    ("(nvidia OR huawei) -chips -sanctions", []),
    ("sanctions NOT huawei", ["d"]),
])
def test_not_is_narrowed_by_the_index_without_losing_word_forms(tmp_path, query, titles):
    with create_project(tmp_path / "not") as project:
        for title, text in NOT_TEXTS.items():
            project.sources.add(SourceMeta(title, language="en"), text, text.encode(), "text/plain")
        assert sorted({title for title, _ in found(project, query)}) == titles


def test_near_counts_the_words_between_in_either_order(tmp_path):
    text = "alpha one two three beta. beta alpha. gamma x y z w v u t s r q delta alpha"
    with create_project(tmp_path / "near") as project:
        project.sources.add(SourceMeta("t", language="en"), text, text.encode(), "text/plain")
        assert len(found(project, "alpha NEAR/3 beta")) == 4  # "alpha ... beta" (3 between) and "beta alpha"
        assert [m for _, m in found(project, "alpha NEAR/2 beta")] == ["beta", "beta", "alpha"]  # not the first alpha
        assert found(project, "gamma NEAR/9 delta") == []
        assert [m for _, m in found(project, "delta NEAR/10 gamma")] == ["gamma", "delta"]


def test_the_fold_leaves_its_identity_ranges_alone_and_folds_the_rest():
    import re

    from workbench.core.text import _FOLD_TABLE, FOLD_IDENTITY_RANGES, _fold_code_point, fold_for_search
    identity = re.compile(f"[{FOLD_IDENTITY_RANGES}]")
    assert [cp for cp in range(0x110000) if identity.match(chr(cp)) and _fold_code_point(cp) != chr(cp)] == []
    sample = "Ёлка ПРИВЕТ Café ÉTÉ 華為 출구 İstanbul ガ ＡＢＣ 𝐀 x"
    assert fold_for_search(sample) == sample.translate(_FOLD_TABLE)
    assert fold_for_search("Ёлка Café") == "елка cafe"


MIXED = "华为Huawei发布了chips芯片。英伟达H100芯片受出口管制。приве\u0301т 华为 привет"


@pytest.mark.parametrize("query, matches", [
    ("huawei", ["Huawei"]),  # a Latin word glued to CJK characters on both sides
    ("chip", ["chips"]),  # stemmed beside CJK
    ("h100", ["H100"]),
    ("привет", ["приве\u0301т", "привет"]),  # a combining mark in a text with CJK
    ("huawei NEAR/3 chips", ["Huawei", "chips"]),  # each CJK character between is a word: 发 布 了
    ("huawei NEAR/2 chips", []),
    ("芯片 NEAR/0 chips", ["chips", "芯片"]),
])
def test_words_beside_cjk_characters(tmp_path, query, matches):
    with create_project(tmp_path / "mixed") as project:
        project.sources.add(SourceMeta("m", language="zh"), MIXED, MIXED.encode(), "text/plain")
        assert [m for _, m in found(project, query)] == matches


def test_texts_with_and_without_cjk_match_alike(tmp_path):
    """A text without CJK is matched with plain word patterns; the same words beside a CJK
    character elsewhere in the text are matched with the CJK-aware ones: same occurrences."""
    plain = "Export controls hit chips. The chip ban and chipsets; exported controls. 'Chips' again"
    with create_project(tmp_path / "alike") as project:
        for title, text in (("plain", plain), ("with cjk", plain + " 芯片")):
            project.sources.add(SourceMeta(title, language="en"), text, text.encode(), "text/plain")
        for query in ("chips", "chip*", '"export controls"', "export NEAR/1 controls", "controls NEAR/0 export"):
            by_title = {}
            for title, match in found(project, query):
                by_title.setdefault(title, []).append(match)
            assert by_title["plain"] == by_title["with cjk"], query


@pytest.mark.parametrize("query, plain", [
    ("sanctions", True), ('chips "export controls"', True), ("sanction*", True),
    ("chips OR sanctions", False), ("chips NOT huawei", False), ("=chips", False),
    ("huawei NEAR/3 chips", False), ("chips lang:en", False),
])
def test_a_plain_query_is_required_words_and_phrases_only(query, plain):
    assert parse(query).plain is plain
