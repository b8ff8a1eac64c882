"""Footnote markers in pasted text: a number glued to a word that points into the notes at the end.

Text pasted from a web page or a PDF loses superscripts: "the AI Alliance Network."1"
or "capacity by 20303" (the year 2030 and note 3). When the text ends with a numbered
list of notes ("1. …", "[2] …", after "Notes" or "References"), such glued numbers that
name an entry of the list are footnote references. They are read from the text as it
stands, so they never change it and follow every correction of it; reports and the
command line use them to cite the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOTE = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+(\S.*)$")
_NOTES_HEAD = re.compile(r"^\W*(notes|endnotes|footnotes|references|sources|bibliography|примечания|сноски|"
                         r"источники|литература|список литературы|注释|参考文献)\W*$", re.IGNORECASE)
# A number right after a lowercase word, a closing quote or punctuation: "Network."1", "cheaper2".
# Not the decimals of a figure: "11.2 trillion" stays 11.2 even when the notes have a note 2.
_GLUED = re.compile(r"(?:(?<=[a-zа-яё]{3})|(?<=[.,;:!?\"”»')\]]))(?<!\d[.,])(\d{1,3})(?=[\s.,;:!?)]|$)")
# A year with the note number run into it: "by 20303" is 2030 and note 3.
_YEAR_GLUED = re.compile(r"(?<=\s)((?:19|20)\d\d)(\d{1,2})(?=[\s.,;:!?)]|$)")


@dataclass(frozen=True, slots=True)
class FootnoteRef:
    start: int  # the marker's digits in the text (code points)
    end: int
    number: int
    note: str  # the text of the note it points to


def _notes_at_end(text: str) -> tuple[int, dict[int, str]]:
    """Where the list of notes begins and its entries by number (empty without one)."""
    lines = text.split("\n")
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line) + 1
    notes: dict[int, str] = {}
    begin = len(text)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip():
            continue
        found = _NOTE.match(line)
        if found:
            notes[int(found.group(1) or found.group(2))] = found.group(3).strip()
            begin = offsets[index]
        elif _NOTES_HEAD.match(line) and notes:
            begin = offsets[index]
            break
        else:
            break
    numbers = sorted(notes)
    if len(numbers) < 2 or numbers[0] > 2:  # a lone numbered line is a list item, not notes
        return len(text), {}
    return begin, notes


def notes_begin(text: str) -> int:
    """Where the list of notes at the end begins (the text's length without one)."""
    return _notes_at_end(text)[0]


def footnote_refs(text: str) -> list[FootnoteRef]:
    """Glued numbers in the body that name a note of the list at the end, in text order."""
    begin, notes = _notes_at_end(text)
    if not notes:
        return []
    body = text[:begin]
    refs = []
    for found in _GLUED.finditer(body):
        number = int(found.group(1))
        if number in notes:
            refs.append(FootnoteRef(found.start(1), found.end(1), number, notes[number]))
    for found in _YEAR_GLUED.finditer(body):
        number = int(found.group(2))
        if number in notes:
            refs.append(FootnoteRef(found.start(2), found.end(2), number, notes[number]))
    return sorted(refs, key=lambda ref: ref.start)
