"""Merging a colleague's work by UUID: new, changed, deleted-on-one-side and both-changed objects."""

import json
import shutil
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import project_snapshot
from workbench.core.model import ClaimDraft, SourceMeta
from workbench.services.annotate import add_claim_by_quote
from workbench.services.commands import draft_of
from workbench.services.exchange.apply import apply_bundle
from workbench.services.exchange.formats import (
    export_bytes,
    import_exchange_file,
    merge_project_file,
    read_exchange_file,
)
from workbench.services.exchange.undo import ImportedExchange
from workbench.services.project import create_project, open_project
from workbench.services.sample import build_sample

EARLIER = "2025-06-01T09:00:00+00:00"


@pytest.fixture(scope="module")
def made_earlier(tmp_path_factory):
    """The sample project as made some time ago (so today's edits are later than its making)."""
    path = build_sample(tmp_path_factory.mktemp("merge") / "sample.wbproj")
    with open_project(path) as project, project.db.transaction() as conn:
        for table in ("claim", "relation", "measure", "entity"):
            conn.execute(f"UPDATE {table} SET created_at = ?, modified_at = ?", (EARLIER, EARLIER))
    return path


def _copy(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    return dst


def _claims(project):
    return {c.uuid: c for c in project.claims.list()}


def _edit(project, claim, **changes):
    return project.claims.update(claim.id, replace(draft_of(claim), **changes))


def _edits(mine, theirs):
    """The same edits in both scenarios; returns the claims they touch, by role."""
    ours, other = _claims(mine), _claims(theirs)
    uuids = sorted(ours)
    roles = {"changed_there": uuids[0], "deleted_there": uuids[1], "both_changed": uuids[2],
             "deleted_here": uuids[3], "changed_here": uuids[4]}
    _edit(theirs, other[roles["changed_there"]], statement="Edited by the colleague")
    theirs.claims.delete(other[roles["deleted_there"]].id)
    _edit(theirs, other[roles["both_changed"]], note="colleague's note")
    _edit(mine, ours[roles["both_changed"]], note="my note")
    mine.claims.delete(ours[roles["deleted_here"]].id)
    _edit(mine, ours[roles["changed_here"]], statement="Edited by me")
    source = theirs.sources.list()[0]
    roles["new_there"] = add_claim_by_quote(theirs, source.uuid, theirs.sources.text(source.id)[:12].strip(),
                                            ClaimDraft(statement="colleague's new claim"), occurrence=1).uuid
    entity = next(e for e in theirs.entities.list() if e.name == "Huawei")
    theirs.entities.update(replace(entity, aliases=(*entity.aliases, "Huawei Technologies Co., Ltd.")))
    relation = theirs.relations.list()[0]
    theirs.relations.update(replace(relation, note="checked against customs data"))
    roles["relation_changed_there"] = relation.uuid
    text = "A colleague's own note on Kazakh transit of GPU servers."
    roles["new_source"] = theirs.sources.add(SourceMeta("Colleague's note"), text, text.encode(), "text/plain").uuid
    return roles


def _check_merged(mine, report, roles, before_count):
    merged = _claims(mine)
    assert merged[roles["changed_there"]].statement == "Edited by the colleague"
    assert merged[roles["changed_here"]].statement == "Edited by me"
    assert roles["deleted_there"] in merged  # kept, and said so
    assert any(roles["deleted_there"][:8] in n and "deleted in" in n for n in report.notes)
    assert roles["deleted_here"] not in merged
    assert any(roles["deleted_here"][:8] in n and "deleted here" in n for n in report.notes)
    assert merged[roles["both_changed"]].note == "my note"
    copies = [c for c in merged.values() if c.note == "colleague's note"]
    assert len(copies) == 1 and copies[0].uuid != roles["both_changed"]
    assert len(report.conflicts) == 1 and roles["both_changed"][:8] in report.conflicts[0]
    link = next(lk for lk in mine.claims.links(copies[0].id))
    assert link.kind.value == "duplicates"
    assert roles["new_there"] in merged
    assert roles["new_source"] in {s.uuid for s in mine.sources.list()}
    # No duplicates: every claim once, plus the new one and the conflict's second version, less the deleted.
    assert len(merged) == before_count + 2
    assert len({(c.source_uuid, c.anchor.start, c.anchor.end, c.note, c.statement) for c in merged.values()}) == \
        len(merged)
    assert len(mine.sources.list()) == len({s.content_hash for s in mine.sources.list()})
    relation = next(r for r in mine.relations.list() if r.uuid == roles["relation_changed_there"])
    assert relation.note == "checked against customs data" and report.updated["relations"] == 1
    assert "Huawei Technologies Co., Ltd." in mine.entities.find("Huawei").aliases
    assert report.updated["entities"] == 1
    assert mine.db.integrity_problems() == []


def test_merging_two_copies_of_one_project_file(made_earlier, tmp_path, cli):
    mine_path = _copy(made_earlier, tmp_path / "mine.wbproj")
    theirs_path = _copy(made_earlier, tmp_path / "theirs.wbproj")
    with open_project(mine_path) as mine, open_project(theirs_path) as theirs:
        before = mine.claims.count()
        roles = _edits(mine, theirs)
    theirs_before = project_snapshot(theirs_path)
    code, out, err = cli("merge", mine_path, theirs_path, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert project_snapshot(theirs_path) == theirs_before  # the colleague's file is only read
    with open_project(mine_path) as mine:
        _check_merged(mine, SimpleNamespace(**report), roles, before - 1)
        again = merge_project_file(mine, theirs_path)  # once more: nothing new, nothing doubled
        assert again.added["claims"] == 0 and again.updated["claims"] == 0 and not again.conflicts


def test_merging_through_qdpx_exchanged_both_ways(made_earlier, tmp_path):
    """A sends a .qdpx to a colleague, who starts from it; later the colleague's .qdpx comes back."""
    mine_path = _copy(made_earlier, tmp_path / "mine.wbproj")
    sent, returned = tmp_path / "sent.qdpx", tmp_path / "returned.qdpx"
    with open_project(mine_path) as mine:
        sent.write_bytes(export_bytes(mine, "qdpx"))
        before = mine.claims.count()
        with create_project(tmp_path / "colleague.wbproj") as theirs:
            first = import_exchange_file(theirs, sent)
            assert first.added["claims"] == before
            roles = _edits(mine, theirs)
            returned.write_bytes(export_bytes(theirs, "qdpx"))
        report = import_exchange_file(mine, returned)
        _check_merged(mine, report, roles, before - 1)
        again = import_exchange_file(mine, returned)
        assert again.added["claims"] == 0 and not again.conflicts


def test_merge_refuses_the_project_itself_and_a_non_project(made_earlier, tmp_path, cli):
    mine = _copy(made_earlier, tmp_path / "mine.wbproj")
    code, _, err = cli("merge", mine, mine)
    assert code == 1 and "itself" in err
    other = tmp_path / "not-a-project.wbproj"
    other.write_text("hello")
    code, _, err = cli("merge", mine, other)
    assert code == 1 and "not a Research Workbench project" in err


def test_an_import_is_undone_and_redone_in_one_step(made_earlier, tmp_path):
    mine_path = _copy(made_earlier, tmp_path / "mine.wbproj")
    theirs_path = _copy(made_earlier, tmp_path / "theirs.wbproj")
    with open_project(mine_path) as mine, open_project(theirs_path) as theirs:
        _edits(mine, theirs)
        returned = tmp_path / "theirs.qdpx"
        returned.write_bytes(export_bytes(theirs, "qdpx"))
    before = project_snapshot(mine_path)
    with open_project(mine_path) as mine:
        bundle = read_exchange_file(mine, returned)
        command = ImportedExchange(bundle, apply_bundle(mine, bundle))
        assert command.report.added["claims"] and command.report.updated["claims"] and command.report.conflicts
        after = _claims(mine)
        command.undo(mine)
        assert mine.db.integrity_problems() == []
    assert project_snapshot(mine_path) == before
    with open_project(mine_path) as mine:
        command.do(mine)
        redone = _claims(mine)
        assert set(redone) - set(after) == {c.uuid for c in redone.values() if c.note == "colleague's note"} - \
            set(after)  # only the conflict's second claim has a new UUID on redo
        assert len(redone) == len(after)
