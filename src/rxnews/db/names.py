"""The names of a drug item, folded as `rxnews eval` folds them, each with its kind.

A record gives the kind of a drug item's `name` only; each alias is classified by
its shape: a name with a digit is a development code, a lower-case one or one whose
last word the extractor takes for an INN by its WHO stem (-mab, -tinib, ...; not
"tetrapeptide", nor a short "-gene" or "-stat" word) is an INN, any other is a brand.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from ..text import fold_key

if TYPE_CHECKING:
    from ..facts.drug_names import DrugNames

KINDS = ("code", "inn", "brand")
_PHASE_PART = re.compile(r"(iv|iii|ii|i|\d)([abc]?)")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


@cache
def inn_stems() -> tuple[str, ...]:
    """The INN stems of the shipped pattern files (`patterns/inn_stems.jsonl`), lower case."""
    from ..matching.patterns import read_shipped_file, shipped_pattern_dir, words_of

    stems = words_of(read_shipped_file(shipped_pattern_dir() / "inn_stems.jsonl"), "INN_STEM")
    return tuple(sorted(stem.lower() for stem in stems))


@cache
def _drug_names() -> DrugNames:
    """The extractor's shape tests of drug names, with the shipped INN stems."""
    from ..facts.drug_names import DrugNames

    return DrugNames(stems=inn_stems())


def kind_of(name: str) -> str:
    """Classify a drug name by its shape: `code`, `inn` or `brand`.

    The last word of a capitalised name is an INN when the extractor's stem test says so
    (`DrugNames.is_stem_inn`, on the word in lower case).
    """
    if any(ch.isdigit() for ch in name):
        return "code"
    if name[:1].islower():
        return "inn"
    words = name.split()
    return "inn" if words and _drug_names().is_stem_inn(words[-1].lower()) else "brand"


def item_names(drug: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(folded key, kind, name as written) of a drug item's name and aliases, one per key.

    The item's `name` comes first with the kind the record gives it; an alias that
    folds to a key already seen (a capitalised INN, a second spelling) is dropped.
    """
    names: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for position, name in enumerate([drug["name"], *drug.get("aliases", [])]):
        key = fold_key(name)
        if not key or key in seen:
            continue
        seen.add(key)
        kind = drug.get("kind") if position == 0 and drug.get("kind") in KINDS else kind_of(name)
        names.append((key, kind, name))
    return names


def phase_key(phase: str | None) -> str | None:
    """A comparison key of a trial phase: "Phase III", "phase 3" -> "3"; "Phase Ib/II" -> "1b/2"."""
    if not phase:
        return None
    text = phase.lower().replace("phase", " ")
    parts = []
    for part in re.split(r"[\s/-]+", text):
        if not part:
            continue
        m = _PHASE_PART.fullmatch(part)
        parts.append(_ROMAN.get(m.group(1), m.group(1)) + m.group(2) if m else part)
    return "/".join(parts) or None
