"""The plain-data view of one document that every extractor reads."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .matching.matcher import Match
from .record import Mention


@dataclass
class Document:
    """A decoded text, its character-normalised twin, sentences and pattern matches."""

    text: str
    norm: str
    sentences: list[tuple[int, int]]
    matches: list[Match] = field(default_factory=list)
    date_windows: list[tuple[int, int]] | None = None  # spans worth scanning for dates; None: all
    dateline: tuple[int, int] | None = None  # the release's own date, which dates no event itself
    stamps: list[tuple[int, int]] = field(default_factory=list)  # a page's publication stamps: neither
    tokens: tuple[list[str], list[int]] = field(default_factory=lambda: ([], []))  # tokenize(norm)

    def __post_init__(self) -> None:
        self._starts = [s for s, _ in self.sentences]
        self._by_label: dict[str, list[Match]] = {}
        for m in self.matches:
            self._by_label.setdefault(m.label, []).append(m)
        if "CUE" in self._by_label:
            self._by_label["CUE"] = unmasked_cues(self._by_label["CUE"])
        self._cues = sorted(self._by_label.get("CUE", []), key=lambda m: m.start)
        self._cue_starts = [m.start for m in self._cues]

    def mention(self, start: int, end: int) -> Mention:
        """Return the mention of text[start:end] (offsets into the original text)."""
        return Mention(start, end, self.text[start:end])

    def sentence_of(self, offset: int) -> int:
        """Return the index of the sentence containing `offset` (the previous one in gaps)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def labelled(self, label: str) -> list[Match]:
        """Return the matches of one label, in text order."""
        return self._by_label.get(label, [])

    def cues(self, start: int, end: int) -> dict[str, list[Match]]:
        """Return the CUE matches inside [start, end), grouped by cue name."""
        found: dict[str, list[Match]] = {}
        first = bisect.bisect_left(self._cue_starts, start)
        last = bisect.bisect_left(self._cue_starts, end)
        for m in self._cues[first:last]:
            if m.end <= end:
                found.setdefault(m.entry.get("cue"), []).append(m)
        return found


MASK = "not_a_cue"  # the cue name of phrases that hold a cue but report no event ("acceptance number")


def unmasked_cues(cues: list[Match]) -> list[Match]:
    """The cue matches (in text order) without the `MASK` ones and those inside one."""
    masks = sorted((m.start, m.end) for m in cues if m.entry.get("cue") == MASK)
    if not masks:
        return cues
    kept, k, reach = [], 0, -1  # reach: the furthest end of the masks that start at or before m
    for m in sorted(cues, key=lambda m: m.start):
        while k < len(masks) and masks[k][0] <= m.start:
            reach = max(reach, masks[k][1])
            k += 1
        if m.end > reach and m.entry.get("cue") != MASK:
            kept.append(m)
    return kept
