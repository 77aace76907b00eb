"""Turn the bytes of an input into text: byte-order marks, UTF-8, legacy encodings, binary refusal.

Order of evidence: a byte-order mark; a known binary signature (refused); UTF-16/32
without a BOM (`wide`); other NULs (refused); strict UTF-8; UTF-8 with a few bad bytes
(replaced, with a warning); else a legacy encoding (`legacy`: a declared charset, else
the most plausible guess). What the user should know about the decoding is a warning.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from .legacy import Decoded, decode_legacy
from .wide import cjk_utf16, normalizer_wide, sniff_utf16_32

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
_SNIFF = 8192
# Valid multi-byte UTF-8 characters per invalid byte, at least, for a text to be read as
# UTF-8 with its invalid bytes replaced: legacy text forms valid sequences only by chance.
UTF8_MAJORITY = 2
_ESCAPED = re.compile("[\udc80-\udcff]")  # an invalid byte, as `surrogateescape` decodes it
_MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")


def decode_bytes(data: bytes, source: str) -> Decoded:
    """Return the text of one input's bytes and how it was decoded, or raise `InputError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, encoding, source), encoding.replace("-sig", ""))
    kind = binary_kind(data)
    if kind:
        raise InputError(source, f"binary file ({kind}), not text")
    wide = sniff_utf16_32(data[:_SNIFF])
    if wide:
        return Decoded(_strict(data, wide, source), wide.replace("-le", "").replace("-be", ""))
    if b"\x00" in data[:_SNIFF]:
        found = normalizer_wide(data)
        if found is None:
            raise InputError(source, "binary file (contains NUL bytes), not text")
        decoded = Decoded(*found)
    else:
        decoded = _decode_8bit(data)
    if _control_share(decoded.text[:_SNIFF]) > 0.1:
        raise InputError(source, "binary file (control characters), not text")
    return decoded


def _decode_8bit(data: bytes) -> Decoded:
    """UTF-8, else UTF-8 with a few bad bytes, else UTF-16 CJK text, else a legacy encoding."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        first = err.start
    mostly = mostly_utf8(data, first)
    if mostly is not None:
        return mostly
    wide = cjk_utf16(data[:_SNIFF])  # CJK-only UTF-16 has no NUL at all
    if wide:
        try:
            return Decoded(data.decode(wide), "utf-16")
        except UnicodeDecodeError:
            pass
    return decode_legacy(data)


def mostly_utf8(data: bytes, first: int) -> Decoded | None:
    """UTF-8 with its invalid bytes (the first at byte `first`) replaced by U+FFFD, if valid multi-byte
    characters outnumber them (`UTF8_MAJORITY`): a few bad bytes must not make a whole text mojibake."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    if not bad or len(_MULTIBYTE.findall(text)) < UTF8_MAJORITY * bad:
        return None
    warning = (f"invalid UTF-8: {bad} byte{'s' if bad > 1 else ''} replaced with U+FFFD "
               f"(first at byte {first})")
    return Decoded(_ESCAPED.sub("\ufffd", text), "utf-8", (warning,))


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


# Unicode category Cc (U+0000-001F, U+007F-009F) but for white space and ESC.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    """The share of control characters other than white space (binary read as text)."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)
