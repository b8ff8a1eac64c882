"""Quantities and dates as sources write them, in English and Russian, with exact offsets.

Claims are compared across sources by what they state: "11,2 трлн рублей" and "11.2
trillion rubles" are one figure, "к 2030 году" and "by 2030" one date. So a figure is
read as a whole number (11.2 trillion -> 11200000000000.0, 40% -> 40.0) with its unit
("%", a currency's ISO code, or the noun counted: "companies"), and every match keeps
its code-point span in the text it was read from, so a suggestion can underline it.

Pasted articles lose superscripts: "by 20303" is the year 2030 with note 3 and "11.22"
may be 11.2 with note 2. The caller that knows the source's footnote markers
(services.ingest.footnotes) passes their spans as ``notes`` and their digits are never
read as part of a number. Without them, a year after a temporal word ("by", "in",
"к", "до"...) with one or two digits run into it is still read as that year.

Pure functions over strings, no dictionaries to download: the words are listed here.
dateparser (installed with trafilatura) was weighed for the dates: its search_dates gives
the matched strings without their offsets and takes milliseconds a call, and quantulum3,
number-parser and price-parser cover English only; one pass of regular expressions here
reads a 300,000-character text in about a quarter of a second.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParsedQuantity:
    start: int  # code points into the text, start inclusive, end exclusive
    end: int
    value: float  # the whole number: 11.2 trillion -> 11200000000000.0, 40% -> 40.0
    unit: str  # "%", "pp" (percentage points), a currency's ISO code, or the noun counted; "" if none
    currency: str  # ISO 4217 code or ""
    scale: float  # 1e12 for "trillion", 1 without a scale word
    year: int | None  # the year the figure is for: the nearest date in its sentence


@dataclass(frozen=True, slots=True)
class ParsedDate:
    start: int
    end: int
    year: int
    month: int | None
    day: int | None
    qualifier: str  # "by", "mid", "late", "early", "since", "until", "before", "after", "Q1".."Q4", "H1", "H2" or ""


_SCALES: tuple[tuple[str, float], ...] = (
    (r"trillions?|trn|tn|tln|трлн\.?|триллион(?:а|ов|ами|ам|ах|ом|е|ы)?", 1e12),
    (r"billions?|bn|bln|b|млрд\.?|миллиард(?:а|ов|ами|ам|ах|ом|е|ы)?", 1e9),
    (r"millions?|mln|mn|m|млн\.?|миллион(?:а|ов|ами|ам|ах|ом|е|ы)?", 1e6),
    (r"thousands?|k|тыс\.?|тысяч(?:а|и|у|ей|ами|ам|ах)?", 1e3),
)
_SCALE = re.compile(r"(?:\s*|-)(" + "|".join(f"(?:{pattern})" for pattern, _ in _SCALES) + r")(?![\w])", re.IGNORECASE)
_SCALE_PARTS = [(re.compile(f"(?:{pattern})$", re.IGNORECASE), factor) for pattern, factor in _SCALES]

_CURRENCY_PREFIX = re.compile(r"((?:US\$|A\$|C\$|HK\$|R\$|\$|€|£|¥|₽|₹|USD|EUR|RUB|CNY|RMB|GBP|JPY|INR|BRL|Rs\.?)\s?)$")
_PREFIX_CODES = {"US$": "USD", "$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "R$": "BRL", "Rs": "INR",
                 "Rs.": "INR", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₹": "INR", "RMB": "CNY"}
_CURRENCY_WORDS: tuple[tuple[str, str], ...] = (
    (r"(?:russian\s+)?r(?:o)?ubles?|руб(?:\.|л(?:ь|я|ей|ям|ями|ях|ю|ем|и))?|₽|rub", "RUB"),
    (r"(?:us\s+)?dollars?|долл\.?|доллар(?:а|ов|ам|ами|ах|ы)?|usd|\$", "USD"),
    (r"euros?|евро|eur|€", "EUR"),
    (r"(?:chinese\s+)?yuan|renminbi|rmb|cny|юан(?:ь|я|ей|ям|ями|ях|и)", "CNY"),
    (r"(?:british\s+)?pounds(?:\s+sterling)?|фунт(?:а|ов)?(?:\s+стерлингов)?|gbp|£", "GBP"),
    (r"yen|иен(?:а|ы)?|jpy", "JPY"),
    (r"rupees?|рупи[йи]|inr", "INR"),
    (r"(?:brazilian\s+)?reais|brl|реал(?:а|ов)?", "BRL"),
    (r"rand|рэнд(?:а|ов)?|zar", "ZAR"),
    (r"dirhams?|дирхам(?:а|ов)?|aed", "AED"),
)
_CURRENCY_SUFFIX = re.compile(r"\s*(" + "|".join(f"(?:{pattern})" for pattern, _ in _CURRENCY_WORDS) + r")(?![\w])",
                              re.IGNORECASE)
_POINTS = re.compile(r"п\.|point|пункт", re.IGNORECASE)
_CURRENCY_NAMED = re.compile(r"(?<![\w])(" + "|".join(f"(?:{pattern})" for pattern, _ in _CURRENCY_WORDS)
                             + r")(?![\w])",
                             re.IGNORECASE)
_CURRENCY_PARTS = [(re.compile(f"(?:{pattern})$", re.IGNORECASE), code) for pattern, code in _CURRENCY_WORDS]
_PERCENT = re.compile(r"\s?(%|per\s?cent\b|pct\b|процент(?:а|ов|ам|ами|ах|у)?(?![\w])|п\.\s?п\.|"
                      r"percentage points?\b|процентн(?:ых|ого)\s+пункт(?:а|ов)?(?![\w]))", re.IGNORECASE)

# A figure in digits: "11.2", "4,5", "1,500,000", "1 500 000" (no-break or thin spaces, or plain ones
# between Russian groups). Not inside a word or code ("3A090", "H100", "COVID-19").
_DIGITS = re.compile(r"(?:(?<![\w.,/])|(?<=USD|EUR|RUB|CNY|RMB|GBP|JPY|INR|BRL))(?<![^\W\d_]-)"
                     r"([1-9]\d{0,2}(?:(?:,\d{3})+(?![\d,])|(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d))|\d+)"
                     r"(?:[.,](\d+))?(?!\d)")
_NUMBER_WORDS_EN = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
}
_RU_STEMS = {  # the cardinal's stem and the endings its cases take
    "дв": (2, "а|е|ух|ум|умя"), "тр": (3, "и|ех|ёх|ем|ём|емя"), "четыр": (4, "е|ех|ёх|ем|ём|ьмя"),
    "пят": (5, "ь|и|ью"), "шест": (6, "ь|и|ью"), "сем": (7, "ь|и|ью"), "вос": (8, "емь|ьми|емью|ьмью"),
    "девят": (9, "ь|и|ью"), "десят": (10, "ь|и|ью"), "одиннадцат": (11, "ь|и|ью"), "двенадцат": (12, "ь|и|ью"),
    "пятнадцат": (15, "ь|и|ью"), "двадцат": (20, "ь|и|ью"), "тридцат": (30, "ь|и|ью"), "сорок": (40, "|а"),
    "пятьдесят": (50, ""), "пятидесят": (50, "и"), "сто": (100, ""), "ст": (100, "а"), "двест": (200, "и"),
    "трист": (300, "а"), "четырест": (400, "а"), "пятьсот": (500, ""), "шестьсот": (600, ""), "семьсот": (700, ""),
}
_NUMBER_WORDS_RU = {stem + ending: value for stem, (value, endings) in _RU_STEMS.items()
                    for ending in endings.split("|")}
_NUMBER_WORDS = {**_NUMBER_WORDS_EN, **_NUMBER_WORDS_RU}
_EN_COMPOUND = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"-(?:one|two|three|four|five|six|seven|eight|nine)")
_WORD_NUMBER = re.compile(r"(?<![\w\-])(" + _EN_COMPOUND + "|" + "|".join(sorted(
    (re.escape(word) for word in _NUMBER_WORDS), key=len, reverse=True)) + r")(?![\w\-])", re.IGNORECASE)
_HUNDRED = re.compile(r"\s+hundred(?![\w])", re.IGNORECASE)
_UNITS_EN = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

# Words that come after a number without being what it counts.
_NOT_UNITS = frozenset(
    "of the a an and or to in on at by for from with than as is are was were be been has have had will would "
    "which that who it its this these those more less out per each other others under over about into "
    "percent per cent up down after before between against while if but not no so such also only all "
    "и в во на с со из по к ко от до за о об что как раз или а но не же ли бы при для под над".split())
_ADJECTIVE_ENDINGS = re.compile(r"(?:al|ic|ian|ese|ive|ous|ful|ern|ish|ary|ed|ing|new|major|large|small|big|top|an|"
                                r"ых|их|ые|ие|ый|ий|ая|яя|ой|ое|ее|ым|им|ыми|ими)$")
_NATIONALITY = re.compile(r"(?:an|ese|ish|ic|i)$")
_UNIT_ABBREVIATION = re.compile(r"[kMGT]Wh?|[kMGT]W|nm|km|kg|mm|[tT]|bpd|bcm|TFLOPS|PFLOPS|EFLOPS|mt|Mt|кг|км|т|"
                                r"нм|ГВт|МВт|кВт|ГВт·ч|тонн")
_WORD = re.compile(r"[ \t\u00a0\u202f]+([^\W_][\w]*(?:-[^\W_]+)?)")  # the next word on the same line
_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,5}s")  # "GPUs", "CPUs"
_PARTITIVE = re.compile(r"\s+(?:of|out of)\s+(?:the|those|these|its|their)\s", re.IGNORECASE)
_OUT_OF = re.compile(r"(?:\bof|\bout of|(?<![\w])из)\s+$", re.IGNORECASE)
_FRACTION = re.compile(r"[\s-]+(?:thirds?|quarters?|halves|half|fifths?|трет(?:и|ь|ей|ью)|четверт(?:и|ь|ей))(?![\w])",
                       re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"(?<![\w])(?:the|these|those|its|their|our|his|her|all)(?:\s+(?:previous|last|next|"
                                r"past|first|other|remaining|same|top|biggest|largest|main))?\s+$", re.IGNORECASE)
_GLUED = re.compile(r"(?:bn|tn|trn|mn|mln|bln|тыс|млн|млрд|трлн)(?![^\W\d_])|%", re.IGNORECASE)
_GLUED_MONEY = re.compile(r"(?:bn|tn|trn|mn|mln|bln|m|b|k|тыс|млн|млрд|трлн)(?![^\W\d_])|%", re.IGNORECASE)
_RANGE_HEAD = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?:\s*[-–—]\s*|\s+(?:to|and|до|и|or|или)\s+)(?:[$€£¥₽])?$")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”»)]*\s+(?=[\"'“«(]?[A-ZА-ЯЁ0-9])|\n\s*\n")
# Numbers that name something rather than measure it: "Article 5", "EO 14024", "No. 3".
_LABEL_BEFORE = re.compile(r"(?:article|section|chapter|paragraph|part|clause|resolution|decree|order|page|pages|"
                           r"no\.|nr\.|number|№|эо|eo|статья|статьи|статье|пункт|пункта|часть|указ|указа|"
                           r"постановление|постановления|приказ|стр\.|глава|раздел|fr|level|tier|grade|phase)\s*$",
                           re.IGNORECASE)

_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"]
_MONTH_PATTERNS = [
    (month[:3] + r"(?:" + re.escape(month[3:]) + r"|\.)?" if len(month) > 4 else month) + "|" + stem
    for month, stem in zip(_MONTHS_EN, ["январ[ьяюе]", "феврал[ьяюе]", "март[ае]?", "апрел[ьяюе]", "ма[йяюе]",
                                         "июн[ьяюе]", "июл[ьяюе]", "август[ае]?", "сентябр[ьяюе]",
                                         "октябр[ьяюе]", "ноябр[ьяюе]", "декабр[ьяюе]"], strict=True)
]
_MONTH = "(?:" + "|".join(f"(?:{pattern})" for pattern in _MONTH_PATTERNS) + r")(?![\w])"
_MONTH_PARTS = [re.compile(f"(?:{pattern})$", re.IGNORECASE) for pattern in _MONTH_PATTERNS]
_QUALIFIERS: tuple[tuple[str, str], ...] = (
    (r"by|no later than|not later than|к|до|не позднее|не позже", "by"),
    (r"mid-?|the middle of|middle of|в середине|середин[аеуы]", "mid"),
    (r"late|the end of|end of|year-end|в конце|конц[ае]|конец|к концу", "late"),
    (r"early|the beginning of|beginning of|the start of|start of|в начале|начал[аеоу]", "early"),
    (r"since|starting in|с|со", "since"),
    (r"until|till|through|по", "until"),
    (r"before", "before"),
    (r"after|после", "after"),
)
_QUALIFIER_PARTS = [(re.compile(f"(?:{pattern})$", re.IGNORECASE), name) for pattern, name in _QUALIFIERS]
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "перв": 1, "втор": 2, "трет": 3, "четвёрт": 4,
             "четверт": 4}


def _qualifier_group(name: str) -> str:
    words = "|".join(f"(?:{pattern})" for pattern, _ in _QUALIFIERS)
    return rf"(?:(?:in\s+|at\s+)?(?P<{name}>{words})\s*)?"


def _year_group(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)"


_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.)(?![\w]))?"
_DATE_FORMS = re.compile(
    r"(?<![\w])(?<![^\W\d_]-)(?:"
    r"(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01]))(?!\d)"
    r"|(?P<dmy>(?P<dd>0?[1-9]|[12]\d|3[01])\.(?P<dm>0[1-9]|1[0-2])\.(?P<dy>(?:19|20)\d\d))(?!\d)"
    r"|(?P<quarter>(?:(?:in|в)\s+)?(?:the\s+)?(?P<qn>first|second|third|fourth|перв\w*|втор\w*|трет\w*|четв[её]рт\w*)"
    r"\s+(?:quarter|квартал\w*)\s+(?:of\s+)?" + _year_group("qqy") + _YEAR_WORD + ")"
    r"|(?P<half>Q(?P<qd>[1-4])|H(?P<hd>[12]))\s*" + _year_group("qy") +
    r"|" + _qualifier_group("q1") + r"(?:(?:in|в|во)\s+)?(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>" + _MONTH +
    r")\.?(?:\s*(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?)?(?:\s*" + _year_group("my") + _YEAR_WORD + ")?"
    r"|" + _qualifier_group("q2") + r"(?:(?:in|в)\s+)?" + _year_group("y") + r"(?P<glued>\d{1,2})?" + _YEAR_WORD +
    r")(?![\d\w%])", re.IGNORECASE)
_TEMPORAL_WORD = re.compile(r"(?:by|in|until|since|before|after|through|from|to|к|до|в|с|по|от|на)\s+$",
                            re.IGNORECASE)


def parse_dates(text: str, language: str = "", *, notes: Sequence[tuple[int, int]] = ()) -> tuple[ParsedDate, ...]:
    """Years, months, days and periods ("by 2030", "mid-2025", "к 2030 году") in text order.

    ``notes``: spans of the source's footnote markers, whose digits are not part of a date.
    """
    del language  # both languages' words are recognised everywhere; sources mix them
    return _scan_dates(_mask(text, notes))[0]


def parse_figures(text: str, language: str = "", *, notes: Sequence[tuple[int, int]] = ()
                  ) -> tuple[tuple[ParsedQuantity, ...], tuple[ParsedDate, ...]]:
    """``parse_quantities`` and ``parse_dates`` of one text at the cost of one."""
    del language
    masked = _mask(text, notes)
    dates, cover = _scan_dates(masked)
    found: list[ParsedQuantity] = []
    for number in _numbers(masked, cover):
        parsed = _quantity_at(masked, number)
        if parsed is not None:
            found.append(parsed)
    found = _ranges(masked, found, cover)
    return tuple(_with_years(masked, found, dates)), dates


def _scan_dates(text: str) -> tuple[tuple[ParsedDate, ...], bytearray]:
    """The dates of a text, and which of its characters belong to a date (or to a day and month without a
    year, whose day is not a count either)."""
    found: list[ParsedDate] = []
    cover = bytearray(len(text) + 1)
    for match in _DATE_FORMS.finditer(text):
        parsed = _date_of(match, text)
        if parsed is not None:
            found.append(parsed)
            cover[parsed.start:parsed.end] = b"\x01" * (parsed.end - parsed.start)
        elif match.group("month"):
            cover[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    return tuple(found), cover


def _date_of(match: re.Match[str], text: str) -> ParsedDate | None:
    start, end = match.start(), match.end()
    groups = match.groupdict()
    if groups["iso"]:
        return ParsedDate(start, end, int(groups["iy"]), int(groups["im"]), int(groups["id"]), "")
    if groups["dmy"]:
        return ParsedDate(start, end, int(groups["dy"]), int(groups["dm"]), int(groups["dd"]), "")
    if groups["quarter"]:
        number = next(value for stem, value in _QUARTERS.items() if groups["qn"].lower().startswith(stem))
        return ParsedDate(start, end, int(groups["qqy"]), None, None, f"Q{number}")
    if groups["half"]:
        label = f"Q{groups['qd']}" if groups["qd"] else f"H{groups['hd']}"
        return ParsedDate(start, end, int(groups["qy"]), None, None, label)
    if groups["month"]:
        if not groups["my"]:
            return None  # a day and month without a year: not a date we can place
        month = next(index for index, pattern in enumerate(_MONTH_PARTS, 1) if pattern.match(groups["month"]))
        day_text = groups["day"] or groups["day2"]
        begin = _begin(match, "q1", "day", "month")
        return ParsedDate(begin, end, int(groups["my"]), month, int(day_text) if day_text else None,
                          _qualifier(groups["q1"]))
    qualifier = _qualifier(groups["q2"])
    if groups["glued"]:
        if not (qualifier or _TEMPORAL_WORD.search(text, max(0, match.start("y") - 12), match.start("y"))):
            return None  # "20303" with no temporal word before it is a number, not a year with a note
        end = match.end("y")
    elif not qualifier and _followed_by_measure(text, match.end("y")):
        return None  # "2000 companies" is a count and "2024 billion" a figure, not a year
    return ParsedDate(_begin(match, "q2", "y"), end, int(groups["y"]), None, None, qualifier)


def _begin(match: re.Match[str], *names: str) -> int:
    """Where a date starts: at its qualifier ("by", "mid-"), else at its first part (not at "in")."""
    return next(match.start(name) for name in names if match.group(name))


def _qualifier(words: str | None) -> str:
    words = " ".join((words or "").split()).strip(" -").lower()
    words = re.sub(r"^(?:in|в|во)\s+", "", words)
    if not words:
        return ""
    for pattern, name in _QUALIFIER_PARTS:
        if pattern.match(words) or pattern.match(words + "-"):
            return name
    return ""


def _followed_by_measure(text: str, position: int) -> bool:
    rest = text[position:position + 24]
    return bool(_PERCENT.match(rest) or _SCALE.match(rest) or _CURRENCY_SUFFIX.match(rest))


def _mask(text: str, notes: Sequence[tuple[int, int]]) -> str:
    """The text with each footnote marker's digits replaced by spaces, so offsets stay as they were."""
    if not notes:
        return text
    chars = list(text)
    for start, end in notes:
        for index in range(max(0, start), min(len(chars), end)):
            chars[index] = " "
    return "".join(chars)


def parse_quantities(text: str, language: str = "", *,
                     notes: Sequence[tuple[int, int]] = ()) -> tuple[ParsedQuantity, ...]:
    """Money, percentages and counts in text order, each with its span and whole-number value.

    ``notes``: spans of the source's footnote markers (their digits are never read as part of a
    number). Years and the numbers inside dates are not quantities; they give quantities their year.
    """
    return parse_figures(text, language, notes=notes)[0]


@dataclass(frozen=True, slots=True)
class _Number:
    start: int
    end: int
    value: float
    bare_year: bool = False  # 1900-2099 written as a plain integer
    grouped: bool = False  # written with a decimal or thousands separator: "15,830", "2,5"
    in_words: bool = False


def _numbers(text: str, taken: bytearray) -> list[_Number]:
    """Each number (digits or words) outside dates, in text order."""
    numbers = []
    for match in _DIGITS.finditer(text):
        if taken[match.start()] or _LABEL_BEFORE.search(text, max(0, match.start() - 16), match.start()):
            continue
        value = _digits_value(match.group(1), match.group(2))
        plain = match.group(2) is None and match.group(1).isdigit()
        numbers.append(_Number(match.start(), match.end(), value, plain and 1900 <= value <= 2099, not plain))
    last_end = -1
    for match in _WORD_NUMBER.finditer(text):
        if taken[match.start()] or last_end > match.start():
            continue  # "hundred" in "two hundred" was read with "two"
        if _DETERMINER_BEFORE.search(text, max(0, match.start() - 24), match.start()):
            continue  # "the two governments", "the previous two years": which ones, not how many
        value, end = _word_value(match.group(1)), match.end()
        hundreds = _HUNDRED.match(text, end)
        if hundreds and value < 10:
            value, end = value * 100, hundreds.end()
        numbers.append(_Number(match.start(), end, value, in_words=True))
        last_end = end
    numbers.sort(key=lambda number: number.start)
    return numbers


def _digits_value(whole: str, fraction: str | None) -> float:
    digits = re.sub(r"[,\u00a0\u202f\u2009 ]", "", whole)
    return float(f"{digits}.{fraction}") if fraction else float(digits)


def _word_value(word: str) -> float:
    word = word.lower()
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    tens, units = word.split("-")
    return float(_NUMBER_WORDS_EN[tens] + _UNITS_EN[units])


def _quantity_at(text: str, number: _Number) -> ParsedQuantity | None:
    """The figure that starts with ``number``: currency before, scale, currency or unit after."""
    start, end, value = number.start, number.end, number.value
    currency = ""
    before = _CURRENCY_PREFIX.search(text, max(0, start - 4), start)
    if before:
        currency = _PREFIX_CODES.get(before.group(1).strip(), before.group(1).strip())
        start = before.start()
    if end < len(text) and text[end].isalpha() and not _glued_suffix(text, end, bool(currency)):
        return None  # "3A090", "5G", "910B": a code or a model name
    scale = 1.0
    scale_match = _SCALE.match(text, end)
    if scale_match and (currency or scale_match.group(1).lower() not in ("b", "m", "k")):
        scale = next(factor for pattern, factor in _SCALE_PARTS if pattern.match(scale_match.group(1)))
        end = scale_match.end()
    percent = _PERCENT.match(text, end)
    if percent:
        points = _POINTS.search(percent.group(1))  # a change of a share, not a share: never equal to a %
        return ParsedQuantity(start, percent.end(), value, "pp" if points else "%", "", 1.0, None)
    suffix = _CURRENCY_SUFFIX.match(text, end)
    if suffix and not currency:
        currency = next(code for pattern, code in _CURRENCY_PARTS if pattern.match(suffix.group(1)))
        end = suffix.end()
    if currency:
        return ParsedQuantity(start, end, value * scale, currency, currency, scale, None)
    if number.bare_year or (number.in_words and _FRACTION.match(text, end)):
        return None  # a year, or "two thirds"
    unit, unit_end = _counted_noun(text, end)
    if not unit and scale == 1.0 and not (number.grouped or _OUT_OF.search(text, max(0, start - 8), start)):
        return None  # a bare whole number is a figure only when it says what it counts ("of 89" does)
    return ParsedQuantity(start, unit_end if unit else end, value * scale, unit, "", scale, None)


def _glued_suffix(text: str, end: int, money: bool) -> bool:
    """A scale or per cent written onto the number: "5bn", "$5m", "40%" ("910B" alone is a model name)."""
    rest = text[end:end + 12]
    pattern = _GLUED_MONEY if money else _GLUED
    return bool(pattern.match(rest))


def _counted_noun(text: str, end: int) -> tuple[str, int]:
    """The noun a count measures, lowercased, and its end: "20 companies", "300 financial institutions",
    "20 Chinese firms", "500,000 Ascend 910B units", "10,000 GPUs", "250 of the intermediaries"."""
    if text[end - 1] in ".!?":
        return "", end  # "11,1 трлн. Столько рублей…": the noun is in the next sentence
    position = end
    partitive = _PARTITIVE.match(text, end)
    if partitive:
        position = partitive.end() - 1
    for _ in range(4):
        match = _WORD.match(text, position)
        if not match or match.start(1) - position > 2:
            return "", end
        word, lower = match.group(1), match.group(1).lower()
        following = _WORD.match(text, match.end())
        if _UNIT_ABBREVIATION.fullmatch(word) or _ACRONYM_PLURAL.fullmatch(word):
            return word, match.end()
        if lower in _NOT_UNITS:
            return "", end
        modifier = not word.islower() or bool(_ADJECTIVE_ENDINGS.search(lower))
        if modifier and following and following.group(1).lower() not in _NOT_UNITS:
            position = match.end()  # an adjective, a name or a model before the noun
            continue
        if not word.isalpha() or not word.islower():
            return "", end
        return lower, match.end()
    return "", end


def _ranges(text: str, found: list[ParsedQuantity], taken: bytearray) -> list[ParsedQuantity]:
    """"10-15%", "$10-15 billion", "от 10 до 15 млрд рублей": both ends of a range share unit, currency and scale.

    The first end often reads as a bare number (dropped) or lacks the scale written once after the second.
    """
    result = list(found)
    ending_at = {quantity.end: position for position, quantity in enumerate(found)}
    for index, second in enumerate(found):
        window = max(0, second.start - 24)
        head = _RANGE_HEAD.search(text, window, second.start)
        if not head or taken[head.start(1)]:
            continue
        first_at = ending_at.get(head.end(1))
        first = found[first_at] if first_at is not None else None
        if first is not None and first.unit and first.unit != second.unit and not first.currency:
            continue  # "20 companies and 15 banks": two counts, not a range
        number = float(head.group(1).replace(",", ".")) if first is None else first.value / first.scale
        scale = second.scale if first is None or first.scale == 1.0 else first.scale
        currency = second.currency or (first.currency if first else "")
        unit = second.unit or currency
        start = first.start if first else head.start(1)
        widened = ParsedQuantity(start, head.end(1), number * (scale if unit != "%" else 1.0), unit, currency,
                                 scale, None)
        if first_at is None:
            result.append(widened)
        else:
            result[first_at] = widened
        if not second.currency and currency:
            result[index] = ParsedQuantity(second.start, second.end, second.value, currency, currency,
                                           second.scale, None)
    return result


def _with_years(text: str, found: list[ParsedQuantity], dates: tuple[ParsedDate, ...]) -> list[ParsedQuantity]:
    """Each figure takes the year of the nearest date in its sentence."""
    bounds = [0] + [match.end() for match in _SENTENCE_END.finditer(text)] + [len(text) + 1]
    starts = [date.start for date in dates]
    result = []
    for quantity in sorted(found, key=lambda item: item.start):
        low = bounds[bisect_right(bounds, quantity.start) - 1]
        high = bounds[bisect_left(bounds, quantity.end)]
        near = dates[bisect_left(starts, low):bisect_left(starts, high)]
        year = min(near, key=lambda date: abs(date.start - quantity.start)).year if near else None
        result.append(ParsedQuantity(quantity.start, quantity.end, quantity.value, quantity.unit,
                                     quantity.currency, quantity.scale, year))
    return result


def currency_named(text: str) -> str:
    """The ISO code of the first currency a text names in words or symbols ("That's how many rubles"), or ""."""
    match = _CURRENCY_NAMED.search(text)
    if not match:
        return ""
    return next(code for pattern, code in _CURRENCY_PARTS if pattern.match(match.group(1)))
