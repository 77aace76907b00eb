"""rxnews as a spaCy pipeline component: `nlp.add_pipe("rxnews")` on any pipeline.

The factory is registered with spaCy through the `spacy_factories` entry point, so a
pipeline finds it without importing rxnews first. The component runs one `Extractor`
on `doc.text` and sets:

- `doc._.rxnews`: the record as the JSON-ready dict that `rxnews extract` writes
  (`Record.to_dict()`; `source` is null). A dict rather than the `Record` dataclasses:
  it is the stable public format, and it survives `Doc.to_bytes` and `DocBin(store_user_data=True)`.
- `doc.spans["rxnews"]` (`spans_key`): a span per mention, labelled DRUG, TARGET,
  DISEASE, AGENCY, COMPANY or DATE. `span.kb_id_` is the `name` of the record item
  it mentions (the drug, target, disease, agency or company), so spans join the
  record; for a DATE it is the ISO date. DATE spans are the dateline's date and, in
  each event's evidence sentence, the event's `date_text`. Record offsets index
  characters; a span is widened to whole tokens (`alignment_mode="expand"`) and one
  that cannot be aligned is left out.

Config: `patterns`, folders of pattern files added to the shipped ones (as `--patterns`
on the command line; checked when the component is built, so a bad folder fails at
`add_pipe` with a `PatternError` naming it), and `spans_key`. `nlp.to_disk` saves the
folders' paths in the config, not their files: give absolute paths, which must exist
where the pipeline is loaded.

spaCy (3.8) imports every `spacy_factories` entry point when it builds a pipeline, any
pipeline: this module stays light (no `Extractor`, patterns or dateparser until an
`rxnews` component is built), and the command line never imports it.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, SpanGroup

EXTENSION = "rxnews"
DEFAULT_SPANS_KEY = "rxnews"
# The record's lists of named items, and the label of their mentions.
ITEM_LABELS = {"drugs": "DRUG", "targets": "TARGET", "indications": "DISEASE", "agencies": "AGENCY",
               "companies": "COMPANY"}
DATE = "DATE"
LABELS = (*ITEM_LABELS.values(), DATE)


def register_extension() -> None:
    """Register `Doc._.rxnews` (default None); again is a no-op, unless the name is taken by a
    getter or a method, which cannot hold the record: it is then replaced."""
    if Doc.has_extension(EXTENSION) and Doc.get_extension(EXTENSION)[1:] == (None, None, None):
        return
    Doc.set_extension(EXTENSION, default=None, force=True)


class RxnewsComponent(Pipe):
    """Extract an rxnews record from each doc: `doc._.rxnews` and `doc.spans[spans_key]`."""

    def __init__(self, nlp: Language | None = None, name: str = "rxnews", *,
                 patterns: Iterable[str | Path] = (), spans_key: str = DEFAULT_SPANS_KEY) -> None:
        if isinstance(patterns, str | Path):
            raise TypeError(f"patterns must be a list of folders, not one folder: [{str(patterns)!r}]")
        self.name = name
        self.spans_key = spans_key
        self.patterns = [str(p) for p in patterns]
        from .extractor import Extractor

        self.extractor = Extractor(self.patterns)  # PatternError names every bad folder and line
        register_extension()

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    def __call__(self, doc: Doc) -> Doc:
        record, document = self.extractor.extract_document(doc.text)
        data = record.to_dict()
        doc._.set(EXTENSION, data)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key,
                                              spans=record_spans(doc, data, document.dateline))
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Process docs in order; each is independent, so `batch_size` changes nothing. An error
        goes to the pipeline's error handler (`nlp.set_error_handler`), which raises by default."""
        error_handler = self.get_error_handler()
        for doc in stream:
            try:
                yield self(doc)
            except Exception as err:  # noqa: BLE001 - spaCy's contract: the handler decides
                error_handler(self.name, self, [doc], err)


@Language.factory("rxnews", default_config={"patterns": [], "spans_key": DEFAULT_SPANS_KEY},
                  assigns=["doc._.rxnews", "doc.spans"])
def make_component(nlp: Language, name: str, patterns: list[str], spans_key: str) -> RxnewsComponent:
    """The `rxnews` factory (the `spacy_factories` entry point)."""
    return RxnewsComponent(nlp, name, patterns=patterns, spans_key=spans_key)


def record_spans(doc: Doc, record: dict[str, Any], dateline: tuple[int, int] | None = None) -> list[Span]:
    """The spans of a record's mentions in `doc`, in text order, one per (tokens, label)."""
    found: list[tuple[int, int, str, str]] = []
    for field, label in ITEM_LABELS.items():
        for item in record[field]:
            found.extend((m["start"], m["end"], label, item["name"]) for m in item["mentions"])
    found.extend((start, end, DATE, iso) for start, end, iso in date_mentions(doc.text, record, dateline))
    spans: dict[tuple[int, int, str], Span] = {}
    for start, end, label, kb_id in sorted(found):
        span = aligned_span(doc, start, end, label, kb_id)
        if span is not None:
            spans.setdefault((span.start, span.end, label), span)
    return sorted(spans.values(), key=lambda s: (s.start, s.end, s.label_))


def date_mentions(text: str, record: dict[str, Any], dateline: tuple[int, int] | None
                  ) -> Iterator[tuple[int, int, str]]:
    """(start, end, ISO date) of the dateline's date and of each event's `date_text` in its
    evidence sentence (every occurrence there, as the record keeps the text, not the offset)."""
    if dateline is not None and record["release_date"]:
        yield dateline[0], dateline[1], record["release_date"]
    for event in record["events"]:
        written, evidence = event["date_text"], event["evidence"]
        if not written or not evidence:
            continue
        at = text.find(written, evidence["start"], evidence["end"])
        while at >= 0:
            end = at + len(written)
            if not (at and text[at - 1].isalnum()) and not (end < len(text) and text[end].isalnum()):
                yield at, end, event["date"] or ""
            at = text.find(written, end, evidence["end"])


def aligned_span(doc: Doc, start: int, end: int, label: str, kb_id: str) -> Span | None:
    """The span of doc.text[start:end] widened to whole tokens, or None when it cannot be had
    (offsets out of order or out of the text, or only whitespace between tokens)."""
    if not 0 <= start < end <= len(doc.text):
        return None  # "expand" would turn an empty range into the token around it
    try:
        span = doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")
    except (ValueError, IndexError):
        return None
    return span if span is not None and len(span) else None
