"""The `rxnews` command line: parse options, call the library, print results."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from . import __version__
from .errors import RxnewsError

if TYPE_CHECKING:
    import sqlite3

    from .db import Loader
    from .run.batch import Batch, Counts

FORMATS = ("table", "json", "jsonl", "csv")
_EXTENSION_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .facts.date_values import check_release_date

    try:
        return None if value is None else check_release_date(value)
    except RxnewsError as err:
        raise click.BadParameter(str(err)) from None


# Options shared by several commands.
_patterns_option = click.option("--patterns", "pattern_dirs", multiple=True, type=click.Path(file_okay=False),
                                help="Extra directory of *.jsonl pattern files (repeatable).")
_max_bytes_option = click.option("--max-bytes", type=click.IntRange(min=1), default=20_000_000,
                                 show_default=True, help="Refuse inputs larger than this.")


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
              help="Write to FILE (atomically; one run at a time) instead of standard output.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for many inputs. Default: all cores; at most one per input "
                   "and two per core.")
@click.option("--release-date", callback=_check_date,
              help="Anchor date (YYYY-MM-DD) for texts without a dateline of their own.")
@_patterns_option
@click.option("--glob", "globs", multiple=True,
              help="File pattern for folders, ignoring case (repeatable). Default: text, Markdown "
                   "and HTML files.")
@_max_bytes_option
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
    globs = tuple(globs) or DEFAULT_GLOBS
    # With --db the database is the output: records reach standard output only when asked for.
    silent = database is not None and output is None and fmt is None
    try:
        batch = Batch(paths, pattern_dirs=pattern_dirs,
                      fmt="jsonl" if silent else fmt or _default_format(output),
                      output=output, jobs=jobs, scheduler=scheduler, resume=resume,
                      release_date=release_date, max_bytes=max_bytes, globs=globs,
                      debug=_debug(), stdin=sys.stdin.buffer if "-" in paths else None)
    except RxnewsError as err:
        _fail_with(err)
    except KeyboardInterrupt as stop:  # while the patterns load: nothing was written yet
        _stopped(stop, None, started)
    _announce(batch, globs, quiet)
    stdout = sys.stdout  # taken before the progress bar starts: records never go through it
    # Records printed to the terminal show the progress themselves; a bar would be drawn among them.
    show_progress = (not quiet and sys.stderr.isatty() and len(batch.files) > 1
                     and (output is not None or silent or not stdout.isatty()))
    with contextlib.ExitStack() as stack:
        loader = _open_loader(stack, database)
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


def _announce(batch: Batch, globs: tuple[str, ...], quiet: bool) -> None:
    """Lines on stderr before the run: what a resumed run starts from, leftovers, notes."""
    from .inputs import escape_path

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
    from .run.signals import signal_number

    signum = signal_number(stop)
    name = "interrupted" if signum == signal.SIGINT else f"stopped by {signal.Signals(signum).name}"
    with suppress(OSError):  # after a hangup, the terminal may be gone
        if counts is not None:
            _summarise(counts, started)
        click.echo(f"rxnews: {name}; completed records were kept{kept}", err=True)
    sys.exit(128 + signum)


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


def _summarise_load(counts, database: str, started: float | None = None) -> None:
    """The load's summary line; with `started` (rxnews load), failed lines and time too."""
    more = "" if started is None else f", {counts.failed} failed, {time.monotonic() - started:.1f}s"
    click.echo(f"rxnews: {database}: {counts.loaded} loaded, {counts.replaced} replaced, "
               f"{counts.unchanged} unchanged{more}", err=True)


@cli.command()
@click.argument("file")
@_max_bytes_option
def text(file: str, max_bytes: int) -> None:
    """Print the decoded text that the offsets of FILE's record refer to.

    FILE is a file or - for standard input. For HTML this is the page's visible text,
    as `rxnews extract` reads it, not the markup.

    \b
    Example:
        rxnews text release.html > release.txt
    """
    from .inputs import read_input, source_of
    from .inputs.paths import STDIN_SOURCE

    source = source_of(file)
    try:
        doc = (read_input(STDIN_SOURCE, sys.stdin.buffer.read(), max_bytes) if file == "-"
               else read_input(file, max_bytes=max_bytes))
    except RxnewsError as err:
        click.echo(f"rxnews: error: {source}: {getattr(err, 'reason', err)}", err=True)
        sys.exit(1)
    if doc.empty:
        click.echo(f"rxnews: warning: {source}: empty input", err=True)
    click.echo(doc.text, nl=bool(doc.text) and not doc.text.endswith("\n"))


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
@_patterns_option
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
@_patterns_option
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
