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

# Legal forms, written as the tokens they become after transliteration and folding, each with the
# class it belongs to: an LLC (ООО, OOO, "obshchestvo s ogranichennoi otvetstvennostyu", LLC, GmbH)
# is never the joint-stock company (ОАО, ZAO, JSC) of the same name. Longer phrases come first.
# "jsc" is a joint-stock company of unstated kind, compatible with the open and closed ones.
_LEGAL_PHRASES: list[tuple[str, str]] = [
    (r"obshchestv\w* s ogranichenn\w* otvetstvenn\w*", "llc"),
    (r"tovarystv\w* z obmezhen\w* vidpovidaln\w*", "llc"),
    (r"tavarystv\w* z abmezhavan\w* adkaznas\w*", "llc"),
    (r"(?:publichnoe|otkrytoe) aktsionernoe obshchestvo", "jsc-open"),
    (r"(?:zakrytoe|nepublichnoe) aktsionernoe obshchestvo", "jsc-closed"),
    (r"aktsionernoe obshchestvo", "jsc"),
    (r"avtonomnaya nekommercheskaya organizatsiya", "ano"),
    (r"federalnoe gosudarstvennoe unitarnoe predpriyatie", "unitary"),
    (r"gosudarstvennaya korporatsiya", "state-corp"),
    (r"limited liability (?:company|partnership)", "llc"),
    (r"(?:public|open) joint stock company", "jsc-open"),
    (r"(?:private|closed) joint stock company", "jsc-closed"),
    (r"joint stock company", "jsc"),
    (r"autonomous non profit organi[sz]ation", "ano"),
    (r"public limited company", "jsc-open"),
    (r"company limited|co ltd|pte ltd|pvt ltd|pty ltd|sp z o o|s r o|s r l|l l c", "llc"),
    (r"s a|s p a|b v|n v", "jsc"),
]
# The word boundary is factored out of the alternatives: the pattern is tried at word starts only
# (four times faster over a million listed names than each alternative testing it).
_LEGAL_PATTERN = re.compile("(?:^| )(?:" + "|".join(f"({p})" for p, _ in _LEGAL_PHRASES) + ")(?= |$)")
_LEGAL_WORDS = {
    "ooo": "llc", "llc": "llc", "llp": "llc", "ltd": "llc", "limited": "llc", "tov": "llc", "gmbh": "llc",
    "sarl": "llc", "srl": "llc", "sro": "llc", "eood": "llc", "ood": "llc", "doo": "llc", "pte": "llc", "pvt": "llc",
    "pty": "llc", "fzco": "llc", "fze": "llc", "fzc": "llc", "fzllc": "llc", "bv": "llc",
    "oao": "jsc-open", "pao": "jsc-open", "ojsc": "jsc-open", "pjsc": "jsc-open", "pat": "jsc-open", "plc": "jsc-open",
    "zao": "jsc-closed", "nao": "jsc-closed", "cjsc": "jsc-closed", "prat": "jsc-closed",
    "ao": "jsc", "jsc": "jsc", "ag": "jsc", "sa": "jsc", "spa": "jsc", "nv": "jsc", "ad": "jsc", "dd": "jsc",
    "as": "jsc", "asa": "jsc", "ab": "jsc", "oy": "jsc", "oyj": "jsc", "sas": "jsc",
    "ano": "ano", "fgup": "unitary", "gup": "unitary", "mup": "unitary",
    "inc": "", "incorporated": "", "corp": "", "kg": "", "lp": "", "kk": "", "dmcc": "", "sl": "", "aps": "",
}
_FORM_FAMILY = {"jsc-open": "jsc", "jsc-closed": "jsc"}


def forms_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two names' legal forms can be the same legal person: ООО vs ОАО cannot; a name without
    a form, or with one of unknown kind ("Inc"), is compatible with any."""
    if not a or not b:
        return True
    for x in a:
        for y in b:
            if x == y or _FORM_FAMILY.get(x) == y or _FORM_FAMILY.get(y) == x:
                return True
    return False


# Titles of office and address that say nothing about who is meant.
_TITLES = {
    "mr", "mrs", "ms", "dr", "prof", "president", "presidente", "prezident", "prasident", "praesident",
    "predsjednik", "presedintele", "presiden", "general", "colonel", "gen", "col", "elnok", "jr", "sr",
}
# Han legal forms are removed before transliteration, which joins Han syllables into one word.
_CJK_LEGAL = re.compile("股份有限公司|有限责任公司|有限公司|集团|公司|株式会社|有限会社")
# Words so common in company names that sharing one says little. Those with translations are
# compared as one symbol ("#concern" for concern, kontsern, kontserna...), so "Концерн Калашников"
# and "Kalashnikov Concern" share it without it counting as a distinctive word.
_GENERIC_SYMBOLS = {
    "concern": ("concern", "kontsern", "kontserna", "konzern"), "company": ("company", "kompaniya", "kompania", "co"),
    "corporation": ("corporation", "corp", "korporatsiya", "korporatsii", "korporatsia"),
    "group": ("group", "gruppa", "grupa", "gruppy"), "bank": ("bank", "banka", "banque", "banco"),
    "united": ("united", "obedinennaya", "obedinennaia", "obyedinennaya", "ok"),
    "plant": ("plant", "zavod", "factory"), "institute": ("institute", "institut"),
    "holding": ("holding", "holdings", "kholding"), "international": ("international", "mezhdunarodnaya"),
    "state": ("state", "gosudarstvennaya", "goskorporatsiya"),
}
GENERIC_SYMBOL = {word: "#" + symbol for symbol, words in _GENERIC_SYMBOLS.items() for word in words}
COMMON_WORDS = frozenset({
    "trading", "industries", "industrial", "enterprise", "enterprises", "the", "of", "and", "for", "de", "la",
    "del", "services", "service", "firm", "global", "russia", "russian", "federal", "national", "research", "npk",
    "npo", "scientific", "production", "air", "space", "center", "centre", "import", "export", *GENERIC_SYMBOL,
})
# Country names compare only when spelled alike: "Банк России" (Bank of Russia, the central bank)
# is not "Bank Rossiya", whose name is the nominative.
COUNTRY_WORDS = frozenset({"rossiya", "rossiia", "rossii", "rossiyskoy", "rossiiskoi", "russia", "russian",
                           "rossiyskaya", "rossiiskaia", "rf", "federatsii", "ukrainy", "ukraina", "belarus",
                           "iran", "china"})
_PATRONYMIC = re.compile(r"(ovich|evich|ovych|evych|ovic|evic|ovitch|ovitj|ovics|owicz|owitsch|ovna|evna|ivna|ich)$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Applied in order; "ch" is parked as "\x01" while a lone "c" becomes "k".
_PHONETIC_RULES = [
    ("eu", "ev"), ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("tj", "ch"), ("tx", "ch"), ("cz", "ch"), ("sz", "sh"),
    ("x", "ks"), ("ch", "\x01"), ("ck", "k"), ("c", "k"), ("\x01", "ch"), ("q", "k"),
    ("gy", "d"), ("ty", "t"), ("ph", "f"), ("kh", "h"), ("w", "v"), ("ou", "u"), ("oe", "u"),
    ("ae", "e"), ("ue", "u"), ("y", "i"), ("j", "i"),
]
_DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One name ready to compare: its tokens, the weight each carries, and its legal forms."""

    original: str
    tokens: tuple[str, ...]
    phonetic: tuple[str, ...]
    weights: tuple[float, ...]
    forms: frozenset[str] = frozenset()
    patronymic: int = -1  # position of the patronymic among the tokens, -1 when there is none

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


# Greek and Armenian digraphs that anyascii takes letter by letter (Πούτιν would become "Poytin").
_DIGRAPHS = [("ού", "u"), ("ου", "u"), ("ΟΥ", "U"), ("Ου", "U"), ("μπ", "b"), ("Μπ", "B"), ("ντ", "d"),
             ("Ντ", "D"), ("γκ", "g"), ("ու", "u"), ("Ու", "U")]


_GREEK_OR_ARMENIAN = re.compile("[\u0370-\u03ff\u0530-\u058f]")


class _AsciiTable(dict[int, str]):
    """anyascii's spelling of each character, looked up once per character and then kept, so that
    ``str.translate`` gives anyascii's result (a character-by-character mapping) several times faster."""

    def __missing__(self, codepoint: int) -> str:
        spelled = self[codepoint] = anyascii(chr(codepoint))
        return spelled


_ASCII = _AsciiTable()


def transliterate(text: str) -> str:
    if text.isascii():  # most listed names: nothing to normalise or transliterate (a list import's hot path)
        return text
    text = unicodedata.normalize("NFKC", _CJK_LEGAL.sub(" ", text))
    if _GREEK_OR_ARMENIAN.search(text):
        for old, new in _DIGRAPHS:
            text = text.replace(old, new)
    return text.translate(_ASCII)


def _legal_forms(folded: str) -> tuple[str, frozenset[str]]:
    """The folded name with its legal forms removed, and their classes."""
    forms = set()

    def take(match: re.Match[str]) -> str:
        phrase = next(g for g in match.groups() if g)
        for pattern, form in _LEGAL_PHRASES:
            if re.fullmatch(pattern, phrase):
                forms.add(form)
                break
        return " "

    joined = _LEGAL_PATTERN.sub(take, folded)
    kept = []
    for token in joined.split():
        if token in _LEGAL_WORDS:
            if _LEGAL_WORDS[token]:
                forms.add(_LEGAL_WORDS[token])
        elif token not in _TITLES:
            kept.append(token)
    return " ".join(kept), frozenset(forms)


def _fold(name: str) -> str:
    return " ".join(_NON_ALNUM.sub(" ", transliterate(name).lower().replace("'", "")).split())


def name_parts(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Folded Latin tokens of a name (legal forms and titles removed, kept if nothing else is left) and its
    legal forms."""
    folded = _fold(name)
    kept, forms = _legal_forms(folded)
    return tuple(kept.split() or folded.split()), forms


def name_tokens(name: str) -> tuple[str, ...]:
    return name_parts(name)[0]


def legal_forms(name: str) -> frozenset[str]:
    return name_parts(name)[1]


def phonetic(token: str) -> str:
    """A coarse form of a token that makes common transliteration variants equal."""
    if token.isdigit():
        return token
    symbol = GENERIC_SYMBOL.get(token)
    if symbol is not None:
        return symbol
    for old, new in _PHONETIC_RULES:
        token = token.replace(old, new)
    token = _DOUBLED.sub(r"\1", token)
    if len(token) > 4 and token.endswith("e"):  # Poutine, Putine
        token = token[:-1]
    return token


def phonetic_many(tokens: list[str]) -> list[str]:
    """``phonetic`` of many folded tokens at once, with the same results: the rules run over the tokens
    joined by newlines (which no rule and no folded token contains), one C-level pass per rule instead of
    one per token, so a million-entry list's index is built in seconds."""
    joined = "\n".join(tokens)
    for old, new in _PHONETIC_RULES:
        joined = joined.replace(old, new)
    sounds = _DOUBLED.sub(r"\1", joined).split("\n")  # "." does not match the newline between two tokens
    sounds = [sound[:-1] if len(sound) > 4 and sound[-1] == "e" else sound for sound in sounds]
    for i in [i for i, token in enumerate(tokens) if token in GENERIC_SYMBOL or token.isdigit()]:
        sounds[i] = phonetic(tokens[i])
    return sounds


def token_weight(token: str) -> float:
    """How much a token says about identity on its own: common business words and abbreviations say less."""
    if token in COMMON_WORDS:
        return 0.4
    if len(token) <= 2 and not token.isdigit():
        return 0.45
    return 1.0


def patronymic_position(tokens: tuple[str, ...], family_tokens: int = 0) -> int:
    """Where the patronymic is: a token shaped like one that directly follows a given name, in a name
    of three or more words, never among the family-name words (OFAC's "LAST, Given Patronymic").
    By position, not by suffix alone: "Yanukovych" and "Kovacevic" are surnames."""
    if len(tokens) < 3:
        return -1
    for i in range(max(1, family_tokens), len(tokens)):
        token, before = tokens[i], tokens[i - 1]
        if len(token) > 5 and _PATRONYMIC.search(token) and not (len(before) > 5 and _PATRONYMIC.search(before)) \
                and i - 1 >= family_tokens:
            return i
    return -1


def _family_tokens(name: str) -> int:
    """How many leading tokens are the family name, when the name is written "LAST, Given"."""
    if "," not in name:
        return 0
    return len(_fold(name.split(",", 1)[0]).split())


def _prepared(original: str, tokens: tuple[str, ...], forms: frozenset[str],
              phonetic_of: Callable[[str], str]) -> PreparedName:
    patronymic = patronymic_position(tokens, _family_tokens(original))
    weights = tuple(0.3 if i == patronymic else token_weight(t) for i, t in enumerate(tokens))
    return PreparedName(original, tokens, tuple(phonetic_of(t) for t in tokens), weights, forms, patronymic)


def prepare_name(name: str) -> PreparedName:
    tokens, forms = name_parts(name)
    return _prepared(name, tokens, forms, phonetic)


def name_key(name: str) -> str:
    """The stored comparison key of a name: its screening tokens joined by spaces."""
    return " ".join(name_tokens(name))


def identifier_key(value: str) -> str:
    """Identifiers compare on their letters and digits only: "CHE-267.936.404" is "CHE267936404"."""
    key = re.sub(r"[^0-9A-Z]", "", anyascii(value).upper())
    return re.sub(r"^(IMO|INN|OGRN|MMSI)(?=\d)", "", key)  # "IMO 9339301" is the number 9339301


_NO_VOWELS = str.maketrans(dict.fromkeys("aeiou"))


def blocking_keys(phonetic_token: str) -> tuple[str, ...]:
    """Keys a token is filed under: the whole token, its first three sounds, its first three consonants,
    and its first four consonants without v/w/y (which transliterations and abjads disagree on:
    "evrosibenergo" and "eurosibenergo", "bwtyn" and "putin")."""
    if len(phonetic_token) < 2 or phonetic_token.startswith("#"):
        return ()
    skeleton = phonetic_token[0] + phonetic_token[1:].translate(_NO_VOWELS)
    keys = {"f" + phonetic_token, "p" + phonetic_token[:3]}
    if len(skeleton) >= 2:
        keys.add("s" + skeleton[:3])
    bare = consonant_skeleton(phonetic_token)
    if len(bare) >= 3:
        keys.add("k" + bare[:4])
    return tuple(sorted(keys))


_LATER_VOWEL = re.compile(r"(?<=[^\n])[aeiou]")  # a vowel that does not start a newline-separated token


def blocking_key_columns(phonetic_tokens: list[str]) -> list[list[str]]:
    """``blocking_keys`` of many phonetic tokens at once, as one column per kind of key ("" where a token
    has none of that kind): the same keys, worked out with one C-level pass per rule over the tokens
    joined by newlines, which is what makes indexing a million-entry list take seconds."""
    joined = "\n".join(phonetic_tokens)
    skeletons = _LATER_VOWEL.sub("", joined).split("\n")
    bares = joined.translate(_SKELETON).split("\n")
    filed = [len(token) >= 2 and token[0] != "#" for token in phonetic_tokens]
    return [
        ["f" + token if ok else "" for token, ok in zip(phonetic_tokens, filed, strict=True)],
        ["p" + token[:3] if ok else "" for token, ok in zip(phonetic_tokens, filed, strict=True)],
        ["s" + skeleton[:3] if ok and len(skeleton) >= 2 else "" for skeleton, ok in zip(skeletons, filed, strict=True)],
        ["k" + bare[:4] if ok and len(bare) >= 3 else "" for bare, ok in zip(bares, filed, strict=True)],
    ]


_SKELETON = str.maketrans({"b": "p", "f": None, "v": None, "w": None, "y": None, "a": None, "e": None, "i": None,
                           "o": None, "u": None})


def consonant_skeleton(phonetic_token: str) -> str:
    """Consonants only, b/p merged and v/f/w dropped: how Arabic or Hebrew spellings compare with Latin ones."""
    return phonetic_token.translate(_SKELETON)


def prepare_key(original: str, key: str, phonetic_of: Callable[[str], str] = phonetic) -> PreparedName:
    """A PreparedName from a stored name key (tokens already folded); the legal forms are read from the
    original name, which costs one transliteration of the (few) names a query is compared with."""
    return _prepared(original, tuple(key.split()), legal_forms(original), phonetic_of)
