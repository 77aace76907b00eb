"""The dateline: the date a release says it was issued, found in its head."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..record import Record
from .date_values import DateNormalizer, DateSpan, resolve
from .dates import find_date_spans
from .stage import Stage

_DATELINE_CUE = re.compile(r"(?:release\s+date|date|published|posted|issued)\s*:?\s*$", re.I)
_DATELINE_TAIL = re.compile(r"^\s*(?:\d{1,2}:\d\d(?::\d\d)?\s*(?:[AP]M)?\s*)?(?:[A-Z]{2,4}\s*)?"
                            r"(?:$|[-/|(]|\s*-)", re.I)
_CITY_HEAD = re.compile(r"^[\s\"'(]*[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?,\s*$")


def find_release_date(text: str, normalizer: DateNormalizer, window: int = 1500,
                      windows: list[tuple[int, int]] | None = None) -> DateSpan | None:
    """Find the dateline of a release in its head: the date the release says it was issued."""
    head = text[:window]
    for kind, m in _head_date_spans(head, windows):
        if kind not in ("day", "iso", "dotted", "month"):
            continue
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line_end = len(head) if line_end < 0 else line_end
        before = head[line_start:m.start()]
        after = head[m.end():line_end]
        if not (_DATELINE_CUE.search(before) or (not before.strip() and _DATELINE_TAIL.match(after))
                or (_CITY_HEAD.match(before) and _DATELINE_TAIL.match(after))):
            continue
        value, precision, _ = resolve(kind, m, normalizer, None, None)
        if value is not None and precision in ("day", "month"):
            return DateSpan(m.start(), m.end(), m.group(0), value, precision)
    return None


def _head_date_spans(head: str, windows: list[tuple[int, int]] | None
                     ) -> Iterator[tuple[str, re.Match[str]]]:
    """The date candidates of `head` in text order, one window at a time (the dateline is early).

    Windows are disjoint, so this yields what `find_date_spans(head, windows=...)` returns.
    """
    if windows is None:
        yield from find_date_spans(head)
        return
    for lo, hi in windows:
        if lo >= len(head):
            break
        yield from find_date_spans(head, lo, min(hi, len(head)))


class Dateline(Stage):
    """The release date: the dateline's date, else the date the caller gave (`record.release_date`)."""

    def __init__(self) -> None:
        self.dates = DateNormalizer()


    def __call__(self, doc: Document, record: Record) -> None:
        """Set `doc.dateline` and, when the text has a dateline, `record.release_date`."""
        found = find_release_date(doc.norm, self.dates, windows=doc.date_windows)
        if found is not None:
            doc.dateline = (found.start, found.end)
            record.release_date = found.value
