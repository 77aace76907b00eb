"""Indications: diseases from the curated lexicon, with their qualifiers and abbreviations.

A disease counts as an indication when at least one of its mentions stands in a
sentence that names a drug or a treatment cue ("for the treatment of", "patients
with"); diseases named only in epidemiology background are left out.
"""

from __future__ import annotations

import re

from ..document import Document
from ..matching.matcher import Match
from ..matching.patterns import PatternEntry
from ..record import Indication, Record
from .event_types import RELEVANCE_CUES
from .lexicon import group_matches, surface_aliases
from .stage import Stage

# "lung cancer cells", "HPV status", "HER2-positive": a mention followed by these is not
# the condition being treated.
NOT_INDICATION_AFTER = re.compile(
    r"[-\s]*(?:cells?|cell lines?|tissues?|models?|biology|research|screening|awareness|status|"
    r"positive|negative|expression|society|foundation|association|center|centre|institute)\b",
    re.I)
_JOINER = re.compile(r"\s*(?:(?:,|or|and|/|-)\s*)?")


def qualified_start(text: str, start: int, starts_by_end: dict[int, int]) -> int:
    """Extend a disease mention leftwards over adjacent qualifiers ("recurrent or metastatic").

    `starts_by_end` maps the end of each qualifier span to its start.
    """
    while True:
        joined = next((e for e in range(start, max(0, start - 6) - 1, -1)
                       if e in starts_by_end and _JOINER.fullmatch(text, e, start)), None)
        if joined is None:
            return start
        start = starts_by_end[joined]


_COORDINATED = re.compile(r"\b([A-Za-z][a-z-]+)\s*(?:,|and|or|/)\s*$")


def coordinated_diseases(doc: Document, phrases: dict[str, PatternEntry]) -> list[Match]:
    """Find the first half of "ovarian and endometrial cancer": "ovarian cancer" when listed."""
    found = []
    for m in doc.labelled("DISEASE"):
        surface = doc.norm[m.start:m.end]
        if " " not in surface:
            continue
        head = surface.split(" ", 1)[1]
        lo = max(0, m.start - 40)
        # A cheap necessary test first: only blanks may follow the conjunction.
        if not doc.norm[lo:m.start].rstrip().endswith((",", "and", "or", "/")):
            continue
        before = _COORDINATED.search(doc.norm, lo, m.start)
        if before is None:
            continue
        entry = phrases.get(f"{before.group(1)} {head}".lower())
        if entry is not None:
            found.append(Match("DISEASE", before.start(1), before.end(1), entry))
    return found


def extract_indications(doc: Document, relevant_sentences: set[int],
                        phrases: dict[str, PatternEntry] | None = None) -> list[Indication]:
    """Return the diseases that a drug in the text is developed for, tested in or approved for."""
    qualifiers = {m.end: m.start for m in doc.labelled("QUALIFIER")}
    extra = coordinated_diseases(doc, phrases or {})
    indications = []
    for item in group_matches(doc, "DISEASE", extra=extra):
        item.spans = [(s, e) for s, e in item.spans if not NOT_INDICATION_AFTER.match(doc.norm, e)]
        if not any(doc.sentence_of(s) in relevant_sentences for s, _ in item.spans):
            continue
        name = item.canonical
        aliases = surface_aliases(doc, item, name)
        for start, end in item.spans:
            q_start = qualified_start(doc.norm, start, qualifiers) if qualifiers else start
            if q_start < start:
                phrase = doc.text[q_start:end]
                if phrase not in aliases:
                    aliases.append(phrase)
        indications.append(Indication(
            name=name, aliases=aliases, doid=item.entry.get("doid"),
            mentions=[doc.mention(s, e) for s, e in item.spans],
        ))
    return indications


class Indications(Stage):
    """The diseases a document's drugs are developed, tested or approved for.

    A disease counts when a mention stands in a sentence with a drug or with a cue
    that makes its diseases relevant (`event_types.RELEVANCE_CUES`: "treat",
    "approve", "IND", ...). A release without drugs has none.
    """

    def __init__(self, disease_phrases: dict[str, PatternEntry]) -> None:
        self.disease_phrases = disease_phrases

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Indications:
        """Build from the DISEASE lexicon (its case-insensitive phrases complete coordinated names)."""
        return cls({str(e.pattern).lower(): e for e in entries
                    if e.label == "DISEASE" and not e.case_sensitive})

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.indications`."""
        if not record.drugs:
            return
        relevant = {doc.sentence_of(m.start) for d in record.drugs for m in d.mentions}
        relevant |= {doc.sentence_of(m.start) for m in doc.labelled("CUE")
                     if m.entry.get("cue") in RELEVANCE_CUES}
        record.indications = extract_indications(doc, relevant, self.disease_phrases)
