"""What the commands share: output formats, common options, checks and error exits."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import RxnewsError

FORMATS = ("table", "json", "jsonl", "csv")
_EXTENSION_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The callback of a date option: the date checked (`check_release_date`), else a usage error."""
    from ..facts.date_values import check_release_date

    try:
        return None if value is None else check_release_date(value)
    except RxnewsError as err:
        raise click.BadParameter(str(err)) from None


# Options shared by several commands.
patterns_option = click.option("--patterns", "pattern_dirs", multiple=True, type=click.Path(file_okay=False),
                               help="Extra directory of *.jsonl pattern files (repeatable).")
max_bytes_option = click.option("--max-bytes", type=click.IntRange(min=1), default=20_000_000,
                                show_default=True, help="Refuse inputs larger than this.")


def fail_with(err: RxnewsError, code: int = 2) -> None:
    """Report a library error: one line per problem (every bad pattern line), then exit."""
    for line in str(err).splitlines():
        click.echo(f"rxnews: error: {line}", err=True)
    sys.exit(code)


def default_format(output: str | None) -> str:
    """The output format when --format is not given: by file extension, else by terminal."""
    if output:
        return _EXTENSION_FORMATS.get(Path(output).suffix.lower(), "jsonl")
    return "table" if sys.stdout.isatty() else "jsonl"
