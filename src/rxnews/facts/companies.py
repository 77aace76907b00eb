"""Companies: names ending in a corporate designator, and names given with a stock ticker."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..document import Document
from ..matching.patterns import PatternEntry, words_of
from ..matching.spans import Coverage
from ..record import Company, Record
from ..text import fold_key
from .abbreviations import find_words
from .stage import Stage

# A capitalised word, with at most one inner period before a letter ("Co.Ltd"). The part after
# the period is inside the optional group: written as two adjacent stars, a word can be split
# in many ways, and a failed NAME_BEFORE_TICKER search tried them all (most of this module's time).
_CAP = r"(?:[A-Z0-9][A-Za-z0-9&'\-]*(?:\.(?=[A-Za-z])[A-Za-z0-9&'\-]*)?)"


def ticker_pattern(exchanges: Iterable[str]) -> re.Pattern[str]:
    """The regex of a ticker in parentheses: "(Nasdaq: ABCD)" for one of `exchanges`, or "(1234)"."""
    names = "|".join(re.escape(e) for e in sorted(set(exchanges), key=lambda e: (-len(e), e)))
    return re.compile(rf"\(\s*(?:(?:{names})\s*:\s*([A-Z0-9]{{1,6}}(?:\.[A-Z]{{1,2}})?)"
                      rf"|(\d{{4,6}}(?:\.[A-Z]{{1,2}})?))\s*\)")


NAME_BEFORE_TICKER = re.compile(rf"((?:{_CAP} ){{0,4}}{_CAP})(?:-[A-Z])?[ ]?$")
_CAP_WORD = re.compile(_CAP)
_CAP_END = re.compile(rf"{_CAP}$")
_POSSESSIVE = re.compile(r"(?<=\w)'s$")
STOP_HEADS = {"The", "A", "An", "And", "Its", "On", "In", "Today", "About", "Shares", "Of", "For"}


def _skip_stop_heads(text: str, start: int, end: int) -> int:
    """Move `start` past leading words such as "The" or "Today" in text[start:end]."""
    for word in re.finditer(r"\S+", text[start:end]):
        if word.group(0) not in STOP_HEADS:
            return start + word.start()
    return end


def _capitalised_words_before(text: str, end: int, most: int = 4, reach: int = 80) -> int:
    """Return where the run of up to `most` capitalised words, each followed by one space,
    that ends at `end` starts ("Acme Bio " before "Inc."); `end` if there is none."""
    lo = max(0, end - reach)
    start = end
    parts = text[lo:end].split(" ")
    # The last part is the empty string after the space that must precede `end`.
    if len(parts) < 2 or parts[-1]:
        return end
    for word in reversed(parts[-1 - most:-1]):
        if _CAP_WORD.fullmatch(word):
            start -= len(word) + 1
            continue
        # "(Acme" or "results.\nAcme": the run starts inside the word and ends there.
        tail = _CAP_END.search(word)
        if tail is not None:
            start -= len(word) - tail.start() + 1
        break
    return start


def company_spans(text: str, suffix_spans: list[tuple[int, int]], tickers: re.Pattern[str]
                  ) -> list[tuple[int, int, str | None]]:
    """Return (start, end, ticker) of company names: "X Therapeutics", "X Co., Ltd.", "X (HKEX: 1)".

    `tickers` is `ticker_pattern(exchanges)`.
    """
    found: list[tuple[int, int, str | None]] = []
    last_ending_at: dict[int, int] = {}  # end offset -> index in `found` of the last name ending there
    for s, e in suffix_spans:
        head = _capitalised_words_before(text, s)
        if head < s:
            start = _skip_stop_heads(text, head, s)
            if start < s:
                last_ending_at[e] = len(found)
                found.append((start, e, None))
    for m in tickers.finditer(text):
        ticker = m.group(1) or m.group(2)
        # A name found just before, maybe with ", Inc." or "-B" between: "Acme Bio, Inc. (Nasdaq: X)";
        # the last found of those ending in the 15 characters before, looked up by their ends.
        near = max((last_ending_at.get(e, -1) for e in range(m.start() - 15, m.start() + 1)), default=-1)
        if near >= 0:
            s, e, t = found[near]
            found[near] = (s, e, t or ticker)
            continue
        named = NAME_BEFORE_TICKER.search(text, max(0, m.start() - 80), m.start())
        if named is None:
            continue
        start, end = _skip_stop_heads(text, named.start(1), named.end(1)), named.end(1)
        while end > start and text[end - 1] in ",.":
            end -= 1
        if start < end and not text[start:end].isdigit():
            last_ending_at[end] = len(found)
            found.append((start, end, ticker))
    # "Bar Pharmaceuticals" inside "Bar Pharmaceuticals Co., Ltd.": keep the longest.
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, str | None]] = []
    for span in found:
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def extract_companies(doc: Document, tickers: re.Pattern[str]) -> list[Company]:
    """Return one company item per organisation, with its ticker and every mention."""
    suffixes = [(m.start, m.end) for m in doc.labelled("COMPANY_SUFFIX")]
    agencies = Coverage(len(doc.norm), [(m.start, m.end) for m in doc.labelled("AGENCY")])
    companies: dict[str, Company] = {}
    mentioned_at: dict[str, set[int]] = {}  # key -> the starts of its company's mentions
    for start, end, ticker in company_spans(doc.norm, suffixes, tickers):
        if agencies.overlaps(start, end):  # "European Medicines" of the European Medicines Agency
            continue
        if _POSSESSIVE.search(doc.norm, start, end):  # "GSK's (NYSE: GSK)": the name is "GSK"
            end -= 2
        name = doc.text[start:end].strip()
        key = fold_key(name)
        if not key:
            continue
        company = companies.setdefault(key, Company(name=name))
        company.ticker = company.ticker or ticker
        if start not in mentioned_at.setdefault(key, set()):
            mentioned_at[key].add(start)
            company.mentions.append(doc.mention(start, end))
    # The first of the keys a key ends with, in the order found: its endings of the keys' lengths
    # looked up, not all keys compared with each (keys are not empty).
    order = {key: n for n, key in enumerate(companies)}
    lengths = sorted({len(key) for key in companies})
    for key in sorted(companies, key=len, reverse=True):
        # "Shanghai BioTroy Therapeutics" and "BioTroy Therapeutics" are one company.
        shorter = min((key[-n:] for n in lengths if n < len(key) and key[-n:] in companies),
                      key=order.__getitem__, default=None)
        if shorter is not None:
            longer = companies.pop(key)
            companies[shorter].mentions.extend(longer.mentions)
            companies[shorter].ticker = companies[shorter].ticker or longer.ticker
    surfaces = {key: doc.norm[c.mentions[0].start:c.mentions[0].end] for key, c in companies.items()}
    occurrences = find_words(doc.norm, list(dict.fromkeys(surfaces.values())))
    for key, company in companies.items():
        starts = {m.start for m in company.mentions}
        for s, e in occurrences[surfaces[key]]:
            if s not in starts:
                starts.add(s)
                company.mentions.append(doc.mention(s, e))
        company.mentions.sort(key=lambda m: m.start)
    return list(companies.values())


class Companies(Stage):
    """The companies of a document: designator names ("X Therapeutics") and ticker names."""

    def __init__(self, tickers: re.Pattern[str]) -> None:
        self.tickers = tickers

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Companies:
        """Build from the EXCHANGE word list (COMPANY_SUFFIX phrases are matched in the document)."""
        return cls(ticker_pattern(words_of(entries, "EXCHANGE")))

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.companies`."""
        record.companies = extract_companies(doc, self.tickers)
