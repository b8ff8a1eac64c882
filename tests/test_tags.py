"""Tag manager services: rename, move, merge, delete, colour; each one undoable step that names every claim
whose tags now read differently (sub-tags' claims included), and the CLI over them."""

from dataclasses import replace

import pytest

from workbench.core.errors import InvalidInputError, NotFoundError
from workbench.services import commands, tags
from workbench.services.project import open_project
from workbench.services.sample import build_sample


@pytest.fixture
def project(tmp_path):
    with open_project(build_sample(tmp_path / "sample.wbproj")) as opened:
        yield opened


def _claims_with(project, path):
    return {c.id for c in project.claims.list() if path in c.tags}


def _paths(project):
    return [t.path for t in project.tags.list()]


def _run(project, text, edit):
    command = commands.JournalledEdit(text, edit)
    changes = commands.perform(project, command)
    return command, changes


def test_counts_give_own_claims_and_subtree_totals(project):
    counts = {c.tag.path: c for c in tags.tag_counts(project)}
    russia, china = _claims_with(project, "region/russia"), _claims_with(project, "region/china")
    own = _claims_with(project, "region")
    assert counts["region/russia"].own == len(russia) > 0
    assert counts["region"].own == len(own)
    assert counts["region"].with_subtags == len(own | russia | china)
    assert counts["region/russia"].depth == 1 and counts["region"].depth == 0
    order = [c.tag.path for c in tags.tag_counts(project)]
    assert order.index("region") < order.index("region/china") < order.index("region/russia")


def test_renaming_a_parent_names_its_subtags_claims_and_undoes_as_one_step(project):
    russia = _claims_with(project, "region/russia")
    command, changes = _run(project, "Rename", lambda p: tags.rename_tag(p, "region", "Geography"))
    assert "geography/russia" in [p.lower() for p in _paths(project)]
    assert russia <= changes.claims.changed  # claims of the sub-tag read differently too
    assert all("Geography/russia" in project.claims.get(c).tags for c in russia)
    assert command.result.claims >= russia
    undone = commands.perform(project, command, undo=True)
    assert "region/russia" in _paths(project) and "Geography" not in _paths(project)
    assert russia <= undone.claims.changed
    redone = commands.perform(project, command)
    assert "Geography/russia" in _paths(project) and russia <= redone.claims.changed


def test_rename_refuses_a_sibling_name_and_a_path(project):
    with pytest.raises(InvalidInputError, match="already a tag"):
        tags.rename_tag(project, "region/russia", "China")
    with pytest.raises(InvalidInputError, match="one level"):
        tags.rename_tag(project, "region/russia", "a/b")
    with pytest.raises(NotFoundError, match="no tag"):
        tags.rename_tag(project, "nowhere", "x")
    tags.rename_tag(project, "region/russia", "Russia")  # its own name in another case is fine
    assert "region/Russia" in _paths(project)


def test_move_reparents_with_subtags_and_refuses_a_cycle(project):
    gpu = _claims_with(project, "compute/gpu")
    command, changes = _run(project, "Move", lambda p: tags.move_tag(p, "compute", "semiconductors"))
    assert "semiconductors/compute/gpu" in _paths(project)
    assert gpu <= changes.claims.changed
    with pytest.raises(InvalidInputError, match="under itself"):
        tags.move_tag(project, "semiconductors", "semiconductors/compute")
    commands.perform(project, command, undo=True)
    assert "compute/gpu" in _paths(project)
    tags.move_tag(project, "region/russia", None)
    assert "russia" in _paths(project)


def test_merge_moves_claims_and_subtags_and_undo_brings_the_tag_back(project):
    before = {c.id: c.tags for c in project.claims.list()}
    evasion, us = _claims_with(project, "export-controls/evasion"), _claims_with(project, "export-controls/us")
    command, changes = _run(project, "Merge",
                            lambda p: tags.merge_tags(p, "export-controls/evasion", "export-controls/us"))
    assert "export-controls/evasion" not in _paths(project)
    assert _claims_with(project, "export-controls/us") == evasion | us
    assert evasion <= changes.claims.changed
    with pytest.raises(InvalidInputError, match="own sub-tag"):
        tags.merge_tags(project, "region", "region/china")
    commands.perform(project, command, undo=True)
    assert {c.id: c.tags for c in project.claims.list()} == before


def test_merge_folds_namesake_subtags_together(project):
    project.tags.ensure("place/russia")
    claim = project.claims.list()[0]
    project.claims.update(claim.id, replace(commands.draft_of(claim), tags=("place/russia", "place/arctic")))
    tags.merge_tags(project, "place", "region")
    assert {"region/russia", "region/arctic"} <= set(project.claims.get(claim.id).tags)
    assert not [p for p in _paths(project) if p.startswith("place")]


def test_delete_says_what_it_does_then_undo_restores_every_claims_tags(project):
    before = {c.id: c.tags for c in project.claims.list()}
    impact = tags.delete_impact(project, "region")
    in_region = _claims_with(project, "region") | _claims_with(project, "region/russia") | _claims_with(
        project, "region/china")
    assert (impact.claims, impact.subtags) == (len(in_region), 2)
    assert f"{len(in_region)} claims will lose it" in impact.describe()
    command, changes = _run(project, "Delete", lambda p: tags.delete_tag(p, "region"))
    assert not [p for p in _paths(project) if p.startswith("region")]
    assert in_region <= changes.claims.changed
    assert project.claims.count() == len(before)  # the claims stay
    commands.perform(project, command, undo=True)
    assert {c.id: c.tags for c in project.claims.list()} == before
    commands.perform(project, command)
    assert not _claims_with(project, "region/russia")


def test_colour_paints_claims_of_the_tag_and_of_subtags_without_their_own(project):
    russia = _claims_with(project, "region/russia")
    source_id = project.claims.get(next(iter(russia))).source_id
    command, changes = _run(project, "Colour", lambda p: tags.set_tag_colour(p, "region", "#2E86DE"))
    assert russia <= changes.claims.changed
    styles = {span[0]: span[3] for span in project.claims.spans(source_id)}
    assert all(styles[c] == "#2e86de" for c in russia if c in styles)
    tags.set_tag_colour(project, "region/russia", "f00")
    styles = {span[0]: span[3] for span in project.claims.spans_of(source_id, russia)}
    assert set(styles.values()) == {"#ff0000"}
    with pytest.raises(InvalidInputError, match="bad colour"):
        tags.set_tag_colour(project, "region", "blue-ish")
    commands.perform(project, command, undo=True)  # the first step: region loses its colour
    kinds = {c.id: c.kind.value for c in project.claims.list()}
    untagged_red = [s for s in project.claims.spans(source_id) if s[0] not in russia]
    assert all(style == kinds[claim_id] or style.startswith("#") for claim_id, _, _, style in untagged_red)


def test_cli_lists_and_edits_tags(project, cli):
    path = str(project.path)
    project.close()
    code, out, _ = cli("tag", "list", path)
    assert code == 0 and "region/russia" in out
    assert cli("tag", "rename", path, "region/russia", "russian-federation")[0] == 0
    assert cli("tag", "move", path, "region/russian-federation", "--top")[0] == 0
    assert cli("tag", "color", path, "russian-federation", "#aa3300")[0] == 0
    assert cli("tag", "merge", path, "region/china", "russian-federation")[0] == 0
    code, out, _ = cli("tag", "list", path, "--json")
    assert code == 0 and '"path": "russian-federation"' in out and '"color": "#aa3300"' in out
    code, out, _ = cli("tag", "delete", path, "russian-federation")
    assert code == 0 and "lost it" in out
    code, _, err = cli("tag", "delete", path, "no/such/tag")
    assert code == 1 and "no tag" in err
