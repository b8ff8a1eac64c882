"""Dialogs to add and edit entities, relations and measures; the services check and write.

Lists (aliases, targets) are typed one per line; evidence is a list of claims, shown by quote
and source and added from a claim picker (claim_picker.py). Entity names complete in a popup
whose Enter takes the suggestion without submitting the dialog (ui.completion). A bad value keeps the
dialog open with the service's one-line message, and the project unchanged. Each edit runs
through ``run`` (the main window's undo history, so Ctrl+Z takes it back as one step); without
one it is applied directly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import WorkbenchError
from ...core.model import Entity, EntityKind, Measure, MeasureKind, Relation, RelationKind, enum_values
from ...services import evidence, identifiers, network
from ...services.project import Project
from ..completion import popup_completer
from .claim_picker import EvidenceList, Scope

Edit = Callable[[Project], object]
Runner = Callable[[str, Edit], object]


def run_directly(project: Project) -> Runner:
    return lambda _text, edit: edit(project)


class FormDialog(QDialog):
    """Fields by name; ``apply`` gets their values and does the edit, or raises a WorkbenchError."""

    def __init__(self, title: str, apply: Callable[[dict], object], parent: QWidget | None = None,
                 project: Project | None = None):
        super().__init__(parent)
        self._project = project
        self.setWindowTitle(title)
        self.setObjectName("networkEditDialog")
        self._apply = apply
        self.fields: dict[str, QWidget] = {}
        self.result_value = None
        self._form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def add_text(self, name: str, label: str, value: str = "") -> QLineEdit:
        widget = QLineEdit(value)
        widget.setObjectName(name)
        return self._add(name, label, widget)

    def add_lines(self, name: str, label: str, values: list[str]) -> QPlainTextEdit:
        widget = QPlainTextEdit("\n".join(values))
        widget.setObjectName(name)
        widget.setFixedHeight(70)
        return self._add(name, label, widget)

    def add_choice(self, name: str, label: str, choices: list[str], value: str = "",
                   editable: bool = False) -> QComboBox:
        widget = QComboBox()
        widget.setObjectName(name)
        widget.setEditable(editable)
        widget.addItems(choices)
        if editable:
            widget.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            popup_completer(widget)
        if value:
            widget.setCurrentText(value)
        return self._add(name, label, widget)

    def add_evidence(self, name: str, label: str, claim_ids: tuple[int, ...], scope: Scope) -> EvidenceList:
        widget = EvidenceList(self._project, claim_ids, scope, self)
        return self._add(name, label, widget)

    def _add(self, name: str, label: str, widget):
        self.fields[name] = widget
        self._form.addRow(label, widget)
        return widget

    def values(self) -> dict:
        out = {}
        for name, widget in self.fields.items():
            if isinstance(widget, QPlainTextEdit):
                out[name] = [line.strip() for line in widget.toPlainText().splitlines() if line.strip()]
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentText()
            elif isinstance(widget, EvidenceList):
                out[name] = widget.claim_uuids()
            else:
                out[name] = widget.text()
        return out

    def accept(self) -> None:
        try:
            self.result_value = self._apply(self.values())
        except WorkbenchError as exc:
            self.error.setText(str(exc))
            return
        super().accept()


def entity_dialog(project: Project, entity: Entity | None = None, parent=None, run: Runner | None = None) -> FormDialog:
    run = run or run_directly(project)

    def apply(v: dict):
        fields = dict(name=v["name"], kind=v["kind"], country=v["country"], aliases=v["aliases"], note=v["note"],
                      identifiers=v["identifiers"])
        if entity is None:
            return run(f"Add entity “{v['name'].strip()}”", lambda p: identifiers.add_entity(p, **fields))
        return run(f"Edit entity “{entity.name}”", lambda p: identifiers.edit_entity(p, entity.uuid, **fields))

    dialog = FormDialog("Edit entity" if entity else "Add entity", apply, parent)
    dialog.add_text("name", "Name", entity.name if entity else "")
    dialog.add_choice("kind", "Kind", enum_values(EntityKind), entity.kind.value if entity else "company")
    dialog.add_text("country", "Country (ISO code)", entity.country if entity else "")
    dialog.add_lines("aliases", "Aliases (one a line)", list(entity.aliases) if entity else [])
    own_ids = identifiers.identifier_texts(identifiers.entity_identifiers(project, entity.id)) if entity else []
    field = dialog.add_lines("identifiers", "Identifiers (SCHEME=VALUE a line:\nINN, OGRN, IMO...)", own_ids)
    field.setToolTip("Screening compares identifiers before names; INN, OGRN and IMO check digits are checked")
    dialog.add_text("note", "Note", entity.note if entity else "")
    return dialog


def relation_dialog(project: Project, relation: Relation | None = None, parent=None,
                    run: Runner | None = None) -> FormDialog:
    run = run or run_directly(project)
    names = sorted((e.name for e in project.entities.list()), key=str.lower)
    by_id = network.entity_names(project)

    def apply(v: dict):
        fields = dict(valid_from=v["valid_from"], valid_to=v["valid_to"], evidence=v["evidence"], note=v["note"])
        text = f"{'Edit' if relation else 'Add'} relation {v['subject']} {v['kind']} {v['object']}"
        if relation is None:
            return run(text, lambda p: network.add_relation(p, v["subject"], v["kind"], v["object"], **fields))
        return run(text, lambda p: network.edit_relation(p, relation.uuid, subject=v["subject"], kind=v["kind"],
                                                         obj=v["object"], **fields))

    dialog = FormDialog("Edit relation" if relation else "Add relation", apply, parent, project)
    dialog.add_choice("subject", "Subject", names, by_id[relation.subject_id] if relation else "", editable=True)
    dialog.add_choice("kind", "Relation", enum_values(RelationKind), relation.kind.value if relation else "supplies")
    dialog.add_choice("object", "Object", names, by_id[relation.object_id] if relation else "", editable=True)
    dialog.add_text("valid_from", "Valid from (YYYY[-MM[-DD]])", relation.valid_from if relation else "")
    dialog.add_text("valid_to", "Valid to", relation.valid_to if relation else "")
    ends = (dialog.fields["subject"], dialog.fields["object"])
    dialog.add_evidence("evidence", "Evidence", relation.evidence if relation else (),
                        lambda: evidence.entities_named(project, [end.currentText() for end in ends]))
    dialog.add_text("note", "Note", relation.note if relation else "")
    return dialog


def measure_dialog(project: Project, measure: Measure | None = None, parent=None,
                   run: Runner | None = None) -> FormDialog:
    run = run or run_directly(project)
    by_id = network.entity_names(project)

    def apply(v: dict):
        fields = dict(authority=v["authority"], citation=v["citation"], effective_from=v["effective_from"],
                      effective_to=v["effective_to"], targets=v["targets"], evidence=v["evidence"], note=v["note"])
        text = f"{'Edit' if measure else 'Add'} measure “{v['name'].strip()}”"
        if measure is None:
            return run(text, lambda p: network.add_measure(p, v["name"], v["kind"], **fields))
        return run(text, lambda p: network.edit_measure(p, measure.uuid, name=v["name"], kind=v["kind"], **fields))

    dialog = FormDialog("Edit measure" if measure else "Add measure", apply, parent, project)
    dialog.add_text("name", "Name", measure.name if measure else "")
    dialog.add_choice("kind", "Kind", enum_values(MeasureKind), measure.kind.value if measure else "export_control")
    dialog.add_text("authority", "Authority", measure.authority if measure else "")
    dialog.add_text("citation", "Citation", measure.citation if measure else "")
    dialog.add_text("effective_from", "In effect from", measure.effective_from if measure else "")
    dialog.add_text("effective_to", "In effect to", measure.effective_to if measure else "")
    targets = dialog.add_lines("targets", "Targets (entity names)", [by_id[t] for t in measure.targets] if measure else [])
    dialog.add_evidence("evidence", "Evidence", measure.evidence if measure else (),
                        lambda: evidence.entities_named(project, targets.toPlainText().splitlines()))
    dialog.add_text("note", "Note", measure.note if measure else "")
    return dialog
