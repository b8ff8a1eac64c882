"""Every occurrence of a query in every source, in context (keyword in context).

A search runs in two steps. The full-text index names the sources that may match
(cheap, a few milliseconds even for 50 MB); then each candidate's own text is read
and matched exactly (matching.py), one source at a time and only as far as the
caller reads, so the first screenful of 100,000 occurrences is ready as soon as the
first sources are done. Each occurrence carries exact code-point offsets into the
source's text (``text[start:end]`` is the match), its left and right context, and
its page (paged sources) or paragraph.

Field filters: ``source:``, ``lang:`` and ``date:`` choose sources by their
metadata; ``tag:``, ``entity:``, ``kind:`` and ``in:claims`` keep occurrences that
lie inside claims with those properties (``NOT tag:x`` those outside them).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ...core.errors import InvalidInputError, NotFoundError
from ...core.model import ClaimKind, SourceHeading, enum_values
from ...core.text import fold_for_search, is_cjk, paragraph_starts, place_of
from ...storage import search_index
from ..project import Project
from . import matching, records, wordforms
from .occurrence import Occurrence
from .query import And, Filter, Near, Node, Not, Or, Phrase, Query, Word, parse, parse_date_range
from .scopes import check_scope

DEFAULT_CONTEXT = 40
# Sources' headings are read a batch of candidates at a time: a small first batch, as the
# first source often fills the first screenful, then batches four times larger, up to 256.
_FIRST_BATCH, _LAST_BATCH = 4, 256
_NEIGHBOURS = 8  # other occurrences emphasised in a context, at most, on each side


# -- which sources may match ---------------------------------------------------

def _leaf_candidates(conn, leaf: Word | Phrase, languages: set[str]) -> set[int]:
    words = leaf.words if isinstance(leaf, Phrase) else (leaf.text,)
    found: set[int] | None = None
    latin = [w for w in words if not any(map(is_cjk, w))]
    for word in words:
        if word in latin:
            continue
        bare = word.rstrip("*")
        ids = (search_index.source_ids_scanned(conn, bare) if len(bare) < 3
               else search_index.source_ids_matching(conn, search_index.quoted(bare), trigrams=True))
        found = ids if found is None else found & ids
    if latin:
        ids = search_index.source_ids_matching(conn, _words_expression(leaf, latin, languages))
        found = ids if found is None else found & ids
    return found or set()


def _words_expression(leaf: Word | Phrase, latin: list[str], languages: set[str]) -> str:
    if isinstance(leaf, Phrase):
        if len(latin) == len(leaf.words):
            prefix = leaf.words[-1].endswith("*")
            text = " ".join(w.rstrip("*") for w in latin)
            return search_index.quoted(text) + (" *" if prefix else "")
        return " AND ".join(search_index.quoted(w.rstrip("*")) + ("*" if w.endswith("*") else "") for w in latin)
    if leaf.mode == "prefix":
        return search_index.quoted(leaf.text) + "*"
    if leaf.mode == "exact":
        return search_index.quoted(leaf.text)
    if not any(wordforms.stemmer_for(leaf.text, lang) for lang in languages or {""}):
        return search_index.quoted(leaf.text)
    return " OR ".join(search_index.quoted(b) + "*" for b in wordforms.candidate_beginnings(leaf.text, languages))


def candidates(conn, node: Node, languages: set[str], universe: _Universe) -> set[int] | None:
    """Sources that may satisfy ``node`` (None: any source), a superset of the true ones."""
    if isinstance(node, Word | Phrase):
        return _leaf_candidates(conn, node, languages)
    if isinstance(node, Not):  # NOT is done by the index too: take away the sources sure to hold the part
        return universe() - certain(conn, node.part, languages, universe)
    if isinstance(node, Near):
        parts = [candidates(conn, node.left, languages, universe), candidates(conn, node.right, languages, universe)]
        return _intersect(parts)
    parts = [candidates(conn, part, languages, universe) for part in node.parts]
    if isinstance(node, And):
        return _intersect(parts)
    assert isinstance(node, Or)
    if any(p is None for p in parts):
        return None
    return set().union(*parts)  # type: ignore[arg-type]


def certain(conn, node: Node, languages: set[str], universe: _Universe) -> set[int]:
    """Sources sure to satisfy ``node``, a subset of the true ones, from the index alone.

    A word in any mode matches at least itself, which the word index finds exactly (both
    see runs of letters and digits in the folded text); a prefix, a CJK term and a phrase of
    whole alphabetic words are found exactly too. NEAR counts words, which the index cannot
    answer, so it is sure of nothing.
    """
    if isinstance(node, Word):
        if node.cjk or node.mode == "prefix":
            return _leaf_candidates(conn, node, languages)
        return search_index.source_ids_matching(conn, search_index.quoted(node.text))
    if isinstance(node, Phrase):
        exact = not node.words[-1].endswith("*") and not any(is_cjk(ch) for w in node.words for ch in w)
        return _leaf_candidates(conn, node, languages) if exact else set()
    if isinstance(node, Not):
        may = candidates(conn, node.part, languages, universe)
        return set() if may is None else universe() - may
    if isinstance(node, Near):
        return set()
    parts = [certain(conn, part, languages, universe) for part in node.parts]
    if isinstance(node, And):
        return set.intersection(*parts)
    return set().union(*parts)


class _Universe:
    """Every source id, read once and only if a NOT needs it."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.ids: set[int] | None = None

    def __call__(self) -> set[int]:
        if self.ids is None:
            self.ids = search_index.all_source_ids(self.conn)
        return self.ids


def _intersect(parts: list[set[int] | None]) -> set[int] | None:
    known = [p for p in parts if p is not None]
    if not known:
        return None
    result = set(known[0])
    for p in known[1:]:
        result &= p
    return result


# -- filters -------------------------------------------------------------------

def _source_passes(source: SourceHeading, flt: Filter) -> bool:
    if flt.field == "lang":
        return wordforms.base_language(source.meta.language) == wordforms.base_language(flt.value)
    if flt.field == "source":
        wanted = fold_for_search(flt.value)
        return (wanted in fold_for_search(source.title) or source.uuid.startswith(flt.value.lower())
                or flt.value == str(source.id))
    low, high = parse_date_range(flt.value)
    published = source.meta.published
    if not published:
        return False
    return (not low or published[:len(low)] >= low) and (not high or published[:len(high)] <= high)


def _claim_spans(project: Project, flt: Filter) -> dict[int, list[tuple[int, int]]]:
    """Spans of the claims a claim filter names, per source."""
    tag_ids = entity_id = None
    if flt.field == "tag":
        tag_ids = project.tags.subtree_ids(flt.value)
        if not tag_ids:
            raise NotFoundError(f"no tag {flt.value!r} in this project")
    elif flt.field == "entity":
        found = project.entities.find(flt.value)
        if found is None:
            raise NotFoundError(f"no entity {flt.value!r} in this project")
        entity_id = found.id
    elif flt.field == "kind" and flt.value.lower() not in enum_values(ClaimKind):
        raise InvalidInputError(f"kind: takes {', '.join(enum_values(ClaimKind))}, not {flt.value!r}")
    spans: dict[int, list[tuple[int, int]]] = {}
    for claim in project.claims.list(tag_ids=tag_ids, entity_id=entity_id):
        if flt.field == "kind" and claim.kind.value != flt.value.lower():
            continue
        spans.setdefault(claim.source_id, []).append((claim.anchor.start, claim.anchor.end))
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


@dataclass
class _ClaimRule:
    spans: dict[int, list[tuple[int, int]]]
    negated: bool

    def keeps(self, source_id: int, start: int, end: int) -> bool:
        inside = _inside(self.spans.get(source_id, []), start, end)
        return inside != self.negated


# -- the search ------------------------------------------------------------------

@dataclass
class OccurrenceSearch:
    """A parsed query over a project: the candidate sources, and their occurrences on demand."""

    project: Project
    query: Query
    context: int = DEFAULT_CONTEXT
    source_ids: list[int] = field(default_factory=list)  # candidates, in the library's order (by id)
    _source_filters: list[Filter] = field(default_factory=list)  # source:, lang:, date:
    _claim_rules: list[_ClaimRule] = field(default_factory=list)
    scope: str = "all"

    def occurrences(self) -> Iterator[Occurrence]:
        """Entities and reference data first, then source by source, then list entries (scope "all"
        and no filters: records for lists are a scan, see records.py). Sources' metadata is read a
        batch of candidates at a time, so the first screenful does not wait for a thousand headings."""
        with_records = self.scope == "all" and not self.query.filters
        if with_records:
            yield from records.record_occurrences(self.project, self.query, self.context, lists=False)
        for batch in self._batches():
            paged = self.project.sources.paged_ids(batch)  # the others have no pages to read
            for source in self.project.sources.headings(batch):
                if all(_source_passes(source, flt) != flt.negated for flt in self._source_filters):
                    yield from self.in_source(source, source.id in paged)
        if with_records:
            yield from records.record_occurrences(self.project, self.query, self.context, lists=True)

    def _batches(self) -> Iterator[list[int]]:
        first, size = 0, _FIRST_BATCH
        while first < len(self.source_ids):
            yield self.source_ids[first:first + size]
            first, size = first + size, min(4 * size, _LAST_BATCH)

    def in_source(self, source: SourceHeading, paged: bool = True) -> Iterator[Occurrence]:
        """The source's occurrences, each built only when it is read (the first screenful of a
        source with thousands of them needs a few dozen)."""
        if self.scope == "removed":
            yield from self._in_removed(source)
            return
        text = self.project.sources.text(source.id)
        doc = matching.Document(text, source.meta.language)
        assert self.query.tree is not None
        result = matching.evaluate(self.query.tree, doc)
        if not result.matched:
            return
        spans = doc.originals(matching.merged(result.spans))
        if self._claim_rules:
            spans = [(s, e) for s, e in spans if all(rule.keeps(source.id, s, e) for rule in self._claim_rules)]
        if not spans:
            return
        page_starts = self.project.sources.page_starts(source.id) if paged else []
        yield from self._walk(source, text, spans, page_starts or paragraph_starts(text), bool(page_starts))

    def _walk(self, source: SourceHeading, text: str, spans: list[tuple[int, int]], places: Sequence[int],
              paged: bool) -> Iterator[Occurrence]:
        """Occurrences of sorted, separate spans in one pass: the neighbours in each one's context
        and its page or paragraph (``places``: where each begins) are followed along with pointers
        rather than looked up again for every occurrence (100,000 of them took 0.8 s so, 0.3 s now).
        The place is counted as core.text.place_of counts it."""
        context, length, count = self.context, len(text), len(spans)
        low = high = 0  # neighbours: spans[low:high] start inside the current context
        begun = 0  # how many places begin at or before the current span
        for i, (start, end) in enumerate(spans):
            first = start - context if start > context else 0
            last = end + context if end + context < length else length
            while spans[low][0] < first:
                low += 1
            high = max(high, i + 1)
            while high < count and spans[high][0] <= last:
                high += 1
            others: tuple[tuple[int, int], ...] = ()
            if high - low > 1:
                neighbours = spans[max(low, i - _NEIGHBOURS):min(high, i + _NEIGHBOURS + 1)]
                others = tuple([(s - first, e - first) for s, e in neighbours if e <= last and s != start])
            while begun < len(places) and places[begun] <= start:
                begun += 1
            number = max(1, begun)
            yield Occurrence(source.id, source.uuid, source.title, start, end, text[first:start], text[start:end],
                             text[end:last], number if paged else None, None if paged else number, others)

    def _in_removed(self, source: SourceHeading) -> list[Occurrence]:
        """Occurrences in the source's removed blocks, each block searched as a text of its own
        and placed at the block's place in the text."""
        found = []
        page_starts = self.project.sources.page_starts(source.id)
        text_starts = None if page_starts else paragraph_starts(self.project.sources.text(source.id))
        for block in self.project.sources.removed_blocks(source.id):
            doc = matching.Document(block.text, source.meta.language)
            assert self.query.tree is not None
            result = matching.evaluate(self.query.tree, doc)
            if not result.matched:
                continue
            page, paragraph = place_of(block.position, page_starts, text_starts or ())
            spans = doc.originals(matching.merged(result.spans))
            for o in self._walk(source, block.text, spans, (), paged=False):
                found.append(o._replace(page=page, paragraph=paragraph, where="removed", field=block.reason,
                                        record_id=block.seq))
        return found


def find(project: Project, query_text: str, context: int = DEFAULT_CONTEXT, scope: str = "all") -> OccurrenceSearch:
    """Parse the query and choose the sources that may hold it; read occurrences from the result."""
    if context < 0:
        raise InvalidInputError("the context must be 0 characters or more")
    check_scope(scope)
    query = parse(query_text)
    assert query.tree is not None
    conn = project.db.conn
    if scope == "removed":  # removed blocks are not indexed: every source that has some is a candidate
        ids: set[int] | None = set(project.sources.ids_with_removed_blocks())
    else:
        # Stemmed words are looked up by the beginnings of every language that stems them: a
        # superset for any library, without reading every source's language first.
        ids = candidates(conn, query.tree, set(), _Universe(conn))
    rules = [_ClaimRule(_all_claim_spans(project), False)] if scope == "claims" else []
    for flt in query.filters:
        if flt.field == "in":
            if flt.value.lower() == "claims":
                rules.append(_ClaimRule(_all_claim_spans(project), flt.negated))
        elif flt.field not in ("lang", "source", "date"):
            rules.append(_ClaimRule(_claim_spans(project, flt), flt.negated))
    for rule in rules:
        if not rule.negated:
            ids = (ids or set()) & rule.spans.keys()
    chosen = sorted(ids) if ids is not None else sorted(_Universe(conn)())
    source_filters = [flt for flt in query.filters if flt.field in ("lang", "source", "date")]
    return OccurrenceSearch(project, query, context, chosen, source_filters, rules, scope)


def _all_claim_spans(project: Project) -> dict[int, list[tuple[int, int]]]:
    spans: dict[int, list[tuple[int, int]]] = {}
    for claim in project.claims.list():
        spans.setdefault(claim.source_id, []).append((claim.anchor.start, claim.anchor.end))
    return spans


def all_occurrences(project: Project, query_text: str, context: int = DEFAULT_CONTEXT,
                    limit: int | None = None, scope: str = "all") -> list[Occurrence]:
    """Every occurrence (or the first ``limit``), source by source in the library's order."""
    if limit is not None and limit < 1:
        raise InvalidInputError("the limit must be at least 1")
    found = []
    for occurrence in find(project, query_text, context, scope).occurrences():
        found.append(occurrence)
        if limit is not None and len(found) >= limit:
            break
    return found
