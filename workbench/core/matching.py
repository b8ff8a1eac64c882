"""Comparing two prepared names, with a score from 0 to 100 and the reasons for it.

Tokens are paired one to one, best pairs first; the score is the weighted share of both
names that found a partner. A name with a significant word left over on either side is
capped below the "strong" band, so one shared word ("Baikal") never makes a confident
match with a longer name ("Baikal Electronics").
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .names import PreparedName, consonant_skeleton

STRONG_SCORE = 88.0
PARTIAL_CAP = 79.0  # the most a name with an unmatched significant word can score
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
        if self.capped:
            parts.append(f"capped at {PARTIAL_CAP:g} because a significant word is unmatched")
        return "; ".join(parts)


def token_similarity(a: str, b: str, phon_a: str, phon_b: str) -> float:
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0
    if phon_a == phon_b:
        return 0.95
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return 0.85  # an initial
    if min(len(a), len(b)) < 3:
        return 0.0
    short, long_ = sorted((phon_a, phon_b), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
        return 0.85  # a case or plural ending: Putinas, Putins, Putini
    similarity = Levenshtein.normalized_similarity(phon_a, phon_b)
    if similarity >= _MIN_TOKEN_SIMILARITY:
        return similarity
    skeleton_a, skeleton_b = consonant_skeleton(phon_a), consonant_skeleton(phon_b)
    if len(skeleton_a) >= 3 and skeleton_a == skeleton_b:
        return 0.8  # scripts that write few vowels: فلاديمير بوتين is "fldymyr bwtyn"
    return 0.0


def _pair_tokens(query: PreparedName, listed: PreparedName) -> list[tuple[int, int, float]]:
    scored = []
    for i, (a, pa) in enumerate(zip(query.tokens, query.phonetic, strict=True)):
        for j, (b, pb) in enumerate(zip(listed.tokens, listed.phonetic, strict=True)):
            similarity = token_similarity(a, b, pa, pb)
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
    pairs = _pair_tokens(query, listed)
    total = sum(query.weights) + sum(listed.weights)
    matched = sum(s * (query.weights[i] + listed.weights[j]) for i, j, s in pairs)
    score = 100.0 * matched / total if total else 0.0
    paired_i = {i for i, _, _ in pairs}
    paired_j = {j for _, j, _ in pairs}
    left_q = [i for i in range(len(query.tokens)) if i not in paired_i]
    left_l = [j for j in range(len(listed.tokens)) if j not in paired_j]
    significant_left = any(query.weights[i] >= _SIGNIFICANT_WEIGHT for i in left_q) or any(
        listed.weights[j] >= _SIGNIFICANT_WEIGHT for j in left_l)
    capped = significant_left and score > PARTIAL_CAP
    if capped:
        score = PARTIAL_CAP
    result = NameComparison(round(score, 1), tuple((query.tokens[i], listed.tokens[j], round(s, 2)) for i, j, s in pairs),
                            tuple(query.tokens[i] for i in left_q), tuple(listed.tokens[j] for j in left_l), capped)
    return _compare_joined(query, listed, result) if len(query.tokens) != len(listed.tokens) else result


def _compare_joined(query: PreparedName, listed: PreparedName, by_tokens: NameComparison) -> NameComparison:
    """ "Sber Bank" and "Sberbank": the same name split differently."""
    joined_q, joined_l = "".join(query.phonetic), "".join(listed.phonetic)
    if min(len(joined_q), len(joined_l)) < 5:
        return by_tokens
    similarity = Levenshtein.normalized_similarity(joined_q, joined_l)
    if similarity >= 0.9 and similarity * 100 > by_tokens.score:
        return NameComparison(round(similarity * 100, 1), (), (), (), False, joined=True)
    return by_tokens
