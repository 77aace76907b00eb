"""`rxnews load`, `drugs`, `timeline` and `extract --db`: exit codes, stdout and the exact stderr."""

import csv
import io
import json
import re
import sqlite3

import pytest
from click.testing import CliRunner

from db.builders import drug, event, record, target, write_jsonl
from rxnews.cli import cli

LOAD_SUMMARY = r"rxnews: {db}: (\d+) loaded, (\d+) replaced, (\d+) unchanged, (\d+) failed, \d+\.\ds\n"
RECORDS = [
    record("a.txt", [drug("ACM-101", "code", "zorvelimab", targets=("PD-L1",))],
           [event("fast_track", "ACM-101", "2024-05", evidence="ACM-101 got Fast Track.")],
           release_date="2024-06-03", targets=[target("PD-L1", "CD274")]),
    record("b.txt", [drug("Zorvexa", "brand", "zorvelimab")],
           [event("fast_track", "Zorvexa", "2024-05-20", evidence="Zorvexa got Fast Track on May 20.")],
           release_date="2024-06-04"),
    record("c.txt", [drug("BXT-202", modality="small molecule")], release_date="2024-01-02"),
]
TEXTS = {  # short releases written for these tests
    "a.txt": "May 2, 2024 - Acme Bio announced that the FDA has approved ACM-101 for adults with gout.\n",
    "b.txt": "June 3, 2024 - Acme Bio announced that zorvelimab (ACM-101), an anti-PD-L1 antibody, received "
             "Fast Track designation from the FDA for non-small cell lung cancer in May 2024.\n",
    "c.txt": "July 8, 2024 - Acme Bio said Zorvexa (zorvelimab) was granted Orphan Drug Designation by the "
             "FDA on July 1, 2024.\n",
}


@pytest.fixture
def runner():
    return CliRunner()


def ok(result) -> str:
    """The output of a command that succeeded without a word on stderr."""
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


@pytest.fixture
def db(tmp_path, runner):
    path = tmp_path / "p.db"
    result = runner.invoke(cli, ["load", str(path), str(write_jsonl(tmp_path / "r.jsonl", RECORDS))])
    assert result.exit_code == 0, result.output
    return str(path)


def test_cli_load_summary_and_idempotence(runner, tmp_path, db):
    result = runner.invoke(cli, ["load", db, str(tmp_path / "r.jsonl")])
    assert result.exit_code == 0 and result.stdout == ""
    assert re.fullmatch(LOAD_SUMMARY.format(db=re.escape(db)), result.stderr).groups() == ("0", "0", "3", "0")


def test_cli_load_bad_lines_exit_1_and_the_rest_is_loaded(runner, tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"source": "a.txt"}\nnot json\n{"source": 3}\n', encoding="utf-8")
    result = runner.invoke(cli, ["load", str(tmp_path / "p.db"), str(path), "-", "-q"],
                           input='{"source": "b"}\n')
    assert result.exit_code == 1
    assert result.stderr == (f"rxnews: error: {path}:2: not JSON (Expecting value at column 1)\n"
                             f"rxnews: error: {path}:3: the record has no 'source' (the database keeps one "
                             "release per source)\n")
    conn = sqlite3.connect(tmp_path / "p.db")
    assert conn.execute("SELECT source FROM releases ORDER BY source").fetchall() == [("a.txt",), ("b",)]


@pytest.mark.parametrize("command", [["load", "{db}", "{db}"], ["drugs", "{db}"], ["timeline", "{db}", "x"],
                                     ["extract", "{db}", "--db", "{db}"]])
def test_cli_db_bad_database_file_exit_2(runner, tmp_path, command):
    path = tmp_path / "notes.txt"
    path.write_text("these are notes, not a database; " * 10)
    result = runner.invoke(cli, [part.format(db=path) for part in command])
    assert result.exit_code == 2
    assert result.stderr == f"rxnews: error: {path}: not an SQLite database\n"


@pytest.mark.parametrize("command", [["drugs", "{db}"], ["timeline", "{db}", "x"]])
def test_cli_db_missing_database_exit_2(runner, tmp_path, command):
    path = tmp_path / "missing.db"
    result = runner.invoke(cli, [part.format(db=path) for part in command])
    assert result.exit_code == 2 and result.stderr == f"rxnews: error: {path}: no such database file\n"
    assert not path.exists()


def test_cli_drugs_jsonl_by_default(runner, db):
    result = runner.invoke(cli, ["drugs", db])
    assert result.exit_code == 0 and result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["name"], r["aliases"], r["releases"], r["sources"]) for r in rows] == [
        ("ACM-101", ["zorvelimab", "Zorvexa"], 2, ["a.txt", "b.txt"]), ("BXT-202", [], 1, ["c.txt"])]
    assert rows[0]["latest"] == {"type": "fast_track", "date": "2024-05-20", "agency": "FDA"}


@pytest.mark.parametrize("options, expected", [
    (["--target", "PD-L1"], ["ACM-101"]), (["--indication", "gout"], []),
    (["--company", "acme"], ["ACM-101", "BXT-202"]), (["--agency", "fda"], ["ACM-101"]),
    (["--since", "2024-05-15"], ["ACM-101"]), (["--since", "2024-06"], []),
])
def test_cli_drugs_filters(runner, db, options, expected):
    result = runner.invoke(cli, ["drugs", db, *options, "--format", "json"])
    assert [row["name"] for row in json.loads(ok(result))] == expected


def test_cli_drugs_csv_and_table(runner, db):
    result = runner.invoke(cli, ["drugs", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(ok(result))))
    columns = ("name", "aliases", "targets", "latest_type", "latest_date", "releases")
    assert {k: rows[0][k] for k in columns} == {
        "name": "ACM-101", "aliases": "zorvelimab; Zorvexa", "targets": "PD-L1", "latest_type": "fast_track",
        "latest_date": "2024-05-20", "releases": "2"}
    table = ok(runner.invoke(cli, ["drugs", db, "--format", "table"]))
    assert "2 drugs" in table and "BXT-202" in table


def test_cli_drugs_bad_since_exit_2(runner, db):
    result = runner.invoke(cli, ["drugs", db, "--since", "last May"])
    assert result.exit_code == 2
    assert result.stderr.endswith("\n\nError: Invalid value for '--since': expected YYYY-MM-DD (or YYYY-MM, "
                                  "YYYY), got 'last May'\n")


def test_cli_timeline_formats(runner, db):
    result = runner.invoke(cli, ["timeline", db, "ZORVEXA"])
    assert result.exit_code == 0 and result.stderr == ""
    (line,) = result.stdout.splitlines()
    data = json.loads(line)
    assert data["drug"]["name"] == "ACM-101"
    assert data["events"] == [{
        "type": "fast_track", "date": "2024-05-20", "date_precision": "day", "agency": "FDA",
        "planned": False, "indication": None, "phase": None, "sources": [
            {"source": "a.txt", "release_date": "2024-06-03", "date_text": "2024-05",
             "evidence": "ACM-101 got Fast Track."},
            {"source": "b.txt", "release_date": "2024-06-04", "date_text": "2024-05-20",
             "evidence": "Zorvexa got Fast Track on May 20."}]}]
    assert json.loads(ok(runner.invoke(cli, ["timeline", db, "acm-101", "--format", "json"]))) == data
    result = runner.invoke(cli, ["timeline", db, "acm-101", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(ok(result))))
    assert [(r["drug"], r["type"], r["date"], r["releases"], r["sources"]) for r in rows] == [
        ("ACM-101", "fast_track", "2024-05-20", "2", "a.txt; b.txt")]
    table = ok(runner.invoke(cli, ["timeline", db, "acm-101", "--format", "table"]))
    assert "Timeline" in table and "2024-05-20" in table


def test_cli_timeline_unknown_name_exit_1(runner, db):
    result = runner.invoke(cli, ["timeline", db, "ACM-999"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"rxnews: error: {db}: no drug named 'ACM-999'\n"


def test_cli_timeline_name_of_two_drugs_notes_the_other(runner, tmp_path):
    path = write_jsonl(tmp_path / "r.jsonl", [record("a.txt", [drug("ACM-101", "code", "Zorvexa")]),
                                              record("b.txt", [drug("BXT-202", "code", "Zorvexa")])])
    ok(runner.invoke(cli, ["load", str(tmp_path / "p.db"), str(path), "-q"]))
    result = runner.invoke(cli, ["timeline", str(tmp_path / "p.db"), "Zorvexa"])
    assert result.exit_code == 0 and result.stderr == "rxnews: note: 'Zorvexa' also names BXT-202\n"
    assert json.loads(result.stdout)["drug"]["name"] == "ACM-101"


@pytest.fixture
def releases(tmp_path):
    folder = tmp_path / "releases"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cli_extract_db_loads_without_stdout(runner, tmp_path, releases):
    db = tmp_path / "p.db"
    result = runner.invoke(cli, ["extract", str(releases), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 0 and result.stdout == ""
    assert re.fullmatch(r"rxnews: 3 processed, 0 failed, 3 events, \d+\.\ds\n"
                        rf"rxnews: {re.escape(str(db))}: 3 loaded, 0 replaced, 0 unchanged\n", result.stderr)
    rows = json.loads(ok(runner.invoke(cli, ["drugs", str(db), "--format", "json"])))
    assert [(r["name"], r["aliases"], len(r["sources"])) for r in rows] == [
        ("ACM-101", ["zorvelimab", "Zorvexa"], 3)]
    (releases / "c.txt").write_text(TEXTS["c.txt"].replace("Zorvexa", "Zorvia"), encoding="utf-8")
    again = runner.invoke(cli, ["extract", str(releases), "--db", str(db), "--jobs", "1"])
    assert again.exit_code == 0 and again.stderr.endswith(": 0 loaded, 1 replaced, 2 unchanged\n")
    rows = json.loads(ok(runner.invoke(cli, ["drugs", str(db), "--format", "json"])))
    assert rows[0]["aliases"] == ["zorvelimab", "Zorvia"]


def test_cli_extract_db_with_output_or_format_still_writes_records(runner, tmp_path, releases):
    out = tmp_path / "records.jsonl"
    result = runner.invoke(cli, ["extract", str(releases), "--db", str(tmp_path / "p.db"), "-o", str(out),
                                 "-q"])
    assert ok(result) == "" and len(out.read_text().splitlines()) == 3
    result = runner.invoke(cli, ["extract", str(releases), "--db", str(tmp_path / "q.db"), "--format",
                                 "jsonl", "-q"])
    assert len(ok(result).splitlines()) == 3
    # Both databases hold the same drugs: loading the records later gives what extracting gave.
    assert ok(runner.invoke(cli, ["load", str(tmp_path / "r.db"), str(out), "-q"])) == ""
    listing = [ok(runner.invoke(cli, ["drugs", str(tmp_path / name)])) for name in ("p.db", "q.db", "r.db")]
    assert listing[0] == listing[1] == listing[2] != ""


def test_cli_extract_db_interrupted_keeps_committed_batches(runner, tmp_path, releases, monkeypatch):
    from rxnews.db import load as load_module
    from rxnews.db.store import ReleaseStore

    monkeypatch.setattr(load_module, "BATCH_SIZE", 1)
    store = ReleaseStore.store

    def interrupted(self, release_id, data):
        store(self, release_id, data)
        if data["source"].endswith("b.txt"):
            raise KeyboardInterrupt

    monkeypatch.setattr(ReleaseStore, "store", interrupted)
    db = tmp_path / "p.db"
    result = runner.invoke(cli, ["extract", str(releases), "--db", str(db), "--jobs", "1", "-q"])
    assert result.exit_code == 130
    assert result.stderr == ("rxnews: interrupted; completed records were kept (in the database: the batches "
                             "committed before)\n")
    sources = sqlite3.connect(db).execute("SELECT source FROM releases").fetchall()
    assert sources == [(str(releases / "a.txt"),)]


def test_cli_load_interrupted_keeps_committed_batches(runner, tmp_path, monkeypatch):
    from rxnews.db import load as load_module
    from rxnews.db.store import ReleaseStore

    monkeypatch.setattr(load_module, "BATCH_SIZE", 2)
    store = ReleaseStore.store

    def interrupted(self, release_id, data):
        store(self, release_id, data)
        if data["source"] == "c.txt":
            raise KeyboardInterrupt

    monkeypatch.setattr(ReleaseStore, "store", interrupted)
    path = write_jsonl(tmp_path / "r.jsonl", RECORDS)
    result = runner.invoke(cli, ["load", str(tmp_path / "p.db"), str(path)])
    assert result.exit_code == 130
    assert result.stderr == "rxnews: interrupted; the batches loaded before were kept\n"
    sources = sqlite3.connect(tmp_path / "p.db").execute("SELECT source FROM releases ORDER BY source")
    assert sources.fetchall() == [("a.txt",), ("b.txt",)]


def test_cli_load_into_a_locked_database_exit_1(runner, tmp_path, db, monkeypatch):
    from rxnews.db import Loader

    monkeypatch.setattr("rxnews.db.schema.BUSY_TIMEOUT_MS", 50)
    path = write_jsonl(tmp_path / "more.jsonl", [record("d.txt", [drug("CQR-303")])])
    with Loader(db) as writer:
        writer.add(record("e.txt", [drug("DLT-404")]))  # holds the write lock until the end of the block
        result = runner.invoke(cli, ["load", db, str(path)])
    assert result.exit_code == 1
    assert result.stderr == f"rxnews: error: {db}: database is locked\n"
