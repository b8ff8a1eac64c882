"""One test for each loss issue 15 lists against nomenklatura's logic-v2, through the program's own blocking
index and matcher (a listed party that blocking never offers is a miss, as it is for an analyst)."""

import json

import pytest

from workbench.core.matching import STRONG_SCORE, compare_names
from workbench.core.model import EntityKind
from workbench.core.names import NAME_KEY_VERSION, name_key, prepare_name
from workbench.services.project import create_project, open_project
from workbench.services.screening.lists import import_list
from workbench.services.screening.names_file import NameQuery, screen_names
from workbench.services.screening.run import build_index

POSSIBLE = 60.0
_FILLER_SURNAMES = ["IVANOV", "PETROV", "SIDOROV", "SMIRNOV", "KUZNETSOV", "POPOV", "VASILEV", "SOKOLOV",
                    "MIKHAILOV", "NOVIKOV", "FEDOROV", "MOROZOV", "VOLKOV", "ALEKSEEV", "LEBEDEV", "SEMENOV",
                    "EGOROV", "PAVLOV", "KOZLOV", "STEPANOV", "NIKOLAEV", "OREKHOV", "ANDREEV", "MAKAROV",
                    "NIKITIN", "ZAKHAROV", "ZAITSEV", "SOLOVEV", "BORISOV", "YAKOVLEV"]
_PATRONYMICS = ["Ivanovich", "Petrovich", "Sergeyevich", "Nikolayevich", "Aleksandrovich"]


def _write_list(path, entries):
    with path.open("w", encoding="utf-8") as fh:
        for number, (entry_id, schema, names) in enumerate(entries):
            fh.write(json.dumps({"id": entry_id or f"e{number}", "schema": schema, "caption": names[0],
                                 "properties": {"name": names[:1], "alias": names[1:]}}, ensure_ascii=False) + "\n")


@pytest.fixture
def screen(tmp_path):
    """screen(entries, queries) -> {(query, entry id): best score}; entries are (id, schema, [names])."""
    def run(entries, queries, kind=EntityKind.OTHER):
        listed = tmp_path / f"list{len(list(tmp_path.iterdir()))}.ftm.json"
        _write_list(listed, entries)
        with create_project(tmp_path / f"{listed.stem}.wbproj") as project:
            import_list(project, [listed], "ftm", name="Losses")
            hits = screen_names(project, [NameQuery(q, kind) for q in queries], min_score=0.0)
        best: dict = {}
        for hit in hits:
            best[(hit.query, hit.entry)] = max(best.get((hit.query, hit.entry), 0.0), hit.score)
        return best
    return run


def _score(query, listed):
    result = compare_names(prepare_name(query), prepare_name(listed))
    return result.score, result.explain()


def _namesakes(given):
    return [(None, "Person", [f"{surname}, {given} {_PATRONYMICS[n % 5]}"])
            for n, surname in enumerate(_FILLER_SURNAMES)]


def test_surnames_ending_like_patronymics_are_offered_and_weigh_as_surnames(screen):
    entries = [("yanukovych", "Person", ["YANUKOVYCH, Viktor Fedorovych", "Viktor YANUKOVICH"]),
               ("kovacevic", "Person", ["KOVACEVIC, Vladimir"]), *_namesakes("Viktor"), *_namesakes("Vladimir")]
    found = screen(entries, ["Viktor Yanukovych", "Vladimir Kovachevich", "Владимир Ковачевич",
                             "Vladimir Petrovic", "Vladimir Sokolovich"], EntityKind.PERSON)
    assert found.get(("Viktor Yanukovych", "yanukovych"), 0) >= STRONG_SCORE  # among 30 other Viktors
    assert found.get(("Vladimir Kovachevich", "kovacevic"), 0) >= STRONG_SCORE  # č written ch
    assert found.get(("Владимир Ковачевич", "kovacevic"), 0) >= STRONG_SCORE
    # Another Vladimir with an -ic surname shares only the given name: not even possible.
    assert found.get(("Vladimir Petrovic", "kovacevic"), 0) < POSSIBLE
    assert found.get(("Vladimir Sokolovich", "kovacevic"), 0) < POSSIBLE


def test_transliterated_legal_forms_compare_as_classes():
    ooo = "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU TYUMENTRANSGAZ"
    assert _score("Tyumentransgaz", ooo)[0] >= STRONG_SCORE
    assert _score("ООО «Тюментрансгаз»", ooo)[0] >= STRONG_SCORE  # ООО is that phrase
    assert _score("OAO Tyumentransgaz", ooo)[0] < STRONG_SCORE  # an open joint-stock company is not an LLC
    # A state corporation, in Russian, abbreviated Russian and English, is one legal form.
    assert _score("Госкорпорация Ростех", "GOSUDARSTVENNAYA KORPORATSIYA ROSTEKH")[0] >= STRONG_SCORE
    assert _score("Rostec", "STATE CORPORATION ROSTEC")[0] >= STRONG_SCORE
    # Legal forms written out in other languages, from fingerprints' table of company types.
    assert _score("Siemens Aktiengesellschaft", "SIEMENS AG")[0] >= STRONG_SCORE
    assert _score("Товариство з обмеженою відповідальністю «Ромашка»", "ROMASHKA LLC")[0] >= STRONG_SCORE
    score, why = _score("Товариство з обмеженою відповідальністю «Ромашка»", "OAO ROMASHKA")
    assert score < STRONG_SCORE and "legal forms differ" in why


def test_words_only_the_list_has_cost_less_than_words_only_the_query_has():
    assert _score("Rusal", "UNITED COMPANY RUSAL PLC")[0] >= STRONG_SCORE
    assert _score("Sinobright", "Sinobright Import and Export Company")[0] >= STRONG_SCORE
    assert _score("Makran", "IRIS MAKRAN")[0] >= STRONG_SCORE  # a ship's prefix
    assert _score("Uralvagonzavod Corporation",
                  "JOINT STOCK COMPANY RESEARCH AND PRODUCTION CORPORATION URALVAGONZAVOD")[0] >= STRONG_SCORE
    # The query's own distinctive word still keeps a match below strong.
    assert _score("Baikal Electronics", "BAIKAL")[0] < STRONG_SCORE
    assert _score("Rusal Trading", "UNITED COMPANY RUSAL PLC")[0] < STRONG_SCORE
    assert _score("Baikal", "AO Baikal Electronics")[0] < STRONG_SCORE  # the list's distinctive word too


def test_siblings_of_one_group_with_different_legal_forms_stay_apart():
    for query, listed in [("OAO Stroytransgaz", "STROYTRANSGAZ LLC"), ("ОАО Стройтрансгаз", "ООО Стройтрансгаз"),
                          ("Stroytransgaz LLC", "OTKRYTOE AKTSIONERNOE OBSHCHESTVO STROYTRANSGAZ")]:
        score, why = _score(query, listed)
        assert score < STRONG_SCORE and "legal forms differ" in why
    assert _score("ООО Стройтрансгаз", "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU STROITRANSGAZ")[0] \
        >= STRONG_SCORE


def test_an_entrys_short_name_does_not_match_a_fuller_name_of_another_person(screen):
    entries = [("zakharova", "Person", ["ZAKHAROVA, Mariya Aleksandrovna", "Mariya ZAKHAROVA"])]
    queries = ["Мария Владимировна Захарова", "Maria Vladimirovna Zakharova", "Zakharova Mariya Vladimirovna",
               "Mariya Zakharova", "Мария Александровна Захарова"]
    found = screen(entries, queries, EntityKind.PERSON)
    for different in queries[:3]:  # another father's name: not even a possible match
        assert found.get((different, "zakharova"), 0) < POSSIBLE, different
    for same in queries[3:]:
        assert found.get((same, "zakharova"), 0) >= STRONG_SCORE, same


def test_the_central_bank_is_not_bank_rossiya_but_of_russia_is_one_word_class():
    for central_bank in ("Банк России", "Bank of Russia", "Bank Rossii"):
        assert _score(central_bank, "BANK ROSSIYA")[0] < POSSIBLE, central_bank
    assert _score("АО «АБ «РОССИЯ»", "BANK ROSSIYA")[0] >= STRONG_SCORE
    assert _score("Сбербанк России", "Public Joint Stock Company Sberbank of Russia")[0] >= STRONG_SCORE


def test_blocking_survives_transliteration_variants(screen):
    entries = [("eurosibenergo", "Company", ["JOINT STOCK COMPANY EUROSIBENERGO"]),
               ("zhuravleva", "Person", ["Tatyana Vladimirovna ZHURAVLEVA"]),
               ("mcst", "Company", ["JSC MCST"]), ("tsniitochmash", "Company", ["TSNIITOCHMASH"]),
               *[(None, "Company", [f"EURO{word} LLC"]) for word in ("TRANS", "CHEM", "PLAST", "STEEL", "GAS")],
               *_namesakes("Tatyana")]
    queries = {"Евросибэнерго": "eurosibenergo", "Tatjana Schurawljowa": "zhuravleva", "АО МЦСТ": "mcst",
               "ЦНИИТОЧМАШ": "tsniitochmash", "Tatyana Zhuravlyova": "zhuravleva"}
    found = screen(entries, list(queries))
    for query, entry in queries.items():
        assert found.get((query, entry), 0) >= STRONG_SCORE, query


@pytest.mark.parametrize("spelling", [
    "فلاديمير بوتين", "ولادیمیر پوتین", "ולדימיר פוטין", "Βλαντιμίρ Πούτιν", "Վլադիմիր Պուտին", "블라디미르 푸틴",
    "Уладзімір Пуцін", "Vladimiras Putinas", "Президент Путин", "Putyin elnök"])
def test_other_scripts_and_languages_spell_one_person(spelling):
    score, why = _score(spelling, "Vladimir PUTIN")
    assert score >= STRONG_SCORE, why


def test_katakana_spelling_is_at_least_possible(screen):
    found = screen([("putin", "Person", ["PUTIN, Vladimir Vladimirovich", "Vladimir PUTIN"])],
                   ["ウラジーミル・プーチン"], EntityKind.PERSON)
    assert found.get(("ウラジーミル・プーチン", "putin"), 0) >= POSSIBLE


def test_a_title_and_a_family_name_that_several_listed_persons_share_is_not_strong(screen):
    entries = [("ivanov-v", "Person", ["IVANOV, Viktor Ivanovich"]), ("ivanov-s", "Person", ["IVANOV, Sergei Borisovich"]),
               ("putin", "Person", ["Vladimir PUTIN"])]
    found = screen(entries, ["General Ivanov", "President Putin", "Mr Putin"], EntityKind.PERSON)
    assert found.get(("President Putin", "putin"), 0) >= STRONG_SCORE
    assert POSSIBLE <= found.get(("General Ivanov", "ivanov-v"), 0) < STRONG_SCORE
    assert found.get(("Mr Putin", "putin"), 0) < STRONG_SCORE  # a title of address says nothing of office


def test_generic_words_compare_as_symbols():
    assert _score("Kalashnikov Group", "AO KONTSERN KALASHNIKOV")[0] >= STRONG_SCORE
    assert _score("Концерн Калашников", "KALASHNIKOV CONCERN")[0] >= STRONG_SCORE
    assert _score("Sber Bank", "Public Joint Stock Company Sberbank of Russia")[0] >= STRONG_SCORE
    assert _score("Mikhail Kalashnikov Museum", "AO KONTSERN KALASHNIKOV")[0] < POSSIBLE


def _stored_keys(project, name):
    return [k for k, in project.db.conn.execute("SELECT name_key FROM list_entry_name WHERE name = ?", (name,))]


def test_name_keys_stored_by_an_older_matcher_are_worked_out_again(tmp_path):
    listed = tmp_path / "list.ftm.json"
    _write_list(listed, [("rostec", "Company", ["GOSUDARSTVENNAYA KORPORATSIYA ROSTEKH"]),
                         ("mcst", "Company", ["АО МЦСТ"])])
    path = tmp_path / "old.wbproj"
    with create_project(path) as project:
        import_list(project, [listed], "ftm", name="Old")
        assert project.db.info("list_name_key_version") == NAME_KEY_VERSION
        with project.db.transaction() as conn:  # as a project from before keys version 2 has them
            conn.execute("UPDATE list_entry_name SET name_key = 'mtsst' WHERE name = 'АО МЦСТ'")
            conn.execute("DELETE FROM project_info WHERE key = 'list_name_key_version'")
    with open_project(path, writable=False) as project:  # read-only: worked out as the index is built
        index = build_index(project)
        assert "mcst" in {index.name_and_key(p)[1] for p in range(len(index))}
        assert _stored_keys(project, "АО МЦСТ") == ["mtsst"]
    with open_project(path) as project:
        build_index(project)
        assert _stored_keys(project, "АО МЦСТ") == [name_key("АО МЦСТ")]
        assert project.db.info("list_name_key_version") == NAME_KEY_VERSION
