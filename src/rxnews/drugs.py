"""Drugs: development codes, INN names and brand names, merged into one item per product.

Codes and INN stems are found by pure functions over the character-normalised
text; the curated INN/brand lexicon comes from `patterns/drugs.jsonl`. Code,
INN and brand of one product are linked when the text puts them together
("Velesin(TM) (Opatisumimab, LBL-024)", "DB-1305/BNT325", "Yselty (linzagolix)")
or when the lexicon maps a brand to its INN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .abbreviations import find_word
from .document import Document
from .pipeline import tokenize
from .record import Drug
from .text import Coverage, WordMemo, fold_key, merge_spans

CODE = re.compile(
    r"(?<![\w.])(?:mRNA|\d?[A-Z][A-Za-z]{0,5})-?[A-Z]{0,4}\d{2,7}[a-z]?(?:-\d{1,3})?(?![\w]|-\w)"
)
MUTATION = re.compile(r"^[A-Z]\d{2,4}[A-Z]$")
_LETTERS = re.compile(r"^[^\d]*")

INN_STEMS = (
    "mab", "tinib", "ciclib", "parib", "rafenib", "lisib", "degib", "zomib", "siran", "rsen",
    "tide", "vir", "gliflozin", "glutide", "sartan", "gatran", "xaban", "lukast", "setron",
    "prazole", "caftor", "cept", "kinra", "leucel", "sertib", "metinib", "brutinib", "stat",
    "tecan", "dotin", "gene", "cel",
)
INN_WORD = re.compile(rf"\b[A-Za-z][a-z]{{3,40}}(?:{'|'.join(INN_STEMS)})\b")
# Every CODE match has its digits (\d{2,7}) at the start of a run of 2+ digits right after a
# letter or hyphen, at most 12 characters after the code starts ("mRNA-ABCD12",
# "1Abcdef-ABCD12") and 9 before it ends. Years and amounts, after a space, are skipped.
_DIGIT_RUN = re.compile(r"(?<=[A-Za-z-])\d{2,}")
_CODE_BEFORE_DIGITS, _CODE_AFTER_DIGITS = 13, 10
_DIGIT = re.compile(r"\d")
_HAS_DIGIT = WordMemo(lambda word: _DIGIT.search(word) is not None)
SECOND_WORD = re.compile(
    r"\s+([a-z]{1,40}(?:tecan|dotin|tansine|tesirine|ozogamicin|leucel|parvovec|vec|gene|"
    r"pegol|alfa|beta))\b"
)
SALT = re.compile(
    r"\s+(?:acetate|hydrochloride|dihydrochloride|mesylate|maleate|tartrate|citrate|besylate|"
    r"fumarate|succinate|sulfate|phosphate|tosylate|sodium|potassium|calcium|bromide)\b"
)
BIOLOGIC_SUFFIX = re.compile(r"-[a-z]{4}\b(?!-)")
TRADEMARK = re.compile(r"[\u2122\u00ae]")
# Matched backwards from each mark over a short window, so that long hyphen chains cannot
# make the search quadratic.
TRADEMARK_WORD = re.compile(r"([A-Z][A-Za-z0-9]{0,30}(?:-[A-Za-z0-9]{1,20}){0,3})\s?$")
NOT_PRODUCT_AFTER = re.compile(
    r"[\u2122\u00ae]?\s*(?:platform|technology|technologies|system|device|kit|assay|test|program"
    r"|programme|app|portal|engine|library|process|method|network|therapeutics|pharma)\b", re.I
)
BRAND_BEFORE_PAREN = re.compile(
    r"([A-Z][A-Za-z0-9]{2,})(?:\s(?:Tablets?|Capsules?|Injection|Injectable|Oral Solution))?"
    r"[\u2122\u00ae]?\s*\(\s*(?:active ingredients?:\s*)?$"
)
PAREN_OPEN = re.compile(r"[\u2122\u00ae]?\s*\(\s*(?:active ingredients?:\s*)?")
BRAND_IN_PAREN = re.compile(r"^\s*\(\s*([A-Z][A-Za-z0-9]{2,})[\u2122\u00ae]?\s*[),]")
NAMED_BRAND = re.compile(
    r"\b(?:(?:under\s+the\s+)?(?:brand|trade)\s+names?|marketed\s+(?:as|under(?:\s+the\s+name)?)|"
    r"sold\s+as)\s*:?\s*[\"']?([A-Z][A-Za-z0-9]{2,}(?:-[A-Za-z0-9]+)?)"
)
NAMED_BRAND_WORDS = ("brand", "trade", "marketed", "sold")  # one is in every NAMED_BRAND match
# English words of nine letters or more that end in an INN stem (shorter ones are skipped
# by length in `find_stem_inns`).
STOP_WORDS = {
    "nucleotide", "nucleotides", "polypeptide", "polypeptides", "oligonucleotide",
    "oligonucleotides", "dipeptides", "intercept", "thermostat", "transgene", "multigene",
}
NON_BRAND_WORDS = {
    "The", "This", "These", "That", "Its", "Their", "Study", "Trial", "Phase", "Drug", "Therapy",
    "Treatment", "Company", "Patients", "Data", "Results", "Inc", "Ltd", "Group", "Program",
    "About", "Injection", "Tablets", "Approval", "China", "Japan", "Korea", "Europe", "Nasdaq",
    "NASDAQ", "NYSE", "HKEX", "SSE", "SZSE", "TSE", "KOSDAQ", "KOSPI", "OTCPK", "LSE", "ASX",
}


@dataclass
class DrugMention:
    """One mention of a drug: offsets, kind and the lexicon canonical (if any)."""

    start: int
    end: int
    kind: str
    canonical: str | None = None


def is_code(token: str, not_prefixes: set[str]) -> bool:
    """Decide whether a code-shaped token is a drug development code."""
    if MUTATION.match(token):
        return False
    letters = _LETTERS.match(token).group(0).rstrip("-") if not token[0].isdigit() else ""
    if letters.upper() in not_prefixes:
        return False
    if token.startswith("mRNA"):
        return True
    # Trial names are often mixed case ("AReSVi-006"); drug codes rarely are.
    if sum(1 for ch in letters if ch.islower()) >= 2:
        return False
    uppers = sum(1 for ch in token if ch.isupper())
    return uppers >= 2 or token[0].isdigit()


def find_codes(text: str, not_prefixes: set[str], not_codes: set[str],
               tokens: tuple[list[str], list[int]] | None = None) -> list[tuple[int, int]]:
    """Return the offsets of development codes (the caller skips those inside other names).

    `tokens` is `pipeline.tokenize(text)`, if the caller has it.
    """
    return [m.span() for m in _code_matches(text, tokens)
            if m.group(0) not in not_codes and is_code(m.group(0), not_prefixes)]


def _code_matches(text: str, tokens: tuple[list[str], list[int]] | None = None
                  ) -> list[re.Match[str]]:
    """The matches of CODE in `text`, searched only near runs of digits.

    Every digit is in a token, so the runs are searched in the tokens that hold a
    digit (touching ones merged, so that a run is never cut): a regular expression
    over the whole text costs more than the rest of the search.
    """
    words, starts = tokens if tokens is not None else tokenize(text)
    digits = merge_spans([(starts[i], starts[i] + len(words[i])) for i in _HAS_DIGIT.where(words)])
    windows = merge_spans([(max(0, run.start() - _CODE_BEFORE_DIGITS),
                            min(len(text), run.end() + _CODE_AFTER_DIGITS))
                           for lo, hi in digits for run in _DIGIT_RUN.finditer(text, lo, hi)])
    return [m for lo, hi in windows for m in CODE.finditer(text, lo, hi)]


def is_stem_inn(word: str) -> bool:
    """Whether a word is shaped like an INN by its WHO stem and is not an English word."""
    if not INN_WORD.fullmatch(word):
        return False
    lower = word.lower()
    return lower not in STOP_WORDS and not (
        lower.endswith(("cel", "gene", "stat", "cept", "tide", "vir")) and len(lower) < 9)


def _shaped_like_inn(word: str) -> bool:
    return len(word) > 6 and word.endswith(INN_STEMS) and is_stem_inn(word)  # 7+: see INN_WORD


_SHAPED_LIKE_INN = WordMemo(_shaped_like_inn)


def find_stem_inns(words: list[str], starts: list[int]) -> list[tuple[int, int]]:
    """Return the offsets of words shaped like INNs by their WHO stem (e.g. -mab, -tinib).

    `words` and `starts` are `pipeline.tokenize`'s: an address is one token, so no
    name is found inside "www.zanidatamab.com".
    """
    return [(starts[i], starts[i] + len(words[i])) for i in _SHAPED_LIKE_INN.where(words)]


def extend_inn(text: str, end: int) -> int:
    """Extend an INN over a payload/second word, a salt or a biologic suffix."""
    for pattern in (BIOLOGIC_SUFFIX, SECOND_WORD, SALT):
        m = pattern.match(text, end)
        if m:
            end = m.end()
    return end


def find_trademark_brands(text: str) -> list[tuple[int, int]]:
    """Return the offsets of capitalised names marked with (TM)/(R) that are not platforms."""
    found = []
    if "\u2122" not in text and "\u00ae" not in text:  # finding a character is much faster than
        return found  # a regular expression's search for it
    for mark in TRADEMARK.finditer(text):
        m = TRADEMARK_WORD.search(text, max(0, mark.start() - 60), mark.start())
        if m is None or NOT_PRODUCT_AFTER.match(text, mark.start()):
            continue
        if m.group(1) in NON_BRAND_WORDS or len(m.group(1)) < 3:
            continue
        found.append((m.start(1), m.end(1)))
    return found


def paren_brand(text: str, mention: DrugMention) -> tuple[int, int] | None:
    """Return a brand written next to a drug in parentheses: "Yselty (linzagolix)", "x (Leqvio)"."""
    before = BRAND_BEFORE_PAREN.search(text, max(0, mention.start - 60), mention.start)
    if before and before.group(1).split()[0] not in NON_BRAND_WORDS:
        return before.start(1), before.end(1)
    after = BRAND_IN_PAREN.match(text[mention.end:mention.end + 40])
    if after and after.group(1) not in NON_BRAND_WORDS:
        return mention.end + after.start(1), mention.end + after.end(1)
    return None


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


# Words between two names of one product: "AC-101, also known as acmetinib", "X (formerly Y)".
ALIAS_GAP = re.compile(
    r"\s*[,(]?\s*(?:formerly(?:\s+(?:known\s+as|called|named))?|previously\s+(?:known\s+as|called|named)"
    r"|also\s+(?:known\s+as|called|named)|a\.?k\.?a\.?|now\s+(?:known\s+as|called|named)"
    r"|(?:marketed|sold|branded|approved)\s+(?:as|under\s+the\s+(?:brand|trade)\s+names?)"
    r"|(?:under\s+)?the\s+(?:brand|trade)\s+names?|(?:brand|trade)\s+names?|renamed(?:\s+as)?)"
    r"\s*:?\s*[\"']?\s*", re.I)


def link_mentions(text: str, mentions: list[DrugMention]) -> list[list[int]]:
    """Group mentions of one product: same key, "A (B, C)", "A/B" between codes, lexicon brands."""
    groups = _Groups(len(mentions))
    by_key: dict[str, int] = {}
    for i, m in enumerate(mentions):
        key = fold_key(m.canonical or text[m.start:m.end])
        if key in by_key:
            groups.union(i, by_key[key])
        else:
            by_key[key] = i
    ordered = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    for pos, i in enumerate(ordered):
        m = mentions[i]
        gap = PAREN_OPEN.match(text, m.end)
        if gap:
            close = _paren_content_end(text, text.index("(", m.end))
            for j in ordered[pos + 1:]:
                if mentions[j].start >= close:
                    break
                groups.union(i, j)
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


def collect_mentions(doc: Document, not_prefixes: set[str], not_codes: set[str]) -> list[DrugMention]:
    """Find every drug mention of a document: lexicon, codes, INN stems and brands."""
    norm = doc.norm
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

    for start, end in find_codes(norm, not_prefixes, not_codes, doc.tokens):  # `add` skips taken spans
        add(start, end, "code")
    for start, end in find_stem_inns(*doc.tokens):
        if not taken.overlaps(start, end):
            add(start, extend_inn(norm, end), "inn")
    for start, end in find_trademark_brands(doc.text):
        add(start, end, "brand")
    for mention in list(mentions):
        span = paren_brand(norm, mention)
        if span:
            # Share the partner's key so that brand and drug become one item.
            add(*span, "brand", mention.canonical or norm[mention.start:mention.end])
    # "..., marketed as Zorvexa" / "under the brand name Zorvexa": a brand of the drug before it.
    for m in NAMED_BRAND.finditer(norm) if any(w in norm for w in NAMED_BRAND_WORDS) else ():
        before = [d for d in mentions if d.end <= m.start() and m.start() - d.end <= 80]
        if before:
            partner = max(before, key=lambda d: d.end)
            add(m.start(1), m.end(1), "brand", partner.canonical or norm[partner.start:partner.end])
    # Once a name is known as a drug, every other occurrence of it is a mention too.
    seen: set[str] = set()
    for mention in list(mentions):
        surface = norm[mention.start:mention.end]
        if surface not in seen:
            seen.add(surface)
            for start, end in find_word(norm, surface):
                add(start, end, mention.kind, mention.canonical)
    mentions.sort(key=lambda m: m.start)
    return mentions
