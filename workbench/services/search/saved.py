"""Saved searches: an analyst's recurring questions ("every mention of 3A090 in Russian
sources") kept in the project under a name, listed in the search pane and run again on
demand, like NVivo's saved queries.

Each edit is a plain function meant to run inside ``commands.JournalledEdit`` (the desktop's
``run_edit``, the CLI's ``perform``), so save and delete are one undoable step that reports
a change set naming the saved search. A query is checked before it is kept: a saved search
that cannot run is refused with the same one-line error as a search.
"""

from __future__ import annotations

from ...core.errors import InvalidInputError, NotFoundError
from ...core.model import SavedSearch
from ...storage import saved_searches
from ..commands import JournalledEdit
from ..project import Project
from .query import parse
from .scopes import SCOPES, check_scope

MAX_NAME = 200


def list_saved(project: Project) -> list[SavedSearch]:
    return saved_searches.list_all(project.db.conn)


def get_saved(project: Project, name: str) -> SavedSearch:
    found = saved_searches.by_name(project.db.conn, name.strip())
    if found is None:
        raise NotFoundError(f"no saved search named {name.strip()!r}")
    return found


def save_search(project: Project, name: str, query: str, scope: str = "all") -> SavedSearch:
    """Keep ``query`` under ``name`` (a name already used gets the new query and scope)."""
    name = name.strip()
    if not name:
        raise InvalidInputError("a saved search needs a name")
    if len(name) > MAX_NAME:
        raise InvalidInputError(f"a saved search's name is at most {MAX_NAME} characters")
    check_scope(scope)
    parse(query)
    conn = project.db.conn
    existing = saved_searches.by_name(conn, name)
    if existing is None:
        saved_searches.insert(conn, name, query, scope)
    elif (existing.query, existing.scope) != (query, scope):
        saved_searches.update(conn, existing.id, query, scope)
    return get_saved(project, name)


def delete_saved_search(project: Project, name: str) -> SavedSearch:
    found = get_saved(project, name)
    saved_searches.delete(project.db.conn, found.id)
    return found


def save_command(name: str, query: str, scope: str = "all") -> JournalledEdit:
    """The undoable step that saves a search."""
    return JournalledEdit(f"Save search {name.strip()!r}", lambda p: save_search(p, name, query, scope))


def delete_command(name: str) -> JournalledEdit:
    return JournalledEdit(f"Delete saved search {name.strip()!r}", lambda p: delete_saved_search(p, name))


__all__ = ["SCOPES", "delete_command", "delete_saved_search", "get_saved", "list_saved", "save_command",
           "save_search"]
