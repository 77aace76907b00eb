"""Run the extractor over many inputs, in this process or in worker processes, in order."""

from __future__ import annotations

import hashlib
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import RxnewsError
from .inputs import DEFAULT_MAX_BYTES, read_bytes, read_input


@dataclass
class Outcome:
    """The result of one input: a record dict, or the one-line reason it failed."""

    source: str
    record: dict[str, Any] | None = None
    error: str | None = None
    warning: str | None = None
    line: str | None = None  # the record as a JSON line, instead of `record` (see `Job.as_line`)
    events: int = 0  # how many events the record has


@dataclass(frozen=True)
class Job:
    """What a worker needs to process one input."""

    path: str
    data: bytes | None = None
    release_date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    debug: bool = False  # let unexpected errors propagate (with their traceback)
    # Return the record as a JSON line: a worker process then sends a short string, not a
    # nested dict, and the parent process has nothing left to encode.
    as_line: bool = False


_EXTRACTOR: Any = None


def _init_worker(entries: list[Any]) -> None:
    global _EXTRACTOR
    import gc

    from .extract import Extractor

    _EXTRACTOR = Extractor(entries=entries)
    # The patterns and matchers (some 150,000 objects) live as long as the process: out
    # of the garbage collector's sight, its full collections stop rescanning them.
    gc.freeze()


_INIT_ERROR: str | None = None  # why this worker could not build its extractor


def _init_pool_worker(entries: list[Any]) -> None:
    global _EXTRACTOR, _INIT_ERROR
    # Ctrl-C reaches the whole process group: the parent alone handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _init_worker(entries)
    except Exception as err:  # a pool replaces a worker whose start fails, forever: report it
        _EXTRACTOR = None  # not one inherited from the parent process
        _INIT_ERROR = f"internal error starting a worker ({type(err).__name__}: {err})"


def run_job(job: Job, extractor: Any = None) -> Outcome:
    """Read, decode and extract one input; input problems become an error outcome.

    `extractor` defaults to the one this process built (`_init_worker`).
    """
    source = "<stdin>" if job.path == "-" else job.path
    if extractor is None and _INIT_ERROR:
        return Outcome(source, error=_INIT_ERROR)
    extractor = extractor or _EXTRACTOR
    try:
        data = job.data if job.data is not None else read_bytes(source, job.max_bytes)
        doc = read_input(source, data, job.max_bytes)
        record = extractor.extract_input(doc, release_date=job.release_date)
        record.content_sha256 = hashlib.sha256(data).hexdigest()
        data = None if job.as_line else record.to_dict()
        line = record.to_json() if job.as_line else None
        return Outcome(source, data, line=line, events=len(record.events),
                       warning="empty input" if doc.empty else None)
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


def run_batch(jobs: Iterable[Job], entries: list[Any], workers: int = 1,
              total: int | None = None) -> Iterator[Outcome]:
    """Yield one outcome per job, in input order, streaming (memory stays flat).

    `entries` are the loaded pattern entries (`rxnews.patterns.load_patterns`);
    `total`, the number of jobs if known, sizes the chunks handed to each worker.
    """
    if workers <= 1:
        _init_worker(entries)
        for job in jobs:
            yield run_job(job)
        return
    import multiprocessing as mp

    with mp.get_context().Pool(workers, initializer=_init_pool_worker, initargs=(entries,)) as pool:
        yield from pool.imap(run_job, jobs, chunksize=chunk_size(total, workers))


def chunk_size(total: int | None, workers: int) -> int:
    """Inputs per task message: fewer messages for big batches, balanced workers for small ones."""
    if not total:
        return 4
    return max(1, min(16, total // (workers * 8)))
