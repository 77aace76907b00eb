"""Questions to the database: drugs by filters, a drug by any name, its timeline."""

import pytest

from db.builders import drug, event, indication, record, target
from rxnews.db import Loader, connect
from rxnews.db.query import drug_ids, drug_rows, find_drug, timeline
from rxnews.errors import UnknownDrugError

RECORDS = [
    record("a.txt", [drug("ACM-101", "code", "zorvelimab", modality="antibody", targets=("PD-L1",))],
           [event("ind_clearance", "ACM-101", "2022-03", "NMPA", evidence="ACM-101 IND cleared.")],
           release_date="2022-03-10", targets=[target("PD-L1", "CD274")],
           indications=[indication("non-small cell lung cancer", "DOID:3908", "NSCLC")]),
    record("b.txt", [drug("zorvelimab", "inn", "Zorvexa", modality="antibody")],
           [event("approval", "zorvelimab", "2024-06", evidence="Zorvexa approved."),
            event("marketing_submission", "zorvelimab", None, planned=True)],
           release_date="2024-06-20", companies=("Acme Bio", "Bigpharma Inc.")),
    record("c.txt", [drug("Zorvexa", "brand", company="Bigpharma Inc.")],
           [event("approval", "Zorvexa", "2024-06-18", evidence="Zorvexa was approved on June 18.")],
           release_date="2024-06-19", companies=("Bigpharma Inc.",)),
    record("d.txt",
           [drug("BXT-202", "code", modality="small molecule", targets=("EGFR",), company="Beta Co")],
           [event("orphan_drug", "BXT-202", "2023", "EMA", indication="asthma")],
           release_date="2023-01-05", targets=[target("EGFR", "EGFR")], indications=[indication("asthma")],
           companies=("Beta Co",)),
]


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    path = tmp_path_factory.mktemp("query") / "p.db"
    with Loader(path) as loader:
        for r in RECORDS:
            loader.add(r)
    connection = connect(path)
    yield connection
    connection.close()


def names(conn, **filters):
    return [row["name"] for row in drug_rows(conn, drug_ids(conn, **filters))]


@pytest.mark.parametrize("filters, expected", [
    ({}, ["ACM-101", "BXT-202"]),
    ({"target": "CD274"}, ["ACM-101"]), ({"target": "pd-l1"}, ["ACM-101"]), ({"target": "PD-1"}, []),
    ({"indication": "lung cancer"}, ["ACM-101"]), ({"indication": "doid:3908"}, ["ACM-101"]),
    ({"indication": "Asthma"}, ["BXT-202"]),
    ({"company": "bigpharma"}, ["ACM-101"]), ({"company": "Beta Co."}, ["BXT-202"]),
    ({"agency": "ema"}, ["BXT-202"]), ({"agency": "NMPA"}, ["ACM-101"]),
    ({"since": "2024-06-10"}, ["ACM-101"]), ({"since": "2024"}, ["ACM-101"]), ({"since": "2025"}, []),
    ({"since": "2023-05"}, ["ACM-101", "BXT-202"]),  # at the precision of BXT-202's date, 2023
    ({"target": "EGFR", "since": "2023-12-31"}, ["BXT-202"]),  # a year-precision date may be in December
    ({"target": "CD274", "agency": "EMA"}, []),
])
def test_query_drug_filters(conn, filters, expected):
    assert names(conn, **filters) == expected


def test_query_drug_row(conn):
    (row,) = drug_rows(conn, drug_ids(conn, target="PD-L1"))
    assert row == {"id": row["id"], "name": "ACM-101", "kind": "code", "aliases": ["zorvelimab", "Zorvexa"],
                   "company": "Acme Bio", "modality": "antibody",
                   "targets": [{"name": "PD-L1", "symbol": "CD274"}],
                   "indications": [{"name": "non-small cell lung cancer", "doid": "DOID:3908"}],
                   "latest": {"type": "approval", "date": "2024-06-18", "agency": "FDA"}, "releases": 3,
                   "sources": ["a.txt", "c.txt", "b.txt"]}


@pytest.mark.parametrize("name", ["ACM-101", "acm101", "Zorvexa\u00ae", "ZORVELIMAB"])
def test_query_find_drug_by_any_name(conn, name):
    drug_id, others = find_drug(conn, name)
    assert next(drug_rows(conn, [drug_id]))["name"] == "ACM-101" and others == []


@pytest.mark.parametrize("name", ["ACM-102", "", "---"])
def test_query_unknown_name(conn, name):
    with pytest.raises(UnknownDrugError) as err:
        find_drug(conn, name, "p.db")
    assert str(err.value) == f"p.db: no drug named {name!r}"


def test_query_name_of_two_drugs_prefers_the_one_named_so(tmp_path):
    path = tmp_path / "p.db"
    with Loader(path) as loader:  # the guard keeps these apart: two codes, one brand
        loader.add(record("a.txt", [drug("ACM-101", "code", "Zorvexa")]))
        loader.add(record("b.txt", [drug("BXT-202", "code", "Zorvexa")]))
        loader.add(record("c.txt", [drug("BXT-202", "code")]))
        loader.add(record("d.txt", [drug("Zorvexa", "brand", "ACM-101")]))
    conn = connect(path)
    drug_id, others = find_drug(conn, "zorvexa")
    assert next(drug_rows(conn, [drug_id]))["name"] == "ACM-101" and others == ["BXT-202"]


def test_query_timeline_in_date_order_with_every_source(conn):
    drug_id, _ = find_drug(conn, "Zorvexa")
    data = timeline(conn, drug_id)
    assert data["drug"]["name"] == "ACM-101"
    assert [(e["type"], e["date"], e["agency"], e["planned"]) for e in data["events"]] == [
        ("ind_clearance", "2022-03", "NMPA", False), ("approval", "2024-06-18", "FDA", False),
        ("marketing_submission", None, "FDA", True)]
    assert data["events"][1]["sources"] == [
        {"source": "c.txt", "release_date": "2024-06-19", "date_text": "2024-06-18",
         "evidence": "Zorvexa was approved on June 18."},
        {"source": "b.txt", "release_date": "2024-06-20", "date_text": "2024-06",
         "evidence": "Zorvexa approved."}]
