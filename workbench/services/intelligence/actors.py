"""Named actors in a text: the project's entities and the bundled reference data, in any case and script.

A Russian source names Sber as "Сбербанк", "Сбербанка" or "Сбером", and Huawei as
"Хуавэй"; an English one writes "Russia's". Each word of a name and of the text is
reduced to a key: Cyrillic words lose their case ending (Snowball Russian stemmer,
already used by search), every word is transliterated to Latin and folded with the
screening's phonetic rules (kh/h, w/v, y/i...), so "Яндекса" and "Yandex" share the key
"iandeks". A name matches a run of capitalised words whose keys equal its own.

Reference countries carry few Russian names, so the Russian exonyms of the bundled
countries are listed here. Organisations that are neither known nor in reference data
are found by their shape ("Ministry of Finance", "New Development Bank", ПАО «Газпром»,
Минпромторг) and offered as new entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ...core.model import Entity, EntityKind
from ...core.names import phonetic, transliterate
from ..reference import read_dataset
from ..search.wordforms import RUSSIAN

# Russian (and common English short) names of the reference countries and alliances, by reference id.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "alliance:brics": ("БРИКС+", "BRICS+"),
    "country:BR": ("Бразилия",), "country:RU": ("Российская Федерация", "РФ"), "country:IN": ("Индия",),
    "country:CN": ("Китай", "КНР"), "country:ZA": ("ЮАР", "Южно-Африканская Республика", "Южная Африка"),
    "country:EG": ("Египет",), "country:ET": ("Эфиопия",), "country:IR": ("Иран",),
    "country:AE": ("ОАЭ", "Объединённые Арабские Эмираты", "Объединенные Арабские Эмираты", "Emirates"),
    "country:SA": ("Саудовская Аравия",), "country:ID": ("Индонезия",), "country:BY": ("Белоруссия", "Беларусь"),
    "country:BO": ("Боливия",), "country:KZ": ("Казахстан",), "country:CU": ("Куба",), "country:MY": ("Малайзия",),
    "country:TH": ("Таиланд",), "country:UG": ("Уганда",), "country:UZ": ("Узбекистан",), "country:NG": ("Нигерия",),
    "country:US": ("США", "Соединённые Штаты", "Соединенные Штаты", "U.S.", "US", "America"),
    "country:GB": ("Великобритания", "Britain", "U.K."), "country:NL": ("Нидерланды",), "country:JP": ("Япония",),
    "country:KR": ("Южная Корея", "Республика Корея"), "country:TW": ("Тайвань",),
}
_TOKEN = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MAX_NAME_WORDS = 6


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # the project's entity name, else the reference name
    kind: str  # EntityKind value
    country: str = ""
    known: bool = True  # False: an organisation found by its shape, offered as a new entity


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    actor: Actor


@lru_cache(maxsize=100_000)
def word_keys(word: str) -> tuple[str, ...]:
    """The keys a word matches by: its Latin phonetic form, and for Cyrillic also that of its stem."""
    lower = word.lower()
    plain = phonetic(transliterate(lower).lower())
    if not _CYRILLIC.search(lower) or len(lower) < 4:
        return (plain,)
    stemmed = phonetic(transliterate(RUSSIAN.stem(lower)).lower())
    return (stemmed, plain) if stemmed != plain else (plain,)


def _name_key(name: str) -> tuple[str, ...]:
    return tuple(word_keys(word)[0] for word in _TOKEN.findall(name))


class ActorIndex:
    """Every name and alias of the known actors, looked up word by word in a text."""

    def __init__(self, actors: Iterable[tuple[Actor, Iterable[str]]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], Actor]]] = {}
        for actor, names in actors:
            for name in names:
                key = _name_key(name)
                if key and len(key) <= MAX_NAME_WORDS:
                    self._by_first.setdefault(key[0], []).append((key, actor))
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))  # the longest name wins: "South Africa", not "Africa"

    def find(self, text: str) -> list[ActorMention]:
        """Mentions of known actors in text order; a capitalised (or Cyrillic/CJK) word must begin each one."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        mentions: list[ActorMention] = []
        index = 0
        while index < len(tokens):
            start, _, word = tokens[index]
            matched = self._match_at(tokens, index) if not word[0].islower() else None
            if matched is None:
                index += 1
                continue
            length, actor = matched
            mentions.append(ActorMention(start, tokens[index + length - 1][1], actor))
            index += length
        return mentions

    def _match_at(self, tokens: list[tuple[int, int, str]], index: int) -> tuple[int, Actor] | None:
        for first_key in word_keys(tokens[index][2]):
            for key, actor in self._by_first.get(first_key, ()):
                if index + len(key) > len(tokens):
                    continue
                if all(key[offset] in word_keys(tokens[index + offset][2]) for offset in range(1, len(key))) \
                        and _adjacent(tokens, index, len(key)):
                    return len(key), actor
        return None


def _adjacent(tokens: list[tuple[int, int, str]], index: int, length: int) -> bool:
    """The words of a name follow each other (a space, hyphen or point between them, not a sentence)."""
    return all(tokens[i + 1][0] - tokens[i][1] <= 2 for i in range(index, index + length - 1))


def reference_actors() -> list[tuple[str, Actor, tuple[str, ...]]]:
    """(reference id, actor, names) of the bundled countries, alliances, companies and chips."""
    found = []
    countries = read_dataset("countries")
    for item in countries["alliances"]:
        found.append((item["ref"], Actor(item["name"], EntityKind.ALLIANCE.value), item))
    for item in countries["countries"]:
        found.append((item["ref"], Actor(item["name"], EntityKind.COUNTRY.value, item["iso2"]), item))
    for item in read_dataset("companies")["companies"]:
        found.append((item["ref"], Actor(item["name"], item.get("kind", "company"), item["country"]), item))
    for item in read_dataset("chips")["chips"]:
        found.append((item["ref"], Actor(item["name"], "chip", item["design_country"]), item))
    return [(ref, actor, (item["name"], *item.get("aliases", ()), *EXTRA_NAMES.get(ref, ())))
            for ref, actor, item in found]


def build_index(entities: Iterable[Entity]) -> ActorIndex:
    """The project's entities (their names win) and the reference data they do not already cover."""
    pairs: list[tuple[Actor, Iterable[str]]] = []
    own_keys: dict[tuple[str, ...], Actor] = {}
    for entity in entities:
        actor = Actor(entity.name, EntityKind(entity.kind).value, entity.country)
        names = (entity.name, *entity.aliases)
        pairs.append((actor, names))
        for name in names:
            own_keys.setdefault(_name_key(name), actor)
    for _, actor, names in reference_actors():
        own = next((own_keys[_name_key(name)] for name in names if _name_key(name) in own_keys), None)
        pairs.append((own or actor, names))  # a project entity under a reference name takes its other names
    return ActorIndex(pairs)


# Organisations by their shape. English: capitalised words ending in an organisation word, with an optional
# "of ..." ("Central Bank of Russia", "Ministry of Finance"); Russian: a legal form or organisation word before
# a name in «», a "Мин..." ministry, or "Министерство/Банк/Федеральная служба" with the words that follow.
_ORG_WORD = (r"(?:Corporation|Corp\.|Inc\.|Ltd\.?|LLC|Group|Bank|Ministry|Agency|Institute|Fund|Council|Commission|"
             r"Association|University|Holdings?|Technologies|Electronics|Authority|Organi[sz]ation|Company|Service|"
             r"Department|Office|Bureau|Administration|Committee|Exchange|Alliance|Forum)")
_CAP = r"[A-Z][\w&'’-]*"
_ENGLISH_ORG = re.compile(
    rf"(?<![\w-])(?:{_CAP}\s+){{0,4}}{_ORG_WORD}(?:\s+(?:of|for)(?:\s+the)?(?:\s+{_CAP}){{1,3}})?"
    rf"|(?<![\w-])(?:Ministry|Department|Bank|Office|Bureau)\s+of(?:\s+the)?(?:\s+{_CAP}){{1,3}}")
_RUSSIAN_ORG = re.compile(
    r"(?:(?:ООО|АО|ПАО|ОАО|ЗАО|ФГУП|ГК|НИИ|компани[яиюей]|банк[ау]?|корпораци[яиюей]|госкорпораци[яиюей]|"
    r"концерн[ау]?|холдинг[ау]?|фонд[ау]?|групп[аыуе])\s+«[^»\n]{2,40}»"
    r"|(?<![\w-])Мин[а-яё]{3,}(?![\w-])"
    r"|(?<![\w-])(?:Министерств[оау]|Федеральн(?:ая|ой|ую) служб[аыуе]|Центральн(?:ый|ого|ому|ым) банк[ауе]?|"
    r"Банк[ауе]? России|Правительств[оау]|Государственн(?:ая|ой) дум[аыуе])"
    r"(?:\s+[а-яё]+(?:ов|ев|ей|ии|ой|ых|их|ства|ости|ения|ли|ки|ры|ния))?)")
_POSSESSIVE = re.compile(r"['’]s\s+")
_GENERIC_START = re.compile(r"^(?:The|A|An|This|That|These|Its|Their|Our|In|On|At|By|For|And|But|Some|Every|Each)\s+")


def new_organisations(text: str, known: list[ActorMention]) -> list[ActorMention]:
    """Organisations named in ``text`` that no known actor covers, offered as new entities.

    A known name inside a longer one stays ("Central Bank of Russia" is new and names Russia);
    a possessive before it is not part of it ("Russia's Ministry of Finance").
    """
    found = []
    for pattern in (_ENGLISH_ORG, _RUSSIAN_ORG):
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            generic = _GENERIC_START.match(match.group())
            if generic:
                start += generic.end()
            for mention in known:
                if mention.start == start and _POSSESSIVE.match(text, mention.end):
                    start = _POSSESSIVE.match(text, mention.end).end()  # type: ignore[union-attr]
            name = text[start:end].strip()
            if (len(name.split()) < 2 and not name.startswith("Мин")) or len(name) < 4:
                continue  # a lone organisation word ("Bank") names nothing in particular
            if any(mention.start <= start and end <= mention.end for mention in known):
                continue
            kind = EntityKind.COMPANY if "«" in name else EntityKind.ORGANISATION
            found.append(ActorMention(start, end, Actor(name, kind.value, known=False)))
    return sorted(found, key=lambda mention: mention.start)
