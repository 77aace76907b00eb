"""The `-o FILE` of a batch: checked before any work, never half-written, kept when stopped.

Records go to a temporary file beside FILE that replaces it when the run ends, normally
or stopped by Ctrl-C, SIGTERM or SIGHUP (every record in it is complete: those signals
are held while a record is written). A run that adds no record leaves FILE as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import OutputError
from ..inputs import escape_path
from .signals import held_signals


def check_output(target: Path) -> None:
    """Raise `OutputError` if `target` is a folder or its folder is missing."""
    if target.is_dir():
        raise OutputError(escape_path(str(target)), "is a folder, not a file")
    folder = target.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise OutputError(escape_path(str(target)), f"folder {escape_path(str(folder))} {what}")


def in_place(target: Path) -> bool:
    """Whether records are written into `target` as it is (/dev/null, a pipe), never replaced."""
    return target.exists() and not target.is_file() and not target.is_dir()


@dataclass
class PartFile:
    """The temporary file a run writes; it replaces the target at the end if `wanted`."""

    handle: IO[str]
    path: Path
    wanted: bool = True


@contextmanager
def atomic_output(target: Path, absorbed: Iterable[Path] = ()) -> Iterator[PartFile]:
    """Yield a temporary file that replaces `target` when the block ends, if it is `wanted`.

    When stopped (KeyboardInterrupt, `signals.Stopped`) the records written so far replace
    `target` too; on any other error the temporary file is removed and `target` is left as
    it was. The `absorbed` files (leftovers of killed runs, whose records were copied) are
    removed once `target` holds their records.
    """
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                         prefix=f".{target.name}.", suffix=".part", delete=False)
    part = PartFile(handle, Path(handle.name))
    try:
        with handle:
            os.chmod(handle.name, _file_mode(target))
            yield part
    except KeyboardInterrupt:
        _finish(part, target, absorbed)
        raise
    except BaseException:
        part.path.unlink(missing_ok=True)
        raise
    _finish(part, target, absorbed)


def _finish(part: PartFile, target: Path, absorbed: Iterable[Path]) -> None:
    with held_signals():  # a second Ctrl-C does not leave a temporary file behind
        if part.wanted:
            os.replace(part.path, target)
        else:
            part.path.unlink(missing_ok=True)
        for path in absorbed:
            path.unlink(missing_ok=True)


def _file_mode(target: Path) -> int:
    """The permissions `target` has, or would get from `open()` (temporary files are 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
