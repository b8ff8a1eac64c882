"""Qt-free edit commands and the storage methods behind undo, against real projects."""

import threading

import pytest

from tests.conftest import project_snapshot
from workbench.core.errors import InvalidInputError, WorkbenchError
from workbench.core.model import ClaimDraft, ClaimKind, Grading, LinkKind, SourceMeta
from workbench.services import commands
from workbench.services.annotate import add_claim_by_quote
from workbench.services.ingest import import_files
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.storage.claim_queries import ClaimQuery


@pytest.fixture
def sample(tmp_path):
    path = build_sample(tmp_path / "sample.wbproj")
    project = open_project(path)
    yield project
    project.close()


def _linked_claim(project):
    """A sample claim with tags, entities, a link and evidence for a relation or measure."""
    for claim in project.claims.list():
        conn = project.db.conn
        evidence = conn.execute("SELECT (SELECT count(*) FROM relation_evidence WHERE claim_id = ?) + "
                                "(SELECT count(*) FROM measure_evidence WHERE claim_id = ?)",
                                (claim.id, claim.id)).fetchone()[0]
        if claim.tags and claim.entities and project.claims.links(claim.id) and evidence:
            return claim
    raise AssertionError("the sample has no fully linked claim")


def test_delete_then_undo_restores_the_same_claim(sample):
    claim = _linked_claim(sample)
    before = project_snapshot(sample.path)
    links = sample.claims.links(claim.id)
    command = commands.DeleteClaim(claim.id)
    command.do(sample)
    assert claim.id not in {c.id for c in sample.claims.list()}
    assert project_snapshot(sample.path) != before
    command.undo(sample)
    assert sample.claims.get(claim.id) == claim
    assert sample.claims.links(claim.id) == links
    assert project_snapshot(sample.path) == before
    assert [h.id for h in sample_search(sample, claim.anchor.quote.split()[0]) if h.kind == "claim"]


def sample_search(project, word):
    from workbench.services.search import search
    return search(project, word, limit=200)


def test_restore_twice_is_refused_and_changes_nothing(sample):
    claim = sample.claims.list()[0]
    snapshot = sample.claims.snapshot(claim.id)
    before = project_snapshot(sample.path)
    with pytest.raises(InvalidInputError, match="already exists"):
        sample.claims.restore(snapshot)
    assert project_snapshot(sample.path) == before


def test_create_undo_redo_keeps_identity(sample):
    source = sample.sources.list()[0]
    text = sample.sources.text(source.id)
    command = commands.CreateClaim(source.id, 0, 10)
    command.do(sample)
    created = sample.claims.get(command.claim_id)
    assert created.anchor.quote == text[:10]
    command.undo(sample)
    with pytest.raises(WorkbenchError):
        sample.claims.get(command.claim_id)
    command.do(sample)
    assert sample.claims.get(command.claim_id) == created


def test_bad_span_fails_with_nothing_changed(sample):
    source = sample.sources.list()[0]
    before = project_snapshot(sample.path)
    with pytest.raises(InvalidInputError, match="outside the text"):
        commands.CreateClaim(source.id, 5, 10**7).do(sample)
    assert project_snapshot(sample.path) == before


def test_edit_claim_undo_restores_tags_entities_and_grading(sample):
    claim = sample.claims.list()[0]
    command = commands.edit_claim(sample, claim.id, statement="New words", kind=ClaimKind.FORECAST,
                                  tags=("brand/new",), entities=("Someone New",), grading=Grading("B", 2))
    assert "statement" in command.text and "tags" in command.text
    command.do(sample)
    edited = sample.claims.get(claim.id)
    assert (edited.statement, edited.tags, edited.entities, edited.grading.code) == (
        "New words", ("brand/new",), ("Someone New",), "B2")
    command.undo(sample)
    again = sample.claims.get(claim.id)
    assert commands.draft_of(again) == commands.draft_of(claim)


def test_link_and_source_edit_undo(sample):
    a, b = sample.claims.list()[:2]
    link = commands.LinkClaims(a.id, b.id, LinkKind.CONTRADICTS)
    link.do(sample)
    assert any(k.kind == LinkKind.CONTRADICTS for k in sample.claims.links(a.id))
    link.undo(sample)
    assert not any(k.kind == LinkKind.CONTRADICTS and k.to_claim == b.id for k in sample.claims.links(a.id))
    source = sample.sources.list()[0]
    edit = commands.EditSource(source.id, (source.meta, source.reliability),
                               (SourceMeta("Renamed note", publisher="Desk"), "C"))
    edit.do(sample)
    assert sample.sources.get(source.id).title == "Renamed note"
    assert [h for h in sample_search(sample, "renamed") if h.kind == "source"]
    edit.undo(sample)
    assert sample.sources.get(source.id) == source
    with pytest.raises(InvalidInputError, match="needs a title"):
        sample.sources.update_meta(source.id, SourceMeta(" "), None)


def test_import_undo_and_redo(sample, text_files):
    before = project_snapshot(sample.path)
    results = import_files(sample, text_files.values())
    command = commands.ImportedSources([r.source.id for r in results if r.status == "imported"])
    after = project_snapshot(sample.path)
    command.do(sample)  # the import already happened: nothing more to do
    assert project_snapshot(sample.path) == after
    command.undo(sample)
    assert project_snapshot(sample.path) == before
    command.do(sample)
    assert project_snapshot(sample.path) == after


def test_query_ids_filters_and_sorts(sample):
    all_ids = sample.claims.query_ids(ClaimQuery())
    assert len(all_ids) == sample.claims.count()
    statistics = sample.claims.query_ids(ClaimQuery(kind="statistic"))
    assert statistics and all(c.kind == ClaimKind.STATISTIC for c in sample.claims.get_many(statistics))
    by_quote = sample.claims.get_many(sample.claims.query_ids(ClaimQuery(sort="quote", descending=True)))
    latin = [c.anchor.quote.lower() for c in by_quote if c.anchor.quote.isascii()]  # NOCASE folds ASCII only
    assert len(latin) > 5 and latin == sorted(latin, reverse=True)
    word = by_quote[0].anchor.quote.split()[0]
    found = sample.claims.get_many(sample.claims.query_ids(ClaimQuery(text=word[:-1] if len(word) > 3 else word)))
    assert by_quote[0] in found
    assert sample.claims.query_ids(ClaimQuery(text="zzzqqq")) == []
    with pytest.raises(InvalidInputError):
        sample.claims.query_ids(ClaimQuery(sort="nonsense"))


@pytest.mark.parametrize("sort", ["quote", "statement", "kind", "source", "tags", "entities", "grading", "created",
                                  "position"])
def test_every_sort_runs_both_ways_and_descending_is_ascending_reversed(sample, sort):
    """Each sort term gets its own DESC (a term holding commas, coalesce(a, b), was once cut in two)."""
    from workbench.storage.claim_queries import claim_sort_keys
    ascending = sample.claims.query_ids(ClaimQuery(sort=sort))
    descending = sample.claims.query_ids(ClaimQuery(sort=sort, descending=True))
    assert descending == ascending[::-1]
    keys = claim_sort_keys(sample.db.conn, sort, ascending)
    assert sorted(ascending, key=keys.__getitem__) == ascending


def test_worker_thread_writes_under_the_windows_lock(sample, text_files):
    results = []

    def work():
        worker_project = sample.for_thread()
        try:
            results.extend(import_files(worker_project, list(text_files.values())[:2]))
        finally:
            worker_project.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert [r.status for r in results] == ["imported", "imported"]
    assert sample.db.writable  # closing the worker's connection left the lock in place
    add_claim_by_quote(sample, results[0].source.uuid, "Export controls", commands.ClaimDraft())


def test_source_delete_and_restore_keeps_pages_and_removed_blocks(sample):
    from workbench.core.model import RemovedBlock

    text = "Page one text.\nPage two text."
    source = sample.sources.add(SourceMeta("paged"), text, text.encode(), "application/pdf",
                                page_starts=[0, 15], removed=[RemovedBlock(1, 14, "Share this!", "teaser")])
    snapshot = sample.sources.snapshot(source.id)
    sample.sources.delete(source.id)
    assert sample.sources.page_starts(source.id) == []
    sample.sources.restore(snapshot)
    assert sample.sources.page_starts(source.id) == [0, 15]
    assert [b.text for b in sample.sources.removed_blocks(source.id)] == ["Share this!"]


def _source_state(project, source_id):
    source = project.sources.get(source_id)
    return (project.sources.text(source_id), project.sources.page_starts(source_id),
            project.sources.removed_blocks(source_id), source.content_hash)


def test_restore_removed_block_undo_and_redo(tmp_path):
    from tests import ingest_inputs as inputs

    path = tmp_path / "india.txt"
    path.write_text(inputs.promo_text(), encoding="utf-8")
    project = open_project(build_sample(tmp_path / "p.wbproj"))
    source = import_files(project, [path])[0].source
    before = _source_state(project, source.id)
    promo = next(b for b in before[2] if inputs.PROMO in b.text)
    command = commands.RestoreRemovedBlock(source.id, promo.seq)
    command.do(project)
    restored = _source_state(project, source.id)
    assert inputs.PROMO in restored[0][promo.position:promo.position + len(promo.text)]
    assert [b.seq for b in restored[2]] == [b.seq for b in before[2] if b.seq != promo.seq]
    command.undo(project)
    assert _source_state(project, source.id) == before
    command.do(project)  # redo
    assert _source_state(project, source.id) == restored
    from workbench.services.search import search
    assert any(hit.source_id == source.id for hit in search(project, "CHIPS30"))  # searchable again
    project.close()


def test_restore_removed_block_with_claims_moves_them_and_undo_moves_them_back(tmp_path):
    from tests import ingest_inputs as inputs

    path = tmp_path / "india.txt"
    path.write_text(inputs.promo_text(), encoding="utf-8")
    project = open_project(build_sample(tmp_path / "p.wbproj"))
    source = import_files(project, [path])[0].source
    claim = add_claim_by_quote(project, source.uuid, inputs.ARTICLE_PARAGRAPHS[4][:40], ClaimDraft())
    text_before = project.sources.text(source.id)
    command = commands.RestoreRemovedBlock(source.id, 1)
    command.do(project)
    moved = project.claims.get(claim.id).anchor
    assert moved.start > claim.anchor.start and moved.quote == claim.anchor.quote
    assert project.db.integrity_problems() == []
    command.undo(project)
    assert project.claims.get(claim.id).anchor.start == claim.anchor.start
    assert project.sources.text(source.id) == text_before and len(project.sources.removed_blocks(source.id)) == 7
    project.close()


def _plain_source(project, text, title="plain"):
    return project.sources.add(SourceMeta(title), text, text.encode(), "text/plain")


def _deleted_claim(project):
    """A new source and the done DeleteClaim of a claim made in it."""
    source = _plain_source(project, "Alpha beta gamma.")
    create = commands.CreateClaim(source.id, 6, 10)
    create.do(project)
    delete = commands.DeleteClaim(create.claim_id)
    delete.do(project)
    return source, delete


def test_undo_of_a_claim_delete_refuses_when_the_text_has_changed_since(sample):
    source, delete = _deleted_claim(sample)
    sample.sources.replace_text(source.id, "Zeta beta gamma, longer.", (), ())
    before = project_snapshot(sample.path)
    with pytest.raises(InvalidInputError, match="text has changed"):
        delete.undo(sample)
    assert project_snapshot(sample.path) == before
    assert sample.db.integrity_problems() == []


def test_undo_of_a_claim_delete_after_its_source_went_is_a_clear_error(sample):
    source, delete = _deleted_claim(sample)
    sample.sources.delete(source.id)
    before = project_snapshot(sample.path)
    with pytest.raises(WorkbenchError, match="source has been deleted"):
        delete.undo(sample)
    assert project_snapshot(sample.path) == before


def test_adding_or_restoring_a_source_with_a_text_already_present_is_a_clear_error(sample):
    first = _plain_source(sample, "The same words.")
    _plain_source(sample, "A later source, so the first one's row id is not reused.", "later")
    snapshot = sample.sources.snapshot(first.id)
    with pytest.raises(InvalidInputError, match=f"{first.uuid[:8]}.*already has exactly this text"):
        _plain_source(sample, "The same words.", "again")
    sample.sources.delete(first.id)
    _plain_source(sample, "The same words.", "again")
    before = project_snapshot(sample.path)
    with pytest.raises(InvalidInputError, match="already has exactly this text"):
        sample.sources.restore(snapshot)
    assert project_snapshot(sample.path) == before


def test_linking_an_already_linked_pair_undoes_to_the_old_link(sample):
    first, second = sample.claims.list()[:2]
    sample.claims.link(first.id, second.id, LinkKind.CONTRADICTS, "original note")
    command = commands.LinkClaims(first.id, second.id, LinkKind.CONTRADICTS, "new note")
    command.do(sample)
    assert [link.note for link in sample.claims.links(first.id) if link.to_claim == second.id] == ["new note"]
    command.undo(sample)
    assert [link.note for link in sample.claims.links(first.id) if link.to_claim == second.id] == ["original note"]
    command.do(sample)  # redo
    command.undo(sample)
    assert [link.note for link in sample.claims.links(first.id) if link.to_claim == second.id] == ["original note"]


def test_an_undone_import_keeps_no_source_bytes_in_the_undo_history(tmp_path):
    """The undo stack holds ids and small rows; the source row waits in SQLite's TEMP database."""
    from workbench.core.model import SourceMeta
    from workbench.services import commands
    from workbench.services.project import create_project

    project = create_project(tmp_path / "p.wbproj")
    text = "Sber's GigaChat runs on imported accelerators. " * 20_000  # about a megabyte
    source = project.sources.add(SourceMeta("Long"), text, text.encode(), "text/plain")
    step = commands.ImportedSources([source.id])
    commands.perform(project, step, undo=True)
    assert project.sources.count() == 0

    def sizes(value):
        if isinstance(value, (bytes, str)):
            yield len(value)
        elif isinstance(value, (tuple, list)):
            for item in value:
                yield from sizes(item)
        elif hasattr(value, "__slots__") or hasattr(value, "__dataclass_fields__"):
            for name in getattr(value, "__dataclass_fields__", {}):
                yield from sizes(getattr(value, name))

    assert max(sizes(step._removed), default=0) < 1000
    commands.perform(project, step)
    assert project.sources.text(source.id) == text and project.sources.original(source.id) == text.encode()
    assert project.db.integrity_problems() == []
    project.close()


def test_a_refused_first_journalled_edit_leaves_later_ones_working(tmp_path):
    """The undo journal is set up inside the first journalled edit's transaction; a refusal rolled it back
    and every later journalled edit of the session failed with "no such table: temp.wb_journal"."""
    from workbench.core.errors import WorkbenchError
    from workbench.services import commands
    from workbench.services.project import create_project
    from workbench.services.search.saved import delete_command, list_saved, save_command

    with create_project(tmp_path / "p.wbproj") as project:
        with pytest.raises(WorkbenchError):
            commands.perform(project, delete_command("never saved"))
        save = save_command("chips", "chips AND export")
        commands.perform(project, save)
        assert [s.name for s in list_saved(project)] == ["chips"]
        commands.perform(project, save, undo=True)
        assert list_saved(project) == []
