"""Title, author and date read from the header lines of a pasted or saved article.

A header is what stands before the first sentence of the article: a kicker, the
headline, "By Jane Doe", "Edited By" with a name and a job title below it, "Authors"
with "Name; Affiliation" lines, "Last updated: 12 Nov 2025", "12 ноября 2025".
Bylines and date lines there are the source's metadata, not its text: they are
returned with the line numbers they occupy so the cleaner can take them out (and
record them, so they can be restored). The headline stays in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .line_rules import edge_reason, is_prose, line_reason, word_count

BYLINE = "byline"
DATELINE = "date line"
KICKER = "site name or kicker above the headline"
COUNTER = "like or comment count"
_COUNTER = re.compile(r"^\d{1,5}$")

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "янв": 1, "фев": 2, "апр": 4, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}
_MONTH_WORD = r"([A-Za-zА-Яа-яЁё]{3,10})\.?"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_WORD},?\s+(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH_WORD}\s+(\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")

_DATE_LABEL = re.compile(
    r"^\W*(last updated|updated( on)?|published( on)?|posted( on)?|first published|date|dated|released|"
    r"обновлено|опубликовано|дата( публикации)?|发布时间|更新时间)\b\s*[:：]?\s*", re.IGNORECASE)
_PLACE = re.compile(r"^[A-ZА-ЯЁ][\w.'-]*(\s[A-ZА-ЯЁ][\w.'-]*){0,2}\s*(,|—|–)\s*(?=\S)")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(\s*(am|pm|a\.m\.|p\.m\.))?(\s*[A-Z]{2,4}|\s*(GMT|UTC|МСК|MSK)[+-]?\d*)?",
                   re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
                      r"понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\b,?", re.IGNORECASE)

_BY = re.compile(r"^\W*(by|written by|words by|reporting by|story by|автор(ы)?|текст|by:)\s*[:：]?\s+(?P<names>\S.*)$",
                 re.IGNORECASE)
_ROLE_BY = re.compile(r"^\W*(interview|reporting|analysis|story|photos?|words|text|research)( and \w+)?\s+by\s+"
                      r"(?P<names>\S.*)$", re.IGNORECASE)
_EDITED_BY = re.compile(r"^\W*(edited by|editor|reviewed by|fact[- ]checked by|редактор|под редакцией)\s*[:：]?\s*"
                        r"(?P<names>.*)$", re.IGNORECASE)
_DATED_BY = re.compile(r"^\W*(posted|published|updated)( on)?\s+(?P<date>.+?)\s+by\s+(?P<names>\S.*)$", re.IGNORECASE)
_AUTHORS_HEAD = re.compile(r"^\W*(authors?|contributors?|written by|авторы?|об авторах?)\s*[:：]?\s*$", re.IGNORECASE)
_ROLE_WORDS = re.compile(
    r"\b(editor|correspondent|reporter|writer|journalist|columnist|analyst|fellow|director|researcher|professor|"
    r"lecturer|associate|head of|chief|senior|junior|staff|contributor|producer|manager|officer|scientist|"
    r"economist|chair|president|founder|partner|intern|desk|bureau|редактор|корреспондент|обозреватель|"
    r"журналист|аналитик|эксперт|научный сотрудник|директор|профессор|руководитель)\b", re.IGNORECASE)
_NAME_WORD = r"[A-ZА-ЯЁ][\w'’.-]*"
_NAME = re.compile(rf"^(Dr\.?\s+|Prof\.?\s+)?{_NAME_WORD}(\s+(van|von|de|da|del|al|bin|el|la)?\s*{_NAME_WORD}){{1,3}}$")
_CYRILLIC_NAME = re.compile(r"^[А-ЯЁ][а-яё]+(\s+[А-ЯЁ]\.)?(\s+[А-ЯЁ][а-яё]+(-[А-ЯЁ][а-яё]+)?){1,2}$")
_LABELS = re.compile(
    r"^\W*(authors?|abstract|summary|executive summary|contents|table of contents|introduction|keywords|"
    r"key (points|findings|takeaways)|working paper( series)?( no\.? ?\d+)?|policy (brief|paper)( no\.? ?\d+)?|"
    r"research (paper|report)|report|analysis|opinion|commentary|news|feature|interview|explainer|"
    r"аннотация|содержание|введение|ключевые слова|аналитика|мнение|новости)\W*$", re.IGNORECASE)
HEADER_LINES = 16  # non-blank lines looked at before the first sentence


@dataclass(frozen=True, slots=True)
class HeaderMeta:
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    removed: tuple[tuple[int, str], ...] = ()  # (line index, reason) of header lines that are metadata


def parse_date(text: str) -> str:
    """The first date written in ``text`` as ISO 8601 (possibly YYYY-MM), or ""."""
    for pattern, order in ((_ISO, "ymd"), (_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy"), (_DOTTED, "dmy#"),
                           (_MONTH_YEAR, "my")):
        for found in pattern.finditer(text):
            iso = _iso_from(found.groups(), order)
            if iso:
                return iso
    return ""


def _month(word: str) -> int | None:
    word = word.casefold().rstrip(".")
    for stem in sorted(_MONTHS, key=len, reverse=True):
        if word.startswith(stem):
            return _MONTHS[stem]
    return None


def _iso_from(groups: tuple, order: str) -> str:
    year: int
    month: int | None
    day: int | None
    if order == "ymd":
        year, month, day = (int(g) for g in groups)
    elif order == "dmy#":
        day, month, year = (int(g) for g in groups)
    elif order == "my":
        month, year, day = _month(groups[0]), int(groups[1]), None
    else:
        day_text, month_text, year_text = groups if order == "dmy" else (groups[1], groups[0], groups[2])
        day, month, year = int(day_text), _month(month_text), int(year_text)
    if not month or not 1 <= month <= 12 or not 1900 <= year <= 2100 or (day is not None and not 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def is_date_line(line: str) -> bool:
    """A line that only says when (and maybe where): "Last updated: Nov 12, 2025 10:04 IST", "Shanghai, 6 May 2025"."""
    if len(line) > 120 or not parse_date(line):
        return False
    rest = _PLACE.sub("", _DATE_LABEL.sub("", line))
    for pattern in (_ISO, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _DOTTED, _MONTH_YEAR, _TIME, _WEEKDAY):
        rest = pattern.sub(" ", rest)
    rest = re.sub(r"\b(at|on|в|г\.?|года)\b", " ", rest, flags=re.IGNORECASE)
    return not re.search(r"\w", rest)


def _clean_names(names: str) -> list[str]:
    names = re.split(r"\s*(?:\||·|•)\s*", names)[0]  # "By Jane Doe | 12 Nov 2025": the name part
    names = re.sub(r",?\s*(and|и|&)\s+", ", ", names.strip().rstrip("."))
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*", names) if p.strip()]
    return [p for p in parts if word_count(p) <= 5 and not re.search(r"\d", p)]


def _looks_like_name(line: str) -> bool:
    line = line.strip().rstrip(",")
    return (bool(_NAME.match(line) or _CYRILLIC_NAME.match(line)) and word_count(line) <= 5
            and not _ROLE_WORDS.search(line) and not _LABELS.match(line))


def _is_role(line: str) -> bool:
    return len(line) <= 100 and not is_prose(line) and bool(_ROLE_WORDS.search(line))


def _split_author_line(line: str) -> str:
    """ "Jane Doe; Institute of Things" or "Jane Doe, Senior Fellow": the name before the affiliation."""
    name = re.split(r"\s*[;,(—–|]\s*", line, maxsplit=1)[0].strip()
    return name if _looks_like_name(name) else ""


class _HeaderReader:
    """Walks the header's lines once, noting metadata lines and the title candidates."""

    def __init__(self, lines: Sequence[str]):
        self.lines = lines
        self.removed: dict[int, str] = {}
        self.authors: list[str] = []
        self.published = ""

    def read(self, indices: Sequence[int]) -> None:
        position = 0
        while position < len(indices):
            position = self._read_one(indices, position)
        self._bare_names(indices)

    def _bare_names(self, indices: Sequence[int]) -> None:
        """A name alone on a line beside the date ("Иван Петров" over "12 ноября 2025") is the byline."""
        for position, index in enumerate(indices):
            line = self.lines[index]
            name, _, role_part = line.partition(",")
            if index in self.removed:
                continue
            if _looks_like_name(name) and role_part and _is_role(role_part):
                line = name  # "Li Wei, Beijing correspondent"
            elif not _looks_like_name(line):
                continue
            before = [indices[p] for p in (position - 1,) if p >= 0]
            after = indices[position + 1:position + 3]
            role = after[:1] if after and _is_role(self.lines[after[0]]) else []
            dated = [i for i in (*before, *after[len(role):len(role) + 1]) if self.removed.get(i) == DATELINE]
            if dated:
                for taken in (index, *role):
                    self.removed[taken] = BYLINE
                self.authors.append(line.strip().rstrip(","))

    def _read_one(self, indices: Sequence[int], position: int) -> int:
        index = indices[position]
        line = self.lines[index]
        following = [self.lines[i] for i in indices[position + 1:position + 6]]
        if is_date_line(line):
            self._date(index, line)
            return position + 1
        dated_by = _DATED_BY.match(line)
        # Not a sentence that starts with its date: "Published 2024-12-16. The strategy sets ... by 2030."
        if dated_by and word_count(line) <= 14 and not is_prose(line) and parse_date(dated_by.group("date")) \
                and _clean_names(dated_by.group("names")):
            self._date(index, dated_by.group("date"))
            self._byline(index, _clean_names(dated_by.group("names")), line)
            return position + 1
        by = _BY.match(line) or _ROLE_BY.match(line)
        if by and word_count(line) <= 14 and not is_prose(line):
            names = _clean_names(by.group("names"))
            if names:
                self._byline(index, names, line)
                return position + 1
        edited = _EDITED_BY.match(line)
        if edited and word_count(line) <= 10:
            return self._edited_by(indices, position, edited.group("names"), following)
        if _AUTHORS_HEAD.match(line):
            return self._authors_list(indices, position, following)
        if _COUNTER.match(line):  # a like or comment count under the byline: "12"
            self.removed[index] = COUNTER
        return position + 1

    def _date(self, index: int, line: str) -> None:
        self.removed[index] = DATELINE
        if not self.published or _DATE_LABEL.match(line) and "publish" in line.casefold():
            self.published = parse_date(line)

    def _byline(self, index: int, names: list[str], line: str) -> None:
        self.removed[index] = BYLINE
        self.authors += [n for n in names if n not in self.authors]
        if not self.published:  # "By Jane Doe | 12 Nov 2025" or "By Jane Doe · May 17, 2025 · 4 min read"
            self.published = parse_date(line)

    def _edited_by(self, indices, position: int, names: str, following: list[str]) -> int:
        """ "Edited By" alone, then the name, then maybe the job title; or "Edited by Jane Doe"."""
        self.removed[indices[position]] = BYLINE
        taken = 1
        if names.strip():
            self.authors += [n for n in _clean_names(names) if n not in self.authors]
        elif following and _looks_like_name(following[0]):
            self.authors.append(following[0].strip().rstrip(","))
            self.removed[indices[position + 1]] = BYLINE
            taken = 2
        if len(following) >= taken and _is_role(following[taken - 1]):
            self.removed[indices[position + taken]] = BYLINE
            taken += 1
        return position + taken

    def _authors_list(self, indices, position: int, following: list[str]) -> int:
        """ "Authors" and then "Name; Affiliation" lines (or a name line and an affiliation line)."""
        names, taken = [], 1
        for line in following:
            name = _split_author_line(line)
            if name:
                names.append(name)
            elif not (names and _is_role(line)):
                break
            taken += 1
        if not names:
            return position + 1
        for offset in range(taken):
            self.removed[indices[position + offset]] = BYLINE
        self.authors += [n for n in names if n not in self.authors]
        return position + taken


def header_indices(lines: Sequence[str], candidates: Sequence[int]) -> list[int]:
    """The candidate lines (non-blank, not already clutter) before the article's body.

    The body begins at the second sentence-like line: the first may be a standfirst that
    sits between the headline and the byline ("Headline / One-sentence summary. / By X").
    """
    header, sentences = [], 0
    for index in candidates[:HEADER_LINES]:
        if is_prose(lines[index]):
            sentences += 1
            if sentences == 2:
                break
        header.append(index)
    return header


def _title_choices(lines: Sequence[str], header: Sequence[int], removed: dict[int, str]) -> list[int]:
    def fit(i: int) -> bool:
        option = lines[i].strip().lstrip("#").strip()
        return (3 <= len(option) <= 200 and not option.endswith(":") and not _LABELS.match(option) and not is_prose(option)
                and not is_date_line(option) and edge_reason(option) is None and line_reason(option) is None)
    return [i for i in header if i not in removed and fit(i)]


def _title_index(lines: Sequence[str], header: Sequence[int], removed: dict[int, str]) -> int | None:
    """The headline: the line right above the byline or date if there is one, else the first that reads as one."""
    choices = _title_choices(lines, header, removed)
    first_meta = min(removed, default=None)
    above = [i for i in choices if first_meta is not None and i < first_meta and word_count(lines[i]) >= 3]
    if above:
        return above[-1]
    # Without a byline to stand above, a headline comes before the article's first sentence:
    # a short line after it is the body going on ("Sberbank will host the first cluster.").
    first_prose = next((i for i in header if is_prose(lines[i])), None)
    if first_prose is not None:
        choices = [i for i in choices if i < first_prose]
    multiword = [i for i in choices if word_count(lines[i]) >= 3]
    return next(iter(multiword or choices), None)


def read_header(lines: Sequence[str], candidates: Sequence[int]) -> HeaderMeta:
    """Title, authors and date from the header; ``candidates`` are the indices of lines still in the text."""
    header = header_indices(lines, candidates)
    reader = _HeaderReader(lines)
    reader.read(header)
    title_at = _title_index(lines, header, reader.removed)
    title = lines[title_at].strip().lstrip("#").strip() if title_at is not None else ""
    if title_at is not None and reader.removed:  # a site name or kicker above a headline with a byline
        for index in header:
            short_or_same = word_count(lines[index]) <= 5 or lines[index].casefold() == lines[title_at].casefold()
            if index < title_at and index not in reader.removed and short_or_same:
                reader.removed[index] = KICKER
    if not title and candidates:  # no header at all: the first line, if it is short enough to be a headline
        first = lines[candidates[0]].strip().lstrip("#").strip()
        title = first if len(first) <= 150 and not is_prose(first) else ""
    return HeaderMeta(title, tuple(reader.authors), reader.published, tuple(sorted(reader.removed.items())))


def strip_site_name(title: str, site: str = "") -> str:
    """A page title without the site's name: "Chips for BRICS | The Diplomat" → "Chips for BRICS"."""
    parts = re.split(r"\s+(?:\||–|—|-|::|·|»)\s+", title.strip())
    if len(parts) < 2:
        return title.strip()
    site_key = site.casefold().strip()
    last, first = parts[-1], parts[0]
    if (site_key and (last.casefold() in site_key or site_key in last.casefold())) or \
            (word_count(last) <= 4 and word_count(" ".join(parts[:-1])) > word_count(last)):
        return " - ".join(parts[:-1]).strip() if len(parts) > 2 else first.strip()
    if site_key and (first.casefold() in site_key or site_key in first.casefold()):
        return " - ".join(parts[1:]).strip()
    return title.strip()
