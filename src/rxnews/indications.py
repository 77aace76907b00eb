"""Indications: diseases from the curated lexicon, with their qualifiers and abbreviations.

A disease counts as an indication when at least one of its mentions stands in a
sentence that names a drug or a treatment cue ("for the treatment of", "patients
with"); diseases named only in epidemiology background are left out.
"""

from __future__ import annotations

import re

from .document import Document
from .lexicon import group_matches, surface_aliases
from .record import Indication

_JOINER = re.compile(r"^(?:\s*(?:,|or|and|/|-)\s*|\s+)$")


def qualified_start(text: str, start: int, qualifiers: list[tuple[int, int]]) -> int:
    """Extend a disease mention leftwards over adjacent qualifiers ("recurrent or metastatic")."""
    ends = {e: s for s, e in qualifiers}
    new_start = start
    cursor = start
    while True:
        gap_end = cursor
        gap_start = gap_end
        while gap_start > 0 and text[gap_start - 1] in " ,/-":
            gap_start -= 1
        candidates = [e for e in ends if gap_start - 4 <= e <= gap_end]
        matched = None
        for end in sorted(candidates, reverse=True):
            gap = text[end:gap_end]
            if _JOINER.match(gap) or gap == "":
                matched = end
                break
        if matched is None:
            break
        cursor = ends[matched]
        if text[matched:gap_end].strip(" ,/-") in ("", "or", "and"):
            new_start = cursor
    return new_start


def extract_indications(doc: Document, relevant_sentences: set[int]) -> list[Indication]:
    """Return the diseases that a drug in the text is developed for, tested in or approved for."""
    qualifiers = [(m.start, m.end) for m in doc.labelled("QUALIFIER")]
    indications = []
    for item in group_matches(doc, "DISEASE"):
        if not any(doc.sentence_of(s) in relevant_sentences for s, _ in item.spans):
            continue
        name = item.canonical
        aliases = surface_aliases(doc, item, name)
        for start, end in item.spans:
            q_start = qualified_start(doc.norm, start, qualifiers)
            if q_start < start:
                phrase = doc.text[q_start:end]
                if phrase not in aliases:
                    aliases.append(phrase)
        indications.append(Indication(
            name=name, aliases=aliases, doid=item.entry.get("doid"),
            mentions=[doc.mention(s, e) for s, e in item.spans],
        ))
    return indications
