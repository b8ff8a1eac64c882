"""Where the query's terms are in a short text (a snippet, a context), to emphasise every one
of them, not only the one that made the hit.

The terms are the query's words and phrases that a match may hold (not those under NOT),
found by the occurrence matcher: word forms, prefixes and CJK strings are emphasised as the
search finds them. A query the occurrence language cannot parse emphasises nothing.
"""

from __future__ import annotations

from functools import lru_cache

from ...core.errors import InvalidInputError
from .matching import Document, leaf_spans, merged
from .query import Query, parse, positive_leaves

Span = tuple[int, int]


@lru_cache(maxsize=64)
def _parsed(query_text: str) -> Query | None:
    try:
        return parse(query_text)
    except InvalidInputError:
        return None


@lru_cache(maxsize=4096)
def term_spans(query_text: str, text: str, language: str = "") -> tuple[Span, ...]:
    """Sorted, non-overlapping spans of ``text`` where a term of the query occurs."""
    query = _parsed(query_text)
    if query is None or query.tree is None or not text:
        return ()
    doc = Document(text, language)
    spans = [doc.original(s, e) for leaf in positive_leaves(query.tree) for s, e in leaf_spans(doc, leaf)]
    return tuple(merged(spans))
