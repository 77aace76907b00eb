"""What an event frame attaches, by position: coordinated drugs and dates, partners, asides.

Pure functions over the normalised text and (start, end, name) spans. A trigger
mention opens a frame; these say which of the drugs and dates of its clause are
its own ("cleared the INDs for A and B" is two frames; "in July 2022, January 2023
and March 2024" three), which drugs are only partners ("in combination with X",
"versus Y"), and which dates belong to an aside about something else (", from
whom it licensed the rights in 2016,").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from ..matching.regex import after_no
from .event_types import DECIDED_BY_OWN_CUE
from .event_types import TRIGGERS as triggers_of

S = TypeVar("S")

# What may stand between two items of one list: punctuation, conjunctions, a few short
# function words and capitalised names ("EU (May 2024), Korea (June 2024)", "Roche
# (Kadcyla) in 2019 and Daiichi Sankyo (Enhertu) in 2023").
_LIST_WORDS = frozenset("and or as well in on by from for of the a an its their to then also respectively "
                        "with each tablets tablet capsules capsule injection injections oral solution "
                        "extended-release intravenous subcutaneous patients adults children people with who "
                        "have had after treatment treatments cream gel ointment spray drops patch".split())
# Asides a list item may carry: a parenthesis, what it treats.
_ITEM_ASIDE = re.compile(r"\([^()]{0,80}\)|\bfor\s+(?:use\s+in\s+)?(?:the\s+)?"
                         r"(?:treatment|prevention|management)\s+of\b", re.I)
_GAP_TOKEN = re.compile(r"[A-Za-z][\w'.\-]*|[^\w\s]|\d+")
_COMBINATION = frozenset("/+")  # "A/B", "A + B": one combination, not a list
MAX_GAP = 80
# Words after which a drug is a partner or comparator, not the frame's own drug.
PARTNER = re.compile(r"(?:\bin\s+combination\s+with|\bcombined\s+with|\bplus|\bwith|\bversus|\bvs\.?|"
                     r"\bcompared\s+(?:with|to)|\bcompar(?:ing|es?)\s+[^\s,;]+(?:\s+[^\s,;]+)?\s+(?:to|with)|"
                     r"\bagainst|\bfollowed\s+by|\bafter|\bbefore|\bthan|"
                     r"\bincluding|\bsuch\s+as|\blike)\s*(?:the\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
# An aside that reports another act: ", from whom ... ," / ", which ... ," / "that launched ...".
ASIDE = re.compile(r",\s*(?:from\s+whom|under\s+which|for\s+which|who|whom|which|when|whose)\b[^,;]*(?:,|$)"
                   r"|" + after_no(r"\w", ["that", "who"]) +
                   r"\s+(?!(?:is|are|was|were|has|have|its|this|his|thus|plus|us|as|less|unless|across|"
                   r"various|previous|numerous|serious|always|perhaps)\b)[a-z]+(?:ed|s)\b[^,;]*", re.I)
# ... a drug's origin ("OBP-801 licensed from Acme in 2009"), a company's history ("founded in 2006",
# "listed on the Tokyo Stock Exchange in 2013"). Searched only in a clause with one of HISTORY_WORDS:
# a pattern that may start at any word costs a tenth of the events' time on every clause.
HISTORY_ASIDE = re.compile(r"\b(?:in-|sub)?licensed\s+(?:from|by)\b[^,;]*"
                           r"|\b(?:founded|incorporated|listed|went\s+public)\b[^,;.]{0,80}?"
                           r"\bin\s+(?:[a-z]+\s+)?(?:19|20)\d\d\b", re.I)
HISTORY_WORDS = ("licensed", "founded", "incorporated", "listed", "public")


def is_list_gap(text: str, start: int, end: int, neutral: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether text[start:end] can join two items of one list (no verb or other content).

    The `neutral` spans (diseases named with each item) and parentheses do not count.
    """
    if end - start > MAX_GAP:
        return False
    gap = text[start:end]
    for lo, hi in neutral:
        if start <= lo and hi <= end:
            gap = gap[:lo - start] + " " * (hi - lo) + gap[hi - start:]
    for token in _GAP_TOKEN.findall(_ITEM_ASIDE.sub(" ", gap)):
        if token in _COMBINATION or token[0].islower() and token.lower() not in _LIST_WORDS:
            return False
    return True


def coordinated_runs(text: str, spans: list[tuple[int, int, S]], neutral: Sequence[tuple[int, int]] = ()
                     ) -> list[list[tuple[int, int, S]]]:
    """The spans (in text order) grouped into runs joined by list gaps ("A, B and C")."""
    runs: list[list[tuple[int, int, S]]] = []
    for span in spans:
        if runs and is_list_gap(text, runs[-1][-1][1], span[0], neutral):
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


_ITEM_BREAK = re.compile(r"[(),;]")


def list_colon(text: str, start: int, end: int) -> int:
    """Where the first colon of text[start:end] that can open a list is (-1: none): not in
    parentheses ("(Nasdaq: ACME)"), and followed by a space (not "10:00")."""
    colon = text.find(":", start, end)
    while colon >= 0 and (text.count("(", start, colon) > text.count(")", start, colon)
                          or not text[colon + 1:colon + 2].isspace()):
        colon = text.find(":", colon + 1, end)
    return colon


def colon_list_run(text: str, start: int, end: int, spans: list[tuple[int, int, S]]
                   ) -> list[tuple[int, int, S]]:
    """The spans of a list after a colon in text[start:end] whose items carry one each ("three
    designations, for: A (in April 2024), B (September 2024) and C (May 2025)"); else none.

    Items are split at commas and semicolons outside parentheses. Two or more spans after the
    colon, each in an item of its own, make the run.
    """
    colon = list_colon(text, start, end) if len(spans) > 1 else -1
    if colon < 0:
        return []
    after = [span for span in spans if span[0] > colon]
    if len(after) < 2 or after[-1][1] > end:
        return []
    item, depth, at = 0, 0, colon + 1
    items: list[int] = []  # the item of each span
    for span in after:
        for m in _ITEM_BREAK.finditer(text, at, span[0]):
            char = m.group()
            if char == "(":
                depth += 1
            elif char == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                item += 1
        at = span[1]
        items.append(item)
    return after if len(set(items)) == len(items) else []


def partners(text: str, spans: list[tuple[int, int, S]], lo: int) -> set[int]:
    """The indices of the spans that follow a partner word ("with", "versus", "plus") in their clause,
    and of those listed after one ("with lenalidomide and dexamethasone, or bortezomib"; "with A,
    B, and C"; not "treated with A, B received ...")."""
    found = set()
    for i, (start, _, _) in enumerate(spans):
        if PARTNER.search(text, max(lo, start - 60), start) or (i - 1 in found and _listed(text, spans, i)):
            found.add(i)
    return found


_LIST_AND = re.compile(r"\s*,?\s*(?:and|or|and/or|plus)\s+", re.I)  # "A and B", "A, or B"
_LIST_COMMA = re.compile(r"\s*,\s*")  # "A, B": a list only if another item follows B


def _listed(text: str, spans: list[tuple[int, int, S]], i: int) -> bool:
    """Whether spans[i] is the next item of a list after spans[i - 1]."""
    between = (spans[i - 1][1], spans[i][0])
    if _LIST_AND.fullmatch(text, *between):
        return True
    return bool(_LIST_COMMA.fullmatch(text, *between) and i + 1 < len(spans) and (
        _LIST_AND.fullmatch(text, spans[i][1], spans[i + 1][0])
        or _LIST_COMMA.fullmatch(text, spans[i][1], spans[i + 1][0])))


def asides(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of asides in text[start:end] that report another act ("who licensed it in 2016",
    "Following a positive opinion in May,")."""
    found = [m.span() for m in ASIDE.finditer(text, start, end)]
    clause = text[start:end].lower()
    if any(word in clause for word in HISTORY_WORDS):
        found += [m.span() for m in HISTORY_ASIDE.finditer(text, start, end)]
    prior = prior_act(text, start, end)
    return found + [prior] if prior else found


# A fronted clause about an earlier act ("Following a positive CHMP opinion in May, the EC
# granted ..."): its dates are that act's. It opens the clause, or follows a dateline's dash
# or a leading " date YYYY-MM-DD" stamp.
PRIOR_ACT = re.compile(r"(?:following|after|based\s+on|on\s+the\s+basis\s+of|further\s+to|"
                       r"subsequent\s+to|building\s+on)\b[^,;]*,", re.I)
_LEADING = re.compile(r"[\W_]*")
_DASH = re.compile(r"--|\u2014|\u2013")
_STAMP = re.compile(r"\s*date\s+\d{4}-\d\d-\d\d\s+")
_SPACE = re.compile(r"\s*")


def prior_act(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a fronted clause about an earlier act that opens text[start:end], if any:
    tried where the clause's words begin, after each dash of its first line and after a stamp."""
    openings = [_LEADING.match(text, start, end).end()]
    line_end = text.find("\n", start, end)
    openings += [_SPACE.match(text, d.end(), end).end()
                 for d in _DASH.finditer(text, start, end if line_end < 0 else line_end)]
    stamp = _STAMP.match(text, start, end)
    if stamp:
        openings.append(stamp.end())
    for at in openings:
        found = PRIOR_ACT.match(text, at, end)
        if found:
            return found.span()
    return None


def inside_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) lies inside one of `spans`."""
    return any(lo <= start and end <= hi for lo, hi in spans)


# A place an act is said to happen in: an agency named elsewhere may not be this act's.
JURISDICTION = re.compile(
    r"\b(?:China|Chinese|Japan|Japanese|Korea|Korean|Taiwan|Taiwanese|Hong\s+Kong|Singapore|India|Indian|"
    r"Australia|Australian|Canada|Canadian|Europe|European|EU|E\.U\.|U\.?K\.?|United\s+Kingdom|Britain|British|"
    r"U\.S\.?|US|USA|United\s+States|America|American|Switzerland|Swiss|Brazil|Israel|Russia|Mexico)\b")


# Modifiers that bear on an act only next to its trigger (their patterns say `scope: near`):
# "not" / "can't" / "cannot" ("did not approve", "approval was not granted") and habitual words
# ("the FDA typically grants ..."), not in a clause of their own ("for patients who cannot
# tolerate methotrexate", "a disease that typically begins in adulthood").
SCOPE_AFTER, SCOPE_BEFORE = 50, 16  # characters from the modifier to its trigger, after / before it
_ACTS = frozenset({"approve", "grant", "accept", "clear", "permit", "submit", "marketing", "ind",
                   *DECIDED_BY_OWN_CUE})
_SCOPE_BREAK = re.compile(r"[,;:.!?\u201c\u201d\"]|\b(?:who|whom|whose|which|that)\b")  # or a clause between


def scoped_modifiers(text: str, cues: dict[str, list]) -> dict[str, list]:
    """The cues without the modifiers of `scope: near` that stand apart from every trigger:
    a trigger starts within `SCOPE_AFTER` characters after the modifier, or ends within
    `SCOPE_BEFORE` before it, with no punctuation between."""
    triggers = None
    kept: dict[str, list] = {}
    for name, ms in cues.items():
        if name not in ("negation", "generic"):
            kept[name] = ms
            continue
        if triggers is None:
            triggers = [m for n, found in cues.items() if n in triggers_of for m in found]
        # (What an agency does as a rule bears on its acts, not on "begins" or "showed".)
        near = triggers if name == "negation" else [t for t in triggers if t.entry.get("cue") in _ACTS]
        ms = [m for m in ms if m.entry.get("scope") != "near" or any(
            (m.end <= t.start <= m.end + SCOPE_AFTER and not _SCOPE_BREAK.search(text, m.end, t.start))
            or (m.start - SCOPE_BEFORE <= t.end <= m.start and not _SCOPE_BREAK.search(text, t.end, m.start))
            for t in near)]
        if ms:
            kept[name] = ms
    return kept


def outside_asides(spans: list[tuple[int, int]], cues: dict[str, list]) -> dict[str, list]:
    """The cues of a clause without the modifiers ("will", "not", "previously") that stand in
    its asides (`spans`, about something else: ", which will use the name ... ,"); trigger
    cues stay."""
    if not spans:
        return cues
    triggers = [m.start for name, ms in cues.items() if name in triggers_of for m in ms]
    spans = [(lo, hi) for lo, hi in spans if not any(lo <= t < hi for t in triggers)]
    kept = {name: [m for m in ms if name in triggers_of or not inside_any(m.start, m.end, spans)]
            for name, ms in cues.items()}
    return {name: ms for name, ms in kept.items() if ms}


# "A Phase 3 trial of AB-101 in gout was approved by the FDA", "approvals for the 12-week
# cohort": a trial approved is an IND clearance. Read from the positions of the clause's cues.
_APPROVED = frozenset({"approved", "cleared", "authorized", "authorised"})
_APPROVAL_NOUN = r"(?:approvals?|clearances?|authori[sz]ations?)"
_APPROVAL = re.compile(rf"{_APPROVAL_NOUN}\s+(?:for|of|to)\b", re.I)
# "approval from the MFDS for the Phase 1b/2 clinical trials": the trial right after "for".
_APPROVAL_FROM = re.compile(rf"{_APPROVAL_NOUN}\s+from\s+[^.;,]{{1,80}}?\s+for\b", re.I)
# "the green light to the launch of a Phase 3 study": a trial's go-ahead only with the trial as its
# object ("green light for AB-101 on the strength of two Phase 3 studies" approves the drug).
_GREEN_LIGHT = re.compile(r"green\s+light\s+(?:for|to)\b", re.I)
TRIAL_REACH = 120  # characters between a trial and the approval of it
# What comes between "approved" and the trial it approved: a determiner and modifiers only.
# (Up to four modifiers, none a preposition, conjunction or verb: "approved the drug studied in
# the trial" approved the drug.)
# Without a determiner, a trial's phase opens the object ("approved phase 1 clinical trial for").
_MODIFIER = (r"(?:\s+(?!(?:in|of|for|with|by|on|at|to|from|and|or|as|that|which|who|"
             r"\w+ed)\b)[\w/'-]+)")
# The trial's start may stand before it: "green light to the launch (in the US) of a Phase 3 study".
_STARTING = r"(?:\s+the)?\s+(?:launch|start|initiation|conduct|commencement)(?:\s+in\s+[\w. ]{1,40}?)?\s+of"
_TRIAL_OBJECT = re.compile(rf"(?:{_STARTING})?"
                           rf"\s+(?:(?:the|a|an|its|their|our|this|[A-Z][\w-]*'s)\b{_MODIFIER}{{0,4}}?"
                           rf"|phase{_MODIFIER}{{0,3}}?)\s+", re.I)
OBJECT_REACH = 60


def approves_a_trial(text: str, cues: dict[str, list]) -> bool:
    """Whether a clause says a trial was approved (its "trial" and "approve" cues in that order,
    close, or an approval "for" / "of" a trial). A "clear" cue counts as the verb ("cleared the
    trial"), not as the noun ("clearance of AB-101 in the study" is its pharmacokinetics), which
    counts only with the trial as its object ("clearance of the Phase 2 study")."""
    clears = cues.get("clear", ())
    verbs = [c for c in clears if text[c.end - 1:c.end].lower() in ("d", "s")]  # cleared, clears
    trials, approvals = cues.get("trial", ()), [*cues.get("approve", ()), *verbs]
    nouns = [c for c in clears if c not in verbs]
    if any(_trial_object_of(text, _APPROVAL.match(text, a.start) or _APPROVAL_FROM.match(text, a.start),
                            trials) for a in nouns):
        return True
    for a in approvals:
        word = text[a.start:a.end].lower()
        if _trial_object_of(text, _APPROVAL_FROM.match(text, a.start), trials) or \
                _trial_object_of(text, _GREEN_LIGHT.match(text, a.start), trials):
            return True  # "approval from the MFDS for the Phase 1b/2 clinical trials"
        for t in trials:
            before = 0 < a.start - t.end <= TRIAL_REACH
            if word in _APPROVED and before and not _STOP.search(text, t.end, a.start):
                return True
            if 0 < t.start - a.end <= TRIAL_REACH and _APPROVAL.match(text, a.start) and \
                    not _STOP.search(text, a.end, t.start):
                return True
            if word in _APPROVED and 0 < t.start - a.end <= OBJECT_REACH and \
                    _TRIAL_OBJECT.fullmatch(text, a.end, t.start):
                return True  # "has approved the company's Phase 1 clinical trial"
    return False


def _trial_object_of(text: str, approval: re.Match[str] | None, trials: Sequence) -> bool:
    """Whether a trial follows an approval's words ("approval for", "clearance from X for") as
    their object ("the Phase 2 study")."""
    return approval is not None and any(
        0 < t.start - approval.end() <= TRIAL_REACH and _TRIAL_OBJECT.fullmatch(text, approval.end(), t.start)
        for t in trials)


_STOP = re.compile(r"[.;,]|\b(?:based|following|after|supported)\b", re.I)
