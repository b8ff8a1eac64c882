"""A claim's confidence, high, moderate or low, in the sense of ICD 203, from one written rule.

ICD 203 (US Intelligence Community Directive 203, Analytic Standards) asks analysts to
say how far a judgement can be trusted: *high* confidence rests on high-quality
information from several sources, *moderate* on information that is credibly sourced and
plausible but not corroborated enough, *low* on information that is scant, questionable,
fragmented or contradicted. The rule, applied in this order (the same text is shown in
the claim's tooltip and the help):

1. **Low** when the claim is contested (a contradiction not judged in its favour, and not
   judged "both right at their dates"), or its source is graded D or E (not usually
   reliable, unreliable), or the information is graded 4 or 5 (doubtful, improbable), or it
   rests on a single source that is ungraded or graded F and on information ungraded or
   graded 6 (nothing vouches for it).
2. **High** when it is corroborated by two or more independent sources (copies of one
   article count once), its source is graded A or B and the information 1 or 2.
3. **Moderate** otherwise: credible but single-source, or corroborated with fair grades.

The source's reliability is the claim's own grading when the analyst gave one, else the
source's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"


RULE = ("Low: contested, or source graded D/E, or information graded 4/5, or a single source with neither "
        "graded (or graded F and 6). High: corroborated by 2+ independent sources (copies count once), source A/B "
        "and information 1/2. Moderate: everything else.")

_RELIABILITY = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
_CREDIBILITY = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
                6: "truth cannot be judged"}


@dataclass(frozen=True, slots=True)
class Confidence:
    level: Level
    reasons: tuple[str, ...]

    def explain(self) -> str:
        """One line: "Moderate confidence: single source; source B (usually reliable); information 2 (…)"."""
        return f"{self.level.value.capitalize()} confidence: " + "; ".join(self.reasons)


def confidence_of(reliability: str | None, credibility: int | None, independent_sources: int,
                  contested: bool) -> Confidence:
    reasons = ["contested by another source" if contested else
               (f"corroborated by {independent_sources} independent sources" if independent_sources >= 2
                else "single source")]
    reasons.append(f"source {reliability} ({_RELIABILITY[reliability]})" if reliability in _RELIABILITY
                   else "source ungraded")
    reasons.append(f"information {credibility} ({_CREDIBILITY[credibility]})" if credibility in _CREDIBILITY
                   else "information ungraded")
    unvouched = reliability in (None, "F") and credibility in (None, 6)
    if (contested or reliability in ("D", "E") or credibility in (4, 5)
            or (independent_sources < 2 and unvouched)):
        level = Level.LOW
    elif independent_sources >= 2 and reliability in ("A", "B") and credibility in (1, 2):
        level = Level.HIGH
    else:
        level = Level.MODERATE
    return Confidence(level, tuple(reasons))
