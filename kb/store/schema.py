"""The SQLite schema of a KB: documents, passages, tasks and the units each task names by role.

A changed column bumps SCHEMA_VERSION: a KB of another version is refused with a message
saying to ingest again (the store never migrates silently). A new table goes in ADDED_TABLES
and a new column that has a default in ADDED_COLUMNS: a KB made before them gets them when
opened (CREATE TABLE, ALTER TABLE … ADD COLUMN), and its old rows read as having the default.

The SQL is SQLite's; the PostgreSQL store translates its types (``kb/store/postgres.py``).
"""
from kb.errors import KBError

SCHEMA_VERSION = "1"

# (table, column, declaration), added in place to a KB that lacks them.
ADDED_COLUMNS = (
    # where the text came from: text | ocr | mixed (vocab.TEXT_SOURCES)
    ("documents", "source", "TEXT NOT NULL DEFAULT 'text'"),
    # mean OCR confidence of the OCR'd characters; NULL without OCR
    ("documents", "ocr_confidence", "REAL"),
    # JSON [[start, end, confidence], …]: the lines of text OCR read, with their confidence
    ("documents", "ocr_spans", "TEXT NOT NULL DEFAULT '[]'"),
    # places the body names, most named first, joined by 、 (ingest.meta.places_named)
    ("documents", "places", "TEXT NOT NULL DEFAULT ''"),
    # the task's deadline year is the document's (the text gave none)
    ("tasks", "deadline_inferred", "INTEGER NOT NULL DEFAULT 0"),
    # how the owners were read: label | phrase | convention:<name> | prose | table | heading
    ("tasks", "owner_source", "TEXT NOT NULL DEFAULT ''"),
    # how far to trust the owners, 0..1 (ingest.task_confidence); NULL: read before it was rated
    ("tasks", "confidence", "REAL"),
    # what a person made of the task (kb.review): '' (not reviewed) | confirmed | edited | added |
    # stale (a correction whose span the extraction no longer gives: to be looked at again)
    ("tasks", "review", "TEXT NOT NULL DEFAULT ''"),
    ("tasks", "reviewed_by", "TEXT NOT NULL DEFAULT ''"),
    ("tasks", "reviewed_at", "TEXT NOT NULL DEFAULT ''"),
    ("tasks", "review_id", "INTEGER"),  # the task_reviews row that made it so
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id      TEXT PRIMARY KEY,          -- content hash
    ingest_seq  INTEGER NOT NULL UNIQUE,   -- listing order; kept when a document is replaced
    file        TEXT NOT NULL,
    path        TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    number      TEXT NOT NULL DEFAULT '',
    issuer      TEXT NOT NULL DEFAULT '',
    date        TEXT NOT NULL DEFAULT '',
    region      TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT 'notice',
    fmt         TEXT NOT NULL DEFAULT 'txt',
    text        TEXT NOT NULL DEFAULT '',
    n_tasks     INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file);
CREATE TABLE IF NOT EXISTS passages (
    id      INTEGER PRIMARY KEY,
    doc_id  TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    section TEXT NOT NULL DEFAULT '',
    text    TEXT NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);
CREATE TABLE IF NOT EXISTS tasks (
    id                INTEGER PRIMARY KEY,
    doc_id            TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    section           TEXT NOT NULL DEFAULT '',
    title             TEXT NOT NULL DEFAULT '',
    text              TEXT NOT NULL,
    lead_units        TEXT NOT NULL DEFAULT '[]',  -- JSON list of units as written
    co_units          TEXT NOT NULL DEFAULT '[]',
    responsible_units TEXT NOT NULL DEFAULT '[]',
    metrics           TEXT NOT NULL DEFAULT '[]',
    deadline          TEXT NOT NULL DEFAULT '',
    deadline_norm     TEXT NOT NULL DEFAULT '',    -- YYYY | YYYY-MM | YYYY-MM-DD | ''
    start             INTEGER NOT NULL DEFAULT 0,
    "end"             INTEGER NOT NULL DEFAULT 0,
    deadline_inferred INTEGER NOT NULL DEFAULT 0,  -- 1: the year is the document's, not written
    owner_source      TEXT NOT NULL DEFAULT '',    -- label | duty_line | phrase | convention:… | prose | table | heading
    confidence        REAL                         -- 0..1, how far to trust the owners
);
CREATE INDEX IF NOT EXISTS tasks_doc ON tasks(doc_id);
CREATE INDEX IF NOT EXISTS tasks_deadline ON tasks(deadline_norm);
CREATE TABLE IF NOT EXISTS task_units (
    task_id   INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('lead', 'co', 'responsible')),
    unit      TEXT NOT NULL,   -- as written in the notice
    canonical TEXT NOT NULL,
    family    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS task_units_task ON task_units(task_id);
CREATE INDEX IF NOT EXISTS task_units_canonical ON task_units(canonical);
CREATE INDEX IF NOT EXISTS task_units_family ON task_units(family);
CREATE INDEX IF NOT EXISTS task_units_role ON task_units(role);
-- A person's corrections to the task table, keyed by the document's content hash and the span
-- of the extracted task they correct (their own span when added): no foreign key, so they
-- outlive a removal and apply again when the same text is imported or extracted anew.
CREATE TABLE IF NOT EXISTS task_reviews (
    id       INTEGER PRIMARY KEY,
    doc_id   TEXT NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('confirmed', 'edited', 'hidden', 'added')),
    task     TEXT NOT NULL,      -- JSON: the task as the reviewer left it (hidden: as extracted)
    matched  INTEGER NOT NULL DEFAULT 1,  -- 0: the last extraction gave no task at this span
    who      TEXT NOT NULL,
    at       TEXT NOT NULL,
    UNIQUE (doc_id, start, "end")
);
CREATE INDEX IF NOT EXISTS task_reviews_doc ON task_reviews(doc_id);
-- Accounts of the app (kb.accounts): the password as an argon2 hash, never the password.
CREATE TABLE IF NOT EXISTS users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    password_hash TEXT NOT NULL DEFAULT '',
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
-- Who did what, when: appended to, never changed (nothing in kb updates or deletes a row).
CREATE TABLE IF NOT EXISTS audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL DEFAULT '',
    before  TEXT NOT NULL DEFAULT '',
    after   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at);
"""

# Tables a KB made before them gets when opened (every statement above is IF NOT EXISTS).
ADDED_TABLES = ("task_reviews", "users", "audit")



def is_current(store) -> bool:
    """The store holds this version's schema: opening it needs no write."""
    found = store.get_meta("schema_version") if store._table_exists("meta") else None
    return (found == SCHEMA_VERSION and not _missing_columns(store)
            and all(store._table_exists(table) for table in ADDED_TABLES))


def create_or_upgrade(store) -> None:
    """Create the schema of a new store, or add ADDED_COLUMNS to an older one; refuse another
    version. Opening a current store writes nothing (readers never write)."""
    if is_current(store):
        return
    # Check the version first: an older schema would fail on the CREATE INDEX statements.
    found = store.get_meta("schema_version") if store._table_exists("meta") else None
    if found not in (None, SCHEMA_VERSION):
        raise KBError(f"{store.where}: schema version {found}, this policykb expects "
                      f"{SCHEMA_VERSION}; ingest the files again into a new KB home")
    store._run_script(SCHEMA)  # every statement is IF NOT EXISTS, so re-running is safe
    if found is None:
        with store._write():
            store._put_meta("schema_version", SCHEMA_VERSION)
    if _missing_columns(store):
        with store._write():  # checked again inside: another process may have just added them
            for table, column, declaration in _missing_columns(store):
                store.conn.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {declaration}')


def _missing_columns(store) -> list[tuple[str, str, str]]:
    present = {table: store._columns(table) for table in {table for table, _, _ in ADDED_COLUMNS}}
    return [added for added in ADDED_COLUMNS if added[1] not in present[added[0]]]
