"""The Suggestions pane and the reader's dotted underlines: worked out in the background when a source
opens, accepted (A), dismissed (D) and shown (Enter) from the keyboard, each step undoable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from workbench.services.ingest import import_file
from workbench.services.project import create_project, open_project
from workbench.services.settings import Settings
from workbench.ui.main_window import MainWindow

TEXT = ("Sberbank will spend 60 billion rubles on AI by 2030. The weather was fine.\n\n"
        "Exports to China rose 40% in 2024. Officials were pleased.")


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(TEXT, encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        import_file(project, path)
    win = MainWindow(open_project(tmp_path / "p.wbproj"), Settings())
    qtbot.addWidget(win)
    win.show()
    win.docks["suggestions"].raise_()
    pane = win.suggestions_pane
    qtbot.waitUntil(lambda: len(pane.suggestions) == 2, timeout=10000)
    return win


def _underlined(win, offset: int) -> bool:
    document = win.reader_view.text_view.document()
    block = document.findBlock(offset)
    at = offset - block.position()
    return any(QTextCharFormat(r.format).underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
               for r in block.layout().formats() if r.start <= at < r.start + r.length)


def test_suggestions_are_listed_and_underlined_apart_from_claims(qtbot, window):
    pane = window.suggestions_pane
    assert [s.quote for s in pane.suggestions] == [
        "Sberbank will spend 60 billion rubles on AI by 2030.", "Exports to China rose 40% in 2024."]
    assert pane.table.item(0, 1).text() == "60 billion RUB (2030)"
    qtbot.waitUntil(lambda: _underlined(window, 0))
    assert not _underlined(window, TEXT.index("The weather"))


def test_keys_accept_dismiss_and_show_and_undo_brings_them_back(qtbot, window):
    pane = window.suggestions_pane
    pane.table.setFocus()
    pane.table.selectRow(1)
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert window.reader_view.selected_span() == (TEXT.index("Exports"), TEXT.index(" Officials"))
    pane.table.setFocus()
    pane.table.selectRow(0)
    qtbot.keyClick(pane.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: len(pane.suggestions) == 1, timeout=10000)
    claims = window.project.claims.list()
    assert [(c.anchor.quote, c.kind.value, c.entities) for c in claims] == [
        ("Sberbank will spend 60 billion rubles on AI by 2030.", "forecast", ("Sber",))]
    assert [(q.value, q.unit, q.year) for q in claims[0].quantities] == [(60e9, "RUB", 2030)]
    qtbot.waitUntil(lambda: not _underlined(window, 0))  # a claim now, highlighted as claims are
    pane.table.setFocus()
    pane.table.selectRow(0)
    qtbot.keyClick(pane.table, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: len(pane.suggestions) == 0, timeout=10000)
    window.undo.undo_last()
    qtbot.waitUntil(lambda: len(pane.suggestions) == 1, timeout=10000)
    window.undo.undo_last()
    qtbot.waitUntil(lambda: len(pane.suggestions) == 2, timeout=10000)
    assert window.project.claims.count() == 0


def test_edit_then_accept_takes_the_analysts_statement_kind_and_entities(qtbot, window):
    from workbench.ui.suggestions import EditSuggestionDialog

    pane = window.suggestions_pane
    suggestion = pane.suggestions[1]
    dialog = EditSuggestionDialog(suggestion, pane)
    qtbot.addWidget(dialog)
    assert dialog.entities.text() == "China" and dialog.kind.currentText() == "statistic"
    dialog.statement.setText("Exports to China up 40%")
    dialog.kind.setCurrentText("fact")
    dialog.entities.setText("China, Customs Service")
    draft = dialog.draft()
    assert (draft.statement, draft.kind.value, draft.entities) == ("Exports to China up 40%", "fact",
                                                                   ("China", "Customs Service"))
    assert [(q.value, q.unit, q.year) for q in draft.quantities] == [(40.0, "%", 2024)]


def test_an_edit_of_the_source_text_moves_the_suggestions_with_it(qtbot, window):
    from workbench.services.text_commands import edit_text_command

    pane = window.suggestions_pane
    new_text = "Preface added.\n\n" + TEXT
    assert window.undo.run(edit_text_command(window.current_source_id, new_text))
    qtbot.waitUntil(lambda: bool(pane.suggestions) and pane.suggestions[0].start == TEXT.index("Sberbank") + 16,
                    timeout=10000)
    assert all(new_text[s.start:s.end] == s.quote for s in pane.suggestions)
    qtbot.waitUntil(lambda: _underlined(window, 16))
