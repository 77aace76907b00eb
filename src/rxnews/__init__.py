"""rxnews: turn biopharma press releases into structured data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Extractor", "Record", "__version__"]

if TYPE_CHECKING:
    from .extractor import Extractor
    from .record import Record


def __getattr__(name: str) -> Any:
    # Heavy imports (spaCy, dateparser) stay lazy so that `rxnews --help` is instant.
    if name == "Extractor":
        from .extractor import Extractor

        return Extractor
    if name == "Record":
        from .record import Record

        return Record
    raise AttributeError(f"module 'rxnews' has no attribute {name!r}")
