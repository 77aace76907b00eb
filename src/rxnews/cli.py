"""The `rxnews` command line: parse options, call the library, print results."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import RxnewsError

if TYPE_CHECKING:
    import sqlite3

    from .db import Loader

FORMATS = ("table", "json", "jsonl", "csv")
_EXTENSION_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .facts.date_values import parse_anchor

    if parse_anchor(value) is None or len(value) not in (4, 7, 10):
        raise click.BadParameter(f"expected YYYY-MM-DD (or YYYY-MM, YYYY), got {value!r}")
    return value


def _fail_with(err: RxnewsError, code: int = 2) -> None:
    """Report a library error: one line per problem (every bad pattern line), then exit."""
    for line in str(err).splitlines():
        click.echo(f"rxnews: error: {line}", err=True)
    sys.exit(code)


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
    from .errors import ClusterError, DatabaseError
    from .inputs import DEFAULT_GLOBS
    from .output import ProgressBar
    from .run.batch import Batch
    from .run.pool import WorkerError

    started = time.monotonic()
    # With --db the database is the output: records reach standard output only when asked for.
    silent = database is not None and output is None and fmt is None
    try:
        batch = Batch(paths, pattern_dirs=pattern_dirs,
                      fmt="jsonl" if silent else fmt or _default_format(output),
                      output=output, jobs=jobs, scheduler=scheduler, resume=resume,
                      release_date=release_date, max_bytes=max_bytes, globs=tuple(globs) or DEFAULT_GLOBS,
                      debug=_debug(), stdin=sys.stdin.buffer if "-" in paths else None)
    except RxnewsError as err:
        _fail_with(err)
    if resume and not quiet and batch.counts.resumed:
        click.echo(f"rxnews: resuming: {batch.counts.resumed} of {batch.counts.resumed + len(batch.files)} "
                   f"inputs already in {output}", err=True)
    show_progress = not quiet and sys.stderr.isatty() and len(batch.files) > 1
    with contextlib.ExitStack() as stack:
        loader = _open_loader(stack, database)
        stream = stack.enter_context(open(os.devnull, "w")) if silent else sys.stdout
        try:
            with ProgressBar(len(batch.files) if show_progress else None) as progress:
                batch.run(stream, lambda outcome: _report(outcome, progress, loader))
            if loader:
                loader.commit()
        except KeyboardInterrupt:
            if not quiet:
                _summarise(batch.counts, started)
            click.echo("rxnews: interrupted; completed records were kept" + (
                " (in the database: the batches committed before)" if loader else ""), err=True)
            sys.exit(130)
        except WorkerError as err:
            _fail_with(err, 1)
        except ClusterError as err:  # the Dask scheduler cannot be reached
            _fail_with(err)
        except DatabaseError as err:  # the database went wrong while loading (locked, disk full)
            _fail_with(err, 1)
    if not quiet:
        _summarise(batch.counts, started)
        if loader:
            _summarise_load(loader.counts, database)
    sys.exit(1 if batch.counts.failed else 0)


def _open_loader(stack: contextlib.ExitStack, database: str | None) -> Loader | None:
    """The loader of `--db` (None without it), closed with `stack`; a bad database exits 2."""
    if database is None:
        return None
    from .db import Loader

    try:
        return stack.enter_context(Loader(database))
    except RxnewsError as err:
        _fail_with(err)


def _debug() -> bool:
    return click.get_current_context().find_root().params.get("debug", False)


def _default_format(output: str | None) -> str:
    """The output format when --format is not given: by file extension, else by terminal."""
    if output:
        return _EXTENSION_FORMATS.get(Path(output).suffix.lower(), "jsonl")
    return "table" if sys.stdout.isatty() else "jsonl"


def _report(outcome, progress, loader: Loader | None = None) -> None:
    """One line on stderr for a failed input (or a warning), and one step of the progress bar.

    With a `loader` (--db), the record goes into the database (committed in batches).
    """
    if outcome.error is not None:
        click.echo(f"rxnews: error: {outcome.source}: {outcome.error}", err=True)
    elif outcome.warning:
        click.echo(f"rxnews: warning: {outcome.source}: {outcome.warning}", err=True)
    if loader is not None and outcome.line is not None:
        loader.add(outcome.record)
    progress.advance()


def _summarise(counts, started: float) -> None:
    click.echo(f"rxnews: {counts.processed} processed, {counts.failed} failed, "
               f"{counts.events} events, {time.monotonic() - started:.1f}s", err=True)


def _summarise_load(counts, database: str, started: float | None = None) -> None:
    """The load's summary line; with `started` (rxnews load), failed lines and time too."""
    more = "" if started is None else f", {counts.failed} failed, {time.monotonic() - started:.1f}s"
    click.echo(f"rxnews: {database}: {counts.loaded} loaded, {counts.replaced} replaced, "
               f"{counts.unchanged} unchanged{more}", err=True)


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
    """List and validate the pattern files in use: every bad line, then exit 2.

    \b
    Example:
        rxnews patterns --patterns my_patterns/
    """
    from collections import Counter

    from .matching.patterns import read_directories

    try:
        files = read_directories(map(Path, pattern_dirs), check_shipped=True)
    except RxnewsError as err:
        _fail_with(err)
    for path, entries in files:
        labels = Counter(e.label for e in entries)
        summary = ", ".join(f"{n} {label}" for label, n in sorted(labels.items()))
        click.echo(f"{path}: {sum(labels.values())} patterns ({summary})")
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
    from .extractor import Extractor

    try:
        pairs = gold_pairs(gold_dir)
        extractor = Extractor(pattern_dirs)
        report = run_eval(pairs, lambda text, src: extractor.extract(text, source=src).to_dict())
    except RxnewsError as err:
        _fail_with(err)
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


@cli.command()
@click.argument("database")
@click.argument("records", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def load(database: str, records: tuple[str, ...], quiet: bool) -> None:
    """Load records (JSON Lines of `rxnews extract`) into a pipeline database.

    DATABASE is created if new. RECORDS are JSON Lines files, or - for standard input.
    A release already loaded with the same content is skipped; a changed one (same
    source, other content_sha256) replaces its old facts. Each bad line is one error
    on stderr and the rest is loaded (exit status 1).

    \b
    Example:
        rxnews extract releases/ -o records.jsonl && rxnews load pipeline.db records.jsonl
    """
    from .errors import DatabaseError

    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        loader = _open_loader(stack, database)
        try:
            loader.load_jsonl(records, lambda err: click.echo(f"rxnews: error: {err}", err=True),
                              stdin=sys.stdin.buffer if "-" in records else None)
            loader.commit()
        except DatabaseError as err:
            _fail_with(err, 1)
        except KeyboardInterrupt:
            click.echo("rxnews: interrupted; the batches loaded before were kept", err=True)
            sys.exit(130)
    if not quiet:
        _summarise_load(loader.counts, database, started)
    sys.exit(1 if loader.counts.failed else 0)


def _query_db(database: str) -> sqlite3.Connection:
    """Open a pipeline database for a query; a missing or foreign file exits 2."""
    from .db import connect

    try:
        return connect(database)
    except RxnewsError as err:
        _fail_with(err)


@cli.command()
@click.argument("database")
@click.option("--target", help="An HGNC symbol or target name (CD274, PD-L1).")
@click.option("--indication", help="A DOID, or part of an indication's name (lung cancer).")
@click.option("--company", help="Part of a company's name that any release gives the drug.")
@click.option("--agency", help="An agency of one of its events (FDA, NMPA).")
@click.option("--since", callback=_check_date, help="Only drugs with a milestone on or after this date.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format. Default: table on a terminal, jsonl otherwise.")
def drugs(database: str, target: str | None, indication: str | None, company: str | None,
          agency: str | None, since: str | None, fmt: str | None) -> None:
    """List the drugs of a pipeline database, one row each, by name.

    Each row: names, company, modality, targets, indications, latest milestone and
    the number of releases naming it (in JSON also `sources`, those releases).

    \b
    Example:
        rxnews drugs pipeline.db --target PD-L1 --since 2024-01
    """
    from .db.query import drug_ids, drug_rows
    from .db.render import write_drugs

    fmt = fmt or _default_format(None)
    conn = _query_db(database)
    with contextlib.closing(conn):
        ids = drug_ids(conn, target=target, indication=indication, company=company, agency=agency,
                       since=since)
        write_drugs(drug_rows(conn, ids, sources=fmt in ("json", "jsonl")), fmt, sys.stdout)


@cli.command()
@click.argument("database")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format. Default: table on a terminal, jsonl otherwise.")
def timeline(database: str, name: str, fmt: str | None) -> None:
    """Show one drug's milestones in date order, each with the releases that report it.

    NAME is any of its names (code, INN or brand; case and punctuation do not matter).
    An unknown NAME is an error (exit status 1).

    \b
    Example:
        rxnews timeline pipeline.db LBL-024
    """
    from .db.query import find_drug
    from .db.query import timeline as drug_timeline
    from .db.render import write_timeline
    from .errors import UnknownDrugError

    conn = _query_db(database)
    with contextlib.closing(conn):
        try:
            drug_id, others = find_drug(conn, name, database)
        except UnknownDrugError as err:
            _fail_with(err, 1)
        if others:
            click.echo(f"rxnews: note: {name!r} also names {', '.join(others)}", err=True)
        write_timeline(drug_timeline(conn, drug_id), fmt or _default_format(None), sys.stdout)


def main() -> None:
    """Console-script entry point: run the CLI, ending quietly on a closed pipe."""
    try:
        cli()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
