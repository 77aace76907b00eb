"""Render records as JSON, JSON Lines, CSV rows (one per event) or rich tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import suppress
from typing import IO, Any

from .record import csv_layout, event_columns, item_class, json_line, table_rows

FORMATS = ("table", "json", "jsonl", "csv")
CSV_LAYOUT = csv_layout()  # (column, record field, item field), from the record model
CSV_COLUMNS = [column for column, _, _ in CSV_LAYOUT]
# What a spreadsheet runs as a formula when a cell starts with it (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A CSV cell: `true`/`false` for a flag, "" for null, text that a spreadsheet would run as a
    formula (starting with = + - @, a tab or a carriage return) after a single quote (OWASP)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_rows(record: dict[str, Any]) -> Iterator[dict[str, str]]:
    """Yield flat CSV rows for a record, every cell a `csv_cell`: one per event, or one row if it
    has none."""
    for row in _flat_rows(record):
        yield {column: csv_cell(value) for column, value in row.items()}


def _flat_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    base: dict[str, Any] = {}
    listed: dict[str, str] = {}  # column: the item field it shows
    items: list[dict[str, Any]] = []
    for column, name, key in CSV_LAYOUT:
        value = record[name]
        if key is not None:
            listed[column], items = key, value
        elif isinstance(value, list):
            base[column] = "; ".join(item["name"] for item in value)
        else:
            base[column] = value
    if not items:
        yield {**base, **dict.fromkeys(listed, "")}
        return
    for item in items:
        row = dict(base)
        for column, key in listed.items():
            value = item[key]
            if isinstance(value, dict):  # a mention: its text, on one line
                value = " ".join(value["text"].split())
            row[column] = value
        yield row


class Writer:
    """Stream records to a text stream in one format."""

    def __init__(self, stream: IO[str], fmt: str) -> None:
        self.stream = stream
        self.fmt = fmt
        self.count = 0
        self._csv: csv.DictWriter | None = None
        self._console: Any = None

    def write(self, record: dict[str, Any]) -> None:
        """Write one record."""
        if self.fmt == "jsonl":
            self.write_line(json_line(record))
            return
        if self.fmt == "json":
            self.stream.write(("[\n" if self.count == 0 else ",\n") +
                              json.dumps(record, ensure_ascii=False, indent=2))
        elif self.fmt == "csv":
            writer = self._csv_writer()
            for row in csv_rows(record):
                writer.writerow(row)
        else:
            self._write_table(record)
        self.count += 1
        self.stream.flush()

    def write_line(self, line: str) -> None:
        """Write one record given as its JSON line (`Record.to_json`)."""
        if self.fmt != "jsonl":
            self.write(json.loads(line))
            return
        self.stream.write(line + "\n")
        self.count += 1
        self.stream.flush()

    def close(self) -> None:
        """Finish the output: close the JSON array; a CSV has its header even without records."""
        if self.fmt == "json":
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "csv":
            self._csv_writer()
        self.stream.flush()

    def _csv_writer(self) -> csv.DictWriter:
        """The CSV writer, made and its header written on first use."""
        if self._csv is None:
            self._csv = csv.DictWriter(self.stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
            self._csv.writeheader()
        return self._csv

    def _write_table(self, record: dict[str, Any]) -> None:
        from rich.console import Console

        if self._console is None:
            self._console = Console(file=self.stream, soft_wrap=False)
        for renderable in render_tables(record):
            self._console.print(renderable)


class ProgressBar:
    """A rich progress bar on stderr: files done of total, docs/s and time left.

    Use as a context manager; `total=None` gives a bar that shows nothing.
    """

    def __init__(self, total: int | None) -> None:
        self._progress: Any = None
        if total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), _rate_column(),
                TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                redirect_stdout=False)  # records stay on standard output, never on the terminal
            self._task = self._progress.add_task("extract", total=total)

    def __enter__(self) -> ProgressBar:
        if self._progress:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress:
            with suppress(OSError):  # the terminal may be gone (a hangup)
                self._progress.stop()

    def advance(self) -> None:
        """Count one more input done."""
        if self._progress:
            self._progress.advance(self._task)


def _rate_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Documents per second, averaged by rich over the last 30 seconds."""

        def render(self, task: Any) -> Text:
            return Text("-- docs/s" if task.speed is None else f"{task.speed:.1f} docs/s")

    return RateColumn()


def render_tables(record: dict[str, Any]) -> list[Any]:
    """Return rich renderables for one record: a header, the entities and the events.

    They fit 80 columns: long values wrap (words too long for a cell are folded, never cut),
    and the events table drops the columns that no event fills.
    """
    from rich.table import Table
    from rich.text import Text

    header = Text(overflow="fold")
    header.append(record["source"] or "<text>", style="bold")
    if record["release_date"]:
        header.append(f"  released {record['release_date']}")
    if record["title"]:
        header.append(f"\n{record['title']}", style="italic")
    # No outer frames: at 80 columns, the characters they take are better given to the values.
    facts = Table(show_header=True, header_style="bold", expand=False, title="Facts", show_edge=False)
    facts.add_column("field", no_wrap=True)
    facts.add_column("values", overflow="fold")
    for name, joiner in table_rows():
        brief = item_class(name).brief
        facts.add_row(name, _JOINERS[joiner].join(brief(item) for item in record[name]) or "-")
    events = Table(show_header=True, header_style="bold", title="Events", show_edge=False)
    rows = [[_cell(e[column]) for column in event_columns()] for e in record["events"]]
    shown = [i for i, column in enumerate(event_columns())
             if column == "type" or not rows or any(row[i] not in ("", "-") for row in rows)]
    for i in shown:
        column = event_columns()[i]
        # Types and dates are short and read as one word: never broken.
        events.add_column(column, no_wrap=column in _UNBROKEN, overflow="fold")
    for row in rows:
        events.add_row(*(row[i] for i in shown))
    return [header, facts, events]


_JOINERS = {"lines": "\n", "commas": ", "}
_UNBROKEN = ("type", "date")


def _cell(value: Any) -> str:
    """A table cell: "-" for null, "yes" or "" for a flag."""
    if isinstance(value, bool):
        return "yes" if value else ""
    return "-" if value is None else str(value)


def render_text(record: dict[str, Any], fmt: str) -> str:
    """Render one record to a string in `fmt` (for tests and the Python API)."""
    buffer = io.StringIO()
    writer = Writer(buffer, fmt)
    writer.write(record)
    writer.close()
    return buffer.getvalue()
