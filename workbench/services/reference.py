"""Reference data (data/reference/*.json) loaded into a project, without overwriting the analyst.

Every row that reference data creates is remembered with a fingerprint of how it looked
when loaded. On a reload, a row that still matches its fingerprint is brought up to date;
a row the analyst has changed is left as it is (an override), and one the analyst deleted
stays deleted. Entities, relations and measures the project already had under the same
name (or citation) are linked, never changed, except that missing aliases and chip
figures are added to them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from ..core.export_rules import classify_3a090, total_processing_performance
from ..core.model import EntityKind, MeasureKind, RelationKind
from ..storage.entity_details import EntityDetailRepository
from ..storage.reference import ReferenceRepository
from .project import Project

DATASETS = ("countries", "companies", "chips", "measures")
_ADOPTED = "adopted"  # fingerprint of a row the project had before: it is the analyst's


@dataclass
class ReferenceReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)  # the project's own rows, now tied to reference data
    overridden: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                f"{len(self.linked)} linked to the project's own, {len(self.overridden)} kept as the analyst changed "
                f"them, {len(self.deleted)} left deleted")


def read_dataset(name: str) -> dict:
    return json.loads(resources.files("workbench.data").joinpath("reference", f"{name}.json").read_text("utf-8"))


def chip_attributes(chip: dict) -> dict[str, str]:
    """Figures and 3A090 band of a chip, with the inputs the TPP was computed from."""
    attributes = {"design country": chip["design_country"], "fabricated by": chip["fab"],
                  "fabrication country": chip["fab_country"], "figures from": chip["source"]}
    tpp = density = None
    if "dense_tflops" in chip:
        tpp = total_processing_performance(chip["dense_tflops"], chip["bits"])
        attributes["TPP"] = f"{tpp:,.0f}"
        attributes["TPP inputs"] = (f"{chip['dense_tflops']:g} dense TFLOPS at {chip['bits']} bits = "
                                    f"{chip['dense_tflops'] / 2:g} MacTOPS; 2 x {chip['dense_tflops'] / 2:g} x "
                                    f"{chip['bits']} = {tpp:,.0f}")
        if "die_mm2" in chip:
            density = tpp / chip["die_mm2"]
            attributes["performance density"] = f"{density:.2f} (TPP / {chip['die_mm2']} mm²)"
        else:
            attributes["performance density"] = "not public"
    band = classify_3a090(tpp, density)
    attributes["3A090 (Oct 2023)"] = band or ("not computed" if tpp is None else "undecided without die area")
    return attributes


def _fingerprint(payload) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


class _Loader:
    def __init__(self, project: Project):
        self.project = project
        self.refs = ReferenceRepository(project.db)
        self.details = EntityDetailRepository(project.db)
        self.report = ReferenceReport()
        self.entity_ids: dict[str, int] = {}

    # -- current state of rows, as fingerprints ---------------------------------

    def entity_state(self, entity_id: int) -> dict:
        e = self.project.entities.get(entity_id)
        return {"name": e.name, "kind": e.kind.value, "country": e.country, "note": e.note,
                "aliases": sorted(e.aliases), "attributes": self.details.attributes(entity_id)}

    def measure_state(self, measure_id: int) -> dict:
        m = self.project.measures.get(measure_id)
        return {"name": m.name, "kind": m.kind.value, "authority": m.authority, "citation": m.citation,
                "announced": m.announced, "effective_from": m.effective_from, "effective_to": m.effective_to,
                "note": m.note, "targets": sorted(m.targets)}

    def relation_state(self, relation_id: int) -> dict:
        r = self.project.relations.get(relation_id)
        return {"subject_id": r.subject_id, "kind": r.kind.value, "object_id": r.object_id,
                "valid_from": r.valid_from, "valid_to": r.valid_to, "note": r.note}

    # -- the three-way decision ----------------------------------------------------

    def _existing(self, ref: str, table: str, state_of) -> tuple[int | None, bool]:
        """(row id, may update) of an item loaded before; (None, False) when it is new or was deleted."""
        item = self.refs.item(ref)
        if item is None:
            return None, False
        _, row_id, fingerprint = item
        if not self.refs.row_exists(table, row_id):
            self.report.deleted.append(ref)
            return -1, False
        if fingerprint == _ADOPTED:  # the project had this row first: it stays the project's own
            self.report.linked.append(ref)
            return row_id, False
        if _fingerprint(state_of(row_id)) != fingerprint:
            self.report.overridden.append(ref)
            return row_id, False
        return row_id, True

    def entity(self, dataset: str, ref: str, desired: dict) -> None:
        row_id, may_update = self._existing(ref, "entity", self.entity_state)
        conn = self.project.db.conn
        if row_id is None:
            found = next(filter(None, (self.project.entities.find(n) for n in [desired["name"], *desired["aliases"]])),
                         None)
            if found is not None:
                self._adopt_entity(dataset, ref, found.id, desired)
                return
            row_id = self.project.entities.add(desired["name"], EntityKind(desired["kind"]), desired["country"],
                                               tuple(desired["aliases"]), desired["note"]).id
            self.refs.replace_attributes(conn, row_id, desired["attributes"])
            self.report.added.append(ref)
        elif row_id == -1:
            return
        elif may_update:
            if self.entity_state(row_id) == self._normal(desired):
                self.report.unchanged.append(ref)
            else:
                self.refs.update_entity(conn, row_id, desired["name"], desired["kind"], desired["country"],
                                        desired["note"], desired["aliases"])
                self.refs.replace_attributes(conn, row_id, desired["attributes"])
                self.report.updated.append(ref)
        self.entity_ids[ref] = row_id
        if may_update or ref in self.report.added:
            self.refs.record(conn, ref, "entity", row_id, _fingerprint(self.entity_state(row_id)), dataset)

    @staticmethod
    def _normal(desired: dict) -> dict:
        return {**desired, "aliases": sorted(desired["aliases"])}

    def _adopt_entity(self, dataset: str, ref: str, entity_id: int, desired: dict) -> None:
        """The project already has this entity: add the reference names and figures it lacks, change nothing else."""
        conn = self.project.db.conn
        current = self.project.entities.get(entity_id)
        names = {desired["name"], *desired["aliases"]} - {current.name}
        if not names <= set(current.aliases):
            self.refs.update_entity(conn, entity_id, current.name, current.kind.value, current.country, current.note,
                                    sorted(names | set(current.aliases)))
        own = self.details.attributes(entity_id)
        for name, value in desired["attributes"].items():
            if name not in own:
                self.details.set_attribute(entity_id, name, value)
        self.entity_ids[ref] = entity_id
        self.refs.record(conn, ref, "entity", entity_id, _ADOPTED, dataset)
        self.report.linked.append(ref)

    def measure(self, dataset: str, ref: str, desired: dict) -> None:
        desired = {**desired, "targets": sorted(self.entity_ids[t] for t in desired["targets"] if t in self.entity_ids)}
        row_id, may_update = self._existing(ref, "measure", self.measure_state)
        conn = self.project.db.conn
        if row_id is None:
            same = [m for m in self.project.measures.list() if m.citation and m.citation == desired["citation"]]
            if same:
                self.refs.record(conn, ref, "measure", same[0].id, _ADOPTED, dataset)
                self.report.linked.append(ref)
                return
            row_id = self.project.measures.add(
                desired["name"], MeasureKind(desired["kind"]), desired["authority"], desired["citation"],
                desired["announced"], desired["effective_from"], desired["effective_to"], desired["note"],
                tuple(desired["targets"])).id
            self.report.added.append(ref)
        elif row_id == -1 or not may_update:
            return
        elif self.measure_state(row_id) == desired:
            self.report.unchanged.append(ref)
        else:
            self.refs.update_measure(conn, row_id, desired, desired["targets"])
            self.report.updated.append(ref)
        self.refs.record(conn, ref, "measure", row_id, _fingerprint(self.measure_state(row_id)), dataset)

    def relation(self, dataset: str, ref: str, subject: str, kind: str, obj: str, valid_from: str = "",
                 valid_to: str = "", note: str = "") -> None:
        if subject not in self.entity_ids or obj not in self.entity_ids:
            return  # an end the analyst deleted
        desired: dict[str, Any] = {"subject_id": self.entity_ids[subject], "kind": kind,
                                   "object_id": self.entity_ids[obj], "valid_from": valid_from, "valid_to": valid_to,
                                   "note": note}
        row_id, may_update = self._existing(ref, "relation", self.relation_state)
        conn = self.project.db.conn
        if row_id is None:
            same = [r for r in self.project.relations.list() if (r.subject_id, r.kind.value, r.object_id) == (
                desired["subject_id"], kind, desired["object_id"])]
            if same:
                self.refs.record(conn, ref, "relation", same[0].id, _ADOPTED, dataset)
                self.report.linked.append(ref)
                return
            row_id = self.project.relations.add(desired["subject_id"], RelationKind(kind), desired["object_id"],
                                                valid_from, valid_to, note).id
            self.report.added.append(ref)
        elif row_id == -1 or not may_update:
            return
        elif self.relation_state(row_id) == desired:
            self.report.unchanged.append(ref)
        else:
            self.refs.update_relation(conn, row_id, desired)
            self.report.updated.append(ref)
        self.refs.record(conn, ref, "relation", row_id, _fingerprint(self.relation_state(row_id)), dataset)


def _entity(name: str, kind: str, country: str = "", aliases=(), note: str = "", attributes=None) -> dict:
    return {"name": name, "kind": kind, "country": country, "note": note, "aliases": list(aliases),
            "attributes": dict(attributes or {})}


def _load_countries(loader: _Loader, data: dict) -> None:
    for alliance in data["alliances"]:
        loader.entity("countries", alliance["ref"], _entity(alliance["name"], "alliance", "", alliance.get("aliases", ()),
                                                            alliance.get("note", "")))
    for c in data["countries"]:
        loader.entity("countries", c["ref"], _entity(c["name"], "country", c["iso2"], c.get("aliases", ()),
                                                     c.get("note", ""), {"ISO 3166-1 alpha-3": c["iso3"]}))
        brics = c.get("brics")
        if brics:
            kind = "member_of" if brics["status"] == "member" else "partners_with"
            note = f"BRICS {brics['status']} ({brics['citation']})" + (f". {brics['note']}" if brics.get("note") else "")
            loader.relation("countries", f"relation:brics-{c['iso2']}", c["ref"], kind, "alliance:brics",
                            brics["from"], brics.get("to", ""), note)


def _load_companies(loader: _Loader, data: dict) -> None:
    for c in data["companies"]:
        loader.entity("companies", c["ref"], _entity(c["name"], c.get("kind", "company"), c["country"],
                                                     c.get("aliases", ()), c.get("note", "")))
    for r in data["relations"]:
        loader.relation("companies", r["ref"], r["subject"], r["kind"], r["object"], r.get("valid_from", ""),
                        r.get("valid_to", ""), r.get("note", ""))


def _load_chips(loader: _Loader, data: dict) -> None:
    for chip in data["chips"]:
        loader.entity("chips", chip["ref"], _entity(chip["name"], "chip", chip["design_country"],
                                                    chip.get("aliases", ()), chip.get("note", ""),
                                                    chip_attributes(chip)))
        loader.relation("chips", f"relation:produces-{chip['ref']}", chip["vendor"], "produces", chip["ref"],
                        note=f"designs it; fabricated by {chip['fab']}")


def _load_measures(loader: _Loader, data: dict) -> None:
    for m in data["measures"]:
        loader.measure("measures", m["ref"], {
            "name": m["name"], "kind": m["kind"], "authority": m.get("authority", ""),
            "citation": m.get("citation", ""), "announced": m.get("announced", ""),
            "effective_from": m.get("effective_from", ""), "effective_to": m.get("effective_to", ""),
            "note": m.get("note", ""), "targets": m.get("targets", [])})


def load_reference(project: Project) -> ReferenceReport:
    """Load or reload all reference datasets in one transaction."""
    loader = _Loader(project)
    with project.db.transaction():
        _load_countries(loader, read_dataset("countries"))
        _load_companies(loader, read_dataset("companies"))
        _load_chips(loader, read_dataset("chips"))
        _load_measures(loader, read_dataset("measures"))
    return loader.report


def reference_origins(project: Project) -> dict[tuple[str, int], str]:
    """(table, row id) -> reference key: which entities, relations and measures came from reference data."""
    return ReferenceRepository(project.db).origins()
