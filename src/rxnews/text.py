"""Character-level text helpers: typographic normalisation and the comparison key of names.

The extractors match on a *normalised* copy of the input in which typographic
variants (curly quotes, non-breaking hyphens, odd spaces) are replaced one
character for one character. Because the copy has the same length as the input,
every offset found on it slices the original text exactly.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                    "\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff", " "),
    "\uff08": "(",
    "\uff09": ")",
    "\uff0c": ",",
    "\uff1a": ":",
    "\uff1b": ";",
    "\u2044": "/",
    "\uff0f": "/",
}
# An em dash between a word and a lower-case one is punctuation ("AB123\u2014a dual inhibitor"): as
# a hyphen it would glue them into one word ("AB123-a"), so it becomes a space. Before a capital
# it stays a dash: a dateline's ("NEW YORK, May 1, 2024\u2014Acme Bio, Inc. today ...").
_GLUED_DASH = re.compile(r"(?<=\w)[\u2014\u2015](?=[a-z])")
_MAPPED = re.compile("[" + "".join(re.escape(ch) for ch in _CHAR_MAP) + "]")

_BRITISH = [
    (re.compile(r"tumour"), "tumor"),
    (re.compile(r"oesophag"), "esophag"),
    (re.compile(r"oestr"), "estr"),
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aem"), "em"),
    (re.compile(r"leukaem"), "leukem"),
    (re.compile(r"paediatr"), "pediatr"),
    (re.compile(r"licence"), "license"),
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ise\b"), "ize"),
]
_TRADEMARKS = re.compile(r"[\u2122\u00ae\u00a9\u2120]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize_chars(text: str) -> str:
    """Return `text` with typographic variants mapped to ASCII, same length."""
    if text.isascii():
        return text
    # A scan for the few mapped characters is much faster than `str.translate` with a dict.
    if "\u2014" in text or "\u2015" in text:  # (a scan of every character otherwise)
        text = _GLUED_DASH.sub(" ", text)
    return _MAPPED.sub(lambda m: _CHAR_MAP[m.group()], text)


@lru_cache(maxsize=1 << 16)  # the same names come back in text after text
def fold_key(text: str) -> str:
    """Return a comparison key folding case, punctuation, spaces, marks and British spelling."""
    text = unicodedata.normalize("NFKD", _TRADEMARKS.sub("", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = normalize_chars(text).lower().replace("'s ", " ").replace("'s", "")
    for pattern, replacement in _BRITISH:
        text = pattern.sub(replacement, text)
    return _NON_WORD.sub("", text)
