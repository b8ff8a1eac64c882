"""Reference data: loaded with citations and computed chip figures; the analyst's edits survive reloads."""

import json

import pytest

from workbench.core.export_rules import classify_3a090, total_processing_performance
from workbench.services import reference
from workbench.services.project import create_project, open_project
from workbench.services.sample import build_sample
from workbench.storage.entity_details import EntityDetailRepository
from workbench.storage.reference import ReferenceRepository


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "ref.wbproj") as p:
        yield p


def test_3a090_bands_follow_the_october_2023_rule():
    assert total_processing_performance(989.4, 16) == pytest.approx(15830.4)  # H100 SXM
    assert classify_3a090(15830, 19.4) == "3A090.a"
    assert classify_3a090(4992, 6.04) == "3A090.a"  # A100
    assert classify_3a090(2000, 6.0) == "3A090.a"  # TPP >= 1600 with density >= 5.92
    assert classify_3a090(2500, 2.0) == "3A090.b"
    assert classify_3a090(2368, 2.91) == "below 3A090"  # H20
    assert classify_3a090(3000, None) == ""  # undecided without the die area
    assert classify_3a090(None, None) == ""


def test_load_creates_cited_dated_data(project):
    report = reference.load_reference(project)
    assert report.added and not report.updated
    brics = project.entities.find("BRICS")
    members = {project.entities.get(r.subject_id).name: (r.kind.value, r.valid_from)
               for r in project.relations.list() if r.object_id == brics.id}
    assert members["Russia"] == ("member_of", "2009-06-16")
    assert members["Egypt"] == ("member_of", "2024-01-01") and members["Indonesia"] == ("member_of", "2025-01-06")
    assert members["Kazakhstan"] == ("partners_with", "2025-01-01")
    measures = {m.citation: m for m in project.measures.list()}
    assert {"87 FR 12226", "87 FR 22130", "87 FR 62186", "88 FR 73458", "89 FR 96790", "90 FR 4544",
            "Regulation (EU) 2022/328", "SI 2019/855"} <= set(measures)
    assert measures["90 FR 4544"].effective_to == "2025-05-13"
    h100 = EntityDetailRepository(project.db).attributes(project.entities.find("Nvidia H100 SXM").id)
    assert h100["TPP"] == "15,830" and h100["3A090 (Oct 2023)"] == "3A090.a"
    assert "989.4 dense TFLOPS at 16 bits" in h100["TPP inputs"]
    origins = reference.reference_origins(project)
    assert origins[("entity", brics.id)] == "alliance:brics"


def test_reload_keeps_overrides_and_deletions_and_updates_the_rest(project, monkeypatch):
    reference.load_reference(project)
    russia = project.entities.find("Russia")
    refs = ReferenceRepository(project.db)
    with project.db.transaction() as conn:  # the analyst edits Russia and deletes Cuba
        refs.update_entity(conn, russia.id, "Russian Federation", "country", "RU", "my note", ["Russia"])
    cuba = project.entities.find("Cuba")
    with project.db.transaction() as conn:
        conn.execute("DELETE FROM entity WHERE id = ?", (cuba.id,))
    original = reference.read_dataset

    def newer(name):  # a newer release of the data changes two countries' notes
        data = original(name)
        if name == "countries":
            for c in data["countries"]:
                if c["iso2"] in ("RU", "IN"):
                    c["note"] = "revised"
        return data

    monkeypatch.setattr(reference, "read_dataset", newer)
    report = reference.load_reference(project)
    assert "country:RU" in report.overridden and "country:CU" in report.deleted
    assert "country:IN" in report.updated
    assert project.entities.get(russia.id).note == "my note"
    assert project.entities.find("India").note == "revised"
    assert project.entities.find("Cuba") is None


def test_sample_project_links_its_own_entities(tmp_path, cli):
    path = build_sample(tmp_path / "sample.wbproj")
    code, out, _ = cli("reference", "load", path)
    assert code == 0 and "linked to the project's own" in out
    with open_project(path, writable=False) as project:
        assert len([e for e in project.entities.list() if e.name == "Russia"]) == 1
        h100 = project.entities.find("Nvidia H100")
        assert EntityDetailRepository(project.db).attributes(h100.id)["3A090 (Oct 2023)"] == "3A090.a"
        assert len([m for m in project.measures.list() if m.citation == "87 FR 62186"]) == 1
    first_linked = int(out.split(" linked to the project's own")[0].rsplit(", ", 1)[1])
    code, out, _ = cli("reference", "load", path)
    assert code == 0 and out.startswith("0 added")
    # The project's own rows are still its own on a reload, not edits by the analyst.
    assert f"{first_linked} linked to the project's own, 0 kept as the analyst changed them" in out


def test_reference_files_are_well_formed():
    for name in reference.DATASETS:
        data = reference.read_dataset(name)
        assert data["dataset"] == name and data["version"]
        text = json.dumps(data)
        assert "ref" in text
