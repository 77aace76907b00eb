"""The `-o FILE` of a batch: never half-written, kept on Ctrl-C, and resumable.

Records go to a temporary file beside FILE that replaces it when the run ends,
normally or by Ctrl-C (every record in it is complete: Ctrl-C is held while a
record is written). `--resume` reads the records already in FILE, skips the
inputs they came from (same source path, same content hash) and copies them
into the new file ahead of the new records.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import ResumeError
from ..inputs import source_of
from ..record import json_line


@contextmanager
def atomic_output(target: Path) -> Iterator[IO[str]]:
    """Yield a temporary text file that replaces `target` when the block ends.

    On Ctrl-C (KeyboardInterrupt) the records written so far replace `target`
    too; on any other error the temporary file is removed and `target` is left
    as it was.
    """
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                         prefix=f".{target.name}.", suffix=".part", delete=False)
    try:
        with handle:
            os.chmod(handle.name, _file_mode(target))
            yield handle
    except KeyboardInterrupt:
        os.replace(handle.name, target)
        raise
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    os.replace(handle.name, target)


def _file_mode(target: Path) -> int:
    """The permissions `target` has, or would get from `open()` (temporary files are 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextmanager
def held_interrupt() -> Iterator[None]:
    """Hold Ctrl-C until the block ends, so that a record is never half-written."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
    if caught:
        raise KeyboardInterrupt


def read_done(path: Path) -> dict[str, str | None]:
    """Map each source with a complete record in a JSON Lines file to its content hash.

    A last line cut short by a killed run is ignored; any other line that is not
    a record raises `ResumeError`.
    """
    done: dict[str, str | None] = {}
    if not path.exists():
        return done
    for number, record in _complete_records(path):
        if record is None:
            raise ResumeError(str(path), number, "not an rxnews JSON record; only a JSON Lines "
                                                 "file written by rxnews can be resumed")
        if isinstance(record.get("source"), str):
            done[record["source"]] = record.get("content_sha256")
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


def plan_resume(paths: list[str], done: dict[str, str | None]) -> tuple[list[str], set[str]]:
    """Split inputs into those still to process and the sources whose old record is stale.

    An input is skipped when FILE has a record from the same path whose content
    hash matches the file's bytes now; standard input is always processed.
    """
    todo: list[str] = []
    stale: set[str] = set()
    for path in paths:
        source = source_of(path)
        if source in done:
            if path != "-" and done[source] is not None and file_sha256(path) == done[source]:
                continue
            stale.add(source)
        todo.append(path)
    return todo, stale


def file_sha256(path: str) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def copy_records(path: Path, stream: IO[str], drop: set[str]) -> int:
    """Copy the complete records of a JSON Lines file to `stream`, except those from `drop`."""
    kept = 0
    if not path.exists():
        return kept
    for _, record in _complete_records(path):
        if record is not None and record.get("source") not in drop:
            stream.write(json_line(record) + "\n")
            kept += 1
    stream.flush()
    return kept
