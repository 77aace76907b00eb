"""Questions to a pipeline database: the drugs that match filters, and one drug's timeline.

Rows are plain data, streamed: drugs are read in chunks, each chunk with one query
per fact (aliases, targets, indications, latest milestone, sources), so a listing of
every drug costs a few queries per 500 drugs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from ..errors import UnknownDrugError
from ..text import fold_key
from .resolve import ALIAS_ORDER
from .schema import placeholders

CHUNK = 500

# Each filter: the drugs it keeps, as a subquery of drug ids (driven by an index).
_FILTERS = {
    "target": "SELECT dt.drug_id FROM targets t JOIN drug_targets dt ON dt.target_id = t.target_id "
              "WHERE t.symbol = :target_symbol OR t.name_key = :target",
    "indication": "SELECT di.drug_id FROM indications i JOIN drug_indications di "
                  "ON di.indication_id = i.indication_id WHERE i.doid = :indication_doid "
                  "OR instr(i.name_key, :indication) > 0",
    "company": "SELECT m.drug_id FROM companies c JOIN mentions m ON m.company_id = c.company_id "
               "WHERE instr(c.key, :company) > 0",
    "agency": "SELECT e.drug_id FROM events e WHERE e.agency = :agency COLLATE NOCASE",
    "since": "SELECT e.drug_id FROM events e WHERE e.date >= substr(:since, 1, 4) AND NOT e.planned "
             "AND e.date >= substr(:since, 1, length(e.date))",
}


def drug_ids(conn: sqlite3.Connection, *, target: str | None = None, indication: str | None = None,
             company: str | None = None, agency: str | None = None, since: str | None = None) -> list[int]:
    """The ids of the drugs that pass every filter given, by name.

    `target`: an HGNC symbol or a target's name (folded); `indication`: a DOID or part of
    an indication's name (folded); `company`: part of the name of a company any release
    gives the drug; `agency`: an agency of one of its events; `since`: an ISO date that one
    of its milestones (not a plan) is not before, at the milestone's precision.
    """
    given = {"target": target, "indication": indication, "company": company, "agency": agency,
             "since": since}
    params: dict[str, Any] = {
        "target": fold_key(target or ""), "target_symbol": (target or "").upper(),
        "indication": fold_key(indication or ""), "indication_doid": (indication or "").upper(),
        "company": fold_key(company or ""), "agency": agency, "since": since}
    where = [f"d.drug_id IN ({_FILTERS[name]})" for name, value in given.items() if value]
    sql = ("SELECT d.drug_id FROM drugs d " + ("WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY d.name COLLATE NOCASE, d.drug_id")
    return [row[0] for row in conn.execute(sql, params)]


def drug_rows(conn: sqlite3.Connection, ids: list[int], *, sources: bool = True) -> Iterator[dict[str, Any]]:
    """One row per drug id, in the order given: names, company, facts, latest milestone, sources."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        marks = placeholders(chunk)
        facts = {name: _grouped(conn, sql.format(marks=marks), chunk) for name, sql in _FACTS.items()
                 if sources or name != "sources"}
        base = {row[0]: row for row in conn.execute(
            "SELECT d.drug_id, d.name, d.kind, c.name, d.modality, d.releases FROM drugs d "
            f"LEFT JOIN companies c ON c.company_id = d.company_id WHERE d.drug_id IN ({marks})", chunk)}
        for drug_id in chunk:
            _, name, kind, company, modality, releases = base[drug_id]
            latest = facts["latest"].get(drug_id)
            names: dict[str, str] = {}  # one name per key, the most frequent of the first kind
            for key, alias in facts["aliases"].get(drug_id, []):
                names.setdefault(key, alias)
            aliases = [alias for key, alias in names.items() if key != fold_key(name)]
            row = {"id": drug_id, "name": name, "kind": kind, "aliases": aliases, "company": company,
                   "modality": modality,
                   "targets": [{"name": n, "symbol": s} for n, s in facts["targets"].get(drug_id, [])],
                   "indications": [{"name": n, "doid": d} for n, d in facts["indications"].get(drug_id, [])],
                   "latest": dict(zip(("type", "date", "agency"), latest[0], strict=True)) if latest
                   else None,
                   "releases": releases}
            if sources:
                row["sources"] = [s for (s,) in facts["sources"].get(drug_id, [])]
            yield row


_FACTS = {
    "aliases": f"SELECT a.drug_id, a.key, a.name FROM drug_aliases a WHERE a.drug_id IN ({{marks}}) "
               f"ORDER BY a.drug_id, {ALIAS_ORDER}",
    "targets": "SELECT dt.drug_id, t.name, t.symbol FROM drug_targets dt JOIN targets t "
               "ON t.target_id = dt.target_id WHERE dt.drug_id IN ({marks}) GROUP BY dt.drug_id, t.target_id "
               "ORDER BY dt.drug_id, count(*) DESC, t.name",
    "indications": "SELECT di.drug_id, i.name, i.doid FROM drug_indications di JOIN indications i "
                   "ON i.indication_id = di.indication_id WHERE di.drug_id IN ({marks}) "
                   "GROUP BY di.drug_id, i.indication_id ORDER BY di.drug_id, count(*) DESC, i.name",
    # The rule of the `latest_milestones` view (schema.py), not the view itself: SQLite (3.40) does not
    # push `drug_id IN` into the view's window, so each chunk would rank every event of the database.
    "latest": "SELECT drug_id, type, date, agency FROM (SELECT e.drug_id, e.type, e.date, e.agency, "
              "row_number() OVER (PARTITION BY e.drug_id ORDER BY e.date DESC, e.event_id DESC) AS rank "
              "FROM events e WHERE e.drug_id IN ({marks}) AND e.date IS NOT NULL AND NOT e.planned) "
              "WHERE rank = 1",
    "sources": "SELECT m.drug_id, r.source FROM mentions m JOIN releases r ON r.release_id = m.release_id "
               "WHERE m.drug_id IN ({marks}) GROUP BY m.drug_id, r.release_id "
               "ORDER BY m.drug_id, r.release_date IS NULL, r.release_date, r.source",
}


def _grouped(conn: sqlite3.Connection, sql: str, ids: list[int]) -> dict[int, list[tuple]]:
    rows = conn.execute(sql, ids)
    return {drug_id: [row[1:] for row in group] for drug_id, group in groupby(rows, key=lambda r: r[0])}


def find_drug(conn: sqlite3.Connection, name: str, path: str = "") -> tuple[int, list[str]]:
    """The drug that `name` (any alias, folded) names, and the names of other drugs it also names.

    Where the guard kept several products apart under one name, the one whose own name
    it is wins, then the one most releases name. Raises `UnknownDrugError`.
    """
    key = fold_key(name)
    rows = conn.execute("SELECT DISTINCT d.drug_id, d.name, d.releases FROM drug_aliases a "
                        "JOIN drugs d ON d.drug_id = a.drug_id WHERE a.key = ?", (key,)).fetchall()
    if not key or not rows:
        raise UnknownDrugError(path, name)
    rows.sort(key=lambda r: (fold_key(r[1]) != key, -r[2], r[0]))
    return rows[0][0], [r[1] for r in rows[1:]]


def timeline(conn: sqlite3.Connection, drug_id: int) -> dict[str, Any]:
    """A drug and its events in date order (undated last), each with every release that reports it."""
    drug = next(drug_rows(conn, [drug_id]))
    events = conn.execute(
        "SELECT e.event_id, e.type, e.date, e.date_precision, e.agency, e.planned, i.name, e.phase "
        "FROM events e LEFT JOIN indications i ON i.indication_id = e.indication_id WHERE e.drug_id = ? "
        "ORDER BY e.date IS NULL, e.date, e.event_id", (drug_id,)).fetchall()
    reports = _grouped(conn, (
        "SELECT s.event_id, r.source, r.release_date, s.date_text, s.evidence FROM event_sources s "
        "JOIN releases r ON r.release_id = s.release_id JOIN events e ON e.event_id = s.event_id "
        "WHERE e.drug_id = ? ORDER BY s.event_id, r.release_date IS NULL, r.release_date, r.source, s.seq"),
        [drug_id])
    return {"drug": drug, "events": [
        {"type": kind, "date": date, "date_precision": precision, "agency": agency, "planned": bool(planned),
         "indication": indication, "phase": phase,
         "sources": [{"source": source, "release_date": released, "date_text": date_text,
                      "evidence": evidence}
                     for source, released, date_text, evidence in reports.get(event_id, [])]}
        for event_id, kind, date, precision, agency, planned, indication, phase in events]}
