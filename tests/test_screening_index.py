"""The screening index at scale: the same candidates as filing every name's keys one by one, kept
between runs (in memory and in the cache folder) and rebuilt whenever the lists change."""

import math
import threading
from collections import defaultdict

from tests import test_screening
from tests.test_lists import OWN, SHARED
from workbench.core.model import EntityKind
from workbench.core.names import (
    blocking_key_columns,
    blocking_keys,
    name_key,
    phonetic,
    phonetic_many,
    prepare_key,
    prepare_name,
)
from workbench.services import screening
from workbench.services.project import create_project, open_project
from workbench.services.screening import index_cache
from workbench.services.screening.lists import import_list
from workbench.storage.lists import ListRepository

project = test_screening.project  # the fixture: a project with the OFAC, CSL, OpenSanctions and EU sample lists
QUERIES = ["Дмитрий Юрьевич Хорошев", "MSP Bank", "АО «Байкал Электроникс»", "Baikal", "Elbrus Hotel", "Ivan Ivanov",
           "Hesa Trade Center", "Sberbank of Russia", "Евросибэнерго", "Πούτιν", "Kovačević Vladimir", "1100 Bank"]


def listed_tokens(project):
    return sorted({t for k, in project.db.conn.execute("SELECT name_key FROM list_entry_name") for t in k.split()})


def test_batch_phonetics_and_blocking_keys_equal_the_one_by_one_ones(project):
    tokens = listed_tokens(project) + ["1100", "bank", "co", "ee", "tschee", "pooutine", "a", "kh", "eeeee", "x"]
    sounds = phonetic_many(tokens)
    assert sounds == [phonetic(t) for t in tokens]
    columns = blocking_key_columns(sounds)
    for number, sound in enumerate(sounds):
        assert {c[number] for c in columns} - {""} == set(blocking_keys(sound)), sound


def reference_candidates(rows, query, limit=40):
    """Every name's blocking keys filed one by one, and the votes counted name by name."""
    blocks = defaultdict(set)
    for position, (_entry, key) in enumerate(rows):
        for token in key.split():
            for block in blocking_keys(phonetic(token)):
                blocks[block].add(position)
    significant = [p for p, w in zip(query.phonetic, query.weights, strict=True) if w >= 0.5]
    keys = {k for token in significant or query.phonetic for k in blocking_keys(token)}
    postings = sorted((blocks[k] for k in keys if k in blocks), key=len)
    if not postings:
        return []
    usable = [p for p in postings if len(p) <= max(2000, len(rows) // 50)] or postings[:1]
    votes = defaultdict(float)
    for posting in usable:
        for position in posting:
            votes[position] += 1.0 / math.log2(2 + len(posting))
    return sorted(votes, key=lambda p: (-round(votes[p], 9), p))[:limit]


def test_index_offers_the_candidates_of_the_name_by_name_reference(project):
    rows = project.db.conn.execute("SELECT entry_id, name_key FROM list_entry_name ORDER BY entry_id, name").fetchall()
    index = screening.build_index(project)
    assert len(index) == len(rows)
    for text in QUERIES:
        query = prepare_name(text)
        assert set(index.candidates(query)) == set(reference_candidates(rows, query)), text
    position = index.candidates(prepare_name("Hesa Trade Center"))[0]
    name, key = project.db.conn.execute("SELECT name, name_key FROM list_entry_name ORDER BY entry_id, name "
                                        "LIMIT 1 OFFSET ?", (position,)).fetchone()
    assert index.names[position] == name and index.prepared(position) == prepare_key(name, key)
    assert key == name_key(name)
    entry = index.entry_ids[position]
    assert all(index.entry_ids[p] == entry for p in index.entry_positions(position))


def test_index_is_kept_between_runs_and_rebuilt_when_a_list_changes(project, tmp_path):
    first = screening.build_index(project)
    assert screening.build_index(project) is first  # nothing changed: the same index
    assert index_cache.cache_file(project).is_file()
    index_cache.forget(project)
    loaded = screening.build_index(project)  # as a new process would: read from the cache file
    assert loaded is not first and len(loaded) == len(first)
    for text in QUERIES:
        assert loaded.candidates(prepare_name(text)) == first.candidates(prepare_name(text))
    import_list(project, [OWN / "uk_sanctions_list.csv"], "uk")
    grown = screening.build_index(project)
    assert len(grown) > len(first)
    uk = ListRepository(project.db).find("UK Sanctions List").id
    assert grown.names_per_list()[uk] > 0


def test_a_damaged_cache_file_is_rebuilt_and_screening_still_finds_matches(project):
    screening.build_index(project)
    index_cache.forget(project)
    index_cache.cache_file(project).write_bytes(b"PK\x03\x04 not a real archive")
    project.entities.add("Дмитрий Юрьевич Хорошев", EntityKind.PERSON)
    found = screening.run_screening(project)
    assert any(c.entry_key == "48603" and c.strong for c in found)


def test_a_cache_from_other_lists_is_not_used(tmp_path):
    """The signature covers the lists: a file left from a project's earlier lists is not read as theirs."""
    path = tmp_path / "reused.wbproj"
    with create_project(path) as first:
        import_list(first, [SHARED / "csl-sample" / "consolidated.csv"], "csl")
        screening.build_index(first)
    index_cache.forget_all()
    path.unlink()
    with create_project(path) as second:  # the same path, other lists
        import_list(second, [OWN / "targets.simple.csv"], "opensanctions-csv")
    index_cache.forget_all()
    with open_project(path, writable=False) as reader:
        index = screening.build_index(reader)
        assert len(index) == reader.db.conn.execute("SELECT count(*) FROM list_entry_name").fetchone()[0]


def test_the_import_files_names_at_once_and_each_thread_reads_names_through_its_own_connection(project):
    assert index_cache.cache_file(project).is_file()  # written by the import, before any screening
    index = screening.build_index(project)
    index._loaded.clear()
    seen = {}

    def screen_elsewhere():
        with open_project(project.path, writable=False) as reader:
            kept = screening.build_index(reader)
            seen.update(same=kept is index, name=kept.names[0])

    worker = threading.Thread(target=screen_elsewhere)
    worker.start()
    worker.join()
    index._loaded.clear()  # read again, in this thread: through this thread's connection, not the closed one
    assert seen == {"same": True, "name": index.names[0]}
