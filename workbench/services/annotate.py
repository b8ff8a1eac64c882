"""Creating and finding claims."""

from __future__ import annotations

from dataclasses import replace

from ..core.anchoring import CONTEXT_CHARS, anchor_at, anchor_quote
from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import Claim, ClaimDraft
from .project import Project


def add_claim_by_quote(project: Project, source_ref: str, quote: str, draft: ClaimDraft,
                       occurrence: int | None = None) -> Claim:
    """Anchor ``quote`` in the source (its Nth occurrence) and record the claim."""
    source = project.sources.resolve(source_ref)
    anchor = anchor_quote(project.sources.text(source.id), quote, occurrence)
    return project.claims.add(source.id, anchor, draft)


def add_claim_at(project: Project, source_id: int, start: int, end: int, draft: ClaimDraft) -> Claim:
    """Record a claim over an exact span, as selected in the reader."""
    # Only the span and its context are read: the anchor needs no more of the text.
    first = max(0, start - CONTEXT_CHARS)
    window, length = project.sources.excerpt(source_id, first, end + CONTEXT_CHARS)
    if not (0 <= start < end <= length):
        raise InvalidInputError(f"span {start}-{end} is outside the text (length {length})")
    anchor = anchor_at(window, start - first, end - first)
    return project.claims.add(source_id, replace(anchor, start=start, end=end), draft)


def list_claims(project: Project, source_ref: str | None = None, tag: str | None = None,
                entity: str | None = None) -> list[Claim]:
    source_id = project.sources.resolve(source_ref).id if source_ref else None
    tag_ids = None
    if tag:
        tag_ids = project.tags.subtree_ids(tag)
        if not tag_ids:
            raise NotFoundError(f"no tag {tag!r} in this project")
    entity_id = None
    if entity:
        found = project.entities.find(entity)
        if found is None:
            raise NotFoundError(f"no entity {entity!r} in this project")
        entity_id = found.id
    return project.claims.list(source_id=source_id, tag_ids=tag_ids, entity_id=entity_id)


def parse_credibility(value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit() or not 1 <= int(value) <= 6:
        raise InvalidInputError(f"credibility must be a number from 1 to 6, not {value!r}")
    return int(value)


def parse_reliability(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    grade = value.strip().upper()
    if grade not in ("A", "B", "C", "D", "E", "F"):
        raise InvalidInputError(f"reliability must be a letter from A to F, not {value!r}")
    return grade
