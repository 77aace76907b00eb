"""Benchmark the pipeline database: load time, peak memory and query times at N and 10N records.

    python bench/db.py --n 10000 --repeat 2

Generates N synthetic records (invented products, each named by several releases under
its code, INN or brand, with milestones reported again at other date precisions), then,
in a fresh process per size:

- loads them into a new database (`Loader.load_jsonl`), timed, with the peak memory
  (maximum resident set size) of that process,
- loads the same file again with 1% of the records changed (99% skipped, 1% replaced),
- times the queries of `rxnews drugs` (all drugs, and by target, indication, company,
  agency, date) and `rxnews timeline` of the drug named by the most releases (best of 3).

Load time should grow linearly (10x the records, about 10x the time) and memory stay
bounded (SQLite's page cache is 64 MiB). The invented targets, indications and
companies are a fixed pool, so at 10N a filter returns about 10 times the rows: query
times are to be read per row returned.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

EVENT_TYPES = ["ind_clearance", "orphan_drug", "fast_track", "breakthrough_therapy", "first_patient_dosed",
               "data_readout", "marketing_submission", "approval"]
AGENCIES = ["FDA", "EMA", "NMPA", "PMDA", None]
SYLLABLES = ["ra", "ve", "lo", "ti", "zu", "mo", "ne", "ka", "si", "do", "pe", "xa", "fi", "gu", "be"]
STEMS = ["mab", "tinib", "ciclib", "parib", "siran"]


def word(i: int, length: int = 4) -> str:
    """A pronounceable made-up word, one per number."""
    parts = []
    for _ in range(length):
        i, r = divmod(i, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts)


def product(i: int, rng: random.Random) -> dict:
    """An invented product: a code, an INN (most), a brand (some), a target, a company, milestones."""
    year = rng.randint(2015, 2024)
    milestones = []
    for kind in rng.sample(EVENT_TYPES, rng.randint(2, 5)):
        month = rng.randint(1, 12)
        milestones.append((kind, rng.choice(AGENCIES), f"{year}-{month:02d}-{rng.randint(1, 28):02d}"))
        year += rng.randint(0, 1)
    return {"code": f"SYN-{i:06d}", "inn": word(i) + rng.choice(STEMS) if rng.random() < 0.8 else None,
            "brand": word(i, 3).capitalize() + "x" if rng.random() < 0.5 else None,
            "target": (f"TGT{i % 400}", f"SYM{i % 400}"), "company": f"Company {word(i % 2000, 2)}",
            "indication": (f"disease {word(i % 600, 3)}", f"DOID:{i % 600}"), "milestones": milestones}


def record(n: int, products: list[dict], rng: random.Random, version: int = 0) -> dict:
    """Release n: one to three products (the popular ones more often), each under one or two names."""
    chosen_products = list({id(p): p for p in rng.choices(products, weights=WEIGHTS[len(products)],
                                                          k=rng.randint(1, 3))}.values())
    drugs, events = [], []
    for p in chosen_products:
        names = [x for x in (p["code"], p["inn"], p["brand"]) if x]
        chosen = rng.sample(names, min(len(names), rng.choice([1, 2])))
        kind = "code" if chosen[0] == p["code"] else "inn" if chosen[0] == p["inn"] else "brand"
        drugs.append({"name": chosen[0], "kind": kind, "aliases": chosen[1:], "modality": "antibody",
                      "targets": [p["target"][0]], "company": p["company"],
                      "mentions": [{"start": 0, "end": len(chosen[0]), "text": chosen[0]}]})
        for kind, agency, date in rng.sample(p["milestones"], rng.randint(0, 2)):
            date = date[:rng.choice([4, 7, 10, 10])]
            events.append({"type": kind, "agency": agency, "drug": chosen[0],
                           "indication": p["indication"][0],
                           "phase": None, "date": date, "date_precision": None, "date_text": date,
                           "date_source": "explicit", "planned": False,
                           "evidence": {"start": 0, "end": 30, "text": f"{chosen[0]} news of {date}."}})
    owner = chosen_products[0]
    return {"schema_version": "1", "source": f"releases/{n:07d}.txt", "title": f"Release {n}",
            "release_date": "2024-01-01",
            "companies": [{"name": owner["company"], "ticker": None, "mentions": []}],
            "drugs": drugs,
            "targets": [{"name": p["target"][0], "symbol": p["target"][1], "aliases": [], "mentions": []}
                        for p in chosen_products],
            "indications": [{"name": owner["indication"][0], "aliases": [], "doid": owner["indication"][1],
                             "mentions": []}],
            "agencies": [], "events": events, "identifiers": [], "encoding": "utf-8",
            "content_sha256": f"{n:032x}{version:032x}"}


WEIGHTS: dict[int, list[float]] = {}


def write_corpus(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    products = [product(i, rng) for i in range(max(10, n // 4))]
    WEIGHTS[len(products)] = [1 / (rank + 10) for rank in range(len(products))]  # a few popular ones
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(record(i, products, rng)) + "\n")
    rng = random.Random(seed + 1)  # the same corpus with 1% of the releases changed
    with path.with_suffix(".changed.jsonl").open("w", encoding="utf-8") as out, path.open() as old:
        for i, line in enumerate(old):
            out.write(json.dumps(record(i, products, rng, version=1)) + "\n" if i % 100 == 0 else line)


CHILD = r"""
import json, resource, sys, time
from rxnews.db import Loader, connect
from rxnews.db.query import drug_ids, drug_rows, find_drug, timeline

records, db = sys.argv[1], sys.argv[2]
start = time.perf_counter()
with Loader(db) as loader:
    loader.load_jsonl([records])
load = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
with Loader(db) as loader:
    counts = loader.load_jsonl([records.replace(".jsonl", ".changed.jsonl")])
reload = time.perf_counter() - start
conn = connect(db)
top = conn.execute("SELECT name FROM drugs ORDER BY releases DESC LIMIT 1").fetchone()[0]

def best(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        rows = fn()
        times.append(time.perf_counter() - start)
    return min(times), rows

def rows(**filters):
    return sum(1 for _ in drug_rows(conn, drug_ids(conn, **filters)))

queries = {  # each returns how many rows (drugs, or reports of events) it gave
    "drugs (every drug, with sources)": lambda: rows(),
    "drugs --target SYM7": lambda: rows(target="SYM7"),
    "drugs --indication 'disease ralove'": lambda: rows(indication="disease ralove"),
    "drugs --company 'company vera'": lambda: rows(company="company vera"),
    "drugs --agency PMDA --since 2024-06": lambda: rows(agency="PMDA", since="2024-06"),
    "timeline (most named drug)":
        lambda: sum(len(e["sources"]) for e in timeline(conn, find_drug(conn, top)[0])["events"]),
}
tables = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
          for t in ("releases", "drugs", "drug_aliases", "events", "event_sources")}
print(json.dumps({"load": load, "rss_mib": rss, "reload": reload, "replaced": counts.replaced,
                  "unchanged": counts.unchanged, "tables": tables,
                  "queries": {name: best(fn) for name, fn in queries.items()}}))
"""


def keep_best(best: dict | None, run: dict) -> dict:
    """The fastest of each time (a busy machine only slows things down) and the largest memory."""
    if best is None:
        return run
    return {**run, "load": min(best["load"], run["load"]), "reload": min(best["reload"], run["reload"]),
            "rss_mib": max(best["rss_mib"], run["rss_mib"]),
            "queries": {name: min(best["queries"][name], run["queries"][name]) for name in run["queries"]}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="records of the smaller run (the other is 10N)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each size, alternating; the best time of each measure is kept")
    args = parser.parse_args()
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.n, 10 * args.n):
            write_corpus(Path(tmp) / f"records-{n}.jsonl", n)
        for _ in range(args.repeat):
            for n in (args.n, 10 * args.n):
                db = Path(tmp) / f"p{n}.db"
                for leftover in Path(tmp).glob(f"p{n}.db*"):
                    leftover.unlink()
                out = subprocess.run([sys.executable, "-c", CHILD, str(Path(tmp) / f"records-{n}.jsonl"),
                                      str(db)], check=True, capture_output=True, text=True)
                run = json.loads(out.stdout)
                print(f"{n} records: {json.dumps(run)}", file=sys.stderr)
                results[n] = keep_best(results.get(n), run)
    small, large = results[args.n], results[10 * args.n]
    print(f"| measure | {args.n:,} records | {10 * args.n:,} records | ratio |")
    print("|---|---|---|---|")
    rows = [("drugs / events (entities)", None), ("load", "load"), ("reload, 1% changed", "reload")]
    for name, key in rows:
        if key is None:
            print(f"| {name} | {small['tables']['drugs']:,} / {small['tables']['events']:,} | "
                  f"{large['tables']['drugs']:,} / {large['tables']['events']:,} | |")
        else:
            print(f"| {name} | {small[key]:.2f} s | {large[key]:.2f} s | {large[key] / small[key]:.1f}x |")
    print(f"| peak memory (max RSS) | {small['rss_mib']:.0f} MiB | {large['rss_mib']:.0f} MiB | "
          f"{large['rss_mib'] / small['rss_mib']:.2f}x |")
    for name in small["queries"]:
        (a, rows_a), (b, rows_b) = small["queries"][name], large["queries"][name]
        print(f"| {name} | {a * 1000:.1f} ms ({rows_a:,} rows) | {b * 1000:.1f} ms ({rows_b:,} rows) | "
              f"{b / a:.1f}x |")


if __name__ == "__main__":
    main()
