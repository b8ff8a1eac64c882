"""Which list format a file is, told from its first bytes (and, for OFAC's set, its neighbours).

Used to preselect the format when an analyst picks files; a guess the analyst can
change, never a substitute for the reader's own checks.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

from ....core.lists import ListFormat
from .xmllists import root_name

_OFAC_SET = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
# XML vintages by root element: OFAC's SDN_ENHANCED.XML and older sdn.xml, the EU's xmlFullSanctionsList 1.1.
_XML_ROOTS = {"sanctionsData": ListFormat.OFAC, "sdnList": ListFormat.OFAC, "export": ListFormat.EU,
              "Designations": ListFormat.UK, "ArrayOfFinancialSanctionsTarget": ListFormat.UK}
_SNIFF_BYTES = 8192


def _head(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            raw = fh.read(_SNIFF_BYTES)
    except OSError:
        return ""
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    return text if len(raw) < _SNIFF_BYTES else text.rsplit("\n", 1)[0]  # drop a line cut in half


def detect_format(paths: Iterable[str | os.PathLike]) -> ListFormat | None:
    """The format of the first file that says clearly what it is, or None."""
    for path in map(Path, paths):
        found = _detect_one(path)
        if found is not None:
            return found
    return None


def _detect_one(path: Path) -> ListFormat | None:
    head = _head(path)
    stripped = head.lstrip()
    if stripped.startswith("{"):
        return ListFormat.FTM
    if stripped.startswith("<"):
        return _XML_ROOTS.get(root_name(path))
    first_lines = head.splitlines()[:3]
    if not first_lines:
        return None
    if "Name 6" in "\n".join(first_lines) or first_lines[0].startswith("Report Date"):
        return ListFormat.UK
    header = first_lines[0]
    if "Entity_LogicalId" in header or "fileGenerationDate" in header:
        return ListFormat.EU
    columns = {c.strip().lower() for c in next(csv.reader(io.StringIO(header)), [])}
    if {"source", "entity_number", "name"} <= columns:
        return ListFormat.CSL
    if {"id", "schema", "name", "aliases"} <= columns:
        return ListFormat.OPENSANCTIONS_CSV
    if path.name.lower() in _OFAC_SET or (header.split(",", 1)[0].isdigit() and "-0-" in header):
        return ListFormat.OFAC
    return None


def with_ofac_companions(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The chosen files, plus alt/add/sdn_comments beside a chosen sdn.csv that were not chosen themselves."""
    chosen = [Path(p) for p in paths]
    names = {p.name.lower() for p in chosen}
    for path in list(chosen):
        if path.name.lower() != "sdn.csv":
            continue
        for sibling in path.parent.iterdir():
            if sibling.name.lower() in _OFAC_SET and sibling.name.lower() not in names:
                chosen.append(sibling)
                names.add(sibling.name.lower())
    return chosen
