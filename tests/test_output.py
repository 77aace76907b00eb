import csv
import io
import json

import pytest

from rxnews.output import CSV_COLUMNS, Writer, csv_cell, csv_rows, render_tables, render_text


def test_output_jsonl_and_json(extract):
    record = extract("The FDA approved ACM-101.")
    line = render_text(record, "jsonl")
    assert line.endswith("\n") and json.loads(line) == record
    assert json.loads(render_text(record, "json")) == [record]


def test_output_csv_one_row_per_event(extract):
    record = extract("In March 2024 the FDA approved ACM-101. In May 2024 it granted Orphan Drug "
                     "Designation to ACM-202.")
    rows = list(csv_rows(record))
    assert [(r["event_type"], r["event_date"]) for r in rows] == [("approval", "2024-03"),
                                                                 ("orphan_drug", "2024-05")]
    parsed = list(csv.DictReader(io.StringIO(render_text(record, "csv"))))
    assert list(parsed[0]) == CSV_COLUMNS and len(parsed) == 2


def test_output_csv_keeps_documents_without_events(extract):
    rows = list(csv_rows(extract("Nothing happened.")))
    assert len(rows) == 1 and rows[0]["event_type"] == ""


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1-555-0100", "'+1-555-0100"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("a=1", "a=1"),
    ("ACM-101", "ACM-101"),
    ("", ""),
    (None, ""),
    (True, "true"),
    (False, "false"),
    (3, "3"),
])
def test_output_csv_cell_neutralises_formulas_and_writes_flags_lowercase(value, cell):
    assert csv_cell(value) == cell


def test_output_csv_rows_every_column_neutralised(extract):
    record = extract("In March 2024 the FDA approved ACM-101.")
    record.update(source="=cmd|' /C calc'!A0", title="@title", companies=[{"name": "+Acme"}])
    record["events"][0].update(drug="-ACM-101", planned=True)
    (row,) = csv_rows(record)
    assert (row["source"], row["title"], row["companies"]) == ("'=cmd|' /C calc'!A0", "'@title", "'+Acme")
    assert (row["event_drug"], row["event_planned"]) == ("'-ACM-101", "true")
    parsed = next(csv.DictReader(io.StringIO(render_text(record, "csv"))))
    assert parsed["source"].startswith("'=") and parsed["event_planned"] == "true"


def test_output_csv_flag_false_and_null_cells(extract):
    (row,) = csv_rows(extract("In March 2024 the FDA approved ACM-101."))
    assert (row["event_planned"], row["event_indication"]) == ("false", "")


@pytest.mark.parametrize("fmt, text", [
    ("csv", ",".join(CSV_COLUMNS) + "\n"),
    ("json", "[]\n"),
    ("jsonl", ""),
])
def test_output_empty_document_for_no_records(fmt, text):
    buffer = io.StringIO()
    Writer(buffer, fmt).close()
    assert buffer.getvalue() == text


def table_lines(record: dict, width: int = 80) -> list[str]:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None)
    for renderable in render_tables(record):
        console.print(renderable)
    return console.file.getvalue().splitlines()


LONG = ("Acme Bio reports regulatory milestones\n"
        "On 2 May 2024 the FDA granted Breakthrough Therapy Designation and the EMA granted PRIME to "
        "ACM-101 (zorbatinib) for relapsed or refractory extra-pulmonary neuroendocrine carcinoma with "
        "FGFR2 fusions. The first patient was dosed with ACM-202 in a Phase 1 trial in metastatic "
        "castration-resistant prostate cancer in June 2024.")


def test_output_tables_fit_80_columns_and_cut_no_word(extract):
    from rich.cells import cell_len

    record = extract(LONG)
    lines = table_lines(record)
    assert max(map(cell_len, lines)) <= 80
    text = " ".join(lines)
    assert "\u2026" not in text  # no value cut short
    for event in record["events"]:
        assert event["type"] in text and event["date"] in text


def test_output_tables_drop_event_columns_no_event_fills(extract):
    record = extract("On 2 May 2024 the FDA approved ACM-101.")
    header = next(line for line in table_lines(record) if "type" in line)
    assert header.split() == ["type", "┃", "agency", "┃", "drug", "┃", "date"]
    record["events"][0]["planned"] = True
    header = next(line for line in table_lines(record) if "type" in line)
    assert header.split()[-1] == "planned"
