"""The `rxnews` command line: parse options, call the library, print results."""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import RxnewsError

FORMATS = ("table", "json", "jsonl", "csv")
_EXTENSION_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"rxnews: error: {message}", err=True)
    sys.exit(code)


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .dates import parse_anchor

    if parse_anchor(value) is None or len(value) not in (4, 7, 10):
        raise click.BadParameter(f"expected YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")
    return value


def _load_patterns_or_exit(dirs: tuple[str, ...]) -> list:
    """Load and validate the pattern files once; a bad file is a usage error (exit 2)."""
    from .batch import long_lived
    from .patterns import load_patterns

    try:
        with long_lived():
            return load_patterns(dirs)
    except RxnewsError as err:
        _fail(str(err))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rxnews")
@click.option("--debug", is_flag=True, help="Show the Python traceback of a failing input and stop.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn biopharma press releases into structured data.

    \b
    Example:
        rxnews extract samples/ --format table
    """
    ctx.ensure_object(dict)["debug"] = debug


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format. Default: table on a terminal, jsonl otherwise.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to FILE (atomically) instead of standard output.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for many inputs. Default: all cores.")
@click.option("--release-date", callback=_check_date,
              help="Anchor date (YYYY-MM-DD) for texts without a dateline of their own.")
@click.option("--patterns", "pattern_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Extra directory of *.jsonl pattern files (repeatable).")
@click.option("--glob", "globs", multiple=True,
              help="File pattern for folders (repeatable). Default: text, Markdown and HTML files.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20_000_000, show_default=True,
              help="Refuse inputs larger than this.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--resume", is_flag=True,
              help="Skip inputs whose records are already in the -o FILE (JSON Lines); add the rest.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on a Dask cluster (e.g. tcp://host:8786); needs rxnews[dask].")
def extract(paths: tuple[str, ...], fmt: str | None, output: str | None, jobs: int | None,
            release_date: str | None, pattern_dirs: tuple[str, ...], globs: tuple[str, ...],
            max_bytes: int, quiet: bool, resume: bool, scheduler: str | None) -> None:
    """Extract drugs, targets, indications, agencies, companies and events.

    PATHS are files, folders (walked recursively) or - for standard input.

    \b
    Examples:
        rxnews extract release.txt
        rxnews extract releases/ --format csv -o pipeline.csv
        cat release.txt | rxnews extract - | jq '.events[]'
        rxnews extract releases/ -o records.jsonl --resume
        rxnews extract releases/ --scheduler tcp://scheduler:8786 -o records.jsonl
    """
    from .batch import Job, WorkerError
    from .inputs import DEFAULT_GLOBS, iter_paths

    fmt = fmt or _default_format(output)
    _check_batch_options(fmt, output, resume, scheduler, jobs)
    entries = _load_patterns_or_exit(pattern_dirs)
    debug = click.get_current_context().find_root().params.get("debug", False)
    started = time.monotonic()
    stats = {"ok": 0, "failed": 0, "events": 0}
    try:
        stdin_data = sys.stdin.buffer.read() if "-" in paths else None
        files = list(iter_paths(list(paths), tuple(globs) or DEFAULT_GLOBS))
        stale = None
        if resume:
            files, stale = _plan_resume(files, Path(output), quiet)
        jobs_iter = (Job(p, stdin_data if p == "-" else None, release_date, max_bytes, debug,
                         as_line=fmt == "jsonl") for p in files)
        show_progress = not quiet and sys.stderr.isatty() and len(files) > 1
        with _outcomes(jobs_iter, entries, jobs, scheduler, len(files)) as outcomes:
            _write_all(outcomes, fmt, output, stats, len(files) if show_progress else None, stale)
    except KeyboardInterrupt:
        if not quiet:
            _summarise(stats, started)
        click.echo("rxnews: interrupted; completed records were kept", err=True)
        sys.exit(130)
    except WorkerError as err:
        _fail(str(err), 1)
    if not quiet:
        _summarise(stats, started)
    sys.exit(1 if stats["failed"] else 0)


def _default_format(output: str | None) -> str:
    """The output format when --format is not given: by file extension, else by terminal."""
    if output:
        return _EXTENSION_FORMATS.get(Path(output).suffix.lower(), "jsonl")
    return "table" if sys.stdout.isatty() else "jsonl"


def _check_batch_options(fmt: str, output: str | None, resume: bool, scheduler: str | None,
                         jobs: int | None) -> None:
    """Refuse option combinations that cannot work (usage errors, exit 2)."""
    if resume and not output:
        _fail("--resume needs -o FILE (the records to resume from)")
    if resume and fmt != "jsonl":
        _fail(f"--resume needs JSON Lines output (--format jsonl), not {fmt}")
    if resume and Path(output).exists() and not Path(output).is_file():
        _fail(f"--resume needs a regular file, not {output}")
    if scheduler and jobs:
        _fail("--jobs cannot be combined with --scheduler (the cluster's workers do the work)")


def _plan_resume(files: list[str], target: Path, quiet: bool) -> tuple[list[str], set[str]]:
    """Drop the inputs whose records are already in `target`; return them and the stale sources."""
    from .outfile import plan_resume, read_done

    try:
        done = read_done(target)
    except RxnewsError as err:
        _fail(str(err))
    todo, stale = plan_resume(files, done)
    if not quiet and done:
        click.echo(f"rxnews: resuming: {len(files) - len(todo)} of {len(files)} inputs already "
                   f"in {target}", err=True)
    return todo, stale


@contextmanager
def _outcomes(jobs, entries: list, workers: int | None, scheduler: str | None, total: int):
    """Yield the outcomes of the jobs, in input order, from local workers or a Dask cluster."""
    from .batch import run_batch

    if not scheduler:
        outcomes = run_batch(jobs, entries, min(workers or os.cpu_count() or 1, max(1, total)), total)
        try:
            yield outcomes
        finally:
            outcomes.close()  # stops the worker processes now, also on Ctrl-C
        return
    from .distributed import connect, run_on_cluster

    try:
        client = connect(scheduler)
    except RxnewsError as err:
        _fail(str(err))
    outcomes = run_on_cluster(client, jobs, entries)
    try:
        yield outcomes
    finally:
        outcomes.close()
        client.close()


def _summarise(stats: dict, started: float) -> None:
    click.echo(f"rxnews: {stats['ok']} processed, {stats['failed']} failed, "
               f"{stats['events']} events, {time.monotonic() - started:.1f}s", err=True)


def _write_all(outcomes, fmt: str, output: str | None, stats: dict, total: int | None,
               stale: set[str] | None = None) -> None:
    """Write every outcome's record to `output` (atomically) or to standard output.

    With `stale` (a resumed run) the records already in `output` come first,
    except those from the sources in `stale`.
    """
    from .outfile import atomic_output, copy_records, held_interrupt

    target = Path(output) if output else None
    if target is None or (target.exists() and not target.is_file()):
        # Standard output, /dev/null or a pipe: write in place, never replace it.
        stream = sys.stdout if target is None else target.open("w", encoding="utf-8")
        try:
            _write_to(stream, outcomes, fmt, stats, total)
        finally:
            if target is not None:
                stream.close()
        return
    with atomic_output(target) as handle:
        if stale is not None:
            with held_interrupt():  # the records of the earlier run are copied whole
                copy_records(target, handle, stale)
        _write_to(handle, outcomes, fmt, stats, total)


def _write_to(stream, outcomes, fmt: str, stats: dict, total: int | None) -> None:
    """Write every record to `stream`; the format's closing (a JSON "]") survives Ctrl-C."""
    from .outfile import held_interrupt
    from .output import Writer

    writer = Writer(stream, fmt)
    try:
        _consume(outcomes, writer, stats, total)
    finally:
        with held_interrupt():
            writer.close()


def _consume(outcomes, writer, stats: dict, total: int | None) -> None:
    from .outfile import held_interrupt
    from .output import ProgressBar

    with ProgressBar(total) as progress:
        for outcome in outcomes:
            if outcome.error is not None:
                stats["failed"] += 1
                click.echo(f"rxnews: error: {outcome.source}: {outcome.error}", err=True)
            else:
                if outcome.warning:
                    click.echo(f"rxnews: warning: {outcome.source}: {outcome.warning}", err=True)
                with held_interrupt():  # a record is written (and counted) whole or not at all
                    if outcome.line is not None:
                        writer.write_line(outcome.line)
                    else:
                        writer.write(outcome.record)
                    stats["ok"] += 1
                    stats["events"] += outcome.events
            progress.advance()


@cli.command()
def schema() -> None:
    """Print the JSON Schema of one record.

    \b
    Example:
        rxnews schema > record.schema.json
    """
    from .record import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


@cli.command()
@click.option("--patterns", "pattern_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Extra directory of *.jsonl pattern files (repeatable).")
def patterns(pattern_dirs: tuple[str, ...]) -> None:
    """List and validate the pattern files in use (exit 2 on the first error).

    \b
    Example:
        rxnews patterns --patterns my_patterns/
    """
    from collections import Counter

    from .patterns import pattern_files, read_pattern_file, shipped_pattern_dir

    dirs = [shipped_pattern_dir(), *map(Path, pattern_dirs)]
    try:
        for directory in dirs:
            for path in pattern_files(directory):
                labels = Counter(e.label for e in read_pattern_file(path))
                summary = ", ".join(f"{n} {label}" for label, n in sorted(labels.items()))
                click.echo(f"{path}: {sum(labels.values())} patterns ({summary})")
    except RxnewsError as err:
        _fail(str(err))
    click.echo("all pattern files are valid")


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Report format.")
@click.option("--patterns", "pattern_dirs", multiple=True, type=click.Path(file_okay=False),
              help="Extra directory of *.jsonl pattern files (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="List missed and wrong items per document.")
def evaluate(gold_dir: str, fmt: str, pattern_dirs: tuple[str, ...], verbose: bool) -> None:
    """Score the extractor against gold files (NAME.gold.json beside NAME.txt).

    Prints precision, recall and F1 per field, and release-date accuracy.

    \b
    Example:
        rxnews eval samples/
    """
    from .evaluate import FIELDS, gold_pairs
    from .evaluate import evaluate as run_eval
    from .extract import Extractor

    try:
        pairs = gold_pairs(gold_dir)
        extractor = Extractor(pattern_dirs)
        report = run_eval(pairs, lambda text, src: extractor.extract(text, source=src).to_dict())
    except RxnewsError as err:
        _fail(str(err))
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2))
        return
    click.echo(f"{len(report.docs)} documents in {gold_dir}")
    click.echo(f"{'field':<13}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for name in FIELDS:
        s = report.total(name)
        click.echo(f"{name:<13}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                   f"{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    click.echo(f"{'release_date':<13}{report.release_date_accuracy:>21.3f} accuracy")
    if verbose:
        for doc in report.docs:
            if doc.missed or doc.wrong or not doc.release_date_ok:
                click.echo(f"\n{doc.name}" + ("" if doc.release_date_ok else "  [release date]"))
                for fname, items in doc.missed.items():
                    click.echo(f"  missed {fname}: {'; '.join(items)}")
                for fname, items in doc.wrong.items():
                    click.echo(f"  wrong  {fname}: {'; '.join(items)}")


def main() -> None:
    """Console-script entry point: run the CLI, ending quietly on a closed pipe."""
    try:
        cli()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
