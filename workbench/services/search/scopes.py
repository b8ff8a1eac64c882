"""Where a search looks: the analyst chooses one scope beside the query.

``all``      the sources' text, and the project's entities, imported list entries and
             reference data by name, alias or identifier (marked as such in the results)
``sources``  the sources' text only
``claims``   the sources' text inside claims only (the same as ``in:claims``)
``removed``  the boilerplate kept out of the sources' text at import (teasers, promo
             blocks, site chrome): a check that cleaning took nothing that mattered
"""

from __future__ import annotations

from ...core.errors import InvalidInputError

SCOPES = ("all", "sources", "claims", "removed")
SCOPE_LABELS = {
    "all": "Sources, entities and lists",
    "sources": "Sources only",
    "claims": "Claims only",
    "removed": "Removed boilerplate",
}


def check_scope(scope: str) -> str:
    if scope not in SCOPES:
        raise InvalidInputError(f"the scope is one of {', '.join(SCOPES)}, not {scope!r}")
    return scope
