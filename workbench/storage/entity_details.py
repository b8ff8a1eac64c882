"""What an entity carries besides its name: identifiers (INN, OGRN, IMO...) and attributes (chip specs)."""

from __future__ import annotations

from collections import defaultdict

from ..core.errors import InvalidInputError
from ..core.names import identifier_key
from .database import ProjectDatabase


class EntityDetailRepository:
    def __init__(self, db: ProjectDatabase):
        self.db = db

    def add_identifier(self, entity_id: int, scheme: str, value: str) -> None:
        scheme, value = scheme.strip(), value.strip()
        if not scheme or not identifier_key(value):
            raise InvalidInputError("an identifier needs a scheme (INN, OGRN, IMO...) and a value with letters or digits")
        with self.db.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO entity_identifier (entity_id, scheme, value, value_key) "
                         "VALUES (?, ?, ?, ?)", (entity_id, scheme, value, identifier_key(value)))

    def replace_identifiers(self, entity_id: int, pairs: list[tuple[str, str]]) -> None:
        """The entity's identifiers become exactly these (scheme, value) pairs, in one transaction."""
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM entity_identifier WHERE entity_id = ?", (entity_id,))
            for scheme, value in pairs:
                self.add_identifier(entity_id, scheme, value)

    def identifiers(self, entity_id: int) -> list[tuple[str, str]]:
        return self.db.conn.execute("SELECT scheme, value FROM entity_identifier WHERE entity_id = ? "
                                    "ORDER BY scheme, value", (entity_id,)).fetchall()

    def all_identifiers(self) -> dict[int, list[tuple[str, str, str]]]:
        """entity id -> [(scheme, value, value key)]"""
        found = defaultdict(list)
        for entity_id, scheme, value, key in self.db.conn.execute(
                "SELECT entity_id, scheme, value, value_key FROM entity_identifier"):
            found[entity_id].append((scheme, value, key))
        return dict(found)

    def set_attribute(self, entity_id: int, name: str, value: str) -> None:
        if not name.strip():
            raise InvalidInputError("an attribute needs a name")
        with self.db.transaction() as conn:
            if value == "":
                conn.execute("DELETE FROM entity_attribute WHERE entity_id = ? AND name = ?", (entity_id, name))
            else:
                conn.execute("INSERT INTO entity_attribute (entity_id, name, value) VALUES (?, ?, ?) "
                             "ON CONFLICT (entity_id, name) DO UPDATE SET value = excluded.value",
                             (entity_id, name.strip(), value))

    def attributes(self, entity_id: int) -> dict[str, str]:
        return dict(self.db.conn.execute("SELECT name, value FROM entity_attribute WHERE entity_id = ? ORDER BY name",
                                         (entity_id,)))
