"""The dependency graph as a capability: the network model and its filters (dependency), layouts
(layout), the styles shared by the screen and reports (style), the SVG image for reports (image),
and the picture worked out off the UI thread (picture).
"""
