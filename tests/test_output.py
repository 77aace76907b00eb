import csv
import io
import json

from rxnews.output import CSV_COLUMNS, csv_rows, render_text


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
