"""The domain objects. Plain, immutable dataclasses; storage fills them, services use them."""

from __future__ import annotations

import uuid as _uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum, StrEnum

from .anchoring import Anchor


def new_uuid() -> str:
    return str(_uuid.uuid4())


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ClaimKind(StrEnum):
    FACT = "fact"
    STATISTIC = "statistic"
    FORECAST = "forecast"
    OPINION = "opinion"
    EVENT = "event"


class LinkKind(StrEnum):
    CORROBORATES = "corroborates"
    CONTRADICTS = "contradicts"
    DUPLICATES = "duplicates"


class EntityKind(StrEnum):
    COUNTRY = "country"
    COMPANY = "company"
    ORGANISATION = "organisation"
    PERSON = "person"
    CHIP = "chip"
    COMPONENT = "component"
    FACILITY = "facility"
    ALLIANCE = "alliance"
    PROGRAMME = "programme"
    MODEL = "model"
    OTHER = "other"


class RelationKind(StrEnum):
    SUPPLIES = "supplies"
    DEPENDS_ON = "depends_on"
    MEMBER_OF = "member_of"
    OWNS = "owns"
    PARTNERS_WITH = "partners_with"
    PRODUCES = "produces"


class MeasureKind(StrEnum):
    EXPORT_CONTROL = "export_control"
    ASSET_FREEZE = "asset_freeze"
    SECTORAL_SANCTION = "sectoral_sanction"
    ENTITY_LISTING = "entity_listing"
    OTHER = "other"


RELIABILITY_GRADES = ("A", "B", "C", "D", "E", "F")
CREDIBILITY_GRADES = (1, 2, 3, 4, 5, 6)


def enum_values(enum: type[Enum]) -> list[str]:
    return [member.value for member in enum]


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What is known about where a source came from."""

    title: str
    author: str = ""
    publisher: str = ""
    published: str = ""  # ISO 8601 date, possibly partial (2024 or 2024-12)
    url: str = ""
    language: str = ""



@dataclass(frozen=True, slots=True)
class SourceHeading:
    """A source's identity and metadata without its text: what a search needs of every source
    (a Source counts its text's characters, which reads every text in the project)."""

    id: int
    uuid: str
    meta: SourceMeta

    @property
    def title(self) -> str:
        return self.meta.title

@dataclass(frozen=True, slots=True)
class Source:
    id: int
    uuid: str
    meta: SourceMeta
    media_type: str
    filename: str
    encoding: str
    content_hash: str
    text_length: int
    reliability: str | None
    imported_at: str
    claim_count: int = 0

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """A block kept out of a source's reading text (boilerplate), kept so it can be shown or restored.

    ``position`` is the offset in the current text where the block would be re-inserted;
    ``seq`` orders blocks as they stood in the original (several may share a position).
    """

    seq: int
    position: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str = ""
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Grading:
    """Admiralty code: source reliability A-F, information credibility 1-6."""

    reliability: str | None = None
    credibility: int | None = None

    @property
    def code(self) -> str:
        return f"{self.reliability or '?'}{self.credibility or '?'}" if self != Grading() else ""


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """Everything the analyst states about a claim, before it has an identity."""

    statement: str = ""
    kind: ClaimKind = ClaimKind.FACT
    quantities: tuple[Quantity, ...] = ()
    grading: Grading = Grading()
    note: str = ""
    tags: tuple[str, ...] = ()  # tag paths, "region/russia"
    entities: tuple[str, ...] = ()  # entity names


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    uuid: str
    source_id: int
    source_uuid: str
    source_title: str
    anchor: Anchor
    anchor_status: str
    statement: str
    kind: ClaimKind
    quantities: tuple[Quantity, ...]
    grading: Grading
    note: str
    tags: tuple[str, ...]
    entities: tuple[str, ...]
    created_at: str
    modified_at: str


@dataclass(frozen=True, slots=True)
class ClaimLink:
    id: int
    uuid: str
    from_claim: int
    to_claim: int
    kind: LinkKind
    note: str = ""


@dataclass(frozen=True, slots=True)
class Tag:
    id: int
    uuid: str
    name: str
    parent_id: int | None
    path: str
    color: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    id: int
    uuid: str
    name: str
    kind: EntityKind
    country: str = ""
    aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Relation:
    id: int
    uuid: str
    subject_id: int
    kind: RelationKind
    object_id: int
    valid_from: str = ""
    valid_to: str = ""
    note: str = ""
    evidence: tuple[int, ...] = ()  # claim ids


@dataclass(frozen=True, slots=True)
class Measure:
    id: int
    uuid: str
    name: str
    kind: MeasureKind
    authority: str = ""
    citation: str = ""
    announced: str = ""
    effective_from: str = ""
    effective_to: str = ""
    note: str = ""
    targets: tuple[int, ...] = ()  # entity ids
    evidence: tuple[int, ...] = ()  # claim ids


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "source" or "claim"
    id: int
    uuid: str
    source_id: int
    source_uuid: str
    title: str
    snippet: str
    start: int  # first match, code points into the source text (claims: into the quote)
    end: int
    score: float
    extra: dict[str, object] = field(default_factory=dict)
    # Where the match stands in ``snippet``: the snippet itself is plain text, since a
    # marker such as ** could also be the source's own characters.
    snippet_hit: tuple[int, int] | None = None

    def marked_snippet(self, left: str = "**", right: str = "**") -> str:
        if self.snippet_hit is None:
            return self.snippet
        start, end = self.snippet_hit
        return self.snippet[:start] + left + self.snippet[start:end] + right + self.snippet[end:]


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A query kept in the project under a name, to be run again on demand."""

    id: int
    name: str
    query: str
    scope: str  # "all" | "sources" | "claims" | "removed" (services.search.scopes)
    created_at: str
