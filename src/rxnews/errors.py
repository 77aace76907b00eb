"""Typed errors raised by the library; the CLI turns them into one-line messages."""

from __future__ import annotations

from typing import NamedTuple


class RxnewsError(Exception):
    """Base class of every error rxnews raises on purpose."""


class Problem(NamedTuple):
    """One bad line of a pattern file (`line` None: the whole file or directory)."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class PatternError(RxnewsError):
    """Pattern or lexicon files are malformed: `problems` lists every bad line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


class InputError(RxnewsError):
    """An input document cannot be read or decoded."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class GoldError(RxnewsError):
    """A gold annotation file is malformed."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ResumeError(RxnewsError):
    """An existing output file cannot be resumed (it is not rxnews JSON Lines)."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        super().__init__(f"{path}:{line}: {reason}")


class ClusterError(RxnewsError):
    """Dask is not installed, or the scheduler cannot be reached."""


class PathError(RxnewsError):
    """A file the run writes cannot be used, for the reason given."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class OutputError(PathError):
    """The -o FILE cannot be written: its folder is missing or read-only, or another run writes it."""


class DatabaseError(PathError):
    """A pipeline database cannot be used: not SQLite, not rxnews's, too new, locked, ..."""


class ReleaseDateError(RxnewsError, ValueError):
    """A release date given by the caller is not an ISO date."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"expected YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")


class RecordError(RxnewsError):
    """One line of a JSON Lines file is not an rxnews record (`line` None: the whole file)."""

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        super().__init__(f"{path}:{line}: {reason}" if line is not None else f"{path}: {reason}")


class UnknownDrugError(RxnewsError):
    """No drug of a pipeline database has this name (folded) among its names."""

    def __init__(self, path: str, name: str) -> None:
        self.path = path
        self.name = name
        super().__init__(f"{path}: no drug named {name!r}")
