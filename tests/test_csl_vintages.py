"""trade.gov CSL exports of every vintage: with and without ``_id``, columns found by name."""

from pathlib import Path

import pytest

from workbench.core.errors import InvalidInputError
from workbench.services.project import create_project
from workbench.services.screening.formats.detect import detect_format
from workbench.services.screening.lists import import_list
from workbench.storage.lists import ListRepository

SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "sanctions"
if not SHARED.is_dir():
    SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "sanctions"
OLDER = SHARED / "csl-older" / "csl.csv"


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "csl.wbproj") as p:
        yield p


def test_an_export_without_id_column_imports_every_row_with_ids_derived_from_the_row(project):
    assert detect_format([OLDER]) == "csl"
    summary = import_list(project, [OLDER], "csl")
    assert summary.entries == 16 and not summary.problems
    repo = ListRepository(project.db)
    entries = repo.entries(repo.find("Consolidated Screening List").id)
    assert len({e.key for e in entries}) == 16
    assert any(e.key.startswith("row-") for e in entries)  # DPL and ISN rows have no entity_number
    again = import_list(project, [OLDER], "csl", version_date="2030-01-01")
    assert (again.added, again.removed) == (0, 0)  # the derived ids are stable across imports


def test_column_names_are_matched_folded_and_only_missing_needed_columns_are_refused(project, tmp_path):
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("Source,Entity Number,Type,Name,Alt Names\n"
                       "Entity List (EL) - Bureau of Industry and Security,,Entity,OOO Test Electronics,Test El\n",
                       encoding="utf-8")
    assert import_list(project, [renamed], "csl", name="Renamed").entries == 1
    lacking = tmp_path / "lacking.csv"
    lacking.write_text("entity_number,type,programs\n1,Entity,X\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"lacking.csv: not the expected format \(no columns source, name\)"):
        import_list(project, [lacking], "csl", name="Lacking")
