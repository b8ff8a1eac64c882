"""Moved to workbench.services.screening.decisions; this name is kept so existing imports work."""

from .screening.decisions import DECISIONS, DecideCandidate

__all__ = ["DECISIONS", "DecideCandidate"]
