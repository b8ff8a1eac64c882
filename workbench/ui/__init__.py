"""Qt lives only here: windows, item models, the bridge from code points to UTF-16."""
