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

from .company_types import FINGERPRINTS_TYPES

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
    (r"gosudarstvennaya korporatsiya|state corporation", "state-corp"),
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
    "goskorporatsiya": "state-corp", "goskorporatsii": "state-corp",
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
# Titles of office name a person by the family name alone ("President Putin"); titles of address do not.
_OFFICE_TITLES = {
    "president", "presidente", "prezident", "prasident", "praesident", "predsjednik", "presedintele", "presiden",
    "general", "colonel", "gen", "col", "elnok", "minister", "premier", "chairman",
}
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "jr", "sr", *_OFFICE_TITLES}
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
    "state": ("state", "gosudarstvennaya"),
    # "of Russia" in its forms; the nominative Rossiya stays a name of its own (Bank Rossiya is not Bank Rossii).
    "russia": ("russia", "russian", "rossii", "rossiyskoy", "rossiiskoi", "rossiyskaya", "rossiiskaia", "rf"),
}
GENERIC_SYMBOL = {word: "#" + symbol for symbol, words in _GENERIC_SYMBOLS.items() for word in words}
COMMON_WORDS = frozenset({
    "trading", "industries", "industrial", "enterprise", "enterprises", "the", "of", "and", "for", "de", "la",
    "del", "services", "service", "firm", "global", "russia", "russian", "federal", "national", "research", "npk",
    "npo", "scientific", "production", "air", "space", "center", "centre", "import", "export", *GENERIC_SYMBOL,
    # A ship's prefix says what the ship is, not which (IRIS MAKRAN is the Makran of Iran's navy).
    "iris", "mv", "mt", "ms", "ss", "hms", "uss", "ins",
})
# Words for the kind of organisation a name belongs to: another one of them is a lesser difference than
# another distinctive word ("Kalashnikov Group" and "Kontsern Kalashnikov").
ORGANISATION_KINDS = frozenset({"#concern", "#group", "#holding", "#corporation", "#company"})
# Country names compare only when spelled alike: "Банк России" (Bank of Russia, the central bank)
# is not "Bank Rossiya", whose name is the nominative.
COUNTRY_WORDS = frozenset({"rossiya", "rossiia", "rossii", "rossiyskoy", "rossiiskoi", "russia", "russian",
                           "rossiyskaya", "rossiiskaia", "rf", "federatsii", "ukrainy", "ukraina", "belarus",
                           "iran", "china"})
_PATRONYMIC = re.compile(
    r"(ovich|evich|ovych|evych|ovic|evic|ovitch|ovitj|ovics|owicz|owitsch|ovna|evna|ivna|auna|ichna|ich)$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Applied in order; "ch" is parked as "\x01" while a lone "c" becomes "k".
# Russian Ж is zh, ž, j (French), sch (German) or zj (Dutch); Ш is sh, š or sch: both end as "sh". Belarusian
# дз is a soft д (Uladzimir); German and Polish z is s (Uralwagonsawod); tz is ts (Lifshitz).
_PHONETIC_RULES = [
    ("eu", "ev"), ("dzh", "j"), ("tsch", "ch"), ("sch", "sh"), ("tch", "ch"), ("tx", "ch"), ("cz", "ch"),
    ("sz", "sh"), ("zj", "sh"), ("zh", "sh"), ("dz", "d"), ("tz", "ts"), ("z", "s"),
    ("x", "ks"), ("ch", "\x01"), ("ck", "k"), ("c", "k"), ("\x01", "ch"), ("q", "k"),
    ("gy", "d"), ("ph", "f"), ("kh", "h"), ("w", "v"), ("ou", "u"), ("oe", "u"),
    ("ae", "e"), ("ue", "u"), ("y", "i"), ("j", "i"),
]
# Respellings that depend on a letter's place, applied before _PHONETIC_RULES. Written as multi-line patterns
# so that they give the same result on one token as on many tokens joined by newlines (a bulk pass):
# Russian ё after a consonant is yo, io or jo, or just e (Artyom, Artiom, Artem; Zhuravlyova, Zhuravleva);
# Belarusian writes the В of Vladimir and Vladislav as У (Uladzimir, Uladzislau); Scandinavian spellings
# end -vich as -vitj (elsewhere tj is t + j: Tatjana); Hungarian ty is a soft t (Putyin; Tatyana keeps its y).
RESPELLINGS = [
    (re.compile(r"(?<=[bcdfghklmnprstvwz])[yji]o(?=[bcdfghklmnprstvwz])"), "e"),
    (re.compile(r"^u(?=la)", re.MULTILINE), "v"),
    (re.compile(r"tj$", re.MULTILINE), "ch"),
    (re.compile(r"ty(?=[ie])"), "t"),
]
_DOUBLED = re.compile(r"(.)\1+")


# Changes whenever what name_key() returns for a name changes: a project's stored keys are worked out again
# (ListRepository.refresh_name_keys) when they were stored under another version.
NAME_KEY_VERSION = "2"  # 2: legal forms as classes, Cyrillic abbreviations, Korean and katakana fillers


@dataclass(frozen=True, slots=True)
class PreparedName:
    """One name ready to compare: its tokens, the weight each carries, and its legal forms."""

    original: str
    tokens: tuple[str, ...]
    phonetic: tuple[str, ...]
    weights: tuple[float, ...]
    forms: frozenset[str] = frozenset()
    patronymic: int = -1  # position of the patronymic among the tokens, -1 when there is none
    family: frozenset[int] = frozenset()  # positions of the family name, when the writing says which they are
    titled: bool = False  # a title of office was taken off ("President Putin")
    abjad: bool = False  # written in a script without vowels (Arabic, Hebrew, Persian)

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


# A Hebrew word's first פ is always p (written with a dagesh); anyascii reads every פ as f.
_HEBREW_INITIAL_PE = re.compile(r"(?<![\u05d0-\u05ea])\u05e4")
# A Russian abbreviation spells Ц as C when written in Latin letters (МЦСТ is MCST); a word's Ц is Ts.
_CYRILLIC_ABBREVIATION = re.compile(r"(?<![\w-])[А-ЯЁ]*Ц[А-ЯЁ]*(?![\w-])")
_ABJAD = re.compile(r"[\u0590-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")


# Korean writes a foreign consonant cluster with the filler vowel ㅡ (eu): 블라디미르 is beul-la-di-mi-leu for
# Vladimir. Japanese katakana, used for foreign names, ends consonants with u or o and writes di and ti
# as ji and chi (ウラジーミル, プーチン). Taking the fillers out gives the name's consonants back.
_HANGUL = re.compile(r"[\uac00-\ud7a3]{3,}")  # a word of three syllables or more: loanwords, not Korean names
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_KATAKANA_RULES = [(re.compile(r"chi"), "ti"), (re.compile(r"ji"), "di"), (re.compile(r"tsu"), "t"),
                   (re.compile(r"(?<=[bcdfghjklmnprstvwz])[uo]$"), "")]


def _hangul_word(word: str) -> str:
    """A Korean loanword in Latin letters without its filler vowels: a syllable with ㅡ and no final consonant
    (르, 스), or with a final ㄹ before another ㄹ (블라: the l of "vl")."""
    syllables = [ord(ch) - 0xAC00 for ch in word]
    latin = []
    for n, syllable in enumerate(syllables):
        spelled = anyascii(word[n]).lower()
        vowel, final = syllable % 588 // 28, syllable % 28
        next_initial = syllables[n + 1] // 588 if n + 1 < len(syllables) else -1
        if vowel == 18 and (final == 0 or (final == 8 and next_initial == 5)):  # ㅡ; ㄹ final, ㄹ initial
            spelled = spelled.replace("eu", "")
        latin.append(spelled)
    return "".join(latin)


def _katakana_word(latin: str) -> str:
    for pattern, new in _KATAKANA_RULES:
        latin = pattern.sub(new, latin)
    return latin


def transliterate(text: str) -> str:
    if text.isascii():  # most listed names: nothing to normalise or transliterate (a list import's hot path)
        return text
    text = _HEBREW_INITIAL_PE.sub("p", text)
    text = _CYRILLIC_ABBREVIATION.sub(lambda m: m.group().replace("Ц", "C"), text)
    text = unicodedata.normalize("NFKC", _CJK_LEGAL.sub(" ", text))
    text = _HANGUL.sub(lambda m: " " + _hangul_word(m.group()) + " ", text)
    text = _KATAKANA.sub(lambda m: " " + _katakana_word(anyascii(m.group()).lower()) + " ", text)
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

    tokens = _LEGAL_PATTERN.sub(take, folded).split()
    kept = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        spelled = _COMPANY_TYPE_FORMS.get(token)  # looked up first: most words begin no legal form
        written_out = next((form for form in spelled if tuple(tokens[i:i + len(form[0])]) == form[0]),
                           None) if spelled else None
        if written_out is not None:  # "aktiengesellschaft", "sociedad anonima" (fingerprints' table)
            if written_out[1]:
                forms.add(written_out[1])
            i += len(written_out[0])
            continue
        if token in _LEGAL_WORDS:
            if _LEGAL_WORDS[token]:
                forms.add(_LEGAL_WORDS[token])
        elif token not in _TITLES:
            kept.append(token)
        i += 1
    return " ".join(kept), frozenset(forms)


# fingerprints' company types whose legal form we know the class of; the others are of unknown kind ("").
_CLASS_OF_TYPE = {
    **dict.fromkeys(("ooo", "llc", "ltd", "co ltd", "gmbh", "sro", "srl", "sarl", "doo", "ood", "eood", "bv", "bvba",
                     "sprl", "spzoo", "pty", "llp", "mchj", "mmc", "too", "sdn bhd", "eurl", "suarl"), "llc"),
    **dict.fromkeys(("ao", "ag", "sa", "ab", "as", "nv", "spa", "oy", "oyj", "ad", "dd", "ead", "rao", "sjsc"), "jsc"),
    **dict.fromkeys(("oao", "aat", "plc", "bhd"), "jsc-open"),
    **dict.fromkeys(("zao", "3at"), "jsc-closed"),
    **dict.fromkeys(("ano", "anpo"), "ano"),
}


def _company_type_forms() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> (the form's words, its class), longest first: the legal forms of fingerprints' table
    written out in words, without those made of words this module treats otherwise (generic words such as
    company, import or bank, country words) and without one-word descriptors of unknown class."""
    reserved = COMMON_WORDS | COUNTRY_WORDS | {"bank"}
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for main, spellings in FINGERPRINTS_TYPES.items():
        form_class = _CLASS_OF_TYPE.get(main, "")
        for spelling in spellings:
            words = tuple(_fold(spelling).split())
            if not words or reserved.intersection(words) or (len(words) == 1 and (
                    not form_class or len(words[0]) < 4 or words[0] in _LEGAL_WORDS)):
                continue
            table.setdefault(words[0], []).append((words, form_class))
    for forms in table.values():
        forms.sort(key=lambda form: -len(form[0]))
    return table


def _fold(name: str) -> str:
    return " ".join(_NON_ALNUM.sub(" ", transliterate(name).lower().replace("'", "")).split())


def _parts(name: str) -> tuple[tuple[str, ...], frozenset[str], str]:
    folded = _fold(name)
    kept, forms = _legal_forms(folded)
    return tuple(kept.split() or folded.split()), forms, folded


_COMPANY_TYPE_FORMS = _company_type_forms()


def name_parts(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Folded Latin tokens of a name (legal forms and titles removed, kept if nothing else is left) and its
    legal forms."""
    tokens, forms, _ = _parts(name)
    return tokens, forms


def name_tokens(name: str) -> tuple[str, ...]:
    return name_parts(name)[0]


def legal_forms(name: str) -> frozenset[str]:
    return name_parts(name)[1]


def phonetic(token: str) -> str:
    """A coarse form of a token that makes common transliteration variants equal; generic words of
    company names become their symbol ("zavod" and "plant" are "#plant")."""
    if token.isdigit():
        return token
    symbol = GENERIC_SYMBOL.get(token)
    if symbol is not None:
        return symbol
    return phonetic_spelling(token)


def phonetic_spelling(token: str) -> str:
    """The coarse form of a token's spelling alone, with no generic symbols: for finding a name's words in
    running text, where "России" must stay a word that a stem can begin."""
    for pattern, respelled in RESPELLINGS:
        token = pattern.sub(respelled, token)
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
    for pattern, respelled in RESPELLINGS:  # multi-line patterns: the same on joined tokens as on one
        joined = pattern.sub(respelled, joined)
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


def patronymic_position(tokens: tuple[str, ...]) -> int:
    """Where the patronymic is in a name whose family name the writing does not show: a token shaped like
    one that directly follows a given name, in a name of three or more words. By position as well as
    suffix: in "Viktor Yanukovych" and "Vladimir Kovacevic" the last word is the surname."""
    if len(tokens) < 3:
        return -1
    for i in range(1, len(tokens)):
        token, before = tokens[i], tokens[i - 1]
        if len(token) > 5 and _PATRONYMIC.search(token) and not (len(before) > 5 and _PATRONYMIC.search(before)):
            return i
    return -1


_WORD_IN_CAPITALS = re.compile(r"[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*")
_HAS_VOWEL = re.compile(r"[aeiouy]")
_NAME_PARTICLES = frozenset({"de", "la", "del"})  # common words that persons' names have too (DE LA CRUZ)


def family_positions(original: str, tokens: tuple[str, ...]) -> frozenset[int]:
    """Which tokens are the family name, when the writing says so: OFAC's "LAST, Given" puts it before the
    comma; "Svetlana Pavlovna POKHODOVA" writes it in capitals among lower-case words. Empty when unknown,
    and for names with words of organisations in them."""
    if any(t in COMMON_WORDS and t not in _NAME_PARTICLES for t in tokens):
        return frozenset()  # "Moscow Center of SPARC Technologies" is an organisation's name
    if "," in original:
        count = len(_parts(original.split(",", 1)[0])[0])  # "MORENO JR., Daniel": Jr is not the family name
        return frozenset(range(count)) if 0 < count < len(tokens) else frozenset()
    words = original.split()
    # Not initials ("V.V."), nor an acronym without vowels ("MCST Elbrus" is a company's name).
    capitals = [w for w in words if w.isupper() and _WORD_IN_CAPITALS.fullmatch(w) and _HAS_VOWEL.search(_fold(w))]
    if not capitals or len(capitals) == len(words) or not any(ch.islower() for ch in original):
        return frozenset()
    family = set(_fold(" ".join(capitals)).split())
    found = frozenset(i for i, t in enumerate(tokens) if t in family)
    return found if len(found) < len(tokens) else frozenset()


def _prepared(original: str, tokens: tuple[str, ...], forms: frozenset[str], folded: str,
              phonetic_of: Callable[[str], str]) -> PreparedName:
    family = family_positions(original, tokens)
    given = [i for i in range(len(tokens)) if i not in family]
    if family and len(given) >= 2:
        # The family name is known, so the words after the first given name are patronymics or middle
        # names whatever their endings: they are often left out, and weigh little when they are.
        patronymic, minor = given[1], set(given[1:])
    else:
        patronymic = patronymic_position(tokens)
        minor = {patronymic}
    weights = tuple(0.3 if i in minor else token_weight(t) for i, t in enumerate(tokens))
    titled = any(t in _OFFICE_TITLES for t in folded.split())
    abjad = not original.isascii() and _ABJAD.search(original) is not None
    return PreparedName(original, tokens, tuple(phonetic_of(t) for t in tokens), weights, forms, patronymic,
                        family, titled, abjad)


def prepare_name(name: str) -> PreparedName:
    tokens, forms, folded = _parts(name)
    return _prepared(name, tokens, forms, folded, phonetic)


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
    if "ts" in phonetic_token:  # Ц written as Ts or C (TsKB, CKB): filed under both
        keys.update(blocking_keys(phonetic_token.replace("ts", "k")))
    return tuple(sorted(keys))


_LATER_VOWEL = re.compile(r"(?<=[^\n])[aeiou]")  # a vowel that does not start a newline-separated token


def blocking_key_columns(phonetic_tokens: list[str]) -> list[list[str]]:
    """``blocking_keys`` of many phonetic tokens at once, as one column per kind of key ("" where a token
    has none of that kind): the same keys, worked out with one C-level pass per rule over the tokens
    joined by newlines, which is what makes indexing a million-entry list take seconds."""
    columns = _key_columns(phonetic_tokens)
    # Ц written as Ts or C: a token with "ts" is filed under the keys of its "k" spelling as well.
    variants = [token.replace("ts", "k") if "ts" in token and len(token) >= 2 and token[0] != "#" else ""
                for token in phonetic_tokens]
    return columns + _key_columns(variants) if any(variants) else columns


def _key_columns(phonetic_tokens: list[str]) -> list[list[str]]:
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
    _, forms, folded = _parts(original)
    return _prepared(original, tuple(key.split()), forms, folded, phonetic_of)
