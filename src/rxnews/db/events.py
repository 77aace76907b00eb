"""Entity resolution of events: one milestone across every release that reports it.

Two reported events are one when their type, drug and agency agree, their dates are
compatible (one is a prefix of the other: `2024-10` and `2024-10-15`, an undated
event and any date) and so are their trial phases (when both give one). The merged
event keeps the most precise date and is a plan only while every report is one.
Events without a drug are not merged across releases: nothing says they are one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .names import phase_key
from .schema import placeholders


class Reported(NamedTuple):
    """What one release says of an event, as far as resolution needs it."""

    type: str
    drug_id: int | None
    agency: str | None
    date: str | None
    date_precision: str | None
    planned: bool
    indication_id: int | None
    phase: str | None


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether one date is a prefix of the other (an undated event fits any date)."""
    a, b = a or "", b or ""
    return a.startswith(b) or b.startswith(a)


_SOURCE = ("SELECT s.release_id, s.seq, s.type, m.drug_id, s.agency, s.date, s.date_precision, s.planned, "
           "s.indication_id, s.phase FROM event_sources s "
           "LEFT JOIN mentions m ON m.release_id = s.release_id AND m.item = s.item ")


class EventResolver:
    """Reported events to event entities, in one open transaction of `conn`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def attach(self, event: Reported) -> int:
        """The id of the event entity a reported event is (created or updated)."""
        if event.drug_id is not None:
            best = self._match(event)
            if best is not None:
                self._update(best, event)
                return best[0]
        return self.conn.execute(
            "INSERT INTO events (type, drug_id, agency, date, date_precision, planned, indication_id, phase) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event.type, event.drug_id, event.agency, event.date, event.date_precision, int(event.planned),
             event.indication_id, event.phase)).lastrowid

    def _match(self, event: Reported) -> tuple | None:
        """The entity to join: the same date, else the longest date agreement, else the oldest."""
        phase = phase_key(event.phase)
        candidates = [
            row for row in self.conn.execute(
                "SELECT event_id, date, date_precision, planned, indication_id, phase FROM events "
                "WHERE drug_id = ? AND type = ? AND agency IS ? ORDER BY event_id",
                (event.drug_id, event.type, event.agency))
            if dates_compatible(row[1], event.date)
            and (phase is None or row[5] is None or phase_key(row[5]) == phase)]
        if not candidates:
            return None
        return max(candidates, key=lambda row: (row[1] == event.date,
                                                min(len(row[1] or ""), len(event.date or "")), -row[0]))

    def _update(self, row: tuple, event: Reported) -> None:
        event_id, date, precision, planned, indication_id, phase = row
        if len(event.date or "") > len(date or ""):
            date, precision = event.date, event.date_precision
        self.conn.execute(
            "UPDATE events SET date = ?, date_precision = ?, planned = ?, indication_id = ?, phase = ? "
            "WHERE event_id = ?",
            (date, precision, int(bool(planned) and event.planned), indication_id or event.indication_id,
             phase or event.phase, event_id))

    def detach(self, drug_ids: Sequence[int]) -> list[tuple[int, int]]:
        """Delete the events of these drugs; return their reports, (release_id, seq), to attach again."""
        marks = placeholders(drug_ids)
        sources = self.conn.execute(
            "SELECT s.release_id, s.seq FROM event_sources s JOIN events e ON e.event_id = s.event_id "
            f"WHERE e.drug_id IN ({marks}) ORDER BY s.release_id, s.seq", list(drug_ids)).fetchall()
        self.conn.execute("UPDATE event_sources SET event_id = NULL WHERE event_id IN "
                          f"(SELECT event_id FROM events WHERE drug_id IN ({marks}))", list(drug_ids))
        self.conn.execute(f"DELETE FROM events WHERE drug_id IN ({marks})", list(drug_ids))
        return sources

    def attach_all(self, sources: list[tuple[int, int]]) -> None:
        """Attach reports (release_id, seq) again, in load order, with their items' current drugs."""
        for release_id, seq in sorted(sources):
            row = self.conn.execute(_SOURCE + "WHERE s.release_id = ? AND s.seq = ?",
                                    (release_id, seq)).fetchone()
            event_id = self.attach(Reported(*row[2:7], bool(row[7]), *row[8:]))
            self.conn.execute("UPDATE event_sources SET event_id = ? WHERE release_id = ? AND seq = ?",
                              (event_id, release_id, seq))

    def refresh(self, event_ids: Iterable[int]) -> None:
        """Recompute events from their remaining reports (after a release is removed); delete those left
        without any. The reports of an event are prefixes of its date, so they still agree."""
        for event_id in event_ids:
            reports = self.conn.execute(
                "SELECT date, date_precision, planned, indication_id, phase FROM event_sources "
                "WHERE event_id = ? ORDER BY release_id, seq", (event_id,)).fetchall()
            if not reports:
                self.conn.execute("DELETE FROM events WHERE event_id = ?", (event_id,))
                continue
            date, precision = max(((d, p) for d, p, *_ in reports), key=lambda r: len(r[0] or ""))
            self.conn.execute(
                "UPDATE events SET date = ?, date_precision = ?, planned = ?, indication_id = ?, phase = ? "
                "WHERE event_id = ?",
                (date, precision, int(all(r[2] for r in reports)),
                 next((r[3] for r in reports if r[3] is not None), None),
                 next((r[4] for r in reports if r[4] is not None), None), event_id))

    def rebuild(self, drug_ids: Sequence[int]) -> None:
        """Resolve the events of these drugs again (after they were merged into one)."""
        self.attach_all(self.detach(drug_ids))
