"""The `Extractor`: built once per process, it turns a text into a `Record`.

A text becomes a `Document` (normalised characters, sentences, tokens and every
pattern match), then each stage of `STAGES`, in order, adds its facts to the
record, reading the document and the facts found before it. A stage is built
from the pattern entries it needs (`from_entries`) and called as
`stage(doc, record)`. Adding a fact family is one module and one line here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .document import Document
from .facts.abbreviations import drop_redefined
from .facts.agencies import Agencies
from .facts.companies import Companies
from .facts.date_values import check_release_date
from .facts.dateline import Dateline
from .facts.dates import DateWindows
from .facts.drugs import Drugs
from .facts.events import Events
from .facts.identifiers import Identifiers
from .facts.indications import Indications
from .facts.links import DrugLinks
from .facts.stage import Stage
from .facts.targets import Targets
from .inputs.files import InputText
from .matching.furniture import furniture_spans, mask
from .matching.matcher import PatternMatcher, longest_matches
from .matching.patterns import PatternEntry, load_patterns, words_of
from .matching.sentences import split_sentences
from .matching.tokens import tokenize
from .record import Record
from .text import normalize_chars

# In order: each stage reads what the stages before it found.
STAGES: tuple[type[Stage], ...] = (
    Dateline,  # release date (events are dated against it)
    Drugs,
    Agencies,
    Targets,  # acted on by a drug
    Indications,  # named with a drug or a relevance cue
    Events,  # typed by cues, with the drugs, agencies, indications and dates of their clause
    Companies,
    Identifiers,
    DrugLinks,  # each drug's modality, targets and company
)


class Extractor:
    """Extract records from texts with one pattern set (shipped plus user directories)."""

    def __init__(self, pattern_dirs: Iterable[str | Path] = (), *,
                 entries: list[PatternEntry] | None = None) -> None:
        self.entries = entries if entries is not None else load_patterns(pattern_dirs)
        self.matcher = PatternMatcher(self.entries)
        self.abbreviations = frozenset(w.lower() for w in words_of(self.entries, "ABBREVIATION"))
        self.date_windows = DateWindows()
        self.stages: list[Stage] = [stage.from_entries(self.entries) for stage in STAGES]

    def make_doc(self, text: str) -> Document:
        """The document of a text: normalised characters, sentences, tokens and pattern matches."""
        norm = normalize_chars(text)
        norm = mask(norm, furniture_spans(norm))  # "Related news" lists: other stories' facts
        sentences = split_sentences(norm, self.abbreviations)
        tokens = tokenize(norm)
        matches = self.matcher(norm, sentences, tokens)
        matches = drop_redefined(norm, longest_matches(matches))  # "Fast Track Designation (FTD)"
        return Document(text, norm, sentences, matches, self.date_windows(*tokens), tokens=tokens)

    def extract(self, text: str, *, source: str | None = None,
                release_date: str | None = None) -> Record:
        """Extract one record; `release_date` (ISO) is used when the text has no dateline.

        A `release_date` that is not an ISO date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) raises
        `ReleaseDateError` (a `ValueError`).
        """
        return self.extract_document(text, source=source, release_date=release_date)[0]

    def extract_document(self, text: str, *, source: str | None = None,
                         release_date: str | None = None) -> tuple[Record, Document]:
        """`extract`, with the document the stages read (its `dateline` span, for instance)."""
        if release_date is not None:
            check_release_date(release_date)
        return self._extract(text, source, release_date)

    def _extract(self, text: str, source: str | None, release_date: str | None) -> tuple[Record, Document]:
        doc = self.make_doc(text)
        record = Record(source=source, title=title_of(text), release_date=release_date)
        for stage in self.stages:
            stage(doc, record)
        return record, doc

    def extract_input(self, doc: InputText, *, release_date: str | None = None) -> Record:
        """Extract one decoded input (`rxnews.inputs.read_input`), with what its markup says.

        The text's own dateline wins; else the page's publication date (HTML meta tags,
        `<time>`), which is the document's own, beats the blanket `release_date` anchor.
        The page `<title>` is the record's title.
        """
        if release_date is not None:
            check_release_date(release_date)
        # The page's own date comes from its markup, read and checked by `inputs.html`.
        record = self._extract(doc.text, doc.source, doc.published or release_date)[0]
        record.encoding = doc.encoding
        if doc.title:
            record.title = shorten_title(doc.title)
        return record

    def extract_many(self, items: Iterable[tuple[str, str | None]], *,
                     release_date: str | None = None) -> Iterator[Record]:
        """Extract (text, source) pairs lazily, one record each, in order."""
        for text, source in items:
            yield self.extract(text, source=source, release_date=release_date)


MAX_TITLE = 300  # characters of a title at most, the ellipsis included
ELLIPSIS = "\u2026"


def title_of(text: str) -> str | None:
    """The first line with words in it (page debris such as a lone "0" is skipped), shortened."""
    for line in text.splitlines():
        if sum(map(str.isalpha, line)) >= 3:
            return shorten_title(" ".join(line.split()))
    return None


def shorten_title(title: str) -> str:
    """A title of at most `MAX_TITLE` characters: cut at the last word that fits, with an ellipsis
    (cut mid-word only when its first word alone is too long)."""
    if len(title) <= MAX_TITLE:
        return title
    room = title[:MAX_TITLE]  # the ellipsis takes the place of the space before the cut word
    cut = room.rfind(" ")
    kept = room[:cut] if cut > 0 else title[:MAX_TITLE - 1]
    return kept.rstrip() + ELLIPSIS
