"""Saved searches (save, list, re-run, delete; undoable with change sets), search scopes (claims,
sources, removed boilerplate) and the project's records found from the same box."""

import json
import subprocess
import sys

import pytest

from workbench.core.errors import InvalidInputError, NotFoundError
from workbench.core.model import ClaimDraft, RemovedBlock, SourceMeta
from workbench.services import commands
from workbench.services.annotate import add_claim_at
from workbench.services.project import create_project
from workbench.services.reference import load_reference
from workbench.services.screening.lists import import_list
from workbench.services.search import saved
from workbench.services.search.occurrences import all_occurrences
from workbench.storage.entity_details import EntityDetailRepository

TEXT = "Huawei buys chips.\n\nSanctions on Huawei were widened. Chips are scarce."


@pytest.fixture
def project(tmp_path):
    with create_project(tmp_path / "s") as project:
        source = project.sources.add(SourceMeta("news", language="en"), TEXT, TEXT.encode(), "text/plain",
                                     removed=[RemovedBlock(1, 0, "Subscribe to Huawei news and chips deals", "promo")])
        project.source_id = source.id
        yield project


def test_save_list_rerun_and_delete_are_undoable_steps_with_change_sets(project):
    command = saved.save_command("chips", "chips NOT huawei", "sources")
    changes = commands.perform(project, command)
    kept = saved.get_saved(project, "chips")
    assert (kept.query, kept.scope) == ("chips NOT huawei", "sources")
    assert changes.saved_searches.added == {kept.id}
    again = commands.perform(project, saved.save_command("chips", "chips", "claims"))  # same name: changed
    assert again.saved_searches.changed == {kept.id}
    assert [(s.name, s.query, s.scope) for s in saved.list_saved(project)] == [("chips", "chips", "claims")]
    first = saved.save_command("a first", "huawei")
    commands.perform(project, first)
    assert [s.name for s in saved.list_saved(project)] == ["a first", "chips"]

    delete = saved.delete_command("chips")
    assert commands.perform(project, delete).saved_searches.removed == {kept.id}
    assert [s.name for s in saved.list_saved(project)] == ["a first"]
    commands.perform(project, delete, undo=True)
    assert saved.get_saved(project, "chips").id == kept.id  # the same row comes back
    assert commands.perform(project, first, undo=True).saved_searches.removed
    assert [s.name for s in saved.list_saved(project)] == ["chips"]
    commands.perform(project, first)  # redo
    assert [s.name for s in saved.list_saved(project)] == ["a first", "chips"]
    commands.perform(project, delete)
    with pytest.raises(NotFoundError, match="no saved search named 'chips'"):
        saved.get_saved(project, "chips")


@pytest.mark.parametrize("name, query, scope, message", [
    ("", "chips", "all", "needs a name"),
    ("x", "chips AND", "all", "AND at character 7 needs a word after it"),
    ("x", "chips", "everywhere", "the scope is one of all, sources, claims, removed"),
    ("x" * 201, "chips", "all", "at most 200 characters"),
])
def test_a_saved_search_that_cannot_run_is_refused(project, name, query, scope, message):
    with pytest.raises(InvalidInputError, match=message):
        commands.perform(project, saved.save_command(name, query, scope))
    assert saved.list_saved(project) == []


def test_scopes_sources_claims_and_removed_boilerplate(project):
    start = TEXT.index("Sanctions")
    add_claim_at(project, project.source_id, start, TEXT.index(" Chips"), ClaimDraft())
    matches = lambda scope: [(o.where, o.match) for o in all_occurrences(project, "huawei OR chips", scope=scope)]  # noqa: E731
    assert matches("sources") == [("text", "Huawei"), ("text", "chips"), ("text", "Huawei"), ("text", "Chips")]
    assert matches("claims") == [("text", "Huawei")]
    removed = all_occurrences(project, "huawei OR chips", scope="removed", context=8)
    assert [(o.where, o.match, o.field, o.record_id, o.paragraph) for o in removed] == [
        ("removed", "Huawei", "promo", 1, 1), ("removed", "chips", "promo", 1, 1)]
    block = "Subscribe to Huawei news and chips deals"
    assert all(block[o.start:o.end] == o.match and block[:o.start].endswith(o.left) for o in removed)
    assert not any(o.in_text for o in removed)
    assert all_occurrences(project, "subscribe", scope="sources") == []


def test_entities_reference_data_and_list_entries_are_found_by_name_alias_and_identifier(project, tmp_path):
    zorkan = project.entities.add("Zorkan Microsystems", aliases=("左坎微系统", "Зоркан"))
    EntityDetailRepository(project.db).add_identifier(zorkan.id, "INN", "7707-049388")
    load_reference(project)
    listed = tmp_path / "list.ftm.json"
    listed.write_text(json.dumps({"id": "ofac-1", "schema": "Company", "caption": "ZORKAN CLOUD LLC", "properties": {
        "name": ["ZORKAN CLOUD LLC"], "alias": ["ЗОРКАН КЛАУД"], "innCode": ["7707049388"]}}) + "\n")
    import_list(project, [listed], "ftm", name="Test list")
    text = "Zorkan sells chips."
    project.sources.add(SourceMeta("zorkan news", language="en"), text, text.encode(), "text/plain")

    found = all_occurrences(project, "zorkan")
    assert [(o.where, o.field, o.match, o.title) for o in found] == [
        ("entity", "name", "Zorkan", "Zorkan Microsystems"),  # entities first, list entries last
        ("text", "", "Zorkan", "zorkan news"),
        ("list", "name", "ZORKAN", "Test list: ZORKAN CLOUD LLC")]
    entity = found[0]
    assert (entity.source_id, entity.source_uuid, entity.record_id) == (0, zorkan.uuid, zorkan.id)
    assert "Zorkan Microsystems"[entity.start:entity.end] == "Zorkan" and entity.right == " Microsystems"

    assert [(o.where, o.field, o.match) for o in all_occurrences(project, "зоркан")] == [
        ("entity", "alias", "Зоркан"), ("list", "alias", "ЗОРКАН")]
    assert [(o.where, o.match) for o in all_occurrences(project, "左坎")] == [("entity", "左坎")]
    by_inn = [(o.where, o.field, o.match) for o in all_occurrences(project, "7707049388")]
    assert by_inn == [("entity", "INN", "7707-049388"), ("list", "INN", "7707049388")]  # compared on their keys
    assert [(o.where, o.match) for o in all_occurrences(project, "INN-7707-049388")] == [
        ("entity", "7707-049388"), ("list", "7707049388")]
    assert [o.where for o in all_occurrences(project, "zorkan NOT cloud")] == ["entity", "text"]
    assert [o.where for o in all_occurrences(project, "zorkan", limit=2)] == ["entity", "text"]
    assert [o.where for o in all_occurrences(project, '"zorkan cloud"')] == ["list"]

    reference = [o for o in all_occurrences(project, "nvidia") if o.where == "reference"]
    assert reference and all(o.source_id == 0 and not o.in_text for o in reference)
    assert [o.where for o in all_occurrences(project, "zorkan", scope="sources")] == ["text"]
    assert [o.where for o in all_occurrences(project, "zorkan lang:en")] == ["text"]  # filters: sources only


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "workbench", *args], capture_output=True, text=True, timeout=120)


def test_cli_saved_searches_and_scopes(project):
    path = str(project.path)
    project.db.conn.commit()
    project.close()
    run = _cli("search", path, "--save", "scarce chips", "chips NOT huawei", "--scope", "sources")
    assert run.returncode == 0, run.stderr
    assert "saved search 'scarce chips' kept" in run.stdout
    listed = _cli("search", path, "--saved", "--json")
    assert json.loads(listed.stdout) == [{"name": "scarce chips", "query": "chips NOT huawei", "scope": "sources",
                                          "created_at": json.loads(listed.stdout)[0]["created_at"]}]
    rerun = _cli("search", path, "--run-saved", "scarce chips", "--json")
    assert rerun.returncode == 0, rerun.stderr
    assert [json.loads(line)["match"] for line in rerun.stdout.splitlines()] == []  # every source names Huawei
    removed = _cli("search", path, "deals", "--all-occurrences", "--scope", "removed", "--json")
    assert [(r["where"], r["match"], r["block"]) for r in map(json.loads, removed.stdout.splitlines())] == [
        ("removed", "deals", 1)]
    bad = _cli("search", path, "--run-saved", "nothing")
    assert bad.returncode != 0 and "no saved search named 'nothing'" in bad.stderr
    gone = _cli("search", path, "--delete-saved", "scarce chips")
    assert gone.returncode == 0 and "deleted" in gone.stdout
    assert "no saved searches" in _cli("search", path, "--saved").stdout


def test_the_list_name_index_follows_imports_and_works_read_only(tmp_path):
    from workbench.services.project import open_project

    def write(name):
        listed = tmp_path / "list.ftm.json"
        listed.write_text(json.dumps({"id": "e-1", "schema": "Company", "caption": name,
                                      "properties": {"name": [name]}}) + "\n")
        return listed

    path = tmp_path / "lists.wbproj"
    with create_project(path) as project:
        import_list(project, [write("ORLAN DYNAMICS")], "ftm", name="L")
        assert [o.match for o in all_occurrences(project, "orlan")] == ["ORLAN"]
        import_list(project, [write("KESTREL DYNAMICS")], "ftm", name="L")  # re-imported: new names
        assert all_occurrences(project, "orlan") == []
        assert [o.match for o in all_occurrences(project, "kestrel")] == ["KESTREL"]
        assert project.db.conn.execute("SELECT count(*) FROM main.sqlite_master WHERE name LIKE 'wb_%'").fetchone() == (0,)
    with open_project(path, writable=False) as project:
        assert [o.match for o in all_occurrences(project, "dynamic*")] == ["DYNAMICS"]


def test_list_names_in_chinese_are_found_from_the_entries_noted_while_indexing(tmp_path):
    """A CJK term is looked for only in the names of entries noted, as the index is built, to hold
    CJK characters: found whole or in part, and the note follows a re-import."""
    def write(names):
        listed = tmp_path / "cjk.ftm.json"
        listed.write_text("\n".join(json.dumps({"id": f"e-{n}", "schema": "Company", "caption": name,
                                                "properties": {"name": [name]}}) for n, name in enumerate(names)) + "\n")
        return listed

    with create_project(tmp_path / "cjk.wbproj") as project:
        import_list(project, [write(["HUAWEI TECHNOLOGIES", "华为技术有限公司", "Huawei 华为云", "한국전력"])], "ftm",
                    name="L")
        assert [(o.where, o.match) for o in all_occurrences(project, "华为")] == [("list", "华为"), ("list", "华为")]
        assert [o.match for o in all_occurrences(project, "技术有限")] == ["技术有限"]
        assert [o.match for o in all_occurrences(project, "한국")] == ["한국"]
        noted = project.db.conn.execute("SELECT count(*) FROM temp.wb_list_cjk_entries").fetchone()[0]
        assert noted == 3  # not the Latin-only entry
        import_list(project, [write(["ZTE CORPORATION", "中兴通讯"])], "ftm", name="L")  # re-imported: new names
        assert all_occurrences(project, "华为") == []
        assert [o.match for o in all_occurrences(project, "中兴")] == ["中兴"]


def test_the_list_name_index_is_built_a_step_at_a_time_and_finished_by_a_search(tmp_path):
    from workbench.storage.record_search import list_name_index_step

    listed = tmp_path / "list.ftm.json"
    listed.write_text("\n".join(json.dumps({"id": f"e-{n}", "schema": "Company", "caption": f"Company {n} Orlan",
                                            "properties": {"name": [f"Company {n} Orlan"]}}) for n in range(25)) + "\n")
    with create_project(tmp_path / "steps.wbproj") as project:
        import_list(project, [listed], "ftm", name="L")
        conn = project.db.conn
        assert [list_name_index_step(conn, 10) for _ in range(3)] == [False, False, True]
        assert conn.execute("SELECT count(*) FROM temp.wb_list_names").fetchone()[0] == 25
        assert len([o for o in all_occurrences(project, "orlan") if o.where == "list"]) == 25
        import_list(project, [listed], "ftm", name="L2")  # another list: the index starts again
        assert list_name_index_step(conn, 10) is False
        # A search before the steps are done finishes the index itself.
        assert len([o for o in all_occurrences(project, "orlan") if o.where == "list"]) == 50
        assert list_name_index_step(conn, 10) is True
