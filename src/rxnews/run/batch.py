"""A batch: input paths to records, written in input order, in this process, in local worker
processes or on a Dask cluster, with resume, atomic output files and counts.

This is the library behind `rxnews extract`: it raises typed errors (`OptionError`,
`PatternError`, `ResumeError`, `ClusterError`, `WorkerError`) and hands each
input's outcome, once written, to a callback of the caller's (to report it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import RxnewsError
from ..inputs import DEFAULT_GLOBS, DEFAULT_MAX_BYTES, iter_paths
from ..matching.patterns import load_patterns
from .jobs import Job, Outcome, build_extractor, long_lived, run_job
from .outfile import atomic_output, copy_records, held_interrupt, plan_resume, read_done
from .pool import WorkerPool

if TYPE_CHECKING:
    from ..matching.patterns import PatternEntry


class OptionError(RxnewsError):
    """Options of a batch that cannot work together."""


@dataclass
class Counts:
    """What a batch did so far."""

    processed: int = 0
    failed: int = 0
    events: int = 0
    resumed: int = 0  # inputs skipped because the output already has their record


@dataclass
class Batch:
    """Input paths to records: plan with `Batch(...)`, then `run()`.

    `paths` are files, folders (walked with `globs`) and "-" (read from `stdin`).
    With `output`, records go to that file, written atomically (never half-written;
    on Ctrl-C the records so far are kept); `resume` keeps the records already in it.
    `jobs` local worker processes (default: the cores), or a Dask `scheduler`.
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
        self._check_options()
        if self.entries is None:
            with long_lived():
                self.entries = load_patterns(self.pattern_dirs)
        self.files = list(iter_paths(self.paths, self.globs))
        self.stale: set[str] | None = None  # a resumed run: sources whose old record is replaced
        if self.resume:
            todo, self.stale = plan_resume(self.files, read_done(Path(self.output)))
            self.counts.resumed = len(self.files) - len(todo)
            self.files = todo

    def _check_options(self) -> None:
        if self.resume and not self.output:
            raise OptionError("--resume needs -o FILE (the records to resume from)")
        if self.resume and self.fmt != "jsonl":
            raise OptionError(f"--resume needs JSON Lines output (--format jsonl), not {self.fmt}")
        if self.resume and Path(self.output).exists() and not Path(self.output).is_file():
            raise OptionError(f"--resume needs a regular file, not {self.output}")
        if self.scheduler and self.jobs:
            raise OptionError("--jobs cannot be combined with --scheduler (the cluster's workers do "
                              "the work)")

    def run(self, stream: IO[str] | None = None,
            report: Callable[[Outcome], None] | None = None) -> Counts:
        """Process every input and write its record to `output` (atomically) or to `stream`.

        `report` is called with each outcome once its record is written (or it failed).
        Ctrl-C (KeyboardInterrupt) ends the run with every record written so far kept.
        """
        from ..output import Writer

        target = Path(self.output) if self.output else None
        with self._outcomes() as outcomes, self._destination(target, stream) as handle:
            writer = Writer(handle, self.fmt)
            try:
                for outcome in outcomes:
                    with held_interrupt():  # a record is written (and counted) whole or not at all
                        self._count(outcome)
                        if outcome.line is not None:
                            writer.write_line(outcome.line)
                    if report is not None:
                        report(outcome)
            finally:
                with held_interrupt():  # the format's closing (a JSON "]") survives Ctrl-C
                    writer.close()
        return self.counts

    def _count(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.counts.failed += 1
        else:
            self.counts.processed += 1
            self.counts.events += outcome.events

    @contextmanager
    def _destination(self, target: Path | None, stream: IO[str] | None) -> Iterator[IO[str]]:
        """The stream records go to: `stream`, or a temporary file that replaces `target`."""
        if target is None or (target.exists() and not target.is_file()):
            # Standard output, /dev/null or a pipe: written in place, never replaced.
            if target is None:
                yield stream
                return
            with target.open("w", encoding="utf-8") as handle:
                yield handle
            return
        with atomic_output(target) as handle:
            if self.stale is not None:
                with held_interrupt():  # the records of the earlier run are copied whole
                    copy_records(target, handle, self.stale)
            yield handle

    @contextmanager
    def _outcomes(self) -> Iterator[Iterator[Outcome]]:
        """The outcomes of the inputs, in input order, from local workers or a Dask cluster."""
        stdin_data = self.stdin.read() if self.stdin is not None and "-" in self.files else None
        jobs = (Job(p, stdin_data if p == "-" else None, self.release_date, self.max_bytes, self.debug)
                for p in self.files)
        if self.scheduler:
            from .dask import connect, run_on_cluster

            client = connect(self.scheduler)
            outcomes = run_on_cluster(client, jobs, self.entries)
            try:
                yield outcomes
            finally:
                outcomes.close()
                client.close()
            return
        workers = min(self.jobs or os.cpu_count() or 1, max(1, len(self.files)))
        outcomes = local_outcomes(jobs, self.entries, workers, len(self.files))
        try:
            yield outcomes
        finally:
            outcomes.close()  # stops the worker processes now, also on Ctrl-C


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
