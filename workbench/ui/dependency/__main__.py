"""The dependency pane alone in a window: ``python -m workbench.ui.dependency PROJECT [options]``.

For looking at the view on any project (screenshots, big generated networks) without
the rest of the program. Options pick the tab, layout, date and selected entity.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QMainWindow

from ...services.project import open_project
from .pane import DependencyPane


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.ui.dependency")
    parser.add_argument("project")
    parser.add_argument("--tab", default="Timeline", help="Timeline, Exposure, Entities, Relations or Measures")
    parser.add_argument("--layout", default="force", choices=["force", "layered"])
    parser.add_argument("--as-of", metavar="YYYY-MM-DD")
    parser.add_argument("--select", metavar="ENTITY", help="click this entity (inspector and exposure table)")
    parser.add_argument("--focus", type=int, metavar="HOPS", help="focus on the selected entity, this many hops")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    pane = DependencyPane(open_project(args.project, writable=False))
    window.setCentralWidget(pane)
    window.setWindowTitle(f"{pane.project.title} — dependencies")
    pane.layout_choice.setCurrentText(args.layout)
    if args.as_of:
        pane.as_of.setDate(QDate.fromString(args.as_of, "yyyy-MM-dd"))
        pane.as_of_enabled.setChecked(True)
    if args.select:
        node = pane.entity_id(args.select)
        if args.focus:
            pane.hops.setValue(args.focus)
            pane.set_focus(node)
        pane.select_node(node)
    pane.tabs.setCurrentIndex([pane.tabs.tabText(i) for i in range(pane.tabs.count())].index(args.tab))
    window.resize(1580, 980)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
