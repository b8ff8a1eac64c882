"""Right-click menus on highlights in the reader and on rows of the claims and sources tables.

Each entry is an action the window already has (open, delete, link, source details), so a menu
adds no second way of doing anything; "Copy quote with citation" and "Add tag…" are the two
the menus bring of their own.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from ..core.model import Claim
from ..services import commands
from .completion import get_item


def citation_text(window, claim: Claim) -> str:
    """The quote as a reader of a report sees it: exact, with its source and its place in it."""
    project = window.project
    source = project.sources.get(claim.source_id)
    meta = source.meta
    pages = project.sources.page_starts(claim.source_id)
    if pages:
        place = f"p. {sum(1 for start in pages if start <= claim.anchor.start)}"
    else:
        before, _ = project.sources.excerpt(claim.source_id, 0, claim.anchor.start)
        place = f"para. {before.count(chr(10) + chr(10)) + 1}"
    details = ", ".join(part for part in (meta.publisher or meta.author, meta.published) if part)
    where = f"{meta.title}" + (f" ({details})" if details else "")
    return f"“{claim.anchor.quote}” — {where}, {place}, characters {claim.anchor.start}–{claim.anchor.end}"


def copy_citation(window, claim_id: int) -> None:
    claim = window.project.claims.get(claim_id)
    QGuiApplication.clipboard().setText(citation_text(window, claim))
    window.statusBar().showMessage("Quote and citation copied", 4000)


def add_tag(window, claim_id: int) -> None:
    tags = [t.path for t in window.project.tags.list()]
    tag, ok = get_item(window, "Add tag", "Tag (sub-tags with /):", tags)  # Enter on a suggestion takes it
    tag = tag.strip()
    if ok and tag:
        window.select_claim(claim_id)
        claim = window.project.claims.get(claim_id)
        if tag not in claim.tags:
            window.undo.run(commands.edit_claim(window.project, claim_id, tags=(*claim.tags, tag)))


def claim_menu(window, claim_id: int, parent) -> QMenu:
    """The actions on one claim; the claim becomes the current one first, so Delete and Link act on it."""
    menu = QMenu(parent)
    menu.setObjectName("claimContextMenu")
    menu.addAction("Open claim", lambda: window.jump_to_claim(claim_id))
    menu.addAction("Copy quote with citation", lambda: copy_citation(window, claim_id))
    writable = window.project is not None and window.project.writable
    for text, action in (("Add tag…", lambda: add_tag(window, claim_id)),
                         ("Link to another claim…", lambda: window.link_claim(claim_id)),
                         ("Delete claim", lambda: _delete(window, claim_id))):
        menu.addAction(text, action).setEnabled(writable)
    return menu


def _delete(window, claim_id: int) -> None:
    window.undo.run(commands.DeleteClaim(claim_id))


def _reader_menu(window, pos: QPoint) -> None:
    reader = window.reader
    position = reader.cursorForPosition(pos).position()
    claim_id = window.reader_view.highlighter.index.claim_at(position)
    corrections = getattr(window, "corrections", None)
    if corrections is not None:  # Copy, Select all, Create claim, Remove as boilerplate, Edit source text
        menu = corrections.context_menu(pos)
    else:
        menu = QMenu(reader)
        menu.addAction(window.actions_by_name["create_claim"])
        menu.addAction("Copy", reader.copy).setEnabled(reader.textCursor().hasSelection())
    if claim_id is not None:  # the claim under the pointer comes first
        first = menu.actions()[0] if menu.actions() else None
        claim_actions = claim_menu(window, claim_id, menu)
        for action in claim_actions.actions():
            menu.insertAction(first, action)
        menu.insertSeparator(first)
    menu.popup(reader.viewport().mapToGlobal(pos))
    window.last_context_menu = menu


def _claims_table_menu(window, pos: QPoint) -> None:
    table = window.claims_view
    index = table.indexAt(pos)
    if not index.isValid():
        return
    claim_id = window.claims_pane.model.claim_id(index.row())
    menu = claim_menu(window, claim_id, table)
    menu.popup(table.viewport().mapToGlobal(pos))
    window.last_context_menu = menu


def _sources_menu(window, pos: QPoint) -> None:
    table = window.sources_view
    if not table.indexAt(pos).isValid():
        return
    table.setCurrentIndex(table.indexAt(pos))  # opens the source: the actions below are about it
    menu = QMenu(table)
    menu.setObjectName("sourceContextMenu")
    menu.addActions([window.actions_by_name["edit_source"], window.actions_by_name["removed"]])
    menu.popup(table.viewport().mapToGlobal(pos))
    window.last_context_menu = menu


def install(window) -> None:
    window.last_context_menu = None  # the menu shown last (tests drive it)
    for widget, show in ((window.reader, _reader_menu), (window.claims_view, _claims_table_menu),
                         (window.sources_view, _sources_menu)):
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(lambda pos, show=show: show(window, pos))
