"""The main window: assembles the panes, the menus and the undo history over one open project."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..core.changes import ChangeSet
from ..core.model import Claim, ClaimDraft, LinkKind
from ..core.text import one_line
from ..services import commands
from ..services.about import build_info
from ..services.ingest.footnotes import footnote_refs
from ..services.project import Project
from ..services.search import saved as saved_searches
from ..services.search.hits_to_claims import CreateClaimsFromHits
from ..services.settings import Settings
from . import context_menus, corrections, menus
from .background import note_activity
from .claims.editor import ClaimEditor, link_label
from .claims.pane import ClaimsPane
from .dialogs import LinkDialog, SourceDialog, shortcuts_dialog
from .import_ui import ImportController
from .intelligence import install as intelligence
from .library.pane import SourceLibrary
from .plain_text import plain_tooltip
from .reader.view import ReaderView
from .removed_view import show_removed_blocks
from .search.claims_dialog import MakeClaimsDialog
from .search_pane import SearchPane
from .suggestions import SuggestionsLink, SuggestionsPane
from .theme import KIND_COLOURS, SELECTED_COLOUR, app_icon, apply_theme, effective_theme
from .undo import UndoController
from .welcome import WelcomePage
from .window_layout import WindowLayout, scrolling
from .window_project import WindowProject


def about_text() -> str:
    """Help > About: the version and, for a standalone build, when it was built."""
    info = build_info()
    built = f"Built {info.build_date} for {info.platform}." if info.build_date else "Installed from source."
    return (f"<b>{APP_NAME}</b> {info.version}<br>{built}<br>Sources, claims, sanctions and AI hardware "
            "dependency, offline. Every edit is saved as you make it.<br>Free software under the GNU General "
            "Public License, version 3 or later.")


class MainWindow(WindowProject, QMainWindow):
    """The panes and docks, what links them, and the claim and source in view; the project itself is
    opened, created and restored by WindowProject (ui.window_project)."""

    def __init__(self, project: Project | None = None, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.project: Project | None = None
        self.current_source_id: int | None = None
        self.current_claim: Claim | None = None
        self._opening_source = False
        self.setWindowIcon(app_icon())
        self.resize(1440, 900)
        self.undo = UndoController(self)
        self.theme = effective_theme(self.settings.get("theme", "system"))
        self._build_panes()
        self._build_docks()
        intelligence.install(self)  # the Conflicts dock, the claim's corroboration and confidence
        self.layout_memory = WindowLayout(self)  # takes the default arrangement before any remembered one
        self.actions_by_name = menus.build(self)
        context_menus.install(self)
        self.importer = ImportController(self)  # import menu items, drops, progress bar, Cancel, summary
        corrections.install(self)  # Remove as boilerplate, Edit source text (reader context menu and Edit menu)
        self.suggestions_link = SuggestionsLink(self, self.suggestions_pane)  # underlines, keys, undo
        self._restore_layout()
        self.undo.changed.connect(self._after_command)
        self.undo.failed.connect(self.show_error)
        self.undo.stepped.connect(lambda message: self.statusBar().showMessage(message, 5000))
        self.set_project(project)
        self.layout_memory.tell_if_dropped()

    # -- building ---------------------------------------------------------------

    def _build_panes(self) -> None:
        self.reader_view = ReaderView(KIND_COLOURS[self.theme], SELECTED_COLOUR[self.theme], self)
        self.reader = self.reader_view.text_view
        self.welcome = WelcomePage(self)
        self.central = QStackedWidget(self)
        self.central.addWidget(self.welcome)
        self.central.addWidget(self.reader_view)
        self.read_only_banner = QLabel(objectName="readOnlyBanner", wordWrap=True)
        self.read_only_banner.setStyleSheet("background: #fff4c2; color: #3d3000; padding: 6px; "
                                            "border-bottom: 1px solid #d9c26a")
        self.read_only_banner.hide()
        centre = QWidget(self)
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.central, 1)
        self.setCentralWidget(centre)
        self.library = SourceLibrary(self)
        self.sources_view = self.library.view
        self.claims_pane = ClaimsPane(self)
        self.claims_view = self.claims_pane.table
        self.editor = ClaimEditor(self)
        self.search_pane = SearchPane(self, self.settings)
        self.suggestions_pane = SuggestionsPane(self)
        self.library.sourceChosen.connect(self.open_source)
        self.reader_view.claimClicked.connect(self.select_claim)
        self.reader_view.createClaimRequested.connect(self.create_claim)
        self.claims_pane.currentClaimChanged.connect(self._claim_row_changed)
        self.claims_pane.claimActivated.connect(self.jump_to_claim)
        self.editor.draftCommitted.connect(self._edit_claim)
        self.editor.invalidInput.connect(self.show_error)
        self.editor.linkRequested.connect(self.link_claim)
        self.editor.unlinkRequested.connect(lambda link_id: self.undo.run(commands.UnlinkClaims(link_id)))
        self.editor.linkActivated.connect(self.jump_to_claim)
        self.search_pane.hitActivated.connect(self.open_at)
        self.search_pane.makeClaimsRequested.connect(self._make_claims_of_hits)
        self.search_pane.saveSearchRequested.connect(self._save_search)
        self.search_pane.deleteSavedRequested.connect(self._delete_saved_search)
        self.search_pane.removedActivated.connect(lambda source_id: show_removed_blocks(self, source_id))
        self.undo.before_step = self.editor.commit

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        left, right, bottom = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea,
                               Qt.DockWidgetArea.BottomDockWidgetArea)
        # The graph needs width: it shares the wide bottom area with the claims table and search.
        # Its pane loads pandas, networkx, igraph and pyqtgraph (about 0.9 s), so it is built the
        # first time its tab is shown rather than at start-up.
        self._dependency_pane = None
        waiting = QLabel("Loading the sanctions and dependency view…", alignment=Qt.AlignmentFlag.AlignCenter)
        self.docks = {
            "sources": self._dock("Sources", "sourceListDock", self.library, left),
            "editor": self._dock("Claim", "claimEditorDock", scrolling(self.editor, "claimEditorScroll"), right),
            "claims": self._dock("Claims", "claimsTableDock", self.claims_pane, bottom),
            "search": self._dock("Search", "searchPaneDock", self.search_pane, bottom),
            "suggestions": self._dock("Suggestions", "suggestionsDock", self.suggestions_pane, bottom),
            "dependencies": self._dock("Sanctions and dependencies", "dependencyView", waiting, bottom),
        }
        self.docks["dependencies"].visibilityChanged.connect(lambda visible: visible and self.dependency_pane)
        self.tabifyDockWidget(self.docks["claims"], self.docks["suggestions"])
        self.tabifyDockWidget(self.docks["suggestions"], self.docks["search"])
        self.tabifyDockWidget(self.docks["search"], self.docks["dependencies"])
        self.docks["claims"].raise_()
        self.docks["editor"].raise_()
        self.resizeDocks([self.docks["sources"], self.docks["editor"]], [400, 400], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["claims"]], [280], Qt.Orientation.Vertical)

    @property
    def dependency_pane(self):
        """The sanctions and dependency pane, built on first use."""
        if self._dependency_pane is None:
            from .dependency.pane import DependencyPane

            pane = DependencyPane()
            pane.claim_activated.connect(self.jump_to_claim)
            pane.set_undo(self.undo)
            pane.set_project(self.project)
            self.docks["dependencies"].setWidget(pane)
            self._dependency_pane = pane
        return self._dependency_pane

    def set_dependency_widget(self, widget: QWidget) -> None:
        """Put the sanctions and dependency view (built elsewhere) into its dock."""
        self.docks["dependencies"].setWidget(widget)

    # -- layout memory ----------------------------------------------------------------

    def _restore_layout(self) -> None:
        self.layout_memory.restore()

    def _save_layout(self) -> None:
        self.layout_memory.save()

    def reset_layout(self) -> None:
        self.layout_memory.reset()
        self.statusBar().showMessage("Window layout reset", 5000)

    # -- screening a names file, reports ------------------------------------------------

    def screen_names_file(self) -> None:
        """File ▸ Screen a list of names…: a counterparty file against every list, adding nothing."""
        from .screening.names_dialog import open_names_screening

        open_names_screening(self)

    def export(self) -> None:
        """File ▸ Export report…: the dialog starts from the claims table's selection or filter."""
        if self.project is None:
            return
        self.editor.commit()
        # Loaded when first asked for: the report model brings pandas, networkx and igraph (about 3 s).
        from .reports.dialog import ExportReportDialog
        from .reports.table_scope import scope_from_table

        dialog = ExportReportDialog(self.project, scope_from_table(self.claims_pane), self)
        if dialog.exec() and dialog.exported is not None:
            self.statusBar().showMessage(f"Report written to {dialog.exported}", 8000)

    # -- sources and the reader ---------------------------------------------------------

    def open_source(self, source_id: int, claim_id: int | None = None) -> None:
        if self.project is None:
            return
        note_activity()  # paced background analyses wait while the new text is laid out and painted
        if self._opening_source:
            return  # the library's selection following this very open: the text is being loaded once
        self.editor.commit()
        source = self.project.sources.get(source_id)
        text = self.project.sources.text(source_id)
        meta = source.meta
        pages = getattr(self.project.sources, "page_starts", None)  # PDF page offsets, when storage has them
        self.current_source_id = source_id
        self.reader_view.show_text(_reader_header(source), text,
                                   self.project.claims.spans(source_id), pages(source_id) if pages else None,
                                   selected_claim=claim_id, notes=footnote_refs(text))
        self._show_header(source)
        if self.library.current_source_id() != source_id:
            self._opening_source = True
            try:
                self.library.select_source(source_id)
            finally:
                self._opening_source = False
        self.claims_pane.set_source(source_id)
        self.suggestions_pane.set_source(source_id)
        if claim_id is None and self.current_claim is not None and self.current_claim.source_id != source_id:
            self._show_claim(None, commit_pending=False)  # the editor must not go on showing another source's claim
        last = dict(self.settings.get("last_source", {}))
        last[str(self.project.path)] = source.uuid
        self.settings.set("last_source", last)
        self.statusBar().showMessage(f"{meta.title}: {source.claim_count} claims, {len(text):,} characters", 5000)

    def _show_header(self, source) -> None:
        self.reader_view.header.setText(_reader_header(source))
        self.reader_view.header.setToolTip(plain_tooltip(source.meta.url or source.filename))

    def _make_claims_of_hits(self, hits, sentence: bool) -> None:
        """Claims of the chosen search hits, tags and entities given once for all, in one undoable step."""
        dialog = MakeClaimsDialog(self, len(hits), sentence, [t.path for t in self.project.tags.list()],
                                  [e.name for e in self.project.entities.list()])
        if dialog.exec():
            draft = ClaimDraft(tags=dialog.tag_names(), entities=dialog.entity_names())
            self.undo.run(CreateClaimsFromHits(hits, draft, sentence=sentence))

    def _save_search(self, name: str, query: str, scope: str) -> None:
        self.undo.run(saved_searches.save_command(name, query, scope))

    def _delete_saved_search(self, name: str) -> None:
        self.undo.run(saved_searches.delete_command(name))

    def open_at(self, source_id: int, start: int, end: int) -> None:
        """Open a source and select a span of it (a search hit)."""
        if source_id != self.current_source_id:
            self.open_source(source_id)
        elif self.current_claim is not None and self.current_claim.source_id != source_id:
            self._show_claim(None)  # a claim of another source was shown: the hit is not about it
        self.reader_view.select_span(start, max(end, start))
        self.reader.setFocus()

    def edit_source(self) -> None:
        if self.project is None or self.current_source_id is None:
            return
        source = self.project.sources.get(self.current_source_id)
        dialog = SourceDialog(source, self, footnote_refs(self.project.sources.text(source.id)))
        if dialog.exec():
            after = dialog.result_meta()
            if after != (source.meta, source.reliability):
                self.undo.run(commands.EditSource(source.id, (source.meta, source.reliability), after))

    def manage_tags(self) -> None:
        """Edit ▸ Tags…: each edit in the dialog is one step on this window's undo history."""
        if self.project is not None:
            from .tags.manager import open_tag_manager

            self.editor.commit()
            open_tag_manager(self).exec()

    def open_find(self) -> None:
        if self.project is not None:
            self.reader_view.open_find()

    def focus_search(self) -> None:
        self.docks["search"].show()
        self.docks["search"].raise_()
        self.search_pane.query_edit.setFocus()
        self.search_pane.query_edit.selectAll()

    # -- claims -----------------------------------------------------------------------

    def create_claim(self, start: int, end: int) -> None:
        if self.project is None or self.current_source_id is None:
            return
        command = commands.CreateClaim(self.current_source_id, start, end)
        if self.undo.run(command):
            self.select_claim(command.claim_id)
            self.statusBar().showMessage("Claim created; describe it in the claim editor", 5000)
            self.editor.statement.setFocus()

    def create_claim_from_selection(self) -> None:
        if self.project is None or self.current_source_id is None:
            message = ("Open or create a project first" if self.project is None
                       else "This project has no source open: import one (Ctrl+Shift+I), then select words in it")
            self.show_error(message)
            return
        if not self.project.writable:
            self.show_error("This project is open read-only: claims cannot be added (see the banner)")
            return
        if not self.reader_view.request_claim():
            self.statusBar().showMessage("Select the words of the claim in the reader first", 5000)

    def delete_claim(self) -> None:
        if self.current_claim is not None:
            self.undo.run(commands.DeleteClaim(self.current_claim.id))

    def _edit_claim(self, claim_id: int, draft) -> None:
        if self.project is None or self.current_claim is None or self.current_claim.id != claim_id:
            return
        before = commands.draft_of(self.current_claim)
        if draft != before:
            self.undo.run(commands.EditClaim(claim_id, before, draft))

    def link_claim(self, from_claim: int) -> None:
        if self.project is None:
            return
        dialog = LinkDialog(self.project, from_claim, self)
        if dialog.exec() and dialog.chosen():
            to_claim, kind = dialog.chosen()
            self.undo.run(commands.LinkClaims(from_claim, to_claim, LinkKind(kind)))

    def link_current_claim(self) -> None:
        if self.current_claim is not None:
            self.link_claim(self.current_claim.id)

    def select_claim(self, claim_id: int | None) -> None:
        """Make a claim current: in the table when it is listed, in the editor and in the reader."""
        if claim_id is None or self.project is None:
            self._show_claim(None)
            return
        if not self.claims_pane.select_claim(claim_id):  # filtered out of the table: show it anyway
            self._show_claim(claim_id)

    def _claim_row_changed(self, claim_id: int | None) -> None:
        self._show_claim(claim_id)

    def _show_claim(self, claim_id: int | None, commit_pending: bool = True) -> None:
        if commit_pending:  # the editor's fields still belong to the claim shown until now
            self.editor.commit()
        if not self.undo.merging_open(claim_id):
            self.undo.end_merging()  # another claim: edits of the one just created are steps of their own
        claim = self.project.claims.get(claim_id) if claim_id is not None and self.project else None
        self.current_claim = claim
        self.editor.set_claim(claim, self._links_of(claim) if claim else [])
        in_reader = claim is not None and claim.source_id == self.current_source_id
        self.reader_view.select_claim(claim.id if in_reader else None, scroll=in_reader)
        menus.update_enabled(self)
        if claim is not None:
            self.statusBar().showMessage(f"{claim.kind.value} · {claim.grading.code or 'ungraded'} · "
                                         f"{one_line(claim.statement or claim.anchor.quote, 110)}", 6000)

    def _links_of(self, claim: Claim):
        links = self.project.claims.links(claim.id)
        others = {c.id: c for c in self.project.claims.get_many(
            [k.to_claim if k.from_claim == claim.id else k.from_claim for k in links])}
        return [(k, link_label(k, claim.id, others[k.to_claim if k.from_claim == claim.id else k.from_claim]))
                for k in links]

    def jump_to_claim(self, claim_id: int) -> None:
        """Open the claim's source with its span in view and the claim selected (double-click)."""
        claim = self.project.claims.get(claim_id)
        if claim.source_id != self.current_source_id:
            self.open_source(claim.source_id, claim_id)
        shown_before = self.current_claim
        self.select_claim(claim_id)
        if self.current_claim is shown_before:  # not shown anew (which scrolls to it): bring it into view here
            self.reader_view.reveal(claim.anchor.start, claim.anchor.end)

    # -- after every edit, undo and redo ------------------------------------------------

    def _after_command(self, command, changes: ChangeSet) -> None:
        """Hand one step's change set to the panes; each updates only what it names."""
        if self.project is None:
            return
        note_activity()
        keep = self.current_claim.id if self.current_claim else None
        if isinstance(command, commands.CreateClaim) and command.claim_id in changes.claims.added:
            keep = command.claim_id
        self.library.apply_changes(changes, self.project)
        self._follow_reader(changes, keep)
        if changes.touches("tags", "entities"):
            self._update_completions()
        if keep in changes.claims.removed:
            keep = None
        self.claims_pane.apply_changes(changes.claims, keep, changes.sources.changed)
        shown = self.current_claim.id if self.current_claim else None
        if keep is not None and (keep in changes.claims.changed or keep != shown):
            self.current_claim = None  # the editor's fields are already saved: nothing to commit while re-reading
            self._show_claim(keep, commit_pending=False)
        elif keep is None and self.current_claim is not None:
            self._show_claim(None, commit_pending=False)
        self.search_pane.apply_changes(changes)
        if self.undo.last_verb in ("Undone", "Redone"):
            self._bring_into_view(changes)

    def _follow_reader(self, changes: ChangeSet, keep: int | None) -> None:
        source_id = self.current_source_id
        if source_id is None:
            return
        if source_id in changes.sources.removed:
            self.current_source_id = None  # an undone import took it away
            self.reader_view.clear()
            self.claims_pane.set_source(None)
            self.suggestions_pane.set_source(None)
            return
        if source_id in changes.source_texts:
            self.open_source(source_id)  # a restored block moved the text; claims there are none
            return
        if changes.claims:
            present = changes.claims.present
            spans = self.project.claims.spans_of(source_id, present)
            gone = changes.claims.removed | (present - {span[0] for span in spans})
            self.reader_view.update_spans(spans, gone, keep)
        if source_id in changes.sources.changed:
            self._show_header(self.project.sources.get(source_id))  # its details may have been edited

    def _bring_into_view(self, changes: ChangeSet) -> None:
        """Undo and redo show what they changed: the claim put back or edited, in its source."""
        claims = sorted(changes.claims.present)
        if len(claims) == 1 and not changes.sources.added:
            self.jump_to_claim(claims[0])

    def _update_completions(self) -> None:
        tags = [t.path for t in self.project.tags.list()]
        entities = [e.name for e in self.project.entities.list()]
        self.editor.set_completions(tags, entities)
        self.claims_pane.update_completions()

    # -- imports --------------------------------------------------------------------------

    def choose_import(self) -> None:
        self.importer.choose_files()

    def choose_import_folder(self) -> None:
        self.importer.choose_folder()

    def import_paths(self, paths: list[str], options=None) -> bool:
        """Import files and folders now (no options step), with the given or the remembered options."""
        return self.importer.start(paths, options)

    def cancel_import(self, wait: bool = False) -> None:
        self.importer.cancel(wait)

    def show_removed_blocks(self) -> None:
        if self.project is not None and self.current_source_id is not None:
            show_removed_blocks(self, self.current_source_id)

    # -- look and feel, messages --------------------------------------------------------------

    def set_theme(self, choice: str) -> None:
        self.settings.set("theme", choice)
        self.theme = apply_theme(QApplication.instance(), choice)
        self.reader_view.highlighter.set_colours(KIND_COLOURS[self.theme], SELECTED_COLOUR[self.theme])
        self.suggestions_link.underline()  # in the new theme's grey

    def show_error(self, message: str) -> bool:
        self.statusBar().showMessage(message, 10000)
        QApplication.beep()
        return True

    def show_shortcuts(self) -> None:
        shortcuts_dialog(self, menus.shortcut_rows(self)).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, APP_NAME, about_text())

    def selected_text_span(self) -> tuple[int, int] | None:
        return self.reader_view.selected_span()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.editor.commit()
        self.cancel_import(wait=True)
        if self._dependency_pane is not None:
            self._dependency_pane.stop_work()
        self.suggestions_pane.stop()
        self.search_pane.stop()  # its idle indexing of list names would step on a closed project
        self._save_layout()
        self.intelligence.stop()
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)


def _reader_header(source) -> str:
    """The source's title, with publisher, date, language and reliability on a second line."""
    meta = source.meta
    details = " · ".join(p for p in (meta.publisher or meta.author, meta.published, meta.language,
                                     f"reliability {source.reliability}" if source.reliability else "") if p)
    return f"{meta.title}\n{details}" if details else meta.title
