"""Light and dark themes that follow the system unless the analyst chooses one; the app icon; table
headers whose sort arrow points the way analysts read it."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QHeaderView, QProxyStyle, QStyle, QStyleFactory, QStyleOptionHeader

THEMES = ("system", "light", "dark")

# Highlight colours per claim kind: soft on light paper, deep and muted on dark.
KIND_COLOURS = {
    "light": {"fact": "#cfe6ff", "statistic": "#d3f2cb", "forecast": "#ffe4bd", "opinion": "#f1d7fa",
              "event": "#fff1a8"},
    "dark": {"fact": "#1f4166", "statistic": "#22502a", "forecast": "#5c4317", "opinion": "#4f2a5c",
             "event": "#55501a"},
}
SELECTED_COLOUR = {"light": "#ffb347", "dark": "#b86b00"}


def app_icon() -> QIcon:
    path = resources.files("workbench.resources").joinpath("icon.svg")
    return QIcon(str(path))


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def effective_theme(choice: str) -> str:
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_is_dark() else "light"


def _dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2d31", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#27292d",
        QPalette.ColorRole.ToolTipBase: "#3a3d42", QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#33363b",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: "#3d6fb4", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fb2ff", QPalette.ColorRole.PlaceholderText: "#8a8d93",
        QPalette.ColorRole.Mid: "#45484e", QPalette.ColorRole.Dark: "#1a1b1e", QPalette.ColorRole.Light: "#4a4d53",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7c7f85"))
    return palette


def apply_theme(app: QApplication, choice: str) -> str:
    """Apply a theme ("system", "light" or "dark") and return the one in effect."""
    app.setStyle(QStyleFactory.create("Fusion"))
    theme = effective_theme(choice)
    app.setPalette(_dark_palette() if theme == "dark" else app.style().standardPalette())
    return theme


_UP, _DOWN = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown
_READ_AS = {_UP: _DOWN, _DOWN: _UP}


class _SortArrowAsRead(QProxyStyle):
    """Fusion, except that a header's sort arrow points up over an ascending column and down over a
    descending one.

    QHeaderView asks the style for a "sort down" arrow when the order is ascending, and Fusion draws
    just that: a best-first list of candidates (scores descending) showed an upward arrow, which
    analysts read, as on Windows and macOS, as lowest-first. Only the arrow is turned over.
    """

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 - Qt API
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            option = QStyleOptionHeader(option)  # a copy: the header's own option is left alone
            option.sortIndicator = _READ_AS.get(option.sortIndicator, option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


def sort_arrow_as_read(header: QHeaderView) -> None:
    """Give a table's header the sort arrow analysts expect (see _SortArrowAsRead).

    The style is set on the header alone, not on the application: its drawing runs in Python, which
    is cheap for a header's few sections and would cost every frame if every widget went through it.
    """
    style = _SortArrowAsRead("Fusion")
    style.setParent(header)  # lives as long as the header that draws with it
    header.setStyle(style)
