"""Score extracted records against gold files (`NAME.gold.json` beside `NAME.txt`).

Items match when their names or aliases agree after folding case, punctuation,
hyphens, spaces, trade marks and British spellings (targets also by HGNC
symbol); events match on (type, date). Gold items marked `optional` are neither
missed nor wrong; planned predicted events are not scored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldError
from .text import fold_key

FIELDS = ("drugs", "targets", "indications", "agencies", "events", "events_agency")
# Fields scored on another field's items: events again, matched on their agency too.
SOURCE = {"events_agency": "events"}
# The fields scored on events, matched on (type, date): "events" and "events_agency".
EVENT_SCORES = tuple(name for name in FIELDS if SOURCE.get(name, name) == "events")
# The fields of a gold file that are read.
GOLD_FIELDS = tuple(dict.fromkeys(SOURCE.get(name, name) for name in FIELDS))


@dataclass
class Score:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class DocResult:
    """The comparison of one document: scores and the items that went wrong."""

    name: str
    scores: dict[str, Score]
    release_date_ok: bool
    missed: dict[str, list[str]] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Report:
    """Scores over a set of documents."""

    docs: list[DocResult] = field(default_factory=list)

    def total(self, name: str) -> Score:
        """Return the summed score of one field."""
        score = Score()
        for doc in self.docs:
            score.add(doc.scores[name])
        return score

    @property
    def release_date_accuracy(self) -> float:
        return sum(d.release_date_ok for d in self.docs) / len(self.docs) if self.docs else 1.0

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready data."""
        fields = {}
        for name in FIELDS:
            s = self.total(name)
            fields[name] = {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                            "f1": round(s.f1, 4), "tp": s.tp, "fp": s.fp, "fn": s.fn}
        return {"documents": len(self.docs), "fields": fields,
                "release_date_accuracy": round(self.release_date_accuracy, 4),
                "errors": [{"document": d.name, "missed": d.missed, "wrong": d.wrong,
                            "release_date_ok": d.release_date_ok}
                           for d in self.docs if d.missed or d.wrong or not d.release_date_ok]}


def item_keys(item: dict[str, Any], name: str, *, predicted: bool = False) -> set[Any]:
    """Return the keys an item can be matched by.

    Events match on (type, date), and for `events_agency` on the agency too; a gold date
    at year precision matches any date in that year (a predicted event also has the key
    of its year).
    """
    if name in EVENT_SCORES:
        date = item.get("date")
        agency = (item.get("agency") or "").upper() if name == "events_agency" else None
        dates = {date, date[:4]} if predicted and date else {date}
        return {(item.get("type"), d, agency) for d in dates}
    keys: set[Any] = {fold_key(item.get("name") or "")}
    keys.update(fold_key(a) for a in item.get("aliases") or [])
    if name == "targets" and item.get("symbol"):
        keys.add(("symbol", item["symbol"].upper()))
    keys.discard("")
    return keys


def _label(item: dict[str, Any], name: str) -> str:
    if name in EVENT_SCORES:
        return f"{item.get('type')}@{item.get('date')}" + (
            f" ({item.get('agency')}, {item.get('drug')})" if item.get("agency") or item.get("drug")
            else "")
    return str(item.get("name"))


def compare(predicted: list[dict[str, Any]], gold: list[dict[str, Any]],
            name: str) -> tuple[Score, list[str], list[str]]:
    """Match predicted items to gold items one to one; return score, missed and wrong labels."""
    if name in EVENT_SCORES:
        predicted = [p for p in predicted if not p.get("planned")]
    pred_keys = [item_keys(p, name, predicted=True) for p in predicted]
    used = [False] * len(predicted)
    score = Score()
    missed = []
    ordered = sorted(gold, key=lambda g: bool(g.get("optional")))
    for item in ordered:
        keys = item_keys(item, name)
        # Prefer a prediction whose own name is the gold name, then any shared key.
        candidates = [i for i, pk in enumerate(pred_keys) if not used[i] and pk & keys]
        name_key = item_keys({"name": item.get("name")}, name)
        hit = next((i for i in candidates
                    if item_keys({"name": predicted[i].get("name")}, name) & name_key),
                   candidates[0] if candidates else None)
        if hit is not None:
            used[hit] = True
            if not item.get("optional"):
                score.tp += 1
        elif not item.get("optional"):
            score.fn += 1
            missed.append(_label(item, name))
    wrong = [_label(p, name) for p, u in zip(predicted, used, strict=True) if not u]
    score.fp = len(wrong)
    return score, missed, wrong


def compare_record(record: dict[str, Any], gold: dict[str, Any], name: str) -> DocResult:
    """Compare one extracted record with its gold annotation."""
    result = DocResult(name, {}, record.get("release_date") == gold.get("release_date"))
    for fname in FIELDS:
        field_name = SOURCE.get(fname, fname)
        score, missed, wrong = compare(record.get(field_name) or [], gold.get(field_name) or [], fname)
        result.scores[fname] = score
        if missed:
            result.missed[fname] = missed
        if wrong:
            result.wrong[fname] = wrong
    return result


def gold_pairs(gold_dir: str | Path) -> list[tuple[Path, Path]]:
    """Return (text, gold) file pairs under a directory, recursively, in sorted order."""
    root = Path(gold_dir)
    if not root.is_dir():
        raise GoldError(str(root), "not a directory")
    pairs = []
    for gold in sorted(root.rglob("*.gold.json")):
        text = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
        if not text.exists():
            raise GoldError(str(gold), f"no text file {text.name} beside it")
        pairs.append((text, gold))
    if not pairs:
        raise GoldError(str(root), "no *.gold.json files found")
    return pairs


def load_gold(path: Path) -> dict[str, Any]:
    """Read and check one gold file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise GoldError(str(path), f"cannot read gold JSON: {err}") from None
    if not isinstance(data, dict):
        raise GoldError(str(path), "expected a JSON object")
    for fname in GOLD_FIELDS:
        if not isinstance(data.get(fname, []), list):
            raise GoldError(str(path), f"'{fname}' must be a list")
    return data


def evaluate(pairs: Iterable[tuple[Path, Path]], extract: Any) -> Report:
    """Run `extract(text, source)` -> record dict on each text and score it."""
    report = Report()
    for text_path, gold_path in pairs:
        gold = load_gold(gold_path)
        record = extract(text_path.read_text(encoding="utf-8"), str(text_path))
        report.docs.append(compare_record(record, gold, text_path.stem))
    return report
