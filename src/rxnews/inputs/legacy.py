"""Bytes in a legacy encoding: the charset a page declares, else the most plausible guess.

Each guess is scored by the share of its non-ASCII characters that are usual for its
language (`plausibility`): a wrong CJK codec often decodes without error, so the score,
not a successful decode, decides. Each legacy encoding is read with its superset codec
(as browsers do): GBK/GB2312 as GB18030, Big5 as Big5-HKSCS, Shift-JIS as CP932 and
EUC-KR as CP949. When no guess is plausible, charset-normalizer is asked; when it has
no answer either, the text is read as Windows-1252 with a warning, never silently.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from . import charfreq

# The guesses, in the order that breaks ties; each name is the codec read and reported.
LEGACY_ENCODINGS = ("gb18030", "big5hkscs", "cp932", "cp949", "windows-1252")
# A legacy codec -> the superset that decodes (and reports) it; Latin-1 and ASCII as browsers read them.
SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "shift-jis": "cp932", "euc-kr": "cp949",
    "iso8859-1": "windows-1252", "ascii": "windows-1252", "cp1252": "windows-1252",
    "iso8859-9": "cp1254", "iso8859-11": "cp874", "tis-620": "cp874",
}
# Labels pages use that Python's codec registry does not know.
LABELS = {
    "x-sjis": "cp932", "windows-31j": "cp932", "x-gbk": "gb18030", "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs", "x-euc-jp": "euc-jp", "x-mac-cyrillic": "mac-cyrillic", "windows-874": "cp874",
    "iso-8859-8-i": "iso8859-8", "x-cp1252": "windows-1252",
}
# Codecs Python has that no page should be read with (UTF-7 smuggles markup past filters).
REFUSED = {"utf-7", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "undefined"}
PLAUSIBLE = 0.5  # a guess whose plausibility is below this is no answer
MIN_EVIDENCE = 64  # non-ASCII bytes charset-normalizer needs to tell one-byte codecs apart
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,30})", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]{2,30})", re.I)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_ASCII = bytes(range(128))
_FULLWIDTH_PUNCT = "\uff08\uff09\uff0c\uff1a\uff1b\uff01\uff1f"
_TYPOGRAPHIC = set("\u00a0\u00ab\u00bb\u00b0\u00b1\u00b7\u00d7\u00a9\u00ae\u2122\u20ac\u00a3\u00a7\u00b6"
                   "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00b5\u00b2\u00b3\u00bd\u00bc")


@dataclass(frozen=True)
class Decoded:
    """The text of an input's bytes, the encoding it was read with and warnings for the user
    (`decode.decode_bytes` returns it; defined here, where `decode` and `decode_legacy` both see it)."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def declared_label(data: bytes) -> str | None:
    """The charset a page names in its `<meta>` or XML declaration (as written, lower case), else None."""
    match = _XML_ENCODING.match(data[:512]) or _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def codec_for(label: str) -> str | None:
    """The codec rxnews reads a declared charset label with (a superset where there is one), else None."""
    name = LABELS.get(label, label)
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in REFUSED:
        return None
    name = info.name.replace("_", "-")
    return SUPERSETS.get(name, name)


def decode_legacy(data: bytes) -> Decoded:
    """Decode bytes that are not UTF-8: a declared charset, else the most plausible guess."""
    warnings: list[str] = []
    label = declared_label(data)
    if label:
        codec = codec_for(label)
        if codec is None:
            warnings.append(f"unsupported encoding {label!r} declared; the encoding was guessed")
        elif not codec.startswith("utf-"):  # bytes read here are no UTF: a "UTF-16" meta is wrong
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                pass
    best = guess(data)
    if best is not None and best.score >= PLAUSIBLE:
        return Decoded(best.text, best.encoding, tuple(warnings))
    found = normalizer_guess(data)
    if found is not None:
        return Decoded(*found, tuple(warnings))
    if best is None:  # not even Windows-1252 reads it (bytes it leaves undefined)
        best = Guess(0.0, data.decode("cp1252", errors="replace"), "windows-1252")
    warnings.append(f"encoding not recognised; read as {best.encoding}, the text may be garbled")
    return Decoded(best.text, best.encoding, tuple(warnings))


class Guess(NamedTuple):
    """A legacy encoding tried: how plausible its text is (see `plausibility`), the text, the codec."""

    score: float
    text: str
    encoding: str


def guess(data: bytes) -> Guess | None:
    """The most plausible of the `LEGACY_ENCODINGS` that decode the bytes, else None."""
    best: Guess | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text, encoding)
        if best is None or score > best.score:
            best = Guess(score, text, encoding)
    return best


def normalizer_guess(data: bytes, *, wide: bool = False) -> tuple[str, str] | None:
    """charset-normalizer's (text, encoding) for bytes none of `LEGACY_ENCODINGS` reads plausibly,
    or None if it has no answer worth taking.

    With `wide` (bytes with NULs) only UTF-16/32 is taken, checked by a strict decode; else only
    one-byte codecs (Cyrillic, Greek, Thai, ...), given `MIN_EVIDENCE` non-ASCII bytes: on
    less it guesses wildly. Its multi-byte CJK guesses are never taken: `plausibility` tells
    those apart better.
    """
    from charset_normalizer import from_bytes

    match = from_bytes(data[:65536]).best()
    encoding = codec_for(match.encoding) if match is not None else None
    if encoding is None:
        return None
    if wide:
        if not encoding.startswith(("utf-16", "utf-32")):
            return None
    elif (encoding in LEGACY_ENCODINGS or encoding.startswith("utf-") or not _one_byte(encoding)
          or len(data[:65536].translate(None, _ASCII)) < MIN_EVIDENCE):
        return None
    try:
        return data.decode(encoding), encoding[:6] if wide else encoding
    except UnicodeDecodeError:
        return None


@cache
def _one_byte(encoding: str) -> bool:
    """Whether a codec reads every byte as one character (no multi-byte sequences)."""
    return len(bytes(range(256)).decode(encoding, errors="replace")) == 256


def plausibility(text: str, encoding: str) -> float:
    """Return the share (0..1) of non-ASCII characters that are usual for the encoding's language."""
    runs = _NON_ASCII.findall(text[:20_000])
    total = sum(map(len, runs))
    if not total:
        return 1.0
    if encoding == "windows-1252":
        # Western text has isolated accents ("café", "ções"); CJK bytes read as
        # Windows-1252 give long runs of them ("ÖÐ¹ú").
        good = sum(1 for run in runs if len(run) <= 2 for ch in run
                   if ch in _TYPOGRAPHIC or (ch.isalpha() and ord(ch) < 0x250))
    else:
        usual = _usual_chars(encoding)
        good = sum(1 for run in runs for ch in run if ch in usual or _is_cjk_punct(ch) or (
            encoding in ("cp932", "cjk") and "\u3041" <= ch <= "\u30ff"))
    return good / total


@cache
def _usual_chars(encoding: str) -> frozenset[str]:
    if encoding == "cjk":  # any of them: text decoded from UTF-16, whose language is not known
        return frozenset(charfreq.SIMPLIFIED_HAN + charfreq.TRADITIONAL_HAN + charfreq.JAPANESE_KANJI
                         + charfreq.HANGUL)
    return frozenset({
        "gb18030": charfreq.SIMPLIFIED_HAN, "big5hkscs": charfreq.TRADITIONAL_HAN,
        "cp932": charfreq.JAPANESE_KANJI, "cp949": charfreq.HANGUL,
    }.get(encoding, ""))


def _is_cjk_punct(ch: str) -> bool:
    return "\u3000" <= ch <= "\u3003" or "\u3008" <= ch <= "\u3011" or ch in _FULLWIDTH_PUNCT
