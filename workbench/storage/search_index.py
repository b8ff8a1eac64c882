"""Full-text search over sources and claims.

Two FTS5 indexes per kind of document: ``*_words`` (unicode61) for alphabetic
scripts and ``*_trigrams`` for Chinese and Japanese, where unicode61 would take a
whole run of characters as one word. A CJK term shorter than three characters
cannot use the trigram index, so it is found by a plain scan. Both indexes hold
the folded text (see ``core.text.fold_for_search``); as folding keeps every
offset, a match found in the folded text is cut from the original for the snippet.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from ..core.errors import InvalidInputError
from ..core.model import SearchHit
from ..core.text import blank_cjk, contains_cjk, fold_for_search, is_cjk, one_line

SNIPPET_CONTEXT = 60


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # folded
    prefix: bool = False

    @property
    def cjk(self) -> bool:
        return contains_cjk(self.text)


def parse_query(query: str) -> list[Term]:
    """Words and "quoted phrases", all required; a trailing * asks for a prefix."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        raw = phrase or word
        prefix = bool(word) and raw.endswith("*") and len(raw) > 1
        raw = raw.rstrip("*") if prefix else raw
        folded = fold_for_search(unicodedata.normalize("NFC", raw)).strip()  # as the stored text is NFC
        if folded and re.search(r"\w", folded):
            terms.append(Term(folded, prefix))
    if not terms:
        raise InvalidInputError("the search query has no words")
    return terms


def _fts_expression(terms: list[Term]) -> str:
    return " AND ".join('"' + t.text.replace('"', '""') + '"' + ("*" if t.prefix else "") for t in terms)


# -- keeping the indexes current ------------------------------------------------

def _index_values(row_id: int, fields: tuple[str, ...]) -> dict[str, tuple]:
    """Folded values per index: the words index sees CJK as blanks (the trigram index serves CJK)."""
    folded = tuple(fold_for_search(f) for f in fields)
    return {"words": (row_id, *(blank_cjk(f) for f in folded)), "trigrams": (row_id, *folded)}


def index_source(conn: sqlite3.Connection, source_id: int, title: str, text: str, delete: bool = False,
                 prefix: str = "") -> None:
    per_index = _index_values(source_id, (title, text))
    for suffix in ("words", "trigrams"):
        _write(conn, f"{prefix}source_{suffix}", ("title", "body"), per_index[suffix], delete)


def index_claim(conn: sqlite3.Connection, claim_id: int, quote: str, statement: str, note: str,
                delete: bool = False, prefix: str = "") -> None:
    per_index = _index_values(claim_id, (quote, statement, note))
    for suffix in ("words", "trigrams"):
        _write(conn, f"{prefix}claim_{suffix}", ("quote", "statement", "note"), per_index[suffix], delete)


def _write(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], values: tuple, delete: bool) -> None:
    names = ", ".join(columns)
    marks = ", ".join("?" * len(columns))
    if delete:
        conn.execute(f"INSERT INTO {table}({table}, rowid, {names}) VALUES ('delete', ?, {marks})", values)
    else:
        conn.execute(f"INSERT INTO {table}(rowid, {names}) VALUES (?, {marks})", values)


INDEX_TABLES = ("source_words", "source_trigrams", "claim_words", "claim_trigrams")
_CHECK_PREFIX = "wbcheck_"


def index_problems(conn: sqlite3.Connection) -> list[str]:
    """Indexes that no longer hold exactly the folded text of their rows.

    The indexes keep no text of their own, so an entry removed with values other than
    the ones it was added with leaves stale words behind, unseen until a search finds a
    row for a word it does not hold. Here each index is built afresh (in the temp
    schema, so a read-only project can be checked) and compared with the stored one:
    for every word and column, how many rows hold it and how often. (Comparing every
    position instead takes minutes on a project of a thousand sources.)
    """
    definitions = dict(conn.execute(
        f"SELECT name, sql FROM main.sqlite_master WHERE name IN ({', '.join('?' * len(INDEX_TABLES))})",
        INDEX_TABLES))
    try:
        for table in INDEX_TABLES:
            conn.execute(definitions[table].replace(table, f"temp.{_CHECK_PREFIX}{table}", 1))
        # One transaction for the rebuild: FTS5 then merges its pending terms once, at the end,
        # instead of writing a segment per row (which made a 20,000-claim check take half a minute).
        conn.execute("SAVEPOINT wbcheck_rebuild")
        try:
            for source_id, title, text in conn.execute("SELECT id, title, text FROM main.source"):
                index_source(conn, source_id, title, text, prefix=f"temp.{_CHECK_PREFIX}")
            for claim_id, quote, statement, note in conn.execute("SELECT id, quote, statement, note FROM main.claim"):
                index_claim(conn, claim_id, quote, statement, note, prefix=f"temp.{_CHECK_PREFIX}")
        finally:
            conn.execute("RELEASE wbcheck_rebuild")
        return [f"search index {table} does not match the project's text; it needs rebuilding"
                for table in INDEX_TABLES if _index_differs(conn, table)]
    finally:
        for table in INDEX_TABLES:
            for name in (f"{_CHECK_PREFIX}{table}", f"{_CHECK_PREFIX}{table}_have", f"{_CHECK_PREFIX}{table}_want"):
                conn.execute(f"DROP TABLE IF EXISTS temp.{name}")


def _index_differs(conn: sqlite3.Connection, table: str) -> bool:
    have, want = f"{_CHECK_PREFIX}{table}_have", f"{_CHECK_PREFIX}{table}_want"
    conn.execute(f"CREATE VIRTUAL TABLE temp.{have} USING fts5vocab(main, {table}, col)")
    conn.execute(f"CREATE VIRTUAL TABLE temp.{want} USING fts5vocab(temp, {_CHECK_PREFIX}{table}, col)")
    return conn.execute(
        f"SELECT EXISTS (SELECT * FROM temp.{have} EXCEPT SELECT * FROM temp.{want}) "
        f"OR EXISTS (SELECT * FROM temp.{want} EXCEPT SELECT * FROM temp.{have})").fetchone()[0] == 1


# -- searching ------------------------------------------------------------------

def _matching_ids(conn: sqlite3.Connection, terms: list[Term], words_table: str, trigram_table: str,
                  scan: tuple[str, tuple[str, ...]]) -> dict[int, float]:
    """Row ids that contain every term, with a score (lower is better, as bm25)."""
    word_terms = [t for t in terms if not t.cjk]
    long_cjk = [t for t in terms if t.cjk and len(t.text) >= 3]
    short_cjk = [t for t in terms if t.cjk and len(t.text) < 3]
    candidates: dict[int, float] | None = None

    def narrow(found: dict[int, float]) -> None:
        nonlocal candidates
        if candidates is None:
            candidates = found
        else:
            candidates = {k: candidates[k] + v for k, v in found.items() if k in candidates}

    for table, group in ((words_table, word_terms), (trigram_table, long_cjk)):
        if group:
            rows = conn.execute(
                f"SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ?", (_fts_expression(group),)
            )
            narrow(dict(rows))
    for term in short_cjk:
        narrow(_scan(conn, *scan, term))
    return candidates or {}


_SOURCE_FIELDS = ("source", ("title", "text"))
_CLAIM_FIELDS = ("claim", ("quote", "statement", "note"))
_KANA = range(0x3040, 0x3100)


def _folds_only_from_itself(ch: str) -> bool:
    """Han and Hangul are left alone by the fold and no other character folds to them (kana do: が→か)."""
    return is_cjk(ch) and ord(ch) not in _KANA


def _raw_forms(ch: str) -> list[str]:
    """The characters that fold to the CJK character ``ch`` (``か`` for か, also ``が``)."""
    if ord(ch) not in _KANA:
        return [ch]
    return [chr(cp) for cp in _KANA if fold_for_search(chr(cp)) == ch]


def _scan(conn: sqlite3.Connection, table: str, columns: tuple[str, ...], term: Term) -> dict[int, float]:
    """Rows holding a CJK term too short for the trigram index, scored by how often it occurs.

    The stored text is not folded, so a term that folding may have changed (Latin
    letters, kana) is looked for with its raw CJK character first and then confirmed
    in the folded fields.
    """
    if all(_folds_only_from_itself(ch) for ch in term.text):
        counts = " + ".join(f"(length({c}) - length(replace({c}, ?1, ''))) / length(?1)" for c in columns)
        anywhere = " OR ".join(f"instr({c}, ?1) > 0" for c in columns)
        rows = conn.execute(f"SELECT id, {counts} FROM {table} WHERE {anywhere}", (term.text,))
        return {rowid: -float(count) for rowid, count in rows}
    forms = _raw_forms(next(ch for ch in term.text if is_cjk(ch)))
    anywhere = " OR ".join(f"instr({c}, ?) > 0" for c in columns for _ in forms)
    rows = conn.execute(f"SELECT id, {', '.join(columns)} FROM {table} WHERE {anywhere}",
                        [form for _ in columns for form in forms])
    found = {}
    for rowid, *fields in rows:
        count = sum(fold_for_search(field).count(term.text) for field in fields)
        if count:
            found[rowid] = -float(count)
    return found


def matching_claim_ids(conn: sqlite3.Connection, terms: list[Term]) -> dict[int, float]:
    """Claims that hold every term, with their scores."""
    return _matching_ids(conn, terms, "claim_words", "claim_trigrams", _CLAIM_FIELDS)


def first_match(text: str, terms: list[Term]) -> tuple[int, int] | None:
    """Where the earliest term occurs in ``text`` (original, unfolded), or None."""
    folded = fold_for_search(text)
    as_words = blank_cjk(folded)
    best: tuple[int, int] | None = None
    for term in terms:
        if term.cjk:
            found = re.search(re.escape(term.text), folded)
        else:
            words = r"\W+".join(re.escape(w) for w in re.findall(r"\w+", term.text))
            found = re.search(r"(?<!\w)" + words + (r"" if term.prefix else r"(?!\w)"), as_words)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), found.end())
    return best


def make_snippet(text: str, span: tuple[int, int] | None,
                 context: int = SNIPPET_CONTEXT) -> tuple[str, tuple[int, int] | None]:
    """A one-line excerpt around ``span`` and where the span stands in it."""
    if span is None:
        return one_line(text, 2 * context), None
    start, end = span
    left = max(0, start - context)
    right = min(len(text), end + context)
    head = ("…" if left > 0 else "") + text[left:start]
    tail = text[end:right] + ("…" if right < len(text) else "")
    before = one_line(head) + (" " if head[-1:].isspace() else "")
    hit = one_line(text[start:end])
    after = (" " if tail[:1].isspace() else "") + one_line(tail)
    return before + hit + after, (len(before), len(before) + len(hit))


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[SearchHit]:
    terms = parse_query(query)
    scored = [("source", rowid, score) for rowid, score in
              _matching_ids(conn, terms, "source_words", "source_trigrams", _SOURCE_FIELDS).items()]
    scored += [("claim", rowid, score) for rowid, score in
               _matching_ids(conn, terms, "claim_words", "claim_trigrams", _CLAIM_FIELDS).items()]
    scored.sort(key=lambda item: (item[2], item[0], item[1]))
    return [_hit(conn, kind, rowid, score, terms) for kind, rowid, score in scored[:limit]]


def _hit(conn: sqlite3.Connection, kind: str, rowid: int, score: float, terms: list[Term]) -> SearchHit:
    if kind == "source":
        uuid, title, text = conn.execute("SELECT uuid, title, text FROM source WHERE id = ?", (rowid,)).fetchone()
        span = first_match(text, terms)
        snippet, snippet_hit = make_snippet(text, span)
        start, end = span or (0, 0)
        return SearchHit("source", rowid, uuid, rowid, uuid, title, snippet, start, end, score,
                         snippet_hit=snippet_hit)
    row = conn.execute(
        "SELECT c.uuid, c.quote, c.statement, c.note, c.start, c.end, s.id, s.uuid, s.title "
        "FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id = ?", (rowid,)
    ).fetchone()
    uuid, quote, statement, note, start, end, source_id, source_uuid, title = row
    field, span = next(((f, m) for f in (quote, statement, note) if (m := first_match(f, terms))), (quote, None))
    snippet, snippet_hit = make_snippet(field, span)
    return SearchHit("claim", rowid, uuid, source_id, source_uuid, title, snippet, start, end, score,
                     {"statement": statement}, snippet_hit)


# -- candidates for the occurrence search (services.search.occurrences) ---------

def quoted(word: str) -> str:
    """A word or phrase as an FTS5 string (which knows no operators inside quotes)."""
    return '"' + word.replace('"', '""') + '"'


def source_ids_matching(conn: sqlite3.Connection, expression: str, trigrams: bool = False) -> set[int]:
    """Sources whose text (not title) matches an FTS5 expression, in the word or the trigram index."""
    table = "source_trigrams" if trigrams else "source_words"
    rows = conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (f"body : ({expression})",))
    return {rowid for rowid, in rows}


def source_ids_scanned(conn: sqlite3.Connection, folded_cjk: str) -> set[int]:
    """Sources whose text holds a CJK term too short for the trigram index."""
    return set(_scan(conn, "source", ("text",), Term(folded_cjk)))


def all_source_ids(conn: sqlite3.Connection) -> set[int]:
    return {rowid for rowid, in conn.execute("SELECT id FROM source")}
