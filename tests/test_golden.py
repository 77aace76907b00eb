"""Golden tests: the sample releases give exactly the reviewed records in tests/golden/.

To refresh after an intended change: `python tests/test_golden.py` and review the diff.
"""

import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"
GOLDEN = HERE / "golden"


def summary(record: dict) -> dict:
    """The reviewed view of a record: every fact, without offsets."""
    return {
        "release_date": record["release_date"],
        "title": record["title"],
        "companies": [[c["name"], c["ticker"]] for c in record["companies"]],
        "drugs": [{k: d[k] for k in ("name", "kind", "aliases", "modality", "targets")}
                  for d in record["drugs"]],
        "targets": [[t["name"], t["symbol"]] for t in record["targets"]],
        "indications": [{"name": i["name"], "aliases": i["aliases"]} for i in record["indications"]],
        "agencies": [a["name"] for a in record["agencies"]],
        "events": [{k: e[k] for k in ("type", "agency", "drug", "indication", "phase", "date",
                                      "date_precision", "date_text", "date_source", "planned")}
                   for e in record["events"]],
        "identifiers": [[i["type"], i["value"]] for i in record["identifiers"]],
    }


def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.stem)
def test_golden_sample_records(extractor, path):
    record = extractor.extract(path.read_text(encoding="utf-8"), source=path.name).to_dict()
    expected = json.loads((GOLDEN / f"{path.stem}.json").read_text(encoding="utf-8"))
    assert summary(record) == expected


if __name__ == "__main__":
    from rxnews.extractor import Extractor

    ex = Extractor()
    for p in sample_paths():
        rec = ex.extract(p.read_text(encoding="utf-8"), source=p.name).to_dict()
        (GOLDEN / f"{p.stem}.json").write_text(
            json.dumps(summary(rec), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
