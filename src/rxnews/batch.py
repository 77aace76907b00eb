"""Run the extractor over many inputs, in this process or in worker processes, in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import RxnewsError
from .inputs import DEFAULT_MAX_BYTES, read_input


@dataclass
class Outcome:
    """The result of one input: a record dict, or the one-line reason it failed."""

    source: str
    record: dict[str, Any] | None = None
    error: str | None = None
    warning: str | None = None


@dataclass(frozen=True)
class Job:
    """What a worker needs to process one input."""

    path: str
    data: bytes | None = None
    release_date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    debug: bool = False  # let unexpected errors propagate (with their traceback)


_EXTRACTOR: Any = None


def _init_worker(entries: list[Any]) -> None:
    global _EXTRACTOR
    from .extract import Extractor

    _EXTRACTOR = Extractor(entries=entries)


def run_job(job: Job) -> Outcome:
    """Read, decode and extract one input; input problems become an error outcome."""
    extractor = _EXTRACTOR
    source = "<stdin>" if job.path == "-" else job.path
    try:
        doc = read_input(source, job.data, job.max_bytes)
        record = extractor.extract_input(doc, release_date=job.release_date)
        return Outcome(source, record.to_dict(), warning="empty input" if doc.empty else None)
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


def run_batch(jobs: Iterable[Job], entries: list[Any], workers: int = 1) -> Iterator[Outcome]:
    """Yield one outcome per job, in input order, streaming (memory stays flat).

    `entries` are the loaded pattern entries (`rxnews.patterns.load_patterns`).
    """
    if workers <= 1:
        _init_worker(entries)
        for job in jobs:
            yield run_job(job)
        return
    import multiprocessing as mp

    with mp.get_context().Pool(workers, initializer=_init_worker, initargs=(entries,)) as pool:
        yield from pool.imap(run_job, jobs, chunksize=4)
