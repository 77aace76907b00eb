"""The facts of one release written to the database, or removed from it, in an open transaction."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..text import fold_key
from .events import EventResolver, Reported
from .names import item_names
from .resolve import DrugResolver
from .schema import placeholders

CACHE_SIZE = 65_536  # entity ids remembered per kind, then forgotten (memory stays bounded)


class ReleaseStore:
    """Write and remove the facts of releases: companies, drugs, targets, indications, events."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.events = EventResolver(conn)
        self.drugs = DrugResolver(conn, self.events)
        self._ids: dict[str, dict[str, int]] = {"companies": {}, "targets": {}, "indications": {}}

    def forget(self) -> None:
        """Drop the remembered entity ids (after a rollback, or after entities were deleted)."""
        for cache in self._ids.values():
            cache.clear()
        self.drugs.touched.clear()

    def _entity(self, table: str, key: str, values: dict[str, Any]) -> int:
        """The id of the company, target or indication with this key, created if new."""
        cache = self._ids[table]
        found = cache.get(key)
        if found is None:
            row = self.conn.execute(f"SELECT rowid FROM {table} WHERE key = ?", (key,)).fetchone()
            if row is None:
                columns = ["key", *values]
                found = self.conn.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders(columns)})",
                    [key, *values.values()]).lastrowid
            else:
                found = row[0]
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            cache[key] = found
        return found

    def company(self, name: str | None) -> int | None:
        key = fold_key(name or "")
        return self._entity("companies", key, {"name": name}) if key else None

    def target(self, name: str, symbol: str | None) -> int:
        key = symbol.upper() if symbol else "name:" + fold_key(name)
        return self._entity("targets", key, {"name": name, "symbol": symbol, "name_key": fold_key(name)})

    def indication(self, name: str, doid: str | None) -> int:
        key = doid if doid else "name:" + fold_key(name)
        return self._entity("indications", key, {"name": name, "doid": doid, "name_key": fold_key(name)})

    def store(self, release_id: int, record: dict[str, Any]) -> None:
        """Write a record's facts under its release (whose row exists)."""
        conn = self.conn
        conn.executemany("INSERT INTO release_companies (release_id, position, company_id, ticker) "
                         "VALUES (?, ?, ?, ?)",
                         [(release_id, position, company_id, c.get("ticker"))
                          for position, c in enumerate(record["companies"])
                          if (company_id := self.company(c["name"])) is not None])
        symbols = {t["name"]: t.get("symbol") for t in record["targets"]}
        diseases: dict[str, dict[str, Any]] = {}  # every folded name and alias of the record's indications
        for i in record["indications"]:
            for name in [i["name"], *i.get("aliases", [])]:
                diseases.setdefault(fold_key(name), i)
        items: dict[str, int] = {}  # drug names (as written, then folded) -> item
        for item, drug in enumerate(record["drugs"]):
            names = item_names(drug)
            if not names:
                continue
            drug_id = self.drugs.resolve(names)
            items.setdefault(drug["name"], item)
            for key, _, _ in names:
                items.setdefault(key, item)
            first = drug["mentions"][0] if drug.get("mentions") else {}
            company_id = self.company(drug.get("company"))
            conn.execute("INSERT INTO mentions (release_id, item, drug_id, name, kind, modality, company_id, "
                         "mention_count, first_start, first_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (release_id, item, drug_id, drug["name"], names[0][1], drug.get("modality"),
                          company_id, len(drug.get("mentions", [])), first.get("start"), first.get("end")))
            self.drugs.count(drug_id, release_id, drug.get("modality"), company_id, 1)
            conn.executemany("INSERT INTO mention_names (release_id, item, position, key, kind, name) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             [(release_id, item, position, *name) for position, name in enumerate(names)])
            conn.executemany("INSERT OR IGNORE INTO drug_targets (drug_id, target_id, release_id, item) "
                             "VALUES (?, ?, ?, ?)",
                             [(drug_id, self.target(name, symbols.get(name)), release_id, item)
                              for name in drug.get("targets", [])])
        # Read back: a later item may have merged the drug of an earlier one into another.
        drug_of = dict(conn.execute("SELECT item, drug_id FROM mentions WHERE release_id = ?", (release_id,)))
        links: list[tuple[int, int, str]] = []  # (item, indication, via)
        for seq, event in enumerate(record["events"]):
            item = items.get(event.get("drug") or "")
            if item is None and event.get("drug"):
                item = items.get(fold_key(event["drug"]))
            indication_id = None
            if event.get("indication"):
                disease = diseases.get(fold_key(event["indication"]), {"name": event["indication"]})
                indication_id = self.indication(disease["name"], disease.get("doid"))
                if item is not None:
                    links.append((item, indication_id, "event"))
            self._store_event(release_id, seq, event, item, drug_of.get(item), indication_id)
        if len(set(drug_of.values())) == 1:  # the only drug of the release: its indications are the drug's
            links.extend((min(drug_of), self.indication(i["name"], i.get("doid")), "sole_drug")
                         for i in record["indications"])
        conn.executemany("INSERT OR IGNORE INTO drug_indications (drug_id, indication_id, release_id, item, "
                         "via) VALUES (?, ?, ?, ?, ?)",
                         [(drug_of[item], indication_id, release_id, item, via)
                          for item, indication_id, via in links])

    def _store_event(self, release_id: int, seq: int, event: dict[str, Any], item: int | None,
                     drug_id: int | None, indication_id: int | None) -> None:
        planned = bool(event.get("planned"))
        event_id = self.events.attach(Reported(event["type"], drug_id, event.get("agency"), event.get("date"),
                                               event.get("date_precision"), planned, indication_id,
                                               event.get("phase")))
        evidence = event.get("evidence") or {}
        self.conn.execute(
            "INSERT INTO event_sources (release_id, seq, event_id, item, type, drug, agency, indication_id, "
            "phase, date, date_precision, date_text, date_source, planned, evidence_start, evidence_end, "
            "evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (release_id, seq, event_id, item, event["type"], event.get("drug"), event.get("agency"),
             indication_id, event.get("phase"), event.get("date"), event.get("date_precision"),
             event.get("date_text"), event.get("date_source"), int(planned), evidence.get("start"),
             evidence.get("end"), evidence.get("text")))

    def remove(self, release_id: int) -> None:
        """Remove a release's facts (not its row); its drugs are resolved again without them."""
        conn = self.conn

        def ids(query: str) -> list[int]:
            return [r[0] for r in conn.execute(query, {"release": release_id}) if r[0] is not None]

        event_ids = ids("SELECT DISTINCT event_id FROM event_sources WHERE release_id = :release")
        orphans = {
            "targets": ids("SELECT target_id FROM drug_targets WHERE release_id = :release"),
            "indications": ids("SELECT indication_id FROM drug_indications WHERE release_id = :release "
                               "UNION SELECT indication_id FROM event_sources WHERE release_id = :release"),
            "companies": ids("SELECT company_id FROM release_companies WHERE release_id = :release "
                             "UNION SELECT company_id FROM mentions WHERE release_id = :release")}
        items = conn.execute("SELECT drug_id, release_id, item, modality, company_id FROM mentions "
                             "WHERE release_id = ?", (release_id,)).fetchall()
        names = conn.execute("SELECT m.drug_id, n.item, n.position, n.key, n.kind FROM mention_names n "
                             "JOIN mentions m "
                             "ON m.release_id = n.release_id AND m.item = n.item WHERE n.release_id = ?",
                             (release_id,)).fetchall()
        for table in ("event_sources", "drug_targets", "drug_indications", "mention_names", "mentions",
                      "release_companies"):
            conn.execute(f"DELETE FROM {table} WHERE release_id = ?", (release_id,))
        self.drugs.reresolve(self.drugs.remove_items(items, names))
        self.events.refresh(event_ids)
        for table, candidates in orphans.items():
            conn.executemany(_ORPHAN[table], [(c,) for c in set(candidates)])
        for cache in self._ids.values():
            cache.clear()


# Deletes a company, target or indication (its id the parameter) that nothing refers to any more.
_ORPHAN = {
    "targets": "DELETE FROM targets WHERE target_id = ?1 AND NOT EXISTS "
               "(SELECT 1 FROM drug_targets WHERE target_id = ?1)",
    "indications": "DELETE FROM indications WHERE indication_id = ?1 "
                   "AND NOT EXISTS (SELECT 1 FROM drug_indications WHERE indication_id = ?1) "
                   "AND NOT EXISTS (SELECT 1 FROM event_sources WHERE indication_id = ?1)",
    "companies": "DELETE FROM companies WHERE company_id = ?1 "
                 "AND NOT EXISTS (SELECT 1 FROM release_companies WHERE company_id = ?1) "
                 "AND NOT EXISTS (SELECT 1 FROM mentions WHERE company_id = ?1)",
}
