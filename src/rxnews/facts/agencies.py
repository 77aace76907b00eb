"""Regulatory agencies and their divisions, from `patterns/agencies.jsonl`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..matching.patterns import PatternEntry
from ..record import Agency, Record
from .lexicon import group_matches
from .stage import Stage


@dataclass(frozen=True)
class Regulator:
    """What the lexicon says of one agency: its names, full name, jurisdiction and parent."""

    full_name: str | None
    jurisdiction: str | None
    parent: str | None
    names: re.Pattern[str] | None  # any of its case-sensitive names, as words


def extract_agencies(doc: Document, regulators: dict[str, Regulator] | None = None) -> list[Agency]:
    """Return one agency item per regulator named in the document.

    A division named with its parent ("Center for Drug Evaluation of China's National Medical
    Products Administration", "CDE of NMPA") names the parent too.
    """
    agencies = []
    for item in group_matches(doc, "AGENCY", abbreviations=False):
        entry = item.entry
        agencies.append(Agency(
            name=item.canonical,
            full_name=entry.get("full_name"),
            jurisdiction=entry.get("jurisdiction"),
            mentions=[doc.mention(s, e) for s, e in item.spans],
        ))
    if regulators:
        named = {a.name for a in agencies}
        for agency in list(agencies):
            parent = regulators.get(agency.name)
            parent = parent and parent.parent
            if parent is None or parent in named or parent not in regulators:
                continue
            names = regulators[parent].names
            inside = [m for mention in agency.mentions if names is not None
                      for m in [names.search(doc.norm, mention.start, mention.end)] if m]
            if inside:
                agencies.append(Agency(name=parent, full_name=regulators[parent].full_name,
                                       jurisdiction=regulators[parent].jurisdiction,
                                       mentions=[doc.mention(m.start(), m.end()) for m in inside]))
                named.add(parent)
        agencies.sort(key=lambda a: a.mentions[0].start)
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


def _any_of(names: list[str]) -> re.Pattern[str]:
    """Any of `names` as whole words, the longest first."""
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


class Agencies(Stage):
    """The regulators a document names."""

    def __init__(self, regulators: dict[str, Regulator]) -> None:
        self.regulators = regulators

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Agencies:
        """Build from the AGENCY lexicon: each agency's names, full name, jurisdiction and parent."""
        names: dict[str, list[str]] = {}
        first: dict[str, PatternEntry] = {}
        for e in entries:
            if e.label == "AGENCY" and isinstance(e.pattern, str):
                canonical = e.get("canonical")
                first.setdefault(canonical, e)
                names.setdefault(canonical, []).append(e.pattern)
        return cls({canonical: Regulator(e.get("full_name"), e.get("jurisdiction"), e.get("parent"),
                                         _any_of(names[canonical])) for canonical, e in first.items()})

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.agencies`."""
        record.agencies = extract_agencies(doc, self.regulators)
