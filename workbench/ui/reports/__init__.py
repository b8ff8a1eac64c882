"""File ▸ Export report…: the report dialog, its safe HTML preview and its background export."""
