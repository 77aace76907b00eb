"""How events read sentences: the ones with a trigger, their clauses, and the lists they open.

Only a sentence holding a trigger cue is read (`trigger_sentences`); its clauses are typed one
by one (`Clause`). A sentence ending in ":" (`ends_with_colon`) opens a list: the sentences after
it that read as its items (`is_item`: the first, then each after a ";" or "," or with a bullet),
at most `MAX_ITEMS`, continue its frame, each inheriting its `Lead` and starting after its marker
(`LIST_ITEM`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Document
from ..matching.spans import Span
from .event_types import TRIGGERS

LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u25cf\u25aa;]|\(?[a-z0-9]{1,2}[.)])?\s*")
BULLET = re.compile(r"\s*(?:[-*\u2022\u25cf\u25aa;]|\(?[a-z0-9]{1,2}[.)])\s")
MAX_ITEMS = 20  # list items a frame's list can have


@dataclass
class Clause:
    """A clause of a sentence read for events: its types, cues, agencies and asides."""

    start: int
    end: int
    types: list[str]
    cues: dict[str, list] = field(default_factory=dict)
    agencies: list[Span] = field(default_factory=list)
    referred_agency: str | None = None  # of the designation "this designation" refers to
    asides: list[tuple[int, int]] = field(default_factory=list)  # about other acts (`frames.asides`)


@dataclass
class Lead:
    """A frame a list continues: what each item inherits."""

    types: list[str]
    drug: str | None
    agency: str | None
    history: bool
    planned: bool
    ambiguous: bool


def ends_with_colon(text: str, end: int) -> bool:
    """Whether `text[:end].rstrip().endswith(":")`, without copying the text up to `end`: only
    its end is read, more of it (twice as much each time) while that is all spaces."""
    width = 64
    while True:
        start = max(0, end - width)
        tail = text[start:end].rstrip()
        if tail or not start:
            return tail.endswith(":")
        width *= 2


def is_item(text: str, sentences: list[tuple[int, int]], lead: int, k: int) -> bool:
    """Whether sentence `k` is the next item of the list that sentence `lead` opens with ":"."""
    if k == lead + 1:
        return True
    previous = text[slice(*sentences[k - 1])].strip()
    current = text[slice(*sentences[k])]
    return (previous.endswith((";", ",")) or BULLET.match(current) is not None
            or (BULLET.match(previous) is not None and BULLET.match(current) is not None))


def trigger_sentences(doc: Document) -> set[int]:
    """The sentences holding a cue some event type needs (or that refer back to one)."""
    found = set()
    for m in doc.labelled("CUE") if doc.sentences else ():
        if m.entry.get("cue") in TRIGGERS or m.entry.get("cue") == "anaphor":
            k = doc.sentence_of(m.start)
            start, end = doc.sentences[k]
            if start <= m.start and m.end <= end:
                found.add(k)
    return found
