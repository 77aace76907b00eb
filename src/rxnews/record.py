"""The record model: one `Record` per input document, plain data only.

These dataclasses are the single source of the record's shape: field order is the
order of JSON keys, CSV columns and table rows, and the JSON Schema, the CSV
columns and the table layout are derived from the fields and their metadata
(`fact(...)`): a description, allowed values or a pattern for the schema, how a
field goes into CSV (`csv`), and how a list of items is shown in a table (`table`).
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

from .facts.event_types import EVENT_TYPES

SCHEMA_VERSION = "1"
DATE_PRECISIONS = ("year", "half", "quarter", "month", "day")
DATE_SOURCES = ("explicit", "relative", "release")
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def fact(description: str = "", *, default: Any = None, factory: Any = None, **meta: Any) -> Any:
    """A record field with its metadata: `description`, and `enum`, `pattern`, `csv`, `table`.

    `csv`: "value" (the value as a column), "names" (the items' names joined by "; ")
    or "rows" (a column per item field, one row per item). `table`: "lines" or
    "commas" (how the items' `brief` texts are joined in the facts table), "column"
    (an item field shown in the table of that list).
    """
    info = {"description": description, **meta}
    if factory is not None:
        return field(default_factory=factory, metadata=info)
    return field(default=default, metadata=info)


@dataclass
class Mention:
    """A span of the decoded input text: `text[start:end] == mention.text`."""

    start: int = fact("offset of the first character", default=0, minimum=0)
    end: int = fact("offset after the last character", default=0, minimum=0)
    text: str = fact("the text of the span", default="")


def _mentions(what: str) -> Any:
    return fact(f"every mention of the {what}, in text order", factory=list)


@dataclass
class Company:
    name: str = fact("the name as written", default="")
    ticker: str | None = fact("stock ticker given with the name")
    mentions: list[Mention] = _mentions("company")

    @staticmethod
    def brief(item: dict[str, Any]) -> str:
        return item["name"] + (f" ({item['ticker']})" if item["ticker"] else "")


@dataclass
class Drug:
    name: str = fact("the code, else the INN, else the brand", default="")
    kind: str = fact("what `name` is", default="code", enum=("code", "inn", "brand"))
    aliases: list[str] = fact("the product's other names in the text", factory=list)
    modality: str | None = fact("kind of drug (bispecific antibody, ADC, ...)")
    targets: list[str] = fact("names of the targets it acts on", factory=list)
    company: str | None = fact("the company whose release it is")
    mentions: list[Mention] = _mentions("drug")

    @staticmethod
    def brief(item: dict[str, Any]) -> str:
        return (item["name"] + (f" = {', '.join(item['aliases'])}" if item["aliases"] else "")
                + (f" [{item['modality']}]" if item["modality"] else ""))


@dataclass
class Target:
    name: str = fact("the usual name (PD-L1, HER2)", default="")
    symbol: str | None = fact("HGNC symbol, null for families")
    aliases: list[str] = fact("other names in the text", factory=list)
    mentions: list[Mention] = _mentions("target")

    @staticmethod
    def brief(item: dict[str, Any]) -> str:
        symbol = item["symbol"]
        return item["name"] + (f" ({symbol})" if symbol and symbol != item["name"] else "")


@dataclass
class Indication:
    name: str = fact("the disease", default="")
    aliases: list[str] = fact("abbreviations and qualified forms in the text", factory=list)
    doid: str | None = fact("Disease Ontology ID")
    mentions: list[Mention] = _mentions("disease")

    @staticmethod
    def brief(item: dict[str, Any]) -> str:
        return item["name"]


@dataclass
class Agency:
    name: str = fact("usual abbreviation (FDA, NMPA, CDE, EMA)", default="")
    full_name: str | None = fact("full name")
    jurisdiction: str | None = fact("ISO country code, EU or INT")
    mentions: list[Mention] = _mentions("agency")

    @staticmethod
    def brief(item: dict[str, Any]) -> str:
        return item["name"]


@dataclass
class Event:
    type: str = fact("event type", default="", enum=EVENT_TYPES, table="column")
    agency: str | None = fact("the acting agency", table="column")
    drug: str | None = fact("the drug item's name", table="column")
    indication: str | None = fact("the indication named with it", table="column")
    phase: str | None = fact("trial phase named with it")
    date: str | None = fact("ISO date cut to the text's precision", pattern=ISO_DATE, table="column")
    date_precision: str | None = fact("precision of `date`", enum=DATE_PRECISIONS)
    date_text: str | None = fact("the date as written")
    date_source: str | None = fact("where the date comes from", enum=DATE_SOURCES)
    planned: bool = fact("a plan or expectation, not news", default=False, table="column")
    evidence: Mention | None = fact("the sentence that reports it")


@dataclass
class Identifier:
    type: str = fact("nct, cde_acceptance, ctr, chictr, eudract or isrctn", default="")
    value: str = fact("the identifier", default="")
    mentions: list[Mention] = _mentions("identifier")

    @staticmethod
    def brief(item: dict[str, Any]) -> str:
        return item["value"]


@dataclass
class Record:
    """Everything extracted from one input document."""

    source: str | None = fact("the input path as given (<stdin> for standard input); a byte that is "
                              "not UTF-8 or a control character is written \\xNN, a backslash \\\\",
                              csv="value")
    title: str | None = fact("the first line with words in it, or the page title; at most 300 "
                             "characters, cut after a word with an ellipsis", csv="value")
    release_date: str | None = fact("ISO date of the dateline", pattern=ISO_DATE, csv="value")
    companies: list[Company] = fact("companies named", factory=list, csv="names", table="commas")
    drugs: list[Drug] = fact("drug products, one item per product", factory=list, csv="names",
                             table="lines")
    targets: list[Target] = fact("targets a drug acts on", factory=list, csv="names", table="commas")
    indications: list[Indication] = fact("diseases a drug is developed for", factory=list, csv="names",
                                         table="lines")
    agencies: list[Agency] = fact("regulators named", factory=list, csv="names", table="commas")
    events: list[Event] = fact("dated milestones, one per (type, agency, drug, date)", factory=list,
                               csv="rows")
    identifiers: list[Identifier] = fact("trial and application identifiers", factory=list,
                                         table="commas")
    encoding: str | None = fact("how the input bytes were decoded")
    content_sha256: str | None = fact("SHA-256 of the input bytes (null for texts given to the "
                                      "Python API)", pattern="^[0-9a-f]{64}$")
    schema_version: str = fact("version of this record format", default=SCHEMA_VERSION)

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


@cache
def item_class(name: str) -> type:
    """The dataclass of the items of one list field of `Record` ("drugs" -> `Drug`)."""
    hint = typing.get_type_hints(Record)[name]
    return typing.get_args(hint)[0]


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of one record, derived from the dataclasses."""
    schema = _object_schema(Record)
    schema["properties"] = {"schema_version": {"const": SCHEMA_VERSION},
                            **{k: v for k, v in schema["properties"].items() if k != "schema_version"}}
    schema["required"] = RECORD_FIELDS
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "rxnews record",
            "description": "Facts extracted from one biopharma press release.", **schema}


def _object_schema(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {f.name: _field_schema(hints[f.name], f.metadata) for f in fields(cls)}
    return {"type": "object", "required": [f.name for f in fields(cls)], "properties": properties,
            "additionalProperties": False}


_JSON_TYPES = {str: "string", int: "integer", bool: "boolean", float: "number"}


def _field_schema(hint: Any, meta: Any) -> dict[str, Any]:
    schema = _type_schema(hint)
    nullable = _is_optional(hint)
    if "enum" in meta:
        schema = {"enum": [*meta["enum"], *([None] if nullable else [])]}
    for key in ("pattern", "minimum"):
        if key in meta:
            schema[key] = meta[key]
    if meta.get("description"):
        schema["description"] = meta["description"]
    return schema


def _is_optional(hint: Any) -> bool:
    return isinstance(hint, types.UnionType) and type(None) in typing.get_args(hint)


def _type_schema(hint: Any) -> dict[str, Any]:
    if _is_optional(hint):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        schema = _type_schema(inner)
        if "type" in schema and isinstance(schema["type"], str):
            return {**schema, "type": [schema["type"], "null"]}
        return {"anyOf": [schema, {"type": "null"}]}
    if typing.get_origin(hint) is list:
        return {"type": "array", "items": _type_schema(typing.get_args(hint)[0])}
    if hasattr(hint, "__dataclass_fields__"):
        return _object_schema(hint)
    return {"type": _JSON_TYPES[hint]}


def csv_layout() -> list[tuple[str, str, str | None]]:
    """(column, record field, item field) of a CSV row, from the `csv` metadata of `Record`.

    The item field is None for a column of the record's own value ("value") or of its
    items' names joined by "; " ("names"); a "rows" field gives a column per item field
    ("event_type", "event_date", ...) and one row per item.
    """
    columns: list[tuple[str, str, str | None]] = []
    for f in fields(Record):
        how = f.metadata.get("csv")
        if how == "rows":
            prefix = f.name.removesuffix("s")
            columns.extend((f"{prefix}_{g.name}", f.name, g.name) for g in fields(item_class(f.name)))
        elif how:
            columns.append((f.name, f.name, None))
    return columns


def table_rows() -> list[tuple[str, str]]:
    """(field, joiner) of the facts table: the list fields of `Record` with `table` metadata."""
    return [(f.name, f.metadata["table"]) for f in fields(Record) if f.metadata.get("table")]


def event_columns() -> list[str]:
    """The `Event` fields shown as columns of the events table."""
    return [f.name for f in fields(Event) if f.metadata.get("table") == "column"]

