"""Sanctions lists and screening: the plain records that parsers, storage and services pass around."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ListFormat(StrEnum):
    OFAC = "ofac"
    CSL = "csl"
    FTM = "ftm"
    OPENSANCTIONS_CSV = "opensanctions-csv"
    EU = "eu"
    UK = "uk"


ENTRY_KINDS = ("person", "organisation", "vessel", "aircraft", "other")


@dataclass(slots=True)
class ListRecord:
    """One party as a list file describes it, before it is stored."""

    key: str  # the list's own stable id for the entry (OFAC ent_num, FtM id, EU logical id...)
    kind: str
    caption: str
    names: list[str] = field(default_factory=list)  # first is the primary name
    aliases: list[str] = field(default_factory=list)
    identifiers: list[tuple[str, str]] = field(default_factory=list)  # (scheme, value)
    programmes: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    listed_on: str = ""
    remarks: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ParseProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class SanctionsList:
    id: int
    uuid: str
    name: str
    format: str
    version_date: str
    files: str
    imported_at: str
    entry_count: int


@dataclass(frozen=True, slots=True)
class ListEntry:
    id: int
    list_id: int
    key: str
    kind: str
    caption: str
    programmes: tuple[str, ...]
    countries: tuple[str, ...]
    listed_on: str
    remarks: str
    names: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ImportSummary:
    list_name: str
    version_date: str
    entries: int
    added: int
    removed: int
    previous_version: str | None  # None on a first import
    problems: tuple[ParseProblem, ...]
    skipped: dict[str, int] = field(default_factory=dict)  # records left out on purpose, by reason
    added_sample: tuple[str, ...] = ()
    removed_sample: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible match between a project entity and a list entry, with the reasons."""

    code: str
    entity_id: int
    entity_label: str
    list_name: str
    entry_key: str
    entry_caption: str
    score: float
    method: str  # "identifier" or "name"
    entity_name: str  # which of the entity's names matched
    listed_name: str
    reason: str
    strong: bool
    decision: str = ""  # "", "confirmed" or "rejected"
    decision_note: str = ""


@dataclass(frozen=True, slots=True)
class ConfirmedMatch:
    entity_id: int
    list_name: str
    entry_key: str
    caption: str
    programmes: tuple[str, ...]
    still_listed: bool
    note: str
    decided_at: str
