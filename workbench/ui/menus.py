"""The main window's actions, menus and toolbar, with a shortcut for every frequent action."""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStyle, QToolBar

from .theme import THEMES

# name: (menu text, shortcut, tooltip, slot name on the window)
_ACTIONS = {
    "new": ("&New project…", QKeySequence.StandardKey.New, "Create an empty project", "new_project"),
    "open": ("&Open project…", QKeySequence.StandardKey.Open, "Open a project file", "choose_project"),
    "import": ("&Import sources…", "Ctrl+Shift+I", "Import files (text, Markdown, web pages, PDF, Word) as sources",
               "choose_import"),
    "import_folder": ("Import &folder…", "", "Import every supported file in a folder and its subfolders",
                      "choose_import_folder"),
    "export": ("&Export report…", "Ctrl+Shift+E", "Write an annotated report: HTML, PDF, Word, Excel, Markdown or CSV",
               "export"),
    "screen_names": ("Screen a &list of names…", "", "Screen the names in a CSV, XLSX or text file against every "
                     "imported sanctions list, adding nothing to the project", "screen_names_file"),
    "backups": ("&Backups…", "", "Back up the project now, or restore one of its backups", "show_backups"),
    "sample": ("Open the &sample project", "", "Six briefing notes with claims, entities and measures",
               "open_sample"),
    "quit": ("&Quit", QKeySequence.StandardKey.Quit, "Close the program (everything is already saved)", "close"),
    "create_claim": ("&Create claim from selection", "Ctrl+E", "Make a claim of the words selected in the reader",
                     "create_claim_from_selection"),
    "delete_claim": ("&Delete claim", QKeySequence.StandardKey.Delete, "Delete the selected claim (undoable)",
                     "delete_claim"),
    "link_claim": ("&Link claim…", "Ctrl+L", "Link the selected claim to another", "link_current_claim"),
    "edit_source": ("Source &details…", "Ctrl+I", "Edit the title, date, publisher and reliability of the source",
                    "edit_source"),
    "removed": ("&Removed from this source…", "Ctrl+Shift+R",
                "Teasers, promo blocks and site chrome kept out of the source's text; restore one", "show_removed_blocks"),
    "tags": ("&Tags…", "Ctrl+Shift+G", "Rename, move, merge, delete and colour tags, with their claim counts",
             "manage_tags"),
    "find": ("&Find in source…", QKeySequence.StandardKey.Find, "Find words in the source in the reader",
             "open_find"),
    "search": ("&Search project…", "Ctrl+Shift+F", "Full-text search over all sources and claims", "focus_search"),
    "shortcuts": ("&Keyboard shortcuts", "F1", "Every shortcut of the program", "show_shortcuts"),
    "about": ("&About", "", "", "show_about"),
}
_NEEDS_PROJECT = ("import", "import_folder", "export", "screen_names", "find", "search", "edit_source", "removed", "tags", "backups")
_NEEDS_WRITABLE = ("import", "import_folder", "edit_source")  # Ctrl+E stays on: it says why it cannot
_NEEDS_CLAIM = ("delete_claim", "link_claim")


def _make(window: QMainWindow, name: str) -> QAction:
    text, shortcut, tip, slot = _ACTIONS[name]
    action = QAction(text, window, objectName=f"action_{name}")
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut else tip)
    target = getattr(window, slot)
    action.triggered.connect(lambda _checked=False: target())
    return action


def build(window) -> dict[str, QAction]:
    actions = {name: _make(window, name) for name in _ACTIONS}
    undo = window.undo.stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = window.undo.stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    for action, step in ((undo, window.undo.undo_last), (redo, window.undo.redo_next)):
        action.triggered.disconnect()  # the stack's own slot would skip the claim editor's pending edit
        action.triggered.connect(lambda _checked=False, step=step: step())
    actions["undo"], actions["redo"] = undo, redo
    # Delete belongs to the claims table and the reader only, so it never eats a key in a text field.
    actions["delete_claim"].setShortcutContext(actions["delete_claim"].shortcutContext().WidgetWithChildrenShortcut)
    window.claims_view.addAction(actions["delete_claim"])
    window.reader.addAction(actions["delete_claim"])

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([actions["new"], actions["open"]])
    window.recent_menu = file_menu.addMenu("Open &recent")
    file_menu.addSeparator()
    file_menu.addActions([actions["import"], actions["import_folder"], actions["export"], actions["screen_names"],
                          actions["sample"]])
    file_menu.addSeparator()
    file_menu.addAction(actions["backups"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addActions([actions["create_claim"], actions["delete_claim"], actions["link_claim"],
                          actions["edit_source"], actions["removed"], actions["tags"]])
    edit_menu.addSeparator()
    edit_menu.addActions([actions["find"], actions["search"]])
    _build_view_menu(window, bar.addMenu("&View"))
    help_menu = bar.addMenu("&Help")
    help_menu.addActions([actions["shortcuts"], actions["about"]])
    _build_toolbar(window, actions)
    update_recent(window)
    return actions


def _build_view_menu(window, view_menu) -> None:
    for dock in window.docks.values():
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    go_to = view_menu.addMenu("&Go to pane")
    for action in window.layout_memory.pane_actions():
        go_to.addAction(action)
        window.addAction(action)  # the shortcut works wherever the keyboard is
    reset = view_menu.addAction("&Reset layout")
    reset.setObjectName("resetLayout")
    reset.setToolTip("Put every pane back where it was when the program was new")
    reset.triggered.connect(window.reset_layout)
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(window)
    current = window.settings.get("theme", "system")
    for choice in THEMES:
        action = QAction({"system": "Follow the &system", "light": "&Light", "dark": "&Dark"}[choice], window,
                         checkable=True, checked=choice == current, objectName=f"theme_{choice}")
        action.triggered.connect(partial(window.set_theme, choice))
        group.addAction(action)
        theme_menu.addAction(action)


def _build_toolbar(window, actions) -> None:
    toolbar = QToolBar("Main toolbar", window, objectName="mainToolbar")
    style = window.style()
    icons = {"open": QStyle.StandardPixmap.SP_DialogOpenButton, "import": QStyle.StandardPixmap.SP_FileDialogNewFolder,
             "undo": QStyle.StandardPixmap.SP_ArrowBack, "redo": QStyle.StandardPixmap.SP_ArrowForward,
             "create_claim": QStyle.StandardPixmap.SP_FileDialogDetailedView,
             "search": QStyle.StandardPixmap.SP_FileDialogContentsView}
    for name, icon in icons.items():
        actions[name].setIcon(style.standardIcon(icon))
    toolbar.addActions([actions["open"], actions["import"]])
    toolbar.addSeparator()
    toolbar.addActions([actions["undo"], actions["redo"]])
    toolbar.addSeparator()
    toolbar.addActions([actions["create_claim"], actions["search"]])
    window.addToolBar(toolbar)


def update_recent(window) -> None:
    window.recent_menu.clear()
    for path in window.settings.recent_projects():
        action = window.recent_menu.addAction(path)
        action.triggered.connect(partial(window.open_path, path))
    window.recent_menu.setEnabled(bool(window.recent_menu.actions()))


def update_enabled(window) -> None:
    actions = getattr(window, "actions_by_name", None)
    if not actions:
        return
    project = window.project
    for name in _NEEDS_PROJECT:
        actions[name].setEnabled(project is not None)
    for name in _NEEDS_WRITABLE:
        actions[name].setEnabled(project is not None and project.writable)
    for name in _NEEDS_CLAIM:
        actions[name].setEnabled(window.current_claim is not None and project is not None and project.writable)


def shortcut_rows(window) -> list[tuple[str, str]]:
    rows = []
    for action in window.actions_by_name.values():
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            rows.append((action.text().replace("&", ""), keys))
    from .window_layout import PANE_KEYS

    rows += [(f"Go to {text.replace('&', '')}", keys) for _name, text, keys in PANE_KEYS]
    rows += [("Find next / previous in source", "F3 / Shift+F3"), ("Save the claim editor's fields", "Ctrl+Return"),
             ("Open the claim's span (claims table)", "Enter or double-click"),
             ("Suggested claims: accept / edit then accept / dismiss / show in the reader", "A / E / D / Enter")]
    return rows
