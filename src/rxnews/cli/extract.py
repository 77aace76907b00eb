"""The `extract` command: a batch run with its progress, notes, summary and stops."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from contextlib import suppress
from typing import TYPE_CHECKING, NoReturn

import click

from ..errors import RxnewsError
from .database import open_loader, summarise_load
from .options import FORMATS, check_date, default_format, fail_with, max_bytes_option, patterns_option

if TYPE_CHECKING:
    from ..db import Loader
    from ..run.batch import Batch, Counts


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format. Default: table on a terminal, jsonl otherwise.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to FILE (atomically; one run at a time) instead of standard output.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for many inputs. Default: all cores; at most one per input "
                   "and two per core.")
@click.option("--release-date", callback=check_date,
              help="Anchor date (YYYY-MM-DD) for texts without a dateline of their own.")
@patterns_option
@click.option("--glob", "globs", multiple=True,
              help="File pattern for folders, ignoring case (repeatable). Default: text, Markdown "
                   "and HTML files.")
@max_bytes_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--resume", is_flag=True,
              help="Skip inputs whose records are already in the -o FILE (JSON Lines); add the rest.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on a Dask cluster (e.g. tcp://host:8786); needs rxnews[dask].")
@click.option("--db", "database", metavar="FILE.db",
              help="Also load the records into this pipeline database (created if new). Records then go "
                   "to standard output only with --format or -o.")
def extract(paths: tuple[str, ...], fmt: str | None, output: str | None, jobs: int | None,
            release_date: str | None, pattern_dirs: tuple[str, ...], globs: tuple[str, ...],
            max_bytes: int, quiet: bool, resume: bool, scheduler: str | None, database: str | None) -> None:
    """Extract drugs, targets, indications, agencies, companies and events.

    PATHS are files, folders (walked recursively) or - for standard input.

    \b
    Examples:
        rxnews extract release.txt
        rxnews extract releases/ --format csv -o pipeline.csv
        cat release.txt | rxnews extract - | jq '.events[]'
        rxnews extract releases/ -o records.jsonl --resume
        rxnews extract releases/ --scheduler tcp://scheduler:8786 -o records.jsonl
        rxnews extract releases/ --db pipeline.db
    """
    from ..errors import ClusterError, DatabaseError
    from ..inputs import DEFAULT_GLOBS
    from ..output import ProgressBar
    from ..run.batch import Batch
    from ..run.pool import WorkerError

    started = time.monotonic()
    globs = tuple(globs) or DEFAULT_GLOBS
    # With --db the database is the output: records reach standard output only when asked for.
    silent = database is not None and output is None and fmt is None
    try:
        batch = Batch(paths, pattern_dirs=pattern_dirs,
                      fmt="jsonl" if silent else fmt or default_format(output),
                      output=output, jobs=jobs, scheduler=scheduler, resume=resume,
                      release_date=release_date, max_bytes=max_bytes, globs=globs,
                      debug=_debug(), stdin=sys.stdin.buffer if "-" in paths else None)
    except RxnewsError as err:
        fail_with(err)
    except KeyboardInterrupt as stop:  # while the patterns load: nothing was written yet
        _stopped(stop, None, started)
    _announce(batch, globs, quiet)
    stdout = sys.stdout  # taken before the progress bar starts: records never go through it
    # Records printed to the terminal show the progress themselves; a bar would be drawn among them.
    show_progress = (not quiet and sys.stderr.isatty() and len(batch.files) > 1
                     and (output is not None or silent or not stdout.isatty()))
    with contextlib.ExitStack() as stack:
        loader = open_loader(stack, database)
        stream = stack.enter_context(open(os.devnull, "w")) if silent else stdout
        try:
            with ProgressBar(len(batch.files) if show_progress else None) as progress:
                batch.run(stream, lambda outcome: _report(outcome, progress, loader))
            if loader:
                loader.commit()
        except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM, SIGHUP: the records so far were kept
            _stopped(stop, None if quiet else batch.counts, started,
                     " (in the database: the batches committed before)" if loader else "")
        except WorkerError as err:
            fail_with(err, 1)
        except ClusterError as err:  # the Dask scheduler cannot be reached
            fail_with(err)
        except DatabaseError as err:  # the database went wrong while loading (locked, disk full)
            fail_with(err, 1)
    if not quiet:
        _summarise(batch.counts, started)
        if loader:
            summarise_load(loader.counts, database)
    sys.exit(1 if batch.counts.failed else 0)


def _announce(batch: Batch, globs: tuple[str, ...], quiet: bool) -> None:
    """Lines on stderr before the run: what a resumed run starts from, leftovers, notes."""
    from ..inputs import escape_path

    output = escape_path(batch.output or "")
    counts = batch.counts
    if not batch.files and not counts.resumed:
        folders = ", ".join(escape_path(path) for path in batch.paths)
        click.echo(f"rxnews: warning: no inputs found: no file in {folders} matches --glob "
                   f"{' '.join(globs)}", err=True)
    if batch.resume and not quiet and counts.resumed:
        where = f"in {output}"
        if counts.recovered:
            names = ", ".join(escape_path(str(path)) for path in batch.leftovers)
            where = f"done ({counts.recovered} recovered from {names}, left by a run that was killed)"
        click.echo(f"rxnews: resuming: {counts.resumed} of {counts.resumed + len(batch.files)} "
                   f"inputs already {where}", err=True)
    if not batch.resume:
        for path in batch.leftovers:
            click.echo(f"rxnews: warning: {escape_path(str(path))}: records of a run of {output} that "
                       "was killed; --resume recovers them", err=True)
    if batch.jobs_note and not quiet:
        click.echo(f"rxnews: note: {batch.jobs_note}", err=True)


def _stopped(stop: KeyboardInterrupt, counts: Counts | None, started: float, kept: str = "") -> NoReturn:
    """End a stopped run: the summary, one line saying what stopped it, exit status 128 + signal."""
    from ..run.signals import signal_number

    signum = signal_number(stop)
    name = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    with suppress(OSError):  # after a hangup, the terminal may be gone
        if counts is not None:
            _summarise(counts, started)
        click.echo(f"rxnews: {name}; completed records were kept{kept}", err=True)
    sys.exit(128 + signum)


def _debug() -> bool:
    return click.get_current_context().find_root().params.get("debug", False)


def _report(outcome, progress, loader: Loader | None = None) -> None:
    """One line on stderr for a failed input (or each warning), and one step of the progress bar.

    With a `loader` (--db), the record goes into the database (committed in batches).
    """
    if outcome.error is not None:
        click.echo(f"rxnews: error: {outcome.source}: {outcome.error}", err=True)
    for warning in outcome.warnings if outcome.error is None else ():
        click.echo(f"rxnews: warning: {outcome.source}: {warning}", err=True)
    if loader is not None and outcome.line is not None:
        loader.add(outcome.record)
    progress.advance()


def _summarise(counts, started: float) -> None:
    click.echo(f"rxnews: {counts.processed} processed, {counts.failed} failed, "
               f"{counts.events} events, {time.monotonic() - started:.1f}s", err=True)
