"""Stopping a batch: Ctrl-C, SIGTERM and SIGHUP end it with every completed record kept.

SIGTERM and SIGHUP become `Stopped`, a `KeyboardInterrupt`, so that everything that keeps
the records on Ctrl-C keeps them on those too; while a record is written they are held.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Ctrl-C, `kill` (and service managers, `timeout`), a closed terminal or SSH session.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))


class Stopped(KeyboardInterrupt):
    """The run was stopped by a signal other than Ctrl-C (SIGTERM, SIGHUP)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def signal_number(stop: KeyboardInterrupt) -> int:
    """The signal that stopped a run: SIGINT for Ctrl-C, else the one `Stopped` carries."""
    return getattr(stop, "signum", signal.SIGINT)


def _raise_stopped(signum: int, frame: Any) -> None:
    raise Stopped(signum)


def _main_thread() -> bool:
    # Python runs signal handlers in the main thread only, and only it may set them.
    return threading.current_thread() is threading.main_thread()


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Stopped` until the block ends.

    A signal that the program handles or ignores already (`nohup` ignores SIGHUP) keeps
    its handler.
    """
    if not _main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    for signum in STOP_SIGNALS:
        if signum != signal.SIGINT and signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_stopped)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def held_signals() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends, so that a record is never
    half-written; a signal that came meanwhile is then delivered to its own handler."""
    if not _main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[int, Any] = {}
    for signum in STOP_SIGNALS:
        handler = signal.getsignal(signum)
        if handler is not signal.SIG_IGN and handler is not None:
            previous[signum] = signal.signal(signum, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    for signum in dict.fromkeys(caught):
        signal.raise_signal(signum)  # now: Ctrl-C raises KeyboardInterrupt, SIGTERM `Stopped`
