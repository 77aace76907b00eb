"""What a loadable record is: checks derived from the record model, each record checked once."""

import typing
from dataclasses import asdict, dataclass, fields

import pytest

from db.builders import drug, record, write_jsonl
from rxnews import record as model
from rxnews.db import Loader, records
from rxnews.db import load as load_module
from rxnews.db.records import ITEMS, LISTS, UNSTORED, item_checks, record_problem


def test_records_every_list_of_the_model_is_checked_or_known_unstored():
    assert LISTS == tuple(f.name for f in fields(model.Record) if f.default_factory is list)
    assert sorted([*ITEMS, *UNSTORED]) == sorted(LISTS)


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_records_checks_cover_every_field_of_the_item_class(name):
    checks = ITEMS[name]
    checked = [checks.key, *checks.texts, *checks.name_lists, *checks.object_lists, *checks.objects,
               *checks.unchecked]
    assert sorted(checked) == sorted(f.name for f in fields(model.item_class(name)))
    hints = typing.get_type_hints(model.item_class(name))
    assert all(hints[field] is bool for field in checks.unchecked)  # flags only: read with bool()


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_records_a_wrong_value_in_any_item_field_is_refused(name):
    cls = model.item_class(name)
    checks = ITEMS[name]
    item = {**asdict(cls()), checks.key: "ACM-101"}
    assert record_problem({"source": "a.txt", name: [item]}) is None
    for f in fields(cls):
        if f.name in checks.unchecked:
            continue
        problem = record_problem({"source": "a.txt", name: [{**item, f.name: 12345}]})
        assert problem is not None and problem.startswith(f"{name}[0]") and f.name in problem, f.name


def test_records_a_field_of_a_type_without_a_check_is_an_error():
    @dataclass
    class Trial:
        name: str = ""
        patients: int = 0

    with pytest.raises(TypeError, match="Trial.patients: no check"):
        item_checks(Trial)


@pytest.mark.parametrize("date", ["2024\n", "2024-1", "May 2024"])
def test_records_dates_must_be_iso_dates_whole(date):
    assert record_problem({"source": "a.txt", "release_date": date}) == \
        f"release_date must be an ISO date, not {date!r}"
    event = {"type": "approval", "date": date}
    assert record_problem({"source": "a.txt", "events": [event]}) == \
        f"events[0].date must be an ISO date (2024, 2024-10, 2024-10-15), not {date!r}"


def test_records_load_jsonl_checks_each_record_once(tmp_path, monkeypatch):
    calls = []

    def counted(data):
        calls.append(data.get("source"))
        return problem(data)

    problem = records.record_problem
    monkeypatch.setattr(records, "record_problem", counted)
    monkeypatch.setattr(load_module, "record_problem", counted)
    path = write_jsonl(tmp_path / "r.jsonl", [record("a.txt", [drug("ACM-101")]), record("b.txt")])
    with Loader(tmp_path / "p.db") as loader:
        counts = loader.load_jsonl([str(path)])
    assert counts.loaded == 2
    assert calls == ["a.txt", "b.txt"]
