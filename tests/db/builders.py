"""Records written for the database tests (invented companies, codes and names), and a dump."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

TABLES = ("releases", "companies", "release_companies", "drugs", "drug_aliases", "drug_tallies", "mentions",
          "mention_names", "targets", "drug_targets", "indications", "drug_indications", "events",
          "event_sources")


def drug(name: str, kind: str = "code", *aliases: str, modality: str | None = None,
         targets: tuple[str, ...] = (), company: str | None = "Acme Bio") -> dict[str, Any]:
    return {"name": name, "kind": kind, "aliases": list(aliases), "modality": modality,
            "targets": list(targets), "company": company,
            "mentions": [{"start": 0, "end": len(name), "text": name}]}


def event(type_: str, drug_name: str | None, date: str | None = None, agency: str | None = "FDA", *,
          planned: bool = False, indication: str | None = None, phase: str | None = None,
          evidence: str = "A sentence.") -> dict[str, Any]:
    precision = {4: "year", 7: "month", 10: "day"}.get(len(date or ""))
    return {"type": type_, "agency": agency, "drug": drug_name, "indication": indication, "phase": phase,
            "date": date, "date_precision": precision, "date_text": date, "date_source": "explicit" if date
            else None, "planned": planned, "evidence": {"start": 0, "end": len(evidence), "text": evidence}}


def record(source: str, drugs: list[dict] = (), events: list[dict] = (), *, release_date: str | None = None,
           targets: list[dict] = (), indications: list[dict] = (), companies: tuple[str, ...] = ("Acme Bio",),
           version: str = "1") -> dict[str, Any]:
    """A record as `rxnews extract` writes it; `version` changes its content hash."""
    return {"schema_version": "1", "source": source, "title": f"News of {source}",
            "release_date": release_date,
            "companies": [{"name": c, "ticker": None, "mentions": []} for c in companies],
            "drugs": list(drugs), "targets": list(targets), "indications": list(indications), "agencies": [],
            "events": list(events), "identifiers": [], "encoding": "utf-8",
            "content_sha256": hashlib.sha256(f"{source} {version}".encode()).hexdigest()}


def target(name: str, symbol: str | None) -> dict[str, Any]:
    return {"name": name, "symbol": symbol, "aliases": [], "mentions": []}


def indication(name: str, doid: str | None = None, *aliases: str) -> dict[str, Any]:
    return {"name": name, "aliases": list(aliases), "doid": doid, "mentions": []}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, and the schema version: equal dumps, equal databases."""
    conn = sqlite3.connect(path)
    try:
        data = {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
                for table in TABLES}
        data["user_version"] = conn.execute("PRAGMA user_version").fetchall()
        return data
    finally:
        conn.close()


def check(path: Path) -> None:
    """The database is sound: integrity and foreign keys."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def drugs_by_name(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each drug's name: (its aliases, sorted; the sources of the releases that name it, sorted)."""
    conn = sqlite3.connect(path)
    try:
        result = {}
        for drug_id, name in conn.execute("SELECT drug_id, name FROM drugs"):
            aliases = sorted({a for (a,) in conn.execute(
                "SELECT name FROM drug_aliases WHERE drug_id = ?", (drug_id,))} - {name})
            sources = sorted(s for (s,) in conn.execute(
                "SELECT DISTINCT r.source FROM mentions m JOIN releases r USING (release_id) "
                "WHERE m.drug_id = ?", (drug_id,)))
            assert name not in result, f"two drugs named {name}"
            result[name] = (aliases, sources)
        return result
    finally:
        conn.close()


def events_of(path: Path) -> list[tuple]:
    """(drug, type, agency, date, precision, planned, sources) of every event, sorted."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT d.name, e.type, e.agency, e.date, e.date_precision, e.planned, "
            "(SELECT group_concat(source, ',') FROM (SELECT DISTINCT r.source FROM event_sources s "
            "JOIN releases r USING (release_id) WHERE s.event_id = e.event_id ORDER BY r.source)) "
            "FROM events e LEFT JOIN drugs d USING (drug_id)").fetchall()
        return sorted(rows, key=repr)
    finally:
        conn.close()
