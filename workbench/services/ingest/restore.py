"""Seeing and restoring what boilerplate removal took out of a source."""

from __future__ import annotations

from collections.abc import Sequence

from ...core.errors import NotFoundError
from ...core.model import RemovedBlock, Source
from ...storage.source_text import read_state, write_state
from ..project import Project
from .corrections import restoration_of


def removed_blocks(project: Project, source: Source) -> list[RemovedBlock]:
    return project.sources.removed_blocks(source.id)


def restore_removed(project: Project, source: Source, seq: int) -> Source:
    """Put removed block ``seq`` back into the text, in one transaction.

    Claims after the block shift with the text (the block may not go back inside a
    claim's quote); page starts and the positions of the other removed blocks are shifted.
    """
    state = read_state(project.db, source.id)
    try:
        restored = restoration_of(state, seq)
    except LookupError:
        raise NotFoundError(f"source {source.uuid[:8]} has no removed block {seq}") from None
    write_state(project.db, source.id, restored)
    return project.sources.get(source.id)


def restore_removed_blocks(project: Project, source: Source, seqs: Sequence[int]) -> Source:
    """Put several removed blocks back: all of them, or (when one cannot be) none."""
    with project.db.transaction():
        for seq in seqs:
            source = restore_removed(project, source, seq)
    return source
