"""Tags (a hierarchy written as paths, "region/russia") and entities with aliases."""

from __future__ import annotations

import builtins
import unicodedata

from ..core.errors import InvalidInputError, NotFoundError, WorkbenchError
from ..core.model import Entity, EntityKind, Tag, new_uuid, utc_now
from ..core.text import fold_for_search
from .database import ProjectDatabase
from .ids import id_by_uuid_prefix, inserted_id


def name_key(name: str) -> str:
    """Comparison key for names: composed (NFC), case and diacritics folded, white space collapsed."""
    return " ".join(fold_for_search(unicodedata.normalize("NFC", name)).split())


def split_tag_path(path: str) -> list[str]:
    parts = [part.strip() for part in path.strip().strip("/").split("/")]
    if not path.strip() or any(not part for part in parts):
        raise InvalidInputError(f"bad tag {path!r}: use names separated by '/', such as region/russia")
    return parts


class TagRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def ensure(self, path: str) -> int:
        """The id of the tag at ``path``, creating missing levels."""
        parent_id = None
        with self.db.transaction() as conn:
            for name in split_tag_path(path):
                row = conn.execute(
                    "SELECT id FROM tag WHERE coalesce(parent_id, 0) = ? AND name_key = ?",
                    (parent_id or 0, name_key(name)),
                ).fetchone()
                if row:
                    parent_id = row[0]
                else:
                    parent_id = inserted_id(conn.execute(
                        "INSERT INTO tag (uuid, name, name_key, parent_id) VALUES (?, ?, ?, ?)",
                        (new_uuid(), name, name_key(name), parent_id),
                    ))
        if parent_id is None:  # split_tag_path refuses an empty path, so this is never reached
            raise InvalidInputError(f"not a tag path: {path!r}")
        return parent_id

    def list(self) -> list[Tag]:
        rows = self.db.conn.execute("SELECT id, uuid, name, parent_id, color FROM tag").fetchall()
        by_id = {row[0]: row for row in rows}

        def path_of(tag_id: int) -> str:
            names = []
            while tag_id is not None:
                _, _, name, tag_id, _ = by_id[tag_id]
                names.append(name)
            return "/".join(reversed(names))

        tags = [Tag(id_, uuid, name, parent, path_of(id_), color) for id_, uuid, name, parent, color in rows]
        return sorted(tags, key=lambda t: t.path.lower())

    def paths_by_id(self) -> dict[int, str]:
        return {tag.id: tag.path for tag in self.list()}

    def find(self, path: str) -> Tag | None:
        wanted = name_key("/".join(split_tag_path(path)))
        return next((tag for tag in self.list() if name_key(tag.path) == wanted), None)

    def subtree_ids(self, path: str) -> builtins.list[int]:
        """A tag and all tags below it: filtering by "region" includes "region/russia"."""
        wanted = name_key("/".join(split_tag_path(path)))
        keys = {t.id: name_key(t.path) for t in self.list()}
        return [tag_id for tag_id, key in keys.items() if key == wanted or key.startswith(wanted + "/")]

    # -- editing the tree (services.tags checks and words the edits) -------------------------

    def get(self, tag_id: int) -> Tag:
        found = next((tag for tag in self.list() if tag.id == tag_id), None)
        if found is None:
            raise NotFoundError(f"no tag with id {tag_id}")
        return found

    def below(self, tag_id: int) -> builtins.list[int]:
        """The tags under this one, at every depth, parents before their children."""
        children: dict[int | None, list[int]] = {}
        for row_id, parent_id in self.db.conn.execute("SELECT id, parent_id FROM tag ORDER BY id"):
            children.setdefault(parent_id, []).append(row_id)
        found, queue = [], list(children.get(tag_id, ()))
        while queue:
            current = queue.pop(0)
            found.append(current)
            queue.extend(children.get(current, ()))
        return found

    def child_named(self, parent_id: int | None, name: str) -> int | None:
        row = self.db.conn.execute("SELECT id FROM tag WHERE coalesce(parent_id, 0) = ? AND name_key = ?",
                                   (parent_id or 0, name_key(name))).fetchone()
        return row[0] if row else None

    def claim_ids(self, tag_ids) -> set[int]:
        ids = sorted(set(tag_ids))
        found: set[int] = set()
        for first in range(0, len(ids), 500):
            chunk = ids[first:first + 500]
            found.update(row[0] for row in self.db.conn.execute(
                f"SELECT claim_id FROM claim_tag WHERE tag_id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def own_counts(self) -> dict[int, int]:
        return dict(self.db.conn.execute("SELECT tag_id, count(*) FROM claim_tag GROUP BY tag_id"))

    def claims_by_tag(self) -> dict[int, set[int]]:
        by_tag: dict[int, set[int]] = {}
        for claim_id, tag_id in self.db.conn.execute("SELECT claim_id, tag_id FROM claim_tag"):
            by_tag.setdefault(tag_id, set()).add(claim_id)
        return by_tag

    def set_name(self, tag_id: int, name: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE tag SET name = ?, name_key = ? WHERE id = ?", (name, name_key(name), tag_id))

    def set_parent(self, tag_id: int, parent_id: int | None) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE tag SET parent_id = ? WHERE id = ?", (parent_id, tag_id))

    def set_color(self, tag_id: int, color: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE tag SET color = ? WHERE id = ?", (color, tag_id))

    def touch(self, tag_ids) -> None:
        """Rewrite these rows unchanged: the change log then names them and their claims (whose shown
        paths or colours follow a parent's edit), and the undo journal replays the same on undo."""
        with self.db.transaction() as conn:
            conn.executemany("UPDATE tag SET name = name WHERE id = ?", [(tag_id,) for tag_id in tag_ids])

    def retag(self, from_tag: int, to_tag: int) -> None:
        """Every claim with ``from_tag`` gets ``to_tag`` instead."""
        with self.db.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO claim_tag (claim_id, tag_id) SELECT claim_id, ? FROM claim_tag "
                         "WHERE tag_id = ?", (to_tag, from_tag))
            conn.execute("DELETE FROM claim_tag WHERE tag_id = ?", (from_tag,))

    def delete_tree(self, tag_id: int) -> None:
        """The tag and every tag below it, and their places on claims; the claims stay.

        Rows go one by one, children first, so each deletion is journalled for undo (nothing is
        left to a cascade)."""
        doomed = [tag_id, *self.below(tag_id)]
        with self.db.transaction() as conn:
            conn.executemany("DELETE FROM claim_tag WHERE tag_id = ?", [(t,) for t in doomed])
            conn.executemany("DELETE FROM tag WHERE id = ?", [(t,) for t in reversed(doomed)])


class EntityRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def add(self, name: str, kind: EntityKind = EntityKind.OTHER, country: str = "",
            aliases: tuple[str, ...] = (), note: str = "") -> Entity:
        name = name.strip()
        if not name:
            raise InvalidInputError("an entity needs a name")
        now = utc_now()
        with self.db.transaction() as conn:
            entity_id = inserted_id(conn.execute(
                "INSERT INTO entity (uuid, name, name_key, kind, country, note, created_at, modified_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uuid(), name, name_key(name), EntityKind(kind).value, country.strip().upper(), note, now, now),
            ))
            conn.executemany(
                "INSERT OR IGNORE INTO entity_alias (entity_id, alias, alias_key) VALUES (?, ?, ?)",
                [(entity_id, alias.strip(), name_key(alias)) for alias in aliases if alias.strip()],
            )
        return self.get(entity_id)

    def get(self, entity_id: int) -> Entity:
        found = self._load("WHERE id = ?", (entity_id,))
        if not found:
            raise NotFoundError(f"no entity with id {entity_id}")
        return found[0]

    def _load(self, where: str, params: tuple) -> list[Entity]:
        rows = self.db.conn.execute(
            f"SELECT id, uuid, name, kind, country, note FROM entity {where} ORDER BY name_key, id", params).fetchall()
        if not rows:
            return []
        aliases: dict[int, list[str]] = {}
        ids = {row[0] for row in rows}
        alias_sql = "SELECT entity_id, alias FROM entity_alias ORDER BY entity_id, alias"
        if len(ids) == 1:
            alias_sql = "SELECT entity_id, alias FROM entity_alias WHERE entity_id = ? ORDER BY alias"
        for entity_id, alias in self.db.conn.execute(alias_sql, tuple(ids) if len(ids) == 1 else ()):
            if entity_id in ids:
                aliases.setdefault(entity_id, []).append(alias)
        return [Entity(id_, uuid, name, EntityKind(kind), country, tuple(aliases.get(id_, ())), note)
                for id_, uuid, name, kind, country, note in rows]

    def update(self, entity: Entity) -> Entity:
        """Write every field of ``entity`` over the stored one with its id."""
        name = entity.name.strip()
        if not name:
            raise InvalidInputError("an entity needs a name")
        with self.db.transaction() as conn:
            changed = conn.execute(
                "UPDATE entity SET name = ?, name_key = ?, kind = ?, country = ?, note = ?, modified_at = ? "
                "WHERE id = ?",
                (name, name_key(name), EntityKind(entity.kind).value, entity.country.strip().upper(), entity.note,
                 utc_now(), entity.id),
            ).rowcount
            if not changed:
                raise NotFoundError(f"no entity with id {entity.id}")
            conn.execute("DELETE FROM entity_alias WHERE entity_id = ?", (entity.id,))
            conn.executemany(
                "INSERT OR IGNORE INTO entity_alias (entity_id, alias, alias_key) VALUES (?, ?, ?)",
                [(entity.id, alias.strip(), name_key(alias)) for alias in entity.aliases if alias.strip()],
            )
        return self.get(entity.id)

    def delete(self, entity_id: int) -> None:
        """The entity goes, and with it its relations and its place among measures' targets."""
        with self.db.transaction() as conn:
            if not conn.execute("DELETE FROM entity WHERE id = ?", (entity_id,)).rowcount:
                raise NotFoundError(f"no entity with id {entity_id}")

    def resolve_uuid(self, ref: str) -> Entity | None:
        """By a unique prefix (at least 4 characters) of its id; None when nothing or several match."""
        try:
            return self.get(id_by_uuid_prefix(self.db.conn, "entity", ref))
        except WorkbenchError:
            return None

    def find(self, name: str) -> Entity | None:
        """By name first, then by alias; case-insensitive."""
        key = name_key(name)
        row = self.db.conn.execute(
            "SELECT id FROM entity WHERE name_key = ? ORDER BY id LIMIT 1", (key,)
        ).fetchone() or self.db.conn.execute(
            "SELECT entity_id FROM entity_alias WHERE alias_key = ? ORDER BY entity_id LIMIT 1", (key,)
        ).fetchone()
        return self.get(row[0]) if row else None

    def ensure(self, name: str) -> int:
        found = self.find(name)
        return found.id if found else self.add(name).id

    def list(self) -> list[Entity]:
        return self._load("", ())
