"""The record model: one `Record` per input document, plain data only.

Field order here is the order of JSON keys, CSV columns and table columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1"

EVENT_TYPES = (
    "ind_submission", "ind_acceptance", "ind_clearance", "marketing_submission",
    "marketing_acceptance", "approval", "breakthrough_therapy", "orphan_drug", "fast_track",
    "priority_review", "prime", "rare_pediatric_disease", "first_patient_dosed", "trial_start",
    "enrollment_complete", "data_readout", "partnership", "financing",
)
DATE_PRECISIONS = ("year", "half", "quarter", "month", "day")
DATE_SOURCES = ("explicit", "relative", "release")


@dataclass
class Mention:
    """A span of the decoded input text: `text[start:end] == mention.text`."""

    start: int
    end: int
    text: str


@dataclass
class Company:
    name: str
    ticker: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Drug:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    modality: str | None = None
    targets: list[str] = field(default_factory=list)
    company: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Target:
    name: str
    symbol: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Indication:
    name: str
    aliases: list[str] = field(default_factory=list)
    doid: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Agency:
    name: str
    full_name: str | None = None
    jurisdiction: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Event:
    type: str
    agency: str | None = None
    drug: str | None = None
    indication: str | None = None
    phase: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_source: str | None = None
    planned: bool = False
    evidence: Mention | None = None


@dataclass
class Identifier:
    type: str
    value: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Record:
    """Everything extracted from one input document."""

    source: str | None = None
    title: str | None = None
    release_date: str | None = None
    companies: list[Company] = field(default_factory=list)
    drugs: list[Drug] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    indications: list[Indication] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    encoding: str | None = None
    content_sha256: str | None = None
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Return the record as JSON-ready data, `schema_version` first."""
        data = _plain(self)
        return {"schema_version": data.pop("schema_version"), **data}

    def to_json(self) -> str:
        """Return `json_line(self.to_dict())`, without building the dicts first.

        The encoder turns each dataclass into its fields as it reaches it, in C, which
        costs half as much as converting the whole record in Python and then encoding it.
        """
        return json_line({"schema_version": self.schema_version,
                          **{k: v for k, v in vars(self).items() if k != "schema_version"}})


# Compact, non-ASCII kept; a dataclass is encoded as its fields when the encoder reaches it.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=vars)


def json_line(value: Any) -> str:
    """Return `value` (a record dict, or dataclasses) as one compact JSON line, no newline."""
    return _ENCODER.encode(value)


_SCALARS = frozenset({str, int, float, bool, type(None)})  # `_plain` returns these as they are


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` without its deep copies: dataclasses to dicts, lists to lists."""
    # Scalars are kept inline, without a call each: most values of a record are.
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {name: v if type(v) in _SCALARS else _plain(v) for name, v in vars(value).items()}
    return value


RECORD_FIELDS = ["schema_version"] + [f.name for f in fields(Record) if f.name != "schema_version"]
EVENT_FIELDS = [f.name for f in fields(Event)]


def _mentions_schema() -> dict[str, Any]:
    return {"type": "array", "items": {
        "type": "object", "required": ["start", "end", "text"],
        "properties": {"start": {"type": "integer", "minimum": 0},
                       "end": {"type": "integer", "minimum": 0}, "text": {"type": "string"}}}}


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of one record."""
    strings = {"type": "array", "items": {"type": "string"}}
    mentions = _mentions_schema()

    def item(required: list[str], **props: Any) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "object", "required": required,
                                           "properties": {**props, "mentions": mentions}}}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "rxnews record",
        "description": "Facts extracted from one biopharma press release.",
        "type": "object",
        "required": RECORD_FIELDS,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "source": _nullable("string"),
            "title": _nullable("string"),
            "release_date": {**_nullable("string"), "description": "ISO date of the dateline"},
            "companies": item(["name"], name={"type": "string"}, ticker=_nullable("string")),
            "drugs": item(["name", "kind"], name={"type": "string"},
                          kind={"enum": ["code", "inn", "brand"]}, aliases=strings,
                          modality=_nullable("string"), targets=strings,
                          company=_nullable("string")),
            "targets": item(["name"], name={"type": "string"}, symbol=_nullable("string"),
                            aliases=strings),
            "indications": item(["name"], name={"type": "string"}, aliases=strings,
                                doid=_nullable("string")),
            "agencies": item(["name"], name={"type": "string"}, full_name=_nullable("string"),
                             jurisdiction=_nullable("string")),
            "events": {"type": "array", "items": {
                "type": "object", "required": ["type", "date", "date_precision", "date_source"],
                "properties": {
                    "type": {"enum": list(EVENT_TYPES)},
                    "agency": _nullable("string"), "drug": _nullable("string"),
                    "indication": _nullable("string"), "phase": _nullable("string"),
                    "date": _nullable("string"),
                    "date_precision": {"enum": [*DATE_PRECISIONS, None]},
                    "date_text": _nullable("string"),
                    "date_source": {"enum": [*DATE_SOURCES, None]},
                    "planned": {"type": "boolean"},
                    "evidence": {"type": ["object", "null"], "required": ["start", "end", "text"]},
                }}},
            "identifiers": item(["type", "value"], type={"type": "string"},
                                value={"type": "string"}),
            "encoding": _nullable("string"),
            "content_sha256": {**_nullable("string"), "pattern": "^[0-9a-f]{64}$",
                               "description": "SHA-256 of the input bytes (null for texts "
                                              "given to the Python API)"},
        },
    }
