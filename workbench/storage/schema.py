"""Schema of the project file and its forward migrations.

``MIGRATIONS[i]`` takes a file from ``user_version`` i to i + 1. A migration is
never edited once released; changes come as a new entry, and a project file of
every released version is kept under tests/fixtures/projects.
"""

from __future__ import annotations

APPLICATION_ID = 0x57424E43  # "WBNC": marks a file as a Research Workbench project

_V1 = """
CREATE TABLE project_info (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE source (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    author        TEXT NOT NULL DEFAULT '',
    publisher     TEXT NOT NULL DEFAULT '',
    published     TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT '',
    media_type    TEXT NOT NULL,
    filename      TEXT NOT NULL DEFAULT '',
    encoding      TEXT NOT NULL DEFAULT '',
    original      BLOB NOT NULL,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL UNIQUE,
    reliability   TEXT CHECK (reliability IN ('A','B','C','D','E','F')),
    note          TEXT NOT NULL DEFAULT '',
    imported_at   TEXT NOT NULL,
    modified_at   TEXT NOT NULL
);

CREATE TABLE tag (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (name <> '' AND instr(name, '/') = 0),
    name_key   TEXT NOT NULL,
    parent_id  INTEGER REFERENCES tag(id) ON DELETE CASCADE,
    color      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX tag_name_in_parent ON tag (coalesce(parent_id, 0), name_key);

CREATE TABLE entity (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (name <> ''),
    name_key    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('country','company','organisation','person','chip',
                    'component','facility','alliance','programme','model','other')),
    country     TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX entity_name ON entity (name_key);

CREATE TABLE entity_alias (
    entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL CHECK (alias <> ''),
    alias_key TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX entity_alias_name ON entity_alias (alias_key);

CREATE TABLE claim (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    source_id     INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    start         INTEGER NOT NULL CHECK (start >= 0),
    end           INTEGER NOT NULL CHECK (end > start),
    quote         TEXT NOT NULL CHECK (length(quote) = end - start),
    prefix        TEXT NOT NULL DEFAULT '',
    suffix        TEXT NOT NULL DEFAULT '',
    anchor_status TEXT NOT NULL DEFAULT 'exact' CHECK (anchor_status IN ('exact','reanchored','orphaned')),
    statement     TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT 'fact'
                      CHECK (kind IN ('fact','statistic','forecast','opinion','event')),
    reliability   TEXT CHECK (reliability IN ('A','B','C','D','E','F')),
    credibility   INTEGER CHECK (credibility BETWEEN 1 AND 6),
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    modified_at   TEXT NOT NULL
);
CREATE INDEX claim_source ON claim (source_id, start);

CREATE TABLE claim_quantity (
    claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value    REAL NOT NULL,
    unit     TEXT NOT NULL DEFAULT '',
    year     INTEGER,
    PRIMARY KEY (claim_id, position)
) WITHOUT ROWID;

CREATE TABLE claim_tag (
    claim_id INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
    PRIMARY KEY (claim_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX claim_tag_by_tag ON claim_tag (tag_id);

CREATE TABLE claim_entity (
    claim_id  INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    PRIMARY KEY (claim_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX claim_entity_by_entity ON claim_entity (entity_id);

CREATE TABLE claim_link (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    from_claim INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    to_claim   INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('corroborates','contradicts','duplicates')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    CHECK (from_claim <> to_claim),
    UNIQUE (from_claim, to_claim, kind)
);

CREATE TABLE relation (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    subject_id  INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('supplies','depends_on','member_of','owns',
                    'partners_with','produces')),
    object_id   INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    valid_from  TEXT NOT NULL DEFAULT '',
    valid_to    TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX relation_subject ON relation (subject_id);
CREATE INDEX relation_object ON relation (object_id);

CREATE TABLE relation_evidence (
    relation_id INTEGER NOT NULL REFERENCES relation(id) ON DELETE CASCADE,
    claim_id    INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    PRIMARY KEY (relation_id, claim_id)
) WITHOUT ROWID;

CREATE TABLE measure (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL CHECK (name <> ''),
    kind           TEXT NOT NULL CHECK (kind IN ('export_control','asset_freeze','sectoral_sanction',
                       'entity_listing','other')),
    authority      TEXT NOT NULL DEFAULT '',
    citation       TEXT NOT NULL DEFAULT '',
    announced      TEXT NOT NULL DEFAULT '',
    effective_from TEXT NOT NULL DEFAULT '',
    effective_to   TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    modified_at    TEXT NOT NULL
);

CREATE TABLE measure_target (
    measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    PRIMARY KEY (measure_id, entity_id)
) WITHOUT ROWID;

CREATE TABLE measure_evidence (
    measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    claim_id   INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    PRIMARY KEY (measure_id, claim_id)
) WITHOUT ROWID;

-- Search indexes hold folded text (see core.text.fold_for_search) and no content of
-- their own: snippets are cut from the original text, whose offsets equal the folded ones.
CREATE VIRTUAL TABLE source_words USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE source_trigrams USING fts5(title, body, content='', tokenize='trigram');
CREATE VIRTUAL TABLE claim_words USING fts5(quote, statement, note, content='', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE claim_trigrams USING fts5(quote, statement, note, content='', tokenize='trigram');
"""

# Source ingestion (issue 3): where each page of a paged source starts in its text, and
# the blocks kept out of the reading text (boilerplate), so they can be shown and restored.
# ``seq`` is the block's order in the original; ``position`` the offset in today's text.
_SOURCE_PAGES_AND_REMOVED = """
CREATE TABLE source_page (
    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    page_no   INTEGER NOT NULL CHECK (page_no >= 1),
    start     INTEGER NOT NULL CHECK (start >= 0),
    PRIMARY KEY (source_id, page_no)
) WITHOUT ROWID;

CREATE TABLE source_removed (
    source_id INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL CHECK (seq >= 1),
    position  INTEGER NOT NULL CHECK (position >= 0),
    text      TEXT NOT NULL CHECK (text <> ''),
    reason    TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
) WITHOUT ROWID;
"""


# Sanctions lists, screening, and reference data that the analyst may override.
_LISTS_AND_REFERENCE = """
CREATE TABLE sanctions_list (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL CHECK (name <> ''),
    name_key     TEXT NOT NULL UNIQUE,
    format       TEXT NOT NULL,
    version_date TEXT NOT NULL DEFAULT '',
    files        TEXT NOT NULL DEFAULT '',
    imported_at  TEXT NOT NULL
);

CREATE TABLE list_import (
    id           INTEGER PRIMARY KEY,
    list_id      INTEGER NOT NULL REFERENCES sanctions_list(id) ON DELETE CASCADE,
    version_date TEXT NOT NULL DEFAULT '',
    files        TEXT NOT NULL DEFAULT '',
    imported_at  TEXT NOT NULL,
    entry_count  INTEGER NOT NULL,
    added        INTEGER NOT NULL,
    removed      INTEGER NOT NULL,
    problems     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX list_import_by_list ON list_import (list_id, id);

CREATE TABLE list_change (
    import_id INTEGER NOT NULL REFERENCES list_import(id) ON DELETE CASCADE,
    entry_key TEXT NOT NULL,
    change    TEXT NOT NULL CHECK (change IN ('added','removed')),
    caption   TEXT NOT NULL,
    PRIMARY KEY (import_id, entry_key)
) WITHOUT ROWID;

CREATE TABLE list_entry (
    id         INTEGER PRIMARY KEY,
    list_id    INTEGER NOT NULL REFERENCES sanctions_list(id) ON DELETE CASCADE,
    entry_key  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('person','organisation','vessel','aircraft','other')),
    caption    TEXT NOT NULL,
    programmes TEXT NOT NULL DEFAULT '',
    countries  TEXT NOT NULL DEFAULT '',
    listed_on  TEXT NOT NULL DEFAULT '',
    remarks    TEXT NOT NULL DEFAULT '',
    line       INTEGER,
    UNIQUE (list_id, entry_key)
);

CREATE TABLE list_entry_name (
    entry_id INTEGER NOT NULL REFERENCES list_entry(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL,
    is_alias INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entry_id, name)
) WITHOUT ROWID;

CREATE TABLE list_entry_identifier (
    entry_id  INTEGER NOT NULL REFERENCES list_entry(id) ON DELETE CASCADE,
    scheme    TEXT NOT NULL,
    value     TEXT NOT NULL,
    value_key TEXT NOT NULL,
    PRIMARY KEY (entry_id, scheme, value)
) WITHOUT ROWID;
CREATE INDEX list_entry_identifier_key ON list_entry_identifier (value_key);

CREATE TABLE entity_identifier (
    entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    scheme    TEXT NOT NULL,
    value     TEXT NOT NULL CHECK (value <> ''),
    value_key TEXT NOT NULL,
    PRIMARY KEY (entity_id, scheme, value)
) WITHOUT ROWID;
CREATE INDEX entity_identifier_key ON entity_identifier (value_key);

CREATE TABLE entity_attribute (
    entity_id INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    name      TEXT NOT NULL CHECK (name <> ''),
    value     TEXT NOT NULL,
    PRIMARY KEY (entity_id, name)
) WITHOUT ROWID;

-- A candidate is what the last screening found; a decision is what the analyst said about
-- one, keyed on the list's name and the entry's own id so that it outlives re-imports.
CREATE TABLE screening_candidate (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    entity_id   INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    list_id     INTEGER NOT NULL REFERENCES sanctions_list(id) ON DELETE CASCADE,
    entry_key   TEXT NOT NULL,
    score       REAL NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('identifier','name')),
    entity_name TEXT NOT NULL,
    listed_name TEXT NOT NULL,
    reason      TEXT NOT NULL,
    screened_at TEXT NOT NULL
);
CREATE INDEX screening_candidate_entity ON screening_candidate (entity_id);

CREATE TABLE screening_decision (
    entity_id     INTEGER NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
    list_name_key TEXT NOT NULL,
    entry_key     TEXT NOT NULL,
    decision      TEXT NOT NULL CHECK (decision IN ('confirmed','rejected')),
    score         REAL,
    reason        TEXT NOT NULL DEFAULT '',
    caption       TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    decided_at    TEXT NOT NULL,
    PRIMARY KEY (entity_id, list_name_key, entry_key)
) WITHOUT ROWID;

-- What reference data put into the project, and how it looked then: a row that differs
-- from its fingerprint was changed by the analyst and is left alone by a reload.
CREATE TABLE reference_item (
    ref_key     TEXT PRIMARY KEY,
    table_name  TEXT NOT NULL CHECK (table_name IN ('entity','relation','measure')),
    row_id      INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    dataset     TEXT NOT NULL,
    loaded_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX reference_item_row ON reference_item (table_name, row_id);
"""


# Claim intelligence and saved searches: what the analyst decided about the program's suggestions
# (dismissed per source, so a re-run does not offer them again), the analyst's judgement on a pair of
# claims (a contradiction judged, or a corroboration grouping broken; confirmed groups are claim_link
# rows), and searches kept in the project to re-run.
_JUDGEMENTS_AND_SAVED_SEARCHES = """
CREATE TABLE suggestion_dismissal (
    source_id    INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),
    quote        TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (source_id, start_offset, end_offset)
) WITHOUT ROWID;

CREATE TABLE claim_judgement (
    claim_a   INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    claim_b   INTEGER NOT NULL REFERENCES claim(id) ON DELETE CASCADE,
    topic     TEXT NOT NULL CHECK (topic IN ('conflict','corroboration')),
    verdict   TEXT NOT NULL CHECK (verdict <> ''),
    note      TEXT NOT NULL DEFAULT '',
    judged_at TEXT NOT NULL,
    PRIMARY KEY (claim_a, claim_b, topic),
    CHECK (claim_a < claim_b)
) WITHOUT ROWID;
CREATE INDEX claim_judgement_b ON claim_judgement (claim_b);

CREATE TABLE saved_search (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
    query      TEXT NOT NULL,
    scope      TEXT NOT NULL DEFAULT 'all',
    created_at TEXT NOT NULL
);
"""


MIGRATIONS: list[str] = [_V1, _SOURCE_PAGES_AND_REMOVED, _LISTS_AND_REFERENCE, _JUDGEMENTS_AND_SAVED_SEARCHES]
SCHEMA_VERSION = len(MIGRATIONS)
