"""Claims made of search hits: the analyst codes every mention at once, as in NVivo's
"code all results", and takes the whole batch back with one undo.

Each claim spans exactly the hit or the sentence around it; the tags and entities
(and kind, grading, note) are given once and apply to every claim. Hits in the same
sentence make one claim, not several copies of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ...core.errors import InvalidInputError
from ...core.model import ClaimDraft
from ...storage.snapshots import ClaimSnapshot
from ..annotate import add_claim_at
from ..project import Project

MAX_SENTENCE = 1500  # characters either side: a "sentence" in a table dump has no end
# A sentence ends at . ! ? … (and their CJK forms) followed by space or a closing quote, or at a blank line.
_SENTENCE_END = re.compile(r"[.!?…][\"'»”)\]]*(?=\s)|[。！？]|\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class HitSpan:
    source_id: int
    start: int
    end: int


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]`` (trimmed of white space); the hit itself if none is found."""
    low = max(0, start - MAX_SENTENCE)
    begin = low
    for found in _SENTENCE_END.finditer(text, low, start):
        begin = found.end()
    if begin == low and low > 0:
        begin = start
    tail = _SENTENCE_END.search(text, end, min(len(text), end + MAX_SENTENCE))
    finish = tail.end() if tail else min(len(text), end + MAX_SENTENCE)
    if tail is None and finish < len(text):
        finish = end
    if tail is not None and tail.group().startswith("\n"):
        finish = tail.start()
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, max(finish, end)


def claim_spans(project: Project, hits: Iterable[HitSpan], sentence: bool) -> list[HitSpan]:
    """The spans the claims will cover, in order, each once."""
    spans: list[HitSpan] = []
    texts: dict[int, str] = {}
    for hit in hits:
        if sentence:
            text = texts.get(hit.source_id)
            if text is None:
                text = texts[hit.source_id] = project.sources.text(hit.source_id)
            start, end = sentence_around(text, hit.start, hit.end)
            hit = HitSpan(hit.source_id, start, end)
        spans.append(hit)
    return sorted(set(spans), key=lambda h: (h.source_id, h.start, h.end))


@dataclass
class CreateClaimsFromHits:
    """One undoable step: a claim for each chosen hit."""

    hits: list[HitSpan]
    draft: ClaimDraft = field(default_factory=ClaimDraft)
    sentence: bool = False
    claim_ids: list[int] = field(default_factory=list)
    _deleted: list[ClaimSnapshot] | None = None

    @property
    def text(self) -> str:
        count = len(self.claim_ids) or len(self.hits)
        return f"Make {count} claim{'s' if count != 1 else ''} of search hits"

    def do(self, project: Project) -> None:
        if self._deleted is not None:  # redo brings back the very claims undo took away
            with project.db.transaction():
                for snapshot in self._deleted:
                    project.claims.restore(snapshot)
            self._deleted = None
            return
        if not self.hits:
            raise InvalidInputError("choose at least one hit to make claims of")
        with project.db.transaction():
            spans = claim_spans(project, self.hits, self.sentence)
            self.claim_ids = [add_claim_at(project, s.source_id, s.start, s.end, self.draft).id for s in spans]

    def undo(self, project: Project) -> None:
        if not self.claim_ids:
            raise InvalidInputError("this step was not done, so it cannot be taken back")
        with project.db.transaction():
            self._deleted = [project.claims.snapshot(claim_id) for claim_id in self.claim_ids]
            for claim_id in self.claim_ids:
                project.claims.delete(claim_id)
