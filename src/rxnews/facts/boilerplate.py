"""Company boilerplate: the "About Acme" section and sentences that describe a company.

Diseases named there ("a company focused on oncology and metabolic diseases") are
the company's fields, not the indications of this release's drugs.
"""

from __future__ import annotations

import bisect
import re

from ..document import Document

# A heading "About Acme Therapeutics" (not "About AB-101": a drug's section is the release's).
ABOUT = re.compile(r"(?m)^[ \t#*]*About\s+(?:the\s+)?[A-Z][^\n]{0,80}$")
# The heading that ends it: another short title line ("Forward-Looking Statements", "Contact").
NEXT_HEADING = re.compile(r"(?m)^[ \t#*]*(?:About\s|Forward[- ]Looking|Cautionary|Safe\s+Harbou?r|"
                          r"Contacts?\b|Media\s+(?:Contact|Relations|Inquiries)|Investor|References?\b|"
                          r"Disclaimer|Source:)")
# A sentence that says what a company does.
PROFILE = re.compile(
    r"\b(?:company|biotech(?:nology)?|biopharma(?:ceutical)?|pharmaceutical|firm|group|organi[sz]ation|enterprise|"
    r"leader|player|innovator|developer)\b[^.;\n]{0,60}\b(?:focus(?:ed|es|ing)\s+on|dedicated\s+to|committed\s+to|"
    r"speciali[sz](?:ed|es|ing)\s+in|engaged\s+in|with\s+a\s+focus\s+on|whose\s+mission|mission\s+is|"
    r"therapeutic\s+areas?|areas?\s+of\s+(?:high\s+)?unmet)", re.I)


def boilerplate_sentences(doc: Document, drug_starts: list[int]) -> set[int]:
    """The indices of the sentences that describe the company, not this release's news.

    `drug_starts` are the offsets of the drug mentions, in order: an "About" heading that
    names a drug opens the drug's section, which is no boilerplate.
    """
    found: set[int] = set()
    text = doc.norm
    for about in ABOUT.finditer(text):
        lo = bisect.bisect_left(drug_starts, about.start())
        if lo < len(drug_starts) and drug_starts[lo] < about.end():
            continue
        end = NEXT_HEADING.search(text, about.end() + 1)
        first = doc.sentence_of(about.start())
        last = doc.sentence_of(end.start() - 1) if end else len(doc.sentences) - 1
        found.update(range(first, last + 1))
    if PROFILE.search(text):
        for k, (start, end) in enumerate(doc.sentences):
            if PROFILE.search(text, start, end):
                found.add(k)
    return found
