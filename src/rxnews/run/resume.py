"""`--resume`: the records an `-o FILE` holds already, and the inputs still to process.

The records come from FILE and from the temporary `.part` files of runs that were killed
(SIGKILL, a crash, power loss), in that order; each input keeps its first complete record.
An input and a record are the same when the record's `source` and the input's path name one
file, however spelled (`a.txt`, `./a.txt`, `dir/../a.txt`), and it is skipped when its bytes
still have the record's content hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import ResumeError
from ..inputs import escape_path, path_of, source_of
from ..inputs.paths import STDIN_SOURCE, resolved
from ..record import json_line


def leftover_parts(target: Path) -> list[Path]:
    """The temporary files that killed runs left beside `target`, oldest first."""
    # `tempfile` names: "." + the name + "." + 8 random characters + ".part" (see `atomic_output`).
    pattern = re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}\.part")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    parts = [target.parent / name for name in names if pattern.fullmatch(name)]
    return sorted(parts, key=lambda path: (_mtime(path), path.name))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def record_key(source: str) -> str:
    """What makes a record's input one input: its resolved path (`<stdin>` for standard input)."""
    return STDIN_SOURCE if source == STDIN_SOURCE else resolved(path_of(source))


@dataclass
class Done:
    """The records of earlier runs: per input (`record_key`), its `source` and content hash."""

    files: list[Path]  # where the records are: FILE, then the leftover parts
    records: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    recovered: int = 0  # records found only in the leftover parts


def read_done(files: list[Path]) -> Done:
    """Read the complete records of JSON Lines files (FILE first, then leftover parts).

    A last line cut short by a killed run is ignored; any other line that is not a
    record raises `ResumeError`. Files that do not exist hold no records.
    """
    done = Done([path for path in files if path.exists()])
    for path in done.files:
        for number, record in _complete_records(path):
            if record is None:
                raise ResumeError(escape_path(str(path)), number,
                                  "not an rxnews JSON record; only a JSON Lines file written by "
                                  "rxnews can be resumed")
            source = record.get("source")
            if isinstance(source, str) and (key := record_key(source)) not in done.records:
                done.records[key] = (source, record.get("content_sha256"))
                done.recovered += path != files[0]
    return done


def _complete_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Yield (line number, record or None if the line is not a JSON object) per complete line."""
    with path.open(encoding="utf-8", errors="replace", newline="\n") as lines:
        for number, line in enumerate(lines, 1):
            if not line.endswith("\n"):
                return  # the last record of a killed run, cut short
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            yield number, record if isinstance(record, dict) else None


def plan_resume(paths: list[str], done: Done) -> tuple[list[str], set[str]]:
    """Split inputs into those still to process and the keys of the records they replace.

    An input is skipped when a record of the same file has the content hash of the
    file's bytes now; standard input is always processed.
    """
    todo: list[str] = []
    stale: set[str] = set()
    for path in paths:
        key = record_key(source_of(path))
        if key in done.records:
            sha = done.records[key][1]
            if path != "-" and sha is not None and file_sha256(path) == sha:
                continue
            stale.add(key)
        todo.append(path)
    return todo, stale


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def copy_records(done: Done, stream: IO[str], drop: set[str]) -> int:
    """Copy the records `read_done` kept to `stream`, each input's once, except those in `drop`."""
    copied: set[str] = set()
    for path in done.files:
        if not path.exists():
            continue
        for _, record in _complete_records(path):
            if record is None:
                continue
            source = record.get("source")
            key = record_key(source) if isinstance(source, str) else None
            if key is not None and (key in drop or key in copied):
                continue
            stream.write(json_line(record) + "\n")
            if key is not None:
                copied.add(key)
    stream.flush()
    return len(copied)
