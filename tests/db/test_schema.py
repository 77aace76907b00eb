"""The database file: created with its version, upgraded step by step, foreign files refused."""

import sqlite3

import pytest

from rxnews.db import schema
from rxnews.db.schema import APPLICATION_ID, connect, schema_version
from rxnews.errors import DatabaseError


def test_schema_new_database_is_versioned_in_wal_mode(tmp_path):
    conn = connect(tmp_path / "p.db", create=True)
    assert conn.execute("PRAGMA user_version").fetchone() == (schema_version(),)
    assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    views = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    assert views == {"milestones", "latest_milestones", "events_by_month", "drugs_by_target",
                     "drugs_by_indication", "drugs_by_company"}
    for view in views:  # every view runs on an empty database
        conn.execute(f"SELECT * FROM {view}").fetchall()


def test_schema_opening_again_changes_nothing(tmp_path):
    connect(tmp_path / "p.db", create=True).close()
    before = (tmp_path / "p.db").read_bytes()
    connect(tmp_path / "p.db").close()
    assert (tmp_path / "p.db").read_bytes() == before


def test_schema_migrates_older_database_step_by_step(tmp_path, monkeypatch):
    connect(tmp_path / "p.db", create=True).close()
    steps = []

    def add_note(conn):
        steps.append(2)
        conn.execute("ALTER TABLE releases ADD COLUMN note TEXT")

    def add_index(conn):
        steps.append(3)
        conn.execute("CREATE INDEX releases_note ON releases (note)")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_note, add_index])
    conn = connect(tmp_path / "p.db")
    assert steps == [2, 3]
    assert conn.execute("PRAGMA user_version").fetchone() == (3,)
    assert "note" in [row[1] for row in conn.execute("PRAGMA table_info(releases)")]


def test_schema_failed_migration_step_leaves_the_version_before_it(tmp_path, monkeypatch):
    connect(tmp_path / "p.db", create=True).close()

    def broken(conn):
        conn.execute("ALTER TABLE releases ADD COLUMN note TEXT")
        raise RuntimeError("boom")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    with pytest.raises(RuntimeError, match="^boom$"):
        connect(tmp_path / "p.db")
    conn = sqlite3.connect(tmp_path / "p.db")
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert "note" not in [row[1] for row in conn.execute("PRAGMA table_info(releases)")]


def _foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    return path


def _newer(path):
    connect(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    return path


def _text(path):
    path.write_text("not a database at all, but long enough to have a header of a hundred bytes " * 3)
    return path


def _empty_sqlite(path):
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    return path


@pytest.mark.parametrize("make, create, reason", [
    (_foreign, True, "not an rxnews pipeline database (it holds other tables)"),
    (_newer, True, f"made by a newer rxnews (schema version {schema_version() + 1}; this one knows up to "
                   f"{schema_version()})"),
    (_text, True, "not an SQLite database"),
    (lambda p: p, False, "no such database file"),
    (lambda p: p.mkdir() or p, True, "is a directory, not a database file"),
    (_empty_sqlite, False, "not an rxnews pipeline database yet (load records into it with `rxnews load`)"),
])
def test_schema_refuses_bad_files(tmp_path, make, create, reason):
    path = make(tmp_path / "p.db")
    with pytest.raises(DatabaseError) as err:
        connect(path, create=create)
    assert err.value.reason == reason
    assert str(err.value) == f"{path}: {reason}"
