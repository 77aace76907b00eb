"""Registry and regulatory identifiers: NCT, Chinese acceptance numbers, CTR, EudraCT."""

from __future__ import annotations

import re

from ..document import Document
from ..record import Identifier, Record
from .stage import Stage

# (type, needles one of which every match contains, pattern): strings, or patterns that start
# with a literal; finding a needle is fast, so most texts skip the scan.
# Each pattern starts with literal characters and checks the word boundary before them in a
# lookbehind: a leading `\b` makes re try every position of the text instead of jumping
# between occurrences of the literal (same matches).
IDENTIFIER_PATTERNS = [
    ("nct", ("NCT",), re.compile(r"NCT(?<=\bNCT)\d{8}\b")),
    ("cde_acceptance", ("CX", "JX"), re.compile(r"[CJ]X(?<=\b[CJ]X)[SH][LS]\d{7}\b")),
    ("ctr", ("CTR",), re.compile(r"CTR(?<=\bCTR)\d{8}\b")),
    ("chictr", ("ChiCTR",), re.compile(r"ChiCTR(?<=\bChiCTR)[-\d]{8,14}\b")),
    ("eudract", (re.compile(r"-\d{6}-"),), re.compile(r"(?:19|20)(?<=\b\d\d)\d\d-\d{6}-\d{2}\b")),
    ("isrctn", ("ISRCTN",), re.compile(r"ISRCTN(?<=\bISRCTN)\d{8}\b")),
]


def find_identifiers(text: str) -> list[tuple[str, int, int]]:
    """Return (type, start, end) of every identifier in `text`, in text order."""
    found = [(kind, m.start(), m.end()) for kind, needles, rx in IDENTIFIER_PATTERNS
             if any(_holds(text, needle) for needle in needles) for m in rx.finditer(text)]
    return sorted(found, key=lambda f: f[1])


def _holds(text: str, needle: str | re.Pattern[str]) -> bool:
    return needle in text if isinstance(needle, str) else needle.search(text) is not None


def extract_identifiers(doc: Document) -> list[Identifier]:
    """Return one identifier item per distinct value."""
    items: dict[tuple[str, str], Identifier] = {}
    for kind, start, end in find_identifiers(doc.norm):
        value = doc.text[start:end]
        item = items.setdefault((kind, value), Identifier(kind, value))
        item.mentions.append(doc.mention(start, end))
    return list(items.values())


class Identifiers(Stage):
    """The trial and application identifiers of a document."""


    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.identifiers`."""
        record.identifiers = extract_identifiers(doc)
