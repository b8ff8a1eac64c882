"""Project-wide full-text search."""

from __future__ import annotations

from ...core.errors import InvalidInputError
from ...core.model import SearchHit
from ...storage import search_index
from ..project import Project


def search(project: Project, query: str, limit: int = 20) -> list[SearchHit]:
    if limit < 1:
        raise InvalidInputError("the limit must be at least 1")
    return search_index.search(project.db.conn, query, limit)
