"""Membership statements ("has expanded to include … Indonesia", "non-members like Indonesia") and
whether each was right at the date it speaks of.

Membership is data with dates: a source of October 2024 that calls Indonesia a non-member
of BRICS and one of February 2025 that calls it a member were each right when written.
A statement is read from a claim's quote: the alliances and countries it names (the
bundled reference data's names and aliases, and the project's countries and alliances
with theirs; Russian names match in any case ending), and for each country the nearest
membership cue, negative ones ("non-member", "not a member", "partner country", "invited
to join", "не является членом") read before positive ones ("member", "joined", "expanded to
include", "вступила"). The date it speaks of is a date written in the sentence, else the
source's published date. The dated memberships are the reference data's, replaced for a
country and alliance by the project's own member-of relations when it has any (the analyst
may have corrected them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ...core.dates import period_end, period_start
from ...core.errors import InvalidInputError
from ...core.text import fold_for_search
from ...storage.judgements import ProjectFacts
from ..reference import read_dataset
from .figures import SpokenDate, dates_in
from .gazetteer import russian_names

_NEGATIVE = re.compile(
    r"non-?\s?members?|not\s+(?:yet\s+)?(?:an?\s+)?(?:full\s+)?(?:members?|part\s+of|among)|outside\s+(?:of\s+)?the\s+"
    r"(?:bloc|group)|partner\s+(?:countr\w*|nations?|states?|status)|(?:invit\w*|appl\w*|bid|seek\w*|hopes?)\s+to\s+"
    r"join|candidates?|aspirants?|не\s+(?:является|являются|входит|входят|вошл\w*|стал\w*|член\w*)|нечлен\w*|"
    r"(?:стран\w*-)?партн[её]р\w*|кандидат\w*|заявк\w*", re.IGNORECASE)
_POSITIVE = re.compile(
    r"members?(?:hip)?|joined|joins|joining|expanded\s+to\s+include|includ\w*|admitted|accession|"
    r"член\w*|вступ\w*|присоедин\w*|вош[её]л\w*|вошли|в\s+состав\w*|расшир\w*", re.IGNORECASE)
_CUE_REACH = 120  # characters between a country and its cue, beyond which the cue is another clause's
_CYRILLIC_ENDING = "аяеиоуыйьё"


@dataclass(frozen=True, slots=True)
class MembershipStatement:
    claim_id: int
    source_id: int
    country: str  # a place key: "country:ID" (reference) or "entity:12" (the project's own)
    alliance: str
    member: bool
    date: SpokenDate | None
    date_from: str  # "sentence", "published" or "" (none known)


class Gazetteer:
    """Country and alliance names (reference data and the project's), found in text."""

    def __init__(self, facts: ProjectFacts):
        data = read_dataset("countries")
        self.names: dict[str, str] = {}  # place key -> display name
        self.kinds: dict[str, str] = {}
        by_name: dict[str, str] = {}  # folded name -> place key
        written: set[str] = set()  # the names as written, capitals and all
        for kind, rows in (("alliance", data["alliances"]), ("country", data["countries"])):
            for row in rows:
                self.names[row["ref"]], self.kinds[row["ref"]] = row["name"], kind
                for name in (row["name"], *row.get("aliases", ()), *russian_names(row["ref"])):
                    by_name[fold_for_search(name)] = row["ref"]
                    written.add(name)
        self.entity_place: dict[int, str] = {}
        for entity_id, kind, name in sorted(facts.place_names):
            key = by_name.get(fold_for_search(name)) or self.entity_place.get(entity_id) or f"entity:{entity_id}"
            self.entity_place[entity_id] = key
            self.names.setdefault(key, name)
            self.kinds.setdefault(key, kind)
        for entity_id, _kind, name in facts.place_names:
            by_name.setdefault(fold_for_search(name), self.entity_place[entity_id])
            written.add(name)
        self.by_name = by_name
        alternatives = sorted(written, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(" + "|".join(_name_pattern(name) for name in alternatives) + r")(?!\w)",
                                   re.IGNORECASE) if alternatives else None
        self.periods = self._periods(data, facts)
        self._member_at: dict[tuple[str, str, SpokenDate], bool | None] = {}

    def _periods(self, data: dict, facts: ProjectFacts) -> dict[tuple[str, str], list[tuple[str, str]]]:
        periods: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for row in data["countries"]:
            brics = row.get("brics")
            if brics and brics["status"] == "member":
                periods[(row["ref"], "alliance:brics")].append((brics["from"], brics.get("to", "")))
        own: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for member, alliance, valid_from, valid_to in facts.memberships:
            if member in self.entity_place and alliance in self.entity_place:
                own[(self.entity_place[member], self.entity_place[alliance])].append((valid_from, valid_to))
        periods.update(own)
        return periods

    def places_in(self, text: str) -> list[tuple[int, int, str]]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            key = self._key_of(match.group(0))
            if key is not None:
                found.append((match.start(), match.end(), key))
        return found

    def _key_of(self, written: str) -> str | None:
        folded = fold_for_search(written)
        if folded in self.by_name:
            return self.by_name[folded]
        best, found = 0, None
        for name, key in self.by_name.items():  # a Russian name in another case: Индонезию, Индонезии
            stem = _stem(name)
            if not name.isascii() and len(stem) > best and folded.startswith(stem) and len(folded) <= len(stem) + 3:
                best, found = len(stem), key
        return found

    def member_at(self, country: str, alliance: str, date: SpokenDate) -> bool | None:
        """Whether the country was a member over the whole period the date names (None: it changed within)."""
        key = (country, alliance, date)
        if key not in self._member_at:  # statements share a few subjects and months: each is worked out once
            self._member_at[key] = self._find_member_at(country, alliance, date)
        return self._member_at[key]

    def _find_member_at(self, country: str, alliance: str, date: SpokenDate) -> bool | None:
        try:
            start, end = period_start(date.iso()), period_end(date.iso())
            spans = [(period_start(valid_from) if valid_from else None, period_end(valid_to) if valid_to else None)
                     for valid_from, valid_to in self.periods.get((country, alliance), ())]
        except InvalidInputError:
            return None
        if start is None or end is None:
            return None
        for begins, ends in spans:
            if (begins is None or begins <= start) and (ends is None or end <= ends):
                return True
            if (begins is None or begins <= end) and (ends is None or start <= ends):
                return None
        return False


def _stem(name: str) -> str:
    return name.rstrip(_CYRILLIC_ENDING) if not name.isascii() else name


def _name_pattern(name: str) -> str:
    """A name as written in running text: its first letter as capitalised (China, not china; Куба, not
    кубы), an English possessive, or a Russian case ending."""
    first, rest = re.escape(name[:1]), (name[1:] if name.isascii() else _stem(name)[1:])
    ending = r"(?:['’]s)?" if name.isascii() else r"[а-яё]{0,3}"
    return f"(?-i:{first})" + re.escape(rest) + ending


def _cues(text: str) -> list[tuple[int, int, bool]]:
    cues = [(m.start(), m.end(), False) for m in _NEGATIVE.finditer(text)]
    for match in _POSITIVE.finditer(text):
        if not any(match.start() < end and start < match.end() for start, end, _ in cues):
            cues.append((match.start(), match.end(), True))
    return cues


def statements_of(claim_id: int, source_id: int, quote: str, published: SpokenDate | None,
                  gazetteer: Gazetteer) -> list[MembershipStatement]:
    places = gazetteer.places_in(quote)
    alliances = {key for _, _, key in places if gazetteer.kinds.get(key) == "alliance"}
    if not alliances:
        return []
    cues = _cues(quote)
    if not cues:
        return []
    written = dates_in(quote)
    date, date_from = (written[0], "sentence") if written else ((published, "published") if published else (None, ""))
    found: dict[tuple[str, str], bool] = {}
    for start, end, key in places:
        if gazetteer.kinds.get(key) != "country":
            continue
        distance, member = min((max(cue_start - end, start - cue_end, 0), positive)
                               for cue_start, cue_end, positive in cues)
        if distance <= _CUE_REACH:
            for alliance in alliances:
                found.setdefault((key, alliance), member)
    return [MembershipStatement(claim_id, source_id, country, alliance, member, date, date_from)
            for (country, alliance), member in found.items()]


def assess(a: MembershipStatement, b: MembershipStatement, gazetteer: Gazetteer) -> str:
    """How the reference data reads a pair of opposite membership statements (a is the first, b the second)."""
    name = f"{gazetteer.names.get(a.country, a.country)} in {gazetteer.names.get(a.alliance, a.alliance)}"
    if a.date is None or b.date is None:
        return f"undetermined: {'the first' if a.date is None else 'the second'} statement has no date ({name})"
    right_a = _right(a, gazetteer)
    right_b = _right(b, gazetteer)
    dates = f"first as of {a.date.iso()}, second as of {b.date.iso()}"
    record = _record(a, gazetteer)
    if right_a is None or right_b is None:
        return f"undetermined: {record}, which changed within the period spoken of ({dates})"
    if right_a and right_b:
        return f"each right at its date: {record} ({dates})"
    if right_a or right_b:
        return f"reference supports the {'first' if right_a else 'second'}: {record} ({dates})"
    return f"neither matches the reference data: {record} ({dates})"


def _right(statement: MembershipStatement, gazetteer: Gazetteer) -> bool | None:
    assert statement.date is not None
    member = gazetteer.member_at(statement.country, statement.alliance, statement.date)
    return None if member is None else member == statement.member


def _record(statement: MembershipStatement, gazetteer: Gazetteer) -> str:
    """"Indonesia a BRICS member from 2025-01-06", or "Malaysia never a BRICS member in the reference data"."""
    country = gazetteer.names.get(statement.country, statement.country)
    alliance = gazetteer.names.get(statement.alliance, statement.alliance)
    periods = gazetteer.periods.get((statement.country, statement.alliance), [])
    if not periods:
        return f"{country} never a {alliance} member in the reference data"
    return f"{country} a {alliance} member " + ", ".join(
        f"from {start or '?'}" + (f" to {end}" if end else "") for start, end in periods)
