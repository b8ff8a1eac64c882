"""What a claim states, in a form two claims can be compared by: figures, words and dates.

Sources write the same figure many ways: "11.2 trillion rubles", "11,2 трлн рублей",
"RUB 11.2tn", or an analyst's stored quantity (11.2, "trillion RUB", 2024). Each is
brought to one ``Figure``: the whole value (11200000000000), a canonical unit (RUB,
USD, %, or the unit word folded) and the year. Words are folded and cut to a short stem
so "sanctions" and "sanctioned", "рублей" and "рубля" compare equal without a
dictionary. Dates in a sentence ("on 6 January 2025", "в декабре 2024 года") give the
date a claim speaks of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.text import fold_for_search

# Scale words and abbreviations, English and Russian, folded (see fold_for_search).
SCALES = {
    "thousand": 1e3, "thousands": 1e3, "k": 1e3, "тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "млн": 1e6, "миллион": 1e6,
    "миллиона": 1e6, "миллионов": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "млрд": 1e9, "миллиард": 1e9,
    "миллиарда": 1e9, "миллиардов": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12, "трлн": 1e12, "триллион": 1e12,
    "триллиона": 1e12, "триллионов": 1e12,
}
_CURRENCY_WORDS = {
    "RUB": ("rub", "ruble", "rubles", "rouble", "roubles", "руб", "рубль", "рубля", "рублей", "рублях", "₽", "р"),
    "USD": ("usd", "$", "us$", "dollar", "dollars", "доллар", "доллара", "долларов", "долл"),
    "EUR": ("eur", "€", "euro", "euros", "евро"),
    "CNY": ("cny", "rmb", "yuan", "юань", "юаня", "юаней", "¥"),
    "GBP": ("gbp", "£", "pound", "pounds", "фунт", "фунтов"),
    "INR": ("inr", "₹", "rupee", "rupees", "рупий"),
    "%": ("%", "percent", "per cent", "pct", "процент", "процента", "процентов", "проц"),
}
UNIT_OF_WORD = {word: unit for unit, words in _CURRENCY_WORDS.items() for word in words}
_UNIT_TOKEN = re.compile(r"[$€£¥₽₹%]|[^\W\d_]+\.?", re.UNICODE)
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_STEM = 5  # characters of a folded word kept: inflections of one stem compare equal
STOP_WORDS = frozenset(fold_for_search(word) for word in (
    "the a an and or of in on at to for by with from as is are was were be been has have had that this these "
    "those its it their his her which who will would could should may might than then about over under into "
    "per also not but after before since until more less most some any all each other such only said says "
    "и в во на по с со к ко о об от до из за для что это как а но или не же бы ли его ее их был была были "
    "будет будут году года годах который которые также уже при после более менее около").split())


@dataclass(frozen=True, slots=True)
class Figure:
    value: float  # the whole number: 11.2 trillion is 11200000000000, 40% is 40
    unit: str  # "RUB", "USD", "%", or the unit's words folded ("" for a bare count)
    year: int | None

    @property
    def key(self) -> tuple[str, str, int | None]:
        """Equal for figures that state the same amount (to six significant digits)."""
        return (f"{self.value:.6g}", self.unit, self.year)

    def describe(self) -> str:
        """As a reader writes it: "10.8 trillion RUB (2024)", "40% (2023)"."""
        unit = f" {self.unit}" if self.unit and self.unit != "%" else self.unit
        year = f" ({self.year})" if self.year is not None else ""
        for word, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
            if abs(self.value) >= scale:
                return f"{self.value / scale:.6g} {word}{unit}{year}"
        return f"{self.value:,.6g}{unit}{year}"


VALUE_TOLERANCE = 0.01  # relative difference within which two values are one figure rounded


def same_value(a: Figure, b: Figure) -> bool:
    """The same amount in the same unit and year, allowing for rounding."""
    if a.unit != b.unit or a.year != b.year:
        return False
    largest = max(abs(a.value), abs(b.value))
    return largest == 0 or abs(a.value - b.value) / largest <= VALUE_TOLERANCE


def normalise_unit(unit: str) -> tuple[float, str]:
    """(scale factor, canonical unit) of a unit as written: "trillion rubles" is (1e12, "RUB")."""
    scale, currency, rest = 1.0, "", []
    folded = fold_for_search(unit.replace("per cent", "percent"))
    for token in _UNIT_TOKEN.findall(folded):
        word = token.rstrip(".")
        if word in SCALES and scale == 1.0:
            scale = SCALES[word]
        elif word in UNIT_OF_WORD and not currency:
            currency = UNIT_OF_WORD[word]
        elif word:
            rest.append(_singular(word))
    return scale, currency or " ".join(rest)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def figure_of(value: float, unit: str, year: int | None, fallback_year: int | None = None) -> Figure:
    scale, canonical = normalise_unit(unit)
    return Figure(value * scale, canonical, year if year is not None else fallback_year)


def stems(text: str) -> frozenset[str]:
    """The content words of a text, folded and cut to their stem; numbers and stop words left out."""
    return frozenset(word[:_STEM] for word in _WORD.findall(fold_for_search(text)) if word not in STOP_WORDS
                     and word not in UNIT_OF_WORD and word not in SCALES)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two sets of stems (0 when either is empty)."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


# -- dates a sentence speaks of ---------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
    "октябр": 10, "ноябр": 11, "декабр": 12,
}
_RU_MONTH = r"(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
_EN_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
             r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_MONTH = f"(?:{_EN_MONTH}|{_RU_MONTH})"
# One pass over the text: at each place the first alternative that matches wins, most precise first.
_DATE = re.compile(
    r"(?<!\d)(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)(?:-(?P<id>\d\d))?(?!\d)"  # ISO
    rf"|(?<!\d)(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dm>{_MONTH})\s*,?\s+(?P<dy>(?:19|20)\d\d)(?!\d)"  # 6 January 2025
    rf"|\b(?P<mm>{_MONTH})\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d\d)(?!\d)"  # January 6, 2025
    rf"|\b(?P<pm>{_MONTH})\s+(?:of\s+)?(?P<py>(?:19|20)\d\d)(?!\d)"  # January 2025, январе 2025
    r"|(?<![\d.,])(?P<y>(?:19|20)\d\d)(?![.,]?\d)",  # 2025
    re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class SpokenDate:
    """A date as precise as it was written: (2025, 1, 6), (2024, 12, None) or (2024, None, None)."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        return "-".join(part for part in (f"{self.year:04d}", self.month and f"{self.month:02d}",
                                          self.day and f"{self.day:02d}") if part)

    def differs_from(self, other: SpokenDate) -> bool:
        """True only when both say something about the same part and it differs (2024 vs 2024-05 agree)."""
        if self.year != other.year:
            return True
        if self.month and other.month and self.month != other.month:
            return True
        return bool(self.day and other.day and self.month == other.month and self.day != other.day)


_RUSSIAN_MONTH_STEMS = sorted((key for key in _MONTHS if not key.isascii()), key=len, reverse=True)
_ENGLISH_MONTH_STEMS = frozenset(name[:_STEM] for name in _MONTHS if name.isascii() and len(name) > 3)


def is_month_stem(stem: str) -> bool:
    """A stem (see ``stems``) of a month's name, English or Russian: left out when events are compared."""
    return stem in _ENGLISH_MONTH_STEMS if stem.isascii() else _month(stem) is not None


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in _MONTHS:
        return _MONTHS[word]
    for stem in _RUSSIAN_MONTH_STEMS:
        if word.startswith(stem) and (stem != "ма" or word in ("май", "мая", "мае")):
            return _MONTHS[stem]
    return None


def dates_in(text: str) -> list[SpokenDate]:
    """Every date written in the text, in text order, each read as precisely as it was written."""
    if not _ANY_YEAR.search(text):  # every form names a year: most sentences are done here
        return []
    found = []
    for match in _DATE.finditer(text):
        date = _read_date(match.groupdict())
        if date is not None:
            found.append(date)
    return found


def _day(text: str) -> int | None:
    day = int(text)
    return day if 1 <= day <= 31 else None


def _read_date(parts: dict[str, str | None]) -> SpokenDate | None:
    if parts["iy"]:
        month, day = int(parts["im"] or 0), parts["id"]
        if not 1 <= month <= 12 or (day and _day(day) is None):
            return None
        return SpokenDate(int(parts["iy"]), month, int(day) if day else None)
    if parts["dy"]:
        day_of = _day(parts["dd"] or "0")
        return SpokenDate(int(parts["dy"]), _month(parts["dm"] or ""), day_of) if day_of else None
    if parts["my"]:
        day_of = _day(parts["md"] or "0")
        return SpokenDate(int(parts["my"]), _month(parts["mm"] or ""), day_of) if day_of else None
    if parts["py"]:
        return SpokenDate(int(parts["py"]), _month(parts["pm"] or ""))
    return SpokenDate(int(parts["y"] or 0))


def date_of_iso(text: str) -> SpokenDate | None:
    """A source's published date ("2024", "2024-12", "2024-12-01T…") as a SpokenDate."""
    match = re.match(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", text or "")
    if not match:
        return None
    year, month, day = match.groups()
    return SpokenDate(int(year), int(month) if month else None, int(day) if day else None)
