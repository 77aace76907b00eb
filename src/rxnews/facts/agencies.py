"""Regulatory agencies and their divisions, from `patterns/agencies.jsonl`."""

from __future__ import annotations

from ..document import Document
from ..matching.patterns import PatternEntry
from ..record import Agency, Record
from .lexicon import group_matches
from .stage import Stage


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


def agency_parents(entries: list[PatternEntry]) -> dict[str | None, str | None]:
    """Each agency's parent (CDE -> NMPA), from the AGENCY lexicon."""
    return {e.get("canonical"): e.get("parent") for e in entries if e.label == "AGENCY"}


class Agencies(Stage):
    """The regulators a document names."""


    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.agencies`."""
        record.agencies = extract_agencies(doc)
