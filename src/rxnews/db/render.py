"""Render the answers of the pipeline database: JSON, JSON Lines, CSV or rich tables."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from ..output import Writer
from ..record import Target, json_line

DRUG_COLUMNS = ["id", "name", "kind", "aliases", "company", "modality", "targets", "indications",
                "latest_type", "latest_date", "latest_agency", "releases"]
EVENT_COLUMNS = ["drug", "type", "date", "date_precision", "agency", "planned", "indication", "phase",
                 "releases", "sources", "evidence"]


def _names(items: list[Any]) -> str:
    return "; ".join(item["name"] if isinstance(item, dict) else item for item in items)


def drug_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A drug row flattened for CSV: lists joined by "; ", the latest milestone in three columns."""
    latest = row["latest"] or {}
    return {**{key: row[key] for key in ("id", "name", "kind", "company", "modality", "releases")},
            "aliases": _names(row["aliases"]), "targets": _names(row["targets"]),
            "indications": _names(row["indications"]), "latest_type": latest.get("type"),
            "latest_date": latest.get("date"), "latest_agency": latest.get("agency")}


def write_drugs(rows: Iterable[dict[str, Any]], fmt: str, stream: IO[str]) -> int:
    """Write drug rows (`query.drug_rows`) in `fmt`, streaming except for a table; return how many."""
    if fmt == "table":
        rows = list(rows)
        _console(stream).print(_drug_table(rows))
        return len(rows)
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=DRUG_COLUMNS, lineterminator="\n")
        writer.writeheader()
        count = 0
        for row in rows:
            writer.writerow(drug_csv_row(row))
            count += 1
        return count
    out = Writer(stream, fmt)  # a JSON array or JSON Lines, as records are written
    for row in rows:
        out.write(row)
    out.close()
    return out.count


def write_timeline(data: dict[str, Any], fmt: str, stream: IO[str]) -> None:
    """Write a drug's timeline (`query.timeline`) in `fmt`: JSON Lines is the object on one line."""
    if fmt == "json":
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        stream.write(json_line(data) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=EVENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in data["events"]:
            sources = event["sources"]
            writer.writerow({**{k: event[k] for k in EVENT_COLUMNS if k in event},
                             "drug": data["drug"]["name"],
                             "releases": len(sources), "sources": "; ".join(s["source"] for s in sources),
                             "evidence": _one_line(sources[0]["evidence"]) if sources else None})
    else:
        console = _console(stream)
        for renderable in _timeline_renderables(data):
            console.print(renderable)


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if text else text


def _console(stream: IO[str]) -> Any:
    from rich.console import Console

    return Console(file=stream, soft_wrap=False)


def _drug_table(rows: list[dict[str, Any]]) -> Any:
    from rich.table import Table

    title = f"{len(rows)} drug" + ("" if len(rows) == 1 else "s")
    table = Table(show_header=True, header_style="bold", title=title)
    for column in ("drug", "aliases", "company", "modality", "targets", "indications", "latest milestone",
                   "releases"):
        table.add_column(column, justify="right" if column == "releases" else "left")
    for row in rows:
        latest = row["latest"]
        table.add_row(row["name"], ", ".join(row["aliases"]), row["company"] or "-", row["modality"] or "-",
                      ", ".join(Target.brief(t) for t in row["targets"]),
                      "\n".join(i["name"] for i in row["indications"]),
                      f"{latest['type']} {latest['date']}" if latest else "-", str(row["releases"]))
    return table


def _timeline_renderables(data: dict[str, Any]) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    drug = data["drug"]
    header = Text()
    header.append(drug["name"], style="bold")
    if drug["aliases"]:
        header.append(" = " + ", ".join(drug["aliases"]))
    facts = [("company", drug["company"]), ("modality", drug["modality"]),
             ("targets", ", ".join(Target.brief(t) for t in drug["targets"])),
             ("indications", ", ".join(i["name"] for i in drug["indications"])),
             ("releases", str(drug["releases"]))]
    for label, value in facts:
        if value:
            header.append(f"\n{label}: ", style="bold")
            header.append(value)
    events = Table(show_header=True, header_style="bold", title="Timeline")
    for column in ("date", "event", "agency", "reported by", "evidence"):
        events.add_column(column)
    for event in data["events"]:
        kind = event["type"] + (" (planned)" if event["planned"] else "")
        reported = "\n".join(s["source"] + (f" ({s['release_date']})" if s["release_date"] else "")
                             for s in event["sources"])
        evidence = _one_line(event["sources"][0]["evidence"]) if event["sources"] else None
        events.add_row(event["date"] or "undated", kind, event["agency"] or "-", reported,
                       _shorten(evidence or "-", 160))
    return [header, events]


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 3].rstrip() + "..."
