"""Moved to workbench.services.screening.index; this name is kept so existing imports work."""

from .screening.index import CANDIDATES_PER_NAME, ScreeningIndex

__all__ = ["CANDIDATES_PER_NAME", "ScreeningIndex"]
