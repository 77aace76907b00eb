"""Input paths: files as given, folders walked recursively in sorted order, "-" for stdin."""

from __future__ import annotations

import os
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path

STDIN_SOURCE = "<stdin>"  # the source of the input read from standard input ("-")
DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.xhtml")


def source_of(path: str) -> str:
    """The `source` of the records of an input path: "-" is standard input."""
    return STDIN_SOURCE if path == "-" else path


def iter_paths(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[str]:
    """Yield input paths: files as given, folders walked recursively in sorted order."""
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.is_dir():
            yield raw
            continue
        seen: set[Path] = set()
        yield from _walk(path, globs, seen)


def _walk(folder: Path, globs: tuple[str, ...], seen: set[Path]) -> Iterator[str]:
    real = folder.resolve()
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        with os.scandir(folder) as listing:  # file types come with the names: no stat per file
            children = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    for child in children:
        path = folder / child.name
        if child.is_dir():
            yield from _walk(path, globs, seen)
        elif _matches(child.name, path, globs) and (child.is_file() or child.is_symlink()):
            # Pipes and devices found in a folder are skipped: reading them could block forever.
            yield str(path)


def _matches(name: str, path: Path, globs: tuple[str, ...]) -> bool:
    """Whether a file matches one of the globs (`Path.match`: a glob without "/" tests the name)."""
    return any(fnmatch(name, glob) if "/" not in glob else path.match(glob) for glob in globs)
