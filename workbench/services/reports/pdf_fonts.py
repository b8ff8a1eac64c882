"""The fonts the PDF report embeds, found through fontconfig, and the widths the layout measures with.

Latin and Cyrillic come from Noto Serif (body) and Noto Sans (headings, labels); Chinese,
Japanese and Korean characters from Noto Sans CJK SC; hashes and ids from a monospace face.
``scripts/setup`` installs the Noto packages; the files are found with ``fc-match`` when a
report is made, so a distribution that keeps them elsewhere still works. A face is loaded
into fpdf2 (which embeds a subset of it) only when some text first needs it: an English-only
report never parses the 19 MB CJK collection.

Every character is drawn with the first face of its style that has a glyph for it: the
main face, else the CJK face, else any installed font that fontconfig says covers it
(``fc-list :charset=...``: Arabic, Hebrew, Devanagari, symbols...), so no character of a quote
is lost from the text layer. (fpdf2 draws such scripts unshaped, left to right: legible for
extraction, not typographically right; shaping would need uharfbuzz and a bidi pass.) We pick the face per character here instead of using
fpdf2's fallback fonts because fpdf2 then rechecks every character of every line on each
call; our layout measures each word once (``Fonts.width`` caches it) and hands fpdf2 whole
single-face runs.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from fpdf import FPDF

from ...core.errors import WorkbenchError

# face key -> fontconfig pattern; the key is also the family name inside the PDF.
FACE_PATTERNS = {
    "serif": "Noto Serif", "serif-i": "Noto Serif:italic", "sans": "Noto Sans", "sans-b": "Noto Sans:bold",
    "cjk": "Noto Sans CJK SC", "cjk-b": "Noto Sans CJK SC:bold", "mono": "DejaVu Sans Mono",
}
# The face that stands in for a main face's missing characters.
CJK_FOR = {"serif": "cjk", "serif-i": "cjk", "sans": "cjk", "sans-b": "cjk-b", "mono": "cjk", "cjk": "cjk",
           "cjk-b": "cjk-b"}
PT = 25.4 / 72  # mm per point
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


@cache
def font_covering(char: str) -> tuple[str, int] | None:
    """(path, index) of an installed regular font that has a glyph for ``char``, or None."""
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list", "--format", "%{file}|%{index}|%{style}\n", f":charset={ord(char):x}"],
                            capture_output=True, text=True, check=False).stdout.splitlines()
    candidates = []
    for line in listed:
        path, _, rest = line.partition("|")
        index, _, style = rest.partition("|")
        if path.lower().endswith(_FONT_SUFFIXES) and "color" not in path.lower():
            plain = any(word in style for word in ("Regular", "Book")) or not style
            candidates.append((not plain, len(path), path, int(index) if index.isdigit() else 0))
    return min(candidates)[2:] if candidates else None


@cache
def font_file(pattern: str) -> tuple[str, int]:
    """(path, index in a collection) of the font fontconfig picks for ``pattern``."""
    if shutil.which("fc-match") is None:
        raise WorkbenchError("PDF export needs fontconfig (fc-match) to find the Noto fonts; run scripts/setup")
    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", pattern], capture_output=True, text=True,
                           check=False).stdout.split("\n")
    path = found[0].strip() if found else ""
    if not path or not Path(path).is_file() or not path.lower().endswith(_FONT_SUFFIXES):
        raise WorkbenchError(f"PDF export found no usable font for {pattern!r}; run scripts/setup to install Noto")
    index = int(found[1]) if len(found) > 1 and found[1].strip().isdigit() else 0
    return path, index


@dataclass(frozen=True, slots=True)
class Style:
    """How a span of text looks: its main face, size in points, colour and line height factor."""

    face: str = "serif"
    size: float = 10.0
    color: tuple[int, int, int] = (0x1F, 0x23, 0x28)
    leading: float = 1.45

    @property
    def line_height(self) -> float:  # in mm
        return self.size * self.leading * PT


class Fonts:
    """Loads faces into one FPDF on first use, chooses a face per character, measures text in mm."""

    def __init__(self, pdf: FPDF):
        self.pdf = pdf
        self._cmaps: dict[str, dict] = {}
        self._widths: dict[str, dict] = {}
        self._face_of: dict[tuple[str, str], str] = {}
        self._word_width: dict[tuple[str, str], float] = {}

    def load(self, face: str) -> None:
        if face in self._cmaps:
            return
        path, index = font_file(FACE_PATTERNS[face])
        self.pdf.add_font(face, "", path, collection_font_number=index)
        font: Any = self.pdf.fonts[face]  # a TTFFont: add_font gave it a font file
        self._cmaps[face] = font.cmap
        self._widths[face] = font.cw

    def face_for(self, face: str, char: str) -> str:
        """The face that draws ``char`` in text whose main face is ``face``."""
        key = (face, char)
        chosen = self._face_of.get(key)
        if chosen is None:
            self.load(face)
            chosen = face
            if ord(char) not in self._cmaps[face]:
                fallback = CJK_FOR[face]
                self.load(fallback)
                chosen = fallback if ord(char) in self._cmaps[fallback] else self._other_face(char) or face
            self._face_of[key] = chosen
        return chosen

    def _other_face(self, char: str) -> str | None:
        """A face loaded for characters that neither main nor CJK face has; None when no font has it."""
        for face, cmap in self._cmaps.items():
            if face.startswith("extra") and ord(char) in cmap:
                return face
        found = font_covering(char)
        if found is None:
            return None
        face = f"extra{len(self._cmaps)}"
        try:
            self.pdf.add_font(face, "", found[0], collection_font_number=found[1])
        except Exception:  # noqa: BLE001 - a font fpdf2 cannot read: the character keeps the main face
            return None
        added: Any = self.pdf.fonts[face]
        self._cmaps[face] = added.cmap
        self._widths[face] = added.cw
        return face if ord(char) in self._cmaps[face] else None

    def runs(self, face: str, text: str) -> list[tuple[str, str]]:
        """``text`` cut into (face, text) runs, each drawable with one face."""
        if text.isascii():
            self.load(face)
            return [(face, text)]
        runs: list[tuple[str, list[str]]] = []
        for char in text:
            chosen = self.face_for(face, char)
            if runs and runs[-1][0] == chosen:
                runs[-1][1].append(char)
            else:
                runs.append((chosen, [char]))
        return [(chosen, "".join(chars)) for chosen, chars in runs]

    def measure(self, face: str, size: float, text: str) -> float:
        """Width in mm of a run that is all in ``face`` (as ``runs`` cut it), not cached."""
        widths = self._widths[face]
        return sum(widths[ord(c)] for c in text) * size / 1000 * PT

    def width(self, face: str, size: float, text: str) -> float:
        """Width of ``text`` in mm, at ``size`` points; the unscaled width is cached per word."""
        key = (face, text)
        units = self._word_width.get(key)
        if units is None:
            units = 0.0
            for run_face, run in self.runs(face, text):
                widths = self._widths[run_face]
                units += sum(widths[ord(c)] for c in run)
            self._word_width[key] = units
        return units * size / 1000 * PT
