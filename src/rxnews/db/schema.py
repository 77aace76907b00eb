"""The pipeline database's tables, indexes and views, its version and the steps that upgrade it.

A database is rxnews's when its `PRAGMA application_id` is `APPLICATION_ID`; its
`PRAGMA user_version` is the version of its schema. `MIGRATIONS[n]` upgrades version
n to n + 1 (version 0 is an empty file), each step in a transaction of its own, so a
database made by any earlier rxnews is brought up to date step by step when opened.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sized
from pathlib import Path

from ..errors import DatabaseError

APPLICATION_ID = 0x52584E57  # "RXNW"
BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another one to finish
CACHE_KIB = 64 * 1024  # SQLite's page cache per connection: big enough for the indexes, and bounded

TABLES = """
CREATE TABLE releases (            -- one row per loaded record (input document)
    release_id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,   -- the record's `source`: a release is replaced by source
    content_sha256 TEXT,           -- SHA-256 of the input bytes (null for Python API records)
    record_sha256 TEXT NOT NULL,   -- SHA-256 of the record itself, to compare those without one
    title TEXT,
    release_date TEXT,
    record_version TEXT            -- the record's `schema_version`
);
CREATE TABLE companies (
    company_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,            -- as first written
    key TEXT NOT NULL UNIQUE       -- folded name (rxnews.text.fold_key)
);
CREATE TABLE release_companies (
    release_id INTEGER NOT NULL REFERENCES releases (release_id),
    position INTEGER NOT NULL,     -- order in the record: the first is the issuer
    company_id INTEGER NOT NULL REFERENCES companies (company_id),
    ticker TEXT,
    PRIMARY KEY (release_id, position)
);
CREATE TABLE drugs (               -- one product across releases
    drug_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,            -- a code, else an INN, else a brand (the most frequent of its kind)
    kind TEXT NOT NULL CHECK (kind IN ('code', 'inn', 'brand')),
    modality TEXT,                 -- the most frequent in its releases
    company_id INTEGER REFERENCES companies (company_id),  -- likewise
    releases INTEGER NOT NULL DEFAULT 0   -- how many releases name it
);
CREATE TABLE drug_aliases (        -- every name of a drug: the index entity resolution reads
    drug_id INTEGER NOT NULL REFERENCES drugs (drug_id),
    key TEXT NOT NULL,             -- folded name
    kind TEXT NOT NULL CHECK (kind IN ('code', 'inn', 'brand')),
    name TEXT NOT NULL,            -- as first written
    items INTEGER NOT NULL,        -- how many drug items (of releases) carry it
    named INTEGER NOT NULL,        -- how many of them have it as their `name`
    PRIMARY KEY (drug_id, key, kind)
) WITHOUT ROWID;
CREATE TABLE drug_tallies (        -- bookkeeping: how many items of a drug give each release, modality,
    drug_id INTEGER NOT NULL REFERENCES drugs (drug_id),  -- company (keeps `drugs` current in constant time)
    field TEXT NOT NULL CHECK (field IN ('release', 'modality', 'company')),
    value TEXT NOT NULL,           -- a release_id, a modality or a company_id
    items INTEGER NOT NULL,
    PRIMARY KEY (drug_id, field, value)
) WITHOUT ROWID;
CREATE TABLE mentions (            -- each drug item of each release, and the drug it is
    release_id INTEGER NOT NULL REFERENCES releases (release_id),
    item INTEGER NOT NULL,         -- position in the record's `drugs`
    drug_id INTEGER REFERENCES drugs (drug_id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    modality TEXT,
    company_id INTEGER REFERENCES companies (company_id),
    mention_count INTEGER NOT NULL,
    first_start INTEGER,           -- the first mention's offsets in the release's text
    first_end INTEGER,
    PRIMARY KEY (release_id, item)
);
CREATE TABLE mention_names (       -- every name of each drug item (folded, with its kind)
    release_id INTEGER NOT NULL REFERENCES releases (release_id),
    item INTEGER NOT NULL,
    position INTEGER NOT NULL,     -- 0: the item's name, then its aliases
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (release_id, item, position)
) WITHOUT ROWID;
CREATE TABLE targets (
    target_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    symbol TEXT,                   -- HGNC symbol, null for families
    key TEXT NOT NULL UNIQUE,      -- the symbol, else 'name:' and the folded name
    name_key TEXT NOT NULL
);
CREATE TABLE drug_targets (
    drug_id INTEGER NOT NULL REFERENCES drugs (drug_id),
    target_id INTEGER NOT NULL REFERENCES targets (target_id),
    release_id INTEGER NOT NULL REFERENCES releases (release_id),
    item INTEGER NOT NULL,
    PRIMARY KEY (release_id, item, target_id)
);
CREATE TABLE indications (
    indication_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    doid TEXT,                     -- Disease Ontology ID
    key TEXT NOT NULL UNIQUE,      -- the DOID, else 'name:' and the folded name
    name_key TEXT NOT NULL
);
CREATE TABLE drug_indications (
    drug_id INTEGER NOT NULL REFERENCES drugs (drug_id),
    indication_id INTEGER NOT NULL REFERENCES indications (indication_id),
    release_id INTEGER NOT NULL REFERENCES releases (release_id),
    item INTEGER NOT NULL,
    via TEXT NOT NULL CHECK (via IN ('event', 'sole_drug')),
    PRIMARY KEY (release_id, item, indication_id)
);
CREATE TABLE events (              -- one milestone across releases
    event_id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    drug_id INTEGER REFERENCES drugs (drug_id),
    agency TEXT,
    date TEXT,                     -- the most precise date any source gives
    date_precision TEXT,
    planned INTEGER NOT NULL,      -- 1 while every source reports it as a plan
    indication_id INTEGER REFERENCES indications (indication_id),
    phase TEXT
);
CREATE TABLE event_sources (       -- each event of each release, and the event it is
    release_id INTEGER NOT NULL REFERENCES releases (release_id),
    seq INTEGER NOT NULL,          -- position in the record's `events`
    event_id INTEGER REFERENCES events (event_id),
    item INTEGER,                  -- the drug item of the release it names
    type TEXT NOT NULL,
    drug TEXT,
    agency TEXT,
    indication_id INTEGER REFERENCES indications (indication_id),
    phase TEXT,
    date TEXT,
    date_precision TEXT,
    date_text TEXT,
    date_source TEXT,
    planned INTEGER NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence TEXT,
    PRIMARY KEY (release_id, seq)
);
"""

INDEXES = """
CREATE INDEX release_companies_company ON release_companies (company_id);
CREATE INDEX drug_aliases_key ON drug_aliases (key);
CREATE INDEX mentions_drug ON mentions (drug_id);
CREATE INDEX mentions_company ON mentions (company_id);
CREATE INDEX mention_names_key ON mention_names (key);
CREATE INDEX targets_symbol ON targets (symbol);
CREATE INDEX targets_name_key ON targets (name_key);
CREATE INDEX drug_targets_target ON drug_targets (target_id, drug_id);
CREATE INDEX drug_targets_drug ON drug_targets (drug_id);
CREATE INDEX indications_doid ON indications (doid);
CREATE INDEX drug_indications_indication ON drug_indications (indication_id, drug_id);
CREATE INDEX drug_indications_drug ON drug_indications (drug_id);
CREATE INDEX events_drug ON events (drug_id, type);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_agency ON events (agency COLLATE NOCASE);
CREATE INDEX event_sources_event ON event_sources (event_id);
CREATE INDEX releases_date ON releases (release_date);
"""

VIEWS = """
CREATE VIEW milestones AS          -- every event with its drug's name and how many releases report it
SELECT e.event_id, e.drug_id, d.name AS drug, e.type, e.date, e.date_precision,
       substr(e.date, 1, 7) AS month, e.agency, e.planned, i.name AS indication, e.phase,
       (SELECT count(DISTINCT s.release_id) FROM event_sources s WHERE s.event_id = e.event_id) AS releases
FROM events e LEFT JOIN drugs d ON d.drug_id = e.drug_id
LEFT JOIN indications i ON i.indication_id = e.indication_id;
CREATE VIEW latest_milestones AS   -- each drug's latest dated milestone that is not a plan
SELECT drug_id, drug, event_id, type, date, date_precision, agency FROM (
    SELECT d.drug_id, d.name AS drug, e.event_id, e.type, e.date, e.date_precision, e.agency,
           row_number() OVER (PARTITION BY e.drug_id ORDER BY e.date DESC, e.event_id DESC) AS rank
    FROM events e JOIN drugs d ON d.drug_id = e.drug_id
    WHERE e.date IS NOT NULL AND NOT e.planned)
WHERE rank = 1;
CREATE VIEW events_by_month AS     -- events dated to the month or better, counted per month and type
SELECT substr(date, 1, 7) AS month, type, planned, count(*) AS events, count(DISTINCT drug_id) AS drugs
FROM events WHERE length(date) >= 7
GROUP BY month, type, planned;
CREATE VIEW drugs_by_target AS
SELECT DISTINCT t.target_id, t.name AS target, t.symbol, d.drug_id, d.name AS drug, d.modality,
       c.name AS company
FROM drug_targets dt JOIN targets t ON t.target_id = dt.target_id
JOIN drugs d ON d.drug_id = dt.drug_id LEFT JOIN companies c ON c.company_id = d.company_id;
CREATE VIEW drugs_by_indication AS
SELECT DISTINCT i.indication_id, i.name AS indication, i.doid, d.drug_id, d.name AS drug, d.modality,
       c.name AS company
FROM drug_indications di JOIN indications i ON i.indication_id = di.indication_id
JOIN drugs d ON d.drug_id = di.drug_id LEFT JOIN companies c ON c.company_id = d.company_id;
CREATE VIEW drugs_by_company AS    -- every company a release gives a drug, with how many releases do
SELECT c.company_id, c.name AS company, d.drug_id, d.name AS drug, d.modality,
       count(DISTINCT m.release_id) AS releases
FROM mentions m JOIN companies c ON c.company_id = m.company_id JOIN drugs d ON d.drug_id = m.drug_id
GROUP BY c.company_id, d.drug_id;
"""


def _create_v1(conn: sqlite3.Connection) -> None:
    for script in (TABLES, INDEXES, VIEWS):
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)


# MIGRATIONS[n] upgrades a database of version n to n + 1; append a step for each change.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_v1]


def placeholders(values: Sized) -> str:
    """The `?` placeholders of one SQL parameter per value, for `IN (...)` or `VALUES (...)`: "?,?,?"."""
    return ",".join("?" * len(values))


def schema_version() -> int:
    """The version of the schema this rxnews writes (the number of migration steps)."""
    return len(MIGRATIONS)


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """Open a pipeline database, upgraded to the current schema; `create` it if it is new.

    Raises `DatabaseError` for a missing file (unless `create`), a file that is not
    SQLite, an SQLite database of something else, or one made by a newer rxnews.
    """
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(str(path), "is a directory, not a database file")
    if not create and not path.exists():
        raise DatabaseError(str(path), "no such database file")
    try:
        # Autocommit: the loader opens its own transactions (BEGIN IMMEDIATE ... COMMIT).
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as err:
        raise DatabaseError(str(path), f"cannot open: {err}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # In WAL mode, NORMAL never corrupts the file; a power cut may undo the last transactions.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        _check_and_migrate(conn, str(path), create)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as err:
        conn.close()
        reason = str(err)
        if "not a database" in reason or "malformed" in reason:
            reason = "not an SQLite database" if "not a database" in reason else reason
        raise DatabaseError(str(path), reason) from None
    except DatabaseError:
        conn.close()
        raise
    return conn


def _check_and_migrate(conn: sqlite3.Connection, path: str, create: bool) -> None:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if application_id != APPLICATION_ID:
        if tables or application_id:
            raise DatabaseError(path, "not an rxnews pipeline database (it holds other tables)")
        if not create:
            raise DatabaseError(path, "not an rxnews pipeline database yet (load records into it "
                                      "with `rxnews load`)")
        version = 0
    if version > schema_version():
        raise DatabaseError(path, f"made by a newer rxnews (schema version {version}; this one "
                                  f"knows up to {schema_version()})")
    if version == 0:
        conn.execute("PRAGMA journal_mode = WAL")  # kept by the file: readers never wait for a load
    migrate(conn, version)


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Upgrade a database from schema `version` to the current one, a transaction per step."""
    for step in range(version, schema_version()):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {step + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
