"""What a screening run checked, so that "0 candidates" can be trusted.

A run that finds nothing is only good news if it looked: the analyst needs to see how
many entities and names were compared, against which lists and which versions of them,
and what was left out and why (kinds that are never screened, entities whose names fold
to nothing, lists without entries). The desktop program and the command line both show
this record; it is built from counts only, never from the names themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ...core.lists import Candidate, SanctionsList
from ...core.model import Entity


@dataclass(frozen=True, slots=True)
class ListChecked:
    """One list as it was screened against: its name, the version's date and its size."""

    name: str
    version_date: str
    entries: int
    names: int  # names plus aliases in the blocking index


@dataclass(frozen=True, slots=True)
class ScreeningSummary:
    entities_checked: int
    names_checked: int  # distinct usable names plus aliases of the entities checked
    identifiers_checked: int
    lists: tuple[ListChecked, ...]
    empty_lists: tuple[str, ...]  # lists left out: they have no entries
    skipped_kinds: tuple[tuple[str, int], ...]  # (entity kind, count) of kinds never screened
    no_usable_name: int  # entities left out: no name or alias survives folding, and no identifier
    unusable_names: int  # names or aliases of checked entities that fold to nothing (not compared)
    candidates: int
    strong: int
    min_score: float

    @property
    def skipped_by_kind(self) -> int:
        return sum(count for _kind, count in self.skipped_kinds)

    def as_record(self) -> dict:
        """The summary as plain JSON values (for ``workbench screen --json``)."""
        return {
            "entities_checked": self.entities_checked, "names_checked": self.names_checked,
            "identifiers_checked": self.identifiers_checked,
            "lists": [{"name": item.name, "version_date": item.version_date, "entries": item.entries,
                       "names": item.names} for item in self.lists],
            "candidates": self.candidates, "strong": self.strong, "min_score": self.min_score,
            "skipped": {"kinds_not_screened": dict(self.skipped_kinds), "no_usable_name": self.no_usable_name,
                        "unusable_names": self.unusable_names, "empty_lists": list(self.empty_lists)},
        }


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def _list_phrase(item: ListChecked) -> str:
    return f"{item.name} ({item.version_date or 'undated'}, {_plural(item.entries, 'entry', 'entries')})"


def checked_text(summary: ScreeningSummary) -> str:
    """One sentence: what was compared with what, and how many candidates came out."""
    names = _plural(summary.names_checked, "name")
    identifiers = f", {_plural(summary.identifiers_checked, 'identifier')}" if summary.identifiers_checked else ""
    if summary.lists:
        against = f"against {_plural(len(summary.lists), 'list')}: " + "; ".join(map(_list_phrase, summary.lists))
    else:
        against = "against no list (import a sanctions list first)"
    found = (f"{_plural(summary.candidates, 'candidate')} ({summary.strong:,} strong)" if summary.candidates
             else "0 candidates")
    return (f"{found} at score {summary.min_score:g} or more. Checked {_plural(summary.entities_checked, 'entity', 'entities')} "
            f"({names} and aliases{identifiers}) {against}.")


def skipped_text(summary: ScreeningSummary) -> str:
    """One sentence on what was left out and why; empty when nothing was."""
    parts = []
    if summary.skipped_kinds:
        kinds = ", ".join(f"{count:,} {kind}" for kind, count in summary.skipped_kinds)
        parts.append(f"{_plural(summary.skipped_by_kind, 'entity', 'entities')} of kinds not screened ({kinds})")
    if summary.no_usable_name:
        parts.append(f"{_plural(summary.no_usable_name, 'entity', 'entities')} with no usable name or identifier")
    if summary.unusable_names:
        parts.append(f"{_plural(summary.unusable_names, 'name')} or alias(es) with no letters or digits to compare")
    if summary.empty_lists:
        parts.append(f"{_plural(len(summary.empty_lists), 'list')} with no entries ({', '.join(summary.empty_lists)})")
    return f"Skipped {'; '.join(parts)}." if parts else ""


def summary_text(summary: ScreeningSummary) -> str:
    return " ".join(part for part in (checked_text(summary), skipped_text(summary)) if part)


def summarise(checked: Iterable[Entity], names: int, unusable_names: int, identifiers: int, no_usable_name: int,
              not_screened: Iterable[Entity], lists: Iterable[SanctionsList], names_per_list: Counter,
              candidates: list[Candidate], min_score: float) -> ScreeningSummary:
    """The record of one run, from what run.screen_project counted."""
    lists = list(lists)
    kinds = Counter(entity.kind.value for entity in not_screened)
    return ScreeningSummary(
        entities_checked=sum(1 for _ in checked), names_checked=names, identifiers_checked=identifiers,
        lists=tuple(ListChecked(sl.name, sl.version_date, sl.entry_count, names_per_list.get(sl.id, 0))
                    for sl in lists if sl.entry_count),
        empty_lists=tuple(sl.name for sl in lists if not sl.entry_count),
        skipped_kinds=tuple(sorted(kinds.items(), key=lambda item: (-item[1], item[0]))),
        no_usable_name=no_usable_name, unusable_names=unusable_names,
        candidates=len(candidates), strong=sum(1 for c in candidates if c.strong), min_score=min_score)
