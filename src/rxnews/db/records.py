"""Records to load: read from JSON Lines files and checked for what the database needs."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import RecordError

ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LISTS = ("companies", "drugs", "targets", "indications", "agencies", "events", "identifiers")
# Per list: the key its items must have (a string), their other text fields (a string or null)
# and their lists of names.
ITEMS = {
    "companies": ("name", ("ticker",), ()),
    "drugs": ("name", ("kind", "modality", "company"), ("aliases", "targets")),
    "targets": ("name", ("symbol",), ("aliases",)),
    "indications": ("name", ("doid",), ("aliases",)),
    "events": ("type", ("agency", "drug", "indication", "phase", "date", "date_precision", "date_text",
                        "date_source"), ()),
}


def record_problem(data: Any) -> str | None:
    """The reason `data` is not a record the database can load, or None if it is."""
    if not isinstance(data, dict):
        return f"expected a JSON object (a record), found {type(data).__name__}"
    if not isinstance(data.get("source"), str) or not data["source"]:
        return "the record has no 'source' (the database keeps one release per source)"
    for name in LISTS:
        value = data.get(name, [])
        if not isinstance(value, list):
            return f"'{name}' must be a list"
        for position, item in enumerate(value):
            problem = _item_problem(name, item, f"{name}[{position}]")
            if problem:
                return problem
    if data.get("release_date") is not None and not ISO_DATE.match(str(data["release_date"])):
        return f"release_date must be an ISO date, not {data['release_date']!r}"
    return None


def _item_problem(name: str, item: Any, where: str) -> str | None:
    if not isinstance(item, dict):
        return f"{where} must be an object"
    if name not in ITEMS:
        return None
    key, texts, name_lists = ITEMS[name]
    if not isinstance(item.get(key), str) or not item[key]:
        return f"{where} has no '{key}'"
    for field in texts:
        if item.get(field) is not None and not isinstance(item[field], str):
            return f"{where}.{field} must be a string or null"
    for field in name_lists:
        names = item.get(field, [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return f"{where}.{field} must be a list of names"
    mentions = item.get("mentions", [])
    if not isinstance(mentions, list) or not all(isinstance(m, dict) for m in mentions):
        return f"{where}.mentions must be a list of objects"
    if not isinstance(item.get("evidence") or {}, dict):
        return f"{where}.evidence must be an object or null"
    date = item.get("date")
    if date is not None and not ISO_DATE.match(date):
        return f"{where}.date must be an ISO date (2024, 2024-10, 2024-10-15), not {date!r}"
    return None


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """The record with every list present (older or hand-written records may leave some out)."""
    return {**data, **{name: data.get(name) or [] for name in LISTS}}


def read_jsonl(paths: Iterable[str], stdin: IO[bytes] | None = None
               ) -> Iterator[dict[str, Any] | RecordError]:
    """Yield each record of JSON Lines files ("-": `stdin`, bytes), or a `RecordError` per bad line.

    A file that cannot be read gives one error (line None); blank lines are skipped.
    """
    for path in paths:
        if path == "-":
            yield from _lines(path, stdin if stdin is not None else sys.stdin.buffer)
            continue
        try:
            handle = Path(path).open("rb")
        except FileNotFoundError:
            yield RecordError(path, None, "no such file")
            continue
        except IsADirectoryError:
            yield RecordError(path, None, "is a directory, not a JSON Lines file")
            continue
        except OSError as err:
            yield RecordError(path, None, f"cannot read: {err.strerror or err}")
            continue
        with handle:
            yield from _lines(path, handle)


def _lines(path: str, handle: IO[bytes]) -> Iterator[dict[str, Any] | RecordError]:
    for number, raw in enumerate(handle, 1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
        except UnicodeDecodeError:
            yield RecordError(path, number, "not UTF-8 text")
            continue
        except json.JSONDecodeError as err:
            yield RecordError(path, number, f"not JSON ({err.msg} at column {err.colno})")
            continue
        problem = record_problem(data)
        yield RecordError(path, number, problem) if problem else normalise(data)
