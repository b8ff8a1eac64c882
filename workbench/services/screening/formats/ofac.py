"""OFAC's legacy CSV set: sdn.csv (entries), alt.csv (aliases), add.csv (addresses), sdn_comments.csv.

No header row; ``-0- `` stands for an empty field; several programmes are written
``A] [B``. Which file is which is told by its number of fields, not its name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ....core.errors import InvalidInputError
from ....core.lists import ListRecord
from .common import ReadState, Supplement, akas_in_text, csv_rows, identifiers_in_text, new_record

_FIELDS = {12: "sdn", 5: "alt", 6: "add", 2: "comments"}
_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft", "": "organisation"}


def _value(cell: str) -> str:
    cell = cell.strip()
    return "" if cell == "-0-" else cell


def programmes(cell: str) -> list[str]:
    """"NPWMD] [IFSR" is two programmes."""
    return [p.strip(" []") for p in _value(cell).split("] [") if p.strip(" []")]


class OfacReader:
    def __init__(self, paths: list[Path]):
        self.state = ReadState()
        self.files: dict[str, Path] = {}
        for path in paths:
            role = self._role(path)
            if role in self.files:
                raise InvalidInputError(f"{path.name}: a second {role} file ({self.files[role].name} is one)")
            self.files[role] = path
        if "sdn" not in self.files:
            raise InvalidInputError("the OFAC set needs its sdn.csv (12 fields a row); alt, add and comments are optional")

    @staticmethod
    def _role(path: Path) -> str:
        for _, row in csv_rows(path):
            role = _FIELDS.get(len(row))
            if role is None:
                raise InvalidInputError(f"{path.name}: {len(row)} fields a row is not a file of the OFAC CSV set")
            return role
        raise InvalidInputError(f"{path.name}: empty file")

    def records(self) -> Iterator[ListRecord]:
        # sdn_comments.csv holds what did not fit in sdn.csv's remarks, cut anywhere (even inside
        # an identifier or an a.k.a.), so the two are joined before anything is read out of them.
        self._overflow = self._remarks_overflow()
        path = self.files["sdn"]
        for line, row in csv_rows(path, state=self.state):
            self.state.lines_read = line
            if len(row) != 12:
                self.state.problem(path, line, f"expected 12 fields, found {len(row)}")
                continue
            key, name = _value(row[0]), _value(row[1])
            if not key.isdigit() or not name:
                self.state.problem(path, line, "no entry number or no name")
                continue
            kind = _KINDS.get(_value(row[2]).lower(), "other")
            record = new_record(key, kind, name, line)
            record.programmes = programmes(row[3])
            overflow = self._overflow.pop(key, None)
            remarks = _value(row[11]) + (overflow[0] if overflow else "")
            record.remarks = remarks
            record.aliases = akas_in_text(remarks)
            record.identifiers = identifiers_in_text(remarks)
            if _value(row[9]):
                record.countries.append(_value(row[9]))  # a vessel's flag
            yield record

    def supplements(self) -> Iterator[Supplement]:
        yield from self._rows("alt", 5, lambda row: [("alias", _value(row[3]), _value(row[2]))])
        yield from self._rows("add", 6, lambda row: [("country", _value(row[4]), "")])
        # Overflow of entries sdn.csv does not have: reported as such when applied.
        comments = self.files.get("comments")
        for key, (text, line) in self._overflow.items():
            yield Supplement("remarks", key, text, "", comments.name if comments else "", line)

    def _remarks_overflow(self) -> dict[str, tuple[str, int]]:
        """Entry number -> (the rest of its remarks, line in sdn_comments.csv)."""
        overflow: dict[str, tuple[str, int]] = {}
        for key, row, line in self._valid_rows("comments", 2):
            text, first_line = overflow.get(key, ("", line))
            overflow[key] = (text + row[1], first_line)
        return overflow

    def _rows(self, role: str, width: int, facts) -> Iterator[Supplement]:
        for key, row, line in self._valid_rows(role, width):
            for kind, value, scheme in facts(row):
                if value:
                    yield Supplement(kind, key, value, scheme, self.files[role].name, line)

    def _valid_rows(self, role: str, width: int) -> Iterator[tuple[str, list[str], int]]:
        """(entry number, fields, line) of each well-formed row of a side file; bad rows become problems."""
        path = self.files.get(role)
        if path is None:
            return
        for line, row in csv_rows(path, state=self.state):
            if len(row) != width:
                self.state.problem(path, line, f"expected {width} fields, found {len(row)}")
                continue
            key = _value(row[0])
            if not key.isdigit():
                self.state.problem(path, line, f"entry number {key!r} is not a number")
                continue
            yield key, row, line
