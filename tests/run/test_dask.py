"""Dask: a real local cluster writes the same records as one machine, in input order."""

import json

import pytest
from click.testing import CliRunner
from conftest import RELEASES, SAMPLES

from rxnews.cli import cli
from rxnews.errors import ClusterError
from rxnews.matching.patterns import load_patterns
from rxnews.run.dask import connect, load_job, run_on_cluster
from rxnews.run.jobs import Job

TEXT = "May 2, 2024 - The FDA has approved ACM-101 for adults with gout.\n"


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                      dashboard_address=None) as local:
        yield local


def test_dask_output_equals_single_machine_output(cluster, tmp_path):
    runner = CliRunner()
    missing = str(tmp_path / "missing.txt")
    args = ["extract", str(SAMPLES), missing, str(RELEASES), "-q"]
    local = runner.invoke(cli, [*args, "--jobs", "1"])
    remote = runner.invoke(cli, [*args, "--scheduler", cluster.scheduler_address])
    assert local.exit_code == remote.exit_code == 1
    assert remote.stderr == local.stderr == f"rxnews: error: {missing}: no such file\n"
    records = [json.loads(line) for line in remote.stdout.splitlines()]
    assert len(records) == 11 and records == [json.loads(line) for line in local.stdout.splitlines()]


def test_dask_stdin_and_user_patterns_reach_the_workers(cluster, tmp_path):
    (tmp_path / "extra.jsonl").write_text(json.dumps(
        {"id": "my-target", "label": "TARGET", "pattern": "Zork1", "canonical": "Zork1",
         "symbol": None}) + "\n")
    result = CliRunner().invoke(cli, ["extract", "-", "-q", "--patterns", str(tmp_path),
                                      "--scheduler", cluster.scheduler_address],
                                input="ACM-101 is a Zork1 antagonist.")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    record = json.loads(result.stdout)
    assert record["source"] == "<stdin>" and [t["name"] for t in record["targets"]] == ["Zork1"]


def test_dask_small_window_keeps_input_order(cluster):
    paths = sorted(str(p) for p in RELEASES.glob("*.txt"))
    with connect(cluster.scheduler_address) as client:
        outcomes = list(run_on_cluster(client, (Job(p) for p in paths), load_patterns(), window=2))
    assert [o.source for o in outcomes] == paths and all(o.error is None for o in outcomes)


def test_dask_load_job_reads_bytes_on_the_client(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    assert load_job(Job(str(path))).data == TEXT.encode()
    failed = load_job(Job(str(path), max_bytes=10))
    reason = f"file too large ({len(TEXT)} bytes > --max-bytes 10)"
    assert (failed.source, failed.error) == (str(path), reason)


def test_dask_unreachable_scheduler_is_one_clear_error():
    with pytest.raises(ClusterError) as err:
        connect("tcp://127.0.0.1:9", timeout=0.5)
    assert str(err.value).startswith("cannot connect to the Dask scheduler at tcp://127.0.0.1:9: ")
