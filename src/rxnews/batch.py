"""Run the extractor over many inputs, in this process or in worker processes, in order."""

from __future__ import annotations

import gc
import hashlib
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .errors import RxnewsError
from .inputs import DEFAULT_MAX_BYTES, read_bytes, read_input, source_of


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

    @property
    def source(self) -> str:
        """The `source` of its record."""
        return source_of(self.path)


_EXTRACTOR: Any = None
_INIT_ERROR: str | None = None  # why this process could not build its extractor


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


def _init_worker(entries: list[Any]) -> None:
    global _EXTRACTOR, _INIT_ERROR
    with long_lived():
        from .extract import Extractor

        _EXTRACTOR, _INIT_ERROR = Extractor(entries=entries), None


def run_job(job: Job, extractor: Any = None) -> Outcome:
    """Read, decode and extract one input; input problems become an error outcome.

    `extractor` defaults to the one this process built (`_init_worker`).
    """
    source = job.source
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
    yield from _WorkerPool(entries, workers, total).run(jobs)


def chunk_size(total: int | None, workers: int) -> int:
    """Inputs per task message: fewer messages for big batches, balanced workers for small ones."""
    if not total:
        return 4
    return max(1, min(16, total // (workers * 8)))


def default_start_method() -> str | None:
    """How worker processes start: forked where that is safe, so that they share the
    extractor the parent built (Python 3.14 no longer forks by default); elsewhere
    (macOS, Windows) the platform's default, and each worker builds its own."""
    import multiprocessing as mp

    return "fork" if sys.platform != "darwin" and "fork" in mp.get_all_start_methods() else None


class WorkerError(RxnewsError):
    """Worker processes keep dying, whatever the input."""


class WorkerTraceback(Exception):
    """The traceback of an exception raised in a worker process (the cause of its copy here)."""


@dataclass
class _Worker:
    process: Any
    tasks: Any  # connection: lists of jobs to the worker
    results: Any  # connection: lists of their outcomes back
    sent: deque = field(default_factory=deque)  # its tasks not answered yet, oldest first


class _WorkerPool:
    """Worker processes fed lists of jobs, their outcomes yielded in input order.

    Unlike `multiprocessing.Pool`, it needs no threads polling in the parent (which
    on two cores take CPU from the workers); forked workers inherit the extractor
    the parent built instead of each building its own; tasks shrink towards the end,
    so that no worker idles while another finishes a long one; and a worker that
    dies (killed, out of memory, a crash in compiled code) costs the input it was
    processing, reported as failed, not the whole batch: the other inputs of its
    task are retried one by one in a new worker.
    """

    AHEAD = 2  # tasks queued per worker, so that it never waits for the next one
    WINDOW = 4  # tasks per worker read ahead at most, while an earlier one is unfinished

    def __init__(self, entries: list[Any], workers: int, total: int | None,
                 start_method: str | None = None) -> None:
        import multiprocessing as mp

        self.context = mp.get_context(start_method or default_start_method())
        self.forked = self.context.get_start_method() == "fork"
        self.entries = entries
        self.size = workers
        self.total = total
        self.base = chunk_size(total, workers)
        self.workers: list[_Worker] = []
        self.ready: dict[int, Outcome] = {}  # outcomes by input number, until their turn
        self.retry: deque[list[tuple[int, Job]]] = deque()  # tasks of workers that died
        self.deaths = 0  # workers that died since an answer last came
        self.sender: _Sender | None = None

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        if self.forked:  # built once here, shared by every worker (copy-on-write)
            _preload(self.entries)
        try:
            for _ in range(self.size):
                self._start()
            self.sender = _Sender()  # started after the workers: a process with threads forks badly
            yield from self._collect(iter(jobs))
            for worker in self.workers:
                self.sender.put(worker, None)
            self.sender.close()
            for worker in self.workers:
                worker.process.join(timeout=5)
        finally:
            if self.sender:
                self.sender.close(wait=False)
            for worker in self.workers:
                if worker.process.is_alive():
                    worker.process.terminate()
                    worker.process.join()
                worker.tasks.close()
                worker.results.close()

    def _start(self) -> None:
        task_reader, task_writer = self.context.Pipe(duplex=False)
        result_reader, result_writer = self.context.Pipe(duplex=False)
        if self.forked:
            # The worker gets copies of the parent's ends of every pipe, its own too; it
            # closes them, so that its pipes break if the parent dies.
            parent_ends = [task_writer, result_reader,
                           *(end for w in self.workers for end in (w.tasks, w.results))]
            args = (task_reader, result_writer, None, parent_ends)
        else:
            args = (task_reader, result_writer, self.entries, [])
        process = self.context.Process(target=_serve, args=args, daemon=True)
        process.start()
        task_reader.close()
        result_writer.close()
        self.workers.append(_Worker(process, task_writer, result_reader))

    def _collect(self, jobs: Iterator[Job]) -> Iterator[Outcome]:
        from multiprocessing.connection import wait

        read = done = 0  # inputs read, inputs yielded
        exhausted = False
        while True:
            for worker in self.workers:  # top every worker up
                while len(worker.sent) < self.AHEAD:
                    if self.retry:
                        task = self.retry.popleft()
                    elif exhausted or read - done >= self.WINDOW * self.size * self.base:
                        break
                    else:
                        task = list(enumerate(islice(jobs, self._task_size(read)), start=read))
                        if not task:
                            exhausted = True
                            break
                        read += len(task)
                    worker.sent.append(task)
                    self.sender.put(worker, [job for _, job in task])
            while done in self.ready:
                yield self.ready.pop(done)
                done += 1
            if exhausted and done == read:
                return
            working = [w for w in self.workers if w.sent]
            if not working:  # the window had been full: read on
                continue
            ready = set(wait([*(w.results for w in working), *(w.process.sentinel for w in working)]))
            for worker in working:
                if worker.results in ready and self._receive(worker):
                    continue
                if worker.results in ready or worker.process.sentinel in ready:
                    self._replace(worker)  # gone: its pipe is closed, or its process ended

    def _task_size(self, read: int) -> int:
        """Full tasks, then smaller ones as the end nears (when the number of inputs is known)."""
        if not self.total:
            return self.base
        return max(1, min(self.base, (self.total - read) // (2 * self.size)))

    def _receive(self, worker: _Worker) -> bool:
        """Take one answer of the worker; False if it has none because it died."""
        try:
            answer = worker.results.recv()
        except (EOFError, OSError):
            return False
        if isinstance(answer, tuple):  # --debug: an input raised; raise it here
            error, trace = answer
            raise error from WorkerTraceback(trace)
        self.deaths = 0
        for (number, _), outcome in zip(worker.sent.popleft(), answer, strict=True):
            self.ready[number] = outcome
        return True

    def _replace(self, worker: _Worker) -> None:
        """A worker died: fail the input it was on, retry the others, start another worker."""
        while worker.sent and worker.results.poll() and self._receive(worker):
            pass  # what it finished before it died
        worker.process.join()
        code = worker.process.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        self.workers.remove(worker)
        worker.tasks.close()
        worker.results.close()
        if worker.sent:
            self.deaths += 1
            if self.deaths > 2 * self.size + 2:
                raise WorkerError(f"worker processes keep dying ({how}); stopped")
            task = worker.sent.popleft()
            if len(task) == 1:  # this input killed it
                number, job = task[0]
                self.ready[number] = Outcome(job.source,
                                             error=f"the worker process died ({how}) on this input")
            else:  # one of these inputs did: find which, one at a time
                self.retry.extend([item] for item in task)
            self.retry.extend(worker.sent)
        self._start()  # (while the sender thread runs: it holds no lock the new worker needs)


def _preload(entries: list[Any]) -> None:
    """Build this process's extractor (for the workers it forks), or note why it failed."""
    global _EXTRACTOR, _INIT_ERROR
    try:
        _init_worker(entries)
    except Exception as err:  # each input then fails with the reason, instead of the pool hanging
        _EXTRACTOR = None
        _INIT_ERROR = f"internal error starting a worker ({type(err).__name__}: {err})"


def _serve(tasks: Any, results: Any, entries: list[Any] | None, parent_ends: list[Any]) -> None:
    """A worker process: answer each list of jobs with their outcomes, until told to stop.

    `entries` are None in a worker forked from a parent that built the extractor;
    `parent_ends` are the parent's ends of the pipes, which such a worker has copies of.
    """
    # Ctrl-C reaches the whole process group: the parent alone handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if entries is not None:  # not forked from a parent that built the extractor
        _preload(entries)
    for connection in parent_ends:
        connection.close()
    while True:
        try:
            jobs = tasks.recv()
        except (EOFError, OSError):
            return
        if jobs is None:
            return
        try:
            answer: Any = [run_job(job) for job in jobs]
        except Exception as err:  # --debug: the parent raises it, with this traceback
            import traceback

            answer = (err, traceback.format_exc())
        try:
            results.send(answer)
        except OSError:  # the parent is gone
            return


class _Sender:
    """Send tasks to workers from a thread: the parent never blocks writing to a full pipe
    (a big input from standard input) while a worker blocks writing its answer back."""

    def __init__(self) -> None:
        import queue
        import threading

        self.queue: Any = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._send, daemon=True, name="rxnews-sender")
        self.thread.start()

    def put(self, worker: _Worker, jobs: list[Job] | None) -> None:
        self.queue.put((worker, jobs))

    def close(self, wait: bool = True) -> None:
        if self.thread.is_alive():
            self.queue.put(None)
            if wait:
                self.thread.join()

    def _send(self) -> None:
        while (item := self.queue.get()) is not None:
            worker, jobs = item
            try:
                worker.tasks.send(jobs)
            except (OSError, ValueError):
                pass  # the worker died, or its pipe was closed: its sentinel tells the parent
