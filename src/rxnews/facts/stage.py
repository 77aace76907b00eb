"""The shape every fact family's component has: built from pattern entries, called on a document."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Self

    from ..document import Document
    from ..matching.patterns import PatternEntry
    from ..record import Record


class Stage:
    """A fact family: `from_entries` takes what it needs from the pattern entries (as a spaCy
    component owns what it derives from its patterns); calling it adds its facts to the
    record, reading the document and the facts earlier stages found."""

    @classmethod
    def from_entries(cls, entries: list[PatternEntry]) -> Self:
        """Build the stage; by default it needs nothing from the pattern files."""
        return cls()

    def __call__(self, doc: Document, record: Record) -> None:
        raise NotImplementedError
