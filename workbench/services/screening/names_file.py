"""Screening a file of names (a counterparty list) against every imported list, adding nothing.

Analysts receive counterparties as spreadsheets: a CSV or XLSX with a ``name`` column and,
when present, ``kind``, ``country`` and identifier columns (``inn``, ``ogrn``, ``imo``...),
or a text file with one name per line. Each row is screened as a transient entity through
the same matcher as the project's own entities, so the scores mean the same thing; the
project is only read.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import InvalidInputError
from ...core.matching import STRONG_SCORE
from ...core.model import Entity, EntityKind
from ...core.names import identifier_key
from ...storage.lists import ListRepository
from ..project import Project
from ..reports.tables import csv_safe, looks_like_formula, xml_safe
from .run import DEFAULT_MIN_SCORE, build_index, screen_entities

_IDENTIFIER_COLUMNS = {"inn": "INN", "ogrn": "OGRN", "imo": "IMO", "lei": "LEI", "bic": "BIC", "swift": "BIC",
                       "mmsi": "MMSI", "tax id": "Tax ID", "registration": "Registration", "passport": "Passport"}
_KINDS = {"person": EntityKind.PERSON, "individual": EntityKind.PERSON, "company": EntityKind.COMPANY,
          "organisation": EntityKind.ORGANISATION, "organization": EntityKind.ORGANISATION,
          "entity": EntityKind.COMPANY, "vessel": EntityKind.OTHER, "": EntityKind.OTHER}
_MAX_ROWS = 200_000


@dataclass(frozen=True, slots=True)
class NameQuery:
    """One row of the file: the name as given and what else the row says."""

    name: str
    kind: EntityKind = EntityKind.OTHER
    country: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class NameHit:
    query: str
    line: int
    list_name: str
    entry: str
    entry_name: str
    score: float
    band: str
    method: str
    matched_name: str
    reasons: str

    def as_record(self) -> dict:
        return {"query": self.query, "line": self.line, "list": self.list_name, "entry": self.entry,
                "entry_name": self.entry_name, "score": self.score, "band": self.band, "method": self.method,
                "matched_name": self.matched_name, "reasons": self.reasons}


def read_names(path: str | os.PathLike) -> list[NameQuery]:
    """The rows of a CSV, XLSX or text file of names; a file without a usable name column is refused."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        queries = _queries(path, _xlsx_rows(path))
    elif suffix in (".csv", ".tsv"):
        queries = _queries(path, _csv_rows(path, "\t" if suffix == ".tsv" else ","))
    else:
        queries = _plain_queries(path)
    if len(queries) > _MAX_ROWS:
        raise InvalidInputError(f"{path.name}: {len(queries):,} names; at most {_MAX_ROWS:,} are screened at once")
    return queries


def _plain_queries(path: Path) -> list[NameQuery]:
    """A text file's names, one a line; a first line that only says "name" is a heading, not a name."""
    queries = [NameQuery(line.strip(), line=number) for number, line in enumerate(_text_lines(path), start=1)
               if line.strip()]
    if queries and queries[0].line == 1 and queries[0].name.strip().lower() in ("name", "names"):
        queries = queries[1:]
    return queries


def _text_lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace").splitlines()


def _csv_rows(path: Path, delimiter: str) -> Iterator[list[str]]:
    yield from csv.reader(_text_lines(path), delimiter=delimiter)


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise InvalidInputError(f"{path.name}: not readable as an XLSX workbook ({exc})") from None
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield ["" if cell is None else str(cell) for cell in row]
    finally:
        book.close()


def _queries(path: Path, rows: Iterator[list[str]]) -> list[NameQuery]:
    header = None
    queries = []
    for number, row in enumerate(rows, start=1):
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if "name" not in header:
                raise InvalidInputError(f"{path.name}: no column 'name' in the first row "
                                        f"(found: {', '.join(c for c in header if c) or 'nothing'})")
            continue
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        if not cells.get("name"):
            continue
        kind = _KINDS.get(cells.get("kind", cells.get("type", "")).lower())
        if kind is None:
            raise InvalidInputError(f"{path.name} line {number}: kind {cells.get('kind')!r} is not person, company "
                                    "or organisation")
        identifiers = tuple((scheme, cells[column]) for column, scheme in _IDENTIFIER_COLUMNS.items()
                            if cells.get(column))
        queries.append(NameQuery(cells["name"], kind, cells.get("country", ""), identifiers, number))
    return queries


def screen_names(project: Project, queries: list[NameQuery], min_score: float = DEFAULT_MIN_SCORE,
                 progress: Callable[[float, str], None] | None = None) -> list[NameHit]:
    """Candidates for every query, best first per query, as screening the project's entities would give them."""
    entities = [Entity(-number, "", q.name, q.kind, q.country) for number, q in enumerate(queries, start=1)]
    identifiers = {-number: [(scheme, value, identifier_key(value)) for scheme, value in q.identifiers]
                   for number, q in enumerate(queries, start=1) if q.identifiers}
    repo = ListRepository(project.db)
    list_names = {sl.id: sl.name for sl in repo.list()}
    found = screen_entities(project, entities, build_index(project), min_score, progress, identifiers=identifiers)
    heads = {}
    hits = []
    for f in found:
        query = queries[-f.entity_id - 1]
        key = (f.list_id, f.entry_key)
        if key not in heads:
            entry = repo.entry(f.list_id, f.entry_key)
            heads[key] = entry.caption if entry is not None else f.listed_name
        strong = f.method == "identifier" or f.score >= STRONG_SCORE
        hits.append(NameHit(query.name, query.line, list_names[f.list_id], f.entry_key, heads[key], f.score,
                            "strong" if strong else "possible", f.method, f.listed_name, f.reason))
    return hits


# Columns of an exported result: the JSON field and the heading a spreadsheet shows.
EXPORT_COLUMNS = (("query", "Name as given"), ("line", "Line"), ("list", "List"), ("entry", "Entry id"),
                  ("entry_name", "Entry name"), ("score", "Score"), ("band", "Band"), ("method", "Found by"),
                  ("matched_name", "Listed name matched"), ("reasons", "Reasons"))


def export_hits(hits: list[NameHit], path: str | os.PathLike) -> Path:
    """Write the candidates to an XLSX or CSV file (by its suffix). Names come from strangers: a cell that
    a spreadsheet would take for a formula (=, +, -, @, tab, CR first) is written as text."""
    path = Path(path)
    suffix = path.suffix.lower()
    rows = [[hit.as_record()[field] for field, _ in EXPORT_COLUMNS] for hit in hits]
    header = [heading for _, heading in EXPORT_COLUMNS]
    if suffix == ".xlsx":
        _write_xlsx(path, header, rows)
    elif suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows([csv_safe(value) for value in row] for row in rows)
    else:
        raise InvalidInputError(f"{path.name}: export to .xlsx or .csv")
    return path


def _write_xlsx(path: Path, header: list[str], rows: list[list]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Screening")
    sheet.append(header)
    for row in rows:
        cells: list = []
        for value in row:
            if isinstance(value, str) and looks_like_formula(value):
                cell = WriteOnlyCell(sheet, value=xml_safe(value))
                cell.data_type = "s"  # a string cell, never a formula
                cell.quotePrefix = True
                cells.append(cell)
            else:
                cells.append(xml_safe(value) if isinstance(value, str) else value)
        sheet.append(cells)
    book.save(path)
