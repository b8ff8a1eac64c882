"""Corroboration, conflicts and confidence in the desktop program: the analysis kept current, the Conflicts
pane, and each claim's standing in the claim editor and the claims table."""
