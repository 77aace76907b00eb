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


# The verb that ends a lead's profile of the company and opens its news ("Acme, a company
# focused on X, today announced that ..."): a drug named after it is the news's.
_NEWS_VERB = re.compile(r"\b(?:today\s+)?(?:announced|announces|reported|reports|said|says|unveiled|"
                        r"disclosed)\b", re.I)


def boilerplate_sentences(doc: Document, drug_starts: list[int],
                          profiles: list[tuple[int, int]] | None = None) -> set[int]:
    """The indices of the sentences that describe the company, not this release's news.

    `drug_starts` are the offsets of the drug mentions, in order: an "About" heading that
    names a drug opens the drug's section, which is no boilerplate. A sentence that
    profiles the company and then tells news of a drug ("Acme, a company focused on
    oncology, announced that AB-101 ...") is no boilerplate either: the span of its profile
    (up to the news verb) is appended to `profiles`, when given.
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
    for k in _profile_candidates(doc):
        start, end = doc.sentences[k]
        profile = PROFILE.search(text, start, end)
        if not profile:
            continue
        if profiles is not None and (verb := _NEWS_VERB.search(text, profile.end(), end)):
            lo = bisect.bisect_left(drug_starts, verb.end())
            if lo < len(drug_starts) and drug_starts[lo] < end:
                profiles.append((start, verb.start()))
                continue
        found.add(k)
    return found


# Every PROFILE match holds one of these words (in any case): only the sentences with one
# are searched, found with `str.find` in the lower-cased text, which is much faster than the
# case-blind expression. Characters that case-blind matching takes for an ASCII letter but
# lower-casing does not turn into it ("\u0130", "\u0131", "\u017f") send a text the slow way.
_PROFILE_WORDS = ("focus", "dedicated", "committed", "speciali", "engaged", "mission", "therapeutic", "unmet")
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f")


def _profile_candidates(doc: Document) -> list[int]:
    """The sentences that may hold a PROFILE match (every one that holds one is among them)."""
    text = doc.norm
    if any(trap in text for trap in _CASE_TRAPS):
        return list(range(len(doc.sentences)))
    lower = text.lower()
    found: set[int] = set()
    for word in _PROFILE_WORDS:
        at = lower.find(word)
        while at >= 0:
            found.add(doc.sentence_of(at))
            at = lower.find(word, at + 1)
    return sorted(found)
