"""Word forms: "санкции" finds "санкций", "sanctions" finds "sanctioned".

Snowball stemmers (the ``snowballstemmer`` package, BSD-3) for English and Russian,
chosen per source by its language and per word by its script: a Cyrillic word is
stemmed as Russian, a Latin one as English, unless the source is written in another
language of that script (Portuguese, Ukrainian...), whose words are then matched
exactly rather than wrongly stemmed. snowballstemmer is pure Python and uses
PyStemmer's C code by itself when that is installed; stemming happens only at query
time, on the few distinct words that share the query word's beginning, so the
pure-Python speed (about a microsecond per cached word) never shows and the
standalone build needs no compiled extension.

The word index holds words, not stems, so a stemmed word is looked up as a prefix
and each candidate confirmed by stemming it. The prefix must begin every word with
the same stem: a Russian stem is always a beginning of its words (the algorithm only
takes endings off), an English one may end in a changed letter (happy → happi), and
Porter2 lists a few irregular forms (dying → die).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer

# Shorter words are matched exactly: "is", "was", "war" would match too much as stems;
# Russian has many three-letter nouns with full inflection (чип, газ, тип).
MIN_STEMMED_LENGTH = {"english": 4, "russian": 3}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_SCRIPT_LANGUAGES = {"pt", "es", "fr", "de", "it", "nl", "pl", "cs", "tr", "id", "sv", "no", "da", "fi"}
_CYRILLIC_SCRIPT_LANGUAGES = {"uk", "be", "bg", "sr", "mk", "kk"}
_IRREGULAR_BEGINNINGS = {"die": ("dy",), "lie": ("ly",), "tie": ("ty",)}  # dying, lying, tying


@dataclass(frozen=True, slots=True)
class Stemmer:
    language: str  # "english" | "russian"

    def stem(self, folded_word: str) -> str:
        return _stem(self.language, folded_word)

    def beginnings(self, folded_word: str) -> tuple[str, ...]:
        """Prefixes that every word sharing ``folded_word``'s stem starts with."""
        stem = self.stem(folded_word)
        if self.language == "russian":
            return (stem,)
        return (_english_beginning(stem),) + _IRREGULAR_BEGINNINGS.get(stem, ())


def _english_beginning(stem: str) -> str:
    """The longest beginning every word of an English stem shares. Porter2 ends a stem in a
    letter its words may lack only where it turns y into i (happy: happi), puts an e back
    (hoping: hope; relational: relate) or turns -bility into -bl (probability: probabl, from
    "probabil"); elsewhere the stem itself begins every word. (Taking the last letter off every
    stem, as before, made "chip" look for every word in chi-: china, chinese, chief.) Checked on
    the 174,000 distinct words of a large English text: every one begins with its beginning."""
    if stem.endswith(("e", "i", "y", "bl")):
        return stem[:-1] or stem
    return stem


ENGLISH = Stemmer("english")
RUSSIAN = Stemmer("russian")


@lru_cache(maxsize=200_000)
def _stem(language: str, word: str) -> str:
    return _snowball(language).stemWord(word)


@cache
def _snowball(language: str):
    return snowballstemmer.stemmer(language)


def base_language(code: str) -> str:
    """``en-GB`` → ``en``; the language tags sources carry are BCP 47 or plain names."""
    code = code.strip().lower().replace("_", "-")
    names = {"english": "en", "russian": "ru", "русский": "ru", "chinese": "zh"}
    return names.get(code, code.split("-")[0])


def stemmer_for(folded_word: str, language: str) -> Stemmer | None:
    """How a word is stemmed in a source written in ``language`` (None: matched exactly)."""
    if folded_word.isdigit():
        return None
    lang = base_language(language)
    chosen = None
    if _CYRILLIC.search(folded_word):
        chosen = None if lang in _CYRILLIC_SCRIPT_LANGUAGES else RUSSIAN
    elif folded_word.isascii() and lang not in _LATIN_SCRIPT_LANGUAGES:
        chosen = ENGLISH
    if chosen is None or len(folded_word) < MIN_STEMMED_LENGTH[chosen.language]:
        return None
    return chosen


def candidate_beginnings(folded_word: str, languages: set[str]) -> tuple[str, ...]:
    """Prefixes to look up in the word index for ``folded_word`` in sources of these languages.

    The exact word itself is always among them (a source whose language is matched exactly).
    """
    found = {folded_word}
    for lang in languages or {""}:
        stemmer = stemmer_for(folded_word, lang)
        if stemmer is not None:
            found.update(stemmer.beginnings(folded_word))
    # A beginning that another one begins with adds nothing.
    kept = sorted(found, key=len)
    return tuple(b for i, b in enumerate(kept) if not any(b.startswith(a) for a in kept[:i]))
