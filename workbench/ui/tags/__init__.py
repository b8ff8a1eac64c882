"""The tag manager dialog (Edit ▸ Tags…)."""
