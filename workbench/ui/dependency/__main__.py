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
    parser.add_argument("--tab", default="Timeline", help="Timeline, Exposure, Entities, Relations, Measures, "
                                                             "Sanctions lists or Screening")
    parser.add_argument("--layout", default="force", choices=["force", "layered"])
    parser.add_argument("--as-of", metavar="YYYY-MM-DD")
    parser.add_argument("--select", metavar="ENTITY", help="click this entity (inspector and exposure table)")
    parser.add_argument("--focus", type=int, metavar="HOPS", help="focus on the selected entity, this many hops")
    parser.add_argument("--bottom", type=int, metavar="PIXELS", help="height of the tabs below the graph")
    parser.add_argument("--list", metavar="NAME", help="select this sanctions list (Sanctions lists tab)")
    parser.add_argument("--edit", action="store_true", help="open the project for editing (read-only by default)")
    parser.add_argument("--min-score", type=float, metavar="S", help="screening table: hide candidates below S")
    parser.add_argument("--candidate", metavar="ENTITY", help="select this entity's first screening candidate")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    pane = DependencyPane(open_project(args.project, writable=args.edit))
    window.setCentralWidget(pane)
    window.setWindowTitle(f"{pane.project.title} — dependencies")
    pane.layout_choice.setCurrentText(args.layout)
    if args.as_of:
        pane.as_of.setDate(QDate.fromString(args.as_of, "yyyy-MM-dd"))
        pane.as_of_enabled.setChecked(True)
    pane.wait_for_graph()  # a large network is laid out in the background
    if args.select:
        node = pane.entity_id(args.select)
        if args.focus:
            pane.hops.setValue(args.focus)
            pane.set_focus(node)
            pane.wait_for_graph()
        pane.select_node(node)
    pane.show_tab(args.tab)
    if args.bottom:
        pane.tabs.parent().setSizes([980 - args.bottom, args.bottom])
    if args.list:
        names = [r.list.name for r in pane.lists_view.list_model.records()]
        pane.lists_view.list_table.selectRow(names.index(args.list))
    if args.min_score is not None:
        pane.screening_view.min_score.setValue(args.min_score)
    if args.candidate:
        view = pane.screening_view
        view.select(next(c.code for c in view.candidates() if c.entity_label == args.candidate))
    window.resize(1580, 980)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
