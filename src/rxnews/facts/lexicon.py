"""Group lexicon matches of one label into items, with the abbreviations the text defines."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..document import Document
from ..matching.matcher import Match
from ..matching.patterns import PatternEntry
from .abbreviations import abbreviation_after, find_words


@dataclass
class LexiconItem:
    """All mentions of one lexicon concept (one `canonical`) in a document."""

    canonical: str
    entry: PatternEntry
    spans: list[tuple[int, int]] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)


def group_matches(doc: Document, label: str, *, abbreviations: bool = True,
                  extra: Sequence[Match] = (), covered: Sequence[tuple[int, int]] = ()) -> list[LexiconItem]:
    """Return one item per canonical name of `label` (plus `extra` matches), by first mention.

    Lexicon matches inside a `covered` span (a longer `extra` name) are left out.
    """
    items: dict[str, LexiconItem] = {}
    seen: set[tuple[str, int, int]] = set()  # a set: `item.add` scans a list (quadratic)
    own = doc.labelled(label)
    if covered:
        # Inside a covered span: one of those that start at or before it reaches its end
        # (the spans sorted once, not all compared with each match).
        ordered = sorted(covered)
        los = [lo for lo, _ in ordered]
        reach = list(itertools.accumulate((hi for _, hi in ordered), max))
        own = [m for m in own if not ((k := bisect.bisect_right(los, m.start)) and reach[k - 1] >= m.end)]
    for m in sorted([*own, *extra], key=lambda m: m.start):
        canonical = m.entry.get("canonical")
        item = items.setdefault(canonical, LexiconItem(canonical, m.entry))
        if (canonical, m.start, m.end) not in seen:
            seen.add((canonical, m.start, m.end))
            item.spans.append((m.start, m.end))
    if abbreviations:
        taken = {span for item in items.values() for span in item.spans}
        # The abbreviations defined after the items' mentions, then all their occurrences found
        # in one pass over the text (not one pass per abbreviation).
        defined = [(item, short) for item in items.values() for start, end in item.spans
                   if (short := abbreviation_after(doc.norm, end, doc.norm[start:end])) is not None]
        occurrences = find_words(doc.norm, list(dict.fromkeys(doc.norm[s:e] for _, (s, e) in defined)))
        expanded: set[str] = set()  # once a word's occurrences are taken, repeating adds nothing
        for item, short in defined:
            word = doc.text[short[0]:short[1]]
            if word not in item.abbreviations:
                item.abbreviations.append(word)
            norm_word = doc.norm[short[0]:short[1]]
            if norm_word in expanded:
                continue
            expanded.add(norm_word)
            for span in occurrences[norm_word]:
                if span not in taken:
                    item.spans.append(span)
                    taken.add(span)
    result = list(items.values())
    for item in result:
        item.spans.sort()
    result.sort(key=lambda it: it.spans[0])
    return result


def surface_aliases(doc: Document, item: LexiconItem, name: str) -> list[str]:
    """Return the distinct surface forms of an item other than its name, in text order."""
    aliases: list[str] = []
    for start, end in item.spans:
        surface = doc.text[start:end]
        if surface != name and surface not in aliases:
            aliases.append(surface)
    return aliases
