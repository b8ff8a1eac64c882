"""The claims pane: a lazily loaded table of claims and the editor for one claim."""
