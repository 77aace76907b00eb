"""Page furniture in a text: the lists of other stories under "Related news", "Read more", ...

Their drugs, diseases, dates and events are not facts of the release. The extractor
masks them (spaces, same length, so offsets still slice the original text) before
anything is matched.
"""

from __future__ import annotations

import re
from collections import Counter

# A heading of other stories, alone on its line (with an optional colon).
HEADING = re.compile(
    r"(?im)^[ \t#*\u2022>-]*(?:related(?:\s+(?:news|articles?|stories|posts|content|links|coverage|"
    r"reading|topics|press\s+releases?))?|read\s+more(?:\s+(?:on|about|from)\b[^\n]{0,30})?|"
    r"more\s+(?:news|stories|articles|from\b[^\n]{0,30}|on\s+this\s+topic|like\s+this)|"
    r"recommended(?:\s+(?:for\s+you|reading|stories|articles))?|you\s+(?:may|might)\s+also\s+(?:like|enjoy|"
    r"be\s+interested\s+in)|see\s+also|also\s+read|further\s+reading|latest\s+(?:news|stories|articles|"
    r"posts|headlines)|recent\s+(?:news|posts|articles|stories|headlines)|trending(?:\s+now)?|"
    r"popular\s+(?:posts|stories|articles)|top\s+stories|in\s+other\s+news|other\s+news|"
    r"editor'?s\s+picks?|most\s+read)\s*:?[ \t]*$")
ITEM_MAX = 200  # a line of a furniture list is a headline, not a paragraph of the release
_FIRST_LINE = re.compile(r"\s*[^\n]*")


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the lists under furniture headings: the short lines after each one.

    A list runs over short lines (headlines, dates, bylines) and the blank lines between
    them, and ends at the first long line: the release goes on there. A heading on the
    first line of the text labels the page, not a list.
    """
    spans: list[tuple[int, int]] = []
    # On the page's first line a heading is its section label ("Latest News" over the
    # headline): what follows is this release's title and dateline, never masked.
    first_line = _FIRST_LINE.match(text).end()
    for heading in HEADING.finditer(text, first_line):
        start = end = heading.start()
        at = heading.end()
        while at < len(text):
            line_end = text.find("\n", at + 1)
            line_end = len(text) if line_end < 0 else line_end
            line = text[at:line_end].strip()
            if len(line) > ITEM_MAX:
                break
            if line:
                end = line_end
            at = line_end
        end = max(end, heading.end())
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    tail = headline_tail(text)
    if tail is not None:
        if spans and tail[0] <= spans[-1][1]:
            spans[-1] = (min(spans[-1][0], tail[0]), max(tail[1], spans[-1][1]))
        else:
            spans.append(tail)
    return spans


# A line that reads as another story's headline: a capital, four words or more, no sentence end.
# (A name may open in lower case with a capital inside it: "hVIVO", "iBio".)
_HEADLINE = re.compile(r"(?:[A-Z0-9]|[a-z]{1,3}[A-Z])[^\n]{18,158}(?<![.!?;:,)\"'\u201d])")
TAIL_RUN = 4  # headlines in a row that end a text: a list of other stories with no heading


def headline_tail(text: str) -> tuple[int, int] | None:
    """The span of the run of headline lines that ends a text ("Relay wins FDA breakthrough status
    for ...", "Lupin launches ... in US market"), if at least `TAIL_RUN` long: a list of other
    stories with no heading. The last line may be cut short; the run never starts the text.

    Other stories open with their own subjects, each another name ("Lupin launches ...",
    "Natera submits ..."); a release's own list repeats its name or opens with verbs
    ("Completed enrollment ..."), and is no run.
    """
    end = len(text)
    while end and text[end - 1].isspace():  # (rstrip would copy the whole text)
        end -= 1
    at, start = end, None
    firsts: list[str] = []  # the first word of each headline, from the last
    while at > 0:
        line_start = text.rfind("\n", 0, at) + 1
        line = text[line_start:at].strip()
        if line:
            words = line.split()
            if _HEADLINE.fullmatch(line) and len(words) >= 4:
                firsts.append(words[0])
                start = line_start
            elif firsts or at != end or len(line) >= 20:  # (a cut last line: "FDA a")
                break
        at = line_start - 1
    if len(firsts) < TAIL_RUN or not text[:start].strip():
        return None
    # A verb opens a release's own list ("Completed ..."); a name in capitals may end in "ed" too
    # ("HUTCHMED gains ...").
    # A long run of other stories may name one company twice ("AstraZeneca agrees ...", "Astrazeneca
    # Imfinzi gains ..."): one repeat is allowed per four headlines past the first four, but not of a
    # drug's code (a release's own milestones: "AB-101 received ...", "AB-101 completed ...").
    lowered = [w.lower() for w in firsts]
    verbs = [w.endswith("ed") and not first.isupper() for w, first in zip(lowered, firsts, strict=True)]
    repeated = [w for w, n in Counter(lowered).items() if n > 1]
    repeats = len(lowered) - len(set(lowered))
    coded = any(any(map(str.isdigit, w)) for w in repeated)  # "AB-101 ..." twice
    if (repeats > (len(lowered) - TAIL_RUN) // 4 or coded or any(verbs)
            or any(w in _OPENERS for w in lowered)):
        return None
    return start, end


_OPENERS = frozenset("the a an in on at for first new our we this these its his her their".split())


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the characters of `spans` replaced by spaces (line breaks kept)."""
    if not spans:
        return text
    parts, done = [], 0
    for start, end in spans:
        parts.append(text[done:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        done = end
    parts.append(text[done:])
    return "".join(parts)
