"""The release date: the dateline a release opens with, else a site's date stamp.

A dateline is read as a small grammar rather than a list of shapes:

    [PLACE {, | and | & | ;} PLACE ...] SEP [WEEKDAY] DATE [TIME [ZONE]] SEP|WIRE ...
    DATE [TIME] SEP|WIRE|", Company"       (the date first, at a line start)
    DATE [TIME] PLACE--(WIRE)--            (Business Wire)

where DATE is any written date ("Oct. 11,2022", "Tuesday 7 March 2023", "04. November
2021", "(June 2. 2022)", "2022-07-06", "06/24/2024", "14/02/2024", "2008.09.10"), SEP any
of "--", "-", "|", "I", ";", ":", "/", "(" and WIRE a wire or agency tag ("/PRNewswire/",
"(GLOBE NEWSWIRE)", "(Xinhua)"). Precedence follows the corpus conventions: the
release's own dateline wins over a site's stamp (a date after "Posted:", "Published",
"Date:", " date ", a by-line, a citation, or a date alone on its line); a year-less
dateline takes its year from the text when the text makes it certain; dates of page
furniture are never read (only the head and cued stamps of the tail are).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from ..document import Document
from ..matching.spans import merge_spans
from ..matching.tokens import WordMemo, tokenize
from ..record import Record
from .date_values import MONTH, DateSpan, month_number
from .stage import Stage

HEAD = 3000  # characters of a text where its dateline and stamps are looked for
TAIL = 1200  # characters at its end where a cued stamp is looked for, when the head has none

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*"
_YEAR = r"(?:19[89]\d|20[0-3]\d)"
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
# One alternative per written shape; each names its parts (month name or number, day, year).
DATE = re.compile(
    rf"(?<![A-Za-z\d])(?:{_WEEKDAY})?(?:"
    rf"(?P<m1>{MONTH})\.?,?\s*(?P<d1>{_DAY})(?:\s*[,.]\s*|\s+)(?P<y1>{_YEAR})(?!\d)"  # March 9, 2021
    rf"|(?P<d2>{_DAY})(?:\.?\s+(?:of\s+)?(?P<m2>{MONTH})\.?,?\s+|-(?P<h2>{MONTH})-)"  # 7 March 2023,
    rf"(?P<y2>{_YEAR})(?!\d)"  # 11-Dec-2016
    # 2024-08-30, 2024/8/30, 2024.08, and Korean portals' spaced "2024. 8. 30." (all three parts)
    rf"|(?<![\d.])(?P<y3>{_YEAR})(?P<s3>[-./]|\.\s(?=[01]?\d\.\s[0-3]?\d(?!\d)))(?P<n3>[01]?\d)"
    rf"(?:(?P=s3)(?P<e3>[0-3]?\d))?(?![\d.]?\d)"
    rf"|(?<![\d./])(?P<a4>[0-3]?\d)(?P<s4>[/.-])(?P<b4>[0-3]?\d)(?P=s4)(?P<y4>{_YEAR}|\d\d)(?![\d/.]?\d)"
    rf"|(?P<m5>{MONTH})\.?\s+(?P<d5>{_DAY})\b(?!\s*[,.]?\s*\d)"  # May 13 (a year-less dateline)
    rf"|(?P<m6>{MONTH})\.?,?\s+(?P<y6>{_YEAR})(?!\d)"  # January, 2020 (a dateline's month only)
    r")", re.I)
_TIME = (r"(?:\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?\s*(?:\(?(?:GMT|UTC)\s*[+-]?\d{0,2}\)?|"
         r"[A-Z]{2,4}|Eastern Time)?)")
_WIRE = r"(?:/\s*[A-Z][\w&.' -]{1,40}?\s*/|\(\s*[A-Z][\w&.' -]{1,40}?\s*\))"
# What may follow a dateline's date: a time, then a separator or a wire tag ("I", also glued to
# the name after it: "USA I November 04, 2021 IMolecular Partners"); or a Business Wire place;
# or a comma and a capitalised name (the date first).
_AFTER = re.compile(
    rf"\s*\)?\s*(?:{_TIME}\s*)?(?:,\s*)?(?:--|[-\u2013\u2014|;:]|/|I\s|(?-i:I(?=[A-Z][a-z]))|{_WIRE}|\(|$)"
    rf"|\s*(?:{_TIME}\s*)?[A-Z][A-Za-z.,' ]{{1,60}}--\s*\(", re.I)
_AFTER_NAME = re.compile(r",\s*[A-Z]")  # "Nov. 22, 2021, Bluebird bio ..." (at a line start only)
# The company and its listing right after the date: "London, 16 September 2016 Mereo BioPharma
# Group plc (AIM: MPH), a clinical stage ..." (a dateline inside a line).
_AFTER_LISTED = re.compile(r"\s+[A-Z][\w.&'-]*(?:\s+[\w.,&'-]+){0,5}\s+\(\s*[A-Z][A-Za-z ]{1,20}:")
# A London Stock Exchange (RNS) header: the company with its designator, then the date,
# opening the line ("Ardana PLC 09 October 2007 Ardana: Interim Results ...").
_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")  # the header's headline after its date
_COMPANY_HEADER = re.compile(r"[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4}\s+"
                             r"(?:PLC|[Pp]lc|Limited|Ltd\.?|Inc\.?|AG|SA|S\.A\.|N\.V\.|NV|AB|ASA|A/S|SE)\s*")
# A period that ends the dateline's line, or its sentence before the release's first one
# ("Brisbane, Australia, 28 December 2012. The Directors of Acme ...").
_ENDS_LINE = re.compile(r"\s*\.(?:\s*$|[^\S\n]+(?=[A-Z]))")
# A filing's company field after its date (Tokyo Stock Exchange results: "May 14, 2015 Name of
# Company Acme Co., Ltd Listed Market ...").
_AFTER_COMPANY_FIELD = re.compile(
    r"\s+(?:name\s+of\s+(?:the\s+)?(?:listed\s+)?company|(?:listed\s+)?company\s+name)\b", re.I)
# Words before a date that make it a period's end or an event's date, not the release's.
_SAID_OF = re.compile(r"\b(?:ended|ending|as\s+of|through|on|at|by|until|from|to|before|after|in|of|"
                      r"since|during|between|and)\s*[,:]?\s*$", re.I)
# A byline on the line after a date that ends its line ("... for $736 Million Cash July 11, 2016\nBy
# Jane Doe, Staff").
_BYLINE_NEXT = re.compile(r"[^\S\n]*\n[^\S\n]*By\s+[A-Z][a-z]+\s+[A-Z]")
# Words after a date that opens its line, as an item of a dated list (a timeline) has them.
# (Not a time, "March 5, 2024 at 7:00 AM", nor a dateline's sentence, "March 5, 2024 Acme Bio (NASDAQ: ACME)
# today announced ...".)
_LIST_ITEM_AFTER = re.compile(r"[ \t]+(?!at\s+\d)(?![^\n]*\b(?:today|announce[sd]?|said|says|reported)\b)"
                              r"(?![^\n]*\(\s*[A-Z]+\s*:)[A-Za-z][^\n]{0,200}$", re.M)
_BARE_AFTER = re.compile(rf"\s*(?:{_TIME})?\s*$", re.I)
# A run of place names before the date, ending in a separator: "BOSTON, ", "Cambridge, UK, ",
# "BEIJING, China and CAMBRIDGE, Mass., ", "SAN DIEGO, CA, USA I ", "Washington, D.C. (",
# "RANCHO CUCAMONGA, CA / ACCESSWIRE / ", "Leiden, the Netherlands; ".
_PLACE_WORD = r"(?:[A-Z][\w'.\-]*|the|of|de|upon|am|and|&)"
_PLACE = re.compile(
    rf"(?:^|(?<=[\s\"'(\u201c])){_PLACE_WORD}(?:[ ,;]+{_PLACE_WORD}){{0,13}}"
    rf"(?:[^\S\n]?,|;|\s(?:I|\|)|\s*(?:--|[-\u2013\u2014])|\s*{_WIRE}\s*(?:--|[-\u2013\u2014])?|\s*\()\s*$")
# Words of an agenda or a stamp, never of a place ("Conference Call:", "Lock-up Expiry:", "Annual
# General Meeting:", "Note:").
_NOT_PLACE = re.compile(
    r"\b(?:Notes?|Updated?|Date|Deadline|Time|Record|Subject|Re|Source|Posted|Published|Released|Issued|"
    r"Effective|Closing|Expiry|Period|Meeting|Event|Webcast|Call|Conference|Session|Presentation|Agenda|"
    r"Results|Report|Payment|Dividend|Annual|General|Lock-up|Expiration|Hearing|Summit|Day)\b", re.I)
# A dateline's place opening its line, then a dash or a comma ("SEOUL, SOUTH KOREA \u2013 ").
_LINE_PLACE = re.compile(
    rf"[ \t]*{_PLACE_WORD}(?:[ ,;]+{_PLACE_WORD}){{0,13}}[ \t]*(?:,|--|[-\u2013\u2014])[ \t]*")
# Places opening the line, a comma between two of them at least, then the date and a dash
# ("Tokyo, Japan, and Lugano, Switzerland March 28, 2022 -").
_PLACE_RUN = rf"{_PLACE_WORD}(?:[ ;]+{_PLACE_WORD})*"
_PLACE_SPACE = re.compile(rf"[ \t]*{_PLACE_RUN}(?:,[ \t]*{_PLACE_RUN})+[ \t]+")
_DASH_AFTER = re.compile(r"[ \t]*(?:--|[\u2013\u2014]|-[ \t])")
# A place and a colon opening the line, the date and a colon after it: "London: Thursday, October
# 12, 2017: Acme today announces ..." (a cue word before the colon is a stamp's, not a place).
_PLACE_COLON = re.compile(rf"[ \t]*[A-Z][\w'.\-]*(?:[ ,]+{_PLACE_WORD}){{0,5}}:[ \t]*")
_COLON_AFTER = re.compile(r"[ \t]*:[ \t]+[A-Z]")
_CUE = re.compile(r"(?:release\s+date|(?:publication|published|publish|issue|posting)\s+date|"
                  r"date[ds]?|datum|published(?:\s+on)?|posted(?:\s+on)?|issued(?:\s+on)?|"
                  r"day|by\s+[A-Z][\w.' -]{1,40}?,?|author\s*:\s*[A-Z][\w.' -]{1,40}?|"
                  r"\(\s*(?:press\s+release|filing)(?:,\s*[^(),\n]{1,60}){1,4},|RNS\s+Number\s*:.*|"
                  r"date\s+of\s+(?:announcement|issue|release|publication)|"
                  r"published\s+by\b[^\n]{0,120}?\bon|published\s+the\s+original\s+content\b[^\n]{0,80}?\bon|"
                  r"press\s+release|for\s+immediate\s+release|"
                  # "PRESS RELEASE, COPENHAGEN 18TH OCTOBER 2023": the cue, then the place
                  r"press\s+release\s*,\s*(?-i:[A-Z][A-Z'.-]+(?:[ ,]+[A-Z][A-Z'.-]+){0,2}),?|"
                  # Korean portals: approved (for publication), entered, posted
                  r"\uc2b9\uc778|\uc785\ub825|\ub4f1\ub85d)"
                  r"\s*[:\uff1a]?\s*$", re.I)
# A byline: an author's name alone before the date on its line.
_BYLINE = re.compile(r"(?:By\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+){1,2}\s*")
# A cue word after a lower-case word is a sentence's ("under the agreement dated June 2, 2007").
_IN_A_SENTENCE = re.compile(r"\b[a-z][a-z]+\s+$")
# A page's "updated" or "last edited" stamp (also Korean portals' 최종편집 / 수정): not when the release
# was issued, so the weakest of stamps; and a share-price widget above it.
_QUOTE_WIDGET = re.compile(r"market\s+(?:closed|open)|\bprice\s*:|[-+]\d+(?:\.\d+)?\s?%", re.I)
_UPDATED = re.compile(r"(?:updated?|last\s+(?:edited|modified)|modified|"
                      r"\ucd5c\uc885\ud3b8\uc9d1|\uc218\uc815)(?:\s+on)?\s*[:\uff1a]?\s*$", re.I)
# A line that opens with the date and tells who announced what on it: the release's own date
# (an aggregator's "On November 5, 2024 Acme Pharma Ltd. (Nasdaq: ACME) ... reported financial results").
_ON_OPENING = re.compile(r"[ \t]*On[ \t]+")
_ANNOUNCED_AFTER = re.compile(
    r",?[ \t]+(?:the[ \t]+)?[A-Z][^\n;]{0,240}?\b(?:announced|reported|said|disclosed|released|unveiled)\b")
_ON_LINE = re.compile(r"(?m)^[ \t]*On[ \t]+[^\n]{3,30}?\d{4}\b")
# A date with its clock time or time zone, on a short line, is a publication stamp: "Inc. January 29,
# 2015 6:00 AM", "2023-09-26 08:37", "Wed, 26 Jan, 2022, 08:15 -", "By Nov 18, 2021 (GMT+09:00)".
_HHMM_ET = r"\d{4}\s?(?:ET|EST|EDT)\b"  # "0736ET": a Dow Jones time
_AT_CLOCK = re.compile(r"\s*,?\s*at\s", re.I)  # a clock after "at": an agenda's too ("Webcast: ...")
_CLOCK = re.compile(rf"\s*,?\s*(?:(?:at\s+)?\d{{1,2}}:\d\d(?!\d)|\(?\s*(?:GMT|UTC)\b|{_HHMM_ET}|"
                    rf"\d{{4}}\s?GMT\b)", re.I)  # "02/27/2023 at 11:50 am" too
STAMP_LINE = 120  # characters of a stamp's line at most (a sentence with a call's time is longer)
# A date that opens a period ("September 1, 2021 - November 30, 2021") is no release's date.
_TO = re.compile(r"\s*(?:--|[-\u2013\u2014]|to\b|through\b|until\b)\s*", re.I)
_STRIP_BEFORE = re.compile(rf"(?:\s*{_TIME}\s*,?)+\s*$|(?:{_WEEKDAY})\s*$", re.I)
_YEARS = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")
_MONTH_WORD = re.compile(rf"\b{MONTH}\b\.?", re.I)

DATELINE, CUED, BARE, EDITED = 4, 3, 2, 1  # how sure a date is the release's own date


@dataclass(frozen=True)
class Candidate:
    """A date of the head (or tail) with how sure it is the release date."""

    start: int
    end: int
    rank: int
    value: str | None  # None: a year-less dateline, or a numeric date it cannot decide
    month_day: tuple[int, int] | None = None  # of a year-less dateline


def find_release_date(text: str, tokens: tuple[list[str], list[int]] | None = None) -> DateSpan | None:
    """The release date a text states: its dateline, else a site stamp, else None.

    `tokens` (words and their offsets, as `matching.tokens.tokenize` gives them) spare
    tokenising the text again; only the dates near their digits are searched.
    """
    return release_date_and_stamps(text, tokens)[0]


def release_date_and_stamps(text: str, tokens: tuple[list[str], list[int]] | None = None
                            ) -> tuple[DateSpan | None, list[tuple[int, int]]]:
    """`find_release_date`, and the spans of the publication stamps found on the way (" date
    2016-08-11", "Posted: ...", a by-line's date): a page's dates, which date no event."""
    words, starts = tokens if tokens is not None else tokenize(text)
    head = text[:HEAD]
    # The first dateline with a full date wins whatever follows it: the search stops there.
    dates = _candidates(head, 0, _digit_windows(words, starts, 0, len(head)), until_dateline=True)
    found = [c for c in dates if c.rank]
    if not any(c.rank >= CUED for c in found) and len(text) > HEAD:
        tail_start = max(HEAD, len(text) - TAIL)
        windows = _digit_windows(words, starts, tail_start, len(text))
        found += [c for c in _candidates(text[tail_start:], tail_start, windows) if c.rank == CUED]
    stamps = [(c.start, c.end) for c in found if c.rank == CUED]
    if not found:
        return None, stamps
    best = max(c.rank for c in found)
    chosen = next(c for c in found if c.rank == best)
    value = chosen.value
    if value is None and chosen.month_day is not None:
        value = _year_of(chosen.month_day, [c for c in dates if c.value and len(c.value) == 10], head)
    if value is None:
        return None, stamps
    return DateSpan(chosen.start, chosen.end, text[chosen.start:chosen.end], value,
                    "day" if len(value) == 10 else "month"), stamps


# Every DATE match holds a token that starts with a digit, opens at most five tokens before
# its first such token (weekday, comma, month, period) and ends at most six after it, its
# look-ahead reaching two more ("May 13 , 2024"): windows of tokens around those digits
# hold every match, and end where no digit can follow within a look-ahead's reach.
_REACH_BEFORE, _REACH_AFTER = 6, 8


_DIGIT_START = WordMemo(lambda word: word[0].isdigit())


def _digit_windows(words: list[str], starts: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """Character spans of text[lo:hi] (relative to lo) around its tokens that start with a digit."""
    first = bisect.bisect_left(starts, lo)
    last = bisect.bisect_left(starts, hi)
    spans = []
    for i in _DIGIT_START.where(words[first:last]):
        i += first
        a, b = max(first, i - _REACH_BEFORE), min(last - 1, i + _REACH_AFTER)
        # A window at the first token opens at `lo`: a word cut there may end in a month name.
        spans.append((0 if a == first else starts[a] - lo, min(hi, starts[b] + len(words[b])) - lo))
    return merge_spans(spans)


def _candidates(head: str, offset: int, windows: list[tuple[int, int]], until_dateline: bool = False
                ) -> list[Candidate]:
    """The dates of `head` (in `windows` of it) with the rank of their context, in text order;
    `until_dateline`: up to the first dateline with a full date (none after it can be chosen)."""
    named: set[int] | None = None
    years: set[str] | None = None
    found = []
    year_less_dateline = False
    for lo, hi in windows:
        for m in DATE.finditer(head, lo, hi):
            line_start = head.rfind("\n", 0, m.start()) + 1
            line_end = head.find("\n", m.end())
            before = head[line_start:m.start()]
            after = head[m.end():len(head) if line_end < 0 else line_end]
            if m.group("m6") and not _LINE_PLACE.fullmatch(before):
                continue  # a month alone dates a release only as a dateline opening its line
            if m.group("a4") and named is None:  # only a numeric date reads the text's months and years
                named = {month_number(w.group(0)) for w in _MONTH_WORD.finditer(head)}
                years = set(_YEARS.findall(head))
            value, month_day = _value(m, named or set(), years or set())
            rank = _rank(head, line_start, before, after, year_less=month_day is not None)
            if m.group("m6") and rank != DATELINE:
                continue
            if value or month_day:
                found.append(Candidate(offset + m.start(), offset + m.end(), rank, value, month_day))
                if until_dateline and rank == DATELINE:
                    if value and not year_less_dateline:
                        return found
                    year_less_dateline = True  # it is chosen: its year may come from any later date
    return found


def _rank(head: str, line_start: int, before: str, after: str, year_less: bool) -> int:
    """How the text around a date says it is the release's date (0: it does not)."""
    to = _TO.match(after)
    if to and DATE.match(after, to.end()):
        return 0
    core = _STRIP_BEFORE.sub("", before)
    place = _PLACE.search(core)
    # A year-less date is a dateline only after places that open their line ("BOSTON, May 9 --"),
    # not after a word in a sentence ("granted a patent in US (Oct 24)").
    if place and _AFTER.match(after) and (not year_less or not core[:place.start()].strip()):
        return DATELINE
    if not year_less and _DASH_AFTER.match(after) and _PLACE_SPACE.fullmatch(before) \
            and not _NOT_PLACE.search(before):
        return DATELINE
    if not year_less and _COLON_AFTER.match(after) and _PLACE_COLON.fullmatch(core) \
            and not _CUE.search(core) and not _NOT_PLACE.search(core):
        return DATELINE
    if not year_less and (place and _AFTER_LISTED.match(after)
                          or _COMPANY_HEADER.fullmatch(core) and _CAPITAL_AFTER.match(after)):
        return DATELINE
    if place and not year_less and (_ENDS_LINE.match(after) or _AFTER_NAME.match(after)) \
            and not core[:place.start()].strip():
        # a line of its own ("Toronto, Wednesday, 11 December 2024."), or the place, the date and the
        # company opening a line ("Lund, Sweden, 10 May 2019, NeuroVive today announced")
        return DATELINE
    if not core.strip():
        if _AFTER.match(after) and not _BARE_AFTER.match(after) or _AFTER_NAME.match(after):
            return DATELINE if not year_less else 0
    if year_less:
        return 0
    if _UPDATED.search(core):  # "UPDATE : Monday, September 7, 2020", "최종편집 2024-04-26 06:02": a page's
        # last edit, taken only when nothing says when the release was issued ("Update: 2020-01-16 23:18
        # IST" over an Indian wire story); a share-price widget's never ("Market Closed / Updated: ...").
        previous = head[max(0, line_start - 160):line_start]
        if _QUOTE_WIDGET.search(previous):
            return 0
        # With its clock time it is the article's own stamp ("Updated: 20 Mar 2024 10:15 AM" on an
        # Indian business site), weaker than any cued one but not than a sidebar's bare date.
        return BARE if _CLOCK.match(after) else EDITED
    if (_CLOCK.match(after) and len(before) + len(after) <= STAMP_LINE
            and not _IN_A_SENTENCE.search(before)  # "... the call on March 5, 2024 4:30 p.m."
            and not (_AT_CLOCK.match(after) and _NOT_PLACE.search(before))):  # "Webcast: May 9, 2024 at 4:30"
        return CUED
    if _BYLINE.fullmatch(core) and _BARE_AFTER.match(after):  # "Salong Debbarma December 22 2025"
        return CUED
    # (Not a period's end, "Fiscal Year Ended March 31, 2024 Company name:", nor an event's date in a
    # headline, "to Present at the Conference on June 5, 2024".)
    if (_AFTER_COMPANY_FIELD.match(after) or _BARE_AFTER.match(after)
            and _BYLINE_NEXT.match(head, _line_end(head, line_start))) and not _SAID_OF.search(before):
        return CUED
    if _ON_OPENING.fullmatch(core) and _ANNOUNCED_AFTER.match(after) and _on_openings(head) == 1:
        return CUED  # "On November 5, 2024 Acme reported ...", not a digest of such items
    cue = _CUE.search(core)
    if cue and not (
            core[cue.start()].islower() and _IN_A_SENTENCE.search(core, 0, cue.start())):
        return CUED
    if not any(map(str.isalpha, core)):  # alone on its line, or after a number ("03 / 2022.11")
        previous = head[head.rfind("\n", 0, max(0, line_start - 1)) + 1:max(0, line_start - 1)].strip()
        if previous and _CUE.fullmatch(previous):
            return CUED
        if _LIST_ITEM_AFTER.match(after) and _dated_lines(head) > 1:  # "2023.12 Announced in Ph3, BMS"
            return 0  # an item of a dated list (a timeline), not "Dec 03, 2024 Leave a message"
        return 0 if _under_period_header(head, line_start) else BARE
    return 0


# A full date alone on its line: a digest's item heading ("December 23, 2022", "20 November, 2023").
DATE_LINE = re.compile(
    rf"(?m)^[ \t]*(?:{_WEEKDAY})?(?:(?P<m1>{MONTH})\.?\s*(?P<d1>{_DAY}),?\s+(?P<y1>{_YEAR})"
    rf"|(?P<d2>{_DAY})\s+(?P<m2>{MONTH})\.?,?\s+(?P<y2>{_YEAR}))[ \t]*$", re.I)


def date_lines(text: str) -> list[tuple[int, str]]:
    """The lines of `text` that hold a full date alone, with their ISO days: a digest's item headings
    ("December 23, 2022"). Not a financial table's column dates ("Three Months Ended / June 30, 2012")."""
    found = []
    for m in DATE_LINE.finditer(text):
        value = _named_day(m.groupdict())
        if value and not _under_period_header(text, m.start()):
            found.append((m.start(), value))
    return found


@functools.lru_cache(maxsize=4)
def _dated_lines(head: str) -> int:
    """How many lines of the head open with a date followed by words (a timeline's items); asked
    once per such line of a head, counted once."""
    count = 0
    for line in map(str.strip, head.split("\n")):
        m = DATE.match(line)
        if m and _LIST_ITEM_AFTER.match(line, m.end()):
            count += 1
    return count


@functools.lru_cache(maxsize=64)
def _on_openings(head: str) -> int:
    """How many lines of a head open with "On" and a date (a digest has several)."""
    return len(_ON_LINE.findall(head))


def _line_end(head: str, start: int) -> int:
    """Where the line that opens at `start` ends (its newline, or the end of the head)."""
    end = head.find("\n", start)
    return len(head) if end < 0 else end


_PERIOD_END = re.compile(
    r"\b(?:(?:months?|weeks?|quarters?|years?|period)\s+(?:ended|ending)|as\s+(?:of|at))\s*:?$", re.I)
_TABLE_RULE = " \t|"  # what a table's cell separators leave on a line


def _under_period_header(head: str, line_start: int, reach: int = 8) -> bool:
    """Whether a date alone on its line heads a column of a financial table ("Six Months Ended |
    June 30, 2012"): the nearest line before it, past table rules and other such dates, ends with
    "ended" or "as of"."""
    end = line_start - 1
    for _ in range(reach):
        if end <= 0:
            return False
        start = head.rfind("\n", 0, end) + 1
        line = head[start:end].strip(_TABLE_RULE)
        if line and not DATE.fullmatch(line):
            return _PERIOD_END.search(line) is not None
        end = start - 1
    return False


def _named_day(g: dict[str, str | None]) -> str | None:
    """The ISO day of a date written with its month's name: "March 9, 2021" (groups m1, d1, y1) or
    "7 March 2023", "11-Dec-2016" (d2, m2 or h2, y2); None for an impossible one ("February 30")."""
    if g.get("m1"):
        return _iso(int(g["y1"]), month_number(g["m1"]), _number(g["d1"]))
    return _iso(int(g["y2"]), month_number(g.get("m2") or g["h2"]), _number(g["d2"]))


def _value(m: re.Match[str], named: set[int], years: set[str]) -> tuple[str | None, tuple[int, int] | None]:
    """(ISO value, None) of a date match, or (None, (month, day)) for a year-less one."""
    g = m.groupdict()
    if g["m6"]:
        return f"{g['y6']}-{month_number(g['m6']):02d}", None
    if g["m5"]:
        return None, (month_number(g["m5"]), _number(g["d5"]))
    if g["m1"] or g["m2"] or g["h2"]:
        return _named_day(g), None
    if g["y3"]:
        if g["e3"] is None:  # "2022.11": a month
            return (f"{g['y3']}-{int(g['n3']):02d}" if 1 <= int(g["n3"]) <= 12 else None), None
        return _iso(int(g["y3"]), int(g["n3"]), int(g["e3"])), None
    dow_jones = g["s4"] == "-" and _DOW_JONES_TIME.match(m.string, m.end()) is not None  # "11-10-23 0843ET"
    # A US time zone on the stamp's line says the US order: "09:01 AM EST, 12/09/2024 (MT Newswires)".
    line = m.string[m.string.rfind("\n", 0, m.start()) + 1:m.start()][-40:]
    us_order = dow_jones or _US_ZONE.search(line) is not None
    return _numeric(int(g["a4"]), int(g["b4"]), g["y4"], g["s4"], named, years, us_order), None


_DOW_JONES_TIME = re.compile(rf"\s+{_HHMM_ET}")
_US_ZONE = re.compile(r"\d\s*(?:[ap]\.?m\.?)?\s*(?:E|C|M|P)[SD]?T\b", re.I)  # "09:01 AM EST", "8:30 ET"


def _numeric(a: int, b: int, year: str, sep: str, named: set[int], years: set[str],
             month_first: bool = False) -> str | None:
    """A numeric date: day and month in the order its parts or the text make certain, else None.

    "14/02/2024" can only be day-month, "06/24/2024" only month-day; "02/09/2022" is
    decided by which of the two months the text names elsewhere. Dots are day-first
    ("29.09.2020"). A two-digit year is "YY.MM.DD" or "DD.MM.YY", decided by the
    four-digit years of the text, or "MM-DD-YY" when only that reading is a date ("03-27-23") or
    the date is `month_first` (a Dow Jones stamp, "11-10-23 0843ET"); with a four-digit year,
    `month_first` (a US time zone before it) decides "12/09/2024" as December 9.
    """
    if len(year) == 2:
        if a <= 12 < b <= 31 or month_first and _iso(2000, a, b):
            short = int(year)
            return _iso(short + (2000 if short < 40 else 1900), a, b)
        readings = [(2000 + a, b, int(year)), (2000 + int(year), b, a)]
        readings = [r for r in readings if str(r[0]) in years and _iso(*r)]
        return _iso(*readings[0]) if len(readings) == 1 else None
    if sep == "." or a > 12:
        return _iso(int(year), b, a)
    if b > 12:
        return _iso(int(year), a, b)
    if a == b:
        return _iso(int(year), a, b)
    matching = [(m, d) for m, d in ((a, b), (b, a)) if m in named]
    if len(matching) == 1:
        return _iso(int(year), *matching[0])
    return _iso(int(year), a, b) if month_first and sep == "/" else None


def _year_of(month_day: tuple[int, int], dated: list[Candidate], head: str) -> str | None:
    """The year of a year-less dateline, when the text makes it certain.

    A full date of the head within two months of it gives its year; else the head
    naming one year only (not counting years of plans).
    """
    month, day = month_day
    for c in dated:
        stamp = dt.date.fromisoformat(c.value)
        for year in (stamp.year - 1, stamp.year, stamp.year + 1):
            iso = _iso(year, month, day)
            if iso and abs((dt.date.fromisoformat(iso) - stamp).days) <= 62:
                return iso
    years = {m.group(1) for m in _YEARS.finditer(head)
             if not _PLANNED_BEFORE.search(head, max(0, m.start() - 80), m.start())}
    return _iso(int(years.pop()), month, day) if len(years) == 1 else None


# A year said as a plan's ("results expected in the second half of 2006") is no year of the release.
_PLANNED_BEFORE = re.compile(
    r"\b(?:expect\w*|will|plan\w*|anticipat\w*|intend\w*|aim\w*|scheduled)\b[^.\n]*$", re.I)


def _number(day: str) -> int:
    return int(re.match(r"\d+", day).group(0))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


class Dateline(Stage):
    """The release date: the dateline's date, else the date the caller gave (`record.release_date`)."""

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `doc.dateline` and, when the text states a release date, `record.release_date`."""
        found, doc.stamps = release_date_and_stamps(doc.norm, doc.tokens)
        if found is not None:
            doc.dateline = (found.start, found.end)
            record.release_date = found.value
