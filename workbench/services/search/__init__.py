"""Search: the document-level search (basic), and every occurrence in context (occurrences),
with word forms (wordforms), the query language (query) and claims made of hits (hits_to_claims)."""

from .basic import search

__all__ = ["search"]
