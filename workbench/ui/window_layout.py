"""The window's arrangement: remembered with a version, reset when it no longer fits, and moved
through from the keyboard.

A saved layout carries ``LAYOUT_VERSION``: when the docks change shape between releases the old
state is refused by Qt (``restoreState`` returns False) and the default comes back instead of a
broken arrangement surviving every restart. View ▸ Reset layout brings the default back at any
time. Ctrl+1 … Ctrl+7 go to the panes' main controls.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QScrollArea, QWidget

LAYOUT_VERSION = 4  # bump when docks are added, removed or renamed (3: Conflicts; 4: Suggestions)

# (dock name, menu text, shortcut): what Ctrl+N goes to. The reader is the central widget.
PANE_KEYS = (("sources", "&Sources", "Ctrl+1"), ("reader", "&Reader", "Ctrl+2"), ("claims", "&Claims", "Ctrl+3"),
             ("editor", "Claim &editor", "Ctrl+4"), ("search", "Searc&h", "Ctrl+5"),
             ("dependencies", "Sanctions and &dependencies", "Ctrl+6"), ("suggestions", "S&uggested claims", "Ctrl+7"))


def scrolling(widget: QWidget, name: str) -> QScrollArea:
    """The widget in a scroll area, so a small screen scrolls it instead of squeezing or overlapping it."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class WindowLayout:
    def __init__(self, window):
        self.window = window
        self.default_state = window.saveState(LAYOUT_VERSION)  # as built, before any remembered layout
        self.dropped_saved_layout = False

    def restore(self) -> bool:
        """Put back the remembered geometry and docks; a layout of another version or a damaged one is
        dropped (and said so) in favour of the default."""
        window, settings = self.window, self.window.settings
        geometry, state = settings.get("window_geometry"), settings.get("window_state")
        if geometry:
            window.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        self.fit_to_screen()
        if not state:
            return True
        if window.restoreState(QByteArray.fromBase64(state.encode()), LAYOUT_VERSION):
            return True
        self.reset()
        self.dropped_saved_layout = True
        return False

    def tell_if_dropped(self) -> None:
        """Said once the window is up (opening a project writes to the status line too)."""
        if self.dropped_saved_layout:
            self.window.statusBar().showMessage("The remembered window layout did not fit this version: the "
                                                "default layout is back (View ▸ Reset layout does this any time)",
                                                10000)
            self.dropped_saved_layout = False

    def fit_to_screen(self) -> None:
        """A window larger than the screen (a laptop after a big monitor) is shrunk to fit and put on it."""
        window = self.window
        screen = window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        if window.width() > room.width() or window.height() > room.height():
            window.resize(min(window.width(), room.width()), min(window.height(), room.height()))
        if not room.intersects(window.frameGeometry()):
            window.move(room.topLeft())

    def save(self) -> None:
        settings = self.window.settings
        settings.values["window_geometry"] = bytes(self.window.saveGeometry().toBase64()).decode()
        settings.values["window_state"] = bytes(self.window.saveState(LAYOUT_VERSION).toBase64()).decode()
        settings.save()

    def reset(self) -> None:
        window = self.window
        window.restoreState(self.default_state, LAYOUT_VERSION)
        for dock in window.docks.values():
            dock.setFloating(False)
            dock.show()
        window.docks["claims"].raise_()
        window.resizeDocks([window.docks["sources"], window.docks["editor"]], [360, 360], Qt.Orientation.Horizontal)
        window.resizeDocks([window.docks["claims"]], [260], Qt.Orientation.Vertical)

    def pane_actions(self) -> list[QAction]:
        actions = []
        for name, text, keys in PANE_KEYS:
            action = QAction(f"Go to {text}", self.window, objectName=f"goTo_{name}")
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, name=name: self.go_to(name))
            actions.append(action)
        return actions

    def go_to(self, name: str) -> QWidget:
        """Show a pane, bring its tab forward and put the keyboard in its main control."""
        window = self.window
        if name != "reader":
            dock = window.docks[name]
            dock.show()
            dock.raise_()
        target = {
            "sources": lambda: window.sources_view,
            "reader": lambda: window.reader,
            "claims": lambda: window.claims_view,
            "editor": lambda: window.editor.statement,
            "search": lambda: window.search_pane.query_edit,
            "dependencies": lambda: window.dependency_pane.graph_view,
            "suggestions": lambda: window.suggestions_pane.table,
        }[name]()
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return target
