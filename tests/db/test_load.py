"""Loading records: one drug across releases, the guard, changed releases, idempotence, rollback."""

import sqlite3

import pytest

from db.builders import (
    check,
    drug,
    drugs_by_name,
    dump,
    event,
    events_of,
    indication,
    record,
    target,
    write_jsonl,
)
from rxnews.db import Loader
from rxnews.db.store import ReleaseStore
from rxnews.errors import DatabaseError, RecordError

# One product under its code, its INN and its brand, in three releases.
CODE = record("a.txt", [drug("ACM-101", "code", "zorvelimab")],
              [event("ind_clearance", "ACM-101", "2023-02")])
INN = record("b.txt", [drug("zorvelimab", "inn", "Zorvexa")], [event("fast_track", "zorvelimab", "2024-10")])
BRAND = record("c.txt", [drug("Zorvexa", "brand")], [event("fast_track", "Zorvexa", "2024-10-15")])


def load(path, *records, **options):
    with Loader(path, **options) as loader:
        for r in records:
            loader.add(r)
    check(path)
    return loader.counts


@pytest.mark.parametrize("order", [(CODE, INN, BRAND), (BRAND, CODE, INN), (INN, BRAND, CODE)])
def test_load_one_drug_under_code_inn_and_brand(tmp_path, order):
    db = tmp_path / "p.db"
    counts = load(db, *order)
    assert (counts.loaded, counts.replaced, counts.unchanged) == (3, 0, 0)
    assert drugs_by_name(db) == {"ACM-101": (["Zorvexa", "zorvelimab"], ["a.txt", "b.txt", "c.txt"])}
    # The fast track of October 2024, reported twice, is one event with the more precise date.
    assert events_of(db) == [("ACM-101", "fast_track", "FDA", "2024-10-15", "day", 0, "b.txt,c.txt"),
                             ("ACM-101", "ind_clearance", "FDA", "2023-02", "month", 0, "a.txt")]


def test_load_bridge_release_merges_two_drugs_and_their_events(tmp_path):
    db = tmp_path / "p.db"
    load(db, record("x.txt", [drug("ACM-101")], [event("approval", "ACM-101", "2025")]),
         record("y.txt", [drug("zorvelimab", "inn")], [event("approval", "zorvelimab", "2025-03")]))
    assert len(drugs_by_name(db)) == 2
    load(db, record("z.txt", [drug("ACM-101", "code", "zorvelimab")]))
    assert drugs_by_name(db) == {"ACM-101": (["zorvelimab"], ["x.txt", "y.txt", "z.txt"])}
    assert events_of(db) == [("ACM-101", "approval", "FDA", "2025-03", "month", 0, "x.txt,y.txt")]


@pytest.mark.parametrize("first, second", [
    # A brand alone does not merge two products whose codes differ.
    (drug("ACM-101", "code", "Zorvexa"), drug("BXT-202", "code", "Zorvexa")),
    # Two different INNs never merge, whatever they share.
    (drug("zorvelimab", "inn", "Zorvexa"), drug("quintinib", "inn", "Zorvexa")),
    (drug("ACM-101", "code", "zorvelimab"), drug("ACM-101", "code", "quintinib")),
])
def test_load_wrong_alias_does_not_weld_two_drugs(tmp_path, first, second):
    db = tmp_path / "p.db"
    load(db, record("a.txt", [first]), record("b.txt", [second]))
    assert sqlite3.connect(db).execute("SELECT count(*) FROM drugs").fetchone() == (2,)


def test_load_wrong_alias_joins_one_drug_not_both(tmp_path):
    db = tmp_path / "p.db"
    load(db, record("a.txt", [drug("ACM-101", "code", "Zorvexa")]), record("b.txt", [drug("BXT-202")]),
         # This release wrongly gives BXT-202 the brand of ACM-101: it must not weld the two.
         record("c.txt", [drug("BXT-202", "code", "Zorvexa")]))
    assert drugs_by_name(db) == {"ACM-101": (["Zorvexa"], ["a.txt"]),
                                 "BXT-202": (["Zorvexa"], ["b.txt", "c.txt"])}


def test_load_codes_of_one_inn_merge(tmp_path):
    db = tmp_path / "p.db"  # a licensed product: two codes, one INN
    load(db, record("a.txt", [drug("ACM-101", "code", "zorvelimab")]),
         record("b.txt", [drug("BXT-202", "code", "zorvelimab")]))
    assert drugs_by_name(db) == {"ACM-101": (["BXT-202", "zorvelimab"], ["a.txt", "b.txt"])}


def test_load_changed_release_replaces_its_facts(tmp_path):
    db = tmp_path / "p.db"
    bridge = record("c.txt", [drug("ACM-101", "code", "zorvelimab")],
                    [event("approval", "ACM-101", "2024-05")],
                    indications=[indication("gout", "DOID:13189")], targets=[target("PD-L1", "CD274")])
    bridge["drugs"][0]["targets"] = ["PD-L1"]
    load(db, record("a.txt", [drug("ACM-101")]), record("b.txt", [drug("zorvelimab", "inn")]), bridge)
    assert len(drugs_by_name(db)) == 1
    changed = record("c.txt", [drug("ACM-101")], [event("orphan_drug", "ACM-101", "2024-02")], version="2")
    counts = load(db, changed)
    assert (counts.loaded, counts.replaced, counts.unchanged) == (0, 1, 0)
    # Without the release that bridged them, the code and the INN are two drugs again.
    assert drugs_by_name(db) == {"ACM-101": ([], ["a.txt", "c.txt"]), "zorvelimab": ([], ["b.txt"])}
    assert events_of(db) == [("ACM-101", "orphan_drug", "FDA", "2024-02", "month", 0, "c.txt")]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM targets").fetchone() == (0,)  # no drug has it any more
    assert conn.execute("SELECT count(*) FROM indications").fetchone() == (0,)
    # The same as loading the releases as they are now into a new database.
    fresh = tmp_path / "fresh.db"
    load(fresh, record("a.txt", [drug("ACM-101")]), record("b.txt", [drug("zorvelimab", "inn")]), changed)
    assert drugs_by_name(fresh) == drugs_by_name(db) and events_of(fresh) == events_of(db)


def test_load_changed_release_keeps_the_drug_id_when_nothing_splits(tmp_path):
    db = tmp_path / "p.db"
    load(db, CODE, INN, BRAND)
    ids = sqlite3.connect(db).execute("SELECT drug_id FROM drugs").fetchall()
    load(db, record("c.txt", [drug("Zorvexa", "brand", "zorvelimab")], version="2"))
    assert sqlite3.connect(db).execute("SELECT drug_id FROM drugs").fetchall() == ids
    assert drugs_by_name(db) == {"ACM-101": (["Zorvexa", "zorvelimab"], ["a.txt", "b.txt", "c.txt"])}


def test_load_twice_changes_nothing(tmp_path):
    db = tmp_path / "p.db"
    records = [CODE, INN, BRAND, record("d.txt", [drug("BXT-202", "code", "Zorvexa")])]
    load(db, *records)
    before = dump(db)
    counts = load(db, *records)
    assert (counts.loaded, counts.replaced, counts.unchanged) == (0, 0, 4)
    assert dump(db) == before


def test_load_records_without_content_hash_compare_by_content(tmp_path):
    db = tmp_path / "p.db"
    api = {**CODE, "content_sha256": None}
    assert load(db, api, api).unchanged == 1
    assert load(db, {**api, "title": "Another title"}).replaced == 1


@pytest.mark.parametrize("batch_size, kept", [(10, set()), (2, {"a.txt", "b.txt"})])
def test_load_interrupted_batch_leaves_database_as_before_it(tmp_path, monkeypatch, batch_size, kept):
    db = tmp_path / "p.db"
    load(db, record("old.txt", [drug("ACM-101")]))
    before = dump(db)
    store = ReleaseStore.store

    def failing(self, release_id, data):
        if data["source"] == "c.txt":
            store(self, release_id, data)  # fails half way through its release
            raise KeyboardInterrupt
        store(self, release_id, data)

    monkeypatch.setattr(ReleaseStore, "store", failing)
    with pytest.raises(KeyboardInterrupt):
        load(db, record("a.txt", [drug("ACM-101", "code", "zorvelimab")]), record("b.txt", [drug("BXT-202")]),
             record("c.txt", [drug("zorvelimab", "inn")]), record("old.txt", [], version="2"),
             batch_size=batch_size)
    check(db)
    sources = {s for (s,) in sqlite3.connect(db).execute("SELECT source FROM releases")}
    assert sources == {"old.txt", *kept}
    if not kept:
        assert dump(db) == before


def test_load_events_agree_on_type_drug_agency_and_dates(tmp_path):
    db = tmp_path / "p.db"
    acm = [drug("ACM-101")]
    load(db,
         record("a.txt", acm, [event("approval", "ACM-101", "2024", planned=True),
                               event("approval", "ACM-101", "2024-03", agency="EMA"),
                               event("trial_start", "ACM-101", agency=None, phase="Phase III")]),
         record("b.txt", acm, [event("approval", "ACM-101", "2024-06-02"),
                               event("approval", "ACM-101", "2024-03-09", agency="EMA"),
                               event("trial_start", "ACM-101", agency=None, phase="phase 1")]),
         record("c.txt", acm, [event("approval", "ACM-101", "2023-12", agency="EMA"),
                               event("trial_start", "ACM-101", "2022-01", None, phase="3")]),
         # Events without a drug are never merged across releases.
         record("d.txt", [], [event("financing", None, "2024-01", None)]),
         record("e.txt", [], [event("financing", None, "2024-01", None)]))
    assert events_of(db) == sorted([
        ("ACM-101", "approval", "FDA", "2024-06-02", "day", 0, "a.txt,b.txt"),  # a plan, then done
        ("ACM-101", "approval", "EMA", "2024-03-09", "day", 0, "a.txt,b.txt"),
        ("ACM-101", "approval", "EMA", "2023-12", "month", 0, "c.txt"),
        ("ACM-101", "trial_start", None, "2022-01", "month", 0, "a.txt,c.txt"),
        ("ACM-101", "trial_start", None, None, None, 0, "b.txt"),
        (None, "financing", None, "2024-01", "month", 0, "d.txt"),
        (None, "financing", None, "2024-01", "month", 0, "e.txt")], key=repr)


def test_load_links_targets_and_indications(tmp_path):
    db = tmp_path / "p.db"
    one = record("a.txt", [drug("ACM-101", "code", targets=("PD-L1",))],
                 targets=[target("PD-L1", "CD274")], indications=[indication("gout", "DOID:13189")])
    two = record("b.txt", [drug("ACM-101"), drug("BXT-202")],
                 [event("approval", "BXT-202", "2024", indication="NSCLC")],
                 indications=[indication("non-small cell lung cancer", "DOID:3908", "NSCLC"),
                              indication("asthma", "DOID:2841")])
    load(db, one, two)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT target, symbol, drug FROM drugs_by_target").fetchall() == [
        ("PD-L1", "CD274", "ACM-101")]
    # The sole drug of a release takes its indications; of several, those named with their events.
    assert sorted(conn.execute("SELECT indication, doid, drug FROM drugs_by_indication").fetchall()) == [
        ("gout", "DOID:13189", "ACM-101"), ("non-small cell lung cancer", "DOID:3908", "BXT-202")]


def test_load_jsonl_reports_each_bad_line_and_loads_the_rest(tmp_path):
    db = tmp_path / "p.db"
    path = write_jsonl(tmp_path / "r.jsonl", [CODE, INN])
    path.write_bytes(path.read_bytes() + b'{"source": "x"\n[1]\n\n{"title": "t"}\n\xff\n'
                     + (write_jsonl(tmp_path / "s.jsonl", [BRAND]).read_bytes()))
    errors = []
    with Loader(db) as loader:
        counts = loader.load_jsonl([str(path), str(tmp_path / "missing.jsonl")], errors.append)
    assert [str(e) for e in errors] == [
        f"{path}:3: not JSON (Expecting ',' delimiter at column 15)",
        f"{path}:4: expected a JSON object (a record), found list",
        f"{path}:6: the record has no 'source' (the database keeps one release per source)",
        f"{path}:7: not UTF-8 text",
        f"{tmp_path / 'missing.jsonl'}: no such file"]
    assert all(isinstance(e, RecordError) for e in errors)
    assert (counts.loaded, counts.failed) == (3, 5)
    assert drugs_by_name(db) == {"ACM-101": (["Zorvexa", "zorvelimab"], ["a.txt", "b.txt", "c.txt"])}


@pytest.mark.parametrize("bad, reason", [
    ({**CODE, "drugs": {}}, "'drugs' must be a list"),
    ({**CODE, "drugs": [{"kind": "code"}]}, "drugs[0] has no 'name'"),
    ({**CODE, "drugs": [{**drug("A-1"), "aliases": "B-2"}]}, "drugs[0].aliases must be a list of names"),
    ({**CODE, "events": [event("approval", "ACM-101", "May 2024")]},
     "events[0].date must be an ISO date (2024, 2024-10, 2024-10-15), not 'May 2024'"),
    ({**CODE, "events": [{**event("approval", "ACM-101"), "drug": ["ACM-101"]}]},
     "events[0].drug must be a string or null"),
    ({**CODE, "events": [{**event("approval", "ACM-101"), "date": 2024}]},
     "events[0].date must be a string or null"),
    ({**CODE, "indications": [indication("gout") | {"aliases": "gouty arthritis"}]},
     "indications[0].aliases must be a list of names"),
    ({**CODE, "release_date": "yesterday"}, "release_date must be an ISO date, not 'yesterday'"),
])
def test_load_refuses_what_is_not_a_record(tmp_path, bad, reason):
    with Loader(tmp_path / "p.db") as loader, pytest.raises(RecordError) as err:
        loader.add(bad)
    assert err.value.reason == reason


def test_load_readers_see_the_last_commit_while_a_batch_is_open(tmp_path):
    db = tmp_path / "p.db"
    load(db, CODE)
    reader = sqlite3.connect(db, timeout=0)
    with Loader(db) as loader:
        loader.add(INN)
        assert reader.execute("SELECT count(*) FROM releases").fetchone() == (1,)  # not blocked (WAL)
    assert reader.execute("SELECT count(*) FROM releases").fetchone() == (2,)
    assert reader.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_load_second_writer_waits_then_reports_the_lock(tmp_path, monkeypatch):
    db = tmp_path / "p.db"
    load(db, CODE)
    monkeypatch.setattr("rxnews.db.schema.BUSY_TIMEOUT_MS", 50)
    with Loader(db) as first:
        first.add(INN)
        second = Loader(db)
        with pytest.raises(DatabaseError, match="database is locked"):
            second.add(BRAND)
        second.conn.close()
