"""Render records as JSON, JSON Lines, CSV rows (one per event) or rich tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import IO, Any

from .record import csv_layout, event_columns, item_class, json_line, table_rows

FORMATS = ("table", "json", "jsonl", "csv")
CSV_LAYOUT = csv_layout()  # (column, record field, item field), from the record model
CSV_COLUMNS = [column for column, _, _ in CSV_LAYOUT]


def csv_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield flat CSV rows for a record: one per event, or one row if it has none."""
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
            row[column] = "" if value is None else value
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
            if self._csv is None:
                self._csv = csv.DictWriter(self.stream, fieldnames=CSV_COLUMNS,
                                           lineterminator="\n")
                self._csv.writeheader()
            for row in csv_rows(record):
                self._csv.writerow(row)
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
        """Finish the output (closes the JSON array)."""
        if self.fmt == "json":
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")
            self.stream.flush()

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
                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._task = self._progress.add_task("extract", total=total)

    def __enter__(self) -> ProgressBar:
        if self._progress:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress:
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
    """Return rich renderables for one record: a header, the entities and the events."""
    from rich.table import Table
    from rich.text import Text

    header = Text()
    header.append(record["source"] or "<text>", style="bold")
    if record["release_date"]:
        header.append(f"  released {record['release_date']}")
    if record["title"]:
        header.append(f"\n{record['title']}", style="italic")
    facts = Table(show_header=True, header_style="bold", expand=False, title="Facts")
    facts.add_column("field")
    facts.add_column("values")
    for name, joiner in table_rows():
        brief = item_class(name).brief
        facts.add_row(name, _JOINERS[joiner].join(brief(item) for item in record[name]))
    events = Table(show_header=True, header_style="bold", title="Events")
    columns = event_columns()
    for column in columns:
        events.add_column(column)
    for e in record["events"]:
        events.add_row(*(_cell(e[column]) for column in columns))
    return [header, facts, events]


_JOINERS = {"lines": "\n", "commas": ", "}


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
