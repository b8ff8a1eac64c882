"""The search pane's item models (the pane itself is ui/search_pane.py)."""
