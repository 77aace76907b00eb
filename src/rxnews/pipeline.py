"""Tokenise texts and find pattern matches in them: phrases, and token patterns with spaCy.

This is the only module that touches spaCy objects: it turns a text into plain
`Match` tuples (label, character offsets, pattern entry) for the extractors.
Phrases (string patterns, and token patterns that only spell literal words) are
found with a word trie (`phrases.PhraseTable`), which gives spaCy's
`PhraseMatcher` results without building a `Doc` per text or per phrase.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate, compress, product
from math import prod
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from .chunks import chunk_spans
from .patterns import UNMATCHED_LABELS, PatternEntry
from .phrases import PhraseTable
from .text import Coverage, WordMemo, merge_spans

if TYPE_CHECKING:
    from spacy.vocab import Vocab

# One token per run of word characters and per other character, so hyphens,
# slashes, brackets and trade marks always split ("PD-L1/4-1BB", "TrkB-activating",
# "Velesin(TM)"). Web and e-mail addresses stay whole so that no name is found
# inside them, and a blank line is a token of its own so that no phrase spans
# two paragraphs. One regular expression over the text is linear and about five
# times faster than spaCy's rule-based tokenizer.
_TLDS = "com|org|net|gov|edu|io|cn|jp|kr|de|uk|eu|ch|fr|bio|health"
_BLANK_LINE = r"\n[^\S\n]*\n\s*"  # with the blank lines and spaces after it
TOKEN = re.compile(  # every repeat is bounded, so no input makes it backtrack far
    r"(?:https?://|www\.)[^\s<>\"]{1,2000}"
    r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}"
    rf"|(?:[A-Za-z0-9-]{{1,63}}\.){{1,6}}(?:{_TLDS})\b"
    r"(?:/[^\s<>\"]{0,2000})?"
    rf"|{_BLANK_LINE}"
    r"|\w+"
    r"|[^\w\s]"
)
# TOKEN without the address alternatives, which cost a third of its time. Addresses
# have no spaces and each holds an address hint ("@", "://", "www." or a dot before
# a TLD), so TOKEN is only needed on the runs of non-space characters that hold one
# (see `tokenize`).
_PLAIN_TOKEN = re.compile(rf"\w+|{_BLANK_LINE}|[^\w\s]")
_PLAIN_SPLIT = re.compile(f"({_PLAIN_TOKEN.pattern})")  # gaps and tokens, in turn
_TLD_HINT = re.compile(rf"\.(?:{_TLDS})\b")  # starts with a literal: searched much faster
_NON_SPACE = re.compile(r"\S+")
_BLANK_LINES = re.compile(_BLANK_LINE)
PARAGRAPH = "\n\n"
MAX_LENGTH = 1_000_000  # characters per spaCy Doc, as spaCy's own `nlp.max_length`


def tokenize(text: str) -> tuple[list[str], list[int]]:
    """Split `text` into token strings and their start offsets (blank lines become "\\n\\n").

    The tokens of `TOKEN.finditer(text)`: plain tokens between addresses, and TOKEN
    itself only on the space-free runs around an address hint (`_address_hints`).
    """
    words: list[str] = []
    starts: list[int] = []
    done = 0
    for at in _address_hints(text):
        if at < done:  # in a run already tokenised
            continue
        run = at
        while run > done and not text[run - 1].isspace():  # each character is looked at once
            run -= 1
        end = _NON_SPACE.match(text, at).end()
        _scan_plain(text, done, run, words, starts)
        _scan(TOKEN, text, run, end, words, starts)
        done = end
    _scan_plain(text, done, len(text), words, starts)
    for blank in _BLANK_LINES.finditer(text):
        words[bisect_left(starts, blank.start())] = PARAGRAPH
    return words, starts


_LOWER = WordMemo(str.lower)


def lowercase(words: list[str]) -> list[str]:
    """The words in lower case (each distinct word is lowered once, then remembered)."""
    return _LOWER.of(words)


def _address_hints(text: str) -> list[int]:
    """The offsets of the address hints in a text: "@", "://", "www." and a dot before a TLD.

    Each is searched on its own, from its literal: much faster than one regex for all.
    """
    hints = [m.start() for m in _TLD_HINT.finditer(text)]
    for needle in ("@", "://", "www."):
        at = text.find(needle)
        while at >= 0:
            hints.append(at)
            at = text.find(needle, at + 1)
    return sorted(hints)


def phrase_words(phrase: str) -> list[str]:
    """The words `tokenize` splits a phrase pattern into, quickly for the usual short phrase."""
    if "\n" in phrase or _address_hints(phrase):
        return tokenize(phrase)[0]
    return _PLAIN_TOKEN.findall(phrase)


def _scan_plain(text: str, start: int, end: int, words: list[str], starts: list[int]) -> None:
    """Append the tokens `_PLAIN_TOKEN` finds in text[start:end], and their offsets.

    Splitting gives the gaps and tokens in turn, and the offsets are the running sum
    of their lengths: no Python code runs per token.
    """
    parts = _PLAIN_SPLIT.split(text if start == 0 and end == len(text) else text[start:end])
    words += parts[1::2]
    starts += list(accumulate(map(len, parts), initial=start))[1:len(parts):2]


def _scan(pattern: re.Pattern[str], text: str, start: int, end: int, words: list[str],
          starts: list[int]) -> None:
    """Append the tokens `pattern` finds in text[start:end], and their offsets."""
    found = list(pattern.finditer(text, start, end))
    words += [m.group() for m in found]
    starts += [m.start() for m in found]


class Match(NamedTuple):
    """A pattern match as character offsets into the text (a tuple: cheap to make by the hundred)."""

    label: str
    start: int
    end: int
    entry: PatternEntry


_TEXT_ORDER = itemgetter(1, 2)  # sort key of matches: (start, end), computed in C
_new_match = tuple.__new__  # Match(*fields) without the Python frame of its __new__


def make_vocab(token_patterns: list[list[dict]] = ()) -> Vocab:
    """Return a vocabulary that computes only the lexical attributes matching needs.

    LOWER (and NORM) always; other attributes (IS_DIGIT, LIKE_NUM, ...) only when a
    token pattern uses them. Creating a word's entry is then several times cheaper,
    which is most of the start-up time and a good share of the time per text.
    """
    from spacy.attrs import IDS, LOWER, NORM
    from spacy.lang.en import English
    from spacy.vocab import Vocab, create_vocab

    english = create_vocab("en", English.Defaults).lex_attr_getters
    wanted = {LOWER, NORM}
    for pattern in token_patterns:
        for spec in pattern:
            wanted.update(IDS[key.upper()] for key in spec if key.upper() in IDS)
    return Vocab(lex_attr_getters={attr: f for attr, f in english.items() if attr in wanted})


LITERAL_ATTRS = {"ORTH": True, "TEXT": True, "LOWER": False}  # attribute: case-sensitive?
MAX_LITERAL_PHRASES = 64


def literal_phrases(pattern: str | list[dict]) -> tuple[bool, list[list[str]]] | None:
    """The phrases a token pattern of only literal words spells, with their case-sensitivity.

    `[{"LOWER": "to"}, {"LOWER": {"IN": ["file", "submit"]}}]` spells "to file" and
    "to submit", case-insensitively. Such patterns are matched by the phrase
    matchers, in one pass over the text, instead of token by token. Patterns with
    operators, other attributes or mixed case rules give None.
    """
    if isinstance(pattern, str) or not pattern:
        return None
    alternatives: list[list[str]] = []
    modes = set()
    for spec in pattern:
        if len(spec) != 1:
            return None
        (attr, value), = spec.items()
        if attr not in LITERAL_ATTRS:
            return None
        if isinstance(value, str):
            values = [value]
        elif isinstance(value, dict) and set(value) == {"IN"}:
            values = value["IN"]
        else:
            return None
        if not values or not all(isinstance(v, str) and phrase_words(v) == [v] for v in values):
            return None
        case_sensitive = LITERAL_ATTRS[attr]
        modes.add(case_sensitive)
        alternatives.append(values if case_sensitive else [v.lower() for v in values])
    if len(modes) != 1 or prod(len(a) for a in alternatives) > MAX_LITERAL_PHRASES:
        return None
    return modes.pop(), [list(words) for words in product(*alternatives)]


def _has_all(present: set[str], required: list[frozenset[str]]) -> bool:
    """Whether `present` holds a word of each of the `required` word sets."""
    return all(not present.isdisjoint(words) for words in required)


def _required_specs(pattern: list[dict]) -> list[tuple[int, frozenset[str]]]:
    """(index, lowercase words) of the tokens of a pattern that a match must have.

    Tokens without a literal ORTH, TEXT or LOWER value (or with an optional
    operator) constrain nothing and are left out.
    """
    required = []
    for index, spec in enumerate(pattern):
        op = str(spec.get("OP", ""))
        if op in ("?", "*", "!") or op.startswith(("{0", "{,")):  # may match no token
            continue
        for attr in ("LOWER", "ORTH", "TEXT"):
            value = spec.get(attr)
            if isinstance(value, str):
                required.append((index, frozenset({value.lower()})))
                break
            if isinstance(value, dict) and "IN" in value:
                required.append((index, frozenset(str(v).lower() for v in value["IN"])))
                break
    return required


def max_width(pattern: list[dict]) -> int | None:
    """The most tokens a match of a token pattern (or part of one) can span; None if unbounded."""
    width = 0
    for spec in pattern:
        op = str(spec.get("OP", ""))
        if op in ("", "!", "?"):
            width += 1
        elif op.startswith("{") and op.endswith("}") and not op.rstrip("}").endswith(","):
            width += int(op[1:-1].split(",")[-1])
        else:  # "*", "+", "{n,}"
            return None
    return width


class PatternMatcher:
    """Find every phrase and token pattern of a pattern set in texts."""

    def __init__(self, entries: list[PatternEntry]) -> None:
        from spacy.matcher import Matcher
        from spacy.tokens import Doc

        self._doc = Doc
        self.max_length = MAX_LENGTH
        token_patterns = [e.pattern for e in entries if not isinstance(e.pattern, str)]
        self.vocab = vocab = make_vocab(token_patterns)
        self._exact: PhraseTable[PatternEntry] = PhraseTable()
        self._folded: PhraseTable[PatternEntry] = PhraseTable()
        self._tokens = Matcher(vocab)
        self._anchored: dict[str, list[TokenPattern]] = {}  # by each word of their anchor
        self._unanchored: list[TokenPattern] = []
        self._entries: dict[int, PatternEntry] = {}
        for entry in entries:
            if entry.label in UNMATCHED_LABELS:
                continue
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
            else:
                self._entries[vocab.strings.add(entry.id)] = entry
                self._tokens.add(entry.id, [entry.pattern])
                pattern = TokenPattern.from_pattern(entry.pattern)
                if pattern.anchor is None:
                    self._unanchored.append(pattern)
                for word in pattern.anchor or ():
                    self._anchored.setdefault(word, []).append(pattern)
        # The lowercase words a phrase or an anchored token pattern can start at.
        self._starters = frozenset({w.lower() for w in self._exact.first_words()}
                                   | self._folded.first_words() | set(self._anchored))
        self._is_starter = WordMemo(self._starters.__contains__)

    def __call__(self, text: str, sentences: list[tuple[int, int]] | None = None,
                 tokens: tuple[list[str], list[int]] | None = None,
                 lowers: list[str] | None = None) -> list[Match]:
        """Return all matches in `text` (already character-normalised), by start, then end.

        Phrases are looked up in the word list of the whole text. Token patterns run
        with spaCy's `Matcher`, inside the `sentences` (character spans; default: the
        whole text) that have a word for each required token of some pattern. A text
        longer than `max_length` characters has its sentences cut at paragraph chunks
        (`chunk_spans`), so no `Doc` grows without bound. `tokens` is `tokenize(text)`
        when the caller has it already, and `lowers` its words in lower case. Offsets
        refer to the text.
        """
        words, starts = tokens or tokenize(text)
        lowers = lowercase(words) if lowers is None else lowers
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

        The `_pieces` of text where a match can be go into one `Doc`, for one `Matcher`
        call, and a match that runs from one piece into the next is dropped.
        """
        found: list[Match] = []
        for batch in _batches(self._pieces(starts, lowers, sentences, hits), words, starts,
                              self.max_length):
            doc_words: list[str] = []
            at: list[int] = []  # where each piece starts in the Doc
            for first, last in batch:
                at.append(len(doc_words))
                doc_words.extend(words[first:last])
            for key, start, end in self._tokens(self._doc(self.vocab, words=doc_words)):
                k = bisect_right(at, start) - 1
                first, last = batch[k]
                if end - at[k] > last - first:  # runs into the next piece
                    continue
                begin, stop = first + start - at[k], first + end - at[k]
                entry = self._entries[key]
                found.append(Match(entry.label, starts[begin], starts[stop - 1] + len(words[stop - 1]),
                                   entry))
        return found

    def _pieces(self, starts: list[int], lowers: list[str], sentences: list[tuple[int, int]],
                hits: list[int]) -> list[tuple[int, int]]:
        """Token ranges, in text order and each inside one sentence, that hold every match.

        A match holds a word of its pattern's `anchor`, reaches at most `before` tokens
        before it and `after` tokens after it, and has a word of each `required` set: the
        window around each anchor word must have them too. A pattern without an anchor
        is tried on every sentence with its required words.
        """
        near: dict[int, list[tuple[int, int]]] = {}  # token ranges by sentence
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
            for pattern in anchored[lowers[i]]:
                lo, hi = pattern.window(i, first, last)
                window = lowers[lo:hi]
                for words in pattern.required:  # the smallest sets first: the likeliest to fail
                    if words.isdisjoint(window):
                        break
                else:
                    near.setdefault(k, []).append((lo, hi))
        for pattern in self._unanchored:
            for k in range(len(sentences)):
                first, last = sentence(k)
                if first < last and _has_all(set(lowers[first:last]), pattern.required):
                    near.setdefault(k, []).append((first, last))
        return [piece for k in sorted(near) for piece in merge_spans(near[k])]


@dataclass(frozen=True)
class TokenPattern:
    """Where a token pattern can match: near an `anchor` word, with all `required` words around."""

    required: list[frozenset[str]]  # a word of each set must be in the match
    anchor: frozenset[str] | None  # a word of it is in every match; None: no word is
    before: int | None  # the most tokens a match has before its anchor word; None: any number
    after: int | None  # ... and after it

    @classmethod
    def from_pattern(cls, pattern: list[dict]) -> TokenPattern:
        """Anchor the pattern at its required token of fewest words, stop words last.

        Stop words ("to", "the") are in most sentences, so anchoring at them would
        put most of a text through the Matcher.
        """
        from spacy.lang.en.stop_words import STOP_WORDS

        specs = _required_specs(pattern)
        # The smallest word sets first: they are the likeliest to rule a sentence out.
        required = sorted((words for _, words in specs), key=len)
        if not specs:
            return cls(required, None, None, None)
        index, anchor = min(specs, key=lambda s: (not s[1].isdisjoint(STOP_WORDS), len(s[1])))
        extra = max_width(pattern[index:index + 1])  # a repeated anchor token ("+", "{2,3}")
        if extra is None:
            return cls(required, anchor, None, None)
        before, after = max_width(pattern[:index]), max_width(pattern[index + 1:])
        return cls(required, anchor, None if before is None else before + extra - 1,
                   None if after is None else after + extra - 1)

    def window(self, at: int, first: int, last: int) -> tuple[int, int]:
        """The token range in [first, last) that holds every match through anchor token `at`."""
        return (first if self.before is None else max(first, at - self.before),
                last if self.after is None else min(last, at + self.after + 1))


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
