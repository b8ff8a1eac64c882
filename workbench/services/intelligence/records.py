"""Plain-dict views of the analysis, for ``claims --json``, ``conflicts --json`` and exports.

Claims and sources are named by their uuids, as everywhere in the command line's JSON.
"""

from __future__ import annotations

from .analysis import A_RIGHT, B_RIGHT, BOTH_RIGHT, Analysis, JudgedConflict, Standing

VERDICT_WORDS = {A_RIGHT: "first right", B_RIGHT: "second right", BOTH_RIGHT: "both right at their dates",
                 "unresolved": "unresolved"}


def corroboration_record(analysis: Analysis, claim_id: int, standing: Standing) -> dict:
    claims, sources = analysis.claims, analysis.facts.sources
    return {
        "status": standing.status,
        "group": claims[standing.group_id].uuid if standing.group_id is not None else None,
        "independent_sources": standing.independent_sources,
        "claims": [claims[c].uuid for c in standing.others],
        "sources": [sources[s].uuid for s in standing.other_sources if s in sources],
        "conflicts_with": [claims[b if a == claim_id else a].uuid for a, b in standing.conflicts],
    }


def confidence_record(standing: Standing) -> dict:
    return {"level": standing.confidence.level.value, "reasons": list(standing.confidence.reasons)}


def claim_intelligence(analysis: Analysis, claim_id: int) -> dict:
    """The ``corroboration`` and ``confidence`` fields of one claim's JSON record."""
    standing = analysis.standing(claim_id)
    if standing is None:  # an orphaned claim: it no longer stands anywhere in its source
        return {"corroboration": None, "confidence": None}
    return {"corroboration": corroboration_record(analysis, claim_id, standing), "confidence": confidence_record(standing)}


def conflict_record(analysis: Analysis, judged: JudgedConflict) -> dict:
    conflict, judgement = judged.conflict, judged.judgement
    sides = [{"id": claim.uuid, "quote": claim.quote, "source_id": source.uuid if source else None,
              "source_title": source.title if source else "", "published": source.published if source else "",
              "date": date} for claim, source, date in analysis.sides(judged)]
    return {
        "kind": conflict.kind, "claims": sides, "detail": conflict.detail, "assessment": conflict.assessment,
        "judgement": None if judgement is None else {
            "verdict": VERDICT_WORDS.get(judgement.verdict, judgement.verdict),
            "right": ([sides[0]["id"]] if judgement.verdict == A_RIGHT else [sides[1]["id"]]
                      if judgement.verdict == B_RIGHT else [s["id"] for s in sides]
                      if judgement.verdict == BOTH_RIGHT else []),
            "note": judgement.note, "judged_at": judgement.judged_at},
    }
