"""Page furniture in a text: the lists of other stories under "Related news", "Read more", ...

Their drugs, diseases, dates and events are not facts of the release. The extractor
masks them (spaces, same length, so offsets still slice the original text) before
anything is matched.
"""

from __future__ import annotations

import re

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
    return spans


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
