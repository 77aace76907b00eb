"""Loading, then replacing releases in any order, ends where loading the final releases once ends."""

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from db.builders import check, drug, event, record
from rxnews.db import Loader

# Invented products (names that never clash), each with one milestone per event type.
PRODUCTS = [("ACM-101", "zorvelimab", "Zorvexa"), ("BXT-202", "quintinib", "Quintara"),
            ("CQR-303", "melorasiran", "Melora"), ("DLT-404", "tavucel", "Tavix")]
MILESTONES = {"fast_track": "2023-04-12", "approval": "2025-11-03"}
KINDS = ("code", "inn", "brand")

item = st.tuples(st.integers(0, len(PRODUCTS) - 1),
                 st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
                 st.sampled_from([None, *MILESTONES]), st.sampled_from([4, 7, 10]),
                 st.sampled_from([None, "antibody", "ADC"]), st.sampled_from([None, "Acme Bio", "Beta Co"]))
release = st.tuples(st.integers(0, 5), st.lists(item, max_size=3))  # (source, items)


def make(source: int, items: list, version: int) -> dict:
    drugs, events = [], []
    for product, names, milestone, precision, modality, company in items:
        written = [PRODUCTS[product][n] for n in names]
        drugs.append(drug(written[0], KINDS[names[0]], *written[1:], modality=modality, company=company))
        if milestone:
            events.append(event(milestone, written[0], MILESTONES[milestone][:precision]))
    return record(f"r{source}.txt", drugs, events, version=str(version))


def state(path: Path) -> tuple:
    """Drugs as (names, sources, name, kind, modality, company), events as (drug's names, type, date,
    sources): no ids."""
    conn = sqlite3.connect(path)
    names = {d: frozenset(n for (n,) in conn.execute("SELECT name FROM drug_aliases WHERE drug_id = ?", (d,)))
             for (d,) in conn.execute("SELECT drug_id FROM drugs")}
    drugs = set()
    for d, *summary in conn.execute("SELECT drug_id, name, kind, modality, company_id, releases FROM drugs"):
        sources = frozenset(s for (s,) in conn.execute(
            "SELECT DISTINCT r.source FROM mentions m JOIN releases r USING (release_id) "
            "WHERE m.drug_id = ?", (d,)))
        assert summary[-1] == len(sources)
        company = conn.execute("SELECT name FROM companies WHERE company_id = ?", (summary[3],)).fetchone()
        drugs.add((names[d], sources, *summary[:3], company))
    events = {(names[d], kind, date, frozenset(s for (s,) in conn.execute(
        "SELECT DISTINCT r.source FROM event_sources s JOIN releases r USING (release_id) "
        "WHERE s.event_id = ?", (e,))))
        for e, d, kind, date in conn.execute("SELECT event_id, drug_id, type, date FROM events")}
    conn.close()
    return drugs, events


@settings(max_examples=60, deadline=None)
@given(st.lists(release, min_size=1, max_size=12))
def test_replace_in_any_order_ends_as_a_fresh_load(releases):
    with tempfile.TemporaryDirectory() as tmp:
        incremental, fresh = Path(tmp) / "i.db", Path(tmp) / "f.db"
        final = {}
        for version, (source, items) in enumerate(releases):
            with Loader(incremental, batch_size=1 + version % 3) as loader:
                loader.add(make(source, items, version))
            final[source] = make(source, items, version)
        with Loader(fresh) as loader:
            for r in final.values():
                loader.add(r)
        check(incremental)
        assert state(incremental) == state(fresh)
