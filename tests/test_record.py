import json

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
    from rxnews.record import Drug, Event, Mention
    from rxnews.record import json_line as to_json_line

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


def test_record_schema_is_derived_from_the_dataclasses():
    from dataclasses import fields

    from rxnews.record import Drug, Event

    schema = json_schema()
    drug = schema["properties"]["drugs"]["items"]
    assert list(drug["properties"]) == [f.name for f in fields(Drug)] == drug["required"]
    event = schema["properties"]["events"]["items"]["properties"]
    assert list(event) == [f.name for f in fields(Event)]
    assert event["date_precision"]["enum"] == ["year", "half", "quarter", "month", "day", None]
    assert event["date"]["pattern"] == schema["properties"]["release_date"]["pattern"]
    assert event["planned"]["type"] == "boolean"
    assert event["evidence"]["type"] == ["object", "null"]
    assert schema["properties"]["drugs"]["items"]["properties"]["kind"]["enum"] == ["code", "inn", "brand"]


def test_record_real_records_validate_against_the_schema(extractor):
    import jsonschema
    from conftest import RELEASES, SAMPLES

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in [*sorted(SAMPLES.glob("*.txt")), *sorted(RELEASES.glob("*.txt"))]:
        record = extractor.extract(path.read_text(encoding="utf-8"), source=str(path)).to_dict()
        assert list(validator.iter_errors(record)) == [], path.name
    broken = extractor.extract("The FDA approved ACM-101 in May 2024.").to_dict()
    broken["events"][0]["date"] = "May 2024"
    assert not validator.is_valid(broken)


def test_record_csv_and_table_layouts_follow_the_fields():
    from dataclasses import fields

    from rxnews.record import Event, csv_layout, event_columns, table_rows

    columns = [column for column, _, _ in csv_layout()]
    assert columns[:8] == ["source", "title", "release_date", "companies", "drugs", "targets",
                           "indications", "agencies"]
    assert columns[8:] == [f"event_{f.name}" for f in fields(Event)]
    assert [name for name, _ in table_rows()] == ["companies", "drugs", "targets", "indications", "agencies",
                                                  "identifiers"]
    assert event_columns() == ["type", "agency", "drug", "indication", "date", "planned"]
