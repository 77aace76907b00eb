"""A batch: input paths to records, written in input order, in this process, in local worker
processes or on a Dask cluster, with resume, atomic output files and counts.

This is the library behind `rxnews extract`: it raises typed errors (`OptionError`,
`OutputError`, `PatternError`, `ResumeError`, `ReleaseDateError`, `ClusterError`,
`WorkerError`) and hands each input's outcome, once written, to a callback of the caller's
(to report it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import RxnewsError
from ..inputs import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, source_of, walk_inputs
from ..lifetime import long_lived
from ..matching.patterns import load_patterns
from .jobs import Job, Outcome, build_extractor, run_job
from .lock import OutputLock
from .outfile import PartFile, atomic_output, check_output, in_place
from .pool import WorkerPool
from .resume import Done, copy_records, leftover_parts, plan_resume, read_done
from .signals import held_signals, stop_on_signals

if TYPE_CHECKING:
    from ..matching.patterns import PatternEntry

MAX_JOBS_PER_CORE = 2  # more workers than that only cost memory: the work is CPU-bound


class OptionError(RxnewsError):
    """Options of a batch that cannot work together."""


@dataclass
class Counts:
    """What a batch did so far."""

    processed: int = 0
    failed: int = 0
    events: int = 0
    resumed: int = 0  # inputs skipped because the output already has their record
    recovered: int = 0  # records taken from the temporary files of killed runs (--resume)


@dataclass
class Batch:
    """Input paths to records: plan with `Batch(...)`, then `run()`.

    `paths` are files, folders (walked with `globs`) and "-" (read from `stdin`).
    With `output`, records go to that file, written atomically (never half-written;
    when stopped the records so far are kept; a run that adds none leaves it as it was),
    locked against other runs from planning to the end of `run()`; `resume` keeps the
    records already in it. `jobs` local worker processes (default: the cores), or a Dask
    `scheduler`.
    """

    paths: Iterable[str]
    entries: list[PatternEntry] | None = None  # default: the shipped patterns and `pattern_dirs`
    pattern_dirs: Iterable[str] = ()
    fmt: str = "jsonl"
    output: str | None = None
    jobs: int | None = None
    scheduler: str | None = None
    resume: bool = False
    release_date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    globs: tuple[str, ...] = DEFAULT_GLOBS
    debug: bool = False
    stdin: IO[bytes] | None = None
    counts: Counts = field(default_factory=Counts)

    def __post_init__(self) -> None:
        self.paths = list(self.paths)
        self.target = Path(self.output) if self.output else None
        self._check_options()
        self.lock: OutputLock | None = None
        if self.target is not None and not in_place(self.target):
            self.lock = OutputLock(self.target).acquire()
        try:
            self._plan()
        except BaseException:
            self.close()
            raise

    def _check_options(self) -> None:
        from ..facts.date_values import check_release_date

        if self.resume and not self.output:
            raise OptionError("--resume needs -o FILE (the records to resume from)")
        if self.resume and self.fmt != "jsonl":
            raise OptionError(f"--resume needs JSON Lines output (--format jsonl), not {self.fmt}")
        if self.resume and self.target.exists() and not self.target.is_file():
            raise OptionError(f"--resume needs a regular file, not {self.output}")
        if self.scheduler and self.jobs:
            raise OptionError("--jobs cannot be combined with --scheduler (the cluster's workers do "
                              "the work)")
        if self.release_date is not None:
            check_release_date(self.release_date)
        if self.target is not None and not in_place(self.target):
            check_output(self.target)

    def _plan(self) -> None:
        """Load the patterns, find the inputs and, when resuming, those still to process."""
        if self.entries is None:
            with long_lived():
                self.entries = load_patterns(self.pattern_dirs)
        found = list(walk_inputs(self.paths, self.globs))
        self.files = [entry.path for entry in found]
        self.refused = {entry.path: entry.error for entry in found if entry.error is not None}
        # Temporary files of killed runs: their records are recovered by --resume, else reported.
        self.leftovers = leftover_parts(self.target) if self.lock is not None else []
        self.done: Done | None = None
        self.stale: set[str] = set()  # a resumed run: the records its inputs replace
        if self.resume:
            self.done = read_done([self.target, *self.leftovers])
            todo, self.stale = plan_resume(self.files, self.done)
            self.counts.resumed = len(self.files) - len(todo)
            self.counts.recovered = self.done.recovered
            self.files = todo
        self.inputs = sum(path not in self.refused for path in self.files)  # to be read and extracted
        self.workers, self.jobs_note = self._workers()

    def _workers(self) -> tuple[int, str | None]:
        """Local worker processes: --jobs (default: the cores), capped by inputs and cores."""
        inputs = self.inputs
        cores = usable_cores()
        workers = min(self.jobs or cores, max(1, inputs), MAX_JOBS_PER_CORE * cores)
        if self.scheduler or not self.jobs or workers == self.jobs or not inputs:
            return workers, None
        why = (f"{inputs} input{'s' * (inputs > 1)}" if workers == inputs else
               f"{MAX_JOBS_PER_CORE} per core, {cores} core{'s' * (cores > 1)}")
        return workers, f"--jobs {self.jobs} capped to {workers} ({why})"

    def close(self) -> None:
        """Release the lock on the output file (`run()` does it when it ends)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def run(self, stream: IO[str] | None = None,
            report: Callable[[Outcome], None] | None = None) -> Counts:
        """Process every input and write its record to `output` (atomically) or to `stream`.

        `report` is called with each outcome once its record is written (or it failed).
        Ctrl-C (KeyboardInterrupt), SIGTERM and SIGHUP (`signals.Stopped`) end the run with
        every record written so far kept.
        """
        from ..output import Writer

        try:
            with stop_on_signals(), self._outcomes() as outcomes, self._destination(stream) as (handle, part):
                writer = Writer(handle, self.fmt)
                try:
                    for outcome in outcomes:
                        with held_signals():  # a record is written (and counted) whole or not at all
                            self._count(outcome)
                            if outcome.line is not None:
                                writer.write_line(outcome.line)
                                if part is not None:
                                    part.wanted = True
                        if report is not None:
                            report(outcome)
                except BaseException:
                    # The stream may be gone (a closed terminal): the stop is what to report.
                    with held_signals(), suppress(OSError):
                        writer.close()
                    raise
                with held_signals():  # the format's closing (a JSON "]") is written whole
                    writer.close()
        finally:
            self.close()
        return self.counts

    def _count(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.counts.failed += 1
        else:
            self.counts.processed += 1
            self.counts.events += outcome.events

    @contextmanager
    def _destination(self, stream: IO[str] | None) -> Iterator[tuple[IO[str], PartFile | None]]:
        """Where records go: `stream`, the output file in place, or a temporary file replacing it."""
        if self.target is None:
            yield stream, None
        elif in_place(self.target):  # /dev/null or a pipe: written in place, never replaced
            with self.target.open("w", encoding="utf-8") as handle:
                yield handle, None
        else:
            absorbed = self.leftovers if self.done is not None else []
            with atomic_output(self.target, absorbed) as part:
                part.wanted = False  # until a record is added: a run that adds none changes nothing
                if self.done is not None:
                    with held_signals():  # the records of the earlier runs are copied whole
                        copy_records(self.done, part.handle, self.stale)
                    part.wanted = self.done.recovered > 0
                yield part.handle, part

    @contextmanager
    def _outcomes(self) -> Iterator[Iterator[Outcome]]:
        """The outcomes of the inputs, in input order, from local workers or a Dask cluster."""
        stdin_data = self.stdin.read() if self.stdin is not None and "-" in self.files else None
        jobs = (Job(p, stdin_data if p == "-" else None, self.release_date, self.max_bytes, self.debug)
                for p in self.files if p not in self.refused)
        if self.scheduler:
            from .dask import connect, run_on_cluster

            client = connect(self.scheduler)
            outcomes = run_on_cluster(client, jobs, self.entries)
            try:
                yield self._with_refused(outcomes)
            finally:
                outcomes.close()
                client.close()
            return
        outcomes = local_outcomes(jobs, self.entries, self.workers, self.inputs)
        try:
            yield self._with_refused(outcomes)
        finally:
            outcomes.close()  # stops the worker processes now, also when stopped

    def _with_refused(self, outcomes: Iterator[Outcome]) -> Iterator[Outcome]:
        """All outcomes in input order: the workers', and a failure for each refused input."""
        for path in self.files:
            if path in self.refused:
                yield Outcome(source_of(path), error=self.refused[path])
            else:
                yield next(outcomes)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, else all of them)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def local_outcomes(jobs: Iterable[Job], entries: list[PatternEntry], workers: int = 1,
                   total: int | None = None) -> Iterator[Outcome]:
    """Yield one outcome per job, in input order, streaming (memory stays flat).

    One worker runs in this process; more are worker processes (`pool.WorkerPool`).
    `total`, the number of jobs if known, sizes the tasks handed to each worker.
    """
    if workers <= 1:
        extractor = build_extractor(entries)
        for job in jobs:
            yield run_job(job, extractor)
        return
    yield from WorkerPool(entries, workers, total).run(jobs)
