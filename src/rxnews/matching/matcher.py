"""Find pattern matches in a tokenised text: phrases, and token patterns.

It turns a text into plain `Match` tuples (label, character offsets, pattern
entry) for the fact components. Token patterns run compiled (`token_engine`),
or, for what that does not cover, with spaCy's `Matcher`: this is the only
module that runs spaCy.
Phrases (string patterns, and token patterns that only spell literal words) are
found with a word trie (`phrases.PhraseTable`), which gives spaCy's
`PhraseMatcher` results without building a `Doc` per text or per phrase; in the
case-insensitive phrases a hyphen between two words of letters counts as a space, and
an abbreviation in parentheses inside a phrase is passed over.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from ..lifetime import long_lived
from .chunks import chunk_spans
from .labels import is_matched
from .patterns import PatternEntry
from .phrases import PhraseTable
from .spans import Coverage, merge_spans
from .token_engine import CompiledPattern, compile_pattern
from .token_patterns import TokenPattern, has_all, literal_phrases, make_vocab
from .tokens import WordMemo, phrase_words, tokenize

if TYPE_CHECKING:
    from spacy.vocab import Vocab

MAX_LENGTH = 1_000_000  # characters per spaCy Doc, as spaCy's own `nlp.max_length`


class Match(NamedTuple):
    """A pattern match as character offsets into the text (a tuple: cheap to make by the hundred)."""

    label: str
    start: int
    end: int
    entry: PatternEntry


_TEXT_ORDER = itemgetter(1, 2)  # sort key of matches: (start, end), computed in C
_new_match = tuple.__new__  # Match(*fields) without the Python frame of its __new__


class PatternMatcher:
    """Find every phrase and token pattern of a pattern set in texts."""

    def __init__(self, entries: list[PatternEntry]) -> None:
        self.max_length = MAX_LENGTH
        self._exact: PhraseTable[PatternEntry] = PhraseTable()
        self._folded: PhraseTable[PatternEntry] = PhraseTable(lenient=True)
        self._token_patterns: list[_Token] = []
        self._anchored: dict[str, list[_Token]] = {}  # by each word of their anchor
        self._unanchored: list[_Token] = []
        self._spacy: _SpacyMatcher | None = None  # built when a text first reaches a pattern it runs
        for entry in entries:
            if not is_matched(entry.label):
                continue
            phrases: tuple[bool, list[list[str]]] | None
            if isinstance(entry.pattern, str):
                text = entry.pattern if entry.case_sensitive else entry.pattern.lower()
                phrases = (entry.case_sensitive, [phrase_words(text)])
            else:  # a token pattern of literal words is matched as the phrases it spells
                phrases = literal_phrases(entry.pattern)
            if phrases:
                case_sensitive, spelled = phrases
                table = self._exact if case_sensitive else self._folded
                for words in spelled:
                    table.add(entry, words)
                    if case_sensitive and isinstance(entry.pattern, str):
                        headline = headline_case(words)
                        if headline != words:  # "PRIME Designation", "Diffuse Large B Cell Lymphoma"
                            table.add(entry, headline)
            else:
                where = TokenPattern.from_pattern(entry.pattern)
                token = _Token(entry, where, compile_pattern(entry.pattern))
                self._token_patterns.append(token)
                if token.where.anchor is None:
                    self._unanchored.append(token)
                for word in token.where.anchor or ():
                    self._anchored.setdefault(word, []).append(token)
        # The lowercase words a phrase or an anchored token pattern can start at.
        self._starters = frozenset({w.lower() for w in self._exact.first_words()}
                                   | self._folded.first_words() | set(self._anchored))
        self._is_starter = WordMemo(self._starters.__contains__)
        self._lower = WordMemo(str.lower)

    def token_matcher(self) -> _SpacyMatcher:
        """spaCy's side: its vocabulary and `Matcher` with the token patterns `token_engine`
        cannot run.

        Built, and spaCy imported, when a text first reaches such a pattern (the shipped
        patterns have none), or when asked for (by a parent process before its workers fork
        and share it, if there are such patterns).
        """
        if self._spacy is None:
            with long_lived():
                self._spacy = _SpacyMatcher([t.entry for t in self._token_patterns if t.compiled is None])
        return self._spacy

    @property
    def needs_spacy(self) -> bool:
        """Whether some token pattern runs with spaCy's `Matcher`."""
        return any(t.compiled is None for t in self._token_patterns)

    @property
    def vocab(self) -> Vocab:
        return self.token_matcher().vocab

    def __call__(self, text: str, sentences: list[tuple[int, int]] | None = None,
                 tokens: tuple[list[str], list[int]] | None = None) -> list[Match]:
        """Return all matches in `text` (already character-normalised), by start, then end.

        Phrases are looked up in the word list of the whole text. Token patterns run
        with spaCy's `Matcher`, inside the `sentences` (character spans; default: the
        whole text) that have a word for each required token of some pattern. A text
        longer than `max_length` characters has its sentences cut at paragraph chunks
        (`chunk_spans`), so no `Doc` grows without bound. `tokens` is `tokenize(text)`
        when the caller has it already. Offsets refer to the text.
        """
        words, starts = tokens or tokenize(text)
        lowers = self._lower.of(words)  # each distinct word is lowered once, then remembered
        hits = self._is_starter.where(lowers)  # one pass for all
        found: list[Match] = []
        for table, keys in ((self._exact, words), (self._folded, lowers)):
            for entry, start, end in table(keys, hits):
                found.append(_new_match(Match, (entry.label, starts[start],
                                                starts[end - 1] + len(words[end - 1]), entry)))
        if self._anchored or self._unanchored:
            if sentences is None or len(text) > self.max_length:
                sentences = _clip(sentences or [(0, len(text))], chunk_spans(text, self.max_length))
            found.extend(self._match_tokens(words, starts, lowers, sentences, hits))
        found.sort(key=_TEXT_ORDER)
        return found

    def _match_tokens(self, words: list[str], starts: list[int], lowers: list[str],
                      sentences: list[tuple[int, int]], hits: list[int]) -> list[Match]:
        """Token-pattern matches inside the `sentences`; `hits` include the anchor words' positions.

        A compiled pattern runs on each of its windows (`_windows`). The windows of the
        others go into one `Doc`, for one spaCy `Matcher` call, and a match that runs
        from one window into the next is dropped.
        """
        found: list[Match] = []
        by_spacy: dict[int, list[tuple[int, int]]] = {}  # the ranges by sentence
        for token, ranges in self._windows(starts, lowers, sentences, hits).items():
            if token.compiled is None:
                for k, spans in ranges.items():
                    by_spacy.setdefault(k, []).extend(spans)
                continue
            entry, label = token.entry, token.entry.label
            for spans in ranges.values():
                for first, last in merge_spans(spans):
                    for begin, stop in token.compiled.matches(words, first, last):
                        found.append(_new_match(Match, (label, starts[begin],
                                                        starts[stop - 1] + len(words[stop - 1]), entry)))
        if by_spacy:
            pieces = [piece for k in sorted(by_spacy) for piece in merge_spans(by_spacy[k])]
            found += self._match_spacy(words, starts, pieces)
        return found

    def _match_spacy(self, words: list[str], starts: list[int], pieces: list[tuple[int, int]]
                     ) -> list[Match]:
        """The matches of spaCy's `Matcher` inside the token ranges `pieces` (in text order)."""
        found: list[Match] = []
        spacy = self.token_matcher()
        for batch in _batches(pieces, words, starts, self.max_length):
            doc_words: list[str] = []
            at: list[int] = []  # where each piece starts in the Doc
            for first, last in batch:
                at.append(len(doc_words))
                doc_words.extend(words[first:last])
            for key, start, end in spacy.matcher(spacy.doc(spacy.vocab, words=doc_words)):
                k = bisect_right(at, start) - 1
                first, last = batch[k]
                if end - at[k] > last - first:  # runs into the next piece
                    continue
                begin, stop = first + start - at[k], first + end - at[k]
                entry = spacy.entries[key]
                found.append(Match(entry.label, starts[begin], starts[stop - 1] + len(words[stop - 1]),
                                   entry))
        return found

    def _windows(self, starts: list[int], lowers: list[str], sentences: list[tuple[int, int]],
                 hits: list[int]) -> dict[_Token, dict[int, list[tuple[int, int]]]]:
        """Token ranges that hold every match of each pattern that can match, by sentence.

        A match holds a word of its pattern's `anchor`, reaches at most `before` tokens
        before it and `after` tokens after it, and has a word of each `required` set: the
        window around each anchor word must have them too. A window never crosses a
        sentence boundary. A pattern without an anchor is tried on every sentence with
        its required words.
        """
        near: dict[_Token, dict[int, list[tuple[int, int]]]] = {}
        bounds: dict[int, tuple[int, int]] = {}  # sentence: its first and last token
        sentence_starts = [lo for lo, _ in sentences]

        def sentence(k: int) -> tuple[int, int]:
            if k not in bounds:
                lo, hi = sentences[k]
                bounds[k] = bisect_left(starts, lo), bisect_left(starts, hi)
            return bounds[k]

        anchored = self._anchored
        for i in compress(hits, map(anchored.__contains__, map(lowers.__getitem__, hits))):
            k = bisect_right(sentence_starts, starts[i]) - 1
            if k < 0 or starts[i] >= sentences[k][1]:
                continue  # between sentences
            first, last = sentence(k)
            for token in anchored[lowers[i]]:
                lo, hi = token.where.window(i, first, last)
                window = lowers[lo:hi]
                for words in token.where.required:  # the smallest sets first: the likeliest to fail
                    if words.isdisjoint(window):
                        break
                else:
                    near.setdefault(token, {}).setdefault(k, []).append((lo, hi))
        for token in self._unanchored:
            for k in range(len(sentences)):
                first, last = sentence(k)
                if first < last and has_all(set(lowers[first:last]), token.where.required):
                    near.setdefault(token, {}).setdefault(k, []).append((first, last))
        return near


# Words a headline leaves in lower case ("Approval for", "Treatment of").
_HEADLINE_LOWER = frozenset("a an the of for to in on and or with by at as vs via from into per".split())


def headline_case(words: list[str]) -> list[str]:
    """A case-sensitive phrase as a headline writes it: each word of lower-case letters capitalised,
    but for small function words ("IND application" -> "IND Application")."""
    return [w[0].upper() + w[1:] if w.isalpha() and w.islower() and w not in _HEADLINE_LOWER else w
            for w in words]


class _Token:
    """A token pattern: its entry, where it can match, and its compiled form (None: spaCy runs it).

    Hashed by identity: the windows of a text are gathered by pattern.
    """

    __slots__ = ("entry", "where", "compiled")

    def __init__(self, entry: PatternEntry, where: TokenPattern, compiled: CompiledPattern | None) -> None:
        self.entry, self.where, self.compiled = entry, where, compiled


class _SpacyMatcher:
    """spaCy's `Matcher` of token patterns, on a vocabulary of its own (`make_vocab`)."""

    def __init__(self, entries: list[PatternEntry]) -> None:
        from spacy.matcher import Matcher
        from spacy.tokens import Doc

        self.doc = Doc
        self.vocab = make_vocab([e.pattern for e in entries])
        self.matcher = Matcher(self.vocab)
        self.entries: dict[int, PatternEntry] = {}  # by the key the Matcher gives a match
        for entry in entries:
            self.entries[self.vocab.strings.add(entry.id)] = entry
            self.matcher.add(entry.id, [entry.pattern])


def _batches(pieces: list[tuple[int, int]], words: list[str], starts: list[int], limit: int
             ) -> list[list[tuple[int, int]]]:
    """Group token ranges so that a group's text is at most `limit` characters (or one range)."""
    batches: list[list[tuple[int, int]]] = []
    size = limit
    for first, last in pieces:
        length = starts[last - 1] + len(words[last - 1]) - starts[first]
        if size + length > limit:
            batches.append([])
            size = 0
        batches[-1].append((first, last))
        size += length
    return batches


def _clip(spans: list[tuple[int, int]], chunks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pieces of `spans` inside each of `chunks` (both in text order)."""
    return [(max(a, lo), min(b, hi)) for lo, hi in chunks for a, b in spans if a < hi and b > lo]


def longest_matches(matches: list[Match], keep_all: frozenset[str] = frozenset({"CUE"})
                    ) -> list[Match]:
    """Keep the longest of overlapping matches of one label (first wins on ties).

    `matches` are in text order (start, then end), and so is the result. Labels in
    `keep_all` (event cues) keep every match: overlapping cues all count.
    """
    groups: dict[str, list[Match]] = {}
    for match in matches:
        if match.label not in keep_all:
            groups.setdefault(match.label, []).append(match)
    dropped: set[int] = set()  # ids of the matches that lose to a longer one
    for group in groups.values():
        reach = 0
        for match in group:  # in text order, an overlap shows between neighbours
            if match.start < reach:
                break
            reach = match.end
        else:
            continue
        taken = Coverage(max(m.end for m in group))
        for match in sorted(group, key=lambda m: (-(m.end - m.start), m.start)):
            if taken.overlaps(match.start, match.end):
                dropped.add(id(match))
            else:
                taken.add(match.start, match.end)
    return [m for m in matches if id(m) not in dropped]
