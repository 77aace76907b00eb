"""Records to load: read from JSON Lines files and checked for what the database needs."""

from __future__ import annotations

import json
import re
import sys
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from .. import record as model
from ..errors import RecordError

_ISO_DATE = re.compile(model.ISO_DATE)  # matched whole (fullmatch): "2024\n" is no date
# The list fields of a record, and those the database does not store: their items need only be objects.
LISTS = tuple(name for name, hint in typing.get_type_hints(model.Record).items()
              if typing.get_origin(hint) is list)
UNSTORED = ("agencies", "identifiers")


class ItemChecks(NamedTuple):
    """The fields of one list's items by what they must hold, from the record model (`rxnews.record`)."""

    key: str  # the first field, the item's name or type: a non-empty string
    texts: tuple[str, ...]  # a string or null
    name_lists: tuple[str, ...]  # a list of strings
    object_lists: tuple[str, ...]  # a list of objects (mentions)
    objects: tuple[str, ...]  # an object or null (evidence)
    dates: tuple[str, ...]  # texts that are also ISO dates (the model's `pattern`)
    unchecked: tuple[str, ...]  # flags: read as true or false, whatever they hold


def item_checks(cls: type) -> ItemChecks:
    """The checks of an item class's fields, by their types (a type without a check is an error)."""
    hints = typing.get_type_hints(cls)
    first, *rest = fields(cls)
    if hints[first.name] is not str:
        raise TypeError(f"{cls.__name__}.{first.name}: an item's first field is its name, a str")
    kinds: dict[str, list[str]] = {kind: [] for kind in ItemChecks._fields[1:]}
    for f in rest:
        kind = _check_kind(hints[f.name])
        if kind is None:
            raise TypeError(f"{cls.__name__}.{f.name}: no check for a field of type {hints[f.name]}")
        kinds[kind].append(f.name)
        if f.metadata.get("pattern") == model.ISO_DATE and kind == "texts":
            kinds["dates"].append(f.name)
    return ItemChecks(first.name, **{kind: tuple(names) for kind, names in kinds.items()})


def _check_kind(hint: Any) -> str | None:
    args = typing.get_args(hint)
    if hint in (str, str | None):
        return "texts"
    if hint == list[str]:
        return "name_lists"
    if typing.get_origin(hint) is list and is_dataclass(args[0]):
        return "object_lists"
    if is_dataclass(hint) or (isinstance(hint, types.UnionType) and len(args) == 2 and type(None) in args
                              and any(is_dataclass(a) for a in args)):
        return "objects"
    return "unchecked" if hint is bool else None


# Per list the database stores: what its items must hold.
ITEMS = {name: item_checks(model.item_class(name)) for name in LISTS if name not in UNSTORED}


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
    if data.get("release_date") is not None and not _ISO_DATE.fullmatch(str(data["release_date"])):
        return f"release_date must be an ISO date, not {data['release_date']!r}"
    return None


def _item_problem(name: str, item: Any, where: str) -> str | None:
    if not isinstance(item, dict):
        return f"{where} must be an object"
    if name not in ITEMS:
        return None
    checks = ITEMS[name]
    if not isinstance(item.get(checks.key), str) or not item[checks.key]:
        return f"{where} has no '{checks.key}'"
    for field in checks.texts:
        if item.get(field) is not None and not isinstance(item[field], str):
            return f"{where}.{field} must be a string or null"
    for field in checks.name_lists:
        names = item.get(field, [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return f"{where}.{field} must be a list of names"
    for field in checks.object_lists:
        objects = item.get(field, [])
        if not isinstance(objects, list) or not all(isinstance(m, dict) for m in objects):
            return f"{where}.{field} must be a list of objects"
    for field in checks.objects:
        if not isinstance(item.get(field) or {}, dict):
            return f"{where}.{field} must be an object or null"
    for field in checks.dates:
        date = item.get(field)
        if date is not None and not _ISO_DATE.fullmatch(date):
            return f"{where}.{field} must be an ISO date (2024, 2024-10, 2024-10-15), not {date!r}"
    return None


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """The record with every list present (older or hand-written records may leave some out)."""
    return {**data, **{name: data.get(name) or [] for name in LISTS}}


def read_jsonl(paths: Iterable[str], stdin: IO[bytes] | None = None
               ) -> Iterator[dict[str, Any] | RecordError]:
    """Yield each record of JSON Lines files ("-": `stdin`, bytes), checked (`record_problem`) and
    normalised, or a `RecordError` per bad line.

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
