"""One job of a batch: an input read, decoded and extracted into its outcome."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import RxnewsError
from ..inputs import DEFAULT_MAX_BYTES, read_bytes, read_input, source_of
from ..lifetime import long_lived

if TYPE_CHECKING:
    from ..extractor import Extractor
    from ..matching.patterns import PatternEntry


@dataclass
class Outcome:
    """The result of one input: its record as a JSON line, or the one-line reason it failed."""

    source: str
    line: str | None = None  # the record, encoded as `Record.to_json` does
    error: str | None = None
    warnings: tuple[str, ...] = ()  # one line each ("empty input", a decoding problem)
    events: int = 0  # how many events the record has

    @property
    def record(self) -> dict[str, Any] | None:
        """The record as plain data (decoded from `line`)."""
        return None if self.line is None else json.loads(self.line)


@dataclass(frozen=True)
class Job:
    """What a worker needs to process one input."""

    path: str
    data: bytes | None = None
    release_date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    debug: bool = False  # let unexpected errors propagate (with their traceback)

    @property
    def source(self) -> str:
        """The `source` of its record."""
        return source_of(self.path)


def build_extractor(entries: list[PatternEntry]) -> Extractor:
    """Build an extractor for the life of this process (see `long_lived`)."""
    with long_lived():
        from ..extractor import Extractor

        return Extractor(entries=entries)


def run_job(job: Job, extractor: Extractor) -> Outcome:
    """Read, decode and extract one input; input problems become an error outcome."""
    source = job.source
    try:
        data = job.data if job.data is not None else read_bytes(job.path, job.max_bytes)
        doc = read_input(source, data, job.max_bytes)
        record = extractor.extract_input(doc, release_date=job.release_date)
        record.content_sha256 = hashlib.sha256(data).hexdigest()
        warnings = (*doc.warnings, *(("empty input",) if doc.empty else ()))
        return Outcome(source, record.to_json(), events=len(record.events), warnings=warnings)
    except RxnewsError as err:
        if job.debug:
            raise
        return Outcome(source, error=str(getattr(err, "reason", err)))
    except RecursionError:
        return Outcome(source, error="input too deeply nested to process")
    except MemoryError:
        return Outcome(source, error="out of memory while processing this input")
    except Exception as err:  # a bug, not the input's fault: report it and go on with the batch
        if job.debug:
            raise
        return Outcome(source, error=f"internal error ({type(err).__name__}: {err}); "
                                     "run with --debug for the traceback")
