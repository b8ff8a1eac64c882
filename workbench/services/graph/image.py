"""The dependency graph as an SVG image, for reports; drawn without Qt from a graph and its layout.

Same styles as the on-screen view (graph.style): colour and shape by entity kind, line
style by relation kind, red for what a measure in effect hits.
"""

from __future__ import annotations

import math
from html import escape
from pathlib import Path

import networkx as nx
import numpy as np

from .dependency import importance
from .layout import Layout
from .style import EDGE_STYLES, MARK_COLOUR, NODE_STYLES

_DASHES = {"solid": "", "dash": "6 4", "dot": "2 3", "dashdot": "6 3 2 3"}
_MARGIN = 70
_LEGEND_WIDTH = 330
_TOP = 30


def _shape(shape: str, x: float, y: float, size: float) -> str:
    r = size / 2
    if shape == "o":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
    if shape == "s":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{size:.1f}" height="{size:.1f}"/>'
    corners = {"d": (4, 90), "t": (3, 90), "t1": (3, -90), "h": (6, 0), "p": (5, 90)}
    if shape == "star":
        points = [(x + (r if i % 2 == 0 else r * 0.45) * math.cos(math.radians(90 + 36 * i)),
                   y - (r if i % 2 == 0 else r * 0.45) * math.sin(math.radians(90 + 36 * i))) for i in range(10)]
    else:
        count, turn = corners.get(shape, (4, 90))
        points = [(x + r * math.cos(math.radians(turn + 360 * i / count)),
                   y - r * math.sin(math.radians(turn + 360 * i / count))) for i in range(count)]
    return '<polygon points="' + " ".join(f"{px:.1f},{py:.1f}" for px, py in points) + '"/>'


def _to_canvas(xy: np.ndarray, width: int, height: int, frame: np.ndarray | None = None) -> np.ndarray:
    """Fit the layout (or ``frame``'s extent) into the drawing area left of the legend, keeping proportions.

    The layout's y points up, SVG's down.
    """
    frame = xy if frame is None else frame
    if len(frame) == 0:
        return xy
    low, high = frame.min(axis=0), frame.max(axis=0)
    span = np.where(high - low > 0, high - low, 1.0)
    area_w, area_h = width - 2 * _MARGIN - _LEGEND_WIDTH, height - 2 * _MARGIN - _TOP
    scale = min(area_w / span[0], area_h / span[1])
    out = (xy - low) * scale
    out[:, 0] += _MARGIN + (area_w - span[0] * scale) / 2
    out[:, 1] = _TOP + _MARGIN + (area_h + span[1] * scale) / 2 - out[:, 1]
    return out


def graph_svg(graph: nx.MultiDiGraph, layout: Layout, width: int = 1400, height: int = 900, title: str = "",
              max_labels: int = 80) -> str:
    xy = _to_canvas(layout.xy, width, height)
    index = layout.index()
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Noto Sans, sans-serif">',
             f'<rect width="{width}" height="{height}" fill="white"/>']
    if title:
        parts.append(f'<text x="{_MARGIN}" y="24" font-size="16" font-weight="bold">{escape(title)}</text>')
    for marked in (False, True):  # marked links on top
        for a, b, attrs in graph.edges(data=True):
            if attrs["marked"] != marked or a not in index or b not in index:
                continue
            style = EDGE_STYLES[attrs["kind"]]
            (x1, y1), (x2, y2) = xy[index[a]], xy[index[b]]
            dash = _DASHES[style.dash]
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                         f'stroke="{MARK_COLOUR if marked else style.colour}" stroke-width="{style.width:.1f}"'
                         + (f' stroke-dasharray="{dash}"' if dash else "") + ' stroke-opacity="0.8"/>')
    small = len(index) > 1000
    for node, attrs in graph.nodes(data=True):
        node_style = NODE_STYLES[attrs["kind"]]
        x, y = xy[index[node]]
        size = node_style.size * (0.5 if small else 1.0)
        stroke = f'stroke="{MARK_COLOUR}" stroke-width="2.5"' if attrs["marked"] else 'stroke="#333" stroke-width="0.6"'
        parts.append(f'<g fill="{node_style.colour}" {stroke}><title>{escape(attrs["name"])}</title>'
                     f'{_shape(node_style.shape, x, y, size)}</g>')
    ranked = sorted(importance(graph).items(), key=lambda item: -item[1])[:max_labels if len(index) < 300 else 25]
    for node, _ in ranked:
        x, y = xy[index[node]]
        label = escape(graph.nodes[node]["name"])
        # A white halo under the text, drawn as its own copy: not every SVG reader knows paint-order.
        parts.append(f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" font-size="11" fill="white" stroke="white" '
                     f'stroke-width="3">{label}</text><text x="{x + 8:.1f}" y="{y + 4:.1f}" font-size="11">{label}</text>')
    for x_layout, heading in layout.columns:
        x = _to_canvas(np.array([[x_layout, layout.xy[:, 1].max()]]), width, height, layout.xy)[0][0]
        parts.append(f'<text x="{x:.1f}" y="48" font-size="12" fill="#555" text-anchor="middle">{escape(heading)}</text>')
    parts.append(_legend(width))
    parts.append("</svg>")
    return "\n".join(parts)


def _legend(width: int) -> str:
    items, x = [], width - 150
    y = 50
    for kind, style in NODE_STYLES.items():
        items.append(f'<g fill="{style.colour}" stroke="#333" stroke-width="0.6">{_shape(style.shape, x, y, 10)}</g>'
                     f'<text x="{x + 12}" y="{y + 4}" font-size="10">{kind.value}</text>')
        y += 15
    for relation_kind, edge_style in EDGE_STYLES.items():
        dash = _DASHES[edge_style.dash]
        items.append(f'<line x1="{x - 6}" y1="{y}" x2="{x + 6}" y2="{y}" stroke="{edge_style.colour}" stroke-width="2"'
                     + (f' stroke-dasharray="{dash}"' if dash else "") + f'/><text x="{x + 12}" y="{y + 4}" '
                     f'font-size="10">{relation_kind.value.replace("_", " ")}</text>')
        y += 15
    items.append(f'<circle cx="{x}" cy="{y}" r="5" fill="none" stroke="{MARK_COLOUR}" stroke-width="2.5"/>'
                 f'<text x="{x + 12}" y="{y + 4}" font-size="10">hit by a measure / listed</text>')
    return '<g>' + "".join(items) + '</g>'


def write_graph_svg(path: str | Path, graph: nx.MultiDiGraph, layout: Layout, **options) -> Path:
    path = Path(path)
    path.write_text(graph_svg(graph, layout, **options), encoding="utf-8")
    return path
