"""Input paths: files as given, folders walked recursively in sorted order, "-" for stdin.

Paths are `str` as Python gives them: a byte of a file name that is not UTF-8 is a lone
surrogate (`os.fsdecode`). `source_of` turns a path into the `source` of its record, printable
text that `path_of` turns back into the path (see `escape_path`).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import PurePath
from typing import NamedTuple

STDIN_SOURCE = "<stdin>"  # the source of the input read from standard input ("-")
DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.xhtml")
_SPECIAL_KINDS = ((stat.S_ISFIFO, "named pipe"), (stat.S_ISCHR, "character device"),
                  (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"))


class InputPath(NamedTuple):
    """An input found by `walk_inputs`: its path, and why it cannot be read if the walk knows."""

    path: str
    error: str | None = None


def source_of(path: str) -> str:
    """The `source` of the records of an input path: "-" is standard input, else `escape_path`."""
    return STDIN_SOURCE if path == "-" else escape_path(path)


def escape_path(path: str) -> str:
    """A path as printable text, losslessly: a backslash is written `\\\\`, a byte that is not
    UTF-8 and a control character `\\xNN` (C1 controls `\\u00NN`); `path_of` reverses it."""
    if "\\" not in path and path.isprintable():  # almost every name: nothing to escape
        return path
    return "".join(map(_escape_char, path))


def _escape_char(char: str) -> str:
    code = ord(char)
    if char == "\\":
        return "\\\\"
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    if 0x80 <= code < 0xA0 or 0xD800 <= code < 0xE000:  # C1 controls, other lone surrogates
        return f"\\u{code:04x}"
    return char


_ESCAPE = re.compile(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4})")


def path_of(source: str) -> str:
    """The path a `source` was made from (`escape_path` reversed); "<stdin>" stays as it is."""
    if "\\" not in source:
        return source
    data = bytearray()
    done = 0
    for escape in _ESCAPE.finditer(source):
        data += source[done:escape.start()].encode("utf-8", "surrogatepass")
        code = escape.group(1)
        if code == "\\":
            data += b"\\"
        elif code[0] == "x":
            data.append(int(code[1:], 16))
        else:
            data += chr(int(code[1:], 16)).encode("utf-8", "surrogatepass")
        done = escape.end()
    data += source[done:].encode("utf-8", "surrogatepass")
    return os.fsdecode(bytes(data))


def resolved(path: str) -> str:
    """The absolute path of a file with its folder resolved (links, "." and ".."), its name kept.

    So `./a.txt`, `a.txt` and `dir/../a.txt` are one file, but a link is not the file it
    points to (each input has a record under its own name).
    """
    head, name = os.path.split(os.path.join(os.getcwd(), path))
    if name in ("", ".", ".."):
        return _real(os.path.join(head, name))
    return os.path.join(_real(head), name)


@lru_cache(maxsize=4096)
def _real(folder: str) -> str:
    # Cached: the records of a batch share a few folders, and each resolution stats every part.
    return os.path.realpath(folder)


def walk_inputs(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[InputPath]:
    """Yield the inputs: files as given, folders walked recursively in sorted order.

    A folder's entries are matched against `globs`, case-insensitively. Entries that cannot
    be inputs come with their error: a symbolic link loop, a broken link, a named pipe or
    device (reading it could block forever), a folder that cannot be listed. A file given
    by name is taken as it is (a pipe given by name is read: `<(command)` is one).
    """
    lowered = tuple(glob.lower() for glob in globs)
    for raw in paths:
        if raw == "-":
            yield InputPath(raw)
        elif os.path.isdir(raw):
            yield from _walk(str(PurePath(raw)), lowered, set(), ())
        else:
            yield InputPath(raw, "symbolic link loop" if _stat(raw) == errno.ELOOP else None)


def iter_paths(paths: list[str], globs: tuple[str, ...] = DEFAULT_GLOBS) -> Iterator[str]:
    """Yield the paths of the inputs `walk_inputs` finds that it has no error for."""
    return (entry.path for entry in walk_inputs(paths, globs) if entry.error is None)


def _stat(path: str) -> os.stat_result | int:
    """`os.stat` (following links), or the error number it fails with."""
    try:
        return os.stat(path)
    except OSError as err:
        return err.errno or errno.EIO


def _walk(folder: str, globs: tuple[str, ...], seen: set[str],
          parents: tuple[str, ...]) -> Iterator[InputPath]:
    real = os.path.realpath(folder)
    if real in parents:  # a link back to a folder being walked: it would never end
        yield InputPath(folder, "symbolic link loop")
        return
    if real in seen:  # a second link to a folder walked already: its files are in once
        return
    seen.add(real)
    try:
        with os.scandir(folder) as listing:  # file types come with the names: no stat per file
            children = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield InputPath(folder, f"cannot list folder: {_reason(err)}")
        return
    for child in children:
        path = child.name if folder == "." else os.path.join(folder, child.name)  # as `Path` joins
        try:
            if child.is_symlink():
                info = _stat(path)
                if isinstance(info, os.stat_result) and stat.S_ISDIR(info.st_mode):
                    yield from _walk(path, globs, seen, (*parents, real))
                elif _matches(child.name, path, globs):
                    yield InputPath(path, _link_error(info))
            elif child.is_dir(follow_symlinks=False):
                yield from _walk(path, globs, seen, (*parents, real))
            elif _matches(child.name, path, globs):
                yield InputPath(path, None if child.is_file(follow_symlinks=False)
                                else _special(child.stat(follow_symlinks=False)))
        except OSError as err:  # gone or changed since the folder was listed
            yield InputPath(path, f"cannot read: {_reason(err)}")


def _link_error(info: os.stat_result | int) -> str | None:
    """Why the target of a link found in a folder cannot be an input, or None if it can."""
    if isinstance(info, os.stat_result):
        return None if stat.S_ISREG(info.st_mode) else _special(info)
    if info == errno.ENOENT:
        return "broken symbolic link"
    if info == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read: {_reason(OSError(info, os.strerror(info)))}"


def _special(info: os.stat_result) -> str:
    kind = next((name for test, name in _SPECIAL_KINDS if test(info.st_mode)), "special file")
    return f"not a regular file ({kind})"


def _reason(err: OSError) -> str:
    """An OS error's reason in the words of the other input errors ("permission denied")."""
    return (err.strerror or str(err)).lower()


def _matches(name: str, path: str, globs: tuple[str, ...]) -> bool:
    """Whether a file matches one of the (lowercase) globs, ignoring case; a glob with "/"
    tests the end of the path (`PurePath.match`), others the name."""
    name, path = name.lower(), path.lower()
    return any(fnmatchcase(name, glob) if "/" not in glob else PurePath(path).match(glob)
               for glob in globs)
