"""The `rxnews` command line: parse options, call the library, print results."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
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
    from .patterns import load_patterns

    try:
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
def extract(paths: tuple[str, ...], fmt: str | None, output: str | None, jobs: int | None,
            release_date: str | None, pattern_dirs: tuple[str, ...], globs: tuple[str, ...],
            max_bytes: int, quiet: bool) -> None:
    """Extract drugs, targets, indications, agencies, companies and events.

    PATHS are files, folders (walked recursively) or - for standard input.

    \b
    Examples:
        rxnews extract release.txt
        rxnews extract releases/ --format csv -o pipeline.csv
        cat release.txt | rxnews extract - | jq '.events[]'
    """
    from .batch import Job, run_batch
    from .inputs import DEFAULT_GLOBS, iter_paths

    entries = _load_patterns_or_exit(pattern_dirs)
    if fmt is None:
        if output:
            fmt = _EXTENSION_FORMATS.get(Path(output).suffix.lower(), "jsonl")
        else:
            fmt = "table" if sys.stdout.isatty() else "jsonl"
    stdin_data = sys.stdin.buffer.read() if "-" in paths else None
    files = list(iter_paths(list(paths), tuple(globs) or DEFAULT_GLOBS))
    workers = min(jobs or os.cpu_count() or 1, max(1, len(files)))
    debug = click.get_current_context().find_root().params.get("debug", False)
    job_iter = (Job(p, stdin_data if p == "-" else None, release_date, max_bytes, debug) for p in files)
    started = time.monotonic()
    stats = {"ok": 0, "failed": 0, "events": 0}
    show_progress = not quiet and sys.stderr.isatty() and len(files) > 1
    try:
        _write_all(run_batch(job_iter, entries, workers), fmt, output, stats,
                   len(files) if show_progress else None)
    except KeyboardInterrupt:
        click.echo("rxnews: interrupted; completed records were kept", err=True)
        sys.exit(130)
    if not quiet:
        click.echo(f"rxnews: {stats['ok']} processed, {stats['failed']} failed, "
                   f"{stats['events']} events, {time.monotonic() - started:.1f}s", err=True)
    sys.exit(1 if stats["failed"] else 0)


def _write_all(outcomes, fmt: str, output: str | None, stats: dict, total: int | None) -> None:
    from .output import Writer

    target = Path(output) if output else None
    if target is None or (target.exists() and not target.is_file()):
        # Standard output, /dev/null or a pipe: write in place, never replace it.
        stream = sys.stdout if target is None else target.open("w", encoding="utf-8")
        writer = Writer(stream, fmt)
        try:
            _consume(outcomes, writer, stats, total)
        finally:
            writer.close()
            if target is not None:
                stream.close()
        return
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent or ".",
                                         prefix=f".{target.name}.", suffix=".part", delete=False)
    try:
        with handle:
            writer = Writer(handle, fmt)
            try:
                _consume(outcomes, writer, stats, total)
            finally:
                writer.close()
        os.replace(handle.name, target)
    except KeyboardInterrupt:
        os.replace(handle.name, target)  # every record written so far is complete
        raise
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _consume(outcomes, writer, stats: dict, total: int | None) -> None:
    progress = None
    if total:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=Console(stderr=True), transient=True)
        task = progress.add_task("extract", total=total)
        progress.start()
    try:
        for outcome in outcomes:
            if outcome.error is not None:
                stats["failed"] += 1
                click.echo(f"rxnews: error: {outcome.source}: {outcome.error}", err=True)
            else:
                if outcome.warning:
                    click.echo(f"rxnews: warning: {outcome.source}: {outcome.warning}", err=True)
                stats["ok"] += 1
                stats["events"] += len(outcome.record["events"])
                writer.write(outcome.record)
            if progress:
                progress.advance(task)
    finally:
        if progress:
            progress.stop()


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
