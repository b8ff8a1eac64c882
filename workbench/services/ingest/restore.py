"""Seeing and restoring what boilerplate removal took out of a source."""

from __future__ import annotations

from collections.abc import Sequence

from ...core.errors import NotFoundError
from ...core.model import RemovedBlock, Source
from ..project import Project
from .boilerplate import restore_block


def removed_blocks(project: Project, source: Source) -> list[RemovedBlock]:
    return project.sources.removed_blocks(source.id)


def restore_removed(project: Project, source: Source, seq: int) -> Source:
    """Put removed block ``seq`` back into the text, in one transaction.

    Offsets of claims would move, so this is refused while the source has claims
    (the repository checks inside the transaction); page starts and the positions of
    the other removed blocks are shifted.
    """
    text = project.sources.text(source.id)
    blocks = project.sources.removed_blocks(source.id)
    try:
        new_text, remaining, pages = restore_block(text, blocks, project.sources.page_starts(source.id), seq)
    except LookupError:
        raise NotFoundError(f"source {source.uuid[:8]} has no removed block {seq}") from None
    return project.sources.replace_text(source.id, new_text, pages, remaining)


def restore_removed_blocks(project: Project, source: Source, seqs: Sequence[int]) -> Source:
    """Put several removed blocks back: all of them, or (when one cannot be) none."""
    with project.db.transaction():
        for seq in seqs:
            source = restore_removed(project, source, seq)
    return source
