"""The pipeline database: every release's records merged into drugs and milestones, on SQLite.

`Loader` loads records (`rxnews load`, `rxnews extract --db`); `query` answers the
questions of `rxnews drugs` and `rxnews timeline`; `schema` creates and upgrades the
tables. Plain `sqlite3`: Datasette, sqlite-utils, DuckDB and pandas read the file as is.
"""

from __future__ import annotations

from .load import LoadCounts, Loader
from .schema import connect, schema_version

__all__ = ["LoadCounts", "Loader", "connect", "schema_version"]
