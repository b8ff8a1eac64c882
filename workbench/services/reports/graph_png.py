"""The dependency graph SVG as a PNG picture, for Word (python-docx embeds raster images only).

services.graph.image draws a small, known set of SVG elements (line, circle, rect,
polygon, text inside groups); this paints exactly those with Pillow, so no SVG
library or Qt is needed. It reads only our own SVG, never an arbitrary file.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from defusedxml import ElementTree
from PIL import Image, ImageDraw, ImageFont

_SCALE = 1.6
_FONT_CANDIDATES = ("NotoSansCJK-Regular.ttc", "NotoSans-Regular.ttf", "DejaVuSans.ttf")
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "C:/Windows/Fonts")


@lru_cache(maxsize=1)
def _font_file() -> str | None:
    for name in _FONT_CANDIDATES:
        for folder in _FONT_DIRS:
            root = Path(folder)
            if root.is_dir():
                found = next(root.rglob(name), None)
                if found:
                    return str(found)
    return None


@lru_cache(maxsize=16)
def _font(size: int):
    path = _font_file()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


def _tag(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _num(element, name: str, default: float = 0.0) -> float:
    return float(element.get(name, default)) * _SCALE


def _paint(draw: ImageDraw.ImageDraw, element, fill: str | None, stroke: str | None, width: float) -> None:
    tag = _tag(element)
    fill = element.get("fill", fill)
    fill = None if fill == "none" else fill
    stroke = element.get("stroke", stroke)
    width = float(element.get("stroke-width", width))
    line_width = max(1, round(width * _SCALE))
    if tag == "g":
        for child in element:
            _paint(draw, child, fill, stroke, width)
    elif tag == "line":
        draw.line([(_num(element, "x1"), _num(element, "y1")), (_num(element, "x2"), _num(element, "y2"))],
                  fill=stroke or "#888", width=line_width)
    elif tag == "circle":
        x, y, r = _num(element, "cx"), _num(element, "cy"), _num(element, "r")
        draw.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=stroke, width=line_width)
    elif tag == "rect":
        x, y = _num(element, "x"), _num(element, "y")
        draw.rectangle([x, y, x + _num(element, "width"), y + _num(element, "height")], fill=fill, outline=stroke,
                       width=line_width if stroke else 0)
    elif tag == "polygon":
        coords = [float(v) * _SCALE for pair in element.get("points", "").split() for v in pair.split(",")]
        draw.polygon(list(zip(coords[::2], coords[1::2], strict=True)), fill=fill, outline=stroke, width=line_width)
    elif tag == "text" and element.text:
        font = _font(round(float(element.get("font-size", 11)) * _SCALE))
        anchor = "ms" if element.get("text-anchor") == "middle" else "ls"
        halo = element.get("stroke") == "white"
        draw.text((_num(element, "x"), _num(element, "y")), element.text, font=font, anchor=anchor,
                  fill=element.get("fill", "black"), stroke_width=round(3 * _SCALE / 2) if halo else 0,
                  stroke_fill="white" if halo else None)


def graph_png(svg: str) -> bytes:
    """PNG bytes of the graph picture; empty for an empty SVG."""
    if not svg:
        return b""
    root = ElementTree.fromstring(svg)
    size = (round(float(root.get("width")) * _SCALE), round(float(root.get("height")) * _SCALE))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for child in root:
        _paint(draw, child, None, None, 1.0)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
