"""The `rxnews` command line: parse options, call the library, print results.

Here: the command group, the entry point and the small commands (`text`, `schema`, `patterns`,
`eval`). `extract` is in `cli.extract`, the database commands in `cli.database`, what commands
share (formats, options, error exits) in `cli.options`. Click is imported in this package only.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import RxnewsError
from .database import drugs, load, timeline
from .extract import extract
from .options import fail_with, max_bytes_option, patterns_option


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


# The commands in modules of their own.
cli.add_command(extract)
cli.add_command(load)
cli.add_command(drugs)
cli.add_command(timeline)


@cli.command()
@click.argument("file")
@max_bytes_option
def text(file: str, max_bytes: int) -> None:
    """Print the decoded text that the offsets of FILE's record refer to.

    FILE is a file or - for standard input. For HTML this is the page's visible text,
    as `rxnews extract` reads it, not the markup.

    \b
    Example:
        rxnews text release.html > release.txt
    """
    from ..inputs import read_input, source_of
    from ..inputs.paths import STDIN_SOURCE

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
    from ..record import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


@cli.command()
@patterns_option
def patterns(pattern_dirs: tuple[str, ...]) -> None:
    """List and validate the pattern files in use: every bad line, then exit 2.

    \b
    Example:
        rxnews patterns --patterns my_patterns/
    """
    from collections import Counter

    from ..matching.patterns import read_directories

    try:
        files = read_directories(map(Path, pattern_dirs), check_shipped=True)
    except RxnewsError as err:
        fail_with(err)
    for path, entries in files:
        labels = Counter(e.label for e in entries)
        summary = ", ".join(f"{n} {label}" for label, n in sorted(labels.items()))
        click.echo(f"{path}: {sum(labels.values())} patterns ({summary})")
    click.echo("all pattern files are valid")


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Report format.")
@patterns_option
@click.option("-v", "--verbose", is_flag=True, help="List missed and wrong items per document.")
def evaluate(gold_dir: str, fmt: str, pattern_dirs: tuple[str, ...], verbose: bool) -> None:
    """Score the extractor against gold files (NAME.gold.json beside NAME.txt).

    Prints precision, recall and F1 per field, and release-date accuracy.

    \b
    Example:
        rxnews eval samples/
    """
    from ..evaluate import FIELDS, gold_pairs
    from ..evaluate import evaluate as run_eval
    from ..extractor import Extractor

    try:
        pairs = gold_pairs(gold_dir)
        extractor = Extractor(pattern_dirs)
        report = run_eval(pairs, lambda text, src: extractor.extract(text, source=src).to_dict())
    except RxnewsError as err:
        fail_with(err)
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
    """Console-script entry point: run the CLI, ending quietly on a closed pipe (exit 141, as a
    shell reports a command killed by SIGPIPE: `rxnews extract DIR | head` is no failure)."""
    from click.utils import PacifyFlushWrapper

    try:
        cli()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
    except SystemExit as done:
        # Click ends a command whose output pipe closed with exit 1, after wrapping the streams.
        if done.code == 1 and isinstance(sys.stdout, PacifyFlushWrapper):
            sys.exit(141)
        raise
