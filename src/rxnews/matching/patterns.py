"""Load, validate and merge the pattern and lexicon files in `patterns/`.

Every line of a `*.jsonl` file is one spaCy-style pattern: `{"id", "label",
"pattern"}` plus the keys its label allows (`labels.LABELS`). A string `pattern`
is a phrase; a list is a spaCy token pattern. Files in user directories given
with `--patterns` extend the shipped ones; a user line with the id of a shipped
line replaces it. Validation goes through every line of every file and reports
each bad one (`PatternError.problems`), as spaCy's `MatchPatternError` does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..errors import PatternError, Problem
from .labels import LABELS, PATTERN, Label

CASE_VALUES = frozenset({"sensitive", "insensitive"})


@dataclass(frozen=True)
class PatternEntry:
    """One validated line of a pattern file, its label's defaults filled in."""

    id: str
    label: str
    pattern: str | list[dict[str, Any]]
    attrs: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    line: int = 0

    @property
    def case_sensitive(self) -> bool:
        """Whether a phrase must match with its exact case (see `is_case_sensitive`)."""
        case = self.attrs.get("case")
        if case is not None:
            return case == "sensitive"
        return isinstance(self.pattern, str) and is_case_sensitive(self.pattern)

    def get(self, key: str, default: Any = None) -> Any:
        """Return the label-specific attribute `key`."""
        return self.attrs.get(key, default)


def is_case_sensitive(phrase: str) -> bool:
    """Acronyms and mixed-case names (an uppercase letter after the first) match case-sensitively."""
    return any(map(str.isupper, phrase[1:]))


def make_entry(data: dict[str, Any], path: str = "", line: int = 0) -> PatternEntry:
    """The entry of one checked line (`data` is consumed): its label's defaults filled in."""
    entry_id, label, pattern = data.pop("id"), data.pop("label"), data.pop("pattern")
    for key, default in LABELS[label].defaults.items():
        if key not in data and isinstance(pattern, str):
            data[key] = pattern if default is PATTERN else default
    return PatternEntry(entry_id, label, pattern, data, path, line)


def shipped_pattern_dir() -> Path:
    """Return the directory of the pattern files shipped with the package.

    A wheel holds them in `rxnews/patterns`. An editable install (PEP 660) runs the
    code from the source tree, where they are the project's `patterns/` folder; PEP
    610's `direct_url.json` says where that tree is.
    """
    packaged = Path(__file__).resolve().parents[1] / "patterns"
    if packaged.is_dir():
        return packaged
    from importlib import metadata  # (10 ms to import: only here)

    try:
        info = json.loads(metadata.distribution("rxnews").read_text("direct_url.json") or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        info = {}
    if info.get("dir_info", {}).get("editable"):
        tree = Path(unquote(urlparse(info["url"]).path)) / "patterns"
        if tree.is_dir():
            return tree
    raise PatternError([Problem(str(packaged), None, "the shipped pattern files are missing; "
                                                     "reinstall rxnews")])


def check_line(data: Any) -> str | None:
    """The reason a parsed line is not a valid pattern entry, or None if it is."""
    if not isinstance(data, dict):
        return f"expected a JSON object, found {type(data).__name__}"
    for key in ("id", "label", "pattern"):
        if key not in data:
            return f"missing key '{key}'"
    label = LABELS.get(data["label"]) if isinstance(data["label"], str) else None
    if label is None:
        return f"unknown label {data['label']!r}; expected one of {', '.join(sorted(LABELS))}"
    if not isinstance(data["id"], str) or not data["id"]:
        return "'id' must be a non-empty string"
    unknown = sorted(set(data) - label.allowed)
    if unknown:
        allowed = ", ".join(sorted(label.allowed))
        return f"unknown key {unknown[0]!r} for label {label.name}; allowed: {allowed}"
    missing = sorted(label.required - set(data))
    if missing:
        return f"missing key '{missing[0]}' for label {label.name}"
    if "case" in data and data["case"] not in CASE_VALUES:
        return f"'case' must be 'sensitive' or 'insensitive', found {data['case']!r}"
    for key, choices in label.choices.items():
        if key in data and data[key] not in choices:
            return f"'{key}' must be one of {', '.join(sorted(choices))}, found {data[key]!r}"
    for key in label.keys:
        if data.get(key) is not None and not isinstance(data[key], str):
            return f"'{key}' must be a string or null"
    return _check_pattern(data["pattern"], label)


def _check_pattern(pattern: Any, label: Label) -> str | None:
    if isinstance(pattern, str):
        return "'pattern' is an empty string" if not pattern.strip() else None
    if label.phrase_only:
        return f"label {label.name} takes a phrase (string) pattern"
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        return "'pattern' must be a string or a non-empty list of token objects"
    from spacy.schemas import validate_token_pattern

    known = token_attributes()
    for number, token in enumerate(pattern, start=1):
        unknown = sorted(key for key in token if key.upper() not in known)
        if unknown:
            # spaCy's own message depends on the pydantic version; this one is stable.
            return f"bad token pattern: unknown attribute {unknown[0]!r} in token {number}"
    problems = validate_token_pattern(pattern)
    return f"bad token pattern: {problems[0]}" if problems else None


@cache
def token_attributes() -> frozenset[str]:
    """Return the attribute names a spaCy token pattern accepts (upper case)."""
    from spacy.schemas import TokenPattern

    fields = TokenPattern.model_fields if hasattr(TokenPattern, "model_fields") else TokenPattern.__fields__
    return frozenset(name.upper() for key, f in fields.items() for name in (key, f.alias or key))


def read_pattern_file(path: Path, problems: list[Problem]) -> list[PatternEntry]:
    """The valid entries of one file; each bad line (or duplicate id) is added to `problems`."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        problems.append(Problem(str(path), None, f"cannot read: {err}"))
        return []
    entries: list[PatternEntry] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as err:
            problems.append(Problem(str(path), number, f"invalid JSON: {err.msg} (column {err.colno})"))
            continue
        reason = check_line(data)
        if reason is None and data["id"] in seen:
            reason = f"duplicate id {data['id']!r} (first on line {seen[data['id']]})"
        if reason is not None:
            problems.append(Problem(str(path), number, reason))
            continue
        seen[data["id"]] = number
        entries.append(make_entry(data, str(path), number))
    return entries


def read_shipped_file(path: Path) -> list[PatternEntry]:
    """The entries of a shipped pattern file, parsed in one go and not checked line by line.

    The tests check every shipped line with `read_pattern_file` and that both give the
    same entries; reading the 16,000 shipped lines one by one took a sixth of start-up.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    numbers = [number for number, raw in enumerate(lines, 1) if raw.strip()]
    objects = json.loads("[" + ",".join([lines[number - 1] for number in numbers]) + "]")
    name = str(path)
    return [make_entry(data, name, number) for number, data in zip(numbers, objects, strict=True)]


def pattern_files(directory: Path) -> list[Path]:
    """Return the `*.jsonl` files of a directory in a stable order."""
    if not directory.is_dir():
        raise PatternError([Problem(str(directory), None, "not a directory")])
    return sorted(directory.glob("*.jsonl"))


def read_directories(directories: Iterable[Path], *, check_shipped: bool = False
                     ) -> list[tuple[Path, list[PatternEntry]]]:
    """The entries of every file of the shipped directory and then `directories`, by file.

    User files are checked line by line (shipped ones too with `check_shipped`); every
    problem of every file is collected and raised together as one `PatternError`.
    Ids are unique within a directory.
    """
    problems: list[Problem] = []
    shipped = shipped_pattern_dir()
    found: list[tuple[Path, list[PatternEntry]]] = []
    for directory in [shipped, *directories]:
        try:
            paths = pattern_files(directory)
        except PatternError as err:
            problems.extend(err.problems)
            continue
        seen: dict[str, tuple[str, int]] = {}
        for path in paths:
            fast = directory is shipped and not check_shipped
            entries = read_shipped_file(path) if fast else read_pattern_file(path, problems)
            for entry in entries:
                if entry.id in seen and seen[entry.id][0] != path.name:
                    first = "{}:{}".format(*seen[entry.id])
                    problems.append(Problem(str(path), entry.line,
                                            f"duplicate id {entry.id!r} (first in {first})"))
                seen.setdefault(entry.id, (path.name, entry.line))
            found.append((path, entries))
    if problems:
        raise PatternError(problems)
    return found


def load_patterns(extra_dirs: Iterable[str | Path] = ()) -> list[PatternEntry]:
    """Load the shipped patterns merged with those of `extra_dirs`.

    An id in a later directory replaces the same id of an earlier one. Every bad line
    of every user file is reported at once (`PatternError`).
    """
    merged: dict[str, PatternEntry] = {}
    for _, entries in read_directories(map(Path, extra_dirs)):
        for entry in entries:
            merged[entry.id] = entry
    return list(merged.values())


def words_of(entries: Iterable[PatternEntry], label: str) -> frozenset[str]:
    """The patterns of one word-list label (`labels.Label.matched` is False), as a set."""
    return frozenset(str(e.pattern) for e in entries if e.label == label)
