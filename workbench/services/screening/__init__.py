"""Screening the project's entities against the imported sanctions lists.

One package for the capability: ``run`` compares entities with the listed names, ``summary``
says what a run checked and left out, ``index`` is the blocking index over the listed names, ``decisions`` holds
the analyst's undoable decisions. ``from workbench.services import screening`` keeps giving
the run's functions, as it did when screening was one module.
"""

from __future__ import annotations

from .run import (
    DEFAULT_MIN_SCORE,
    SCREENED_KINDS,
    Found,
    ScreeningRun,
    add_entity_identifier,
    build_index,
    candidate_code,
    candidate_record,
    confirmed_matches,
    decide,
    find_candidate,
    list_candidates,
    run_screening,
    screen_entities,
    screen_project,
    screenable_entities,
)
from .summary import ListChecked, ScreeningSummary, checked_text, skipped_text, summary_text

__all__ = [
    "DEFAULT_MIN_SCORE", "SCREENED_KINDS", "Found", "ListChecked", "ScreeningRun", "ScreeningSummary",
    "add_entity_identifier", "build_index", "candidate_code", "candidate_record", "checked_text", "confirmed_matches",
    "decide", "find_candidate", "list_candidates", "run_screening", "screen_entities", "screen_project",
    "screenable_entities", "skipped_text", "summary_text",
]
