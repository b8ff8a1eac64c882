"""File ▸ Screen a list of names… in the desktop program: the file is screened in the background with
progress and Cancel, the candidates fill a sortable table, and the export writes formula-like names as text."""

import csv

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog

from tests.conftest import project_snapshot
from tests.test_screen_names import listed  # noqa: F401  (the fixture: a project with three sample lists)
from workbench.services.project import open_project
from workbench.services.settings import Settings
from workbench.ui.main_window import MainWindow
from workbench.ui.screening.names_dialog import NamesScreeningDialog


def names_file(tmp_path, extra=0):
    path = tmp_path / "counterparties.csv"
    rows = ["name,kind", "Дмитрий Юрьевич Хорошев,person", "=MSP Bank,company", "@Baikal Electronics JSC,company",
            "Unrelated Bakery,company"] + [f"Made Up Trader {n},company" for n in range(extra)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def arrow_direction(header, section: int) -> str:
    """Which way the sort arrow drawn in ``section`` points ("up" or "down"), read from the header's pixels.

    The arrow is the rightmost mark in the section, apart from its label; the widest row of a triangle is
    its base."""
    image = header.grab().toImage()
    left = header.sectionViewportPosition(section)
    right = left + header.sectionSize(section) - 3  # short of the line between sections

    def ink(x: int, y: int) -> bool:
        return QColor(image.pixel(x, y)).lightness() < 150

    columns = [x for x in range(left, right) if any(ink(x, y) for y in range(header.height()))]
    assert columns, "nothing drawn in the section"
    arrow = [columns[-1]]
    while arrow[-1] - 1 in columns:  # back to the gap between the label and the arrow
        arrow.append(arrow[-1] - 1)
    widths = [sum(ink(x, y) for x in arrow) for y in range(header.height())]
    rows = [width for width in widths if width]
    assert len(rows) >= 2, "no arrow drawn"
    return "down" if rows[0] > rows[-1] else "up"


def test_menu_opens_the_dialog_screens_in_background_and_sorts(qtbot, monkeypatch, listed, tmp_path):  # noqa: F811
    before = project_snapshot(listed)
    path = names_file(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window = MainWindow(open_project(listed), Settings())
    qtbot.addWidget(window)
    action = window.actions_by_name["screen_names"]
    assert action.isEnabled() and "Screen a &list of names" in action.text()
    action.trigger()
    dialog = window.names_dialog
    assert isinstance(dialog, NamesScreeningDialog)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.model.rowCount() > 0, timeout=30_000)
    hits = dialog.model.records()
    queries = {h.query for h in hits}
    assert {"Дмитрий Юрьевич Хорошев", "=MSP Bank"} <= queries and "Unrelated Bakery" not in queries
    shown = [dialog.proxy.index(row, 2).data() for row in range(dialog.proxy.rowCount())]
    assert [float(s) for s in shown] == sorted((float(s) for s in shown), reverse=True)  # best first
    header = dialog.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (2, Qt.SortOrder.DescendingOrder)
    assert arrow_direction(header, 2) == "down"  # as the rows run: Fusion alone drew an upward arrow here
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    first = [dialog.proxy.index(row, 0).data() for row in range(dialog.proxy.rowCount())]
    assert first == sorted(first)
    assert arrow_direction(header, 0) == "up"
    assert "nothing was added" in dialog.status.text() and dialog.export_button.isEnabled()
    dialog.accept()
    window.close()
    assert project_snapshot(listed) == before


def test_export_writes_formula_like_cells_as_text(qtbot, listed, tmp_path):  # noqa: F811
    with open_project(listed, writable=False) as project:
        dialog = NamesScreeningDialog(project)
        qtbot.addWidget(dialog)
        assert dialog.start(names_file(tmp_path))
        qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
        assert not dialog.last_error and dialog.hits
        book_path = dialog.export(tmp_path / "out.xlsx")
        csv_path = dialog.export(tmp_path / "out.csv")
    sheet = load_workbook(book_path).active
    rows = list(sheet.iter_rows(values_only=False))
    assert rows[0][0].value == "Name as given"
    formula_cells = [row[0] for row in rows[1:] if str(row[0].value).startswith(("=", "@"))]
    assert formula_cells and all(c.data_type == "s" for c in formula_cells)
    assert "=MSP Bank" in {c.value for c in formula_cells}
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        read = list(csv.reader(fh))
    assert read[0][:3] == ["Name as given", "Line", "List"]
    assert "'=MSP Bank" in {row[0] for row in read[1:]} and "'@Baikal Electronics JSC" in {row[0] for row in read[1:]}


def test_cancel_stops_the_screening_and_a_bad_file_is_reported(qtbot, listed, tmp_path):  # noqa: F811
    with open_project(listed, writable=False) as project:
        dialog = NamesScreeningDialog(project)
        qtbot.addWidget(dialog)
        assert dialog.start(names_file(tmp_path, extra=400))
        assert dialog.cancel_button.isVisible() or dialog.task is not None
        dialog.cancel()
        qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
        assert dialog.status.text() == "Screening cancelled" and dialog.model.rowCount() == 0
        wrong = tmp_path / "wrong.csv"
        wrong.write_text("company\nBaikal\n", encoding="utf-8")
        dialog.start(wrong)
        qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)
        assert "no column 'name'" in dialog.last_error
        dialog.reject()
