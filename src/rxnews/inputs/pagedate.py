"""A page's publication date as its markup declares it: meta tags and JSON-LD, however written.

These are the page author's own statements of the date, so they are read before any
heuristic over the page (htmldate, in `article`), and never from visible page furniture.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..facts.date_values import parse_plain

# <meta name|property|itemprop=...> holding the publication date, best first.
DATE_META = ("article:published_time", "og:published_time", "published_time", "datepublished",
             "pubdate", "publishdate", "publish-date", "dc.date.issued", "dc.date", "dcterms.issued",
             "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "date")
# JSON-LD types whose `datePublished` is the page's own, best first; other types come after.
ARTICLE_TYPES = ("newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "report", "scholarlyarticle", "techarticle", "webpage")
_ISO_DATE = re.compile(r"\s*(\d{4})-?(\d{2})(?:-?(\d{2}))?(?![\d])")
_SLASHED = re.compile(r"\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_WRITTEN = re.compile(r"\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(.{3,30}?(?:19|20)\d\d)(?!\d)",
                      re.I)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{4,60})"')


def iso_date(value: str) -> str | None:
    """Return the ISO date ("2024-05-02" or "2024-05") at the start of a machine date, else None."""
    m = _ISO_DATE.match(value)
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
    try:
        dt.date(year, month, int(day or 1))
    except ValueError:
        return None
    if not 1900 <= year <= 2100:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day}" if day else "")


def written_date(value: str) -> str | None:
    """Return the ISO date of a date as pages write it ("2021-10-04T09:00", "October 4, 2021",
    "Mon, 04 Oct 2021 09:00:00 GMT", "2021/10/04"), else None."""
    found = iso_date(value)
    if found:
        return found
    slashed = _SLASHED.match(value)
    if slashed:
        return iso_date("{}-{:0>2}-{:0>2}".format(*slashed.groups()))
    written = _WRITTEN.match(value)
    if written:
        parsed = parse_plain(written.group(1))
        if parsed and parsed[0]:
            return parsed[0]
    return None


def declared_date(meta: Mapping[str, str], ld_blocks: Iterable[str]) -> str | None:
    """The publication date the markup declares: meta tags (`DATE_META`), then JSON-LD."""
    for key in DATE_META:
        value = written_date(meta.get(key, ""))
        if value:
            return value
    for block in ld_blocks:
        value = ld_date(block)
        if value:
            return value
    return None


def ld_date(block: str) -> str | None:
    """The `datePublished` of the page in one JSON-LD block (also inside `@graph`), else None."""
    try:
        data = json.loads(block)
    except ValueError:
        # Hand-written JSON-LD is often not valid JSON (trailing commas, raw line breaks).
        match = _LD_DATE.search(block)
        return written_date(match.group(1)) if match else None
    items = sorted(_page_items(data), key=_type_rank)
    for item in items:
        value = item.get("datePublished")
        if isinstance(value, str) and written_date(value):
            return written_date(value)
    return None


def _page_items(data: Any) -> Iterator[dict[str, Any]]:
    """The objects that describe the page itself: top level, `@graph` members, their `mainEntity`.

    Deeper objects (lists of related articles, `hasPart`, `mentions`) describe other pages.
    """
    tops = data if isinstance(data, list) else [data]
    for top in tops:
        if not isinstance(top, dict):
            continue
        members = top.get("@graph")
        for item in [top, *(members if isinstance(members, list) else [])]:
            if isinstance(item, dict):
                yield item
                main = item.get("mainEntity")
                if isinstance(main, dict):
                    yield main


def _type_rank(item: dict[str, Any]) -> int:
    kinds = item.get("@type")
    names = [k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)]
    ranks = [ARTICLE_TYPES.index(name) for name in names if name in ARTICLE_TYPES]
    return min(ranks, default=len(ARTICLE_TYPES))
