"""Search benchmark: latency per query form against the bare FTS5 query on the same index,
the time to list 100,000 occurrences, and the KWIC table's first screenful.

Two floors are timed for each query. "FTS5 ids": the MATCH alone, returning the ids of the
sources that hold a match (no place in the text, nothing to show). "FTS5 highlight": FTS5
finding the same first 200 occurrences by itself, as a program without our search layer
would: the MATCH over the same folded texts and tokenizers, with ``highlight()`` marking
every occurrence in each matching text, read source by source until 200 are marked. The
project's indexes are contentless (they keep no copy of the text), where ``highlight()``
cannot run, so the bench keeps beside the project an FTS5 index with external content built
from the same folded texts, once.

    python -m workbench.bench search [SOURCES] [KB_PER_SOURCE] [--fresh]
    python -m workbench.bench search --lists NAMES     (searching with an imported list of NAMES names)

The default (1,000 sources of 50 KB, English, Russian and Chinese) is the issue's 50 MB
target; smaller figures give a quick run. The corpus is built once and the project kept
under /tmp (``--fresh`` builds it again, and only a build reports import throughput and
index size). Text is not uniform noise, where every word is in every source and the index
could not narrow anything: each language has a Zipf-distributed vocabulary of a few
thousand words, and each source is about a few topics, whose words (in their inflected
forms) are frequent in it and absent from the others. Times are wall and CPU
(time.process_time), as the machine is shared.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ..core.model import SourceMeta
from ..core.text import blank_cjk, fold_for_search
from ..services.project import Project, create_project, open_project
from ..services.search import occurrences

CACHE = Path(tempfile.gettempdir()) / "workbench-search-bench"
CORPUS_VERSION = 3

_TOPICS = {
    "en": ["sanctions sanctioned sanctioning sanction", "export controls control exporting exported",
           "chips chip semiconductor semiconductors", "Huawei", "Nvidia accelerator accelerators",
           "foundry foundries wafer wafers", "licence licences licensing licensed", "market markets marketing"],
    "ru": ["санкции санкций санкциями санкция санкционный", "экспорт экспортный контроль контроля",
           "чипов чипы чип процессор процессоры", "рубль рублей рубля", "поставщики поставщиков поставки",
           "завод заводы пластина пластин", "рынок рынка рынке рынков"],
    "zh": ["出口管制", "华为", "芯片 先进芯片", "英伟达", "数据中心", "国产替代", "制裁", "销售 市场"],
}
_FUNCTION_WORDS = {
    "en": "the of and to in a on for with by is was that it as from at".split(),
    "ru": "и в на с по для от до не что это как к из о".split(),
    "zh": list("的了在是和有这中为不"),
}
_SYLLABLES = {"en": "ka ri to ne sa mo lu pe di ga ro ve ti na lo fe".split(),
              "ru": "ка ро ми ве на ло ст пр ти ду ме за но ры".split()}


def _vocabulary(lang: str, rng: random.Random, size: int = 4000) -> list[str]:
    if lang == "zh":
        return [chr(0x4E00 + rng.randrange(0x5000)) + chr(0x4E00 + rng.randrange(0x5000)) for _ in range(size)]
    syllables = _SYLLABLES[lang]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def _text(lang: str, size: int, rng: random.Random, vocab: list[str], cum: list[float]) -> str:
    """Function words, Zipfian filler and the words of two or three topics, in sentences of 12 words."""
    topics = [t.split() for t in rng.sample(_TOPICS[lang], rng.randint(2, 3))]
    topical = [w for t in topics for w in t]
    glue, stop = ("", "。") if lang == "zh" else (" ", ". ")
    count = size // (2 if lang == "zh" else 4)  # more words than needed; cut to size below
    filler = rng.choices(vocab, cum_weights=cum, k=count)
    functions = _FUNCTION_WORDS[lang]
    words = []
    for word in filler:
        roll = rng.random()
        words.append(rng.choice(functions) if roll < 0.3 else rng.choice(topical) if roll < 0.36 else word)
    sentences = (glue.join(words[i:i + 12]) for i in range(0, len(words), 12))
    return stop.join(sentences)[:size]


def _build(path: Path, sources: int, size: int) -> None:
    rng = random.Random(16)
    vocab = {lang: _vocabulary(lang, rng) for lang in ("en", "ru", "zh")}
    cum = list(itertools.accumulate(1 / (rank + 1) for rank in range(4000)))
    total = encoded = 0
    wall = cpu = 0.0
    with create_project(path) as project:
        for i in range(sources):
            lang = ("en", "ru", "zh")[i % 3]
            text = f"{i} " + _text(lang, size, rng, vocab[lang], cum)
            total += len(text)
            encoded += len(text.encode())
            w, c = time.perf_counter(), time.process_time()
            project.sources.add(SourceMeta(f"{lang} {i}", language=lang), text, text.encode(), "text/plain")
            wall += time.perf_counter() - w
            cpu += time.process_time() - c
        print(f"{sources} sources, {total / 1e6:.1f} M characters ({encoded / 1e6:.0f} MB in UTF-8); import {total / 1e6 / wall:.2f} M chars/s wall "
              f"({total / 1e6 / cpu:.2f} CPU), text generation excluded")
        _print_sizes(project)


def _print_sizes(project: Project) -> None:
    conn = project.db.conn
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    total = conn.execute("PRAGMA page_count").fetchone()[0] * page
    try:
        rows = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except Exception:  # noqa: BLE001 - dbstat is a compile-time option of SQLite
        rows = []
    index = sum(size for name, size in rows if name.startswith(("source_words", "source_trigrams")))
    text = sum(size for name, size in rows if name == "source")
    print(f"project file {total / 1e6:.0f} MB: source rows (text and original bytes) {text / 1e6:.0f} MB, "
          f"full-text indexes of the sources {index / 1e6:.0f} MB (words + trigrams)")


QUERIES = {  # form: (query, the bare FTS5 expression on the word or trigram index)
    "word": ("sanctions", '"sanction"*', False),
    "word (ru)": ("санкции", '"санкци"*', False),
    "phrase": ('"export controls"', '"export controls"', False),
    "prefix": ("sanction*", '"sanction"*', False),
    "boolean": ("(huawei OR nvidia) AND NOT foundry", '("huawei" OR "nvidia") NOT "foundry"', False),
    "boolean 2": ("chips AND (licence OR market) NOT huawei",
                  '"chip"* AND ("licenc"* OR "market"*) NOT "huawei"', False),
    "near": ("huawei NEAR/5 chips", 'NEAR("huawei" "chip"*, 5)', False),
    "cjk": ("出口管制", '"出口管制"', True),
}


def _timed(fn, repeat: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return walls, cpus


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def _bare(conn, expression: str, trigrams: bool) -> None:
    table = "source_trigrams" if trigrams else "source_words"
    conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (f"body : ({expression})",)).fetchall()


def _highlight_floor(project: Project, path: Path) -> sqlite3.Connection:
    """FTS5 indexes with external content over the project's folded texts (words: CJK blanked,
    as the project's word index sees them; trigrams: as they are), with the project's
    tokenizers, kept at ``path``; built once from the project."""
    if not path.exists():
        building = path.with_suffix(".part")
        building.unlink(missing_ok=True)
        floor = sqlite3.connect(building)
        floor.executescript(
            "CREATE TABLE doc(id INTEGER PRIMARY KEY, title TEXT, words TEXT, trigrams TEXT);"
            "CREATE VIEW word_doc AS SELECT id, title, words AS body FROM doc;"
            "CREATE VIEW trigram_doc AS SELECT id, title, trigrams AS body FROM doc;"
            "CREATE VIRTUAL TABLE words USING fts5(title, body, content='word_doc', content_rowid='id', "
            "tokenize='unicode61 remove_diacritics 2');"
            "CREATE VIRTUAL TABLE trigrams USING fts5(title, body, content='trigram_doc', content_rowid='id', "
            "tokenize='trigram');")
        floor.executemany("INSERT INTO doc VALUES (?, ?, ?, ?)", _floor_rows(project))
        floor.execute("INSERT INTO words(words) VALUES ('rebuild')")
        floor.execute("INSERT INTO trigrams(trigrams) VALUES ('rebuild')")
        floor.commit()
        floor.close()
        building.rename(path)
    return sqlite3.connect(path)


def _floor_rows(project: Project):
    """Each source as the project's two indexes see it: the folded title and text, CJK blanked
    for the word index, as they are for the trigram index."""
    for source_id, title, text in project.db.conn.execute("SELECT id, title, text FROM source"):
        folded = fold_for_search(text)
        yield source_id, blank_cjk(fold_for_search(title)), blank_cjk(folded), folded


def _highlighted(floor: sqlite3.Connection, expression: str, trigrams: bool, wanted: int) -> int:
    """FTS5's own first ``wanted`` occurrences: matching texts with every occurrence marked."""
    table = "trigrams" if trigrams else "words"
    marked_count = 0
    rows = floor.execute(f"SELECT rowid, highlight({table}, 1, char(1), char(2)) FROM {table} "
                         f"WHERE {table} MATCH ? ORDER BY rowid", (f"body : ({expression})",))
    for _rowid, marked in rows:
        marked_count += marked.count("\x01")
        if marked_count >= wanted:
            break
    return marked_count


def _interleaved(fns: list, repeat: int) -> list[tuple[list[float], list[float]]]:
    """Each function timed ``repeat`` times, taking turns, so that the machine's load (shared by
    several people) weighs on each alike; wall and CPU milliseconds per function."""
    times: list[tuple[list[float], list[float]]] = [([], []) for _ in fns]
    for _ in range(repeat):
        for fn, (walls, cpus) in zip(fns, times, strict=True):
            wall, cpu = _timed(fn, 1)
            walls += wall
            cpus += cpu
    return times


def _query_forms(project: Project, floor: sqlite3.Connection, repeat: int = 100) -> None:
    print(f"{'form':12} {'query':42} {'first 200 p50/p95 ms (CPU p95)':>31} "
          f"{'FTS5 highlight p50/p95':>22} {'ratio p50/p95':>13} {'FTS5 ids p50/p95':>16} {'ratio p95':>9}")
    for form, (query, bare, trigrams) in QUERIES.items():
        def ours(q=query):
            found = occurrences.find(project, q)
            for n, _ in enumerate(found.occurrences(), 1):
                if n >= 200:
                    break
        (walls, cpus), (marked, _), (bare_walls, _) = _interleaved([
            ours, lambda b=bare, t=trigrams: _highlighted(floor, b, t, 200),
            lambda b=bare, t=trigrams: _bare(project.db.conn, b, t)], repeat)
        print(f"{form:12} {query:42} {_p(walls, 50):9.1f} /{_p(walls, 95):7.1f} ({_p(cpus, 95):6.1f}) "
              f"{_p(marked, 50):12.1f} /{_p(marked, 95):7.1f} "
              f"{_p(walls, 50) / _p(marked, 50):6.1f} /{_p(walls, 95) / _p(marked, 95):5.1f} "
              f"{_p(bare_walls, 50):7.2f} /{_p(bare_walls, 95):6.2f} "
              f"{_p(walls, 95) / max(_p(bare_walls, 95), 1e-3):9.1f}")


def _many(project: Project, floor: sqlite3.Connection, query: str, bare: str, wanted: int = 100_000) -> None:
    w, c = time.perf_counter(), time.process_time()
    count = 0
    for count, _ in enumerate(occurrences.find(project, query).occurrences(), 1):
        if count >= wanted:
            break
    wall, cpu = time.perf_counter() - w, time.process_time() - c
    w = time.perf_counter()
    marked = _highlighted(floor, bare, False, wanted)
    marked_wall = time.perf_counter() - w
    bare_walls, _ = _timed(lambda: _bare(project.db.conn, bare, False), 5)
    print(f"listing {count:,} occurrences of {query!r}: {wall:.2f} s wall ({cpu:.2f} s CPU); "
          f"FTS5 highlight ({marked:,} marked) {marked_wall:.2f} s, ratio {wall / marked_wall:.1f}; "
          f"FTS5 ids {statistics.median(bare_walls):.1f} ms")
    _first_screen(project, query)


def _first_screen(project: Project, query: str) -> None:
    """The KWIC table's first fetch: what the search pane shows before anything scrolls."""
    try:
        from PySide6.QtCore import QCoreApplication

        from ..ui.search.kwic import KwicModel
    except ImportError:
        print("first screen: PySide6 not available")
        return
    _app = QCoreApplication.instance() or QCoreApplication([])
    walls = []
    for _ in range(10):
        w = time.perf_counter()
        model = KwicModel()
        model.set_search(occurrences.find(project, query))
        for row in range(model.rowCount()):
            for column in range(5):
                model.data(model.index(row, column))
        walls.append((time.perf_counter() - w) * 1000)
    print(f"KWIC table, first {model.rowCount()} rows of {query!r} (search + first fetch + every cell's text): "
          f"p50 {_p(walls, 50):.1f} ms, p95 {_p(walls, 95):.1f} ms")


def _list_scan(names: int) -> None:
    """Search with an imported list of ``names`` names (no index on list names: a scan)."""
    rng = random.Random(7)
    syllables = _SYLLABLES["en"]
    with tempfile.TemporaryDirectory() as tmp, create_project(Path(tmp) / "lists") as project:
        conn = project.db.conn
        with project.db.transaction():
            conn.execute("INSERT INTO sanctions_list (uuid, name, name_key, format, imported_at) "
                         "VALUES ('bench', 'Bench list', 'bench list', 'ftm', '2026-01-01')")
            conn.executemany("INSERT INTO list_entry (id, list_id, entry_key, kind, caption) "
                             "VALUES (?, 1, ?, 'organisation', ?)", ((i, f"k{i}", f"E{i}") for i in range(1, names + 1)))
            rows = []
            for i in range(1, names + 1):
                name = " ".join("".join(rng.choice(syllables) for _ in range(3)).upper() for _ in range(3))
                rows.append((i, name, name.lower()))
            conn.executemany("INSERT INTO list_entry_name (entry_id, name, name_key) VALUES (?, ?, ?)", rows)
        text = " ".join(["Huawei sells chips."] * 400)
        project.sources.add(SourceMeta("t", language="en"), text, text.encode(), "text/plain")
        w, c = time.perf_counter(), time.process_time()
        list(occurrences.find(project, "nothing").occurrences())
        print(f"with a list of {names:,} names: the first search of a session builds the TEMP word index of "
              f"list names: {(time.perf_counter() - w) * 1000:.0f} ms ({(time.process_time() - c) * 1000:.0f} ms CPU)")
        for query, scope in (("huawei", "all"), ("nothing", "all"), ("华为", "all"), ("nothing", "sources")):
            walls, _ = _timed(lambda q=query, s=scope: list(itertools.islice(
                occurrences.find(project, q, scope=s).occurrences(), 200)), 5)
            print(f"with a list of {names:,} names: first 200 of {query!r} (scope {scope}): "
                  f"p50 {_p(walls, 50):.0f} ms")


def main(argv: list[str]) -> int:
    if "--lists" in argv:
        _list_scan(int(argv[argv.index("--lists") + 1]))
        return 0
    fresh = "--fresh" in argv
    args = [a for a in argv if a != "--fresh"]
    sources = int(args[0]) if args else 1000
    size = (int(args[1]) if len(args) > 1 else 50) * 1000
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"corpus-v{CORPUS_VERSION}-{sources}x{size // 1000}.wbproj"
    if fresh or not path.exists():
        for stale in [*CACHE.glob(path.name + "*"), *CACHE.glob(path.stem + ".fts5-floor.db*")]:
            stale.unlink()
        _build(path, sources, size)
    else:
        print(f"{sources} x {size // 1000} KB corpus kept in {path} (--fresh rebuilds it and times the import)")
    with open_project(path) as project:
        floor = _highlight_floor(project, path.with_name(path.stem + ".fts5-floor.db"))
        _query_forms(project, floor)
        _many(project, floor, "the OR and OR of", '"the" OR "and" OR "of"')
        floor.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
