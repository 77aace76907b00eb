import csv
import io
import json

from rxnews.output import CSV_COLUMNS, csv_rows, render_text
from rxnews.record import RECORD_FIELDS, Record, json_schema


def all_mentions(record):
    for field in ("companies", "drugs", "targets", "indications", "agencies", "identifiers"):
        for item in record[field]:
            yield from item["mentions"]
    for event in record["events"]:
        yield event["evidence"]


def test_record_field_order_and_schema_agree():
    data = Record(source="x").to_dict()
    assert list(data) == RECORD_FIELDS
    assert set(json_schema()["properties"]) == set(RECORD_FIELDS)


def test_record_to_dict_is_asdict():
    import dataclasses

    from rxnews.record import Drug, Event, Mention

    mention = Mention(3, 7, "Acme")
    record = Record(source="x", release_date="2024-01-05",
                    drugs=[Drug("ACM-1", "code", aliases=["a", "b"], mentions=[mention, mention])],
                    events=[Event("approval", planned=True, evidence=mention), Event("financing")])
    data = record.to_dict()
    assert data == dataclasses.asdict(record)
    assert list(data) == RECORD_FIELDS
    assert data["drugs"][0]["mentions"][0] is not data["drugs"][0]["mentions"][1]  # no shared dicts


def test_record_to_json_is_the_json_line_of_to_dict(extractor):
    from rxnews.output import to_json_line
    from rxnews.record import Drug, Event, Mention

    mention = Mention(3, 7, "Acmé \u2011 \"x\"")
    made = Record(source="x", release_date="2024-01-05", content_sha256="ab",
                  drugs=[Drug("ACM-1", "code", aliases=["a"], mentions=[mention, mention])],
                  events=[Event("approval", planned=True, evidence=mention), Event("financing")])
    extracted = extractor.extract("Acme's ACM-101 received Fast Track designation from the FDA "
                                  "on March 3, 2024.", source="r.txt")
    assert extracted.drugs and extracted.events
    for record in (made, extracted, Record()):
        line = record.to_json()
        assert line == to_json_line(record.to_dict())
        assert list(json.loads(line)) == RECORD_FIELDS


def test_record_mentions_slice_the_original_text(extract):
    text = ("SHANGHAI, Jan.\u00a05, 2024 /PRNewswire/ \u2014 Acme Therapeutics (HKEX: 01234) said "
            "HMPL\u2011453, a FGFR inhibitor, received Orphan Drug Designation from the U.S. FDA for "
            "intrahepatic cholangiocarcinoma (ICC). Alzheimer\u2019s disease is not relevant here.")
    record = extract(text)
    mentions = list(all_mentions(record))
    assert len(mentions) > 6
    for m in mentions:
        assert text[m["start"]:m["end"]] == m["text"]
    assert record["release_date"] == "2024-01-05"
    assert [d["name"] for d in record["drugs"]] == ["HMPL\u2011453"]


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
