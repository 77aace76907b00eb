"""Inputs: walk paths, read bytes, detect the encoding and turn HTML into text."""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError

DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.xhtml")
DEFAULT_MAX_BYTES = 20_000_000
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
_FALLBACKS = ("gb18030", "big5", "shift_jis", "euc-kr")
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html|<head|<body)", re.I)


@dataclass
class InputText:
    """A decoded input: its text, where it came from and how it was decoded."""

    source: str
    text: str
    encoding: str


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode bytes to text: BOMs, UTF-8, then common Asian and Western encodings."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as err:
                raise InputError(source, f"invalid {encoding} text: {err.reason}") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACKS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    return data.decode("cp1252", errors="replace"), "windows-1252"


def _looks_like_text(text: str) -> bool:
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f"))
    return bad <= len(text) // 200


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML page, block elements as line breaks."""

    SKIP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "head", "iframe"}
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
             "section", "article", "header", "blockquote", "pre", "dd", "dt", "hr", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skip_depth += 1
        if tag == "title":
            self.in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Return the visible text of an HTML document (offsets then refer to this text)."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    title = " ".join("".join(parser.title).split())
    body = html.unescape("".join(parser.parts))
    body = re.sub(r"[ \t\r\f\v]+\n", "\n", body)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    return f"{title}\n\n{body}" if title and not body.startswith(title) else body


def is_html(path: str, data: bytes) -> bool:
    """Whether an input is HTML, by extension or by its first bytes."""
    return path.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_SNIFF.match(data[:512]))


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read one input file's bytes; unreadable or too large files raise `InputError`."""
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file too large ({size} bytes > {max_bytes})")
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None


def read_input(path: str, data: bytes | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> InputText:
    """Read and decode one input (`-` is standard input when `data` is given)."""
    if data is None:
        data = read_bytes(path, max_bytes)
    if len(data) > max_bytes:
        raise InputError(path, f"input too large ({len(data)} bytes > {max_bytes})")
    text, encoding = decode_bytes(data, path)
    if is_html(path, data):
        text = html_to_text(text)
    return InputText(path, text, encoding)


def iter_paths(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[str]:
    """Yield input paths: files as given, folders walked recursively in sorted order."""
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.is_dir():
            yield raw
            continue
        seen: set[Path] = set()
        yield from _walk(path, globs, seen)


def _walk(folder: Path, globs: tuple[str, ...], seen: set[Path]) -> Iterator[str]:
    real = folder.resolve()
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        children = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for child in children:
        if child.is_dir():
            yield from _walk(child, globs, seen)
        elif any(child.match(g) for g in globs):
            yield str(child)
