"""Sanctions lists and screening in the desktop program: list import, the lists, candidates and decisions."""
