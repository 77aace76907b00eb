"""The `Extractor`: built once per process, it turns a text into a `Record`."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .agencies import extract_agencies
from .companies import extract_companies
from .dates import DateNormalizer, date_windows, find_release_date, parse_anchor
from .document import Document
from .drugs import build_drug, collect_mentions, link_mentions
from .events import extract_events
from .identifiers import extract_identifiers
from .indications import extract_indications
from .inputs import InputText
from .patterns import PatternEntry, load_patterns
from .pipeline import PatternMatcher, longest_matches, lowercase, tokenize
from .record import Drug, Record
from .segment import split_sentences
from .targets import acted_on, extract_targets
from .text import normalize_chars

LINK_WINDOW = 120  # characters around a drug mention searched for its modality and targets
MAX_TITLE = 300  # characters kept of a title
# A disease named in a sentence with one of these cues (or with a drug) is an indication.
RELEVANCE_CUES = {"treat", "marketing", "ind", "approve", "breakthrough_therapy", "orphan_drug",
                  "fast_track", "priority_review", "prime", "rare_pediatric_disease", "first_patient",
                  "endpoint"}


class Extractor:
    """Extract records from texts with one pattern set (shipped plus user directories)."""

    def __init__(self, pattern_dirs: Iterable[str | Path] = (), *,
                 entries: list[PatternEntry] | None = None) -> None:
        self.entries = entries if entries is not None else load_patterns(pattern_dirs)
        self.matcher = PatternMatcher(self.entries)
        self.dates = DateNormalizer()
        self.parents = {e.get("canonical"): e.get("parent") for e in self.entries
                        if e.label == "AGENCY"}
        self.not_prefixes = {str(e.pattern).upper() for e in self.entries
                             if e.label == "NOT_CODE_PREFIX"}
        self.not_codes = {str(e.pattern) for e in self.entries if e.label == "NOT_DRUG"}
        self.disease_phrases = {str(e.pattern).lower(): e for e in self.entries
                                if e.label == "DISEASE" and not e.case_sensitive}

    def extract(self, text: str, *, source: str | None = None,
                release_date: str | None = None) -> Record:
        """Extract one record; `release_date` is used when the text has no dateline."""
        norm = normalize_chars(text)
        sentences = split_sentences(norm)
        tokens = tokenize(norm)
        doc = Document(text, norm, sentences,
                       longest_matches(self.matcher(norm, sentences, tokens, lowercase(tokens[0]))),
                       date_windows(*tokens), tokens=tokens)
        dateline = find_release_date(norm, self.dates, windows=doc.date_windows)
        doc.dateline = (dateline.start, dateline.end) if dateline else None
        rdate = dateline.value if dateline else release_date
        record = Record(source=source, title=_title(text), release_date=rdate)

        mentions = collect_mentions(doc, self.not_prefixes, self.not_codes)
        drugs_at: list[tuple[int, int, str]] = []
        for group in link_mentions(norm, mentions):
            drug = build_drug(text, mentions, group)
            drug.mentions = [doc.mention(mentions[i].start, mentions[i].end) for i in group]
            record.drugs.append(drug)
            drugs_at.extend((m.start, m.end, drug.name) for m in drug.mentions)
        drug_spans = [(s, e) for s, e, _ in drugs_at]

        record.agencies = extract_agencies(doc)
        if record.drugs:
            drug_sentences = {doc.sentence_of(s) for s, _ in drug_spans}
            record.targets = extract_targets(doc, drug_spans, drug_sentences)
            relevant = set(drug_sentences)
            relevant |= {doc.sentence_of(m.start) for m in doc.labelled("CUE")
                         if m.entry.get("cue") in RELEVANCE_CUES}
            record.indications = extract_indications(doc, relevant, self.disease_phrases)
        agencies_at = [(m.start, m.end, a.name) for a in record.agencies for m in a.mentions]
        indications_at = [(m.start, m.end, i.name) for i in record.indications for m in i.mentions]
        record.events = extract_events(doc, drugs_at, agencies_at, self.parents, indications_at,
                                       rdate, self.dates, parse_anchor(rdate))
        record.companies = extract_companies(doc)
        record.identifiers = extract_identifiers(doc)
        _link_drugs(doc, record)
        return record

    def extract_input(self, doc: InputText, *, release_date: str | None = None) -> Record:
        """Extract one decoded input (`rxnews.inputs.read_input`), with what its markup says.

        The text's own dateline wins; else the page's publication date (HTML meta tags,
        `<time>`), which is the document's own, beats the blanket `release_date` anchor.
        The page `<title>` is the record's title.
        """
        record = self.extract(doc.text, source=doc.source, release_date=doc.published or release_date)
        record.encoding = doc.encoding
        if doc.title:
            record.title = doc.title[:MAX_TITLE]
        return record

    def extract_many(self, items: Iterable[tuple[str, str | None]], *,
                     release_date: str | None = None) -> Iterator[Record]:
        """Extract (text, source) pairs lazily, one record each, in order."""
        for text, source in items:
            yield self.extract(text, source=source, release_date=release_date)


def _title(text: str) -> str | None:
    """The first line with words in it (page debris such as a lone "0" is skipped)."""
    for line in text.splitlines():
        if sum(map(str.isalpha, line)) >= 3:
            return " ".join(line.split())[:MAX_TITLE]
    return None


def _link_drugs(doc: Document, record: Record) -> None:
    """Attach to each drug its modality, targets and company from the text around it."""
    modalities = doc.labelled("MODALITY")
    starts = [m.start for m in modalities]
    issuer = record.companies[0].name if record.companies else None
    for drug in record.drugs:
        drug.company = issuer
        _link_modality(doc, drug, modalities, starts)
    _link_targets(doc, record)


def _link_modality(doc: Document, drug: Drug, modalities: list, starts: list[int]) -> None:
    """Take the modality phrase closest to a mention of the drug in its sentence.

    `modalities` are in text order and `starts` their starts: bisected, not scanned.
    """
    for mention in drug.mentions:
        sentence = doc.sentences[doc.sentence_of(mention.start)]
        lo = max(sentence[0], mention.start - LINK_WINDOW)
        hi = min(sentence[1], mention.end + LINK_WINDOW)
        if drug.modality is None:
            window = modalities[bisect.bisect_left(starts, lo):bisect.bisect_right(starts, hi)]
            near = [m for m in window if m.end <= hi]
            if near:
                closest = min(near, key=lambda m: abs(m.start - mention.start))
                drug.modality = closest.entry.get("canonical")


_COORDINATED = re.compile(r"\s*(?:,|/|x|\band\b|\bor\b|,\s*and\b)\s*", re.I)


def _link_targets(doc: Document, record: Record) -> None:
    """Give each target named next to a mechanism word to the nearest drug in its sentence.

    A target coordinated with such a target ("targeting PD-L1 and 4-1BB") counts too.
    """
    by_sentence: dict[int, list[tuple[int, Drug]]] = {}  # not a scan of every drug per target
    for d in record.drugs:
        for m in d.mentions:
            by_sentence.setdefault(doc.sentence_of(m.start), []).append((m.start, d))
    mentions = sorted((m.start, m.end, t) for t in record.targets for m in t.mentions)
    previous: tuple[int, bool] | None = None  # end of the last target mention, and if acted on
    for start, end, target in mentions:
        acting = acted_on(doc.norm, start, end) or bool(
            previous and previous[1] and _COORDINATED.fullmatch(doc.norm, previous[0], start))
        previous = (end, acting)
        if not acting:
            continue
        near = [(abs(s - start), s > start, d) for s, d in by_sentence.get(doc.sentence_of(start), [])
                if abs(s - start) <= LINK_WINDOW]
        if near:
            drug = min(near, key=lambda x: (x[0], x[1]))[2]
            if target.name not in drug.targets:
                drug.targets.append(target.name)
