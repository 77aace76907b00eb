"""Regulatory agencies and their divisions, from `patterns/agencies.jsonl`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..matching.patterns import PatternEntry
from ..matching.spans import Coverage
from ..record import Agency, Record
from .lexicon import group_matches
from .stage import Stage


@dataclass(frozen=True)
class Parent:
    """An agency that has divisions, as the lexicon gives it: full name, jurisdiction, its names."""

    full_name: str | None
    jurisdiction: str | None
    names: re.Pattern[str]  # any of its names, as words


def extract_agencies(doc: Document, parents: dict[str | None, str | None] | None = None,
                     parent_agencies: dict[str, Parent] | None = None) -> list[Agency]:
    """Return one agency item per regulator named in the document.

    A division named with its parent ("Center for Drug Evaluation of China's National Medical
    Products Administration", "CDE of NMPA") names the parent too (`parents`: each agency's
    parent; `parent_agencies`: what the lexicon says of each parent).
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
    if not parents or not parent_agencies:
        return agencies
    named = {a.name for a in agencies}
    for agency in list(agencies):
        parent = parents.get(agency.name)
        if parent is None or parent in named or parent not in parent_agencies:
            continue
        known = parent_agencies[parent]
        inside = [m for mention in agency.mentions
                  if (m := known.names.search(doc.norm, mention.start, mention.end))]
        if inside:
            agencies.append(Agency(name=parent, full_name=known.full_name, jurisdiction=known.jurisdiction,
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

    def __init__(self, parents: dict[str | None, str | None], parent_agencies: dict[str, Parent]) -> None:
        self.parents = parents
        self.parent_agencies = parent_agencies

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Agencies:
        """Build from the AGENCY lexicon: each agency's parent, and the names of those parents."""
        parents = agency_parents(entries)
        has_divisions = set(parents.values())
        names: dict[str, list[str]] = {}
        first: dict[str, PatternEntry] = {}
        for e in entries:
            if e.label == "AGENCY" and isinstance(e.pattern, str) and e.get("canonical") in has_divisions:
                first.setdefault(e.get("canonical"), e)
                names.setdefault(e.get("canonical"), []).append(e.pattern)
        return cls(parents, {name: Parent(e.get("full_name"), e.get("jurisdiction"), _any_of(names[name]))
                             for name, e in first.items()})

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.agencies`: those named outside the drugs' names ("EC" of "EC-18" is none)."""
        agencies = extract_agencies(doc, self.parents, self.parent_agencies)
        if record.drugs:
            drugs = Coverage(len(doc.text), ((m.start, m.end) for d in record.drugs for m in d.mentions))
            for agency in agencies:
                agency.mentions = [m for m in agency.mentions if not drugs.overlaps(m.start, m.end)]
            agencies = [a for a in agencies if a.mentions]
        record.agencies = agencies
