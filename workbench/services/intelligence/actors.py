"""Named actors in a text: the project's entities and the bundled reference data, in any case and script.

A Russian source names Sber as "Сбербанк", "Сбербанка" or "Сбером", and Huawei as
"Хуавэй"; an English one writes "Russia's". Each word of a name and of the text is
reduced to a key: Cyrillic words lose their case ending (Snowball Russian stemmer,
already used by search), every word is transliterated to Latin and folded with the
screening's phonetic rules (kh/h, w/v, y/i...), so "Яндекса" and "Yandex" share the key
"iandeks". A name matches a run of capitalised words whose keys equal its own.

Reference countries carry few Russian names, so the Russian exonyms of the bundled
countries are listed here, and gazetteer.py adds the other countries sources name. Organisations that are neither known nor in reference data
are found by their shape ("Ministry of Finance", "New Development Bank", ПАО «Газпром»,
Минпромторг) and offered as new entities.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ...core.model import Entity, EntityKind
from ...core.names import phonetic_spelling, transliterate
from ..reference import read_dataset
from ..search.wordforms import RUSSIAN
from .gazetteer import COUNTRIES, ENGLISH_FOR, REFERENCE_NAMES

_TOKEN = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MAX_NAME_WORDS = 6
BUCKET = 3  # names are looked up by the first letters of their first word


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


@lru_cache(maxsize=200_000)
def plain_key(word: str) -> str:
    """A word transliterated to Latin and folded (w/v, kh/h...); words with digits ("H20") only lowercased."""
    lower = transliterate(word.lower()).lower()
    return lower if any(ch.isdigit() for ch in lower) else phonetic_spelling(lower)


@lru_cache(maxsize=20_000)
def name_word_key(word: str) -> str:
    """A word of a name as it is matched: a Cyrillic one by its stem ("Китай" -> "kita")."""
    if _CYRILLIC.search(word) and len(word) >= 4:
        return plain_key(RUSSIAN.stem(word.lower()))
    return plain_key(word)


# Russian case endings, as they read after transliteration: what may follow a name's stem.
_ENDINGS = frozenset(plain_key(ending) for ending in (
    "а я у ю е ы и ь й о ой ей ом ем ам ям ами ями ах ях ию ия ии ью ое ого ому ым им их ую ая "
    "ой ею ов ев ие ией ий иям иями иях ского ской скую ском").split()) | {""}


def word_matches(key: str, word: str) -> bool:
    """Whether a word of the text is the name word ``key``: the same, or a Cyrillic word that is the key
    with a case ending ("Китая", "Сбером", "Яндекса" for "Китай", "Сбер", "Yandex")."""
    plain = plain_key(word)
    if plain == key:
        return True
    return (len(key) >= 3 and plain.startswith(key) and plain[len(key):] in _ENDINGS
            and bool(_CYRILLIC.search(word)))


def _name_key(name: str) -> tuple[str, ...]:
    return tuple(name_word_key(word) for word in _TOKEN.findall(name))


class ActorIndex:
    """Every name and alias of the known actors, looked up word by word in a text."""

    def __init__(self, actors: Iterable[tuple[Actor, Iterable[str]]]):
        self._by_start: dict[str, list[tuple[tuple[str, ...], Actor]]] = {}
        for actor, names in actors:
            for name in names:
                key = _name_key(name)
                if key and len(key) <= MAX_NAME_WORDS:
                    self._by_start.setdefault(key[0][:BUCKET], []).append((key, actor))
        for entries in self._by_start.values():
            # the longest name wins ("South Africa", not "Africa"), then the longest first word ("Сбербанк", not "Сбер")
            entries.sort(key=lambda entry: (-len(entry[0]), -len(entry[0][0])))

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
        for key, actor in self._by_start.get(plain_key(tokens[index][2])[:BUCKET], ()):
            if index + len(key) > len(tokens) or not _adjacent(tokens, index, len(key)):
                continue
            if all(word_matches(key[offset], tokens[index + offset][2]) for offset in range(len(key))):
                return len(key), actor
        return None


def _adjacent(tokens: list[tuple[int, int, str]], index: int, length: int) -> bool:
    """The words of a name follow each other (a space, hyphen or point between them, not a sentence)."""
    return all(tokens[i + 1][0] - tokens[i][1] <= 2 for i in range(index, index + length - 1))


@lru_cache(maxsize=1)
def reference_actors() -> list[tuple[str, Actor, tuple[str, ...]]]:
    """(reference id, actor, names) of the bundled countries, alliances, companies and chips, and of the
    other countries of the gazetteer."""
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
    known = {item["iso2"] for item in countries["countries"]}
    listed = [(ref, actor, (item["name"], *item.get("aliases", ()), *REFERENCE_NAMES.get(ref, ())))
              for ref, actor, item in found]
    for iso2, names in COUNTRIES.items():
        if iso2 not in known:
            name = ENGLISH_FOR.get(iso2, names[0])
            listed.append((f"country:{iso2}", Actor(name, EntityKind.COUNTRY.value, iso2), names))
    return listed


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
    r"(?:\s+[а-яё]+(?:ов|ев|ей|ии|ой|ых|их|ства|ости|ения|ли|ки|ры|ния)(?![\w]))?)")
_MINISTRY_SHORT = re.compile(r"Мин(?!истерств)[а-яё]{3,}")  # Минфин, Минпромторг, Минцифры
_POSSESSIVE = re.compile(r"['’]s\s+")
_GENERIC_START = re.compile(r"^(?:The|A|An|This|That|These|Its|Their|Our|In|On|At|By|For|And|But|Some|Every|Each)\s+")


def new_organisations(text: str, known: list[ActorMention]) -> list[ActorMention]:
    """Organisations named in ``text`` that no known actor covers, offered as new entities.

    A known name inside a longer one stays ("Central Bank of Russia" is new and names Russia);
    a possessive before it is not part of it ("Russia's Ministry of Finance").
    """
    found = []
    starts = [mention.start for mention in known]
    by_start = {mention.start: mention for mention in known}
    for pattern in (_ENGLISH_ORG, _RUSSIAN_ORG):
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            generic = _GENERIC_START.match(match.group())
            if generic:
                start += generic.end()
            possessive = _POSSESSIVE.match(text, by_start[start].end) if start in by_start else None
            if possessive:
                start = possessive.end()
            name = text[start:end].strip()
            if (len(name.split()) < 2 and not _MINISTRY_SHORT.fullmatch(name)) or len(name) < 4:
                continue  # a lone organisation word ("Bank") names nothing in particular
            inside = bisect_right(starts, start) - 1
            if inside >= 0 and known[inside].end >= end:
                continue  # a known name covers it
            kind = EntityKind.COMPANY if "«" in name else EntityKind.ORGANISATION
            found.append(ActorMention(start, end, Actor(name, kind.value, known=False)))
    return sorted(found, key=lambda mention: mention.start)
