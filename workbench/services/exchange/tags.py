"""The tag tree as a list: what came in as REFI-QDA codes is visible even where no claim uses it."""

from __future__ import annotations

from ..project import Project


def tag_tree(project: Project) -> list[dict]:
    """Every tag in path order with its full path, its own claim count and its UUID."""
    counts = dict(project.db.conn.execute("SELECT tag_id, count(*) FROM claim_tag GROUP BY tag_id"))
    return [{"id": tag.uuid, "name": tag.name, "path": tag.path, "claims": counts.get(tag.id, 0),
             "color": tag.color} for tag in project.tags.list()]
