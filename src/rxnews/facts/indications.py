"""Indications: diseases from the curated lexicon, with their qualifiers and abbreviations.

A disease counts as an indication when at least one of its mentions stands in a
sentence that names a drug or a treatment cue ("for the treatment of", "patients
with"); diseases named only in epidemiology background are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..document import Document
from ..matching.matcher import Match
from ..matching.patterns import PatternEntry
from ..matching.regex import after_no
from ..record import Indication, Record
from ..text import fold_key
from .boilerplate import boilerplate_sentences
from .event_types import RELEVANCE_CUES
from .lexicon import group_matches, surface_aliases
from .stage import Stage

# "lung cancer cells", "HPV status", "HER2-positive": a mention followed by these is not
# the condition being treated.
NOT_INDICATION_AFTER = re.compile(  # (a gene named for its disease: "Wilms tumor 1 positive (WT1+)")
    r"[-\s]*(?:\d{1,2}[-\s]*(?=positive|negative|expression|status))?"
    r"(?:cells?|cell lines?|tissues?|models?|biology|research|screening|awareness|status|"
    r"positive|negative|expression|society|foundation|association|center|centre|institute|"
    r"pandemic|lockdowns?|restrictions)\b",  # "due to the COVID-19 pandemic" (an epidemic may be treated)
    re.I)
# ... or a capitalised word that ends an organisation's name ("Leukaemia & Lymphoma Group"); in lower
# case "group" is a cohort ("the lymphoma group"), which is no reason to drop the disease.
NOT_INDICATION_ORG = re.compile(r"(?:[^\S\n]*(?:&|and)?[^\S\n]*[A-Z][\w'-]*){0,3}[-\s]*"
                                r"(?:Group|Network|Alliance|Coalition|Consortium|Council|Fund|Society|"
                                r"Foundation|Association|Institute)\b")
# A capitalised disease inside an organisation's name, after its head: "National Institute of Allergy
# and Infectious Diseases", "Centers for Disease Control".
NOT_INDICATION_IN_ORG = re.compile(
    r"\b(?:Institutes?|Cent(?:er|re)s?|Foundation|Society|Association|Council|Department|Division|Office|"
    r"School|College|Academy|Federation|Journal|Congress|Conference)\s+(?:of|for|on)\s+"
    r"(?:(?:[A-Z][\w'-]*|and|&)[^\S\n]+){0,4}$")
_ORG_REACH = 80  # characters before a mention where an organisation's head is looked for
# A disease right after these is excluded, not treated: "AMR without T-cell mediated rejection".
NOT_INDICATION_BEFORE = re.compile(r"\b(?:without|excluding)\s+$", re.I)
_EXCLUSION_REACH = 16  # characters before a mention where those words are looked for
_JOINER = re.compile(r"\s*(?:(?:,|or|and|/|-)\s*)?")


# A disease's subtype after its name: "type 1", "type II", "type IIIA", "type B".
SUBTYPE_AFTER = re.compile(
    r"[^\S\n]+[Tt]ype[^\S\n]+(?:\d{1,2}[A-Za-z]?|[IVX]{1,4}[A-Da-d]?|[A-D])\b(?![-\w])")


def qualified_start(text: str, start: int, starts_by_end: dict[int, int]) -> int:
    """Extend a disease mention leftwards over adjacent qualifiers ("recurrent or metastatic").

    `starts_by_end` maps the end of each qualifier span to its start.
    """
    while True:
        joined = next((e for e in range(start, max(0, start - 6) - 1, -1)
                       if e in starts_by_end and _JOINER.fullmatch(text, e, start)), None)
        if joined is None:
            return start
        start = starts_by_end[joined]


# A conjunct before a disease name: one to three words and a joiner.
_CONJUNCT = re.compile(r"\b([A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,2})\s*(?:,\s*(?:and|or)?|and|or|/)\s*$")
MAX_CONJUNCTS = 4


def coordinated_diseases(doc: Document, phrases: dict[str, PatternEntry]) -> list[Match]:
    """Find the other conjuncts of a disease list that share its head noun: "ovarian cancer" in
    "ovarian and endometrial cancer", and "epithelial ovarian cancer" and "fallopian tube
    cancer" in "epithelial ovarian, fallopian tube or primary peritoneal cancer"."""
    found = []
    for m in doc.labelled("DISEASE"):
        words = doc.norm[m.start:m.end].split()
        if len(words) < 2:
            continue
        heads = [" ".join(words[-h:]) for h in range(len(words) - 1, 0, -1)]
        at = m.start
        for _ in range(MAX_CONJUNCTS):
            lo = max(0, at - 60)
            # A cheap necessary test first: only blanks may follow the conjunction.
            if not doc.norm[lo:at].rstrip().endswith((",", "and", "or", "/")):
                break
            before = _CONJUNCT.search(doc.norm, lo, at)
            match = _conjunct(doc.norm, before, heads, phrases) if before else None
            if match is None:
                break
            found.append(match)
            at = match.start
    return found


def _conjunct(text: str, before: re.Match[str], heads: list[str], phrases: dict[str, PatternEntry]
              ) -> Match | None:
    """The longest tail of the conjunct words that, with one of the heads, is a lexicon disease."""
    words = before.group(1).split()
    for k in range(len(words)):
        start = before.end(1) - len(" ".join(words[k:]))
        for head in heads:
            entry = phrases.get(f"{' '.join(words[k:])} {head}".lower())
            if entry is not None:  # its pattern is the whole name: "epithelial ovarian cancer"
                whole = PatternEntry(entry.id, "DISEASE", f"{' '.join(words[k:])} {head}", entry.attrs)
                return Match("DISEASE", start, before.end(1), whole)
    return None


# "PLA2G6-associated neurodegeneration", "TTR-mediated amyloidosis": a disease named by its gene.
# ("[A-Z](?<!\w.)" is "\b[A-Z]" written so that the engine can skip to capital letters: see
# `matching.regex.after_no`.)
GENE_DISEASE = re.compile(
    r"[A-Z](?<!\w.)[A-Z0-9]{1,9}[a-z]?-(?:associated|related|mediated|linked|driven|deficient|deficiency)\s+"
    r"(?:[a-z][\w-]*\s+){0,2}(?:neurodegeneration|amyloidosis|epilepsy|encephalopathy|cardiomyopathy|"
    r"dystrophy|myopathy|disease|disorders?|syndrome|deficiency|nephropathy|neuropathy|retinopathy|"
    r"ataxia|leukodystrophy|dementia|degeneration|lymphoma|leukemia|carcinoma|cancers?)\b")
# A receptor or mutation status before a disease: "HR+/HER2- breast cancer", "EGFR-mutant NSCLC".
STATUS_MARKERS = ("HR", "ER", "PR", "HER2", "HER-2", "EGFR", "ALK", "ROS1", "KRAS", "NRAS", "BRAF", "PD-L1",
                  "FGFR[1-4]?", "MET", "RET", "NTRK", "BRCA[12]?", "PIK3CA", "IDH[12]?", "FLT3", r"CLDN18\.2",
                  "TROP2", "MSI-H", "dMMR")
STATUS = re.compile(
    after_no(r"[\w-]", STATUS_MARKERS) + r"(?:\s*[+-](?![\w])|\s*-?\s*(?:positive|negative|"
    r"mutant|mutated|mutation-positive|low|high|amplified|overexpressing|rearranged|fusion-positive|wild-type))")


def gene_diseases(doc: Document) -> list[Match]:
    """Diseases named by their gene, outside the lexicon (their own canonical name)."""
    if "-" not in doc.norm:
        return []
    found = []
    for m in GENE_DISEASE.finditer(doc.norm):
        name = doc.norm[m.start():m.end()]
        entry = PatternEntry(f"gene-disease:{name}", "DISEASE", name, {"canonical": name, "doid": None})
        found.append(Match("DISEASE", m.start(), m.end(), entry))
    return found


def extract_indications(doc: Document, relevant_sentences: set[int],
                        phrases: dict[str, PatternEntry] | None = None,
                        drug_spans: Sequence[tuple[int, int]] = (),
                        profiles: Sequence[tuple[int, int]] = ()) -> list[Indication]:
    """Return the diseases that a drug in the text is developed for, tested in or approved for.

    A disease inside a drug's name (`drug_spans`: "MCI" in "MCI-186") is none.
    """
    drug_starts = [start for start, _ in drug_spans]

    profile_starts = [lo for lo, _ in profiles]

    def in_profile(start: int) -> bool:  # profiles are sorted and do not overlap (one per sentence)
        k = bisect_right(profile_starts, start) - 1
        return k >= 0 and start < profiles[k][1]

    def in_drug(start: int, end: int) -> bool:  # drug_spans are sorted and do not nest
        k = bisect_left(drug_starts, end) - 1
        return k >= 0 and drug_spans[k][1] > start

    qualifiers = {m.end: m.start for m in doc.labelled("QUALIFIER")}
    if any(word in doc.norm for word in ("+", "-", "positive", "negative", "mutant")):
        qualifiers.update((m.end(), m.start()) for m in STATUS.finditer(doc.norm))
    named = gene_diseases(doc)
    extra = coordinated_diseases(doc, phrases or {}) + named
    indications = []
    extra_at: dict[tuple[int, int], list[int]] = {}  # span -> the extra matches there, by position
    for n, m in enumerate(extra):
        extra_at.setdefault((m.start, m.end), []).append(n)
    for item in group_matches(doc, "DISEASE", extra=extra, covered=[(m.start, m.end) for m in named]):
        if item.entry.get("scope") == "area":  # "autoimmune diseases": a company's field, no indication
            continue
        item.spans = [(s, e) for s, e in item.spans if not NOT_INDICATION_AFTER.match(doc.norm, e)
                      and not NOT_INDICATION_ORG.match(doc.norm, e) and not in_drug(s, e)
                      and not in_profile(s)  # the company's own fields
                      and not NOT_INDICATION_BEFORE.search(doc.norm, max(0, s - _EXCLUSION_REACH), s)
                      and not (doc.norm[s].isupper()
                               and NOT_INDICATION_IN_ORG.search(doc.norm, max(0, s - _ORG_REACH), s))]
        if not any(doc.sentence_of(s) in relevant_sentences for s, _ in item.spans):
            continue
        name = item.canonical
        aliases = surface_aliases(doc, item, name)
        at_spans = sorted(n for span in set(item.spans) for n in extra_at.get(span, ()))  # not all extras
        for whole in (extra[n].entry.pattern for n in at_spans):
            if whole != name and whole not in aliases:  # a conjunct's whole name
                aliases.append(whole)
        for start, end in item.spans:
            q_start = qualified_start(doc.norm, start, qualifiers) if qualifiers else start
            subtype = SUBTYPE_AFTER.match(doc.norm, end)  # "plasminogen deficiency type 1"
            q_end = subtype.end() if subtype else end
            if q_start < start or q_end > end:
                phrase = doc.text[q_start:q_end]
                if phrase not in aliases:
                    aliases.append(phrase)
        indications.append(Indication(
            name=name, aliases=aliases, doid=item.entry.get("doid"),
            mentions=[doc.mention(s, e) for s, e in item.spans],
        ))
    return fold_broader(indications)


def fold_broader(indications: list[Indication]) -> list[Indication]:
    """Fold a broader disease into the one specific disease that ends with its name:
    "lung cancer" into "non-small cell lung cancer", "leukemia" into "acute myeloid leukemia"."""
    words = [_words(i.name) for i in indications]
    # Each name under each of its proper endings (unless "non"/"not" comes before it): the
    # narrower names of a name looked up, not all names compared with each.
    endings: dict[tuple[str, ...], list[int]] = {}
    for j, other in enumerate(words):
        for n in range(1, len(other)):
            if other[-n - 1] not in ("non", "not"):
                endings.setdefault(other[-n:], []).append(j)
    kept = []
    for i, item in enumerate(indications):
        narrower = endings.get(words[i], [])
        if len(narrower) != 1:
            kept.append(item)
            continue
        into = indications[narrower[0]]
        into.aliases.extend(a for a in [item.name, *item.aliases] if a not in into.aliases and a != into.name)
        into.mentions = sorted(into.mentions + item.mentions, key=lambda m: m.start)
    return kept


def _words(name: str) -> tuple[str, ...]:
    return tuple(fold_key(w) for w in re.split(r"[\s-]+", name) if fold_key(w))


class Indications(Stage):
    """The diseases a document's drugs are developed, tested or approved for.

    A disease counts when a mention stands in a sentence with a drug or with a cue
    that makes its diseases relevant (`event_types.RELEVANCE_CUES`: "treat",
    "approve", "IND", ...). A release without drugs has none.
    """

    def __init__(self, disease_phrases: dict[str, PatternEntry]) -> None:
        self.disease_phrases = disease_phrases

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Indications:
        """Build from the DISEASE lexicon (its case-insensitive phrases complete coordinated names)."""
        return cls({str(e.pattern).lower(): e for e in entries
                    if e.label == "DISEASE" and not e.case_sensitive})

    def __call__(self, doc: Document, record: Record) -> None:
        """Set `record.indications`."""
        drug_spans = sorted((m.start, m.end) for d in record.drugs for m in d.mentions)
        drug_starts = [start for start, _ in drug_spans]
        relevant = {doc.sentence_of(start) for start in drug_starts}
        relevant |= {doc.sentence_of(m.start) for m in doc.labelled("CUE")
                     if m.entry.get("cue") in RELEVANCE_CUES}
        profiles: list[tuple[int, int]] = []
        relevant -= boilerplate_sentences(doc, drug_starts, profiles)
        record.indications = extract_indications(doc, relevant, self.disease_phrases, drug_spans, profiles)
