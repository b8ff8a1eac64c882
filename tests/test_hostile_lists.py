"""Malformed FollowTheMoney lines are skipped and reported with file and line; the rest of the list imports."""

import json

from workbench.services.project import create_project
from workbench.services.screening.lists import import_list

GOOD = {"id": "good-1", "schema": "Company", "caption": "Good Chips LLC", "properties": {"name": ["Good Chips LLC"]}}
MALFORMED = [
    "[" * 100_000 + "]" * 100_000,  # RecursionError in json
    json.dumps({"id": "x1", "schema": "Company", "properties": "not an object"}),  # AttributeError
    json.dumps({"id": "x2", "schema": "Company", "properties": {"name": "not a list"}}),  # stored as letters
    json.dumps({"id": "x3", "schema": "Company", "properties": {"name": [1, 2]}}),  # TypeError
    json.dumps({"id": "x4", "schema": ["Company"], "properties": {"name": ["A"]}}),  # unhashable schema
    json.dumps({"id": "x5", "schema": "Person", "caption": {"a": 1}, "properties": {}}),
    json.dumps({"id": "x6", "schema": "Company", "datasets": 5, "properties": {"name": ["B"]}}),
    json.dumps(["a", "list"]),
]


def test_malformed_ftm_lines_are_skipped_with_file_and_line(tmp_path):
    path = tmp_path / "hostile.ftm.json"
    lines = [json.dumps(GOOD), *MALFORMED, json.dumps({**GOOD, "id": "good-2", "caption": "Second Good"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with create_project(tmp_path / "p.wbproj") as project:
        summary = import_list(project, [path], "ftm", name="Hostile FtM")
        names = [row[0] for row in project.db.conn.execute("SELECT caption FROM list_entry ORDER BY caption")]
    assert summary.entries == 2
    assert names == ["Good Chips LLC", "Second Good"]
    reported = [str(p) for p in summary.problems]
    assert [r.split(":")[0] for r in reported] == [f"hostile.ftm.json line {n}" for n in range(2, 2 + len(MALFORMED))]
    assert any("'name' is not a list of strings" in r for r in reported)
