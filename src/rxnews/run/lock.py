"""One run at a time per `-o FILE`: an exclusive lock on a file beside it, `.FILE.lock`.

The lock is `flock(2)`: the system releases it when the process that holds it ends, however
it ends, so a lock file left by a killed run never blocks the next one (it is only a file
then). The file holds the pid of the run, for the message that names it.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import IO

from ..errors import OutputError
from ..inputs import escape_path

try:
    import fcntl
except ImportError:  # Windows: runs are not locked
    fcntl = None

_HELD: weakref.WeakSet[OutputLock] = weakref.WeakSet()  # the locks this process holds


def lock_path(target: Path) -> Path:
    """The lock file of an output file: `.NAME.lock` beside it."""
    return target.parent / f".{target.name}.lock"


class OutputLock:
    """An exclusive lock on an output file, held from `acquire` to `release` (or the process's end)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = lock_path(target)
        self._file: IO[bytes] | None = None

    def acquire(self) -> OutputLock:
        """Take the lock, or raise `OutputError` naming the run that holds it."""
        while True:
            handle = self._open()  # also the test that FILE's folder takes new files
            if fcntl is None:  # Windows: runs are not locked
                return self._unlocked(handle)
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = handle.read().strip().decode("ascii", "replace") or "?"
                handle.close()
                raise OutputError(escape_path(str(self.target)),
                                  f"another rxnews run (pid {pid}) is writing this file; wait for it "
                                  "to end or choose another -o FILE") from None
            except OSError:  # a file system without locks (some network ones): run unlocked
                return self._unlocked(handle)
            if self._still_there(handle):
                break
            handle.close()  # the run that held it removed it meanwhile: lock the new one
        handle.truncate(0)
        handle.write(f"{os.getpid()}\n".encode())
        handle.flush()
        self._file = handle
        _HELD.add(self)
        return self

    def release(self) -> None:
        """Give the lock up and remove its file (removed first: no run can lock it afterwards)."""
        if self._file is None:
            return
        _HELD.discard(self)
        self.path.unlink(missing_ok=True)
        self._file.close()
        self._file = None

    def _unlocked(self, handle: IO[bytes]) -> OutputLock:
        """Go on without a lock where there can be none (rather than not run at all)."""
        handle.close()
        self.path.unlink(missing_ok=True)
        return self

    def _open(self) -> IO[bytes]:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            reason = (err.strerror or str(err)).lower()
            raise OutputError(escape_path(str(self.target)), f"cannot write into folder "
                              f"{escape_path(str(self.target.parent))}: {reason}") from None
        return os.fdopen(fd, "r+b")

    def _still_there(self, handle: IO[bytes]) -> bool:
        """Whether the locked file is still the one at `path` (a run removes its lock file)."""
        try:
            here, there = os.fstat(handle.fileno()), os.stat(self.path)
        except OSError:
            return False
        return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _drop_in_child() -> None:
    # A forked worker shares the parent's lock: its copy is pointed at /dev/null so that the lock
    # ends with the parent (not LOCK_UN, which would release it for the parent too; not close,
    # as the fd number could be reused and then closed by the copy of the lock's file object).
    held = [lock._file for lock in _HELD if lock._file is not None and not lock._file.closed]
    if not held:
        return
    null = os.open(os.devnull, os.O_RDWR)
    for handle in held:
        os.dup2(null, handle.fileno())
    os.close(null)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_in_child)
