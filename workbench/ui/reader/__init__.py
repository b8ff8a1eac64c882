"""The reader: one source's text with its claims highlighted."""
