"""The gold corpus loaded: a product named by several releases is one drug with all of them."""

from collections import defaultdict
from pathlib import Path

import pytest

from db.builders import check
from rxnews.db import Loader, connect
from rxnews.db.query import drug_rows, find_drug
from rxnews.text import fold_key


@pytest.fixture(scope="module")
def corpus_records(extractor, shared_corpus):
    paths = sorted((shared_corpus / "seeds").glob("*.txt")) + sorted((shared_corpus / "dev").glob("*.txt"))
    return [extractor.extract(Path(p).read_text(encoding="utf-8"), source=p.name).to_dict() for p in paths]


def test_corpus_products_in_several_releases_are_one_drug(tmp_path, corpus_records):
    releases_of = defaultdict(set)  # folded drug name -> the releases whose records name it
    for r in corpus_records:
        for item in r["drugs"]:
            for name in [item["name"], *item["aliases"]]:
                releases_of[fold_key(name)].add(r["source"])
    shared = {key: sources for key, sources in releases_of.items() if key and len(sources) >= 2}
    assert shared, "no product is named by two releases of the corpus"
    db = tmp_path / "corpus.db"
    with Loader(db) as loader:
        for r in corpus_records:
            loader.add(r)
    check(db)
    conn = connect(db)
    for key, sources in shared.items():
        drug_id, others = find_drug(conn, key)
        assert others == [], f"{key} names several drugs"
        row = next(drug_rows(conn, [drug_id]))
        assert sources <= set(row["sources"]), key
        assert row["releases"] == len(row["sources"]) >= 2
