import sqlite3

import pytest

from workbench.core.anchoring import anchor_quote
from workbench.core.errors import InvalidInputError, ProjectFileError, ProjectLockedError, WorkbenchError
from workbench.core.model import ClaimDraft, Grading, SourceMeta
from workbench.services.project import create_project, open_project
from workbench.storage.database import ProjectDatabase
from workbench.storage.schema import APPLICATION_ID, SCHEMA_VERSION

from .conftest import file_digest, project_snapshot


def _add_source(project, text="Alpha beta gamma. Delta.", title="T"):
    return project.sources.add(SourceMeta(title), text, text.encode(), "text/plain")


def test_new_project_has_schema_wal_and_uuid(tmp_path):
    with create_project(tmp_path / "p", "My title") as project:
        assert project.path.name == "p.wbproj"
        conn = project.db.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert project.title == "My title"
        assert len(project.db.info("uuid")) == 36


def test_create_refuses_existing_file(tmp_path):
    target = tmp_path / "x.wbproj"
    target.write_text("keep me")
    with pytest.raises(ProjectFileError, match="already exists"):
        create_project(target)
    assert target.read_text() == "keep me"


def test_every_object_gets_a_distinct_uuid(tmp_path):
    with create_project(tmp_path / "p") as project:
        source = _add_source(project)
        text = project.sources.text(source.id)
        claims = [project.claims.add(source.id, anchor_quote(text, q), ClaimDraft(entities=("Sber",), tags=("a/b",)))
                  for q in ("Alpha", "Delta")]
        entity = project.entities.find("sber")
        uuids = {source.uuid, entity.uuid, *(c.uuid for c in claims), *(t.uuid for t in project.tags.list())}
        assert len(uuids) == 6 and all(len(u) == 36 for u in uuids)


def test_second_writer_is_told_and_readers_still_work(tmp_path):
    with create_project(tmp_path / "p") as project:
        _add_source(project)
        with pytest.raises(ProjectLockedError, match="open in another"):
            open_project(project.path)
        with open_project(project.path, writable=False) as reader:
            assert reader.sources.count() == 1
            with pytest.raises(WorkbenchError, match="read-only"):
                _add_source(reader, "other text")
    with open_project(tmp_path / "p.wbproj") as again:  # the lock is released on close
        assert again.sources.count() == 1


def test_failed_edit_rolls_back_whole_transaction(tmp_path):
    with create_project(tmp_path / "p") as project:
        source = _add_source(project)
        before = project_snapshot(project.path)
        text = project.sources.text(source.id)
        with pytest.raises(InvalidInputError):
            project.claims.add(source.id, anchor_quote(text, "Alpha"),
                               ClaimDraft(tags=("fine/tag",), grading=Grading(credibility=9)))
        with pytest.raises(sqlite3.IntegrityError):
            with project.db.transaction() as conn:
                project.tags.ensure("made/inside")
                conn.execute("INSERT INTO claim (uuid, source_id, start, end, quote, created_at, modified_at) "
                             "VALUES ('x', ?, 5, 2, 'bad', '', '')", (source.id,))
        assert project.tags.find("made/inside") is None
        assert project_snapshot(project.path) == before


def test_newer_schema_is_refused_and_file_unchanged(tmp_path):
    path = tmp_path / "future.wbproj"
    create_project(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    digest = file_digest(path)
    for writable in (True, False):
        with pytest.raises(ProjectFileError, match="newer Research Workbench"):
            ProjectDatabase.open(path, writable=writable)
    assert file_digest(path) == digest


@pytest.mark.parametrize("content, message", [
    (b"", "not an SQLite database"),
    (b"hello, this is not a database at all" * 10, "not an SQLite database"),
])
def test_non_database_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.wbproj"
    path.write_bytes(content)
    with pytest.raises(ProjectFileError, match=message):
        open_project(path)
    assert path.read_bytes() == content


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.wbproj"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    digest = file_digest(path)
    with pytest.raises(ProjectFileError, match="another program"):
        open_project(path)
    assert file_digest(path) == digest


def damage(path):
    """Overwrite a page in the middle of the file, as a bad disk or a partial copy would."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page: 3 * page] = b"\xde\xad\xbe\xef" * (page // 4)
    path.write_bytes(bytes(data))


def test_damaged_project_is_refused_and_unchanged(tmp_path):
    path = tmp_path / "d.wbproj"
    with create_project(path) as project:
        _add_source(project, "word " * 5000)
    damage(path)
    digest = file_digest(path)
    with pytest.raises(ProjectFileError, match="damaged"):
        open_project(path)
    assert file_digest(path) == digest


def test_directory_and_missing_paths(tmp_path):
    with pytest.raises(ProjectFileError, match="is a folder"):
        open_project(tmp_path)
    with pytest.raises(ProjectFileError, match="no such project"):
        open_project(tmp_path / "missing.wbproj")


def test_integrity_check_finds_moved_quote(tmp_path):
    with create_project(tmp_path / "p") as project:
        source = _add_source(project)
        claim = project.claims.add(source.id, anchor_quote(project.sources.text(source.id), "beta"), ClaimDraft())
        assert project.db.integrity_problems() == []
        with project.db.transaction() as conn:
            conn.execute("UPDATE source SET text = 'Alpha BETA gamma. Delta.' WHERE id = ?", (source.id,))
        assert project.db.integrity_problems() == [f"claim {claim.uuid}: quote no longer matches the source text"]


def test_integrity_check_finds_a_search_index_out_of_step(tmp_path, cli):
    from workbench.storage import search_index

    with create_project(tmp_path / "p") as project:
        source = _add_source(project, "Alpha beta gamma. 中文字符。")
        claim = project.claims.add(source.id, anchor_quote(project.sources.text(source.id), "beta"),
                                   ClaimDraft(statement="old words"))
        assert project.db.integrity_problems() == []
        # An index entry rewritten with other values than the row holds (an edit that missed the index).
        with project.db.transaction() as conn:
            search_index.index_claim(conn, claim.id, "beta", "old words", "", delete=True)
            search_index.index_claim(conn, claim.id, "beta", "new words", "")
        assert project.db.integrity_problems() == [
            "search index claim_words does not match the project's text; it needs rebuilding",
            "search index claim_trigrams does not match the project's text; it needs rebuilding"]
        before = project_snapshot(project.path)
    code, out, err = cli("check", tmp_path / "p.wbproj")
    assert code == 1 and "search index claim_words does not match" in err
    assert project_snapshot(tmp_path / "p.wbproj") == before


def test_claim_constraints_guard_the_anchor(tmp_path):
    with create_project(tmp_path / "p") as project:
        source = _add_source(project)
        with pytest.raises(sqlite3.IntegrityError):
            with project.db.transaction() as conn:
                conn.execute("INSERT INTO claim (uuid, source_id, start, end, quote, created_at, modified_at) "
                             "VALUES ('u', ?, 0, 5, 'too long quote', '', '')", (source.id,))


def test_tags_are_hierarchical_and_case_insensitive(tmp_path):
    with create_project(tmp_path / "p") as project:
        leaf = project.tags.ensure("Регион/Россия")
        assert project.tags.ensure("регион/РОССИЯ") == leaf
        project.tags.ensure("регион/китай")
        assert [t.path for t in project.tags.list()] == ["Регион", "Регион/китай", "Регион/Россия"]
        assert len(project.tags.subtree_ids("РЕГИОН")) == 3
        with pytest.raises(InvalidInputError):
            project.tags.ensure("a//b")


def test_decomposed_names_find_the_same_entity_and_tag(tmp_path, cli):
    from workbench.core.model import EntityKind

    with create_project(tmp_path / "p") as project:
        source = _add_source(project, "Café Noir buys chips.")
        project.entities.add("Café Noir", EntityKind.COMPANY)
        project.tags.ensure("région/russie")
        assert project.entities.find("Cafe\u0301 Noir").name == "Café Noir"
        assert project.tags.find("re\u0301gion/russie").path == "région/russie"
        source_id = source.uuid
    code, out, err = cli("claim", "add", tmp_path / "p.wbproj", "--source", source_id, "--quote", "buys chips",
                         "--entity", "Cafe\u0301 noir", "--tag", "re\u0301gion")
    assert code == 0, err
    with open_project(tmp_path / "p.wbproj") as project:
        assert [e.name for e in project.entities.list()] == ["Café Noir"]
        assert [t.path for t in project.tags.list()] == ["région", "région/russie"]


def test_entities_found_by_alias_in_any_case(tmp_path):
    with create_project(tmp_path / "p") as project:
        sber = project.entities.add("Sber", aliases=("Сбербанк", "Sberbank"))
        assert project.entities.find("СБЕРБАНК").id == sber.id
        assert project.entities.find("sber").id == sber.id
        assert project.entities.find("Yandex") is None


def test_new_project_refuses_a_leftover_journal_of_the_same_name(tmp_path):
    """A killed session can leave NAME.wbproj-wal behind; SQLite would replay it into a new NAME.wbproj."""
    import shutil

    path = tmp_path / "p.wbproj"
    project = create_project(path)
    _add_source(project, "Old work that lives in the write-ahead log.")
    wal = path.with_name(path.name + "-wal")
    assert wal.stat().st_size > 0
    shutil.copy(wal, tmp_path / "saved-wal")
    project.close()
    path.unlink()
    shutil.copy(tmp_path / "saved-wal", wal)
    with pytest.raises(ProjectFileError, match="leftover p.wbproj-wal"):
        create_project(path)
    assert not path.exists() and wal.exists()


def test_a_commit_that_fails_is_rolled_back_and_later_edits_work(tmp_path):
    with create_project(tmp_path / "p") as project:
        source = _add_source(project)
        before = project_snapshot(project.path)
        with pytest.raises(sqlite3.IntegrityError):
            with project.db.transaction() as conn:
                conn.execute("PRAGMA defer_foreign_keys = ON")  # the bad row is refused only at COMMIT
                conn.execute("INSERT INTO claim_tag (claim_id, tag_id) VALUES (999, 999)")
        assert not project.db.conn.in_transaction
        assert project_snapshot(project.path) == before
        project.sources.update_meta(source.id, SourceMeta("Renamed"), None)
        assert project.sources.get(source.id).title == "Renamed"
