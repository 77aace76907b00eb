"""Links between facts: each drug's modality, targets and company, from the text around it."""

from __future__ import annotations

import bisect
import re

from ..document import Document
from ..matching.matcher import Match
from ..record import Drug, Record
from .stage import Stage
from .targets import acted_on

LINK_WINDOW = 120  # characters around a drug mention searched for its modality and targets


class DrugLinks(Stage):
    """Attach to each drug its modality, targets and company (the release's first company)."""


    def __call__(self, doc: Document, record: Record) -> None:
        """Fill `modality`, `targets` and `company` of each of `record.drugs`."""
        modalities = doc.labelled("MODALITY")
        starts = [m.start for m in modalities]
        issuer = record.companies[0].name if record.companies else None
        for drug in record.drugs:
            drug.company = issuer
            link_modality(doc, drug, modalities, starts)
        link_targets(doc, record)


def link_modality(doc: Document, drug: Drug, modalities: list[Match], starts: list[int]) -> None:
    """Take the modality phrase closest to a mention of the drug in its sentence.

    `modalities` are in text order and `starts` their starts: bisected, not scanned.
    """
    for mention in drug.mentions:
        sentence = doc.sentences[doc.sentence_of(mention.start)]
        lo = max(sentence[0], mention.start - LINK_WINDOW)
        hi = min(sentence[1], mention.end + LINK_WINDOW)
        window = modalities[bisect.bisect_left(starts, lo):bisect.bisect_right(starts, hi)]
        near = [m for m in window if m.end <= hi]
        if near:
            closest = min(near, key=lambda m: abs(m.start - mention.start))
            drug.modality = closest.entry.get("canonical")
            return


_COORDINATED = re.compile(r"\s*(?:,|/|x|\band\b|\bor\b|,\s*and\b)\s*", re.I)


def link_targets(doc: Document, record: Record) -> None:
    """Give each target named next to a mechanism word to the nearest drug in its sentence.

    A target coordinated with such a target ("targeting PD-L1 and 4-1BB") counts too.
    """
    by_sentence: dict[int, list[tuple[int, Drug]]] = {}  # not a scan of every drug per target
    for d in record.drugs:
        for m in d.mentions:
            by_sentence.setdefault(doc.sentence_of(m.start), []).append((m.start, d))
    mentions = sorted((m.start, m.end, t) for t in record.targets for m in t.mentions)
    previous: tuple[int, bool] | None = None  # end of the last target mention, and if acted on
    for start, end, target in mentions:
        acting = acted_on(doc.norm, start, end) or bool(
            previous and previous[1] and _COORDINATED.fullmatch(doc.norm, previous[0], start))
        previous = (end, acting)
        if not acting:
            continue
        near = [(abs(s - start), s > start, d) for s, d in by_sentence.get(doc.sentence_of(start), [])
                if abs(s - start) <= LINK_WINDOW]
        if near:
            drug = min(near, key=lambda x: (x[0], x[1]))[2]
            if target.name not in drug.targets:
                drug.targets.append(target.name)
