"""Regulatory agencies and their divisions, from `patterns/agencies.jsonl`."""

from __future__ import annotations

from .document import Document
from .lexicon import group_matches
from .record import Agency


def extract_agencies(doc: Document) -> list[Agency]:
    """Return one agency item per regulator named in the document."""
    agencies = []
    for item in group_matches(doc, "AGENCY", abbreviations=False):
        entry = item.entry
        agencies.append(Agency(
            name=item.canonical,
            full_name=entry.get("full_name"),
            jurisdiction=entry.get("jurisdiction"),
            mentions=[doc.mention(s, e) for s, e in item.spans],
        ))
    return agencies


def most_specific(names: list[str], parents: dict[str, str | None]) -> str | None:
    """Pick the agency that is the most specific of `names` (a division over its parent)."""
    if not names:
        return None
    for name in names:
        if parents.get(name) in names:
            return name
    return names[0]
