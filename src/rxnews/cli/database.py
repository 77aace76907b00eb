"""The pipeline-database commands (`load`, `drugs`, `timeline`) and the loader of `extract --db`."""

from __future__ import annotations

import contextlib
import sys
import time
from typing import TYPE_CHECKING

import click

from ..errors import RxnewsError
from .options import FORMATS, check_date, default_format, fail_with

if TYPE_CHECKING:
    import sqlite3

    from ..db import Loader


def open_loader(stack: contextlib.ExitStack, database: str | None) -> Loader | None:
    """The loader of `--db` (None without it), closed with `stack`; a bad database exits 2."""
    if database is None:
        return None
    from ..db import Loader

    try:
        return stack.enter_context(Loader(database))
    except RxnewsError as err:
        fail_with(err)


def summarise_load(counts, database: str, started: float | None = None) -> None:
    """The load's summary line; with `started` (rxnews load), failed lines and time too."""
    more = "" if started is None else f", {counts.failed} failed, {time.monotonic() - started:.1f}s"
    click.echo(f"rxnews: {database}: {counts.loaded} loaded, {counts.replaced} replaced, "
               f"{counts.unchanged} unchanged{more}", err=True)


@click.command()
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
    from ..errors import DatabaseError

    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        loader = open_loader(stack, database)
        try:
            loader.load_jsonl(records, lambda err: click.echo(f"rxnews: error: {err}", err=True),
                              stdin=sys.stdin.buffer if "-" in records else None)
            loader.commit()
        except DatabaseError as err:
            fail_with(err, 1)
        except KeyboardInterrupt:
            click.echo("rxnews: interrupted; the batches loaded before were kept", err=True)
            sys.exit(130)
    if not quiet:
        summarise_load(loader.counts, database, started)
    sys.exit(1 if loader.counts.failed else 0)


def _query_db(database: str) -> sqlite3.Connection:
    """Open a pipeline database for a query; a missing or foreign file exits 2."""
    from ..db import connect

    try:
        return connect(database)
    except RxnewsError as err:
        fail_with(err)


@click.command()
@click.argument("database")
@click.option("--target", help="An HGNC symbol or target name (CD274, PD-L1).")
@click.option("--indication", help="A DOID, or part of an indication's name (lung cancer).")
@click.option("--company", help="Part of a company's name that any release gives the drug.")
@click.option("--agency", help="An agency of one of its events (FDA, NMPA).")
@click.option("--since", callback=check_date, help="Only drugs with a milestone on or after this date.")
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
    from ..db.query import drug_ids, drug_rows
    from ..db.render import write_drugs

    fmt = fmt or default_format(None)
    conn = _query_db(database)
    with contextlib.closing(conn):
        ids = drug_ids(conn, target=target, indication=indication, company=company, agency=agency,
                       since=since)
        write_drugs(drug_rows(conn, ids, sources=fmt in ("json", "jsonl")), fmt, sys.stdout)


@click.command()
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
    from ..db.query import find_drug
    from ..db.query import timeline as drug_timeline
    from ..db.render import write_timeline
    from ..errors import UnknownDrugError

    conn = _query_db(database)
    with contextlib.closing(conn):
        try:
            drug_id, others = find_drug(conn, name, database)
        except UnknownDrugError as err:
            fail_with(err, 1)
        if others:
            click.echo(f"rxnews: note: {name!r} also names {', '.join(others)}", err=True)
        write_timeline(drug_timeline(conn, drug_id), fmt or default_format(None), sys.stdout)
