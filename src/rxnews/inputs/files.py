"""One input: its bytes read, decoded (`decode`) and, for a page, reduced to its main content (`article`)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .article import page_to_text
from .decode import decode_bytes
from .html import looks_like_html

DEFAULT_MAX_BYTES = 20_000_000
HTML_EXTENSIONS = (".html", ".htm", ".xhtml")


@dataclass
class InputText:
    """A decoded input: its text, where it came from and how it was decoded.

    `title` and `published` are a page's title and publication date (see `article`);
    they are None for plain text. `warnings` are one line each, for the user (bytes
    replaced, an encoding guessed).
    """

    source: str
    text: str
    encoding: str
    title: str | None = None
    published: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether there is no text at all (an empty or blank file, a page without text)."""
        return not self.text.strip()


def is_html(path: str, text: str) -> bool:
    """Whether an input is HTML, by extension or by its first characters."""
    return path.lower().endswith(HTML_EXTENSIONS) or looks_like_html(text)


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file of at most `max_bytes`; every failure is an `InputError` with a plain reason."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise InputError(path, f"file too large ({info.st_size} bytes > --max-bytes {max_bytes})")
        with open(path, "rb") as handle:
            # As much as the size says, plus a byte to see a file that grew: one read of
            # `max_bytes` would allocate a 20 MB buffer for every small file.
            want = min(info.st_size + 1, max_bytes + 1) if stat.S_ISREG(info.st_mode) else max_bytes + 1
            data = handle.read(want)
            if len(data) == want <= max_bytes:  # it grew (or had no size): read on, to the limit
                data += handle.read(max_bytes + 1 - len(data))
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        reason = "broken symbolic link" if Path(path).is_symlink() else "no such file"
        raise InputError(path, reason) from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise InputError(path, f"file too large (> --max-bytes {max_bytes})")
    return data


def read_input(path: str, data: bytes | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> InputText:
    """Read and decode one input (`-` is standard input when `data` is given)."""
    if data is None:
        data = read_bytes(path, max_bytes)
    elif len(data) > max_bytes:
        raise InputError(path, f"input too large ({len(data)} bytes > --max-bytes {max_bytes})")
    decoded = decode_bytes(data, path)
    warnings = list(decoded.warnings)
    if not is_html(path, decoded.text):
        return InputText(path, decoded.text, decoded.encoding, warnings=warnings)
    page = page_to_text(decoded.text)
    body = page.text
    if page.title and not body.startswith(page.title):
        # The title is shown to readers and is often the only headline: keep it as the first line.
        body = f"{page.title}\n\n{body}" if body else page.title
    return InputText(path, body, decoded.encoding, page.title, page.published, warnings)
