"""One occurrence of a query: in a source's text, in a removed block, or in a record's name."""

from __future__ import annotations

from typing import NamedTuple


class Occurrence(NamedTuple):
    """A named tuple rather than a frozen dataclass: a search builds thousands of them, and a
    frozen dataclass sets each of its fourteen fields through object.__setattr__ (1.8 µs an
    occurrence against 0.3 µs)."""

    source_id: int
    source_uuid: str
    title: str
    start: int  # code points into the source's text
    end: int
    left: str  # the context before, as in the text (it may hold line breaks)
    match: str
    right: str
    page: int | None  # pages of a paged source count from 1
    paragraph: int | None  # paragraphs (blank-line separated) of a source without pages, from 1
    others: tuple[tuple[int, int], ...] = ()  # other occurrences inside left+match+right, relative to left
    # Where the match is: "text" (the source's text), "removed" (a block of boilerplate kept out
    # of it at import: start/end count in the block, record_id is its number), or a record found
    # by name, alias or identifier: "entity", "reference" (an entity from the bundled reference
    # data) or "list" (an imported list entry); start/end count in that name, record_id is the
    # entity's or entry's id and field says which name ("name", "alias", an identifier's scheme).
    where: str = "text"
    field: str = ""
    record_id: int | None = None

    @property
    def in_text(self) -> bool:
        """Offsets into the source's text: the hit can be opened there and made a claim of."""
        return self.where == "text"
