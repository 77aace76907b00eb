"""Load, validate and merge the pattern and lexicon files in `patterns/`.

Every line of a `*.jsonl` file is one spaCy-style pattern: `{"id", "label",
"pattern"}` plus the keys its label allows (a canonical name, an HGNC symbol,
...). A string `pattern` is a phrase; a list is a spaCy token pattern. Files in
user directories given with `--patterns` extend the shipped ones; a user line
with the id of a shipped line replaces it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import PatternError

COMMON_KEYS = {"id", "label", "pattern", "case"}
LABEL_KEYS: dict[str, set[str]] = {
    "TARGET": {"canonical", "symbol"},
    "DISEASE": {"canonical", "doid"},
    "DRUG": {"canonical", "kind"},
    "AGENCY": {"canonical", "full_name", "jurisdiction", "parent"},
    "COMPANY_SUFFIX": set(),
    "NOT_DRUG": set(),
    "NOT_CODE_PREFIX": set(),
    "QUALIFIER": set(),
    "MODALITY": {"canonical"},
    "CUE": {"cue"},
}
REQUIRED_KEYS: dict[str, set[str]] = {
    "TARGET": {"canonical"},
    "DISEASE": {"canonical"},
    "DRUG": {"canonical", "kind"},
    "AGENCY": {"canonical"},
    "MODALITY": {"canonical"},
    "CUE": {"cue"},
}
ALLOWED_KEYS = {label: frozenset(COMMON_KEYS | keys) for label, keys in LABEL_KEYS.items()}
PHRASE_ONLY = {"TARGET", "DISEASE", "DRUG", "AGENCY", "COMPANY_SUFFIX", "NOT_DRUG", "QUALIFIER",
               "NOT_CODE_PREFIX", "MODALITY"}
# Labels used as word lists by the code rather than matched in texts.
UNMATCHED_LABELS = {"NOT_CODE_PREFIX"}
DRUG_KINDS = {"inn", "brand", "code"}
CASE_VALUES = {"sensitive", "insensitive"}


@dataclass(frozen=True)
class PatternEntry:
    """One validated line of a pattern file."""

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


def shipped_pattern_dir() -> Path:
    """Return the directory of the pattern files shipped inside the package."""
    return Path(str(resources.files("rxnews").joinpath("patterns")))


def parse_line(raw: str, path: str, line: int) -> PatternEntry | None:
    """Validate one line of a pattern file; blank lines give None."""
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise PatternError(path, line, f"invalid JSON: {err.msg} (column {err.colno})") from None
    if not isinstance(data, dict):
        raise PatternError(path, line, f"expected a JSON object, found {type(data).__name__}")
    for key in ("id", "label", "pattern"):
        if key not in data:
            raise PatternError(path, line, f"missing key '{key}'")
    label, entry_id, pattern = data["label"], data["id"], data["pattern"]
    if label not in LABEL_KEYS:
        raise PatternError(path, line, f"unknown label {label!r}; expected one of "
                           f"{', '.join(sorted(LABEL_KEYS))}")
    if not isinstance(entry_id, str) or not entry_id:
        raise PatternError(path, line, "'id' must be a non-empty string")
    allowed = ALLOWED_KEYS[label]
    if not allowed.issuperset(data):
        unknown = sorted(set(data) - allowed)
        raise PatternError(path, line, f"unknown key {unknown[0]!r} for label {label}; "
                           f"allowed: {', '.join(sorted(allowed))}")
    required = REQUIRED_KEYS.get(label, set())
    if not required.issubset(data):
        missing = sorted(required - set(data))
        raise PatternError(path, line, f"missing key '{missing[0]}' for label {label}")
    _check_pattern(pattern, label, path, line)
    if "case" in data and data["case"] not in CASE_VALUES:
        raise PatternError(path, line, f"'case' must be 'sensitive' or 'insensitive', "
                           f"found {data['case']!r}")
    if label == "DRUG" and data["kind"] not in DRUG_KINDS:
        raise PatternError(path, line, f"'kind' must be one of {', '.join(sorted(DRUG_KINDS))}, "
                           f"found {data['kind']!r}")
    for key in LABEL_KEYS[label]:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise PatternError(path, line, f"'{key}' must be a string or null")
    attrs = {k: v for k, v in data.items() if k not in {"id", "label", "pattern"}}
    return PatternEntry(entry_id, label, pattern, attrs, path, line)


def _check_pattern(pattern: Any, label: str, path: str, line: int) -> None:
    if isinstance(pattern, str):
        if not pattern.strip():
            raise PatternError(path, line, "'pattern' is an empty string")
        return
    if label in PHRASE_ONLY:
        raise PatternError(path, line, f"label {label} takes a phrase (string) pattern")
    if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
        raise PatternError(path, line, "'pattern' must be a string or a non-empty list of "
                           "token objects")
    from spacy.schemas import validate_token_pattern

    known = token_attributes()
    for number, token in enumerate(pattern, start=1):
        unknown = sorted(key for key in token if key.upper() not in known)
        if unknown:
            # spaCy's own message depends on the pydantic version; this one is stable.
            raise PatternError(path, line, f"bad token pattern: unknown attribute {unknown[0]!r} "
                                           f"in token {number}")
    problems = validate_token_pattern(pattern)
    if problems:
        raise PatternError(path, line, f"bad token pattern: {problems[0]}")


@cache
def token_attributes() -> frozenset[str]:
    """Return the attribute names a spaCy token pattern accepts (upper case)."""
    from spacy.schemas import TokenPattern

    fields = TokenPattern.model_fields if hasattr(TokenPattern, "model_fields") else TokenPattern.__fields__
    return frozenset(name.upper() for key, f in fields.items() for name in (key, f.alias or key))


def read_pattern_file(path: Path) -> Iterator[PatternEntry]:
    """Yield the entries of one file, refusing duplicate ids within it."""
    seen: dict[str, int] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise PatternError(str(path), None, f"cannot read: {err}") from None
    for number, raw in enumerate(lines, start=1):
        entry = parse_line(raw, str(path), number)
        if entry is None:
            continue
        if entry.id in seen:
            raise PatternError(str(path), number,
                               f"duplicate id {entry.id!r} (first on line {seen[entry.id]})")
        seen[entry.id] = number
        yield entry


def pattern_files(directory: Path) -> list[Path]:
    """Return the `*.jsonl` files of a directory in a stable order."""
    if not directory.is_dir():
        raise PatternError(str(directory), None, "not a directory")
    return sorted(directory.glob("*.jsonl"))


def read_shipped_file(path: Path) -> list[PatternEntry]:
    """The entries of a shipped pattern file, parsed in one go and not checked line by line.

    The tests check every shipped line with `read_pattern_file` and that both give the
    same entries; reading the 16,000 shipped lines one by one took a sixth of start-up.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    numbers = [number for number, raw in enumerate(lines, 1) if raw.strip()]
    objects = json.loads("[" + ",".join([lines[number - 1] for number in numbers]) + "]")
    name = str(path)
    return [PatternEntry(data.pop("id"), data.pop("label"), data.pop("pattern"), data, name, number)
            for number, data in zip(numbers, objects, strict=True)]


def load_patterns(extra_dirs: Iterable[str | Path] = ()) -> list[PatternEntry]:
    """Load the shipped patterns merged with those of `extra_dirs`.

    Ids are unique within a directory (a duplicate is refused with both places);
    an id in a later directory replaces the same id of an earlier one.
    """
    merged: dict[str, PatternEntry] = {}
    shipped = shipped_pattern_dir()
    for directory in [shipped, *map(Path, extra_dirs)]:
        seen: dict[str, tuple[str, int]] = {}
        for path in pattern_files(directory):
            name = path.name
            for entry in read_shipped_file(path) if directory is shipped else read_pattern_file(path):
                if entry.id in seen:
                    first = "{}:{}".format(*seen[entry.id])
                    raise PatternError(str(path), entry.line, f"duplicate id {entry.id!r} (first in {first})")
                seen[entry.id] = (name, entry.line)
                merged[entry.id] = entry
    return list(merged.values())
