"""Objects that live as long as the process: built once, out of the garbage collector's sight."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived() -> Iterator[None]:
    """Build objects that live as long as the process (patterns, matchers, spaCy's modules).

    The cyclic garbage collector is paused meanwhile: each of its full collections
    rescans every object built so far, and they found nothing to free here but cost
    a tenth of start-up. Then the objects are frozen, out of its sight for good.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
