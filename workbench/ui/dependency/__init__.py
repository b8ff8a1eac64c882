"""The sanctions and hardware-dependency pane: graph, timeline, exposure table, editing."""
