"""Comparing two prepared names, with a score from 0 to 100 and the reasons for it.

Tokens are paired one to one, best pairs first; the score is the weighted share of both
names that found a partner. A word of the listed name left unmatched costs half what a
word of the query costs (lists add words a report leaves out: "UNITED COMPANY RUSAL PLC"
for "Rusal"), but a significant word left over on either side still caps the score below
"strong", so one shared word ("Baikal") never makes a confident match with a longer name
("Baikal Electronics"). Two names whose legal forms cannot be one legal person (ООО and
ОАО) and two persons whose patronymics differ are capped lower still.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .names import COUNTRY_WORDS, ORGANISATION_KINDS, PreparedName, consonant_skeleton, forms_compatible, phonetic

STRONG_SCORE = 88.0
PARTIAL_CAP = 79.0  # the most a name with an unmatched significant word can score
CONFLICT_CAP = 75.0  # the most two names of different legal forms (siblings of one group) can score
PATRONYMIC_CAP = 55.0  # the most two persons with different fathers' names can score: below "possible"
_LISTED_SURPLUS_COST = 0.5  # an unmatched significant listed word costs this share of its weight
_LISTED_MINOR_COST = 0.15  # ... and a generic one ("Sinobright Import and Export Company") this share
_MINOR_WEIGHT = 0.3  # the weight of a middle name, a patronymic, or one part of a two-part family name
_MIN_TOKEN_SIMILARITY = 0.75
_SIGNIFICANT_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class NameComparison:
    score: float
    pairs: tuple[tuple[str, str, float], ...]  # (query token, listed token, similarity 0-1)
    unmatched_query: tuple[str, ...]
    unmatched_listed: tuple[str, ...]
    capped: bool
    joined: bool = False  # decided by comparing the names written as one word
    conflict: str = ""  # why the names cannot be one party (legal forms, patronymics), if so
    cap: float = CONFLICT_CAP  # the most the conflict lets the names score
    by_title: bool = False  # a title and the family name alone: says who only if one listed person has that name

    def explain(self) -> str:
        parts = []
        exact = [a for a, b, s in self.pairs if s == 1.0]
        near = [f"{a}~{b} {s:.2f}" for a, b, s in self.pairs if s < 1.0]
        if self.joined:
            parts.append("same letters when written as one word")
        if exact:
            parts.append("same words: " + " ".join(exact))
        if near:
            parts.append("close words: " + ", ".join(near))
        if self.unmatched_query:
            parts.append("only in the project's name: " + " ".join(self.unmatched_query))
        if self.unmatched_listed:
            parts.append("only in the listed name: " + " ".join(self.unmatched_listed))
        if self.conflict:
            parts.append(f"capped at {self.cap:g}: {self.conflict}")
        elif self.capped:
            parts.append(f"capped at {PARTIAL_CAP:g} because a significant word is unmatched")
        return "; ".join(parts)


# Cyrillic initials that transliterate to two letters ("Kuzmenko V.Yu.").
_DIGRAPH_INITIALS = frozenset({"yu", "ya", "ye", "yo", "zh", "kh", "ch", "sh", "ts"})
# Grammatical endings added to a name in other languages: Lithuanian Putinas, Latvian Putins, Georgian
# Putini. A feminine -a is not among them (Putina is another person), nor -sky (Khoroshevsky).
_CASE_ENDINGS = frozenset({"s", "as", "is", "us", "es", "i", "u", "o", "om", "em", "im"})
_DIACRITIC_H = re.compile(r"(?<=[csz])h")
_EAST_ASIAN = str.maketrans("lb", "rv")
_VOWEL = re.compile(r"[aeiou]")  # vowels are what transliterations disagree on most (Tabak, Tobacco)


def token_similarity(a: str, b: str, phon_a: str, phon_b: str, abjad: bool = False) -> float:
    """How alike two tokens are, 0 to 1; ``abjad`` when one side was written in a script that leaves
    vowels out (Arabic, Hebrew, Persian), where equal consonants are as good as it gets."""
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0
    if phon_a == phon_b:
        return 0.95
    if phon_a in ORGANISATION_KINDS and phon_b in ORGANISATION_KINDS:
        return 0.7  # "Kalashnikov Group" and "Kontsern Kalashnikov"
    if a in COUNTRY_WORDS or b in COUNTRY_WORDS or phon_a.startswith("#") or phon_b.startswith("#"):
        return 0.0  # "Rossii" (of Russia) is not "Rossiya"; generic symbols match only themselves
    short, long_ = sorted((a, b), key=len)
    if (len(short) == 1 or short in _DIGRAPH_INITIALS) and long_.startswith(short) and len(long_) > len(short):
        return 0.85  # an initial
    if min(len(a), len(b)) < 3:
        return 0.0
    if ("h" in a or "h" in b) and _DIACRITIC_H.sub("", a) == _DIACRITIC_H.sub("", b):
        return 0.92  # č, š, ž written without their diacritics: Kovacevic and Kovachevich
    if ("ts" in a or "ts" in b) and a.replace("ts", "c") == b.replace("ts", "c"):
        return 0.92  # Ц as C or Ts: ЦКБ is CKB or TsKB
    short, long_ = sorted((phon_a, phon_b), key=len)
    if len(short) >= 4 and long_.startswith(short) and long_[len(short):] in _CASE_ENDINGS:
        return 0.92  # a case ending: Putinas, Putins, Putini
    if len(phon_a) == len(phon_b) and phon_a.translate(_EAST_ASIAN) == phon_b.translate(_EAST_ASIAN):
        return 0.9  # Korean and Japanese do not tell l from r, nor Korean b from v (Lim and Rim; 블라디미르)
    similarity = Levenshtein.normalized_similarity(phon_a, phon_b)
    if similarity < 0.9 and 6 * abs(len(phon_a) - len(phon_b)) <= max(len(phon_a), len(phon_b)):
        masked = Levenshtein.normalized_similarity(_VOWEL.sub("a", phon_a), _VOWEL.sub("a", phon_b))
        similarity = max(similarity, 0.9 * masked)
    if abjad and len(consonant_skeleton(phon_a)) >= 3 and consonant_skeleton(phon_a) == consonant_skeleton(phon_b):
        similarity = max(similarity, 0.9)  # فلاديمير بوتين is "fldymyr bwtyn": the consonants are all there is
    return similarity if similarity >= _MIN_TOKEN_SIMILARITY else 0.0


def _pair_tokens(query: PreparedName, listed: PreparedName) -> list[tuple[int, int, float]]:
    scored = []
    abjad = query.abjad or listed.abjad
    for i, (a, pa) in enumerate(zip(query.tokens, query.phonetic, strict=True)):
        for j, (b, pb) in enumerate(zip(listed.tokens, listed.phonetic, strict=True)):
            similarity = token_similarity(a, b, pa, pb, abjad)
            if similarity:
                scored.append((i, j, similarity))
    scored.sort(key=lambda t: -t[2])
    used_i, used_j, pairs = set(), set(), []
    for i, j, similarity in scored:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            pairs.append((i, j, similarity))
    return pairs


def compare_names(query: PreparedName, listed: PreparedName) -> NameComparison:
    result = _compare_tokens(query, listed)
    if result.conflict:
        return result
    if not (result.unmatched_query and result.unmatched_listed):  # nothing left over that joining could pair
        split_query = split_listed = None
    else:
        split_query, split_listed = _rejoined(query, listed), _rejoined(listed, query)
    if split_query is not None or split_listed is not None:
        rejoined = _compare_tokens(split_query or query, split_listed or listed)
        if rejoined.score > result.score and not rejoined.conflict:
            result = replace(rejoined, joined=True)
    if len(query.tokens) != len(listed.tokens):
        return _compare_joined(query, listed, result)
    return result


def _rejoined(name: PreparedName, other: PreparedName) -> PreparedName | None:
    """``name`` with two neighbouring words joined where ``other`` writes them as one ("Sber Bank" and
    "Sberbank", "Abu Bakr" and "Abubakr"), or None when it has none such."""
    wanted = set(other.phonetic)
    tokens, sounds, weights = [], [], []
    i, changed = 0, False
    while i < len(name.tokens):
        head = name.phonetic[i].lstrip("#")
        if i + 1 < len(name.tokens) and any(len(p) > len(head) + 1 and p.startswith(head[:4]) for p in wanted):
            joined = name.tokens[i] + name.tokens[i + 1]
            sound = _sound(joined)
            if sound in wanted:
                tokens.append(joined)
                sounds.append(sound)
                weights.append(max(name.weights[i], name.weights[i + 1]))
                i, changed = i + 2, True
                continue
        tokens.append(name.tokens[i])
        sounds.append(name.phonetic[i])
        weights.append(name.weights[i])
        i += 1
    if not changed:
        return None
    return PreparedName(name.original, tuple(tokens), tuple(sounds), tuple(weights), name.forms, titled=name.titled,
                        abjad=name.abjad)


def _compare_tokens(query: PreparedName, listed: PreparedName) -> NameComparison:
    pairs = _pair_tokens(query, listed)
    paired_i = {i for i, _, _ in pairs}
    paired_j = {j for _, j, _ in pairs}
    left_q = [i for i in range(len(query.tokens)) if i not in paired_i]
    left_l = [j for j in range(len(listed.tokens)) if j not in paired_j]
    matched = sum(s * (query.weights[i] + listed.weights[j]) for i, j, s in pairs)
    left_weights = _listed_left_weights(query, listed, left_l, paired_j)
    total = sum(query.weights) + sum(listed.weights[j] for j in paired_j) + sum(
        w * (_LISTED_SURPLUS_COST if w >= _SIGNIFICANT_WEIGHT else _LISTED_MINOR_COST) for w in left_weights)
    score = 100.0 * matched / total if total else 0.0
    significant_left = any(query.weights[i] >= _SIGNIFICANT_WEIGHT for i in left_q) or any(
        w >= _SIGNIFICANT_WEIGHT for w in left_weights) or (
        # a word without a partner on each side, however slight: the names say different things (Kim Jong Il
        # is not Kim Jong Un, whose "Un" weighs as a middle name)
        any(query.weights[i] >= _MINOR_WEIGHT for i in left_q) and any(w >= _MINOR_WEIGHT for w in left_weights))
    capped = significant_left and score > PARTIAL_CAP
    if capped:
        score = PARTIAL_CAP
    conflict, cap = _conflict(query, listed, pairs)
    if conflict:
        score = min(score, cap)
    return NameComparison(round(score, 1), tuple((query.tokens[i], listed.tokens[j], round(s, 2)) for i, j, s in pairs),
                          tuple(query.tokens[i] for i in left_q), tuple(listed.tokens[j] for j in left_l), capped,
                          conflict=conflict, cap=cap, by_title=_by_title(query, listed, paired_j))


def _by_title(query: PreparedName, listed: PreparedName, paired: set[int]) -> bool:
    return query.titled and bool(listed.family) and listed.family <= paired and len(paired) == len(listed.family)


def _listed_left_weights(query: PreparedName, listed: PreparedName, left: list[int], paired: set[int]) -> list[float]:
    """What each unmatched listed word weighs. A title with the whole family name ("President Putin") names
    the person without the given names; one part of a two-part family name is enough ("Elvis Morey" for
    "LOGAN MOREY, Elvis")."""
    family = listed.family
    if _by_title(query, listed, paired):
        return [0.0 for j in left if j not in family]
    compound = len(family) > 1 and bool(family & paired)
    return [min(listed.weights[j], _MINOR_WEIGHT) if compound and j in family else listed.weights[j] for j in left]


def _conflict(query: PreparedName, listed: PreparedName, pairs: list[tuple[int, int, float]]) -> tuple[str, float]:
    """Why two names that look alike cannot be one party, or "" when nothing says so."""
    if not forms_compatible(query.forms, listed.forms):
        return (f"legal forms differ ({'/'.join(sorted(query.forms))} and listed {'/'.join(sorted(listed.forms))})",
                CONFLICT_CAP)
    paired_listed = {j for _, j, _ in pairs}
    if listed.family and not listed.family & paired_listed and not query.titled:
        return (f"the listed family name ({' '.join(listed.tokens[j] for j in sorted(listed.family))}) is not in "
                "the query", PATRONYMIC_CAP)
    if query.patronymic >= 0 and listed.patronymic >= 0:
        paired = {i: (j, s) for i, j, s in pairs}
        j, similarity = paired.get(query.patronymic, (-1, 0.0))
        if j != listed.patronymic or similarity < 0.78:
            return (f"patronymics differ ({query.tokens[query.patronymic]} and listed "
                    f"{listed.tokens[listed.patronymic]})", PATRONYMIC_CAP)
    return "", CONFLICT_CAP


@lru_cache(maxsize=1 << 16)
def _sound(word: str) -> str:
    return phonetic(word)


def _joined_sound(tokens: tuple[str, ...]) -> str:
    return _sound("".join(tokens))  # "Ural Vagon Zavod" and "Uralvagonzavod" (zavod alone is a generic word)


def _compare_joined(query: PreparedName, listed: PreparedName, by_tokens: NameComparison) -> NameComparison:
    """ "Sber Bank" and "Sberbank": the same name split differently."""
    joined_q, joined_l = _joined_sound(query.tokens), _joined_sound(listed.tokens)
    if min(len(joined_q), len(joined_l)) < 5:
        return by_tokens
    similarity = Levenshtein.normalized_similarity(joined_q, joined_l)
    if similarity >= 0.9 and similarity * 100 > by_tokens.score:
        return NameComparison(round(similarity * 100, 1), (), (), (), False, joined=True)
    return by_tokens
