"""Local worker processes: jobs fed in lists, their outcomes yielded in input order.

The parent builds the extractor once and forked workers share it (copy-on-write);
where workers are spawned instead, each builds its own from the pattern entries.
The extractor (or the reason it could not be built) is handed to each worker
process explicitly, never kept in a module global.
"""

from __future__ import annotations

import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..errors import RxnewsError
from .jobs import Job, Outcome, build_extractor, run_job
from .signals import STOP_SIGNALS

if TYPE_CHECKING:
    from ..extractor import Extractor
    from ..matching.patterns import PatternEntry


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


class WorkerPool:
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

    def __init__(self, entries: list[PatternEntry], workers: int, total: int | None,
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
        self.prepared: tuple[Extractor | None, str | None] | None = None  # what forked workers get

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        if self.forked:  # built once here, shared by every worker (copy-on-write)
            self.prepared = prepare(self.entries)
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
                    worker.process.kill()  # SIGKILL: workers ignore the signals that stop a run
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
            args = (task_reader, result_writer, self.prepared, parent_ends)
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


def prepare(entries: list[PatternEntry]) -> tuple[Extractor | None, str | None]:
    """Build an extractor for worker processes, or say why it could not be built."""
    try:
        extractor = build_extractor(entries)
        if extractor.matcher.needs_spacy:  # spaCy too: forked workers then share it
            extractor.matcher.token_matcher()
        return extractor, None
    except Exception as err:  # each input then fails with the reason, instead of the pool hanging
        return None, f"internal error starting a worker ({type(err).__name__}: {err})"


def run_jobs(jobs: list[Job], extractor: Extractor | None, error: str | None) -> list[Outcome]:
    """The outcomes of a worker's jobs (each fails with `error` if it has no extractor)."""
    if extractor is None:
        return [Outcome(job.source, error=error) for job in jobs]
    return [run_job(job, extractor) for job in jobs]


def _serve(tasks: Any, results: Any, prepared: Any, parent_ends: list[Any]) -> None:
    """A worker process: answer each list of jobs with their outcomes, until told to stop.

    `prepared` is `prepare(entries)` when the worker was forked from a parent that built
    the extractor, else the pattern entries to build it from; `parent_ends` are the
    parent's ends of the pipes, which a forked worker has copies of.
    """
    # Ctrl-C, and SIGTERM or SIGHUP sent to the process group (a closed terminal), reach every
    # worker: the parent alone handles them, keeps the records finished and stops the pool.
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    extractor, error = prepared if isinstance(prepared, tuple) else prepare(prepared)
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
            answer: Any = run_jobs(jobs, extractor, error)
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
