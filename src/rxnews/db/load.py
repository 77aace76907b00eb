"""Load records into a pipeline database: a transaction per batch of releases, idempotent.

A record whose `source` is already loaded with the same `content_sha256` (or, for
records without one, the same content) is skipped; one with another hash replaces
the old release's facts. A batch that fails or is interrupted is rolled back whole,
so the database is left as it was before that batch.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, Any

from ..errors import DatabaseError, RecordError
from .records import normalise, read_jsonl, record_problem
from .schema import CACHE_KIB, connect
from .store import ReleaseStore

BATCH_SIZE = 2000  # releases per transaction (fewer commits: each one writes every page it dirtied)


@dataclass
class LoadCounts:
    """What a load did, counting committed batches only (and every bad line)."""

    loaded: int = 0  # new releases
    replaced: int = 0  # releases loaded before with other content: their old facts replaced
    unchanged: int = 0  # releases loaded before with the same content: skipped
    failed: int = 0  # records (lines) that could not be loaded

    def add(self, other: LoadCounts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


class Loader:
    """Load records into the database at `path` (created if new).

    Use as a context manager: leaving it commits the last batch, or rolls it back
    when an exception (Ctrl-C too) ends the block.

        with Loader("pipeline.db") as loader:
            loader.add(record)
    """

    def __init__(self, path: str | Path, batch_size: int | None = None) -> None:
        self.path = str(path)
        self.batch_size = batch_size or BATCH_SIZE
        self.conn = connect(path, create=True)
        self.conn.execute(f"PRAGMA journal_size_limit = {CACHE_KIB * 1024}")  # the WAL, once checkpointed
        self.store = ReleaseStore(self.conn)
        self.counts = LoadCounts()
        self._batch = LoadCounts()  # counts of the open transaction
        self._open = False

    def __enter__(self) -> Loader:
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        try:
            if kind is None:
                self.commit()
            else:
                self.rollback()
        finally:
            self.conn.close()

    def add(self, record: dict[str, Any]) -> str:
        """Load one record (plain data); return "loaded", "replaced" or "unchanged".

        Raises `RecordError` for data that is not a record (nothing is written then).
        """
        problem = record_problem(record)
        if problem:
            source = record.get("source") if isinstance(record, dict) else None
            raise RecordError(str(source or "<record>"), None, problem)
        return self._add_checked(normalise(record))

    def _add_checked(self, record: dict[str, Any]) -> str:
        """`add` for a record already checked (`record_problem`) and normalised, as `read_jsonl` gives."""
        try:
            status = self._add(record)
        except sqlite3.OperationalError as err:  # locked past the timeout, disk full, read-only
            self.rollback()
            raise DatabaseError(self.path, str(err)) from None
        setattr(self._batch, status, getattr(self._batch, status) + 1)
        if self._batch.loaded + self._batch.replaced >= self.batch_size:
            self.commit()
        return status

    def _add(self, record: dict[str, Any]) -> str:
        content = record.get("content_sha256")
        digest = hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        self._begin()
        row = self.conn.execute("SELECT release_id, content_sha256, record_sha256 FROM releases "
                                "WHERE source = ?", (record["source"],)).fetchone()
        if row is not None and (row[1] == content if content or row[1] else row[2] == digest):
            return "unchanged"
        values = (content, digest, record.get("title"), record.get("release_date"),
                  record.get("schema_version"))
        if row is not None:
            release_id = row[0]
            self.store.remove(release_id)
            self.conn.execute("UPDATE releases SET content_sha256 = ?, record_sha256 = ?, title = ?, "
                              "release_date = ?, record_version = ? WHERE release_id = ?",
                              (*values, release_id))
        else:
            release_id = self.conn.execute(
                "INSERT INTO releases (source, content_sha256, record_sha256, title, release_date, "
                "record_version) VALUES (?, ?, ?, ?, ?, ?)", (record["source"], *values)).lastrowid
        self.store.store(release_id, record)
        return "replaced" if row is not None else "loaded"

    def load_jsonl(self, paths: Iterable[str], report: Callable[[RecordError], None] | None = None,
                   stdin: IO[bytes] | None = None) -> LoadCounts:
        """Load every record of JSON Lines files ("-" for `stdin`); `report` each bad line, go on."""
        for item in read_jsonl(paths, stdin):
            if isinstance(item, RecordError):
                self.counts.failed += 1
                if report is not None:
                    report(item)
            else:
                self._add_checked(item)  # read_jsonl checked and normalised it
        return self.counts

    def _begin(self) -> None:
        if not self._open:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                raise DatabaseError(self.path, str(err)) from None
            # Re-resolution points rows at drugs before they exist again: checked at COMMIT.
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            self._open = True

    def commit(self) -> None:
        """Commit the open batch (the drugs it touched summarised first)."""
        if not self._open:
            return
        try:
            self.store.drugs.summarise()
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as err:
            self.rollback()
            raise DatabaseError(self.path, str(err)) from None
        self._open = False
        self.counts.add(self._batch)
        self._batch = LoadCounts()

    def rollback(self) -> None:
        """Undo the open batch: the database is as it was before it."""
        if self._open:
            self._open = False
            self._batch = LoadCounts()
            self.store.forget()
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
