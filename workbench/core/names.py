"""Names prepared for screening: transliterated, folded, legal forms and titles removed.

Every script is turned into Latin letters by anyascii (ISC licence), so "ООО «Байкал
Электроникс»", "Baikal Electronics LLC" and "BAYKAL ELEKTRONIKS" end up as nearly the same
tokens. A second, coarser form of each token (``phonetic``) evens out the usual
transliteration variants (w/v, ou/u, kh/h, ij/iy/y) so that they can be compared and
blocked on; it is only ever used to compare, never shown.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from anyascii import anyascii

# Legal forms, written as the tokens they become after transliteration and folding.
# Longer phrases are removed before the shorter ones they contain.
_LEGAL_PHRASES = [
    "obshchestvo s ogranichennoy otvetstvennostyu", "obshchestvo s ogranichennoi otvetstvennostiu",
    "publichnoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo", "otkrytoe aktsionernoe obshchestvo",
    "nepublichnoe aktsionernoe obshchestvo", "aktsionernoe obshchestvo", "avtonomnaya nekommercheskaya organizatsiya",
    "federalnoe gosudarstvennoe unitarnoe predpriyatie", "gosudarstvennaya korporatsiya",
    "tovarystvo z obmezhenoyu vidpovidalnistyu", "limited liability company", "limited liability partnership",
    "public joint stock company", "private joint stock company", "closed joint stock company",
    "open joint stock company", "joint stock company", "autonomous non profit organization",
    "autonomous non profit organisation", "public limited company", "company limited", "co ltd", "s r o", "s a",
    "s r l", "s p a", "sp z o o", "l l c", "b v", "n v", "pte ltd", "pvt ltd", "pty ltd",
]
_LEGAL_WORDS = {
    "ooo", "oao", "zao", "pao", "ao", "nao", "ano", "fgup", "gup", "mup", "tov", "pat", "prat", "jsc", "pjsc", "ojsc",
    "cjsc", "llc", "llp", "ltd", "limited", "inc", "incorporated", "corp", "gmbh", "ag", "kg", "sarl", "srl", "sro",
    "plc", "lp", "bv", "nv", "oy", "oyj", "ab", "spa", "pte", "pvt", "pty", "kk", "fzco", "fze", "fzc", "fzllc",
    "dmcc", "sas", "sa", "sl", "eood", "ood", "ad", "doo", "dd", "as", "asa", "aps",
}
# Titles of office and address that say nothing about who is meant.
_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "president", "presidente", "prezident", "prasident", "praesident",
    "predsjednik", "presedintele", "presiden", "general", "colonel", "gen", "col",
}
# Han legal forms are removed before transliteration, which joins Han syllables into one word.
_CJK_LEGAL = re.compile("股份有限公司|有限责任公司|有限公司|集团|公司|株式会社|有限会社")
# Words so common in company names that sharing one says little.
COMMON_WORDS = frozenset({
    "company", "corporation", "group", "holding", "holdings", "international", "trading", "industries", "industrial",
    "enterprise", "enterprises", "the", "of", "and", "for", "de", "la", "del", "plant", "factory", "zavod", "bank",
    "services", "service", "co", "firm", "global", "russia", "russian", "federal", "state", "national", "research", "institute",
})
_PATRONYMIC = re.compile(r"(ovich|evich|ovych|evych|ovic|evic|ovitch|ovitj|ovics|owicz|owitsch|ovna|evna|ivna|ich)$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Applied in order; "ch" is parked as "\x01" while a lone "c" becomes "k".
_PHONETIC_RULES = [
    ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("tj", "ch"), ("tx", "ch"), ("cz", "ch"), ("sz", "sh"),
    ("x", "ks"), ("ch", "\x01"), ("ck", "k"), ("c", "k"), ("\x01", "ch"), ("q", "k"),
    ("gy", "d"), ("ty", "t"), ("ph", "f"), ("kh", "h"), ("w", "v"), ("ou", "u"), ("oe", "u"),
    ("ae", "e"), ("ue", "u"), ("y", "i"), ("j", "i"),
]
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One name ready to compare: its tokens and the weight each carries."""

    original: str
    tokens: tuple[str, ...]
    phonetic: tuple[str, ...]
    weights: tuple[float, ...]

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


def transliterate(text: str) -> str:
    return anyascii(unicodedata.normalize("NFKC", _CJK_LEGAL.sub(" ", text)))


def _remove_phrases(tokens: list[str]) -> list[str]:
    joined = " " + " ".join(tokens) + " "
    for phrase in _LEGAL_PHRASES:
        joined = joined.replace(" " + phrase + " ", " ")
    return joined.split()


def name_tokens(name: str) -> tuple[str, ...]:
    """Folded Latin tokens of a name, legal forms and titles removed (kept if nothing else is left)."""
    folded = _NON_ALNUM.sub(" ", transliterate(name).lower().replace("'", ""))
    raw = folded.split()
    kept = [t for t in _remove_phrases(raw) if t not in _LEGAL_WORDS and t not in _TITLES]
    return tuple(kept or raw)


def phonetic(token: str) -> str:
    """A coarse form of a token that makes common transliteration variants equal."""
    if token.isdigit():
        return token
    for old, new in _PHONETIC_RULES:
        token = token.replace(old, new)
    token = _DOUBLED.sub(r"\1", token)
    if len(token) > 4 and token.endswith("e"):  # Poutine, Putine
        token = token[:-1]
    return token


def token_weight(token: str) -> float:
    """How much a token says about identity: patronymics and common business words say less."""
    if token in COMMON_WORDS:
        return 0.4
    if len(token) > 5 and _PATRONYMIC.search(token):
        return 0.3
    return 1.0


def prepare_name(name: str) -> PreparedName:
    tokens = name_tokens(name)
    return PreparedName(name, tokens, tuple(phonetic(t) for t in tokens), tuple(token_weight(t) for t in tokens))


def name_key(name: str) -> str:
    """The stored comparison key of a name: its screening tokens joined by spaces."""
    return " ".join(name_tokens(name))


def identifier_key(value: str) -> str:
    """Identifiers compare on their letters and digits only: "CHE-267.936.404" is "CHE267936404"."""
    key = re.sub(r"[^0-9A-Z]", "", anyascii(value).upper())
    return re.sub(r"^(IMO|INN|OGRN|MMSI)(?=\d)", "", key)  # "IMO 9339301" is the number 9339301


def blocking_keys(phonetic_token: str) -> tuple[str, ...]:
    """Keys a token is filed under: the whole token, its first three sounds, and its first three consonants."""
    if len(phonetic_token) < 2:
        return ()
    skeleton = phonetic_token[0] + re.sub(r"[aeiou]", "", phonetic_token[1:])
    keys = {"f" + phonetic_token, "p" + phonetic_token[:3]}
    if len(skeleton) >= 2:
        keys.add("s" + skeleton[:3])
    return tuple(sorted(keys))


_SKELETON = str.maketrans({"b": "p", "f": "v", "a": None, "e": None, "i": None, "o": None, "u": None, "w": None})


def consonant_skeleton(phonetic_token: str) -> str:
    """Consonants only, b/p and f/v merged: how Arabic or Hebrew spellings compare with Latin ones."""
    return phonetic_token.translate(_SKELETON)


def prepare_key(original: str, key: str, phonetic_of: Callable[[str], str] = phonetic) -> PreparedName:
    """A PreparedName from a stored name key (tokens already folded), without transliterating again."""
    tokens = tuple(key.split())
    return PreparedName(original, tokens, tuple(phonetic_of(t) for t in tokens), tuple(token_weight(t) for t in tokens))
