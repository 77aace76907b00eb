"""Turn the bytes of an input into text: byte-order marks, UTF-8, legacy encodings, binary refusal.

Order of evidence: a byte-order mark; a known binary signature (refused); UTF-16/32
without a BOM (NULs at alternate positions); other NULs (refused); strict UTF-8; a
charset declared in an HTML `<meta>`; else the legacy encoding whose decoding looks
most like real text (see `plausibility`), Windows-1252 as the last resort.
"""

from __future__ import annotations

import codecs
import re
from functools import cache

from ..errors import InputError
from . import charfreq

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# (signature at offset 0, what it is); checked before any decoding.
BINARY_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"), (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"), (b"PK\x05\x06", "ZIP archive"), (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"), (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"), (b"\x7fELF", "executable"), (b"MZ", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"), (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"), (b"SQLite format 3\x00", "SQLite database"),
]
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
LEGACY_ENCODINGS = ("gb18030", "big5", "shift_jis", "euc-kr")
# Names a page may declare -> the codec rxnews decodes and reports (WHATWG-style supersets).
_DECLARED = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030",
    "big5": "big5", "big5-hkscs": "big5", "shift_jis": "shift_jis", "shift-jis": "shift_jis",
    "sjis": "shift_jis", "x-sjis": "shift_jis", "windows-31j": "shift_jis", "cp932": "shift_jis",
    "euc-kr": "euc-kr", "ks_c_5601-1987": "euc-kr", "windows-949": "euc-kr", "cp949": "euc-kr",
    "windows-1252": "windows-1252", "iso-8859-1": "windows-1252", "latin1": "windows-1252",
    "latin-1": "windows-1252", "us-ascii": "windows-1252", "ascii": "windows-1252",
    "cp1252": "windows-1252", "iso-8859-15": "iso-8859-15", "euc-jp": "euc-jp",
}
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,30})", re.I)
_SNIFF = 8192
_FULLWIDTH_PUNCT = "\uff08\uff09\uff0c\uff1a\uff1b\uff01\uff1f"
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_TYPOGRAPHIC = set("\u00a0\u00ab\u00bb\u00b0\u00b1\u00b7\u00d7\u00a9\u00ae\u2122\u20ac\u00a3\u00a7\u00b6"
                   "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u2022\u00b5\u00b2\u00b3\u00bd\u00bc")


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Return (text, encoding name) for the bytes of one input, or raise `InputError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source), encoding.replace("-sig", "")
    kind = binary_kind(data)
    if kind:
        raise InputError(source, f"binary file ({kind}), not text")
    wide = sniff_utf16_32(data[:_SNIFF])
    if wide:
        return _strict(data, wide, source), wide.replace("-le", "").replace("-be", "")
    if b"\x00" in data[:_SNIFF]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data)
    if _control_share(text[:_SNIFF]) > 0.1:
        raise InputError(source, "binary file (control characters), not text")
    return text, encoding


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(source, f"invalid {encoding.replace('-sig', '')} text "
                                 f"(byte {err.start}: {err.reason})") from None


def binary_kind(data: bytes) -> str | None:
    """Return what a known binary format is ("PNG image", ...) from its first bytes, else None."""
    for signature, kind in BINARY_SIGNATURES:
        if data.startswith(signature):
            # "MZ" and "BZh" are also how a text can begin: demand the rest of the signature.
            if signature == b"MZ" and b"\x00" not in data[:64]:
                continue
            if signature == b"BZh" and not (data[3:4].isdigit() and data[4:10] == b"1AY&SY"):
                continue
            return kind
    if data.startswith(b"RIFF") and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    return None


def sniff_utf16_32(head: bytes) -> str | None:
    """Recognise BOM-less UTF-16/32 by its NULs: mostly-ASCII text has one NUL every 2 or 4 bytes."""
    n = len(head)
    if n < 8 or head.count(0) < n // 4:
        return None
    quads = [head[i::4] for i in range(4)]
    share = [q.count(0) / max(1, len(q)) for q in quads]
    if share[1] > 0.9 and share[2] > 0.9 and share[3] > 0.9 and share[0] < 0.1:
        return "utf-32-le"
    if share[0] > 0.9 and share[1] > 0.9 and share[2] > 0.9 and share[3] < 0.1:
        return "utf-32-be"
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """Return the codec named by an HTML `<meta charset>` in the first bytes, if rxnews knows it."""
    match = _META_CHARSET.search(data[:4096])
    return _DECLARED.get(match.group(1).decode("ascii").lower()) if match else None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes: a declared charset, else the most plausible legacy encoding."""
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(_codec(declared)), declared
        except UnicodeDecodeError:
            pass
    best: tuple[float, str, str] | None = None
    for encoding in (*LEGACY_ENCODINGS, "windows-1252"):
        try:
            text = data.decode(_codec(encoding))
        except UnicodeDecodeError:
            continue
        score = plausibility(text, encoding)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is not None:
        return best[1], best[2]
    return data.decode("cp1252", errors="replace"), "windows-1252"


def _codec(encoding: str) -> str:
    return "cp1252" if encoding == "windows-1252" else encoding


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
        kana = encoding == "shift_jis"
        good = sum(1 for run in runs for ch in run
                   if ch in usual or _is_cjk_punct(ch) or (kana and "\u3041" <= ch <= "\u30ff"))
    return good / total


@cache
def _usual_chars(encoding: str) -> frozenset[str]:
    return frozenset({
        "gb18030": charfreq.SIMPLIFIED_HAN, "big5": charfreq.TRADITIONAL_HAN,
        "shift_jis": charfreq.JAPANESE_KANJI, "euc-kr": charfreq.HANGUL,
    }[encoding])


def _is_cjk_punct(ch: str) -> bool:
    return "\u3000" <= ch <= "\u3003" or "\u3008" <= ch <= "\u3011" or ch in _FULLWIDTH_PUNCT


# Unicode category Cc (U+0000-001F, U+007F-009F) but for white space and ESC.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    """The share of control characters other than white space (binary read as text)."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)
