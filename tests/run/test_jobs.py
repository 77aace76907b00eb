"""One job: an input read, decoded and extracted into its outcome."""

import gc
import hashlib
import json

import pytest

from rxnews.lifetime import long_lived
from rxnews.matching.patterns import load_patterns
from rxnews.run.jobs import Job, build_extractor, run_job

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"


def test_jobs_run_job_records_the_content_hash(extractor):
    data = TEXT.encode("utf-8")
    outcome = run_job(Job("-", data), extractor)
    assert outcome.error is None
    assert outcome.record["source"] == "<stdin>"
    assert outcome.record["content_sha256"] == hashlib.sha256(data).hexdigest()


def test_jobs_outcome_line_is_the_records_json_line(extractor):
    data = TEXT.encode("utf-8")
    outcome = run_job(Job("-", data), extractor)
    record = extractor.extract(TEXT, source="<stdin>", release_date=None)
    record.encoding, record.content_sha256 = "utf-8", hashlib.sha256(data).hexdigest()
    assert outcome.line == record.to_json()
    assert json.loads(outcome.line) == outcome.record
    assert outcome.events == len(outcome.record["events"]) > 0


def test_jobs_run_job_error_outcome(extractor, tmp_path):
    outcome = run_job(Job(str(tmp_path / "missing.txt")), extractor)
    assert (outcome.record, outcome.error) == (None, "no such file")


def test_jobs_worker_keeps_its_patterns_out_of_the_garbage_collector():
    entries = load_patterns(())
    gc.unfreeze()
    build_extractor(entries)
    try:
        assert gc.get_freeze_count() > len(entries)  # entries, tries and matchers alike
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("enabled", [True, False])
def test_jobs_long_lived_pauses_the_collector_then_freezes(enabled):
    (gc.enable if enabled else gc.disable)()
    gc.unfreeze()
    try:
        with long_lived():
            assert not gc.isenabled()
            built = [[i] for i in range(1000)]
        assert gc.isenabled() == enabled  # as it was
        assert gc.get_freeze_count() >= len(built)
    finally:
        gc.unfreeze()
        gc.enable()
