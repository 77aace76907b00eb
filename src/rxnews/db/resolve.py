"""Entity resolution of drugs across releases, incremental, through the alias index.

Two drug items are one drug when they share a folded name (code, INN or brand),
transitively, unless the guard (`compatible`) says the two sides name different
products: two different INNs never merge, and two different codes merge only
through a shared INN (a brand alone, or a code-less alias, does not weld them).
An item is looked up by its folded names in `drug_aliases` (indexed by key), so
each item costs a few index lookups, whatever the size of the database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from .events import EventResolver
from .schema import placeholders

Profile = dict[str, set[str]]  # folded name -> the kinds it is given ("code", "inn", "brand")


def profile_of(names: Iterable[tuple[str, str, str]]) -> Profile:
    """The profile of an item's (key, kind, name) triples."""
    profile: Profile = {}
    for key, kind, _ in names:
        profile.setdefault(key, set()).add(kind)
    return profile


def _of_kind(profile: Profile, kind: str) -> set[str]:
    return {key for key, kinds in profile.items() if kind in kinds}


def compatible(a: Profile, b: Profile) -> bool:
    """Whether two sides that share a name may be one product (the guard against a wrong alias).

    An INN or code of one side that is any name of the other counts as shared, so a
    name classified differently on each side ("sac-TMT") still agrees.
    """
    a_inns, b_inns = _of_kind(a, "inn"), _of_kind(b, "inn")
    shared_inn = bool(a_inns & b.keys() or b_inns & a.keys())
    if a_inns and b_inns and not shared_inn:
        return False
    a_codes, b_codes = _of_kind(a, "code"), _of_kind(b, "code")
    shared_code = bool(a_codes & b.keys() or b_codes & a.keys())
    return not (a_codes and b_codes and not shared_code and not shared_inn)


class DrugResolver:
    """Drug items to drug entities, in one open transaction of `conn`.

    `touched` collects the drugs whose summary (name, modality, ...) must be recomputed.
    """

    def __init__(self, conn: sqlite3.Connection, events: EventResolver) -> None:
        self.conn = conn
        self.events = events
        self.touched: set[int] = set()
        self._free: list[int] = []  # ids of drugs being re-resolved, reused smallest first

    def profile(self, drug_id: int) -> Profile:
        """The names and kinds a drug entity has."""
        profile: Profile = {}
        for key, kind in self.conn.execute("SELECT key, kind FROM drug_aliases WHERE drug_id = ?",
                                           (drug_id,)):
            profile.setdefault(key, set()).add(kind)
        return profile

    def resolve(self, names: list[tuple[str, str, str]]) -> int:
        """The drug of an item with these (key, kind, name) names; its aliases are counted in.

        Candidates share a name with the item, most shared names first; each joins the
        item while it stays compatible with the item and every candidate taken so far,
        so that one wrong alias cannot weld two products. Several candidates taken
        are merged into one drug.
        """
        keys = [key for key, _, _ in names]
        rows = self.conn.execute(
            f"SELECT drug_id FROM drug_aliases WHERE key IN ({placeholders(keys)}) "
            "GROUP BY drug_id ORDER BY count(DISTINCT key) DESC, drug_id", keys).fetchall()
        seen = profile_of(names)
        chosen: list[int] = []
        for (drug_id,) in rows:
            other = self.profile(drug_id)
            if compatible(seen, other):
                chosen.append(drug_id)
                for key, kinds in other.items():
                    seen.setdefault(key, set()).update(kinds)
        if not chosen:
            key, kind, name = names[0]
            drug_id = self.conn.execute("INSERT INTO drugs (drug_id, name, kind) VALUES (?, ?, ?)",
                                        (self._free.pop(0) if self._free else None, name, kind)).lastrowid
        else:
            drug_id = min(chosen)
            others = [d for d in chosen if d != drug_id]
            if others:
                self.merge(drug_id, others)
        self.conn.executemany(
            "INSERT INTO drug_aliases (drug_id, key, kind, name, items, named) VALUES (?, ?, ?, ?, 1, ?) "
            "ON CONFLICT (drug_id, key, kind) DO UPDATE SET items = items + 1, "
            "named = named + excluded.named",
            [(drug_id, key, kind, name, int(position == 0))
             for position, (key, kind, name) in enumerate(names)])
        self.touched.add(drug_id)
        return drug_id

    def merge(self, keep: int, others: list[int]) -> None:
        """Merge drugs `others` into `keep`: their items, aliases and events."""
        marks = placeholders(others)
        for table in ("mentions", "drug_targets", "drug_indications"):
            self.conn.execute(f"UPDATE {table} SET drug_id = ? WHERE drug_id IN ({marks})", [keep, *others])
        self.conn.execute(
            "INSERT INTO drug_aliases (drug_id, key, kind, name, items, named) "
            f"SELECT ?, key, kind, name, items, named FROM drug_aliases WHERE drug_id IN ({marks}) "
            "ORDER BY drug_id ON CONFLICT (drug_id, key, kind) "
            "DO UPDATE SET items = items + excluded.items, named = named + excluded.named", [keep, *others])
        self.conn.execute(f"DELETE FROM drug_aliases WHERE drug_id IN ({marks})", others)
        added = self.conn.execute(  # releases that name one of the others but not `keep`
            "SELECT count(DISTINCT o.value) FROM drug_tallies o WHERE o.field = 'release' AND "
            f"o.drug_id IN ({marks}) AND NOT EXISTS (SELECT 1 FROM drug_tallies k WHERE k.drug_id = ? "
            "AND k.field = 'release' AND k.value = o.value)", [*others, keep]).fetchone()[0]
        self.conn.execute(
            "INSERT INTO drug_tallies (drug_id, field, value, items) "
            f"SELECT ?, field, value, items FROM drug_tallies WHERE drug_id IN ({marks}) ORDER BY drug_id "
            "ON CONFLICT (drug_id, field, value) DO UPDATE SET items = items + excluded.items",
            [keep, *others])
        self.conn.execute(f"DELETE FROM drug_tallies WHERE drug_id IN ({marks})", others)
        self.conn.execute("UPDATE drugs SET releases = releases + ? WHERE drug_id = ?", (added, keep))
        self.events.rebuild(others)  # their events join those of `keep` they agree with
        self.conn.execute(f"DELETE FROM drugs WHERE drug_id IN ({marks})", others)
        self.touched.difference_update(others)

    def count(self, drug_id: int, release_id: int, modality: str | None, company_id: int | None,
              delta: int) -> None:
        """Count an item in (`delta` 1) or out (-1) of its drug's tallies: release, modality, company.

        The tallies keep the summary of a drug (its release count, its most frequent
        modality and company) up to date without reading all its items again.
        """
        for field, value in (("release", release_id), ("modality", modality), ("company", company_id)):
            if value is None:
                continue
            row = self.conn.execute("SELECT items FROM drug_tallies WHERE drug_id = ? AND field = ? "
                                    "AND value = ?", (drug_id, field, value)).fetchone()
            items = (row[0] if row else 0) + delta
            if items > 0 and row:
                self.conn.execute("UPDATE drug_tallies SET items = ? WHERE drug_id = ? AND field = ? "
                                  "AND value = ?", (items, drug_id, field, value))
            elif items > 0:
                self.conn.execute("INSERT INTO drug_tallies (drug_id, field, value, items) "
                                  "VALUES (?, ?, ?, ?)", (drug_id, field, value, items))
            elif row:
                self.conn.execute("DELETE FROM drug_tallies WHERE drug_id = ? AND field = ? AND value = ?",
                                  (drug_id, field, value))
            if field == "release" and (items > 0) != bool(row):  # a release more, or one less
                self.conn.execute("UPDATE drugs SET releases = releases + ? WHERE drug_id = ?",
                                  (1 if items > 0 else -1, drug_id))

    def remove_items(self, items: list[tuple[int, int, int, str | None, int | None]],
                     names: list[tuple[int, int, int, str, str]]) -> list[int]:
        """Count removed items (drug_id, release_id, item, modality, company_id) and their names
        (drug_id, item, position, key, kind) out of their drugs, whose rows are already deleted.

        Return the drugs that may split without those items (to `reresolve`); a drug left
        without items is deleted. An item cannot have joined two groups of items when at
        most one of its names is still held by others, or when another item holds all of
        them: most removals need no resolution again.
        """
        for drug_id, release_id, _, modality, company_id in items:
            self.count(drug_id, release_id, modality, company_id, -1)
        self.conn.executemany("UPDATE drug_aliases SET items = items - 1, named = named - ? "
                              "WHERE drug_id = ? AND key = ? AND kind = ?",
                              [(int(position == 0), drug_id, key, kind)
                               for drug_id, _, position, key, kind in names])
        self.conn.executemany("DELETE FROM drug_aliases WHERE drug_id = ? AND key = ? AND items <= 0",
                              [(drug_id, key) for drug_id, _, _, key, _ in names])
        keys_of: dict[tuple[int, int], set[str]] = {}
        for drug_id, item, _, key, _ in names:
            keys_of.setdefault((drug_id, item), set()).add(key)
        split: set[int] = set()
        for (drug_id, _), keys in keys_of.items():
            self.touched.add(drug_id)
            if drug_id in split:
                continue
            if not self._exists("SELECT 1 FROM mentions WHERE drug_id = ? LIMIT 1", drug_id):
                for table in ("drug_aliases", "drug_tallies", "drugs"):
                    self.conn.execute(f"DELETE FROM {table} WHERE drug_id = ?", (drug_id,))
                continue
            held = [key for key in sorted(keys)
                    if self._exists("SELECT 1 FROM drug_aliases WHERE drug_id = ? AND key = ?", drug_id, key)]
            if len(held) > 1 and not self._held_together(drug_id, held):
                split.add(drug_id)
        return sorted(split)

    def _exists(self, sql: str, *params: object) -> bool:
        return self.conn.execute(sql, params).fetchone() is not None

    def _held_together(self, drug_id: int, keys: list[str]) -> bool:
        """Whether one item of the drug has all these names."""
        return self._exists(
            "SELECT 1 FROM mention_names n JOIN mentions m ON m.release_id = n.release_id "
            f"AND m.item = n.item WHERE m.drug_id = ? AND n.key IN ({placeholders(keys)}) "
            "GROUP BY n.release_id, n.item HAVING count(DISTINCT n.key) = ? LIMIT 1",
            drug_id, *keys, len(keys))

    def reresolve(self, drug_ids: list[int]) -> None:
        """Resolve again the remaining items of these drugs (after a release is removed).

        A drug whose items no longer share names splits; one without items is deleted.
        Ids are reused, smallest first, so a drug that does not split keeps its id.
        """
        if not drug_ids:
            return
        marks = placeholders(drug_ids)
        items = self.conn.execute("SELECT release_id, item, modality, company_id FROM mentions "
                                  f"WHERE drug_id IN ({marks}) ORDER BY release_id, item",
                                  drug_ids).fetchall()
        sources = self.events.detach(drug_ids)
        for table in ("drug_aliases", "drug_tallies", "drugs"):
            self.conn.execute(f"DELETE FROM {table} WHERE drug_id IN ({marks})", drug_ids)
        self.touched.difference_update(drug_ids)
        self._free = sorted(drug_ids)
        try:
            for release_id, item, modality, company_id in items:
                names = self.conn.execute("SELECT key, kind, name FROM mention_names "
                                          "WHERE release_id = ? AND item = ? ORDER BY position",
                                          (release_id, item)).fetchall()
                drug_id = self.resolve(names)
                self.assign(release_id, item, drug_id)
                self.count(drug_id, release_id, modality, company_id, 1)
        finally:
            self._free = []
        self.events.attach_all(sources)

    def assign(self, release_id: int, item: int, drug_id: int) -> None:
        """Point an item's rows (mention, targets, indications) at a drug."""
        for table in ("mentions", "drug_targets", "drug_indications"):
            self.conn.execute(f"UPDATE {table} SET drug_id = ? WHERE release_id = ? AND item = ?",
                              (drug_id, release_id, item))

    def summarise(self) -> None:
        """Recompute name, kind, modality and company of the touched drugs (from aliases and tallies)."""
        touched = sorted(self.touched)
        for start in range(0, len(touched), 500):
            chunk = touched[start:start + 500]
            self.conn.execute(_SUMMARY.format(marks=placeholders(chunk)), chunk)
        self.touched.clear()


# The order of preference of a drug's aliases (`drug_aliases a`) as its name: a code, then an INN,
# then a brand; of one kind, the one most items have as their name, then the one most items carry.
ALIAS_ORDER = "CASE a.kind WHEN 'code' THEN 0 WHEN 'inn' THEN 1 ELSE 2 END, a.named DESC, a.items DESC, a.key"
_PREFERRED = f"FROM drug_aliases a WHERE a.drug_id = drugs.drug_id ORDER BY {ALIAS_ORDER} LIMIT 1"
_MOST_FREQUENT = ("(SELECT t.value FROM drug_tallies t WHERE t.drug_id = drugs.drug_id "
                  "AND t.field = '{field}' ORDER BY t.items DESC, t.value LIMIT 1)")
_SUMMARY = (f"UPDATE drugs SET name = (SELECT a.name {_PREFERRED}), kind = (SELECT a.kind {_PREFERRED}), "
            f"modality = {_MOST_FREQUENT.format(field='modality')}, "
            f"company_id = {_MOST_FREQUENT.format(field='company')} "
            "WHERE drug_id IN ({marks})")
