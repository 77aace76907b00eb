"""Molecular targets: the curated lexicon plus context rules for names outside it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..matching.patterns import PatternEntry, words_of
from ..matching.spans import Coverage, merge_spans
from ..record import Record, Target
from .boilerplate import boilerplate_sentences
from .lexicon import group_matches, surface_aliases
from .stage import Stage

# "anti-X", "X inhibitor", "targeting X", "X-directed", "X/Y bispecific", "X ADC".
_NAME_TAIL = r"[A-Za-z0-9]{0,3}(?:-?[A-Z0-9][A-Za-z0-9]{0,4})?(?:\s?[0-9]+(?:\.[0-9]+)?)?"
_NAME = rf"([A-Z]{_NAME_TAIL})"
# The suffix words of "X inhibitor", "X-directed", ...: (regex, a literal every match of it holds).
_SUFFIXES = [
    ("inhibitors?", "inhibitor"), ("agonists?", "agonist"), ("antagonists?", "antagonist"),
    ("degraders?", "degrader"), ("blockers?", "blocker"), ("modulators?", "modulator"),
    ("activators?", "activator"), ("-?directed", "directed"), ("-?targeting", "target"),
    ("-?targeted", "target"), ("ADCs?", "ADC"), ("bispecific", "bispecific"), ("CAR-T", "CAR-T"),
    ("antibod(?:y|ies)", "antibod"),
]
# Each rule starts with a literal or a capital letter, which re finds with a fast scan, and
# checks the word boundary before it in a lookbehind: a leading `\b` makes re try every
# position of the text (three to twenty times slower, same matches).
SUFFIX_RULE = re.compile(rf"([A-Z](?<=\b[A-Z]){_NAME_TAIL})[- ](?:{'|'.join(r for r, _ in _SUFFIXES)})\b")
CONTEXT_RULES = [
    re.compile(rf"anti-(?<=\banti-){_NAME}\b(?!-)"),
    SUFFIX_RULE,
    re.compile(rf"target(?<=\btarget)(?:s|ing)\s+(?:the\s+)?{_NAME}\b"),
]
# Around a name, what makes it a target and not the drug: "anti-X", "targeting X" before it; a
# mechanism's word after it ("X inhibitor", "X-targeted", "X Antagonist" in a headline). Not the
# words that describe the drug itself ("the RC48 ADC", "the ZW25 bispecific antibody", "JS-15
# targeting Claudin 18.2").
_TARGET_BEFORE = re.compile(r"(?:\banti-|\btarget(?:s|ing)\s+(?:the\s+)?)$")
_MECHANISM_AFTER = ("inhibitors?", "agonists?", "antagonists?", "blockers?", "degraders?", "modulators?",
                    "activators?", "-?directed", "-?targeted")
_TARGET_AFTER = re.compile(rf"[- ](?:{'|'.join(_MECHANISM_AFTER)})\b", re.I)


def names_a_target(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` stands where only a target's name stands (a mechanism's word
    after it, "anti-" or "targeting" before it)."""
    return bool(_TARGET_AFTER.match(text, end) or _TARGET_BEFORE.search(text, max(0, start - 16), start))


# The suffix rule tries only capitals shortly before one of its suffix words: a name has at
# most this many characters, and a space, before its trailing digits and periods.
_SUFFIX_STEMS = tuple(dict.fromkeys(stem for _, stem in _SUFFIXES))
_NAME_HEAD = 11
_WORD_CAPITAL = re.compile(r"[A-Z](?<=\b[A-Z])")
# A word next to a target name that says a drug acts on it.
MECHANISM = re.compile(
    r"(?:anti-?|target(?:s|ing|ed)?|inhibit\w*|agonis\w*|antagonis\w*|activat\w*|degrad\w*|"
    r"block\w*|modulat\w*|bispecific|antibod\w*|ADCs?|CAR-?T|directed|engager|conjugate|"
    r"siRNA|ligand\w*|binding|binds|receptor\s+agonist|gene\b)",
    re.I)


def _suffix_rule_starts(text: str) -> list[int]:
    """Return, in order, a superset of the offsets where matches of the suffix rule
    (`SUFFIX_RULE`, "X inhibitor") can start: the capitals that begin a word at most
    `_NAME_HEAD` characters plus a run of digits and periods before the "-" or " " that
    precedes a suffix word (or its optional hyphen)."""
    separators: set = set()
    for stem in _SUFFIX_STEMS:
        at = text.find(stem, 1)
        while at >= 0:
            separators.update(sep for sep in (at - 1, at - 2) if sep >= 1 and text[sep] in "- ")
            at = text.find(stem, at + 1)
    windows = []
    for sep in sorted(separators):
        start = sep
        # Linear: a separator is no digit, so the runs of different separators are disjoint.
        while start > 0 and text[start - 1] in "0123456789.":
            start -= 1
        windows.append((max(0, start - _NAME_HEAD), sep))
    return [m.start() for lo, hi in merge_spans(windows) for m in _WORD_CAPITAL.finditer(text, lo, hi)]


def _finditer_from(rule: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """Yield what `rule.finditer(text)` yields, given a sorted superset of where its matches start."""
    end = 0
    for start in starts:
        if start >= end:
            m = rule.match(text, start)
            if m is not None:
                yield m
                end = m.end()


# Rules that are tried only where a cheap search says a match can start.
_CANDIDATE_STARTS = {SUFFIX_RULE: _suffix_rule_starts}


def context_targets(text: str, known: list[tuple[int, int]], not_targets: frozenset[str] = frozenset()
                    ) -> list[tuple[int, int]]:
    """Return spans of target names found by context rules, outside the `known` spans.

    Names in `not_targets` (NOT_TARGET words: "ADC", "CAR", "Phase") are never targets.
    """
    found: list[tuple[int, int]] = []
    covered = Coverage(len(text), known)
    for rule in CONTEXT_RULES:
        candidates = _CANDIDATE_STARTS.get(rule)
        matches = _finditer_from(rule, text, candidates(text)) if candidates else rule.finditer(text)
        for m in matches:
            start, end = m.start(1), m.end(1)
            name = m.group(1)
            # A symbol-like name: two or more capitals or digits ("GPRC5D", "B7-H4").
            if name in not_targets or sum(c.isupper() or c.isdigit() for c in name) < 2:
                continue
            if text[start - 1:start] == "/" or covered.overlaps(start, end):
                continue
            found.append((start, end))
            covered.add(start, end)
    return found


_CONTINUED = re.compile(r"-[0-9]")


def acted_on(text: str, start: int, end: int, window: int = 30) -> bool:
    """Whether a mechanism word ("inhibitor", "anti-", "targeting", ...) stands next to a name."""
    return bool(MECHANISM.search(text, max(0, start - 12), start)
                or MECHANISM.search(text, end, min(len(text), end + window)))


def extract_targets(doc: Document, blocked: list[tuple[int, int]], drug_sentences: set[int],
                    not_targets: frozenset[str] = frozenset(), boilerplate: frozenset[int] = frozenset(),
                    symbols: dict[str, str] | None = None) -> list[Target]:
    """Return the targets that a drug acts on: named near a mechanism word or beside a drug.

    A name that only defines a population ("absence of estrogen receptor ... expression")
    in a sentence without a drug is not a target, and neither is one named only in company
    boilerplate (the `boilerplate` sentences: "a company focused on PD-1 antibodies").
    A name found by context takes the symbol `symbols` (the lexicon's names) give it or its
    spelling without hyphens ("DLK-1": DLK1).
    """
    targets = []
    known = []
    for item in group_matches(doc, "TARGET"):
        # A lexicon name that a hyphen and a digit continue is part of another ("DLK" of "DLK-1").
        item.spans = [(s, e) for s, e in item.spans if not _CONTINUED.match(doc.norm, e)]
        if not any((doc.sentence_of(s) in drug_sentences or acted_on(doc.norm, s, e))
                   and doc.sentence_of(s) not in boilerplate for s, e in item.spans):
            continue
        name = item.canonical
        targets.append(Target(
            name=name, symbol=item.entry.get("symbol"),
            aliases=surface_aliases(doc, item, name),
            mentions=[doc.mention(s, e) for s, e in item.spans],
        ))
        known.extend(item.spans)
    targets = fold_variants(targets)
    extra: dict[str, Target] = {}
    for start, end in context_targets(doc.norm, known + blocked, not_targets):
        if doc.sentence_of(start) in boilerplate:
            continue
        name = doc.text[start:end]
        symbol = symbols and (symbols.get(name) or symbols.get(name.replace("-", "")))
        target = extra.setdefault(name, Target(name=name, symbol=symbol or None))
        target.mentions.append(doc.mention(start, end))
    targets.extend(extra.values())
    targets.sort(key=lambda t: t.mentions[0].start)
    return targets


def fold_variants(targets: list[Target]) -> list[Target]:
    """One target for a gene and its variants ("KRAS", "KRAS G12C", "KRAS G12D"): named by the
    variant when it is the only one beside its gene, else by the gene, the other names as aliases.
    The folded target takes the place of the group's first."""
    groups: dict[tuple[str, str], list[Target]] = {}
    for t in targets:
        if t.symbol:
            groups.setdefault((t.symbol, t.name.split(" ", 1)[0]), []).append(t)
    folded: dict[int, Target] = {}  # id of a group's first target -> the group's one target
    dropped: set[int] = set()  # ids of the others
    for (_, gene), group in groups.items():
        if len(group) < 2:
            continue
        variants = [t for t in group if t.name != gene]
        name = variants[0].name if len(variants) == 1 else gene
        aliases = [n for t in group for n in [t.name, *t.aliases] if n != name]
        folded[id(group[0])] = Target(
            name=name, symbol=group[0].symbol, aliases=list(dict.fromkeys(aliases)),
            mentions=sorted((m for t in group for m in t.mentions), key=lambda m: m.start))
        dropped.update(id(t) for t in group[1:])
    return [folded.get(id(t), t) for t in targets if id(t) not in dropped]


class Targets(Stage):
    """The targets of a document's drugs: lexicon names near a drug or a mechanism word, and
    names outside the lexicon found by context rules."""

    def __init__(self, not_targets: frozenset[str], symbols: dict[str, str] | None = None) -> None:
        self.not_targets = not_targets
        self.symbols = symbols or {}

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Targets:
        """Build from the NOT_TARGET word list and the symbols of the TARGET lexicon's names
        (the lexicon itself is matched in the document)."""
        symbols = {e.pattern: e.get("symbol") for e in entries
                   if e.label == "TARGET" and isinstance(e.pattern, str) and e.get("symbol")}
        return cls(words_of(entries, "NOT_TARGET"), symbols)

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.targets` (a release without drugs has none)."""
        spans = sorted((m.start, m.end) for d in record.drugs for m in d.mentions)
        sentences = {doc.sentence_of(start) for start, _ in spans}
        # A release without drugs: its company's fields ("focused on PD-1 antibodies") are no targets.
        boilerplate = frozenset() if spans else frozenset(boilerplate_sentences(doc, []))
        record.targets = extract_targets(doc, spans, sentences, self.not_targets, boilerplate, self.symbols)
