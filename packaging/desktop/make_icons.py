"""Render resources/icon.svg to PNG icons at the usual hicolor sizes (and keep the SVG as scalable).

``python make_icons.py ICON.svg OUT_DIR`` writes OUT_DIR/SIZExSIZE/apps/NAME.png and
OUT_DIR/scalable/apps/NAME.svg, plus the same for the .wbproj MIME type's icon.
Rendered with Qt's SVG module, which the program already ships, so no other tool is needed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
APP_ICON = "org.researchworkbench.ResearchWorkbench"
MIME_ICON = "application-x-research-workbench-project"


def main(svg: Path, out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        print(f"make_icons: {svg}: not a readable SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        folder = out / f"{size}x{size}"
        for kind, name in (("apps", APP_ICON), ("mimetypes", MIME_ICON)):
            (folder / kind).mkdir(parents=True, exist_ok=True)
            if not image.save(str(folder / kind / f"{name}.png")):
                print(f"make_icons: cannot write {folder / kind / name}.png", file=sys.stderr)
                return 1
    for kind, name in (("apps", APP_ICON), ("mimetypes", MIME_ICON)):
        (out / "scalable" / kind).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(svg, out / "scalable" / kind / f"{name}.svg")
    del app
    print(f"make_icons: {len(SIZES)} sizes in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
