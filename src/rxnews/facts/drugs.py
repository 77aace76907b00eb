"""Drugs: development codes, INN names and brand names, merged into one item per product.

Codes, INN stems and marked brands are found by shape (`drug_names`); the
curated INN/brand lexicon comes from `patterns/drugs.jsonl`. Code, INN and
brand of one product are linked when the text puts them together
("Velesin(TM) (Opatisumimab, LBL-024)", "DB-1305/BNT325", "Yselty (linzagolix)")
or when the lexicon maps a brand to its INN.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..document import Document
from ..matching.patterns import PatternEntry
from ..matching.spans import Coverage
from ..record import Drug, Record
from ..text import fold_key
from .abbreviations import find_words
from .drug_names import (
    FORM_TAIL,
    NAMED_BRAND,
    NAMED_BRAND_WORDS,
    PAREN_OPEN,
    TRADEMARK,
    DrugNames,
    extend_inn,
)
from .stage import Stage


@dataclass
class DrugMention:
    """One mention of a drug: offsets, kind and the lexicon canonical (if any)."""

    start: int
    end: int
    kind: str
    canonical: str | None = None


class _Groups:
    """Union-find over mention indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _paren_content_end(text: str, open_at: int) -> int:
    close = text.find(")", open_at, open_at + 200)
    return close if close >= 0 else open_at


# Words between two names of one product: "AC-101, also known as acmetinib", "X (formerly Y)",
# "AC-101, an oral formulation of acmetinib".
ALIAS_GAP = re.compile(
    r"\s*[,(]?\s*(?:formerly(?:\s+(?:known\s+as|called|named))?|previously\s+(?:known\s+as|called|named)"
    r"|also\s+(?:known\s+as|called|named)|a\.?k\.?a\.?|now\s+(?:known\s+as|called|named)"
    r"|(?:marketed|sold|branded|approved)\s+(?:as|under\s+the\s+(?:brand|trade)\s+names?)"
    r"|(?:under\s+)?the\s+(?:brand|trade)\s+names?|(?:brand|trade)\s+names?|renamed(?:\s+as)?"
    r"|(?:an?\s+)?(?:[\w'-]+\s+){0,4}formulation\s+of)"  # "AC-101, Acme's topical formulation of X"
    r"\s*:?\s*[\"']?\s*", re.I)


MISSPELT_LENGTH = 8  # letters of a generic name at least, for one letter's difference to be a misspelling


def link_mentions(text: str, mentions: list[DrugMention]) -> list[list[int]]:
    """Group mentions of one product: same key, "A (B, C)", "A/B" between codes, lexicon brands."""
    groups = _Groups(len(mentions))
    by_key: dict[str, int] = {}
    by_variant: dict[str, int] = {}  # a generic name and its one-letter deletions: a misspelling's
    for i, m in enumerate(mentions):
        key = fold_key(m.canonical or text[m.start:m.end])
        if key in by_key:
            groups.union(i, by_key[key])
            continue
        by_key[key] = i
        if m.kind == "inn" and len(key) >= MISSPELT_LENGTH and key.isalpha():
            # "furmonertinib" and "furmonertnib", "paxalisib" and "paxilisib": one drug misspelt
            # (names one letter apart share a one-letter deletion; codes never join this way).
            for variant in {key, *(key[:k] + key[k + 1:] for k in range(len(key)))}:
                if variant in by_variant:
                    groups.union(i, by_variant[variant])
                else:
                    by_variant[variant] = i
    ordered = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    for pos, i in enumerate(ordered):
        m = mentions[i]
        form = FORM_TAIL.match(text, m.end)  # "X Extended-Release Microspheres for Injection (Y)"
        gap = PAREN_OPEN.match(text, form.end() if form else m.end)
        if gap:
            close = _paren_content_end(text, text.rindex("(", m.end, gap.end()))  # not a "(TM)"
            for later in range(pos + 1, len(ordered)):  # not a copy of the rest of `ordered` each time
                if mentions[ordered[later]].start >= close:
                    break
                groups.union(i, ordered[later])
        if pos + 1 < len(ordered):
            nxt = mentions[ordered[pos + 1]]
            if m.kind == "code" and nxt.kind == "code" and text[m.end:nxt.start] == "/":
                groups.union(i, ordered[pos + 1])
            elif nxt.start - m.end <= 60 and ALIAS_GAP.fullmatch(text, m.end, nxt.start):
                groups.union(i, ordered[pos + 1])
    clusters: dict[int, list[int]] = {}
    for i in ordered:
        clusters.setdefault(groups.find(i), []).append(i)
    return list(clusters.values())


_KIND_RANK = {"code": 0, "inn": 1, "brand": 2}


def build_drug(text: str, mentions: list[DrugMention], indices: list[int]) -> Drug:
    """Make one drug item: a code is the name if there is one, then the INN, then the brand."""
    chosen = min(indices, key=lambda i: (_KIND_RANK[mentions[i].kind], mentions[i].start))
    head = mentions[chosen]
    surface = text[head.start:head.end]
    name = surface.lower() if head.kind == "inn" and surface[1:].islower() else surface
    aliases: list[str] = []
    seen = {name}
    for i in indices:
        alias = text[mentions[i].start:mentions[i].end]
        if alias not in seen:
            seen.add(alias)
            aliases.append(alias)
    return Drug(name=name, kind=head.kind, aliases=aliases)



def company_words(doc: Document) -> set[str]:
    """The words that name a company somewhere in the text: the one before a corporate
    designator ("Neurogene Inc.", "Acmegene Therapeutics") is no drug anywhere, nor is the
    designator's own last word, even with a mark ("Acme Life Sciences(TM)")."""
    found = set()
    suffixes = doc.labelled("COMPANY_SUFFIX")
    for k, m in enumerate(suffixes):
        word = doc.norm[m.start:m.end].split()[-1]
        before = _WORD_BEFORE.search(doc.norm, max(0, m.start - 40), m.start)
        if before is None:
            # past a mark; before a product line's word only in a full name ("Technologies Inc.")
            following = suffixes[k + 1] if k + 1 < len(suffixes) else None
            if word not in _PRODUCT_LINE_WORDS or (
                    following and _JOINED.fullmatch(doc.norm, m.end, following.start)):
                before = _MARKED_WORD_BEFORE.search(doc.norm, max(0, m.start - 40), m.start)
        if before:
            found.add(before.group(1))
        found.add(word)
    return found


CLASS_AFTER = re.compile(r"[-\s]class\b")
_WORD_BEFORE = re.compile(r"\b([A-Z][\w-]*)\s*,?\s*$")
# A marked word before a designator is a company's ("ChinaBio(R) Group"), but before a designator that
# also names product lines only in a full company name, another designator after it ("Acme(R)
# Technologies Inc."; "the Velkora(R) Healthcare Professional website" names a brand).
_MARKED_WORD_BEFORE = re.compile(rf"\b([A-Z][\w-]*){TRADEMARK.pattern}\s*$")
# The designator words (of the COMPANY_SUFFIX lexicon) that also name a brand's product lines or
# services ("the Velkora(R) Healthcare Professional website", "Velkora(R) Technology"): a marked word
# before them needs another designator after them.
_PRODUCT_LINE_WORDS = frozenset({"Healthcare", "Technology", "Technologies", "Sciences", "Labs",
                                 "Laboratories"})
_JOINED = re.compile(r"\s*,?\s*")  # between two designators of one name


def collect_mentions(doc: Document, names: DrugNames) -> list[DrugMention]:
    """Find every drug mention of a document: lexicon, codes, INN stems and brands."""
    norm = doc.norm
    kinds = names.word_kinds(doc.tokens[0])  # every word looked up once for the shape searches
    mentions: list[DrugMention] = []
    for m in doc.labelled("DRUG"):
        kind = m.entry.get("kind")
        end = extend_inn(norm, m.end) if kind == "inn" else m.end
        mentions.append(DrugMention(m.start, end, kind, m.entry.get("canonical")))
    blocked_spans = [(m.start, m.end) for label in ("TARGET", "DISEASE", "AGENCY", "NOT_DRUG")
                     for m in doc.labelled(label)]
    taken_spans = [(m.start, m.end) for m in mentions]
    blocked = Coverage(len(norm), blocked_spans)
    taken = Coverage(len(norm), taken_spans)

    def add(start: int, end: int, kind: str, canonical: str | None = None) -> None:
        """Add a mention unless its span is already someone else's."""
        if not taken.overlaps(start, end) and not blocked.overlaps(start, end):
            mentions.append(DrugMention(start, end, kind, canonical))
            taken.add(start, end)

    for start, end in names.find_codes(norm, doc.tokens, kinds):
        # A lexicon name on the letters of a code ("HRS" of "HRS-9813") does not block it.
        digits = start + next(i for i, ch in enumerate(norm[start:end]) if ch.isdigit())
        if not taken.overlaps(start, end) and not blocked.overlaps(digits, end):
            mentions.append(DrugMention(start, end, "code"))
            taken.add(start, end)
    for start, end in names.find_spaced_codes(norm, doc.tokens, kinds):  # "XOMA 052"
        add(start, end, "code")
    companies = company_words(doc)
    for start, end in names.find_stem_inns(*doc.tokens, kinds):
        if CLASS_AFTER.match(norm, end):
            continue  # "an antibiotic of the tetracycline class": a class of drugs, not one
        if not taken.overlaps(start, end) and norm[start:end] not in companies:
            add(start, extend_inn(norm, end), "inn")
    for start, end in names.find_trademark_brands(doc.text):
        if norm[start:end] not in companies:
            add(start, end, "brand")
    for start, end in names.find_form_brands(norm, doc.tokens, kinds):
        if norm[start:end] not in companies:
            add(start, end, "brand")
    for start, end in names.find_slot_names(norm, doc.tokens, kinds):
        if norm[start:end] not in companies:
            add(start, end, "brand")
    described_products = names.find_described_products(norm, doc.tokens, kinds)
    inns = sorted((m.start, i) for i, m in enumerate(mentions) if m.kind == "inn" and described_products)
    inn_starts = [start for start, _ in inns]
    for start, end, described in described_products:
        if norm[start:end] not in companies:
            # "Ocuvex, a phentolamine eye drop": a brand of the INN its description names (the
            # first such mention found; the INNs are indexed by position, not all scanned)
            inside = inns[bisect.bisect_right(inn_starts, end):bisect.bisect_left(inn_starts, described)]
            inn = mentions[min(i for _, i in inside)].canonical if inside else None
            add(start, end, "code" if any(map(str.isdigit, norm[start:end])) else "brand", inn)
    for mention in list(mentions):
        span = names.paren_brand(norm, mention.start, mention.end)
        if span:
            # Share the partner's key so that brand and drug become one item.
            add(*span, "brand", mention.canonical or norm[mention.start:mention.end])
    # "..., marketed as Zorvexa" / "under the brand name Zorvexa": a brand of the drug before it,
    # the mention ending last in the 80 characters before (the first found on a tie), looked up
    # by its end: not every mention compared with every brand phrase.
    by_end: dict[int, DrugMention] = {}
    indexed = 0  # mentions[:indexed] are in `by_end`
    for phrase in NAMED_BRAND.finditer(norm) if any(w in norm for w in NAMED_BRAND_WORDS) else ():
        for d in mentions[indexed:]:
            by_end.setdefault(d.end, d)
        indexed = len(mentions)
        at = phrase.start()
        partner = next((by_end[e] for e in range(at, at - 81, -1) if e in by_end), None)
        if partner is not None:
            add(phrase.start(1), phrase.end(1), "brand", partner.canonical or norm[partner.start:partner.end])
    # Once a name is known as a drug, every other occurrence of it is a mention too (all the
    # names found in one pass over the text, not one pass per name).
    known = list(mentions)
    occurrences = find_words(norm, list(dict.fromkeys(norm[m.start:m.end] for m in known)))
    seen: set[str] = set()
    for mention in known:
        surface = norm[mention.start:mention.end]
        if surface not in seen:
            seen.add(surface)
            for start, end in occurrences[surface]:
                add(start, end, mention.kind, mention.canonical)
    # A brand found by its shape is the same brand in other capitals ("C-CURE(R)" in the headline,
    # "C-Cure" in the text), written with a capital first ("zorvex" may be a word).
    brands = list(dict.fromkeys(norm[m.start:m.end].lower() for m in known
                                if m.kind == "brand" and m.canonical is None))
    if brands and len(lower := norm.lower()) == len(norm):  # lower-casing kept every offset
        for spans in find_words(lower, brands).values():
            for start, end in spans:
                if norm[start].isupper():
                    add(start, end, "brand")
    mentions.sort(key=lambda m: m.start)
    return mentions


class Drugs(Stage):
    """The drug items of a document: its mentions found, linked per product and named."""

    def __init__(self, names: DrugNames) -> None:
        self.names = names

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Drugs:
        """Build from the word lists of `patterns/` (the DRUG lexicon is matched in the document)."""
        return cls(DrugNames.from_entries(entries))

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.drugs`."""
        mentions = collect_mentions(doc, self.names)
        for group in link_mentions(doc.norm, mentions):
            drug = build_drug(doc.text, mentions, group)
            drug.mentions = [doc.mention(mentions[i].start, mentions[i].end) for i in group]
            record.drugs.append(drug)
