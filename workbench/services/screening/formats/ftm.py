"""OpenSanctions entities as FollowTheMoney JSON lines: one entity a line, read one line at a time.

Parsed with orjson (a third of the standard library's time: JSON is the first cost of a
million-entry list); it refuses nesting deeper than 1024, which only a hostile line has."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson

from ....core.lists import ListRecord
from .common import ReadState, Supplement, decoded_lines

_KINDS = {"Person": "person", "Organization": "organisation", "Company": "organisation",
          "LegalEntity": "organisation", "PublicBody": "organisation", "Vessel": "vessel", "Airplane": "aircraft"}
_NAME_PROPS = ("name",)
_ALIAS_PROPS = ("alias", "previousName", "weakAlias")
_ID_PROPS = {"registrationNumber": "Registration", "taxNumber": "Tax ID", "innCode": "INN", "ogrnCode": "OGRN",
             "imoNumber": "IMO", "idNumber": "National ID", "passportNumber": "Passport", "swiftBic": "SWIFT/BIC",
             "leiCode": "LEI", "mmsi": "MMSI", "vatCode": "VAT", "okpoCode": "OKPO"}
_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "flag")


_READ_PROPS = frozenset((*_NAME_PROPS, *_ALIAS_PROPS, *_ID_PROPS, *_COUNTRY_PROPS, "topics", "createdAt", "notes"))


_ONLY_TEXT = frozenset((str,))


def _is_text_list(value: object) -> bool:
    return type(value) is list and set(map(type, value)) <= _ONLY_TEXT


def _shape_problem(entity: dict, props: object) -> str:
    """Why an entity is not shaped as FollowTheMoney says (every property a list of strings); empty if it is."""
    if type(props) is not dict:
        return "its properties are not an object"
    for name, value in props.items():  # one pass over what the entity has (a million entities are read)
        if name in _READ_PROPS and not _is_text_list(value):
            return f"property {name!r} is not a list of strings"
    if not isinstance(entity.get("caption") or "", str):
        return "its caption is not a string"
    if not _is_text_list(entity.get("datasets") or []):
        return "its datasets are not a list of strings"
    if not isinstance(entity.get("first_seen") or "", str):
        return "its first_seen is not a string"
    return ""


class FtmReader:
    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.state = ReadState()

    def records(self) -> Iterator[ListRecord]:
        for path in self.paths:
            for line, text in enumerate(decoded_lines(path, self.state), start=1):
                self.state.lines_read = line
                if not text.strip():
                    continue
                record = self._record(path, line, text)
                if record is not None:
                    yield record

    def _record(self, path: Path, line: int, text: str) -> ListRecord | None:
        try:
            entity = orjson.loads(text)
        except ValueError as exc:
            self.state.problem(path, line, f"not valid JSON ({getattr(exc, 'msg', exc)})")
            return None
        except RecursionError:
            self.state.problem(path, line, "JSON nested too deeply")
            return None
        if not isinstance(entity, dict) or not entity.get("id") or not isinstance(entity.get("schema"), str):
            self.state.problem(path, line, "an entity needs an id and a schema")
            return None
        props = entity.get("properties") or {}
        problem = _shape_problem(entity, props)
        if problem:
            self.state.problem(path, line, f"entity {str(entity['id'])[:60]}: {problem}")
            return None
        kind = _KINDS.get(entity["schema"])
        if kind is None:
            self.state.skipped[f"{entity['schema'][:60]} (not a named party)"] += 1
            return None
        names = [n for p in _NAME_PROPS for n in props.get(p, ())]
        caption = entity.get("caption") or (names[0] if names else "")
        if not caption:
            self.state.problem(path, line, f"entity {entity['id']} has no name")
            return None
        record = ListRecord(key=str(entity["id"]), kind=kind, caption=caption, line=line,
                            names=list(dict.fromkeys([caption, *names])))
        record.aliases = [n for p in _ALIAS_PROPS for n in props.get(p, ())]
        record.identifiers = [(scheme, v) for p, scheme in _ID_PROPS.items() if p in props for v in props[p]]
        record.countries = [c for p in _COUNTRY_PROPS for c in props.get(p, ())]
        record.programmes = list(props.get("topics", ())) + list(entity.get("datasets", ()))
        record.listed_on = (entity.get("first_seen") or (props.get("createdAt") or [""])[0])[:10]
        record.remarks = "; ".join(props.get("notes", ()))
        return record

    def supplements(self) -> Iterator[Supplement]:
        return iter(())
