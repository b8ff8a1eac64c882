"""The dependency graph as a capability: what it shows and how it is worked out off the UI thread.

(The older flat modules services.dependency, graph_layout, graph_style and graph_image belong
here too; they move in once the branches that use them have landed.)
"""
