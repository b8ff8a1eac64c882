"""What an import or merge did, in words an analyst can check: counts, deviations, skips, conflicts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

KINDS = ("sources", "tags", "entities", "claims", "links", "relations", "measures")


@dataclass
class ExchangeReport:
    origin: str
    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deviations: list[str] = field(default_factory=list)  # the file deviates from its format; read anyway
    skipped: list[str] = field(default_factory=list)  # left out, with why
    conflicts: list[str] = field(default_factory=list)  # both sides changed: both kept
    flagged: list[str] = field(default_factory=list)  # placed, but not where the file said: check these
    notes: list[str] = field(default_factory=list)  # other things worth knowing
    changed_claim_ids: list[int] = field(default_factory=list)
    added_source_ids: list[int] = field(default_factory=list)
    undo: object = None  # apply.UndoRecord: what to take away to undo the import

    def counts_line(self) -> str:
        def part(counter: Counter) -> str:
            return ", ".join(f"{counter[k]} {k}" for k in KINDS if counter[k]) or "nothing"

        line = f"{self.origin}: added {part(self.added)}"
        if sum(self.updated.values()):
            line += f"; updated {part(self.updated)}"
        if sum(self.unchanged.values()):
            line += f"; already here {part(self.unchanged)}"
        return line

    def lines(self) -> list[str]:
        """The whole summary, one finding per line, headed by what it is."""
        out = [self.counts_line()]
        for title, items in (("conflict", self.conflicts), ("re-anchored, check", self.flagged),
                             ("deviation", self.deviations), ("skipped", self.skipped), ("note", self.notes)):
            out += [f"  {title}: {item}" for item in items]
        out.append(f"  {len(self.conflicts)} conflict(s), {len(self.flagged)} re-anchored, "
                   f"{len(self.deviations)} deviation(s), {len(self.skipped)} skipped")
        return out

    def as_dict(self) -> dict:
        return {"origin": self.origin, "added": dict(self.added), "updated": dict(self.updated),
                "unchanged": dict(self.unchanged), "conflicts": self.conflicts, "flagged": self.flagged,
                "deviations": self.deviations, "skipped": self.skipped, "notes": self.notes}
